"""GcdLcm: the gold agrees with brute force, renderings verify, near misses fail."""

import numpy as np
import pytest
import sympy

from textbook_gym.problem import Problem
from textbook_gym.registry import get_family

FAM = get_family("GcdLcm")
LEVELS = range(1, 11)


def _problems(level, n=40):
    return [FAM.generate(np.random.default_rng([seed, level]), level) for seed in range(n)]


def _brute_gcd(numbers):
    """Largest common divisor found by trial over the divisors of the smallest number."""
    low = min(numbers)
    divisors = {d for i in range(1, int(low**0.5) + 1) if low % i == 0 for d in (i, low // i)}
    return max(d for d in divisors if all(x % d == 0 for x in numbers))


def _brute_lcm(numbers):
    """Least common multiple from sympy (a different implementation than the family's math.lcm)."""
    if max(numbers) < 60 and len(numbers) == 2:
        return next(m for m in range(max(numbers), numbers[0] * numbers[1] + 1) if all(m % x == 0 for x in numbers))
    return int(sympy.ilcm(*numbers))


@pytest.mark.parametrize("level", LEVELS)
def test_gold_matches_brute_force(level):
    for p in _problems(level):
        nums, kind = p.metadata["numbers"], p.metadata["kind"]
        if kind == "gcd":
            assert p.answer == _brute_gcd(nums)
        elif kind == "lcm":
            assert p.answer == _brute_lcm(nums)
        else:
            a, b = nums
            assert p.answer == b and _brute_gcd([a, b]) * _brute_lcm([a, b]) == a * b
            assert f"One of them is {a}" in p.question


@pytest.mark.parametrize("level", [1, 5, 10])
def test_renderings_and_near_misses(level):
    for p in _problems(level, 20):
        g = p.answer
        for text in (f"\\boxed{{{g}}}", f"Answer: {g}", f"$\\boxed{{{g:,}}}$", f"\\boxed{{{g}.0}}"):
            assert FAM.verify(p, text).correct, text
        for wrong in (g + 1, g - 1, -g, g * 2):
            assert not FAM.verify(p, f"\\boxed{{{wrong}}}").correct
        assert FAM.verify(p, f"\\boxed{{{g}}} or \\boxed{{{g + 1}}}").status.value == "INCORRECT"


def test_expression_is_not_an_answer():
    p = Problem("Find gcd(12, 18).", 6, "GcdLcm", metadata={"kind": "gcd", "numbers": [12, 18], "form": "euclid"})
    assert FAM.verify(p, "\\boxed{2 \\cdot 3}").status.value == "UNPARSEABLE"


def test_difficulty_changes_the_problem():
    def size(level):
        return np.mean([max(p.metadata["numbers"]) for p in _problems(level)])

    assert size(7) > 10 * size(1)
    assert all(len(p.metadata["numbers"]) == 2 for p in _problems(3))
    assert all(len(p.metadata["numbers"]) == 4 for p in _problems(10))
    assert all("schedule" in p.question for p in _problems(8, 5))


def test_euclid_steps_in_worked_solution():
    p = _problems(7, 1)[0]
    text = FAM.worked_solution(p)
    assert "The remainder is 0" in text and text.count(" = ") >= 2
