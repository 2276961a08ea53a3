"""Family-specific properties of textbook/RoundingEstimation-v1 (envs/rounding_estimation.py)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

import numpy as np
import pytest

from textbook_gym.envs.rounding_estimation import RoundingEstimation, decimal_cut
from textbook_gym.problem import Problem

FAM = RoundingEstimation()
CASES = [(d, s) for d in range(1, 11) for s in range(15)]


def problem(d: int, s: int) -> Problem:
    return FAM.generate(np.random.default_rng([s, d]), d)


def status(p: Problem, response: str) -> str:
    return FAM.verify(p, response).status.value


@pytest.mark.parametrize("d,s", CASES)
def test_accepted_renderings_verify(d, s):
    p = problem(d, s)
    text = decimal_cut(p.answer)
    texts = [text, f"{text}{'' if '.' in text else '.'}0", f"Answer: {text}", f"{Decimal(text):E}".replace("E", "e")]
    if abs(p.answer) >= 10000 and p.answer.denominator == 1:
        texts.append(f"{int(p.answer):,}")
    for t in texts:
        assert status(p, t if t.startswith("Answer") else f"\\boxed{{{t}}}") == "CORRECT", t


@pytest.mark.parametrize("d,s", CASES)
def test_near_misses_fail(d, s):
    p = problem(d, s)
    x = p.answer
    unit = Fraction(1, 10**6)
    for wrong in (x + unit, -x if x else Fraction(1), x * 10):
        assert status(p, f"\\boxed{{{decimal_cut(wrong)}}}") == "INCORRECT"
    if x.denominator > 1:
        assert status(p, f"\\boxed{{{x.numerator}/{x.denominator}}}") == "UNPARSEABLE"


def reference(question: str) -> Decimal:
    """Recompute with Python's decimal module (ROUND_HALF_UP rounds halves away from zero)."""
    q = question.replace("−", "-")
    with localcontext() as ctx:
        ctx.prec = 80
        if m := re.match(r"Round (-?[\d.]+) to the nearest (\w+ ?\w*)\.", q):
            e = {"thousand": 3, "hundred": 2, "ten": 1, "whole number": 0, "tenth": -1, "hundredth": -2,
                 "thousandth": -3}[m[2]]
            return Decimal(m[1]).quantize(Decimal(1).scaleb(e), rounding=ROUND_HALF_UP)
        if m := re.match(r"Round (-?[\d.]+) to (\d) significant", q):
            x = Decimal(m[1])
            return x.quantize(Decimal(1).scaleb(x.adjusted() - int(m[2]) + 1), rounding=ROUND_HALF_UP)
        if m := re.match(r"Estimate (.*) by first rounding each number to the nearest (\w+)", q):
            e = {"thousand": 3, "hundred": 2, "ten": 1}[m[2]]
            total = Decimal(0)
            for sign, t in re.findall(r"(^|[-+]) ?(\d+)", m[1]):
                v = Decimal(t).quantize(Decimal(1).scaleb(e), rounding=ROUND_HALF_UP)
                total += -v if sign == "-" else v
            return total
        if m := re.match(r"Estimate (.*) by first rounding each factor", q):
            product = Decimal(1)
            for t in m[1].split(" × "):
                x = Decimal(t)
                product *= x.quantize(Decimal(1).scaleb(x.adjusted()), rounding=ROUND_HALF_UP)
            return product
        m = re.match(r"Compute (-?[\d.]+) ([×÷]) ([\d.]+) exactly, then round the result to "
                     r"(?:(\d) (decimal|significant)|the nearest whole number)", q)
        a, b = Decimal(m[1]), Decimal(m[3])
        x = a * b if m[2] == "×" else a / b
        e = 0 if m[4] is None else -int(m[4]) if m[5] == "decimal" else x.adjusted() - int(m[4]) + 1
        return x.quantize(Decimal(1).scaleb(e), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize("d", range(1, 11))
def test_agrees_with_independent_reference(d):
    for s in range(40):
        p = problem(d, s)
        ref = Fraction(reference(p.question))
        assert ref == p.answer, p.question
        for candidate in (ref, ref + Fraction(1, 1000)):
            assert FAM.verify(p, f"\\boxed{{{decimal_cut(candidate)}}}").correct == (candidate == p.answer)


def test_ties_are_rounded_away_from_zero_and_banker_rounding_fails():
    seen_tie = 0
    for d in (1, 3, 4):
        for s in range(60):
            p = problem(d, s)
            m = re.match(r"Round (−?[\d.]+) to the nearest (\w+ ?\w*)\.", p.question)
            x = Decimal(m[1].replace("−", "-"))
            e = {"thousand": 3, "hundred": 2, "ten": 1, "whole number": 0, "tenth": -1, "hundredth": -2,
                 "thousandth": -3}[m[2]]
            even = x.quantize(Decimal(1).scaleb(e), rounding=ROUND_HALF_EVEN)
            if Fraction(even) != p.answer:
                seen_tie += 1
                assert status(p, f"\\boxed{{{even}}}") == "INCORRECT"
                assert abs(p.answer) > abs(Fraction(x))
    assert seen_tie >= 10


def test_every_question_declares_the_rule():
    for d in range(1, 11):
        assert all("halves away from zero" in problem(d, s).question for s in range(10))


def test_difficulty_changes_the_problem():
    q = {d: [problem(d, s).question for s in range(30)] for d in range(1, 11)}
    assert all("nearest ten." in x for x in q[1])
    assert all("significant" in x for x in q[5] + q[6]) and any("0.00" in x for x in q[6])
    assert all(x.startswith("Estimate") for x in q[7] + q[8]) and all("×" in x for x in q[8])
    assert all(x.startswith("Compute") for x in q[9] + q[10]) and all("÷" in x for x in q[10])


def test_no_question_rounds_to_zero_decimal_places():
    # v0 asked to "round the result to 0 decimal places" in 39% of level-9 questions.
    questions = [FAM.generate(np.random.default_rng([9, seed, 99]), 9).question for seed in range(200)]
    assert not any("0 decimal places" in question for question in questions)
    assert any("the nearest whole number" in question for question in questions)
