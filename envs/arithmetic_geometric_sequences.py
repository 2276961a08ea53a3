"""ArithmeticGeometricSequences: nth terms, sums, differences and ratios of arithmetic and geometric sequences.

**Asked.** One exact number: a term, a partial sum, a common difference or ratio, an
infinite sum, or the number of terms needed for a sum to pass a bound.

**Difficulty**:

==  =============================================================  ==================================
 1  nth term of an arithmetic sequence from its first terms          3, 7, 11, ... a_20 = 79
 2  nth term with negative difference, or the difference from        a_5 = 17, a_12 = -4 -> d = -3
    two terms
 3  sum of the first n terms of an arithmetic sequence               S_n = n(a_1 + a_n)/2
 4  nth term of a geometric sequence with an integer ratio           2, -6, 18, ... a_8 = -4374
 5  sum of the first n terms of a geometric sequence (integer r)     S_n = a_1(r^n - 1)/(r - 1)
 6  arithmetic: two terms given, find a third (fractional d)         a_3 = 5, a_7 = 11 -> a_10 = 31/2
 7  nth term of a geometric sequence with a rational ratio           48, 32, 64/3, ... -> a_7
 8  partial sum of a geometric sequence with a rational ratio        S_6 for r = -2/3
 9  the common ratio from two terms a_m, a_n (n - m odd)              a_2 = 12, a_5 = -81/2 -> r = -3/2
10  an infinite geometric sum (|r| < 1), or the least n with         S = a_1 / (1 - r)
    S_n greater than a bound for an arithmetic sequence
==  =============================================================  ==================================

Examples: level 1 "The arithmetic sequence 3, 7, 11, 15, ... What is its 20th term?" (79);
level 5 "Find the sum of the first 7 terms of the geometric sequence 3, 6, 12, ..." (381);
level 10 "Find the sum of the infinite geometric series 12 + 8 + 16/3 + ..." (36).

**Answer type.** ``Fraction`` (integers are fractions with denominator 1), parsed by
:func:`textbook_gym.verifiers.numbers.parse_lowest_terms` (lowest terms, decimals allowed):
``31/2``, ``\\frac{31}{2}``, ``15 1/2``, ``15.5`` and ``-4`` are accepted; ``62/4`` and ``8/1``
are UNPARSEABLE (not in lowest terms); every other value is INCORRECT. Exact decimals are
accepted because they name the same number.

>>> from textbook_gym.problem import Problem
>>> problem = Problem("Find a_10.", Fraction(31, 2), "ArithmeticGeometricSequences")
>>> [ArithmeticGeometricSequences().verify(problem, text).status.value
...  for text in ("\\\\boxed{\\\\frac{31}{2}}", "\\\\boxed{62/4}", "\\\\boxed{2/31}")]
['CORRECT', 'UNPARSEABLE', 'INCORRECT']

**Worked solutions** find d or r from the given terms, write the formula
(a_n = a_1 + (n - 1)d, S_n = n(a_1 + a_n)/2, a_n = a_1 r^(n-1), S_n = a_1(1 - r^n)/(1 - r),
S = a_1/(1 - r)), substitute, and evaluate step by step, ending with ``\\boxed{answer}``.

**Version history.** v0: first release. v1: levels 4 and 5 take ratios -5..6 (not 0, ±1)
and first terms ±1..±15 (about 575 problems each before, under the 650 that keep a test
share of one in ten).
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from textbook_gym.envs._kit import Family, register_family
from textbook_gym.verifiers.numbers import parse_lowest_terms

from ._kit.draw import choice, integer, nonzero
from ._kit.formats import fraction_text, parenthesized
from ._kit.template_choice import one_template_exposition
from ._kit.texts import exposition_texts

RATIONAL_RATIOS = [Fraction(p, q) for q in (2, 3, 4, 5) for p in range(-5, 6) if p and math.gcd(p, q) == 1 and abs(p) != q]
PROPER_RATIOS = [r for r in RATIONAL_RATIOS if abs(r) < 1][:12]
"""The ratios of the infinite series: those with denominator 2, 3 or 4, and -4/5, -3/5 (the first twelve with |r| < 1)."""


def terms(first: Fraction, step: Fraction, count: int, geometric: bool) -> list[Fraction]:
    """The first ``count`` terms: multiply by ``step`` (geometric) or add it (arithmetic)."""
    return [first * step**i if geometric else first + i * step for i in range(count)]


# --------------------------------------------------------------------------- generation
def _params(kind: str, **numbers: int | Fraction) -> dict:
    """Problem parameters as JSON data: the first term a, the difference d and the ratio r as exact text."""
    return {"kind": kind, **{key: fraction_text(value) if key in "adr" else value for key, value in numbers.items()}}


def _draw(rng: np.random.Generator, level: int) -> dict:
    if level == 1:
        return _params("arith_term", a=integer(rng, -10, 30), d=integer(rng, 1, 12), n=integer(rng, 8, 40))
    if level == 2:
        if rng.random() < 0.5:
            return _params("arith_term", a=integer(rng, 20, 120), d=integer(rng, -15, -1), n=integer(rng, 8, 40))
        m = integer(rng, 1, 10)
        return _params("arith_diff", a=integer(rng, -30, 60), d=nonzero(rng, -15, 15), m=m, n=m + integer(rng, 2, 15))
    if level == 3:
        return _params("arith_sum", a=integer(rng, -20, 40), d=nonzero(rng, -9, 12), n=integer(rng, 8, 60))
    if level in (4, 5):
        r = int(rng.choice([-5, -4, -3, -2, 2, 3, 4, 5, 6]))
        n = integer(rng, 5, 10) if abs(r) <= 3 else integer(rng, 4, 7)
        return _params("geo_term" if level == 4 else "geo_sum", a=nonzero(rng, -15, 15), r=r, n=n)
    if level == 6:
        p = integer(rng, 1, 8)
        q = p + integer(rng, 2, 6)
        return _params("arith_two", a=integer(rng, -20, 20), d=Fraction(nonzero(rng, -12, 12), q - p), p=p, q=q,
                       n=integer(rng, 1, 25))
    if level in (7, 8):
        r = choice(rng, RATIONAL_RATIOS)
        n = integer(rng, 4, 8)
        a = nonzero(rng, -6, 6) * r.denominator ** integer(rng, 0, n - 1)
        return _params("geo_term" if level == 7 else "geo_sum", a=a, r=r, n=n)
    if level == 9:
        r = choice(rng, RATIONAL_RATIOS) if rng.random() < 0.7 else Fraction(int(rng.choice([-4, -3, -2, 2, 3, 4])))
        m = integer(rng, 1, 4)
        gap = int(rng.choice([1, 3, 5])) if abs(r.numerator) <= 3 and r.denominator <= 3 else int(rng.choice([1, 3]))
        return _params("geo_ratio", a=nonzero(rng, -8, 8) * r.denominator**3, r=r, m=m, n=m + gap)
    if rng.random() < 0.5:
        r = choice(rng, PROPER_RATIOS)
        return _params("geo_inf", a=nonzero(rng, -20, 40) * r.denominator, r=r)
    return _params("arith_bound", a=integer(rng, 1, 20), d=integer(rng, 1, 9), bound=integer(rng, 200, 5000))


def _listed(first: Fraction, step: Fraction, geometric: bool, count: int = 4) -> str:
    return ", ".join(fraction_text(t) for t in terms(first, step, count, geometric)) + ", ..."


QUESTIONS = {  # {seq}: the first four terms; {at_m}: term number m
    "arith_term": "The arithmetic sequence {seq} continues in the same way. What is its term number {n}?",
    "geo_term": "The geometric sequence {seq} continues in the same way. What is its term number {n}?",
    "arith_sum": "Find the sum of the first {n} terms of the arithmetic sequence {seq}",
    "geo_sum": "Find the sum of the first {n} terms of the geometric sequence {seq}",
    "arith_diff": "In an arithmetic sequence, a_{m} = {at_m} and a_{n} = {at_n}. What is the common difference?",
    "arith_two": "In an arithmetic sequence, a_{p} = {at_p} and a_{q} = {at_q}. Find a_{n}.",
    "geo_ratio": "In a geometric sequence of real numbers, a_{m} = {at_m} and a_{n} = {at_n}. What is the common ratio?",
    "geo_inf": "Find the sum of the infinite geometric series {series} + ...",
    "arith_bound": "What is the smallest n such that the sum of the first n terms of the arithmetic sequence {seq} "
                   "is greater than {bound}?",
}


def _question(params: dict) -> str:
    first, geometric = Fraction(params["a"]), "r" in params
    step = Fraction(params["r" if geometric else "d"])
    terms_at = {f"at_{key}": fraction_text(terms(first, step, params[key], geometric)[-1])
                for key in "mnpq" if key in params}
    series = " + ".join(parenthesized(t) for t in terms(first, step, 3, geometric))
    return QUESTIONS[params["kind"]].format(**params, **terms_at, seq=_listed(first, step, geometric), series=series)


def _solve(params: dict) -> tuple[list[str], Fraction]:
    kind, a = params["kind"], Fraction(params["a"])
    lines: list[str] = []
    if kind in ("arith_term", "arith_sum", "arith_bound"):
        d = Fraction(params["d"])
        t = terms(a, d, 2, False)
        lines.append(f"The common difference is d = {fraction_text(t[1])} - {parenthesized(t[0])} = {fraction_text(d)}, and a_1 = {fraction_text(a)}.")
        if kind == "arith_bound":
            lines.append("S_n = n/2 × (2a_1 + (n - 1)d) grows with n; evaluate it until it passes the bound.")
            estimate = math.isqrt(int(2 * params["bound"] / d))
            lines.append(f"For large n, S_n is about d·n²/2, so n is near √(2 × {params['bound']} / {fraction_text(d)}) ≈ {estimate}; check the values there.")
            n, s = 0, Fraction(0)
            while s <= params["bound"]:
                n += 1
                s = Fraction(n, 2) * (2 * a + (n - 1) * d)
            guess = n - 1
            sp = Fraction(guess, 2) * (2 * a + (guess - 1) * d)
            lines.append(f"S_{guess} = {guess}/2 × (2 × {fraction_text(a)} + {guess - 1} × {fraction_text(d)}) = {fraction_text(sp)}, not more than {params['bound']}.")
            lines.append(f"S_{n} = {n}/2 × (2 × {fraction_text(a)} + {n - 1} × {fraction_text(d)}) = {fraction_text(s)} > {params['bound']}.")
            return lines, Fraction(n)
        n = params["n"]
        last = a + (n - 1) * d
        lines.append(f"a_{n} = a_1 + ({n} - 1)d = {fraction_text(a)} + {n - 1} × {parenthesized(d)} = {fraction_text(last)}.")
        if kind == "arith_term":
            return lines, last
        total = Fraction(n) * (a + last) / 2
        lines.append(f"S_{n} = n(a_1 + a_{n})/2 = {n} × ({fraction_text(a)} + {parenthesized(last)})/2 = {n} × {fraction_text(a + last)}/2 = {fraction_text(total)}.")
        return lines, total
    if kind == "arith_diff":
        d, m, n = Fraction(params["d"]), params["m"], params["n"]
        am, an = a + (m - 1) * d, a + (n - 1) * d
        lines.append(f"Between a_{m} and a_{n} there are {n} - {m} = {n - m} steps of d.")
        lines.append(f"d = (a_{n} - a_{m}) / {n - m} = ({fraction_text(an)} - {parenthesized(am)}) / {n - m} = {fraction_text(an - am)} / {n - m} = {fraction_text(d)}.")
        return lines, d
    if kind == "arith_two":
        d, p, q, n = Fraction(params["d"]), params["p"], params["q"], params["n"]
        ap, aq = a + (p - 1) * d, a + (q - 1) * d
        lines.append(f"d = (a_{q} - a_{p}) / ({q} - {p}) = ({fraction_text(aq)} - {parenthesized(ap)}) / {q - p} = {fraction_text(d)}.")
        lines.append(f"a_1 = a_{p} - ({p} - 1)d = {fraction_text(ap)} - {p - 1} × {parenthesized(d)} = {fraction_text(a)}.")
        value = a + (n - 1) * d
        lines.append(f"a_{n} = a_1 + ({n} - 1)d = {fraction_text(a)} + {n - 1} × {parenthesized(d)} = {fraction_text(value)}.")
        return lines, value
    r = Fraction(params["r"])
    if kind in ("geo_term", "geo_sum"):
        n = params["n"]
        lines.append(f"The common ratio is r = {parenthesized(a * r)} ÷ {parenthesized(a)} = {fraction_text(r)}, and a_1 = {fraction_text(a)}.")
        if kind == "geo_term":
            value = a * r ** (n - 1)
            lines.append(f"a_{n} = a_1 × r^({n} - 1) = {parenthesized(a)} × {parenthesized(r)}^{n - 1} = {parenthesized(a)} × {parenthesized(r ** (n - 1))} = {fraction_text(value)}.")
            return lines, value
        rn = r**n
        value = a * (1 - rn) / (1 - r)
        lines.append(f"r^{n} = {parenthesized(r)}^{n} = {fraction_text(rn)}.")
        lines.append(f"S_{n} = a_1(1 - r^{n})/(1 - r) = {parenthesized(a)} × (1 - {parenthesized(rn)}) / (1 - {parenthesized(r)}) "
                     f"= {parenthesized(a)} × {parenthesized(1 - rn)} / {parenthesized(1 - r)} = {fraction_text(value)}.")
        return lines, value
    if kind == "geo_ratio":
        m, n = params["m"], params["n"]
        am, an = a * r ** (m - 1), a * r ** (n - 1)
        q = an / am
        lines.append(f"a_{n} = a_{m} × r^{n - m}, so r^{n - m} = {parenthesized(an)} ÷ {parenthesized(am)} = {fraction_text(q)}.")
        lines.append(f"{n - m} is odd, so there is exactly one real root: r = {fraction_text(r)}, since {parenthesized(r)}^{n - m} = {fraction_text(q)}.")
        return lines, r
    lines.append(f"The ratio is r = {parenthesized(a * r)} ÷ {parenthesized(a)} = {fraction_text(r)}; |r| < 1, so the series converges.")
    value = a / (1 - r)
    lines.append(f"S = a_1 / (1 - r) = {parenthesized(a)} / (1 - {parenthesized(r)}) = {parenthesized(a)} / {parenthesized(1 - r)} = {fraction_text(value)}.")
    return lines, value


# --------------------------------------------------------------------------- exposition
_TEMPLATES = exposition_texts(__name__)


def _passage_values(rng: np.random.Generator) -> dict:
    a, d, n = integer(rng, -5, 20), nonzero(rng, -6, 9), integer(rng, 6, 30)
    g, r, k = nonzero(rng, -5, 6), int(rng.choice([-3, -2, 2, 3])), integer(rng, 4, 8)
    p = integer(rng, 1, 6)
    q = p + integer(rng, 2, 6)
    fr = choice(rng, PROPER_RATIOS)
    ia = nonzero(rng, 1, 20) * fr.denominator
    fa = nonzero(rng, 1, 9) * fr.denominator**3
    an = a + (n - 1) * d
    return {
        "seq": _listed(Fraction(a), Fraction(d), False), "d": d, "n": n, "an": an, "a": a, "n1": n - 1,
        "sn": fraction_text(Fraction(n * (a + an), 2)), "wrong": a + n * d,
        "gseq": _listed(Fraction(g), Fraction(r), True), "r": r, "k": k, "gk": g * r ** (k - 1),
        "gsum": fraction_text(Fraction(g) * (1 - Fraction(r) ** k) / (1 - r)), "p": p, "q": q, "ap": a + (p - 1) * d,
        "aq": a + (q - 1) * d, "qp": q - p, "dd": d, "ia": ia, "ia2": fraction_text(ia * fr), "ir": fraction_text(fr),
        "isum": fraction_text(ia / (1 - fr)), "nseq": _listed(Fraction(abs(g)), Fraction(-abs(r)), True),
        "fa": fa, "fr": fraction_text(fr), "fseq": _listed(Fraction(fa), fr, True), "m1": a, "m2": a + d, "m3": a + 2 * d,
    }


# --------------------------------------------------------------------------- the family
@register_family
class ArithmeticGeometricSequences(Family):
    """Terms and sums of arithmetic and geometric sequences, exact rational answers."""

    name = "ArithmeticGeometricSequences"
    version = 1
    answer_type = "fraction"
    parse = parse_lowest_terms
    subject = "sequences"
    instruction = (
        "Give the exact value as \\boxed{ANSWER}: an integer, or a fraction in lowest terms such as "
        "\\boxed{-31/2} or \\boxed{\\frac{31}{2}}."
    )

    draw = staticmethod(_draw)
    question = staticmethod(_question)
    solve = staticmethod(_solve)
    exposition = one_template_exposition(9021, 170, _TEMPLATES, _passage_values)
