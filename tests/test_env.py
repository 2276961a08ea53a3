"""TextbookEnv behaviour: trial and error, feedback modes, open book, difficulty control."""

from __future__ import annotations

import gymnasium as gym
import pytest

import textbook_gym
from textbook_gym import Problem, TextbookEnv

ENV_ID = textbook_gym.get_family("Arithmetic").env_id


def test_gym_make_without_prior_import_in_fresh_interpreter():
    import subprocess
    import sys

    code = (
        "import gymnasium as gym\n"
        f"env = gym.make('textbook_gym:{ENV_ID}')\n"
        "obs, info = env.reset(seed=0)\n"
        "print(type(env.unwrapped).__name__, '\\\\boxed' in obs)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["TextbookEnv", "True"]


def test_prompt_asks_for_boxed_answer_and_info_has_problem_fields():
    env = gym.make(ENV_ID, difficulty=3)
    obs, info = env.reset(seed=1)
    assert "\\boxed" in obs
    assert info["attempt"] == 0 and info["problem_id"].startswith(ENV_ID.removeprefix("textbook/") + "-")
    assert isinstance(info["seed"], int) and info["difficulty"] == 3
    assert info["messages"] == [{"role": "user", "content": obs}]


def test_correct_answer_ends_episode_with_reward_one():
    env = gym.make(ENV_ID, difficulty=4, max_attempts=3)
    env.reset(seed=2)
    answer = env.unwrapped.problem.answer
    _, reward, terminated, truncated, info = env.step(f"Answer: {answer}")
    assert (reward, terminated, truncated) == (1.0, True, False)
    assert info["verdict"].correct and info["attempt"] == 1 and info["answer"] == str(answer)
    assert info["problem"].answer == answer


def test_wrong_answer_keeps_episode_open_with_verdict_feedback():
    env = gym.make(ENV_ID, difficulty=4, max_attempts=3, feedback="verdict")
    env.reset(seed=2)
    answer = env.unwrapped.problem.answer
    obs, reward, terminated, _, info = env.step(f"\\boxed{{{answer + 1}}}")
    assert reward == 0.0 and not terminated and info["status"] == "INCORRECT"
    assert "incorrect" in obs.lower() and "2 attempts left" in obs
    obs, reward, terminated, _, info = env.step("I give up")
    assert not terminated and info["status"] == "UNPARSEABLE" and "could not read" in obs.lower()
    _, reward, terminated, _, info = env.step(f"\\boxed{{{answer}}}")
    assert reward == 1.0 and terminated and info["attempt"] == 3
    assert [m["role"] for m in info["messages"]] == ["user", "assistant", "user", "assistant", "user", "assistant"]


def test_out_of_attempts_terminates_and_further_steps_raise():
    env = gym.make(ENV_ID, max_attempts=2)
    env.reset(seed=0)
    assert not env.step("\\boxed{-99}")[2]
    assert env.step("\\boxed{-99}")[2]
    with pytest.raises(gym.error.ResetNeeded):
        env.unwrapped.step("\\boxed{1}")


def test_hint_feedback_reveals_worked_solution_steps_in_order():
    env = gym.make(ENV_ID, difficulty=3, max_attempts=4, feedback="hint")
    env.reset(seed=5)
    base = env.unwrapped
    steps = base.family.solution_steps(base.problem)
    obs, *_ = env.step("\\boxed{-1}")
    assert f"Hint: {steps[0]}" in obs
    obs, *_ = env.step("\\boxed{-1}")
    assert f"Hint: {steps[1]}" in obs
    assert f"\\boxed{{{base.problem.answer}}}" not in obs


def test_no_feedback_mode_says_only_try_again():
    env = gym.make(ENV_ID, max_attempts=2, feedback="none")
    env.reset(seed=0)
    obs, *_ = env.step("\\boxed{-99}")
    assert "Try again" in obs and "incorrect" not in obs.lower()


def test_open_book_prefixes_an_exposition_passage():
    env = gym.make(ENV_ID, open_book=True)
    obs, _ = env.reset(seed=0)
    passages = textbook_gym.get_family("Arithmetic").exposition()
    assert any(obs.startswith(p) for p in passages)


def test_difficulty_range_is_sampled_per_episode_and_options_override():
    env = gym.make(ENV_ID, difficulty="2-6")
    levels = set()
    env.reset(seed=0)
    for _ in range(60):
        _, info = env.reset()
        levels.add(info["difficulty"])
    assert levels == {2, 3, 4, 5, 6}
    _, info = env.reset(options={"difficulty": 9})
    assert info["difficulty"] == 9


def test_reset_can_pose_a_given_problem():
    problem = Problem("What is 2 + 2?", 4, "Arithmetic", metadata={"tree": ["+", 2, 2]})
    env = gym.make(ENV_ID)
    obs, info = env.reset(options={"problem": problem})
    assert obs.startswith("What is 2 + 2?") and info["problem_id"] == problem.id
    assert env.step("\\boxed{4}")[1] == 1.0


@pytest.mark.parametrize(
    "kwargs, error",
    [
        ({"difficulty": 0}, ValueError),
        ({"difficulty": "7-3"}, ValueError),
        ({"difficulty": "hard"}, ValueError),
        ({"max_attempts": 0}, ValueError),
        ({"feedback": "loud"}, ValueError),
        ({"render_mode": "rgb_array"}, ValueError),
    ],
)
def test_bad_arguments_raise_clear_errors(kwargs, error):
    with pytest.raises(error):
        TextbookEnv("Arithmetic", **kwargs)


def test_unknown_family_suggests_close_names_and_where_to_list_them():
    with pytest.raises(KeyError, match="did you mean 'Arithmetic'"):
        textbook_gym.get_family("Arithmetc")
    with pytest.raises(ValueError, match="textbook-gym list"):  # a UsageError is a ValueError as well
        textbook_gym.get_family("Alchemy")


def test_non_string_action_raises_type_error():
    env = TextbookEnv("Arithmetic")
    env.reset(seed=0)
    with pytest.raises(TypeError, match="response text"):
        env.step(42)


def test_huge_response_gets_a_verdict_not_a_crash():
    env = TextbookEnv("Arithmetic")
    env.reset(seed=0)
    _, reward, terminated, _, info = env.step("9" * 10_000_000)
    assert reward == 0.0 and terminated and info["status"] == "UNPARSEABLE"


def test_render_ansi_returns_transcript():
    env = TextbookEnv("Arithmetic", render_mode="ansi", max_attempts=2)
    obs, _ = env.reset(seed=0)
    env.step("\\boxed{-5}")
    text = env.render()
    assert text.startswith(obs) and "Attempt 1:" in text


def test_list_and_registry_api():
    assert "Arithmetic" in textbook_gym.list_families()
    assert ENV_ID in textbook_gym.list_env_ids()
    assert ENV_ID in gym.registry
    assert textbook_gym.get_family(ENV_ID) is textbook_gym.get_family(ENV_ID.removeprefix("textbook/"))
