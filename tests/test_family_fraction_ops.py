"""Family-specific properties of textbook/Fractions-v1 (envs/fraction_ops.py)."""

from __future__ import annotations

import re
from fractions import Fraction

import numpy as np
import pytest
import sympy

from textbook_gym.envs.fraction_ops import Fractions
from textbook_gym.problem import Problem

FAM = Fractions()
CASES = [(d, s) for d in range(1, 11) for s in range(12)]


def problem(d: int, s: int) -> Problem:
    return FAM.generate(np.random.default_rng([s, d]), d)


def status(p: Problem, response: str) -> str:
    return FAM.verify(p, response).status.value


def renderings(x: Fraction) -> list[str]:
    if x.denominator == 1:
        return [str(x.numerator), f"Answer: {x.numerator}", f"${x.numerator}$"]
    sign, a = ("-" if x < 0 else ""), abs(x)
    out = [f"{sign}{a.numerator}/{a.denominator}", f"{sign}\\frac{{{a.numerator}}}{{{a.denominator}}}",
           f"{sign}\\dfrac{{{a.numerator}}}{{{a.denominator}}}", f"Answer: {sign}{a.numerator}/{a.denominator}"]
    if x < 0:
        out.append(f"\\frac{{-{a.numerator}}}{{{a.denominator}}}")
    if a > 1:
        w, part = divmod(a, 1)
        out += [f"{sign}{w} {part.numerator}/{part.denominator}", f"{sign}{w}\\frac{{{part.numerator}}}{{{part.denominator}}}"]
    return out


def boxed(text: str) -> str:
    return text if text.startswith("Answer:") else f"The result is \\boxed{{{text}}}."


@pytest.mark.parametrize("d,s", CASES)
def test_accepted_renderings_verify(d, s):
    p = problem(d, s)
    for text in renderings(p.answer):
        assert status(p, boxed(text)) == "CORRECT", text


@pytest.mark.parametrize("d,s", CASES)
def test_near_misses_fail(d, s):
    p = problem(d, s)
    x = p.answer
    for wrong in {-x, x + 1, x - Fraction(1, x.denominator), Fraction(x.numerator + 1, x.denominator)} - {x}:
        assert status(p, boxed(f"{wrong.numerator}/{wrong.denominator}" if wrong.denominator > 1 else str(wrong))) in (
            "INCORRECT", "UNPARSEABLE")
    if x not in (1, -1):
        r = 1 / x
        assert status(p, boxed(f"{r.numerator}/{r.denominator}" if r.denominator > 1 else str(r))) == "INCORRECT"


@pytest.mark.parametrize("d,s", CASES)
def test_unreduced_and_decimal_refused(d, s):
    p = problem(d, s)
    x = p.answer
    assert status(p, boxed(f"{2 * x.numerator}/{2 * x.denominator}")) == "UNPARSEABLE"
    if x.denominator in (2, 4, 5, 8, 10, 16, 20, 25):
        assert status(p, boxed(str(float(x)))) == "UNPARSEABLE"


# -------- an independent evaluator of the question text (sympy Rationals, recursive descent)
TOKEN = re.compile(r"\s*(\(−\d+ \d+/\d+\)|\(−\d+/\d+\)|\d+ \d+/\d+|\d+/\d+|\d+|[-+×÷()])")


def reference_value(question: str) -> sympy.Rational:
    if question.startswith("Write "):
        num, den = question.split()[1].split("/")
        return sympy.Rational(int(num), int(den))
    expr = question.removeprefix("Compute ").split(". Give")[0]
    tokens = TOKEN.findall(expr)
    assert "".join(tokens).replace(" ", "") == expr.replace(" ", "")
    pos = 0

    def atom():
        nonlocal pos
        tok = tokens[pos]
        pos += 1
        if tok == "(":
            value = additive()
            pos += 1
            return value
        neg = tok.startswith("(−")
        body = tok.strip("()−")
        whole, _, frac = body.rpartition(" ") if " " in body else ("0", "", body)
        num, _, den = frac.partition("/")
        value = sympy.Integer(int(whole)) + sympy.Rational(int(num), int(den or 1))
        return -value if neg else value

    def term():
        nonlocal pos
        value = atom()
        while pos < len(tokens) and tokens[pos] in "×÷":
            op = tokens[pos]
            pos += 1
            other = atom()
            value = value * other if op == "×" else value / other
        return value

    def additive():
        nonlocal pos
        value = term()
        while pos < len(tokens) and tokens[pos] in "+-":
            op = tokens[pos]
            pos += 1
            other = term()
            value = value + other if op == "+" else value - other
        return value

    return additive()


@pytest.mark.parametrize("d", range(1, 11))
def test_agrees_with_independent_reference(d):
    for s in range(30):
        p = problem(d, s)
        ref = reference_value(p.question)
        assert sympy.Rational(p.answer.numerator, p.answer.denominator) == ref
        for candidate in (p.answer, p.answer + Fraction(1, 7), -p.answer):
            expected = sympy.Rational(candidate.numerator, candidate.denominator) == ref
            text = f"{candidate.numerator}/{candidate.denominator}" if candidate.denominator > 1 else str(candidate)
            assert FAM.verify(p, boxed(text)).correct == expected


def test_difficulty_changes_the_problem():
    q = {d: [problem(d, s).question for s in range(20)] for d in range(1, 11)}
    assert all(x.startswith("Write ") for x in q[1])
    assert all("×" in x for x in q[3]) and all("÷" in x for x in q[5])
    assert all(re.search(r"\d+ \d+/\d+", x) for x in q[7] + q[8])
    assert all(len(re.findall(r"[-+×÷]", x.split(". Give")[0].replace("−", ""))) == 2 for x in q[9])
    assert all("(" in x and len(re.findall(r"[-+×÷] ", x)) == 3 for x in q[10])


def test_worked_solution_uses_euclid_and_reciprocal():
    sol1 = FAM.worked_solution(problem(1, 3))
    assert "Euclid" in sol1 and "gcd" in sol1
    sol5 = FAM.worked_solution(problem(5, 3))
    assert "reciprocal" in sol5


def test_level_2_shows_equal_denominators():
    # v0 reduced each drawn fraction, so 41% of these "equal denominators" problems showed unlike ones (1/4 + 1/2).
    for seed in range(300):
        question = FAM.generate(np.random.default_rng([2, seed]), 2).question
        assert len(set(re.findall(r"\d+/(\d+)", question))) == 1, question
