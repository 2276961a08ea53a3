"""Divisibility: gold agrees with brute-force counting; near misses fail; levels differ."""

import math

import numpy as np
import pytest

from textbook_gym.registry import get_family

FAM = get_family("Divisibility")


def _problems(level, n=40):
    return [FAM.generate(np.random.default_rng([seed, level]), level) for seed in range(n)]


def _divisors(n):
    return [d for d in range(1, n + 1) if n % d == 0]


def _is_power(n, k):
    root = round(n ** (1 / k))
    return any((root + e) ** k == n for e in (-1, 0, 1))


def _reference(x):
    kind = x["kind"]
    if kind == "count":
        return sum(1 for i in range(1, x["N"] + 1) if i % x["k"] == 0)
    if kind == "largest":
        return max(i for i in range(1, x["N"] + 1) if i % x["k"] == 0)
    if kind in ("above", "rule"):
        return next(i for i in range(x["N"] + 1, x["N"] + x["k"] + 1) if i % x["k"] == 0)
    if kind == "ndiv":
        return sum(1 for i in range(1, math.isqrt(x["n"]) + 1) if x["n"] % i == 0 for _ in {i, x["n"] // i})
    if kind == "sigma":
        return sum(_divisors(x["n"]))
    if kind == "union":
        return sum(1 for i in range(1, x["N"] + 1) if any(i % d == 0 for d in x["divs"]))
    if kind == "none":
        return sum(1 for i in range(1, x["N"] + 1) if all(i % d for d in x["divs"]))
    if kind == "perfect":
        return next(k for k in range(1, 10**6) if _is_power(x["n"] * k, x["power"]))
    p, e, N = (5, 1, x["N"]) if kind == "zeros" else (x["p"], x["e"], x["N"])
    fact = math.factorial(N)
    count = 0
    while fact % (p**e) == 0:
        fact //= p**e
        count += 1
    return count


@pytest.mark.parametrize("level", range(1, 11))
def test_gold_matches_brute_force(level):
    for p in _problems(level, 25 if level in (9, 10) else 40):
        assert p.answer == _reference(p.metadata), p.question


def test_zeros_reference_counts_trailing_zeros():
    for p in _problems(10):
        if p.metadata["kind"] == "zeros":
            value, zeros = math.factorial(p.metadata["N"]), 0
            while value % 10 == 0:
                value //= 10
                zeros += 1
            assert p.answer == zeros


@pytest.mark.parametrize("level", [1, 4, 8, 10])
def test_renderings_and_near_misses(level):
    for p in _problems(level, 20):
        a = p.answer
        assert FAM.verify(p, f"\\boxed{{{a}}}").correct
        assert FAM.verify(p, f"Final answer: {a:,}").correct
        for wrong in (a - 1, a + 1, -a):
            assert not FAM.verify(p, f"\\boxed{{{wrong}}}").correct


def test_no_yes_no_answers_and_enough_entropy():
    for level in range(1, 11):
        answers = [p.answer for p in _problems(level)]
        assert all(isinstance(a, int) for a in answers)
        assert len(set(answers)) >= 10, level


def test_difficulty_changes_the_problem():
    kinds = {level: {p.metadata["kind"] for p in _problems(level, 30)} for level in range(1, 11)}
    assert kinds[1] == {"count"} and kinds[3] == {"rule"} and kinds[8] == {"none"}
    assert kinds[10] <= {"legendre", "zeros"} and kinds[4] == {"sigma"} and kinds[5] == {"ndiv"}
    assert {p.metadata["k"] for p in _problems(3)} <= {3, 4, 8, 9, 11, 25}
