"""Limits: gold matches sympy.limit, every documented rendering verifies, near misses fail."""

import doctest
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from textbook_gym.envs import limits
from textbook_gym.registry import get_family

FAM = get_family("Limits")
X = sp.Symbol("x")
LEVELS = range(1, 11)


def _problems(level, n=10):
    return [FAM.generate(np.random.default_rng([seed, level]), level) for seed in range(n)]


def _reference(params):
    """sympy.limit on the same function, with the point read from the parameters."""
    _, f, _, _ = limits.solve(params)
    kind = params["kind"]
    if kind == "inf":
        value = sp.limit(f, X, sp.oo if params["dir"] > 0 else -sp.oo)
    elif kind == "conj" and params["form"] == "inf":
        value = sp.limit(f, X, sp.oo)
    elif kind in ("asym", "abs"):
        a = sp.Integer(params["a"])
        if params["side"]:
            value = sp.limit(f, X, a, params["side"])
        else:
            left, right = sp.limit(f, X, a, "-"), sp.limit(f, X, a, "+")
            value = left if left == right else "DNE"
    else:
        point = {"fc": params.get("r"), "cubes": params.get("r"), "poly": params.get("a"), "rat": params.get("a")}.get(kind, 0)
        if kind == "conj" and params["form"] == "x/root":
            point = params["c"] ** 2
        if kind == "hop":
            point = {"pow": params["a"], "lnx": 1}.get(params["form"], 0)
        value = sp.limit(f, X, point)
    if value == "DNE":
        return "DNE"
    if value in (sp.oo, -sp.oo):
        return "oo" if value == sp.oo else "-oo"
    return Fraction(int(value.p), int(value.q))


@pytest.mark.parametrize("level", LEVELS)
def test_gold_matches_sympy_limit(level):
    for p in _problems(level, 8):
        assert _reference(p.metadata["params"]) == p.answer, p.question


def _renderings(answer):
    if answer == "oo":
        return ["\\infty", "+\\infty", "∞", "oo", "infinity", "$\\infty$"]
    if answer == "-oo":
        return ["-\\infty", "−∞", "-oo", "-infinity", "- \\infty"]
    if answer == "DNE":
        return ["DNE", "\\text{DNE}", "does not exist", "\\text{does not exist}", "The limit does not exist"]
    n, d = answer.numerator, answer.denominator
    out = [f"{n}/{d}", f"\\frac{{{n}}}{{{d}}}", f"\\frac{{{2 * n}}}{{{2 * d}}}"]
    if d == 1:
        out.append(str(n))
    if d > 1 and 10**6 % d == 0:
        out.append(str(sp.Rational(n, d).evalf(12)).rstrip("0"))
    return out


@pytest.mark.parametrize("level", LEVELS)
def test_accepted_renderings_verify(level):
    for p in _problems(level, 6):
        for text in _renderings(p.answer):
            assert FAM.verify(p, f"\\boxed{{{text}}}").correct, (p.answer, text)
        assert FAM.verify(p, f"So the limit is found.\nAnswer: {_renderings(p.answer)[0]}").correct


def _near_misses(answer):
    if answer == "oo":
        return ["-\\infty", "DNE", "0"]
    if answer == "-oo":
        return ["\\infty", "DNE", "0"]
    if answer == "DNE":
        return ["\\infty", "-\\infty", "0"]
    values = {answer + 1, answer - 1, -answer, *([1 / answer] if answer else [])} - {answer}
    return ["\\infty", "DNE", *(str(v) for v in sorted(values))]


@pytest.mark.parametrize("level", LEVELS)
def test_near_misses_fail(level):
    for p in _problems(level, 6):
        for text in _near_misses(p.answer):
            verdict = FAM.verify(p, f"\\boxed{{{text}}}")
            assert verdict.status.value == "INCORRECT", (p.question, p.answer, text, verdict)


def test_conflicting_answers_fail():
    p = _problems(3, 1)[0]
    assert not FAM.verify(p, f"\\boxed{{{p.answer}}} or maybe \\boxed{{DNE}}").correct


def test_gibberish_is_unparseable():
    p = _problems(6, 1)[0]
    for text in ("\\boxed{infinite-ish}", "\\boxed{-}", "\\boxed{x}", "\\boxed{1e309}", "\\boxed{nan}"):
        assert FAM.verify(p, text).status.value == "UNPARSEABLE", text


def test_difficulty_changes_the_technique():
    kinds = {level: {p.metadata["params"]["kind"] for p in _problems(level, 20)} for level in LEVELS}
    assert kinds[1] == {"poly"} and kinds[2] == {"rat"} and kinds[3] == {"fc"} and kinds[5] == {"inf"}
    assert kinds[6] == {"asym", "abs"} and kinds[7] == {"trig"} and kinds[8] == {"conj"} and kinds[9] == kinds[10] == {"hop"}
    rounds = lambda level: max(FAM.worked_solution(p).count("Round") for p in _problems(level, 20))  # noqa: E731
    assert rounds(9) == 1 and rounds(10) >= 2
    answers = {p.answer for p in _problems(6, 40)}
    assert {"oo", "-oo", "DNE"} <= answers


def test_answers_have_entropy():
    for level in (1, 2, 3, 4, 6, 7, 8):
        assert len({p.answer for p in _problems(level, 40)}) >= 15, level


def test_docstring_examples():
    assert doctest.testmod(limits).failed == 0


def test_every_question_leaves_a_function_of_x():
    # v1 asked for "the limit of 1" when sympy cancelled sin(13x)/sin(13x) or p(x)/p(x) (22 of 1,000 level-7 draws).
    for level in (5, 7):
        for seed in range(400):
            problem = FAM.generate(np.random.default_rng([level, seed, 99]), level)
            assert "x" in problem.question.split("}", 1)[1], problem.question
