"""Inequalities: solve a linear, compound, quadratic, polynomial or rational inequality.

**Asked.** ``Solve 5 - 3x ≥ 11 and give the solution set in interval notation.``

**Difficulty** changes the kind of inequality:

==  ============================================================  ==================================
 1  one step, adding or subtracting                               ``x + 4 < 9``
 2  one step, dividing by a positive number                       ``6x ≥ 15``
 3  two steps, often dividing by a negative (the sign flips)      ``5 - 3x ≥ 11``
 4  unknown on both sides                                         ``2x + 7 > 5x - 8``
 5  brackets on both sides                                        ``3(x - 2) + 1 ≤ 5(x + 1) - 4``
 6  compound (double) inequality                                  ``-3 < 2 - 5x ≤ 12``
 7  quadratic with integer roots                                  ``x^2 - x - 6 < 0``
 8  quadratic, rearranged or non-monic, rational roots            ``6x^2 + 5 ≥ 17x``
 9  product of three linear factors (sign chart)                  ``(x + 2)(x - 1)(x - 4) > 0``
10  rational inequality (sign chart, excluded pole)               ``(2x - 3)/(x + 1) ≤ 0``
==  ============================================================  ==================================

**Answer type.** A string with the canonical interval notation
(``(-\\infty, 3/2) \\cup [4, \\infty)``); it is compared as a *set*, never as text.
Accepted renderings are everything :func:`textbook_gym.verifiers.intervals.parse_intervals`
reads: interval notation with ``\\cup``/``U``, ``\\infty``/``oo``, fractions or exact
decimals as endpoints, and inequality form such as ``x < -1 or x >= 2``. An answer
is CORRECT exactly when it denotes the same set: a wrong bracket (open versus
closed), a missing piece, a flipped inequality or an included pole is INCORRECT.

**Worked solutions** do the same operation to both sides and say explicitly when
multiplying or dividing by a negative number reverses the inequality; quadratics are
factored and read from the parabola; polynomial and rational inequalities use a sign
chart with a test point in every interval.

**Problem-space sizes** (:meth:`Inequalities.space_size`): estimates from 3,000 draws per level
(Chao1 estimator; a level where no problem repeated is given as the estimator's value,
a lower bound of the true size). Every level's test split holds at least 50 problems.

**Version history.** v0: first release.
"""

from __future__ import annotations

import functools
from fractions import Fraction

import numpy as np

from textbook_gym.family import Family
from textbook_gym.problem import Problem
from textbook_gym.registry import register_family
from textbook_gym.verdict import Verdict
from textbook_gym.verifiers import check_answer
from textbook_gym.verifiers.intervals import parse_intervals

from ._kit.answer_lines import stated_answer
from ._kit.draw import choice
from ._kit.formats import fraction_text
from ._kit.polynomials import (
    coefficients_text,
    linear_factor_text,
    signed_coefficient,
    signed_sum,
    subtract_both_sides,
    tidy_signs,
)
from ._kit.sizes import level_sizes
from ._kit.template_rounds import template_exposition
from ._kit.texts import exposition_texts

SHOW = {"<": "<", "<=": "≤", ">": ">", ">=": "≥"}
FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}
RELATIONS = ("<", "<=", ">", ">=")
INF = "\\infty"


def holds(value: Fraction, rel: str) -> bool:
    """Whether ``value rel 0``."""
    return {"<": value < 0, "<=": value <= 0, ">": value > 0, ">=": value >= 0}[rel]


def union_text(pieces: list[tuple]) -> str:
    """Pieces (lo, hi, lo_closed, hi_closed) with None for infinite ends."""
    out = []
    for lo, hi, lc, hc in pieces:
        left = f"-{INF}" if lo is None else fraction_text(lo)
        right = INF if hi is None else fraction_text(hi)
        out.append(f"{'[' if lc and lo is not None else '('}{left}, {right}{']' if hc and hi is not None else ')'}")
    return " \\cup ".join(out)


# --------------------------------------------------------------------------- sign charts
def sign_chart(meta: dict, lines: list[str]) -> str:
    """Solve lead * prod(num) / prod(den) rel 0 for linear factors [p, q] = px + q."""
    lead, num, den, rel = meta["lead"], meta["num"], meta["den"], meta["rel"]
    zeros = {Fraction(-q, p): "zero" for p, q in num}
    zeros.update({Fraction(-q, p): "pole" for p, q in den})
    points = sorted(zeros)

    def value(point: Fraction) -> Fraction:
        result = Fraction(lead)
        for p, q in num:
            result *= p * point + q
        for p, q in den:
            result /= p * point + q
        return result

    lines.append("Critical points (where a factor is zero): " + ", ".join(fraction_text(c) for c in points) + ".")
    bounds = [None, *points, None]
    pieces = []
    for lo, hi in zip(bounds, bounds[1:]):
        # Every chart has a critical point, so at most one end of an interval is infinite.
        test = hi - 1 if lo is None else (lo + 1 if hi is None else (lo + hi) / 2)
        at_test = value(test)
        ok = holds(at_test, rel)
        shown = f"({'-∞' if lo is None else fraction_text(lo)}, {'∞' if hi is None else fraction_text(hi)})"
        lines.append(f"On {shown} test x = {fraction_text(test)}: the expression is "
                     f"{'positive' if at_test > 0 else 'negative'}, so this interval {'is' if ok else 'is not'} included.")
        if ok:
            pieces.append([lo, hi])
    closed = rel in ("<=", ">=")
    if closed:
        included = [fraction_text(c) for c in points if zeros[c] == "zero"]
        lines.append(f"The relation allows equality, so the numerator's zeros ({', '.join(included)}) are included"
                     + ("; the denominator's zero is excluded." if den else "."))
    # merge pieces that touch at an included zero
    merged: list[list] = []
    for lo, hi in pieces:
        if merged and closed and merged[-1][1] == lo and zeros.get(lo) == "zero":
            merged[-1][1] = hi
        else:
            merged.append([lo, hi])
    final = [(lo, hi, closed and zeros.get(lo) == "zero", closed and zeros.get(hi) == "zero") for lo, hi in merged]
    return union_text(final)


# --------------------------------------------------------------------------- generation
def _linear(rng, level: int) -> dict:
    """Levels 1-5: sides given as display text and collected (coefficient, constant)."""
    signed = functools.partial(signed_coefficient, rng)
    if level == 1:
        a, b = signed(1, 15), int(rng.integers(-15, 16))
        return {"left_text": coefficients_text([1, a]), "right_text": str(b), "L": [1, a], "R": [0, b]}
    if level == 2:
        a, b = int(rng.integers(2, 10)), signed(1, 40)
        return {"left_text": coefficients_text([a, 0]), "right_text": str(b), "L": [a, 0], "R": [0, b]}
    if level == 3:
        a, b, c = signed(2, 9) if rng.random() < 0.3 else -int(rng.integers(2, 10)), signed(1, 15), signed(1, 20)
        left = f"{b} - {coefficients_text([-a, 0])}" if a < 0 and rng.random() < 0.5 else coefficients_text([a, b])
        return {"left_text": left, "right_text": str(c), "L": [a, b], "R": [0, c]}
    if level == 4:
        a, c = signed(1, 9), signed(1, 9)
        while a == c:
            c = signed(1, 9)
        b, e = signed(1, 15), signed(1, 15)
        return {"left_text": coefficients_text([a, b]), "right_text": coefficients_text([c, e]), "L": [a, b], "R": [c, e]}
    k, p, q, m, s, t = signed(2, 6), signed(1, 9), signed(1, 9), signed(2, 6), signed(1, 9), signed(1, 9)
    while k == m:
        m = signed(2, 6)
    left = signed_sum([(k, linear_factor_text(1, p)), (q, "")])
    right = signed_sum([(m, linear_factor_text(1, s)), (t, "")])
    return {"left_text": left, "right_text": right, "L": [k, k * p + q], "R": [m, m * s + t],
            "expanded": True}


def _quadratic(rng, level: int) -> dict:
    while True:
        if level == 7:
            r1, r2 = (int(v) for v in rng.integers(-9, 10, size=2))
            p1, q1, p2, q2 = 1, -r1, 1, -r2
        else:
            p1, p2 = (int(v) for v in rng.integers(1, 5, size=2))
            q1, q2 = signed_coefficient(rng, 1, 9), signed_coefficient(rng, 1, 9)
        if p1 * q2 != p2 * q1:
            break
    lead = 1 if level == 7 else (1 if rng.random() < 0.6 else -1)
    std = [lead * p1 * p2, lead * (p1 * q2 + p2 * q1), lead * q1 * q2]
    meta = {"factors": [[p1, q1], [p2, q2]], "lead": lead, "std": std}
    if level == 8 and rng.random() < 0.6:
        move = [0, signed_coefficient(rng, 1, 9), signed_coefficient(rng, 1, 9)]
        left = [std[0], std[1] + move[1], std[2] + move[2]]
        if left[1] == 0 or left[2] == 0:
            move = [0, 0, 0]
        meta["sides"] = [coefficients_text(left), coefficients_text(move)]
    else:
        meta["sides"] = [coefficients_text(std), "0"]
    return meta


def _chart(rng, level: int) -> dict:
    while True:
        count = 3 if level == 9 else 2
        factors = [[int(rng.integers(1, 3)) if level == 10 else 1, signed_coefficient(rng, 1, 6)] for _ in range(count)]
        roots = {Fraction(-q, p) for p, q in factors}
        if len(roots) == count:
            break
    lead = 1 if rng.random() < 0.7 else -1
    if level == 9:
        return {"num": factors, "den": [], "lead": lead}
    return {"num": factors[:1], "den": factors[1:], "lead": lead}


# --------------------------------------------------------------------------- worked solutions
def linear_lines(meta: dict, lines: list[str]) -> str:
    (a, b), (c, e), rel = meta["L"], meta["R"], meta["rel"]
    if "expanded" in meta:
        lines.append(f"Expand the brackets and collect: {coefficients_text([a, b])} {SHOW[rel]} {coefficients_text([c, e])}")
    if c:
        a -= c
        lines.append(f"{subtract_both_sides(c, 'x')}: {coefficients_text([a, b])} {SHOW[rel]} {e}")
    if b:
        e -= b
        lines.append(f"{subtract_both_sides(b)}: {coefficients_text([a, 0])} {SHOW[rel]} {e}")
    bound = Fraction(e, a)
    if a < 0:
        rel = FLIP[rel]
        lines.append(f"Divide both sides by {a}. Dividing by a negative number reverses the inequality: "
                     f"x {SHOW[rel]} {fraction_text(bound)}")
    elif a != 1:
        lines.append(f"Divide both sides by {a} (positive, so the sign stays): x {SHOW[rel]} {fraction_text(bound)}")
    below = rel in ("<", "<=")
    answer = union_text([(None, bound, False, rel == "<=")] if below else [(bound, None, rel == ">=", False)])
    lines.append(f"All x {SHOW[rel]} {fraction_text(bound)} in interval notation: {answer}")
    return answer


def compound_lines(meta: dict, lines: list[str]) -> str:
    lo, a, b, hi = meta["lo"], meta["a"], meta["b"], meta["hi"]
    r1, r2 = meta["rels"]
    lines.append(f"Subtract {b} from all three parts: {lo - b} {SHOW[r1]} {coefficients_text([a, 0])} {SHOW[r2]} {hi - b}"
                 .replace("Subtract -", "Add "))
    x1, x2 = Fraction(lo - b, a), Fraction(hi - b, a)
    if a < 0:
        lines.append(f"Divide all three parts by {a}; dividing by a negative number reverses both signs: "
                     f"{fraction_text(x1)} {SHOW[FLIP[r1]]} x {SHOW[FLIP[r2]]} {fraction_text(x2)}")
        lines.append(f"Read from smallest to largest: {fraction_text(x2)} {SHOW[r2]} x {SHOW[r1]} {fraction_text(x1)}")
        pieces = [(x2, x1, r2 == "<=", r1 == "<=")]
    else:
        if a != 1:
            lines.append(f"Divide all three parts by {a}: {fraction_text(x1)} {SHOW[r1]} x {SHOW[r2]} {fraction_text(x2)}")
        pieces = [(x1, x2, r1 == "<=", r2 == "<=")]
    answer = union_text(pieces)
    lines.append(f"In interval notation: {answer}")
    return answer


def quadratic_lines(meta: dict, lines: list[str]) -> str:
    std, lead, rel = meta["std"], meta["lead"], meta["rel"]
    (p1, q1), (p2, q2) = meta["factors"]
    if meta["sides"][1] != "0":
        lines.append(f"Move every term to the left: {coefficients_text(std)} {SHOW[rel]} 0")
    if lead < 0:
        rel = FLIP[rel]
        std = [-v for v in std]
        lines.append(f"Multiply both sides by -1, which reverses the inequality: {coefficients_text(std)} {SHOW[rel]} 0")
    lines.append(f"Factor: {linear_factor_text(p1, q1)}{linear_factor_text(p2, q2)} {SHOW[rel]} 0".replace("(x)", "x"))
    r1, r2 = sorted([Fraction(-q1, p1), Fraction(-q2, p2)])
    lines.append(f"The roots are {fraction_text(r1)} and {fraction_text(r2)}. The parabola opens upward, so it is negative "
                 f"between the roots and positive outside them.")
    closed = rel in ("<=", ">=")
    if rel in ("<", "<="):
        answer = union_text([(r1, r2, closed, closed)])
    else:
        answer = union_text([(None, r1, False, closed), (r2, None, closed, False)])
    lines.append(f"{'Between' if rel in ('<', '<=') else 'Outside'} the roots"
                 f"{', endpoints included' if closed else ', endpoints excluded'}: {answer}")
    return answer


SOLVERS = {"linear": linear_lines, "compound": compound_lines, "quadratic": quadratic_lines, "chart": sign_chart}
"""The worked-solution writer of each kind of inequality: appends its steps to ``lines``, returns the answer."""


def _draw_inequality(rng, level: int) -> dict:
    """The parameters of one problem: its kind, the relation, the inequality as shown and what its solver reads."""
    rel = choice(rng, RELATIONS)
    if level <= 5:
        meta = _linear(rng, level)
        display = f"{meta['left_text']} {SHOW[rel]} {meta['right_text']}"
        return {**meta, "kind": "linear", "rel": rel, "display": display}
    if level == 6:
        a, b = signed_coefficient(rng, 1, 6), int(rng.integers(-9, 10))
        lo = int(rng.integers(-20, 10))
        hi = lo + int(rng.integers(1, 20))
        rels = ["<" if rng.random() < 0.5 else "<=", "<" if rng.random() < 0.5 else "<="]
        display = f"{lo} {SHOW[rels[0]]} {coefficients_text([a, b])} {SHOW[rels[1]]} {hi}"
        return {"kind": "compound", "rel": rel, "a": a, "b": b, "lo": lo, "hi": hi, "rels": rels, "display": display}
    if level in (7, 8):
        meta = _quadratic(rng, level)
        return {**meta, "kind": "quadratic", "rel": rel, "display": f"{meta['sides'][0]} {SHOW[rel]} {meta['sides'][1]}"}
    meta = _chart(rng, level)
    num = "".join(linear_factor_text(p, q) for p, q in meta["num"])
    head = "-" if meta["lead"] < 0 else ""
    text = f"{head}{num}" if level == 9 else f"{head}{num}/{''.join(linear_factor_text(p, q) for p, q in meta['den'])}"
    return {**meta, "kind": "chart", "rel": rel, "display": f"{text} {SHOW[rel]} 0"}


# --------------------------------------------------------------------------- exposition
_TEMPLATES = exposition_texts(__name__)


def _passage_values(rng: np.random.Generator) -> dict:
    """The numbers of one passage, drawn before its template is filled."""
    a, b, c = (int(v) for v in rng.integers(2, 10, size=3))
    p = a * int(rng.integers(1, 9))
    r1, r2 = sorted(int(v) for v in rng.choice(np.arange(-8, 9), size=2, replace=False))
    return dict(
        a=a, b=b + a, c=c + a + b, p=p, pa=p // a, bma=b, amb=a - b - a, cmb=c + a, s=r1 + r2, pr=r1 * r2,
        r1=r1, r2=r2, bd=fraction_text(Fraction(c + a + b - (b + a), a)), bmc=b + a - (c + a + b),
        q=fraction_text(Fraction(-(b + a - (c + a + b)), a)))


# --------------------------------------------------------------------------- the family
@register_family
class Inequalities(Family):
    name = "Inequalities"
    version = 0
    answer_type = "interval set"
    subject = "algebra"
    # estimates, level by level; see "Problem-space sizes" in the module docstring
    space_sizes = level_sizes(3700, 2500, 91_000, 2_200_000, 2_200_000, 410_000, 681, 110_000, 9400, 4100)
    instruction = (
        "Give the solution set in interval notation, like \\boxed{(-\\infty, 3]} or "
        "\\boxed{(-\\infty, -1) \\cup [2, \\infty)}; a final line 'Answer: (-\\infty, 3]' is also accepted."
    )
    # A template filled with a negative root reads "x^2 - -3x"; tidy_signs writes it "x^2 + 3x".
    exposition = template_exposition(7306, 200, _TEMPLATES, _passage_values, tidy=tidy_signs)
    answer_line = stated_answer("solution set")

    def draw(self, rng: np.random.Generator, level: int) -> dict:
        params = _draw_inequality(rng, level)
        params["answer"] = SOLVERS[params["kind"]](params, [])
        return params

    def question(self, params: dict) -> str:
        return f"Solve for x and give the solution set in interval notation: {params['display']}"

    def solve(self, params: dict) -> tuple[list[str], str]:
        lines = [f"Solve {params['display']}."]
        return lines, SOLVERS[params["kind"]](params, lines)

    def verify(self, problem: Problem, response: str) -> Verdict:
        """Compare solution sets (interval notation or inequalities), never strings.

        >>> fam = Inequalities()
        >>> p = Problem("Solve x + 1 < 4", "(-\\\\infty, 3)", "Inequalities")
        >>> fam.verify(p, "\\\\boxed{x < 3}").status.value
        'CORRECT'
        >>> fam.verify(p, "\\\\boxed{(-\\\\infty, 3]}").status.value
        'INCORRECT'
        """
        gold = parse_intervals(problem.answer)
        return check_answer(response, gold, parse_intervals)
