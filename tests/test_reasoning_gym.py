"""The reasoning-gym adapter: its data sets as textbook practice environments."""

from __future__ import annotations

import warnings

import gymnasium as gym
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
    obs, reward, terminated, _, info = env.step("I am not sure, maybe \\boxed{not it at all}")
    assert reward < 1.0 and not terminated and info["status"] == "INCORRECT"
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
