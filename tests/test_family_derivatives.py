"""Derivatives: gold matches a numeric derivative, renderings verify, near misses fail."""

import doctest

import numpy as np
import pytest
import sympy as sp

from textbook_gym.envs import derivatives
from textbook_gym.envs._kit.expressions import tree_expression
from textbook_gym.registry import get_family
from textbook_gym.verifiers.symbolic import parse_expression

FAM = get_family("Derivatives")
X = sp.Symbol("x")
LEVELS = range(1, 11)


def _problems(level, n=12):
    return [FAM.generate(np.random.default_rng([seed, level]), level) for seed in range(n)]


def _function(p):
    return parse_expression(p.metadata["function"])


POINTS = (sp.Rational(7, 10), sp.Rational(13, 10), sp.Rational(23, 10))


def _close(a, b):
    """Compare two expressions numerically at points where everything here is defined."""
    for t in POINTS:
        va, vb = complex(a.subs(X, t).evalf(30)), complex(b.subs(X, t).evalf(30))
        if abs(va - vb) > 1e-9 * max(1.0, abs(va)):
            return False
    return True


@pytest.mark.parametrize("level", LEVELS)
def test_gold_matches_central_difference(level):
    """Independent reference: a high-precision central difference of the function itself."""
    h = sp.Rational(1, 10**12)
    for p in _problems(level, 8):
        f = _function(p)
        for t in (sp.Rational(7, 10), sp.Rational(17, 10)):
            numeric = ((f.subs(X, t + h) - f.subs(X, t - h)) / (2 * h)).evalf(50)
            gold = p.answer.subs(X, t).evalf(50)
            assert abs(complex(numeric) - complex(gold)) < 1e-8 * max(1.0, abs(complex(gold))), p.question


@pytest.mark.parametrize("level", [1, 4, 7, 10])
def test_accepted_renderings_verify(level):
    for p in _problems(level, 6):
        gold = p.answer
        for text in (sp.sstr(gold), sp.latex(gold), sp.sstr(sp.expand(gold)), sp.latex(sp.together(gold))):
            assert FAM.verify(p, f"\\boxed{{{text}}}").correct, text
        assert FAM.verify(p, f"So f'(x) = {sp.sstr(gold)}.\nAnswer: {sp.sstr(gold)}").correct
        assert FAM.verify(p, f"\\boxed{{f'(x) = {sp.latex(gold)}}}").correct
        assert FAM.verify(p, f"\\boxed{{\\frac{{dy}}{{dx}} = {sp.sstr(gold)}}}").correct


@pytest.mark.parametrize("level", [2, 5, 6, 8, 9])
def test_near_misses_fail(level):
    for p in _problems(level, 5):
        gold, f = p.answer, _function(p)
        for wrong in (-gold, gold + 1, 2 * gold, f, gold * X):
            verdict = FAM.verify(p, f"\\boxed{{{sp.sstr(wrong)}}}")
            assert verdict.status.value == "INCORRECT", (p.question, wrong, verdict)


def test_forgotten_inner_derivative_fails():
    """The classic chain-rule slip: differentiate the outer function only."""
    p = next(p for p in _problems(7, 40) if p.metadata["tree"][0] in ("sin", "cos", "exp"))
    tree = p.metadata["tree"]
    inner = tree_expression(tree[1])
    outer_only = {"sin": sp.cos(inner), "cos": -sp.sin(inner), "exp": sp.exp(inner)}[tree[0]]
    assert not FAM.verify(p, f"\\boxed{{{sp.sstr(outer_only)}}}").correct


def test_product_rule_as_product_of_derivatives_fails():
    p = _problems(5, 1)[0]
    u, v = (tree_expression(t) for t in p.metadata["tree"][1:])
    assert not FAM.verify(p, f"\\boxed{{{sp.sstr(sp.diff(u, X) * sp.diff(v, X))}}}").correct


@pytest.mark.parametrize("level", LEVELS)
def test_worked_solution_final_form_equals_gold(level):
    for p in _problems(level, 6):
        raw, _ = derivatives.differentiate(p.metadata["tree"])
        assert _close(derivatives.tidy(raw), p.answer)


def test_difficulty_changes_the_rules_used():
    rules = {level: " ".join(FAM.worked_solution(p) for p in _problems(level, 10)) for level in LEVELS}
    assert "Product rule" not in rules[1] and "Chain rule" not in rules[2]
    assert "Product rule" in rules[5] and "Quotient rule" in rules[6] and "Chain rule" in rules[7]
    assert "Product rule" in rules[8] and "Chain rule" in rules[8]
    assert "Quotient rule" in rules[9] and "Chain rule" in rules[9]
    assert all(p.metadata["tree"][0] == "mul" or p.metadata["tree"][0] == "pow" for p in _problems(1))


def test_hostile_answers_do_not_crash():
    p = _problems(3, 1)[0]
    for text in ("\\boxed{9^9^9^9}", "\\boxed{__import__('os').system('true')}", "\\boxed{" + "(" * 5000 + "x" + ")" * 5000 + "}",
                 "\\boxed{}", "\\boxed{3x}\\boxed{4x}", "\\boxed{" + "9" * 100000 + "}"):
        verdict = FAM.verify(p, text)
        assert verdict.status.value in ("INCORRECT", "UNPARSEABLE"), (text[:40], verdict)


def test_equivalent_duplicate_answers_are_not_a_conflict():
    p = _problems(4, 1)[0]
    gold = p.answer
    assert FAM.verify(p, f"\\boxed{{{sp.sstr(gold)}}} ... \\boxed{{{sp.latex(sp.expand(gold))}}}").correct


def test_docstring_examples():
    assert doctest.testmod(derivatives).failed == 0


def test_roots_compare_on_the_real_domain():
    """x > 0 in the comparison: a cube root of x^2 and x^(2/3) are the same answer there."""
    from textbook_gym.problem import Problem

    p = Problem("Find the derivative of x^(1/3).", X ** sp.Rational(-2, 3) / 3, "Derivatives")
    assert FAM.verify(p, "\\boxed{\\frac{1}{3\\sqrt[3]{x^2}}}").correct
    assert not FAM.verify(p, "\\boxed{\\frac{1}{3\\sqrt[3]{x}}}").correct
