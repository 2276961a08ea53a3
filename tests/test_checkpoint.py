"""Atomic checkpoints and exact resume: 6 steps in one go == 3 steps, kill, resume 3."""

import re

import pytest

torch = pytest.importorskip("torch", reason="needs the [train] extra: pip install 'textbook-gym[train]'")

from textbook_gym.agents import checkpoint as ckpt
from textbook_gym.agents.backends.base import Backend, Completion
from textbook_gym.agents.config import DataConfig, RLConfig, SFTStageConfig
from textbook_gym.agents.learners.grpo import GRPOLearner
from textbook_gym.agents.models import build_tiny_model, load_model, load_tokenizer


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    return build_tiny_model("tiny", tmp_path_factory.mktemp("tiny"), seed=0)


def test_atomic_write_leaves_old_file_when_the_writer_fails(tmp_path):
    target = tmp_path / "state.txt"
    ckpt.atomic_write_text(target, "old")

    class Boom(Exception):
        pass

    def failing(tmp):
        (tmp / "half").write_text("partial")
        raise Boom

    with pytest.raises(Boom):
        ckpt.atomic_dir(tmp_path / "ckpt", failing)
    assert target.read_text() == "old"
    assert not (tmp_path / "ckpt").exists()
    assert not list(tmp_path.glob(".*.tmp"))


def test_half_written_checkpoints_are_ignored_and_old_ones_rotated(tmp_path):
    model = torch.nn.Linear(2, 2)
    opt = torch.optim.AdamW(model.parameters())
    for step in (1, 2, 3):
        ckpt.save_checkpoint(tmp_path, step, model, opt, keep=2)
    (tmp_path / ".step-000004.abc.tmp").mkdir()  # a kill in the middle of writing step 4
    assert [p.name for p in ckpt.list_checkpoints(tmp_path)] == ["step-000002", "step-000003"]
    ckpt.clean_temporaries(tmp_path)
    assert not list(tmp_path.glob(".*.tmp"))


class NoisyOracle(Backend):
    """Answers one-digit sums right or wrong at random, from a generator seeded by the sampling seed."""

    name = "oracle"

    def __init__(self, tokenizer):
        self._tok = tokenizer

    @property
    def tokenizer(self):
        return self._tok

    def generate(self, prompts, sampling, return_logprobs=False):
        gen = torch.Generator().manual_seed(sampling.seed)
        out = []
        for prompt in prompts:
            text = prompt if isinstance(prompt, str) else prompt[-1]["content"]  # chat: the last user turn
            a, b = map(int, re.search(r"What is (\d+) \+ (\d+)\?", text).groups())
            group = []
            for _ in range(sampling.n):
                text = f"\\boxed{{{a + b + int(torch.randint(0, 2, (1,), generator=gen))}}}"
                ids = self._tok(text, add_special_tokens=False)["input_ids"] + [self._tok.eos_token_id]
                group.append(Completion(text, ids, None, "stop"))
            out.append(group)
        return out

    def update_weights(self, named_parameters):
        pass


def grpo(model_dir, out):
    tok = load_tokenizer(model_dir)
    model = load_model(model_dir, dtype=torch.float32)
    cfg = RLConfig(steps=6, problems_per_step=2, group_size=4, max_tokens=8, lr=1e-3, warmup_steps=4, curriculum=False)
    return GRPOLearner(
        model, tok, NoisyOracle(tok), cfg, ("Arithmetic",), "1", out, seed=3, checkpoint_every=3, progress=False
    )


def test_grpo_resume_after_kill_matches_an_uninterrupted_run(model_dir, tmp_path):
    straight = grpo(model_dir, tmp_path / "a")
    straight.train()
    killed = grpo(model_dir, tmp_path / "b")
    killed.train(stop_after=3)  # dies after step 3 (its checkpoint is on disk)
    assert killed.step == 3
    resumed = grpo(model_dir, tmp_path / "b")
    resumed.train(resume=True)
    assert resumed.step == 6 and resumed.next_problem == straight.next_problem
    a, b = straight.model.state_dict(), resumed.model.state_dict()
    assert any(not torch.equal(a[k], load_model(model_dir).state_dict()[k]) for k in a)  # it did learn
    assert all(torch.equal(a[k], b[k]) for k in a)
    steps = [r["step"] for r in ckpt_records(tmp_path / "b" / "metrics.jsonl")]
    assert steps == [1, 2, 3, 4, 5, 6]


def ckpt_records(path):
    from textbook_gym.agents.metrics import read_jsonl

    return read_jsonl(path)


def test_sft_resume_after_kill_matches_an_uninterrupted_run(model_dir, tmp_path):
    from textbook_gym.agents.learners.sft import sft

    data = DataConfig(train_problems=64, difficulty="1")
    cfg = SFTStageConfig(steps=6, batch_size=4, lr=1e-3)
    run = dict(progress=False, checkpoint_every=3, seed=1)
    a = sft(model_dir, tmp_path / "a", data, cfg, **run)
    interrupted = sft(model_dir, tmp_path / "b", data, cfg, stop_after=3, **run)
    assert interrupted == {"interrupted_at": 3}
    assert [p.name for p in ckpt.trainer_checkpoints(tmp_path / "b" / "checkpoints")] == ["checkpoint-3"]
    b = sft(model_dir, tmp_path / "b", data, cfg, resume=True, **run)
    wa, wb = load_model(a["model"]).state_dict(), load_model(b["model"]).state_dict()
    assert all(torch.equal(wa[k], wb[k]) for k in wa)
