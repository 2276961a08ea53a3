"""What the Family base class provides: generate from draw/question/solve, the boxed ending, verify from parse."""

from __future__ import annotations

import numpy as np
import pytest

from textbook_gym import Family
from textbook_gym.envs._kit.passages import exposition_from
from textbook_gym.verdict import Status
from textbook_gym.verifiers import parse_integer


class Doubling(Family):
    name = "DefaultsTestDoubling"
    parse = parse_integer
    exposition = exposition_from(3, 2, lambda rng: [f"Twice {int(rng.integers(1, 9))} is even."])

    def draw(self, rng, level):
        return {"n": int(rng.integers(1, 10 * level))}

    def question(self, params):
        return f"What is 2 × {params['n']}?"

    def solve(self, params):
        return [f"2 × {params['n']} = {2 * params['n']}."], 2 * params["n"]


def test_generate_and_the_worked_solution_come_from_draw_question_and_solve():
    family = Doubling()
    problem = family.generate(np.random.default_rng(0), 3)
    n = problem.metadata["n"]
    assert problem.question == f"What is 2 × {n}?" and problem.answer == 2 * n and problem.difficulty == 3
    assert family.worked_solution(problem).splitlines() == [f"2 × {n} = {2 * n}.", f"The answer is \\boxed{{{2 * n}}}."]
    assert family.verify(problem, family.worked_solution(problem)).status is Status.CORRECT
    assert family.verify(problem, f"\\boxed{{{2 * n + 1}}}").status is Status.INCORRECT
    assert family.exposition() == family.exposition() and len(family.exposition()) >= 2


def test_a_family_missing_its_pieces_says_which_to_write():
    class Empty(Family):
        name = "DefaultsTestEmpty"
        exposition = exposition_from(1, 1, lambda rng: ["text"])

    family = Empty()
    with pytest.raises(NotImplementedError, match=r"define generate\(\) or draw\(\), question\(\) and solve\(\)"):
        family.generate(np.random.default_rng(0), 1)
    with pytest.raises(NotImplementedError, match="must set parse or define verify"):
        family.verify(None, "\\boxed{1}")
