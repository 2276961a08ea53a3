"""FunctionEvaluation: renderings, near misses, an independent sympy reference for every kind."""

from fractions import Fraction

import numpy as np
import pytest
import sympy

from textbook_gym.envs.function_evaluation import FunctionEvaluation, function_text
from textbook_gym.verifiers.symbolic import parse_expression

FAMILY = FunctionEvaluation()
X = sympy.Symbol("x")


def problems(levels=range(1, 11), seeds=range(12)):
    return [FAMILY.generate(np.random.default_rng([s, d]), d) for d in levels for s in seeds]


def text(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


@pytest.mark.parametrize("level", [1, 5, 9])
def test_accepted_renderings_verify(level):
    for p in problems([level], range(8)):
        v = p.answer
        latex = f"\\frac{{{v.numerator}}}{{{v.denominator}}}" if v.denominator != 1 else str(v.numerator)
        for answer in (text(v), latex, f"f(2) = {text(v)}", f"x = {latex}"):
            assert FAMILY.verify(p, f"\\boxed{{{answer}}}").correct, (p.question, answer)


def test_near_misses_fail():
    for p in problems(seeds=range(4)):
        v = p.answer
        wrong = {v + 1, v - 1, -v if v else Fraction(1)} | ({1 / v} if v not in (0, 1, -1) else set())
        for w in wrong - {v}:
            assert not FAMILY.verify(p, f"\\boxed{{{text(w)}}}").correct, (p.question, w)
        if v.denominator > 1:
            unreduced = f"{3 * v.numerator}/{3 * v.denominator}"
            assert FAMILY.verify(p, f"\\boxed{{{unreduced}}}").status.value == "UNPARSEABLE"
        assert not FAMILY.verify(p, f"\\boxed{{f(1) = 2 = {text(v)}}}").correct


def reference(meta: dict) -> sympy.Expr:
    f = parse_expression(function_text(meta["f"]))
    kind = meta["kind"]
    if kind == "eval":
        return f.subs(X, parse_expression(meta["at"]))
    if kind == "compose":
        g = parse_expression(function_text(meta["g"]))
        return f.subs(X, g.subs(X, parse_expression(meta["at"])))
    if kind == "solve":
        (root,) = sympy.solve(sympy.Eq(f, parse_expression(meta["k"])), X)
        return root
    if kind == "inverse":
        (root,) = sympy.solve(sympy.Eq(f, parse_expression(meta["y"])), X)
        return root
    g = parse_expression(function_text(meta["g"]))
    (root,) = sympy.solve(sympy.Eq(f.subs(X, g), parse_expression(meta["k"])), X)
    return root


def test_answers_agree_with_sympy():
    for p in problems(seeds=range(15)):
        value = sympy.nsimplify(reference(p.metadata))
        assert value.is_Rational and Fraction(int(value.p), int(value.q)) == p.answer, (p.question, value)


def test_levels_change_what_is_asked():
    kinds = lambda level: {p.metadata["kind"] for p in problems([level], range(20))}  # noqa: E731
    assert kinds(1) == kinds(4) == {"eval"}
    assert kinds(6) == {"compose"}
    assert kinds(9) == {"inverse"}
    assert any(p.answer.denominator > 1 for p in problems([5], range(10)))
