"""Integrals: any antiderivative verifies, exact values only, near misses fail, gold matches sympy."""

import doctest

import numpy as np
import pytest
import sympy as sp

from textbook_gym.envs import integrals
from textbook_gym.registry import get_family
from textbook_gym.verifiers.symbolic import parse_expression

FAM = get_family("Integrals")
X = sp.Symbol("x")
LEVELS = range(1, 11)
INDEFINITE = [1, 2, 3, 4, 5, 7, 9]


def _problems(level, n=10, kind=None):
    out = []
    seed = 0
    while len(out) < n:
        p = FAM.generate(np.random.default_rng([seed, level]), level)
        seed += 1
        if kind is None or p.metadata["kind"] == kind:
            out.append(p)
    return out


def _integrand(p):
    return parse_expression(p.metadata["integrand"])


@pytest.mark.parametrize("level", LEVELS)
def test_gold_matches_sympy(level):
    """Independent reference: sympy's own integrator (definite) or differentiation (indefinite)."""
    for p in _problems(level, 6):
        f = _integrand(p)
        if p.metadata["kind"] == "definite":
            spec = p.metadata["spec"]
            lo, hi = integrals._bound(spec["lo"]), integrals._bound(spec["hi"])
            assert sp.simplify(sp.integrate(f, (X, lo, hi)) - p.answer) == 0, p.question
        else:
            assert sp.simplify(sp.diff(p.answer, X) - f) == 0, p.question


@pytest.mark.parametrize("level", INDEFINITE)
def test_any_constant_is_accepted(level):
    for p in _problems(level, 4, "indefinite"):
        gold = p.answer
        for text in (sp.sstr(gold), f"{sp.latex(gold)} + C", f"{sp.sstr(gold)} - 7/3", f"{sp.sstr(gold)} + K",
                     sp.latex(sp.expand(gold) + 5)):
            assert FAM.verify(p, f"\\boxed{{{text}}}").correct, text
        assert FAM.verify(p, f"Answer: F(x) = {sp.sstr(gold)} + C").correct


def test_log_absolute_value_accepted():
    p = next(p for p in _problems(3, 40) if p.answer.has(sp.log))
    gold = p.answer
    with_abs = gold.replace(lambda e: isinstance(e, sp.log), lambda e: sp.log(sp.Abs(e.args[0])))
    assert FAM.verify(p, f"\\boxed{{{sp.latex(with_abs)} + C}}").correct
    assert FAM.verify(p, f"\\boxed{{{sp.sstr(gold)}}}").correct


@pytest.mark.parametrize("level", [2, 4, 5, 7, 9, 10])
def test_near_misses_fail(level):
    for p in _problems(level, 4, "indefinite"):
        gold, f = p.answer, _integrand(p)
        for wrong in (-gold, 2 * gold, f, sp.diff(f, X), gold * X):
            verdict = FAM.verify(p, f"\\boxed{{{sp.sstr(wrong)} + C}}")
            assert verdict.status.value == "INCORRECT", (p.question, wrong, verdict)


def test_forgetting_the_inner_slope_fails():
    p = next(p for p in _problems(5, 20) if p.metadata["spec"]["f"] in ("sin", "cos", "exp"))
    a = p.metadata["spec"]["a"]
    assert FAM.verify(p, f"\\boxed{{{sp.sstr(p.answer)}}}").correct
    assert not FAM.verify(p, f"\\boxed{{{sp.sstr(a * p.answer)}}}").correct


def test_other_symbols_are_refused():
    p = _problems(1, 1)[0]
    assert FAM.verify(p, f"\\boxed{{{sp.sstr(p.answer)} + y}}").status.value == "UNPARSEABLE"


@pytest.mark.parametrize("level", [6, 8])
def test_definite_exact_renderings_and_near_misses(level):
    for p in _problems(level, 6, "definite"):
        gold = p.answer
        assert FAM.verify(p, f"\\boxed{{{sp.latex(gold)}}}").correct
        assert FAM.verify(p, f"\\boxed{{{sp.sstr(sp.expand(gold))}}}").correct
        for wrong in (-gold, gold + 1, 2 * gold):
            if wrong != gold:
                assert FAM.verify(p, f"\\boxed{{{sp.sstr(wrong)}}}").status.value == "INCORRECT"
        assert FAM.verify(p, f"\\boxed{{{sp.sstr(gold)} + x}}").status.value == "UNPARSEABLE"


def test_decimal_approximation_of_an_irrational_value_fails():
    p = next(p for p in _problems(8, 40, "definite") if not p.answer.is_Rational)
    approx = sp.N(p.answer, 20)
    assert FAM.verify(p, f"\\boxed{{{approx}}}").status.value == "INCORRECT"


def test_unreduced_fraction_is_accepted_for_a_rational_value():
    p = next(p for p in _problems(6, 20, "definite") if p.answer.is_Rational and p.answer.q > 1)
    num, den = p.answer.p * 3, p.answer.q * 3
    assert FAM.verify(p, f"\\boxed{{\\frac{{{num}}}{{{den}}}}}").correct


def test_difficulty_changes_the_technique():
    kinds = {level: {p.metadata["spec"]["t"] for p in _problems(level, 15)} for level in LEVELS}
    definite = {level: {p.metadata["kind"] for p in _problems(level, 15)} for level in LEVELS}
    assert kinds[1] == kinds[2] == {"terms"} and kinds[5] == {"lin"} and kinds[7] == {"gsub"}
    assert kinds[9] == kinds[10] == {"parts"}
    assert definite[6] == definite[8] == {"definite"} and definite[1] == definite[9] == {"indefinite"}
    assert definite[10] == {"definite", "indefinite"}
    text = " ".join(FAM.worked_solution(p) for p in _problems(10, 10))
    assert "By parts again" in text


def test_hostile_answers_do_not_crash():
    p = _problems(7, 1)[0]
    for text in ("\\boxed{9^9^9^9}", "\\boxed{__import__('os')}", "\\boxed{x^{" + "9" * 5000 + "}}", "\\boxed{}",
                 "\\boxed{x}\\boxed{x^2}", "<answer></answer>"):
        assert FAM.verify(p, text).status.value in ("INCORRECT", "UNPARSEABLE"), text[:40]


def test_docstring_examples():
    assert doctest.testmod(integrals).failed == 0


def test_log_identities_on_the_real_domain():
    from textbook_gym.problem import Problem

    p = Problem("Find the antiderivative of 1/x.", sp.log(X), "Integrals", metadata={"kind": "indefinite", "integrand": "1/x"})
    for text in ("\\frac12 \\ln(x^2) + C", "\\ln|x|", "\\ln(5x)", "\\ln x - \\ln 3"):
        assert FAM.verify(p, f"\\boxed{{{text}}}").correct, text
    for text in ("\\ln(x^2)", "\\frac{1}{x}", "-\\frac{1}{x^2}"):
        assert FAM.verify(p, f"\\boxed{{{text}}}").status.value == "INCORRECT", text
