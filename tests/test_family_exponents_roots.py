"""Family-specific properties of textbook/ExponentsRoots-v2 (envs/exponents_roots.py)."""

from __future__ import annotations

import re
from fractions import Fraction

import numpy as np
import pytest
import sympy

from textbook_gym.envs.exponents_roots import ExponentsRoots, parse_radical
from textbook_gym.problem import Problem

FAM = ExponentsRoots()
CASES = [(d, s) for d in range(1, 11) for s in range(15)]


def problem(d: int, s: int) -> Problem:
    return FAM.generate(np.random.default_rng([s, d]), d)


def status(p: Problem, response: str) -> str:
    return FAM.verify(p, response).status.value


def radical_text(coef: int, n: int, k: int, style: int = 0) -> str:
    lead = {1: "", -1: "-"}.get(coef, str(coef))
    return [f"{lead}\\sqrt{{{n}}}" if k == 2 else f"{lead}\\sqrt[{k}]{{{n}}}", f"{lead}\\sqrt[{k}]{{{n}}}",
            f"{lead} \\cdot \\sqrt[{k}]{{{n}}}" if lead not in ("", "-") else f"{lead}\\sqrt[{k}]{{{n}}}",
            f"{lead}{'√∛∜'[k - 2]}{n}" if k <= 4 else f"{lead}\\sqrt[{k}]{{{n}}}"][style]


@pytest.mark.parametrize("d,s", CASES)
def test_accepted_renderings_verify(d, s):
    p = problem(d, s)
    form = p.metadata["form"]
    if form == "radical":
        c, n, k = parse_radical(p.answer)
        texts = [radical_text(c, n, k, i) for i in range(4)] + [f"Answer: {p.answer}", f"${p.answer}$"]
        if n < 10 and k == 2:
            texts.append(f"{c}\\sqrt{n}" if c not in (1, -1) else p.answer)
    elif form == "fraction":
        x = p.answer
        texts = [f"{x.numerator}/{x.denominator}" if x.denominator > 1 else str(x.numerator),
                 f"\\frac{{{x.numerator}}}{{{x.denominator}}}" if x.denominator > 1 else f"Answer: {x.numerator}"]
    else:
        texts = [str(p.answer), f"{int(p.answer):,}", f"Answer: {p.answer}", f"{p.answer}.0"]
    for text in texts:
        response = text if text.startswith("Answer:") else f"so \\boxed{{{text}}}"
        assert status(p, response) == "CORRECT", text


@pytest.mark.parametrize("d,s", CASES)
def test_near_misses_fail(d, s):
    p = problem(d, s)
    form = p.metadata["form"]
    if form == "radical":
        c, n, k = parse_radical(p.answer)
        wrong = [radical_text(c + 1, n, k), radical_text(-c, n, k), radical_text(c, n + 1, k),
                 radical_text(c, n, k + 1), str(c)]
        if c > 1:
            wrong.append(radical_text(1, c**k * n, k))
        if c % 2 == 0:
            wrong.append(radical_text(c // 2, n * 2**k, k))  # equal in value, not simplified
        for text in wrong:
            assert status(p, f"\\boxed{{{text}}}") == "INCORRECT", text
        assert status(p, "\\boxed{\\sqrt{}}") == "UNPARSEABLE"
    elif form == "fraction":
        x = p.answer
        for w in (-x, x + 1, 1 / x if x not in (1, -1) else x + 2):
            assert status(p, f"\\boxed{{{w.numerator}/{w.denominator}}}" if w.denominator > 1 else f"\\boxed{{{w}}}") == (
                "INCORRECT")
        if x.denominator > 1:
            assert status(p, f"\\boxed{{{3 * x.numerator}/{3 * x.denominator}}}") == "UNPARSEABLE"
    else:
        for w in (p.answer + 1, p.answer - 1, -p.answer if p.answer else 7):
            assert status(p, f"\\boxed{{{w}}}") == "INCORRECT"


# -------- an independent reference: a small LaTeX reader that builds sympy numbers
TOKEN = re.compile(r"\\left\(|\\right\)|\\sqrt|\\frac|\\cdot|\\div|\d+|[-+^{}()\[\]]")


def reference_value(question: str) -> sympy.Expr:
    latex = question.split("$")[1]
    tokens = TOKEN.findall(latex)
    assert "".join(tokens) == latex.replace(" ", "")
    pos = 0

    def peek():
        return tokens[pos] if pos < len(tokens) else None

    def take(expected=None):
        nonlocal pos
        tok = tokens[pos]
        assert expected is None or tok == expected, (tok, expected)
        pos += 1
        return tok

    def expr():
        value = term()
        while peek() in ("+", "-"):
            value = value + term() if take() == "+" else value - term()
        return value

    def term():
        value = factor()
        while peek() in ("\\cdot", "\\div", "\\sqrt"):
            op = take() if peek() != "\\sqrt" else "\\cdot"
            value = value * factor() if op == "\\cdot" else value / factor()
        return value

    def factor():
        if peek() == "-":
            take()
            return -factor()
        value = atom()
        if peek() == "^":
            take()
            take("{")
            exponent = expr()
            take("}")
            value = value**exponent
        return value

    def atom():
        tok = take()
        if tok.isdigit():
            return sympy.Integer(int(tok))
        if tok in ("(", "\\left("):
            value = expr()
            take()
            return value
        if tok == "\\frac":
            take("{")
            num = expr()
            take("}")
            take("{")
            den = expr()
            take("}")
            return num / den
        index = 2
        if peek() == "[":
            take()
            index = int(take())
            take("]")
        take("{")
        value = expr()
        take("}")
        return sympy.root(value, index)

    value = expr()
    assert pos == len(tokens)
    return value


def gold_value(p: Problem) -> sympy.Expr:
    if p.metadata["form"] == "radical":
        c, n, k = parse_radical(p.answer)
        return c * sympy.root(n, k)
    return sympy.Rational(Fraction(p.answer).numerator, Fraction(p.answer).denominator)


@pytest.mark.parametrize("d", range(1, 11))
def test_agrees_with_independent_reference(d):
    for s in range(40):
        p = problem(d, s)
        ref = reference_value(p.question)
        assert sympy.simplify(ref - gold_value(p)) == 0, p.question
        if p.metadata["form"] == "radical":
            c, n, k = parse_radical(p.answer)
            for coef, rad in ((c, n), (c + 1, n), (c * 2, n), (1, n * c**k) if c > 0 else (c, n)):
                simplest = all(e < k for e in sympy.factorint(rad).values())
                expected = simplest and sympy.simplify(coef * sympy.root(rad, k) - ref) == 0
                assert FAM.verify(p, f"\\boxed{{{radical_text(coef, rad, k)}}}").correct == expected


def test_difficulty_changes_the_problem():
    forms = {d: {problem(d, s).metadata["form"] for s in range(30)} for d in range(1, 11)}
    assert all(forms[d] == {"integer"} for d in (1, 2, 3, 4))
    assert forms[5] == forms[7] == {"fraction"}
    assert all(forms[d] == {"radical"} for d in (6, 8, 9, 10))
    q = {d: [problem(d, s).question for s in range(30)] for d in range(1, 11)}
    assert all("\\sqrt" in x for x in q[3]) and all("-" in x for x in q[2]) and all("^{-" in x for x in q[5])
    assert any("\\sqrt[3]" in x for x in q[8]) and all(x.count("\\sqrt") >= 2 for x in q[9])
    assert any("\\frac" in x for x in q[10])


def test_radical_grammar_is_bounded():
    for hostile in ("9" * 5000, "\\sqrt{" * 3000, "2\\sqrt{99999999999999999999}", "__import__('os')", "\\sqrt[1]{4}"):
        p = problem(6, 0)
        assert status(p, f"\\boxed{{{hostile}}}") == "UNPARSEABLE"


def test_no_two_signs_in_a_row():
    # v1 wrote (-7)^{2} + -6^{3} in a third of level-2 questions; a reader can take -6^{3} with or without the +.
    for seed in range(300):
        question = FAM.generate(np.random.default_rng([2, seed, 99]), 2).question
        assert not re.search(r"(\+|-|\\cdot) -", question), question
