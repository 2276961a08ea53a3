"""SkyRL: the text environment made through skyrl_gym's own registry and driven like SkyRL's generator."""

from __future__ import annotations

import pytest

skyrl_gym = pytest.importorskip("skyrl_gym", reason="SkyRL is the optional [skyrl] extra: pip install 'textbook-gym[skyrl]'")

from textbook_gym import Problem, get_family
from textbook_gym.answers import answer_text
from textbook_gym.integrations.skyrl import TextbookSkyRLEnv, export_rows, register_env


def test_made_by_skyrl_gym_and_played_with_feedback():
    env_class = register_env()
    assert register_env() == env_class  # idempotent
    for row in export_rows(["Arithmetic", "LinearEquations"], 2, difficulty=2):
        env = skyrl_gym.make(row["env_class"], env_config={"max_attempts": 2, "feedback": "hint"}, extras=row)
        assert isinstance(env, TextbookSkyRLEnv)
        prompt, _ = env.init(row["prompt"])
        problem = Problem.from_json(row["reward_spec"]["ground_truth"])
        family = get_family(problem.family)
        assert prompt == [{"role": "user", "content": family.prompt(problem)}]
        first = env.step("\\boxed{-31}")
        assert (first["reward"], first["done"]) == (family.verify(problem, "\\boxed{-31}").score, False)
        assert first["observations"][0]["content"].startswith("That answer is incorrect. Hint:")
        last = env.step(f"\\boxed{{{answer_text(problem.answer)}}}")
        assert (last["reward"], last["done"], last["observations"]) == (1.0, True, [])
        assert last["metadata"]["verdict"]["status"] == "CORRECT"


def test_single_turn_default_and_row_errors():
    row = export_rows("Fractions", 1, split="test")[0]
    assert row["extra_info"]["split"] == "test"
    env = skyrl_gym.make(register_env(), env_config={}, extras=row)
    out = env.step("no answer")
    assert (out["reward"], out["done"]) == (0.0, True)
    with pytest.raises(KeyError, match="reward_spec.ground_truth"):
        TextbookSkyRLEnv({}, {"prompt": []})
