"""Canonical answers: the answer text the project hands out is one its own verifier accepts.

``family.answer_text(problem)`` is what users read (``info["answer"]``, exports,
feedback). For every family and every level it must be a plain string in the
family's documented answer format, scored CORRECT when boxed, and never a Python
repr. Parametrized over the registry: a new family is covered without new code.
"""

from __future__ import annotations

import re
from fractions import Fraction

import pytest

import textbook_gym
from textbook_gym.answers import problem_answer_text
from textbook_gym.family import MAX_DIFFICULTY, MIN_DIFFICULTY
from textbook_gym.problem import Problem, generate_problem

FAMILIES = textbook_gym.list_families()
SEEDS_PER_LEVEL = 12
REPR = re.compile(r"Fraction\(|frozenset\(|Integer\(|Rational\(|Symbol\(|Mul\(|Add\(|Pow\(|array\(|<[a-z]")


def _problems(name: str):
    family = textbook_gym.get_family(name)
    for level in range(MIN_DIFFICULTY, MAX_DIFFICULTY + 1):
        for seed in range(SEEDS_PER_LEVEL):
            yield family, generate_problem(family, (16, level, seed), level)


@pytest.mark.parametrize("name", FAMILIES)
def test_boxed_answer_text_is_correct_at_every_level(name):
    failures = []
    for family, problem in _problems(name):
        text = family.answer_text(problem)
        assert isinstance(text, str) and text.strip(), f"{problem.id}: empty answer text {text!r}"
        verdict = family.verify(problem, f"\\boxed{{{text}}}")
        if verdict.status.value != "CORRECT":
            failures.append((problem.difficulty, text, verdict.reason))
    assert not failures, f"{name}: boxed answer text not CORRECT: {failures[:5]}"


@pytest.mark.parametrize("name", FAMILIES)
def test_answer_text_is_not_a_python_repr(name):
    for family, problem in _problems(name):
        text = family.answer_text(problem)
        assert not REPR.search(text), f"{problem.id}: answer text {text!r} looks like a Python repr"


@pytest.mark.parametrize("name", FAMILIES)
def test_answer_text_survives_a_json_round_trip(name):
    """Exports carry the problem as JSON; the answer text must not depend on in-memory state."""
    for family, problem in list(_problems(name))[::7]:
        again = Problem.from_json(problem.to_json())
        assert family.answer_text(again) == family.answer_text(problem)


@pytest.mark.parametrize("name", FAMILIES)
def test_problem_answer_text_uses_the_family(name):
    """The shared helper that env infos and exports call gives the family's answer text."""
    for family, problem in list(_problems(name))[::11]:
        assert problem_answer_text(problem) == family.answer_text(problem)


def test_problem_answer_text_of_an_unknown_family_falls_back_to_the_value():
    problem = Problem("What is 1/2 + 1/3?", Fraction(5, 6), "NoSuchFamily")
    assert problem_answer_text(problem) == "5/6"
