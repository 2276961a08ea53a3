"""TRL environments: a real GRPOTrainer run with environment_factory, and the factory's contract.

The embedded tiny model is untrained, so on its own it never writes a tool call. The
trainer run therefore steers its sampling with transformers' ``sequence_bias`` (a logits
processor passed through ``GRPOConfig.generation_kwargs``) so that it writes one fixed
``submit_answer`` call per turn; everything else is TRL's own code: the chat template
renders the tools, TRL's response parser reads the call, its tool loop runs the
environment's method and feeds the feedback back as a tool message, and the reward comes
from ``get_reward``.
"""

from __future__ import annotations

import os

import pytest

from textbook_gym import get_family
from textbook_gym.integrations.common import problem_from_row, task_rows
from textbook_gym.integrations.trl_env import (
    TOOL_INSTRUCTION,
    TextbookToolEnv,
    environment_factories,
    environment_factory,
    train_dataset,
)

# A compact tool-calling chat template in Qwen's form (so TRL's Qwen response parser reads the calls);
# the tiny model's character vocabulary encodes it, and it keeps prompts short.
CHAT_TEMPLATE = (
    "{%- for m in messages %}<|im_start|>{{ m.role }}\n{% if m.content is string %}{{ m.content }}{% endif %}"
    "{% if m.tool_calls %}{% for tc in m.tool_calls %}<tool_call>\n{\"name\": \"{{ tc.function.name }}\", "
    "\"arguments\": {{ tc.function.arguments | tojson }}}\n</tool_call>{% endfor %}{% endif %}<|im_end|>\n"
    "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)
CALL = '<tool_call>\n{"name": "submit_answer", "arguments": {"answer": "7"}}\n</tool_call><|im_end|>'


def _rows_with_and_without_seven():
    """Two training rows of Arithmetic level 1: one whose answer is 7, one whose answer is not."""
    rows = task_rows(["Arithmetic"], 200, difficulty=1)
    seven = next(r for r in rows if problem_from_row(r).answer == 7)
    other = next(r for r in rows if problem_from_row(r).answer != 7)
    return [seven, other]


def test_grpo_trainer_runs_trial_and_error_through_the_tool_loop(tiny_model_dir, tmp_path):
    os.environ.setdefault("TRL_EXPERIMENTAL_SILENCE", "1")
    import datasets
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from trl import GRPOConfig, GRPOTrainer
    from trl.chat_template_utils import qwen3_template

    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    tokenizer.chat_template = CHAT_TEMPLATE
    tokenizer.response_template = qwen3_template
    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir, dtype=torch.float32)
    ids = tokenizer(CALL, add_special_tokens=False)["input_ids"] + [tokenizer.eos_token_id]
    # Longer matches weigh more, so the longest prefix of CALL already written decides the next token.
    bias = [[ids[: k + 1], 20.0 * (k + 1)] for k in range(len(ids))]
    rows = _rows_with_and_without_seven()
    dataset = datasets.Dataset.from_list([{"prompt": [{"role": "user", "content": ""}], **r} for r in rows])
    args = GRPOConfig(
        output_dir=str(tmp_path / "grpo"), use_cpu=True, bf16=False, report_to=[], max_steps=1,
        per_device_train_batch_size=4, num_generations=2, max_completion_length=400, max_tool_calling_iterations=2,
        generation_kwargs={"sequence_bias": bias}, logging_steps=1, save_strategy="no", shuffle_dataset=False,
    )
    trainer = GRPOTrainer(model=model, processing_class=tokenizer, args=args, train_dataset=dataset,
                          environment_factory=environment_factory(max_attempts=2, feedback="hint"))
    trainer.train()

    envs = trainer.environments
    assert len(envs) == 4
    by_problem: dict[str, list[TextbookToolEnv]] = {}
    for env in envs:
        by_problem.setdefault(env._problem.id, []).append(env)
    # Both members of each GRPO group got the same problem, rebuilt from the row's seed.
    assert sorted(by_problem) == sorted(r["problem_id"] for r in rows)
    family = get_family("Arithmetic")
    rewards = []
    for env in envs:
        problem = env._problem
        want = family.verify(problem, "\\boxed{7}")
        assert env.get_reward() == want.score
        rewards.append(want.score)
        if problem.answer == 7:
            assert [v.status.value for v in env._verdicts] == ["CORRECT"]
        else:
            # The first answer was wrong, the hint went back to the model as a tool message,
            # and TRL's loop generated and ran a second call.
            assert [v.status.value for v in env._verdicts] == ["INCORRECT", "INCORRECT"]
            feedback = env._episode.messages[2]["content"]
            assert feedback.startswith("That answer is incorrect. Hint:")
    # TRL's own record of each rollout: its per-rollout reward and the conversation it built,
    # where the environment's feedback is the tool message the second assistant turn answers.
    completions = list(trainer._logs["completion"])
    logged_rewards = list(trainer._logs["rewards"]["TextbookToolEnv"])
    assert len(completions) == len(logged_rewards) == len(envs)
    for env, completion, reward in zip(envs, completions, logged_rewards):
        assert reward == env.get_reward()
        roles = [message["role"] for message in completion]
        assert roles[:3] == ["assistant", "tool", "assistant"]
        if env._problem.answer != 7:
            assert completion[1]["content"] == env._episode.messages[2]["content"]  # the hint, verbatim
    logged = next(h for h in trainer.state.log_history if "rewards/TextbookToolEnv/mean" in h)
    assert logged["rewards/TextbookToolEnv/mean"] == pytest.approx(sum(rewards) / len(rewards))
    # Every rollout called the tool twice (max_tool_calling_iterations=2); a solved episode answers the
    # second call with "The episode is over", which records no verdict (checked above).
    assert logged["tools/call_frequency"] == pytest.approx(2.0)


def test_factory_contract_as_trl_uses_it():
    """What TRL does with a factory, step by step: probe, reset(**row), call the tool methods, get_reward."""
    pytest.importorskip("transformers", reason="TRL's tool schema comes from transformers: pip install 'textbook-gym[trl]'")
    import inspect

    from transformers.utils import get_json_schema

    factory = environment_factory(max_attempts=3, feedback="verdict")
    env = factory()
    tools = [name for name, _ in inspect.getmembers(type(env), predicate=inspect.isfunction)
             if name not in ("reset", "get_reward") and not name.startswith("_")]
    assert tools == ["submit_answer"]
    schema = get_json_schema(env.submit_answer)
    assert schema["function"]["parameters"]["required"] == ["answer"]
    assert "final answer" in schema["function"]["parameters"]["properties"]["answer"]["description"]

    row = {"prompt": [{"role": "user", "content": ""}], **task_rows(["LinearEquations"], 1, difficulty=2)[0]}
    problem = problem_from_row(row)
    family = get_family("LinearEquations")
    assert env.reset(**row) == f"{family.prompt(problem)}\n{TOOL_INSTRUCTION}"
    assert env.get_reward() == 0.0  # nothing submitted yet
    first = env.submit_answer("123456")
    assert first.startswith("That answer is incorrect.") and "2 attempts left" in first
    second = env.submit_answer("no idea")  # boxed as \boxed{no idea}: the family decides what that is
    assert env._verdicts[1] == family.verify(problem, "\\boxed{no idea}")
    assert "1 attempt left" in second
    from textbook_gym.answers import answer_text

    assert env.submit_answer(answer_text(problem.answer)) == "Correct. The episode is over."
    assert env.get_reward() == 1.0
    assert env.submit_answer("1") == "The episode is over; no more answers are accepted."
    # A pooled instance is reset for the next rollout: no state carries over.
    env.reset(**row)
    assert env.get_reward() == 0.0 and env._verdicts == []


def test_dataset_rows_splits_and_mixed_families():
    pytest.importorskip("datasets", reason="TRL's data sets need the trl extra: pip install 'textbook-gym[trl]'")
    ds = train_dataset(["Arithmetic", "Fractions"], 3, difficulty=(1, 4), environment_column=True, curriculum=True)
    assert ds.num_rows == 6
    assert list(ds["difficulty"]) == sorted(ds["difficulty"])
    assert set(ds["environment"]) == {"Arithmetic", "Fractions"}
    assert set(ds["split"]) == {"train"}
    factories = environment_factories(["Arithmetic", "Fractions"], max_attempts=2)
    from textbook_gym.export import split_of

    for row in ds:
        env = factories[row["environment"]]()
        env.reset(**{k: v for k, v in row.items() if k != "environment"})
        assert env._problem.family == row["environment"] and split_of(env._problem) == "train"
    test_rows = train_dataset("Arithmetic", 2, split="test")
    assert all(split_of(problem_from_row(r)) == "test" for r in test_rows)


def test_bad_rows_and_settings_fail_with_the_cause():
    env = TextbookToolEnv()
    with pytest.raises(KeyError, match="needs family, difficulty and seed"):
        env.reset(prompt=[{"role": "user", "content": ""}])
    row = dict(task_rows(["Arithmetic"], 1)[0], problem_id="Arithmetic-v0-0000000000000000")
    with pytest.raises(ValueError, match="export them again"):
        env.reset(**row)
    with pytest.raises(ValueError, match="feedback must be one of"):
        environment_factory(feedback="loud")
