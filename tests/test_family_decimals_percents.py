"""Family-specific properties of textbook/DecimalsPercents-v0 (envs/decimals_percents.py)."""

from __future__ import annotations

import re
from decimal import Decimal, getcontext
from fractions import Fraction

import numpy as np
import pytest

from textbook_gym.envs._kit.formats import decimal_text as dec
from textbook_gym.envs.decimals_percents import DecimalsPercents
from textbook_gym.problem import Problem

FAM = DecimalsPercents()
CASES = [(d, s) for d in range(1, 11) for s in range(15)]
getcontext().prec = 60


def problem(d: int, s: int) -> Problem:
    return FAM.generate(np.random.default_rng([s, d]), d)


def status(p: Problem, response: str) -> str:
    return FAM.verify(p, response).status.value


def renderings(p: Problem) -> list[str]:
    x, form = p.answer, p.metadata["form"]
    if form == "percent":
        return [f"\\boxed{{{dec(x)}\\%}}", f"\\boxed{{{dec(x)}%}}", f"\\boxed{{{dec(x)}}}", f"Answer: {dec(x)} percent"]
    if form == "fraction":
        return [f"\\boxed{{{x.numerator}/{x.denominator}}}", f"\\boxed{{\\frac{{{x.numerator}}}{{{x.denominator}}}}}"]
    text = dec(x)
    out = [f"\\boxed{{{text}}}", f"Answer: {text}", f"\\boxed{{{text}{'' if '.' in text else '.'}00}}"]
    if abs(x) >= 1000 and "." not in text:
        out.append(f"\\boxed{{{int(x):,}}}")
    return out


@pytest.mark.parametrize("d,s", CASES)
def test_accepted_renderings_verify(d, s):
    p = problem(d, s)
    for text in renderings(p):
        assert status(p, text) == "CORRECT", text


@pytest.mark.parametrize("d,s", CASES)
def test_near_misses_fail(d, s):
    p = problem(d, s)
    x, form = p.answer, p.metadata["form"]
    wrong = [x + Fraction(1, 100), x - 1, -x, x * 10]
    for w in wrong:
        text = f"{w.numerator}/{w.denominator}" if form == "fraction" and w.denominator > 1 else dec(w)
        assert status(p, f"\\boxed{{{text}}}") in ("INCORRECT", "UNPARSEABLE"), text
    if form == "percent":
        assert status(p, f"\\boxed{{{dec(x / 100)}}}") == "INCORRECT"  # the decimal is not the percentage
    if form == "decimal" and x.denominator > 1:
        assert status(p, f"\\boxed{{{x.numerator}/{x.denominator}}}") == "UNPARSEABLE"  # a fraction is not a decimal
    if form == "fraction":
        assert status(p, f"\\boxed{{{2 * x.numerator}/{2 * x.denominator}}}") == "UNPARSEABLE"
        assert status(p, f"\\boxed{{{dec(x)}}}") == "UNPARSEABLE"


def test_rounded_answers_are_wrong():
    for s in range(40):
        p = problem(10, s)
        text = dec(p.answer)
        if "." in text and len(text.split(".")[1]) > 2:
            assert status(p, f"\\boxed{{{float(text):.2f}}}") == "INCORRECT"


NUM = r"-?\d+(?:\.\d+)?"


def reference(question: str) -> Decimal:
    """An independent computation from the question text with high-precision decimals."""
    D = Decimal
    if m := re.match(rf"Compute ({NUM}) ([-+×÷]) ({NUM})\.", question):
        a, op, b = D(m[1]), m[2], D(m[3])
        return {"+": a + b, "-": a - b, "×": a * b, "÷": a / b}[op]
    if m := re.match(rf"Write ({NUM})(?:/(\d+))?(%?) as a (percentage|decimal|fraction)", question):
        x = D(m[1]) / (D(m[2]) if m[2] else 1) / (100 if m[3] else 1)
        return x * 100 if m[4] == "percentage" else x
    if m := re.match(rf"What is ({NUM})% of (\d+)", question):
        return D(m[1]) * D(m[2]) / 100
    if m := re.match(rf"({NUM}) is what percent of (\d+)", question):
        return D(m[1]) / D(m[2]) * 100
    if m := re.match(rf"A price (rises|falls) from (\d+) to ({NUM})", question):
        return abs(D(m[3]) - D(m[2])) / D(m[2]) * 100
    if m := re.match(rf"After a ({NUM})% (increase|discount), an item costs ({NUM})", question):
        p = D(m[1]) if m[2] == "increase" else -D(m[1])
        return D(m[3]) / (1 + p / 100)
    changes = [D(v) * (1 if w == "increased" else -1) for w, v in re.findall(r"(increased|decreased) by (\d+)%", question)]
    factor = D(1)
    for c in changes:
        factor *= 1 + c / 100
    if m := re.match(r"A value of (\d+)", question):
        return D(m[1]) * factor
    return (factor - 1) * 100


@pytest.mark.parametrize("d", range(1, 11))
def test_agrees_with_independent_reference(d):
    for s in range(40):
        p = problem(d, s)
        ref = reference(p.question)
        assert Fraction(ref) == p.answer, p.question
        for candidate in (p.answer, p.answer + Fraction(1, 1000)):
            text = dec(candidate) if p.metadata["form"] != "fraction" else f"{candidate.numerator}/{candidate.denominator}"
            assert FAM.verify(p, f"\\boxed{{{text}}}").correct == (Fraction(ref) == candidate)


def test_difficulty_changes_the_problem():
    q = {d: [problem(d, s).question for s in range(20)] for d in range(1, 11)}
    assert all(re.search(r"[-+] ", x) for x in q[1]) and all("×" in x for x in q[2]) and all("÷" in x for x in q[3])
    assert all(x.startswith("Write") for x in q[4] + q[5])
    assert all("% of" in x for x in q[6]) and all("what percent" in x for x in q[7])
    assert all("from" in x for x in q[8]) and all("before the change" in x for x in q[9])
    assert all(", then " in x for x in q[10])
    forms = {problem(5, s).metadata["form"] for s in range(40)}
    assert forms == {"decimal", "percent", "fraction"}
