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

**Answer type.** A string with the canonical interval notation (``(-\\infty, 3/2) \\cup [4, \\infty)``); it is
compared as a *set*, never as text. Accepted renderings are everything that
:func:`textbook_gym.verifiers.intervals.parse_intervals` reads: interval notation with ``\\cup``/``U``,
``\\infty``/``oo``, fractions or exact decimals as endpoints, and inequality form such as ``x < -1 or x >= 2``. An
answer is CORRECT exactly when it denotes the same set: a wrong bracket (open versus closed), a missing piece, a
flipped inequality or an included pole is INCORRECT.

**Worked solutions** do the same operation to both sides and say explicitly when multiplying or dividing
by a negative number reverses the inequality; quadratics are factored and read from the parabola;
polynomial and rational inequalities use a sign chart with a test point in every interval.

**Version history.** v0: first release. v1: a level-8 problem whose moved term cancelled a left-side term showed
the cancelled inequality but graded the standard form (48 of 3,000 draws); it now shows the standard form.
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction

import numpy as np

from textbook_gym.envs._kit import Family, Problem, Verdict, register_family
from textbook_gym.verifiers import check_answer
from textbook_gym.verifiers.intervals import parse_intervals

from ._kit.answer_lines import stated_answer
from ._kit.draw import choice, integer
from ._kit.formats import fraction_text
from ._kit.polynomials import (
    coefficients_text,
    linear_factor_text,
    signed_coefficient,
    signed_sum,
    subtract_both_sides,
    tidy_signs,
)
from ._kit.template_rounds import template_exposition
from ._kit.texts import exposition_texts

SHOW = {"<": "<", "<=": "≤", ">": ">", ">=": "≥"}
FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}
INF = "\\infty"


def union_text(pieces: list[tuple]) -> str:
    """Pieces (lo, hi, lo_closed, hi_closed) with None for infinite ends (which are never closed)."""
    texts = [f"{'[' if lc else '('}{f'-{INF}' if lo is None else fraction_text(lo)}, "
             f"{INF if hi is None else fraction_text(hi)}{']' if hc else ')'}" for lo, hi, lc, hc in pieces]
    return " \\cup ".join(texts)


# --------------------------------------------------------------------------- generation
def _linear(rng, level: int) -> dict:
    """Levels 1-5: both sides as the question writes them and collected as [coefficient of x, constant]."""
    signed = functools.partial(signed_coefficient, rng)
    if level == 5:
        k, p, q, m, s, t = signed(2, 6), signed(1, 9), signed(1, 9), signed(2, 6), signed(1, 9), signed(1, 9)
        while k == m:
            m = signed(2, 6)
        left = signed_sum([(k, linear_factor_text(1, p)), (q, "")])
        right = signed_sum([(m, linear_factor_text(1, s)), (t, "")])
        return {"left_text": left, "right_text": right, "L": [k, k * p + q], "R": [m, m * s + t], "expanded": True}
    if level == 1:
        lhs, rhs = [1, signed(1, 15)], [0, integer(rng, -15, 15)]
    elif level == 2:
        lhs, rhs = [integer(rng, 2, 9), 0], [0, signed(1, 40)]
    elif level == 3:
        lhs, rhs = [signed(2, 9) if rng.random() < 0.3 else -integer(rng, 2, 9), signed(1, 15)], [0, signed(1, 20)]
    else:
        a, c = signed(1, 9), signed(1, 9)
        while a == c:
            c = signed(1, 9)
        lhs, rhs = [a, signed(1, 15)], [c, signed(1, 15)]
    left = coefficients_text(lhs)
    if level == 3 and lhs[0] < 0 and rng.random() < 0.5:  # written constant first: 5 - 3x
        left = f"{lhs[1]} - {coefficients_text([-lhs[0], 0])}"
    return {"left_text": left, "right_text": coefficients_text(rhs), "L": lhs, "R": rhs}


def _quadratic(rng, level: int) -> dict:
    while True:
        if level == 7:  # monic factors x - r with integer roots r
            p1, p2, (q1, q2) = 1, 1, (-int(r) for r in rng.integers(-9, 10, size=2))
        else:
            p1, p2 = (int(v) for v in rng.integers(1, 5, size=2))
            q1, q2 = signed_coefficient(rng, 1, 9), signed_coefficient(rng, 1, 9)
        if p1 * q2 != p2 * q1:
            break
    lead = 1 if level == 7 else (1 if rng.random() < 0.6 else -1)
    std = [lead * p1 * p2, lead * (p1 * q2 + p2 * q1), lead * q1 * q2]
    sides = [coefficients_text(std), "0"]
    if level == 8 and rng.random() < 0.6:
        move = [0, signed_coefficient(rng, 1, 9), signed_coefficient(rng, 1, 9)]
        left = [std[0], std[1] + move[1], std[2] + move[2]]
        if left[1] and left[2]:  # a move that cancels a term is dropped: the standard form is shown instead
            sides = [coefficients_text(left), coefficients_text(move)]
    return {"factors": [[p1, q1], [p2, q2]], "lead": lead, "std": std, "sides": sides}


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
    answer = union_text([(None, bound, False, rel == "<=")] if rel[0] == "<" else [(bound, None, rel == ">=", False)])
    lines.append(f"All x {SHOW[rel]} {fraction_text(bound)} in interval notation: {answer}")
    return answer


def compound_lines(meta: dict, lines: list[str]) -> str:
    lo, a, b, hi, (r1, r2) = meta["lo"], meta["a"], meta["b"], meta["hi"], meta["rels"]
    lines.append(f"Subtract {b} from all three parts: {lo - b} {SHOW[r1]} {coefficients_text([a, 0])} {SHOW[r2]} {hi - b}"
                 .replace("Subtract -", "Add "))
    x1, x2 = Fraction(lo - b, a), Fraction(hi - b, a)
    pieces = [(x1, x2, r1 == "<=", r2 == "<=")]
    if a < 0:
        lines.append(f"Divide all three parts by {a}; dividing by a negative number reverses both signs: "
                     f"{fraction_text(x1)} {SHOW[FLIP[r1]]} x {SHOW[FLIP[r2]]} {fraction_text(x2)}")
        lines.append(f"Read from smallest to largest: {fraction_text(x2)} {SHOW[r2]} x {SHOW[r1]} {fraction_text(x1)}")
        pieces = [(x2, x1, r2 == "<=", r1 == "<=")]
    elif a != 1:
        lines.append(f"Divide all three parts by {a}: {fraction_text(x1)} {SHOW[r1]} x {SHOW[r2]} {fraction_text(x2)}")
    answer = union_text(pieces)
    lines.append(f"In interval notation: {answer}")
    return answer


def quadratic_lines(meta: dict, lines: list[str]) -> str:
    std, lead, rel, ((p1, q1), (p2, q2)) = meta["std"], meta["lead"], meta["rel"], meta["factors"]
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
    closed, inside = rel.endswith("="), rel[0] == "<"
    pieces = [(r1, r2, closed, closed)] if inside else [(None, r1, False, closed), (r2, None, closed, False)]
    answer = union_text(pieces)
    lines.append(f"{'Between' if inside else 'Outside'} the roots, "
                 f"endpoints {'included' if closed else 'excluded'}: {answer}")
    return answer


def sign_chart(meta: dict, lines: list[str]) -> str:
    """Solve lead * prod(num) / prod(den) rel 0 for linear factors [p, q] = px + q."""
    lead, num, den, rel = meta["lead"], meta["num"], meta["den"], meta["rel"]
    zeros = {Fraction(-q, p): kind for kind, factors in (("zero", num), ("pole", den)) for p, q in factors}
    points = sorted(zeros)
    closed = rel in ("<=", ">=")
    lines.append("Critical points (where a factor is zero): " + ", ".join(fraction_text(c) for c in points) + ".")
    bounds = [None, *points, None]
    pieces = []
    for lo, hi in zip(bounds, bounds[1:]):
        # Every chart has a critical point, so at most one end of an interval is infinite.
        test = hi - 1 if lo is None else (lo + 1 if hi is None else (lo + hi) / 2)
        at_test = lead * math.prod(p * test + q for p, q in num) / math.prod(p * test + q for p, q in den)
        ok = (at_test < 0) == (rel[0] == "<")  # a test point is never a zero, so the sign decides
        shown = f"({'-∞' if lo is None else fraction_text(lo)}, {'∞' if hi is None else fraction_text(hi)})"
        lines.append(f"On {shown} test x = {fraction_text(test)}: the expression is "
                     f"{'positive' if at_test > 0 else 'negative'}, so this interval {'is' if ok else 'is not'} included.")
        if ok and pieces and pieces[-1][1] == lo and closed and zeros[lo] == "zero":
            pieces[-1][1] = hi  # the previous piece touches this one at an included zero: merge them
        elif ok:
            pieces.append([lo, hi])
    if closed:
        included = [fraction_text(c) for c in points if zeros[c] == "zero"]
        lines.append(f"The relation allows equality, so the numerator's zeros ({', '.join(included)}) are included"
                     + ("; the denominator's zero is excluded." if den else "."))
    return union_text([(lo, hi, closed and zeros.get(lo) == "zero", closed and zeros.get(hi) == "zero")
                       for lo, hi in pieces])


SOLVERS = {"linear": linear_lines, "compound": compound_lines, "quadratic": quadratic_lines, "chart": sign_chart}
"""The worked-solution writer of each kind of inequality: appends its steps to ``lines``, returns the answer."""


# --------------------------------------------------------------------------- exposition
_TEMPLATES = exposition_texts(__name__)


def _passage_values(rng: np.random.Generator) -> dict:
    """The numbers of one passage, drawn before its template is filled."""
    a, b, c = (int(v) for v in rng.integers(2, 10, size=3))
    p = a * int(rng.integers(1, 9))
    r1, r2 = sorted(int(v) for v in rng.choice(np.arange(-8, 9), size=2, replace=False))
    return dict(a=a, b=b + a, c=c + a + b, p=p, pa=p // a, bma=b, amb=a - b - a, cmb=c + a, s=r1 + r2, pr=r1 * r2,
                r1=r1, r2=r2, bd=fraction_text(Fraction(c + a + b - (b + a), a)), bmc=b + a - (c + a + b),
                q=fraction_text(Fraction(-(b + a - (c + a + b)), a)))


# --------------------------------------------------------------------------- the family
@register_family
class Inequalities(Family):
    name = "Inequalities"
    version = 1
    answer_type = "interval set"
    subject = "algebra"
    instruction = ("Give the solution set in interval notation, like \\boxed{(-\\infty, 3]} or "
                   "\\boxed{(-\\infty, -1) \\cup [2, \\infty)}; a final line 'Answer: (-\\infty, 3]' is also accepted.")
    # A template filled with a negative root reads "x^2 - -3x"; tidy_signs writes it "x^2 + 3x".
    exposition = template_exposition(7306, 200, _TEMPLATES, _passage_values, tidy=tidy_signs)
    answer_line = stated_answer("solution set")

    def draw(self, rng: np.random.Generator, level: int) -> dict:
        """The problem's kind, relation, the inequality as shown, what its solver reads, and the answer."""
        rel = choice(rng, tuple(SHOW))
        if level <= 5:
            params = {**_linear(rng, level), "kind": "linear", "rel": rel}
            params["display"] = f"{params['left_text']} {SHOW[rel]} {params['right_text']}"
        elif level == 6:
            a, b, lo = signed_coefficient(rng, 1, 6), integer(rng, -9, 9), integer(rng, -20, 9)
            hi = lo + integer(rng, 1, 19)
            rels = ["<" if rng.random() < 0.5 else "<=", "<" if rng.random() < 0.5 else "<="]
            params = {"kind": "compound", "rel": rel, "a": a, "b": b, "lo": lo, "hi": hi, "rels": rels,
                      "display": f"{lo} {SHOW[rels[0]]} {coefficients_text([a, b])} {SHOW[rels[1]]} {hi}"}
        elif level <= 8:
            params = {**_quadratic(rng, level), "kind": "quadratic", "rel": rel}
            params["display"] = f"{params['sides'][0]} {SHOW[rel]} {params['sides'][1]}"
        else:  # a sign chart: three factors (level 9) or a quotient of two (level 10), distinct critical points
            count = 3 if level == 9 else 2
            while True:
                factors = [[integer(rng, 1, 2) if level == 10 else 1, signed_coefficient(rng, 1, 6)]
                           for _ in range(count)]
                if len({Fraction(-q, p) for p, q in factors}) == count:
                    break
            lead = 1 if rng.random() < 0.7 else -1
            num, den = (factors, []) if level == 9 else (factors[:1], factors[1:])
            text = ("-" if lead < 0 else "") + "".join(linear_factor_text(p, q) for p, q in num)
            if den:
                text += "/" + "".join(linear_factor_text(p, q) for p, q in den)
            params = {"num": num, "den": den, "lead": lead, "kind": "chart", "rel": rel,
                      "display": f"{text} {SHOW[rel]} 0"}
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
        return check_answer(response, parse_intervals(problem.answer), parse_intervals)
