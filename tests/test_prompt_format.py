"""One prompt format from SFT to RL to evaluation: a model is judged on exactly what it was taught.

SFT records go through TRL's chat-template rendering, RL episodes and the
pipeline's evaluation through the backends' ``encode``, and
``textbook_gym.evaluate`` sends the environment's own chat messages. If any of the
four differed by a single token, a trained model would score far lower under one
of them than under the others; these tests pin the token ids of all four to one
another on the embedded model's real tokenizer.
"""

from __future__ import annotations

import pytest

from textbook_gym import TextbookEnv, get_family
from textbook_gym.agents.backends.base import Backend
from textbook_gym.agents.backends.prompts import encode
from textbook_gym.agents.learners.data import has_chat_template, policy_prompt, problems, worked_pairs


class RecordingBackend(Backend):
    """A real hf backend that also keeps the token ids of every prompt it is asked to complete."""

    name = "recording"

    def __init__(self, inner):
        self.inner = inner
        self.prompt_ids: list[list[int]] = []

    @property
    def tokenizer(self):
        return self.inner.tokenizer

    def generate(self, prompts, sampling=None, return_logprobs=False):
        self.prompt_ids.extend(encode(self.tokenizer, p) for p in prompts)
        return self.inner.generate(prompts, sampling, return_logprobs=return_logprobs)

    def update_weights(self, named_parameters):
        self.inner.update_weights(named_parameters)


@pytest.fixture(scope="module")
def tokenizer(tiny_model_dir):
    from textbook_gym.agents.models import load_tokenizer

    return load_tokenizer(tiny_model_dir)


def test_the_embedded_model_prompts_as_a_conversation(tokenizer):
    assert has_chat_template(tokenizer)
    problem = problems(["Arithmetic"], "train", 0, 1, "2")[0]
    messages = [{"role": "user", "content": get_family("Arithmetic").prompt(problem)}]
    assert policy_prompt("ignored", messages, chat=True) == messages
    assert policy_prompt("What is 1 + 1?", messages, chat=False) == "What is 1 + 1?\n"


def test_sft_records_tokenize_like_the_env_conversation_the_backends_encode(tiny_model_dir, tokenizer):
    from datasets import Dataset
    from trl import SFTConfig, SFTTrainer

    from textbook_gym.agents.models import load_model

    records = worked_pairs(["Arithmetic"], 3, "1-2")
    tokenizer.padding_side = "right"
    args = SFTConfig(output_dir=str(tiny_model_dir.parent / "fmt"), max_steps=1, use_cpu=True, report_to=[],
                     completion_only_loss=True, max_length=512, dataset_num_proc=None)
    trainer = SFTTrainer(model=load_model(tiny_model_dir), args=args, train_dataset=Dataset.from_list(records),
                         processing_class=tokenizer)
    for record, row in zip(records, trainer.train_dataset):
        env = TextbookEnv("Arithmetic")
        problem = problems(["Arithmetic"], "train", 0, 3, "1-2")[records.index(record)]
        _, info = env.reset(options={"problem": problem})
        prompt_ids = encode(tokenizer, info["messages"])
        labels = row["labels"]
        first_label = next(i for i, label in enumerate(labels) if label != -100)
        # TRL trains on exactly the env's conversation as prompt, then the worked solution and end of turn.
        assert row["input_ids"][:first_label] == prompt_ids
        completion = tokenizer.decode(row["input_ids"][first_label:])
        assert completion.startswith(record["completion"][0]["content"])
        assert tokenizer.eos_token in completion


def test_rl_and_both_evaluations_send_the_same_tokens_through_the_one_runner(hf_backend):
    """RL's groups, the pipeline's evaluation and ``textbook_gym.evaluate`` all play their episodes with
    ``textbook_gym.episodes.play``: for the same problems they ask the model exactly the same token ids."""
    import textbook_gym
    from textbook_gym.agents.backends import SamplingConfig
    from textbook_gym.agents.learners.episodes import run_groups
    from textbook_gym.agents.learners.evaluate import evaluate as pipeline_evaluate
    from textbook_gym.export import problems as split_problems

    ours = RecordingBackend(hf_backend)
    pipeline_evaluate(ours, ("Arithmetic",), "2", n_problems=4, max_tokens=4, batch_size=4)
    pipeline_prompts = {tuple(ids) for ids in ours.prompt_ids}

    theirs = RecordingBackend(hf_backend)
    textbook_gym.evaluate(theirs, ["textbook/Arithmetic-v1"], n=4, difficulty="2", max_tokens=4, progress=False)
    public_prompts = {tuple(ids) for ids in theirs.prompt_ids}

    posed = split_problems("Arithmetic", "test", 4, difficulty=2)
    learner = RecordingBackend(hf_backend)
    episodes = run_groups(posed, learner, SamplingConfig(max_tokens=4), group_size=2, split="test")
    rl_prompts = {tuple(ids) for ids in learner.prompt_ids}

    expected = {
        tuple(encode(hf_backend.tokenizer, [{"role": "user", "content": get_family("Arithmetic").prompt(p)}]))
        for p in posed
    }
    # one level and the same seed: both evaluations draw the test split's first problems
    assert public_prompts == expected
    assert pipeline_prompts == expected
    assert rl_prompts == expected and len(learner.prompt_ids) == 4  # a group shares one request
    assert {tuple(ep.turns[0].prompt_ids) for ep in episodes} == expected  # and trains on those ids
