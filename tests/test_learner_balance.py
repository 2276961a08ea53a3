"""Level-balanced batches: dynamic sampling refills each level from its own problems.

Dynamic sampling keeps only groups whose answers disagree. Where the model always
fails one level, that level's groups are dropped and the refill rounds fill the
batch with the easier level, so RL trains on the level it already does best. With
``balance_levels`` every level of the practice range gets an equal share of the
groups, refilled from problems of that level.
"""

from __future__ import annotations

from collections import Counter

import pytest

pytest.importorskip("torch", reason="the learner needs the train extra: pip install 'textbook-gym[train]'")

from test_learner_grpo import ScriptedBackend, learner  # noqa: E402

from textbook_gym import get_family  # noqa: E402
from textbook_gym.agents.backends.base import Completion  # noqa: E402
from textbook_gym.agents.learners.grpo import GRPOLearner  # noqa: E402


class LevelBackend(ScriptedBackend):
    """Answers every level-1 problem right and wrong in turn (a group with variance); a level-2 problem
    only when its answer is divisible by 3, and otherwise always wrong (a group dropped)."""

    def __init__(self, tokenizer):
        super().__init__(tokenizer, [])
        self.known: dict[str, object] = {}

    def generate(self, prompts, sampling, return_logprobs=False):
        out = []
        for prompt in prompts:
            problem = self.known[prompt[-1]["content"]]
            learnable = problem.difficulty == 1 or problem.answer % 3 == 0
            group = []
            for k in range(sampling.n):
                value = problem.answer if learnable and k % 2 == 0 else problem.answer + 1
                ids = self._tok(f"\\boxed{{{value}}}", add_special_tokens=False)["input_ids"]
                group.append(Completion(f"\\boxed{{{value}}}", ids + [self._tok.eos_token_id], None, "stop"))
            out.append(group)
        return out


def level_learner(model_dir, tmp_path, **overrides):
    lrn = learner(GRPOLearner, model_dir, tmp_path, [], problems_per_step=6, group_size=2, max_sampling_rounds=6,
                  **overrides)
    lrn.difficulty = "1-2"
    backend = LevelBackend(lrn.tokenizer)
    lrn.backend = backend
    family = get_family("Arithmetic")
    draw = lrn.draw_problems

    def remembering(*args, **kwargs):  # the backend sees prompts; let it find their problems
        problems = draw(*args, **kwargs)
        for p in problems:
            backend.known[family.prompt(p)] = p
        return problems

    lrn.draw_problems = remembering
    return lrn


def kept_levels(lrn, step):
    episodes, stats = lrn.collect(step)
    return Counter(ep.problem.difficulty for ep in episodes), stats


def test_without_balance_the_refills_skew_the_batch_to_the_level_that_varies(tiny_model_dir, tmp_path):
    lrn = level_learner(tiny_model_dir, tmp_path)
    levels, stats = kept_levels(lrn, 0)
    assert stats["groups_kept"] == 6
    assert levels[1] > 2 * levels[2]  # what balance_levels corrects


@pytest.mark.parametrize("step", [0, 1])
def test_balanced_batches_keep_an_equal_share_of_groups_per_level(tiny_model_dir, tmp_path, step):
    lrn = level_learner(tiny_model_dir, tmp_path, balance_levels=True)
    levels, stats = kept_levels(lrn, step)
    assert stats["groups_kept"] == 6 and stats["sampling_rounds"] > 1
    assert levels == {1: 6, 2: 6}  # 3 groups of 2 answers per level
    assert stats["groups_kept_by_level"] == {"1": 3, "2": 3}


def test_balanced_draws_continue_per_level_across_steps_and_resume(tiny_model_dir, tmp_path):
    lrn = level_learner(tiny_model_dir, tmp_path, balance_levels=True)
    def level_two(episodes):
        return {ep.problem.seed for ep in episodes if ep.problem.difficulty == 2}

    first, second = level_two(lrn.collect(0)[0]), level_two(lrn.collect(1)[0])
    assert len(first) == len(second) == 3 and not first & second  # each step draws new level-2 problems
    saved = lrn.save(tmp_path / "ckpt")
    again = level_learner(tiny_model_dir, tmp_path / "again", balance_levels=True)
    from textbook_gym.agents import checkpoint as ckpt

    state = ckpt.load_checkpoint(saved, again.module, again.optimizer, again.scheduler)
    again.load_extra(state["extra"])
    assert [p.question for p in again.draw_problems(3, None, level=2)] == [
        p.question for p in lrn.draw_problems(3, None, level=2)
    ]


def test_balance_and_curriculum_both_choosing_levels_is_refused(tiny_model_dir, tmp_path):
    with pytest.raises(ValueError, match="balance_levels"):
        learner(GRPOLearner, tiny_model_dir, tmp_path, ["x"], balance_levels=True, curriculum=True,
                difficulty="1-2")
