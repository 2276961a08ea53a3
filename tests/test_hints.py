"""Hints add information: what ``feedback="hint"`` reveals after a wrong attempt.

The env reveals ``family.solution_steps(problem)`` one step per failed attempt.
For every family and level: there is at least one hint; no hint is a bare heading
(a line ending in a colon that only announces what follows); the first hint says
something the question does not (a number the question lacks, or a few words of
method); and no hint holds the boxed answer line.
"""

from __future__ import annotations

import re

import gymnasium as gym
import pytest

import textbook_gym
from textbook_gym.family import MAX_DIFFICULTY, MIN_DIFFICULTY
from textbook_gym.problem import generate_problem

FAMILIES = textbook_gym.list_families()
SEEDS_PER_LEVEL = 4
_WORD = re.compile(r"[A-Za-z]{3,}")
_NUMBER = re.compile(r"\d+")


def _new_content(hint: str, question: str) -> tuple[set[str], set[str]]:
    """(numbers, words) of ``hint`` that ``question`` does not contain."""
    words = {w.lower() for w in _WORD.findall(hint)} - {w.lower() for w in _WORD.findall(question)}
    return set(_NUMBER.findall(hint)) - set(_NUMBER.findall(question)), words


@pytest.mark.parametrize("name", FAMILIES)
def test_every_level_has_informative_hints(name):
    family = textbook_gym.get_family(name)
    for level in range(MIN_DIFFICULTY, MAX_DIFFICULTY + 1):
        for seed in range(SEEDS_PER_LEVEL):
            problem = generate_problem(family, (17, level, seed), level)
            steps = family.solution_steps(problem)
            where = f"{name} level {level} ({problem.question[:80]!r})"
            assert steps, f"{where}: no hint at all"
            for step in steps:
                assert step.strip(), f"{where}: an empty hint"
                assert not step.rstrip().endswith(":"), f"{where}: hint {step!r} is only a heading"
                assert "\\boxed" not in step, f"{where}: a hint gives away the boxed answer"
            numbers, words = _new_content(steps[0], problem.question)
            assert numbers or len(words) >= 3, f"{where}: the first hint {steps[0][:160]!r} only restates the question"


def test_level_one_arithmetic_hints_on_the_first_wrong_answer():
    env = gym.make("textbook/Arithmetic-v1", difficulty=1, max_attempts=3, feedback="hint")
    for seed in range(30):
        env.reset(seed=seed)
        _, _, terminated, _, info = env.step("\\boxed{-1}")
        feedback = info["messages"][-1]["content"]
        assert not terminated
        assert "Hint:" in feedback and "No more hints" not in feedback, feedback
