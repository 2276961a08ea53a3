"""The TRL reward-function adapter: contract, pickling, and a real GRPOTrainer run."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from textbook_gym.integrations.trl import TextbookReward, reward_function


def test_scores_follow_the_verdicts():
    reward = reward_function("math")
    scores = reward(["\\boxed{4}", "\\boxed{5}", "no anchor"], answer=["4", "4", "4"])
    assert scores == [1.0, 0.0, 0.0]


def test_conversational_completions_use_the_last_message():
    reward = reward_function("math")
    completions = [[{"role": "assistant", "content": "\\boxed{1/2}"}]]
    assert reward(completions, answer=["0.5"]) == [1.0]


def test_unscorable_samples_are_none_not_zero():
    def broken(response, gold, **options):
        raise RuntimeError("bug in a custom verifier")

    reward = reward_function(broken)
    assert reward(["\\boxed{1}"], answer=["1"]) == [None]


def test_reward_pickles_and_keeps_working():
    reward = pickle.loads(pickle.dumps(reward_function("math")))
    assert isinstance(reward, TextbookReward)
    assert reward(["\\boxed{7}"], answer=["7"]) == [1.0]
    assert reward.__name__ == "textbook_math"


def test_family_reward_reads_the_problem_column():
    import textbook_gym

    name = textbook_gym.list_families()[0]
    family = textbook_gym.get_family(name)
    problem = family.generate(np.random.default_rng(0), 1)
    reward = reward_function(family.env_id)
    good = family.worked_solution(problem)
    assert reward([good, "no answer"], problem=[problem.to_json(), problem.to_json()]) == [1.0, 0.0]


def test_missing_column_names_the_fix():
    with pytest.raises(KeyError, match="answer"):
        reward_function("math")(["\\boxed{1}"])


def _tiny_model(tmp_path):
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    chars = list("0123456789+-*/=()\\{}boxed ?:.Answer")
    vocab = {tok: i for i, tok in enumerate(["<pad>", "<s>", "</s>", "<unk>"] + sorted(set(chars)))}
    tok = Tokenizer(models.WordLevel(vocab=vocab, unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Split("", "isolated")
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=tok, bos_token="<s>", eos_token="</s>", pad_token="<pad>", unk_token="<unk>"
    )
    config = LlamaConfig(
        vocab_size=len(vocab), hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4,
        num_key_value_heads=4, head_dim=16, max_position_embeddings=128,
        bos_token_id=1, eos_token_id=2, pad_token_id=0,
    )
    model = LlamaForCausalLM(config)
    model.save_pretrained(tmp_path / "model")
    tokenizer.save_pretrained(tmp_path / "model")
    return str(tmp_path / "model")


def test_grpo_trainer_runs_with_the_reward(tmp_path):
    pytest.importorskip("trl")
    from datasets import Dataset
    from trl import GRPOConfig, GRPOTrainer

    model_dir = _tiny_model(tmp_path)
    data = Dataset.from_dict({"prompt": ["1+1=?", "2+2=?", "3+3=?", "4+4=?"], "answer": ["2", "4", "6", "8"]})
    calls = []

    class Recording(TextbookReward):
        def __call__(self, completions, **kwargs):
            scores = super().__call__(completions, **kwargs)
            calls.append(scores)
            return scores

    args = GRPOConfig(
        output_dir=str(tmp_path / "out"), use_cpu=True, bf16=False, report_to=[], max_steps=2,
        per_device_train_batch_size=4, num_generations=4, max_completion_length=8, logging_steps=1,
        save_strategy="no", disable_tqdm=True, dataloader_num_workers=0,
    )
    trainer = GRPOTrainer(model=model_dir, reward_funcs=Recording("math"), args=args, train_dataset=data)
    trainer.train()
    assert calls, "the reward function was never called"
    assert all(isinstance(s, float) and 0.0 <= s <= 1.0 for batch in calls for s in batch)
    assert trainer.state.global_step == 2


def test_mixed_export_rows_are_scored_by_their_own_family(tmp_path):
    """The README's `export Arithmetic Fractions` file: one reward scores both families right."""
    import json

    import textbook_gym
    from textbook_gym import export

    path = export.write_jsonl(export.records(["Arithmetic", "Fractions"], "practice", 12, difficulty="1-6"),
                              tmp_path / "practice.jsonl")
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    problems = [textbook_gym.Problem.from_json(r["problem"]) for r in rows]
    assert {p.family for p in problems} == {"Arithmetic", "Fractions"}
    right = [textbook_gym.get_family(p.family).worked_solution(p) for p in problems]
    wrong = ["\\boxed{-987654}"] * len(rows)
    column = {"problem": [r["problem"] for r in rows], "answer": [r["answer"] for r in rows]}
    arithmetic = textbook_gym.get_family("Arithmetic").env_id
    for reward in (reward_function(), reward_function(arithmetic), reward_function("Fractions")):
        assert reward(right, **column) == [1.0] * len(rows), reward
        assert reward(wrong, **column) == [0.0] * len(rows), reward
        assert pickle.loads(pickle.dumps(reward))(right[:2], problem=column["problem"][:2]) == [1.0, 1.0]
    # The explicit override: the named family's verifier scores every row, whatever its family.
    forced = reward_function(arithmetic, override=True)(right, **column)
    fractions = [i for i, p in enumerate(problems) if p.family == "Fractions"]
    assert [forced[i] for i in range(len(rows)) if i not in fractions] == [1.0] * (len(rows) - len(fractions))
    assert any(forced[i] != 1.0 for i in fractions), "override=True should use Arithmetic's verifier on Fractions"


def test_a_row_whose_problem_cannot_be_read_is_unscored_not_zero():
    reward = reward_function()
    assert reward(["\\boxed{1}", "\\boxed{1}"], problem=["not json", 7]) == [None, None]
