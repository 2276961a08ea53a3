"""ArithmeticGeometricSequences: gold agrees with term-by-term iteration; lowest terms required."""

from fractions import Fraction

import numpy as np
import pytest

from textbook_gym.problem import Problem
from textbook_gym.registry import get_family

FAM = get_family("ArithmeticGeometricSequences")


def _problems(level, n=40):
    return [FAM.generate(np.random.default_rng([seed, level]), level) for seed in range(n)]


def _iterate(first, step, count, geometric):
    """The first ``count`` terms, built one at a time (no closed formulas)."""
    out = [first]
    while len(out) < count:
        out.append(out[-1] * step if geometric else out[-1] + step)
    return out


def _reference(x):
    kind, a = x["kind"], Fraction(x["a"])
    if kind in ("arith_term", "arith_two"):
        return _iterate(a, Fraction(x["d"]), x["n"], False)[-1]
    if kind == "arith_diff":
        seq = _iterate(a, Fraction(x["d"]), x["n"], False)
        return seq[1] - seq[0]
    if kind == "arith_sum":
        return sum(_iterate(a, Fraction(x["d"]), x["n"], False))
    if kind == "geo_term":
        return _iterate(a, Fraction(x["r"]), x["n"], True)[-1]
    if kind == "geo_sum":
        return sum(_iterate(a, Fraction(x["r"]), x["n"], True))
    if kind == "geo_ratio":
        seq = _iterate(a, Fraction(x["r"]), x["n"], True)
        return seq[x["m"]] / seq[x["m"] - 1]
    if kind == "geo_inf":
        partial = sum(_iterate(a, Fraction(x["r"]), 200, True))
        return partial  # compared with a tolerance below
    total, n, term = Fraction(0), 0, a
    while total <= x["bound"]:
        total += term
        term += Fraction(x["d"])
        n += 1
    return Fraction(n)


@pytest.mark.parametrize("level", range(1, 11))
def test_gold_matches_iteration(level):
    for p in _problems(level):
        ref = _reference(p.metadata)
        if p.metadata["kind"] == "geo_inf":
            assert abs(ref - p.answer) < Fraction(1, 10**6)
        else:
            assert p.answer == ref, p.question


def test_ratio_questions_have_odd_gaps():
    for p in _problems(9):
        assert (p.metadata["n"] - p.metadata["m"]) % 2 == 1


@pytest.mark.parametrize("level", [1, 6, 8, 10])
def test_renderings_and_near_misses(level):
    for p in _problems(level, 20):
        a = p.answer
        n, d = a.numerator, a.denominator
        texts = [f"{n}/{d}", f"\\frac{{{n}}}{{{d}}}"] if d > 1 else [str(n), f"{n}.0"]
        for text in texts:
            assert FAM.verify(p, f"\\boxed{{{text}}}").correct, text
        for wrong in (a + 1, -a if a else Fraction(1), a * 2 if a else Fraction(2)):
            assert not FAM.verify(p, f"\\boxed{{{wrong.numerator}/{wrong.denominator}}}" if wrong.denominator > 1
                                  else f"\\boxed{{{wrong.numerator}}}").correct
        if a and abs(n) != d:
            assert not FAM.verify(p, f"\\boxed{{{d}/{n}}}" if n > 0 else f"\\boxed{{-{d}/{-n}}}").correct


def test_unreduced_fractions_are_refused_and_decimals_accepted():
    p = Problem("a_10?", Fraction(31, 2), "ArithmeticGeometricSequences")
    assert FAM.verify(p, "\\boxed{62/4}").status.value == "UNPARSEABLE"
    assert FAM.verify(p, "\\boxed{15.5}").correct
    assert FAM.verify(p, "\\boxed{15 1/2}").correct
    q = Problem("a_3?", Fraction(8), "ArithmeticGeometricSequences")
    assert FAM.verify(q, "\\boxed{8/1}").status.value == "UNPARSEABLE"


def test_difficulty_changes_the_problem():
    kinds = {level: {p.metadata["kind"] for p in _problems(level, 30)} for level in range(1, 11)}
    assert kinds[1] == {"arith_term"} and kinds[3] == {"arith_sum"} and kinds[4] == {"geo_term"}
    assert kinds[10] == {"geo_inf", "arith_bound"}
    assert all(p.answer.denominator == 1 for level in range(1, 6) for p in _problems(level, 20))
    assert any(p.answer.denominator > 1 for p in _problems(8, 20))
