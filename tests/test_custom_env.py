"""Users' own problems and verifiers as environments (textbook_gym.make_env)."""

from __future__ import annotations

import pickle
import time

import gymnasium as gym
import pytest

from textbook_gym import Verdict, make_env

DATA = [{"question": f"What is {i} squared?", "answer": str(i * i), "solution": f"{i} × {i} = {i * i}\n\\boxed{{{i * i}}}"} for i in range(2, 30)]


def contains_answer(response: str, answer: str) -> bool:
    return f"\\boxed{{{answer}}}" in response


def partial(response: str, answer: str) -> float:
    return 0.5


def raises(response: str, answer: str) -> bool:
    raise ZeroDivisionError("boom")


def hangs(response: str, answer: str) -> bool:
    while True:
        time.sleep(0.01)


def wrong_type(response: str, answer: str):
    return "yes"


def test_bool_verifier_in_sandbox_and_trial_and_error():
    env = make_env(DATA, contains_answer, max_attempts=2, feedback="hint")
    obs, info = env.reset(seed=0)
    assert obs.startswith("What is") and "\\boxed" in obs
    obs, reward, terminated, _, info = env.step("\\boxed{-1}")
    assert reward == 0.0 and not terminated and "Hint:" in obs
    _, reward, terminated, _, info = env.step(f"\\boxed{{{info['answer']}}}")
    assert reward == 1.0 and terminated and info["verdict"].correct


@pytest.mark.parametrize("sandbox", [True, False])
def test_partial_score_is_partial_credit_and_only_correct_pays(sandbox):
    # INCORRECT always pays 0 (#14); a score strictly inside (0, 1) is CORRECT with that reward.
    env = make_env(DATA, partial, sandbox=sandbox)
    env.reset(seed=0)
    _, reward, _, _, info = env.step("anything")
    assert reward == 0.5 and info["status"] == "CORRECT" and info["verdict"].score == 0.5


@pytest.mark.parametrize("sandbox", [True, False])
def test_raising_verifier_gives_error_verdict(sandbox):
    env = make_env(DATA, raises, sandbox=sandbox)
    env.reset(seed=0)
    _, reward, terminated, _, info = env.step("x")
    assert reward == 0.0 and info["status"] == "ERROR" and "ZeroDivisionError" in info["verdict"].reason


def test_hanging_verifier_times_out_and_env_keeps_working():
    env = make_env(DATA, hangs, deadline=0.5)
    env.reset(seed=0)
    _, reward, _, _, info = env.step("x")
    assert reward == 0.0 and info["status"] == "TIMEOUT"
    good = make_env(DATA, contains_answer)
    for seed in range(5):
        _, info = good.reset(seed=seed)
        assert good.step(f"\\boxed{{{info['answer']}}}")[1] == 1.0


@pytest.mark.parametrize("sandbox", [True, False])
def test_wrong_return_type_gives_error_verdict(sandbox):
    env = make_env(DATA, wrong_type, sandbox=sandbox)
    env.reset(seed=0)
    _, reward, _, _, info = env.step("x")
    assert reward == 0.0 and info["status"] == "ERROR" and "str" in info["verdict"].reason


def test_verdict_returning_verifier_passes_through():
    env = make_env(DATA, lambda r, a: Verdict.unparseable("no number"), sandbox=True)
    env.reset(seed=0)
    assert env.step("x")[4]["status"] == "UNPARSEABLE"


def squares_env(**kwargs):
    return make_env(DATA, contains_answer, **kwargs)


def test_register_under_users_own_id_and_pickle():
    gym.register("myproject/Squares-v0", entry_point=squares_env)
    env = gym.make("myproject/Squares-v0", max_attempts=3)
    _, info = env.reset(seed=3)
    assert env.unwrapped.max_attempts == 3
    clone = pickle.loads(pickle.dumps(env.unwrapped))
    assert clone.step(f"\\boxed{{{info['answer']}}}")[1] == 1.0


def test_seeded_sampling_is_deterministic_and_iterables_stream_in_order():
    a, b = make_env(DATA, contains_answer), make_env(DATA, contains_answer)
    assert [a.reset(seed=s)[0] for s in range(10)] == [b.reset(seed=s)[0] for s in range(10)]
    stream = make_env((row for row in DATA[:3]), contains_answer)
    assert [stream.reset()[0].split("?")[0] for _ in range(3)] == [row["question"][:-1] for row in DATA[:3]]
    with pytest.raises(RuntimeError, match="exhausted"):
        stream.reset()


def test_bad_inputs_raise_clear_errors():
    with pytest.raises(TypeError, match="callable"):
        make_env(DATA, "not a function")
    with pytest.raises(ValueError, match="empty"):
        make_env([], contains_answer)
    with pytest.raises(ValueError, match="exposition"):
        make_env(DATA, contains_answer, open_book=True)
    env = make_env([{"q": "x"}], contains_answer)
    with pytest.raises(KeyError, match="question_key"):
        env.reset(seed=0)
