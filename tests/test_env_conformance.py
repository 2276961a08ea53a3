"""Gymnasium conformance of every registered environment.

Parametrized over the registry: a new family is covered here without new test code.
"""

from __future__ import annotations

import json
import math
import os
import pickle
import subprocess
import sys
import warnings
from pathlib import Path

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env
from helpers import all_digests, episode_digest, scripted_response

import textbook_gym
from textbook_gym.family import MAX_DIFFICULTY, MIN_DIFFICULTY

ENV_IDS = textbook_gym.list_env_ids()
FAMILIES = textbook_gym.list_families()


@pytest.mark.parametrize("env_id", ENV_IDS)
def test_check_env_passes_without_warnings(env_id):
    env = gym.make(env_id, difficulty="1-10", max_attempts=3, feedback="hint", render_mode="ansi")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_env(env.unwrapped)


@pytest.mark.parametrize("env_id", ENV_IDS)
def test_same_seed_same_bytes_in_process(env_id):
    first = episode_digest(env_id, max_attempts=2, difficulty="1-10")
    assert first == episode_digest(env_id, max_attempts=2, difficulty="1-10")
    assert first != episode_digest(env_id, seed=124, max_attempts=2, difficulty="1-10")


@pytest.fixture(scope="module")
def subprocess_digests():
    """Digests computed in another interpreter with a different PYTHONHASHSEED."""
    env = dict(os.environ, PYTHONHASHSEED="4242")
    helper = Path(__file__).with_name("helpers.py")
    out = subprocess.run([sys.executable, str(helper)], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("env_id", ENV_IDS)
def test_same_seed_same_bytes_across_processes(env_id, subprocess_digests):
    assert subprocess_digests[env_id] == all_digests_cache()[env_id]


_DIGESTS: dict[str, str] = {}


def all_digests_cache() -> dict[str, str]:
    if not _DIGESTS:
        _DIGESTS.update(all_digests())
    return _DIGESTS


@pytest.mark.parametrize("env_id", ENV_IDS)
def test_pickle_round_trip_mid_episode(env_id):
    env = gym.make(env_id, difficulty=5, max_attempts=3)
    env.reset(seed=7)
    env.step("\\boxed{-1}")
    clone = pickle.loads(pickle.dumps(env))
    response = env.unwrapped.family.worked_solution(env.unwrapped.problem)
    a = env.step(response)
    b = clone.step(response)
    assert a[0] == b[0] and a[1] == b[1] and a[2] == b[2]
    assert a[4]["verdict"] == b[4]["verdict"]
    assert a[4]["problem_id"] == b[4]["problem_id"]


@pytest.mark.parametrize("env_id", ENV_IDS)
def test_rewards_finite_and_in_range(env_id):
    env = gym.make(env_id, difficulty="1-10", max_attempts=2)
    low, high = env.unwrapped.reward_range
    env.reset(seed=3)
    for episode in range(20):
        terminated, attempt = False, 0
        while not terminated:
            _, reward, terminated, _, info = env.step(scripted_response(env, episode, attempt))
            assert math.isfinite(reward) and low <= reward <= high
            assert reward == info["verdict"].score
            attempt += 1
        env.reset()


@pytest.mark.parametrize("env_id", ENV_IDS)
def test_step_before_reset_raises(env_id):
    env = gym.make(env_id).unwrapped
    with pytest.raises(gym.error.ResetNeeded):
        env.step("\\boxed{1}")


@pytest.mark.parametrize("vector_cls", [gym.vector.SyncVectorEnv, gym.vector.AsyncVectorEnv])
@pytest.mark.parametrize("env_id", ENV_IDS)
def test_vector_envs(env_id, vector_cls):
    # Text observations cannot live in shared memory (as with Gymnasium's own Text space).
    kwargs = {"shared_memory": False} if vector_cls is gym.vector.AsyncVectorEnv else {}
    envs = vector_cls([lambda: gym.make(env_id, difficulty="1-10") for _ in range(4)], **kwargs)
    try:
        obs, infos = envs.reset(seed=11)
        assert len(obs) == 4 and all(isinstance(o, str) and o for o in obs)
        assert len(set(obs)) > 1, "copies seeded differently should pose different problems"
        _, rewards, terminated, truncated, infos = envs.step(tuple("\\boxed{0}" for _ in range(4)))
        assert rewards.shape == (4,) and np.all((rewards >= 0) & (rewards <= 1))
        assert terminated.all() and not truncated.any()
        assert set(infos["status"]) <= {"CORRECT", "INCORRECT", "UNPARSEABLE", "TIMEOUT", "ERROR"}
    finally:
        envs.close()


@pytest.mark.parametrize("name", FAMILIES)
def test_worked_solutions_verify_300_seeds_every_level(name):
    family = textbook_gym.get_family(name)
    failures = []
    for difficulty in range(MIN_DIFFICULTY, MAX_DIFFICULTY + 1):
        for seed in range(300):
            problem = family.generate(np.random.default_rng([seed, difficulty]), difficulty)
            verdict = family.verify(problem, family.worked_solution(problem))
            if not verdict.correct:
                failures.append((difficulty, seed, problem.question[:80], verdict.reason))
    assert not failures, failures[:5]


@pytest.mark.parametrize("name", FAMILIES)
def test_difficulty_changes_the_problem(name):
    family = textbook_gym.get_family(name)
    low = [family.generate(np.random.default_rng([s, 1]), 1) for s in range(30)]
    high = [family.generate(np.random.default_rng([s, 10]), 10) for s in range(30)]
    assert all(p.difficulty == 1 for p in low) and all(p.difficulty == 10 for p in high)
    mean_len = lambda ps: sum(len(p.question) + len(family.worked_solution(p)) for p in ps) / len(ps)  # noqa: E731
    assert mean_len(high) > mean_len(low), "level 10 should take more work than level 1"


@pytest.mark.parametrize("name", FAMILIES)
def test_exposition_has_100_distinct_passages(name):
    passages = textbook_gym.get_family(name).exposition()
    assert len(set(passages)) >= 100
    assert all(isinstance(p, str) and len(p.split()) >= 8 for p in passages)


@pytest.mark.parametrize("name", FAMILIES)
def test_problem_json_round_trip(name):
    family = textbook_gym.get_family(name)
    for difficulty in (1, 5, 10):
        problem = family.generate(np.random.default_rng([99, difficulty]), difficulty)
        again = textbook_gym.Problem.from_json(problem.to_json())
        assert again == problem and again.id == problem.id
        assert family.verify(again, family.worked_solution(again)).correct


@pytest.mark.parametrize("name", FAMILIES)
def test_worked_solution_reveals_steps_not_the_answer_as_hints(name):
    family = textbook_gym.get_family(name)
    problem = family.generate(np.random.default_rng([5, 6]), 6)
    steps = family.solution_steps(problem)
    assert steps, "a worked solution needs at least one step before the answer"
    assert all("\\boxed" not in step for step in steps)


@pytest.mark.parametrize("env_id", ENV_IDS)
def test_boxed_info_answer_is_correct_through_the_env(env_id):
    """What the env hands out as ``info["answer"]`` is an answer the env itself rewards."""
    env = gym.make(env_id, max_attempts=1)
    for level in range(MIN_DIFFICULTY, MAX_DIFFICULTY + 1):
        for seed in range(2):
            _, info = env.reset(seed=100 * level + seed, options={"difficulty": level})
            assert isinstance(info["answer"], str) and "Fraction(" not in info["answer"]
            _, reward, terminated, _, step_info = env.step(f"\\boxed{{{info['answer']}}}")
            assert terminated and step_info["status"] == "CORRECT" and reward == 1.0, (
                env_id, level, info["answer"], step_info["verdict"].reason)
