"""Several passes over one batch: the old log-probabilities stay fixed, so the ratio moves and the clip acts.

``benchmarks/rl_overfit.py`` once fitted a batch by calling ``update()`` twenty
times with ``epochs=1``: each call recomputed the old log-probabilities, the ratio
was 1 at every pass and the clip never acted. Its fixed-old mode (``one_pass``
against ``old_values`` taken once) is PPO's epochs, and the clip then bounds the fit.
Also: a chunked pass weighs its chunks into exactly the whole batch's gradient,
which is why ``loss()`` needs no weight of its own.
"""

from __future__ import annotations

import importlib.util
import inspect
from pathlib import Path

import pytest

torch = pytest.importorskip("torch", reason="the learner needs the train extra: pip install 'textbook-gym[train]'")

from test_learner_grpo import learner  # noqa: E402

from textbook_gym.agents.learners import losses  # noqa: E402
from textbook_gym.agents.learners.data import split_problem  # noqa: E402
from textbook_gym.agents.learners.grpo import GRPOLearner  # noqa: E402
from textbook_gym.agents.learners.ppo import PPOLearner  # noqa: E402
from textbook_gym.agents.learners.rl import pack  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def overfit_module():
    spec = importlib.util.spec_from_file_location("rl_overfit", ROOT / "benchmarks" / "rl_overfit.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def grpo_batch(cls, model_dir, tmp_path, **overrides):
    problem = split_problem("Arithmetic", "train", 0, 1)
    texts = [f"The sum is \\boxed{{{problem.answer}}}", f"The sum is \\boxed{{{problem.answer + 1}}}"]
    lrn = learner(cls, model_dir, tmp_path, texts, problems_per_step=2, max_tokens=32, **overrides)
    lrn.draw_problems = lambda count, rng: [problem] * count
    episodes, _ = lrn.collect(0)
    adv = lrn.turn_advantages(episodes, lrn.advantages(episodes))
    turns = [t for ep in episodes for t in ep.turns]
    batch = pack(turns, adv, [ep.reward for ep in episodes], lrn.tokenizer.pad_token_id, "cpu")
    signs = losses.group_advantages(torch.tensor([ep.reward for ep in episodes]), lrn.cfg.group_size)
    return lrn, batch, signs


def test_fitting_a_batch_with_fixed_old_log_probs_makes_the_clip_act(tiny_model_dir, tmp_path):
    fit_batch = overfit_module().fit_batch
    lrn, batch, signs = grpo_batch(GRPOLearner, tiny_model_dir, tmp_path, epochs=4, lr=1e-2)
    trace = fit_batch(lrn, batch, signs, passes=4, mode="fixed-old", every=1)
    clip = [t["clip_fraction_last"] for t in trace[1:]]
    assert clip[0] == 0.0  # the first pass is on-policy: ratio 1
    assert all(c > 0 for c in clip[1:])  # then the ratio leaves 1 and the clip acts
    assert trace[-1]["logp_right"] > trace[0]["logp_right"]


def test_repeated_updates_reset_the_old_log_probs_so_the_clip_never_acts(tiny_model_dir, tmp_path):
    """What the benchmark measured before #21: a fit with no trust region."""
    fit_batch = overfit_module().fit_batch
    lrn, batch, signs = grpo_batch(GRPOLearner, tiny_model_dir, tmp_path, epochs=1, lr=1e-2)
    trace = fit_batch(lrn, batch, signs, passes=3, mode="repeated-updates", every=1)
    assert all(t["clip_fraction_last"] == 0.0 and t["ratio_last"] == pytest.approx(1.0) for t in trace[1:])


@pytest.mark.parametrize("cls", [GRPOLearner, PPOLearner])
def test_chunked_passes_give_the_whole_batch_gradient_and_loss_takes_no_weight(tiny_model_dir, tmp_path, cls):
    assert list(inspect.signature(cls.loss).parameters) == ["self", "batch", "old"]
    grads = []
    for minibatch in (0, 1):
        lrn, batch, _ = grpo_batch(cls, tiny_model_dir, tmp_path / str(minibatch), minibatch_size=minibatch,
                                   max_grad_norm=1e9, epochs=2)
        lrn.one_pass(batch, lrn.old_values(batch))
        grads.append(torch.cat([p.grad.flatten() for p in lrn.module.parameters() if p.grad is not None]))
    assert torch.count_nonzero(grads[0]) > 0
    assert torch.allclose(grads[0], grads[1], atol=1e-6, rtol=1e-4)
