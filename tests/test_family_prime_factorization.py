"""PrimeFactorization: every rendering of the factorization verifies; non-prime factors and wrong products fail."""

from collections import Counter

import numpy as np
import pytest

from textbook_gym.problem import Problem
from textbook_gym.registry import get_family

FAM = get_family("PrimeFactorization")
P120 = Problem("Find the prime factorization of 120.", (2, 2, 2, 3, 5), "PrimeFactorization", metadata={"n": 120})


def _problems(level, n=40):
    return [FAM.generate(np.random.default_rng([seed, level]), level) for seed in range(n)]


def _is_prime(n):
    return n > 1 and all(n % d for d in range(2, int(n**0.5) + 1))


@pytest.mark.parametrize("level", range(1, 11))
def test_gold_is_the_prime_multiset_of_n(level):
    for p in _problems(level):
        n = p.metadata["n"]
        assert str(n) in p.question
        assert all(_is_prime(f) for f in set(p.answer))
        assert int(np.prod(p.answer, dtype=object)) == n and len(p.answer) >= 2
        assert list(p.answer) == sorted(p.answer)


@pytest.mark.parametrize(
    "text",
    [
        "2^3 \\cdot 3 \\cdot 5", "2*2*2*3*5", "2^3 × 3 × 5", "5 \\times 3 \\times 2^{3}", "2³·3·5", "2**3 * 3 * 5",
        "[2, 2, 2, 3, 5]", "\\{5, 2, 3, 2, 2\\}", "2, 2, 2, 3, 5", "120 = 2^3 \\cdot 3 \\cdot 5", "$2^{3}\\cdot3\\cdot5$",
    ],
)
def test_accepted_renderings(text):
    assert FAM.verify(P120, f"\\boxed{{{text}}}").correct


@pytest.mark.parametrize(
    "text",
    ["4 \\cdot 30", "120", "2^3 \\cdot 15", "1 \\cdot 2^3 \\cdot 3 \\cdot 5", "2^2 \\cdot 3 \\cdot 5", "2, 3, 5",
     "2^3 \\cdot 3 \\cdot 5 \\cdot 1", "2^4 \\cdot 3 \\cdot 5", "2^3 \\cdot 3 \\cdot 7"],
)
def test_non_prime_factors_and_wrong_products_fail(text):
    assert FAM.verify(P120, f"\\boxed{{{text}}}").status.value == "INCORRECT"


@pytest.mark.parametrize(
    "text", ["2^{99999999}", "2^0 \\cdot 2^3 \\cdot 3 \\cdot 5", "2^3 + 3 + 5", "121 = 2^3 \\cdot 3 \\cdot 5", "", "x"]
)
def test_refused_renderings(text):
    assert FAM.verify(P120, f"\\boxed{{{text}}}").status.value == "UNPARSEABLE"


def test_exponent_tower_is_refused_quickly():
    assert not FAM.verify(P120, "\\boxed{" + "2^" * 500 + "2}").correct


@pytest.mark.parametrize("level", [1, 6, 10])
def test_list_and_product_forms_of_generated_gold(level):
    for p in _problems(level, 15):
        counts = Counter(p.answer)
        product = " \\times ".join(f"{q}^{{{e}}}" if e > 1 else str(q) for q, e in sorted(counts.items(), reverse=True))
        assert FAM.verify(p, f"\\boxed{{{product}}}").correct
        assert FAM.verify(p, f"Answer: {', '.join(map(str, reversed(p.answer)))}").correct
        merged = p.answer[:-2] + (p.answer[-2] * p.answer[-1],)
        assert not FAM.verify(p, f"\\boxed{{{' * '.join(map(str, merged))}}}").correct
        bumped = p.answer[:-1] + (p.answer[-1] + 2,)
        assert not FAM.verify(p, f"\\boxed{{{' * '.join(map(str, bumped))}}}").correct


def test_difficulty_changes_the_problem():
    def largest(level):
        return np.median([max(p.answer) for p in _problems(level)])

    assert largest(1) < largest(6) < largest(8) <= largest(10)
    assert all(p.metadata["n"] <= 2000 and max(p.answer) <= 37 for p in _problems(1))


def test_worked_solution_stops_at_the_square_root():
    p = _problems(10, 1)[0]
    assert "so" in FAM.worked_solution(p) and "is prime" in FAM.worked_solution(p)
