"""PPO's advantages keep the sign of the answer's outcome: no token of a right answer is pushed down.

With a value head that starts at zero, GAE gives a right answer's tokens advantages
that shrink geometrically towards its start (lambda ** distance to the reward), and
whitening that subtracts the batch mean then turns the first tokens of every right
answer negative: the update lowered the start of the answers it rewarded.
"""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch", reason="the learner needs the train extra: pip install 'textbook-gym[train]'")

from test_learner_grpo import learner  # noqa: E402

from textbook_gym.agents.learners.data import split_problem  # noqa: E402
from textbook_gym.agents.learners.ppo import PPOLearner  # noqa: E402
from textbook_gym.agents.learners.rl import pack  # noqa: E402


def ppo_batch(lrn, step: int = 0):
    episodes, _ = lrn.collect(step)
    turns = [t for ep in episodes for t in ep.turns]
    adv = lrn.turn_advantages(episodes, lrn.advantages(episodes))
    return episodes, pack(turns, adv, [ep.reward for ep in episodes], lrn.tokenizer.pad_token_id, "cpu")


def long_answers(problem):
    """A right and a wrong answer of some 80 tokens (the tokenizer reads characters) that share all but a digit."""
    lead = "Adding the two numbers column by column from the right gives the sum, so the answer is "
    return f"{lead}\\boxed{{{problem.answer}}}", f"{lead}\\boxed{{{problem.answer + 1}}}"


def test_every_token_of_a_right_answer_gets_a_non_negative_advantage_and_of_a_wrong_one_non_positive(
    tiny_model_dir, tmp_path
):
    problem = split_problem("Arithmetic", "train", 0, 1)
    right, wrong = long_answers(problem)
    lrn = learner(PPOLearner, tiny_model_dir, tmp_path, [right, wrong, wrong, wrong], problems_per_step=1,
                  max_tokens=128)
    lrn.draw_problems = lambda count, rng: [problem] * count
    episodes, batch = ppo_batch(lrn)
    assert [ep.correct for ep in episodes] == [True, False, False, False]
    adv, mask = lrn.old_values(batch)["adv"], batch.completion_mask.bool()
    assert len(episodes[0].turns[0].completion_ids) > 60
    assert (adv[0][mask[0]] >= 0).all(), adv[0][mask[0]]
    assert (adv[0][mask[0]] > 0).any()
    for row in (1, 2, 3):
        assert (adv[row][mask[row]] <= 0).all(), adv[row][mask[row]]


def test_the_value_head_starts_at_the_first_batchs_mean_reward_and_keeps_learning(tiny_model_dir, tmp_path):
    problem = split_problem("Arithmetic", "train", 0, 1)
    right, wrong = long_answers(problem)
    lrn = learner(PPOLearner, tiny_model_dir, tmp_path, [right, wrong, right, right], problems_per_step=1,
                  max_tokens=128, epochs=2, steps=2)
    lrn.draw_problems = lambda count, rng: [problem] * count
    _, batch = ppo_batch(lrn)
    values = lrn.old_values(batch)["values"]
    assert torch.allclose(values[batch.completion_mask.bool()], torch.tensor(0.75))
    lrn.train_step(0)
    learned = lrn.wrapper.value_head.bias.item()
    assert learned != 0.75  # the head trains from there
    lrn.old_values(batch)  # and a trained head is not reset to the next batch's mean
    assert lrn.wrapper.value_head.bias.item() == learned
