"""The reasoning-gym adapter: its data sets as textbook practice environments."""

from __future__ import annotations

import functools
import warnings

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

pytest.importorskip("reasoning_gym", reason="the adapter is an optional extra: pip install 'textbook-gym[bench]'")

from textbook_gym.integrations import reasoning_gym as rg  # noqa: E402

DATASETS = ["basic_arithmetic", "chain_sum", "base_conversion", "word_sorting"]


@pytest.mark.parametrize("name", DATASETS)
def test_correct_answer_scores_one_and_wrong_scores_zero(name):
    env = rg.make_env(name, max_attempts=2)
    _, info = env.reset(seed=0)
    answer = info["answer"]
    last = answer[-1]  # the right answer with its last character changed: same shape, wrong
    wrong = answer[:-1] + (str((int(last) + 1) % 10) if last.isdigit() else "x" if last != "x" else "y")
    obs, reward, terminated, _, info = env.step(f"I think it is \\boxed{{{wrong}}}")
    assert reward == 0.0 and not terminated and info["status"] == "INCORRECT"
    _, reward, terminated, _, info = env.step(f"<answer>{answer}</answer>")
    assert reward == 1.0 and terminated and info["verdict"].correct


def test_unanchored_and_conflicting_answers_get_no_credit():
    env = rg.make_env("basic_arithmetic")
    _, info = env.reset(seed=1)
    answer = info["answer"]
    assert env.step(f"the answer is {answer}")[4]["status"] == "UNPARSEABLE"
    env.reset(seed=1)
    assert env.step(f"\\boxed{{{answer}}} \\boxed{{{answer}0}}")[1] == 0.0


def test_gym_ids_registered_and_env_passes_check_env():
    assert "textbook/rg-basic_arithmetic-v0" in gym.registry
    env = gym.make("textbook/rg-chain_sum-v0")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_env(env.unwrapped)


def test_seeded_problems_repeat_and_pickle():
    import pickle

    a, b = rg.make_env("chain_sum"), rg.make_env("chain_sum")
    assert [a.reset(seed=s)[0] for s in range(5)] == [b.reset(seed=s)[0] for s in range(5)]
    clone = pickle.loads(pickle.dumps(a))
    assert clone.step(f"\\boxed{{{a.problem.answer}}}")[1] == 1.0


def test_unknown_dataset_and_hints_raise_clear_errors():
    with pytest.raises(KeyError, match="no data set"):
        rg.make_env("no_such_dataset")
    with pytest.raises(ValueError, match="worked solutions"):
        rg.make_env("chain_sum", feedback="hint")


# Data sets whose scorers paid hedges or listed candidates in full before the adapter refused
# them (benchmarks/rg_integrity.py; results/rg_integrity_before.json): a number read out of
# free text, moves played until solved, a formula found anywhere in the answer.
HEDGE_PRONE = ["gsm_symbolic", "sokoban", "simple_integration", "polynomial_multiplication", "basic_arithmetic"]


@pytest.mark.parametrize("name", HEDGE_PRONE)
def test_no_reward_hack_is_paid(name):
    from textbook_gym.verifiers.adversary import audit

    family = rg.ReasoningGymFamily(name)
    for seed in range(2):
        problem = family.generate(np.random.default_rng(seed), 1)
        other = str(family.generate(np.random.default_rng(seed + 100), 1).answer)
        paid = audit(functools.partial(family.verify, problem), str(problem.answer), other)
        assert paid == [], [(category, response, str(v.status), v.reason) for category, response, v in paid]
        assert family.verify(problem, f"\\boxed{{{problem.answer}}}").correct


def test_partial_credit_is_reported_not_paid():
    family = rg.ReasoningGymFamily("gsm_symbolic")  # its scorer gives 0.01 to any wrong number
    problem = family.generate(np.random.default_rng(0), 1)
    wrong = int(problem.answer) + 1
    verdict = family.verify(problem, f"\\boxed{{{wrong}}}")
    assert verdict.status.value == "INCORRECT" and verdict.score == 0.0
    assert verdict.reason == "reasoning-gym score 0.01 (partial credit is not paid)"


def test_hedged_and_doubled_answers_get_no_credit():
    family = rg.ReasoningGymFamily("gsm_symbolic")
    problem = family.generate(np.random.default_rng(0), 1)
    gold = problem.answer
    assert not family.verify(problem, f"\\boxed{{\\frac{{{gold}}}{{2}}}}").correct  # half the gold, not the gold
    assert family.verify(problem, f"\\boxed{{\\frac{{{2 * int(gold)}}}{{2}}}}").correct
    hedged = family.verify(problem, f"\\boxed{{{gold} or {int(gold) + 1}}}")
    assert hedged.status.value == "UNPARSEABLE" and "hedged answer" in hedged.reason
    assert family.verify(problem, f"\\boxed{{{gold}}}\\boxed{{}}").status.value == "INCORRECT"
    assert family.verify(problem, f"\\boxed{{{gold}}} and again \\boxed{{ {gold} }}").correct  # same text, spaced


@pytest.mark.parametrize(("name", "hack"), [
    ("game_of_life_halting", "\\boxed{e^{1000}}"),  # its scorer compares bool(answer): any text is True
    ("complex_arithmetic", "\\boxed{nan}"),  # min(1.0, exp(-nan)) is 1.0
    ("puzzle24", "\\boxed{1*2*3*4}"),  # 24 from four numbers, not this puzzle's
])
def test_universal_answers_that_reasoning_gym_pays_are_refused(name, hack):
    family = rg.ReasoningGymFamily(name)
    for seed in range(3):
        problem = family.generate(np.random.default_rng(seed), 1)
        verdict = family.verify(problem, hack)
        assert verdict.score == 0.0 and not verdict.correct, (problem.answer, verdict)
        assert family.verify(problem, f"\\boxed{{{problem.answer}}}").correct


def test_a_right_list_with_words_appended_is_refused():
    family = rg.ReasoningGymFamily("word_sorting")  # scored by the positions it gets right: 1.0
    problem = family.generate(np.random.default_rng(2), 1)
    verdict = family.verify(problem, f"\\boxed{{{problem.answer}, zebra, apple}}")
    assert verdict.status.value == "UNPARSEABLE" and "parts" in verdict.reason


def test_problems_from_hash_seed_dependent_generators_are_scored_as_asked():
    # polynomial_multiplication draws its variable through set order: a worker with another
    # hash seed rebuilt another polynomial from the same seed, and the right answer scored 0.
    family = rg.ReasoningGymFamily("polynomial_multiplication")
    for seed in range(3):
        problem = family.generate(np.random.default_rng(seed), 1)
        assert family.verify(problem, f"\\boxed{{{problem.answer}}}").correct


def test_a_sentence_keeps_its_closing_full_stop():
    # The shared extractor drops an answer's closing full stop; reasoning-gym compares sentences whole.
    family = rg.ReasoningGymFamily("sentence_reordering")
    problem = family.generate(np.random.default_rng(0), 1)
    assert problem.answer.endswith(".")
    assert family.verify(problem, f"\\boxed{{{problem.answer}}}").correct
    assert family.verify(problem, f"<answer>{problem.answer[:-1]}</answer>").correct
