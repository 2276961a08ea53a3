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
:func:`textbook_gym.verifiers.numbers.parse_rational` with ``require_lowest_terms=True``:
``31/2``, ``\\frac{31}{2}``, ``15 1/2``, ``15.5`` and ``-4`` are accepted; ``62/4`` and ``8/1``
are UNPARSEABLE (not in lowest terms); every other value is INCORRECT. Exact decimals are
accepted because they name the same number.

**Worked solutions** find d or r from the given terms, write the formula
(a_n = a_1 + (n - 1)d, S_n = n(a_1 + a_n)/2, a_n = a_1 r^(n-1), S_n = a_1(1 - r^n)/(1 - r),
S = a_1/(1 - r)), substitute, and evaluate step by step, ending with ``\\boxed{answer}``.

**Problem-space sizes** (:meth:`ArithmeticGeometricSequences.space_size`): estimates from 4,000 draws per level
(Chao1 estimator; a level where no problem repeated is given as the estimator's value,
a lower bound of the true size). Every level's test split holds at least 50 problems.

**Version history.** v0: first release. v1: levels 4 and 5 take ratios -5..6 (not 0, ±1)
and first terms ±1..±15 (about 575 problems each before, under the 650 that keep a test
share of one in ten).
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction

import numpy as np

from textbook_gym.family import Family, check_difficulty
from textbook_gym.problem import Problem
from textbook_gym.registry import register_family
from textbook_gym.verdict import Verdict
from textbook_gym.verifiers import check_answer
from textbook_gym.verifiers.numbers import parse_rational

RATIONAL_RATIOS = [Fraction(p, q) for q in (2, 3, 4, 5) for p in range(-5, 6) if p and math.gcd(p, q) == 1 and abs(p) != q]


def _int(rng: np.random.Generator, lo: int, hi: int) -> int:
    return int(rng.integers(lo, hi + 1))


def _nz(rng: np.random.Generator, lo: int, hi: int) -> int:
    while True:
        v = _int(rng, lo, hi)
        if v:
            return v


def fmt(value: Fraction | int) -> str:
    f = Fraction(value)
    return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"


def paren(value: Fraction | int) -> str:
    text = fmt(value)
    return f"({text})" if "/" in text or text.startswith("-") else text


def terms(a: Fraction, step: Fraction, count: int, geometric: bool) -> list[Fraction]:
    return [a * step**i if geometric else a + i * step for i in range(count)]


# --------------------------------------------------------------------------- generation
def _draw(rng: np.random.Generator, d: int) -> dict:
    if d == 1:
        return {"kind": "arith_term", "a": fmt(_int(rng, -10, 30)), "d": fmt(_int(rng, 1, 12)), "n": _int(rng, 8, 40)}
    if d == 2:
        if rng.random() < 0.5:
            return {"kind": "arith_term", "a": fmt(_int(rng, 20, 120)), "d": fmt(_int(rng, -15, -1)), "n": _int(rng, 8, 40)}
        m = _int(rng, 1, 10)
        return {"kind": "arith_diff", "a": fmt(_int(rng, -30, 60)), "d": fmt(_nz(rng, -15, 15)), "m": m, "n": m + _int(rng, 2, 15)}
    if d == 3:
        return {"kind": "arith_sum", "a": fmt(_int(rng, -20, 40)), "d": fmt(_nz(rng, -9, 12)), "n": _int(rng, 8, 60)}
    if d in (4, 5):
        r = int(rng.choice([-5, -4, -3, -2, 2, 3, 4, 5, 6]))
        n = _int(rng, 5, 10) if abs(r) <= 3 else _int(rng, 4, 7)
        return {"kind": "geo_term" if d == 4 else "geo_sum", "a": fmt(_nz(rng, -15, 15)), "r": fmt(r), "n": n}
    if d == 6:
        p = _int(rng, 1, 8)
        q = p + _int(rng, 2, 6)
        return {"kind": "arith_two", "a": fmt(_int(rng, -20, 20)), "d": fmt(Fraction(_nz(rng, -12, 12), q - p)),
                "p": p, "q": q, "n": _int(rng, 1, 25)}
    if d in (7, 8):
        r = RATIONAL_RATIOS[_int(rng, 0, len(RATIONAL_RATIOS) - 1)]
        n = _int(rng, 4, 8)
        a = _nz(rng, -6, 6) * r.denominator ** _int(rng, 0, n - 1)
        return {"kind": "geo_term" if d == 7 else "geo_sum", "a": fmt(a), "r": fmt(r), "n": n}
    if d == 9:
        r = RATIONAL_RATIOS[_int(rng, 0, len(RATIONAL_RATIOS) - 1)] if rng.random() < 0.7 else Fraction(int(rng.choice([-4, -3, -2, 2, 3, 4])))
        m = _int(rng, 1, 4)
        gap = int(rng.choice([1, 3, 5])) if abs(r.numerator) <= 3 and r.denominator <= 3 else int(rng.choice([1, 3]))
        return {"kind": "geo_ratio", "a": fmt(_nz(rng, -8, 8) * r.denominator**3), "r": fmt(r), "m": m, "n": m + gap}
    if rng.random() < 0.5:
        r = [x for x in RATIONAL_RATIOS if abs(x) < 1][_int(rng, 0, 11)]
        return {"kind": "geo_inf", "a": fmt(_nz(rng, -20, 40) * r.denominator), "r": fmt(r)}
    return {"kind": "arith_bound", "a": fmt(_int(rng, 1, 20)), "d": fmt(_int(rng, 1, 9)), "bound": _int(rng, 200, 5000)}


def _listed(a: Fraction, step: Fraction, geometric: bool, count: int = 4) -> str:
    return ", ".join(fmt(t) for t in terms(a, step, count, geometric)) + ", ..."


def _question(x: dict) -> str:
    kind = x["kind"]
    a = Fraction(x["a"])
    if kind == "arith_term":
        return f"The arithmetic sequence {_listed(a, Fraction(x['d']), False)} continues in the same way. What is its term number {x['n']}?"
    if kind == "arith_diff":
        dd = Fraction(x["d"])
        return (f"In an arithmetic sequence, a_{x['m']} = {fmt(a + (x['m'] - 1) * dd)} and a_{x['n']} = "
                f"{fmt(a + (x['n'] - 1) * dd)}. What is the common difference?")
    if kind == "arith_sum":
        return f"Find the sum of the first {x['n']} terms of the arithmetic sequence {_listed(a, Fraction(x['d']), False)}"
    if kind in ("geo_term", "geo_sum"):
        seq = _listed(a, Fraction(x["r"]), True)
        if kind == "geo_term":
            return f"The geometric sequence {seq} continues in the same way. What is its term number {x['n']}?"
        return f"Find the sum of the first {x['n']} terms of the geometric sequence {seq}"
    if kind == "arith_two":
        dd = Fraction(x["d"])
        return (f"In an arithmetic sequence, a_{x['p']} = {fmt(a + (x['p'] - 1) * dd)} and a_{x['q']} = "
                f"{fmt(a + (x['q'] - 1) * dd)}. Find a_{x['n']}.")
    if kind == "geo_ratio":
        r = Fraction(x["r"])
        return (f"In a geometric sequence of real numbers, a_{x['m']} = {fmt(a * r ** (x['m'] - 1))} and a_{x['n']} = "
                f"{fmt(a * r ** (x['n'] - 1))}. What is the common ratio?")
    if kind == "geo_inf":
        r = Fraction(x["r"])
        shown = " + ".join(paren(t) for t in terms(a, r, 3, True))
        return f"Find the sum of the infinite geometric series {shown} + ..."
    return (f"What is the smallest n such that the sum of the first n terms of the arithmetic sequence "
            f"{_listed(a, Fraction(x['d']), False)} is greater than {x['bound']}?")


def _solve(x: dict) -> tuple[list[str], Fraction]:
    kind, a = x["kind"], Fraction(x["a"])
    lines: list[str] = []
    if kind in ("arith_term", "arith_sum", "arith_bound"):
        d = Fraction(x["d"])
        t = terms(a, d, 2, False)
        lines.append(f"The common difference is d = {fmt(t[1])} - {paren(t[0])} = {fmt(d)}, and a_1 = {fmt(a)}.")
        if kind == "arith_bound":
            lines.append("S_n = n/2 × (2a_1 + (n - 1)d) grows with n; evaluate it until it passes the bound.")
            estimate = math.isqrt(int(2 * x["bound"] / d))
            lines.append(f"For large n, S_n is about d·n²/2, so n is near √(2 × {x['bound']} / {fmt(d)}) ≈ {estimate}; check the values there.")
            n, s = 0, Fraction(0)
            while s <= x["bound"]:
                n += 1
                s = Fraction(n, 2) * (2 * a + (n - 1) * d)
            guess = n - 1
            sp = Fraction(guess, 2) * (2 * a + (guess - 1) * d)
            lines.append(f"S_{guess} = {guess}/2 × (2 × {fmt(a)} + {guess - 1} × {fmt(d)}) = {fmt(sp)}, not more than {x['bound']}.")
            lines.append(f"S_{n} = {n}/2 × (2 × {fmt(a)} + {n - 1} × {fmt(d)}) = {fmt(s)} > {x['bound']}.")
            return lines, Fraction(n)
        n = x["n"]
        last = a + (n - 1) * d
        lines.append(f"a_{n} = a_1 + ({n} - 1)d = {fmt(a)} + {n - 1} × {paren(d)} = {fmt(last)}.")
        if kind == "arith_term":
            return lines, last
        total = Fraction(n) * (a + last) / 2
        lines.append(f"S_{n} = n(a_1 + a_{n})/2 = {n} × ({fmt(a)} + {paren(last)})/2 = {n} × {fmt(a + last)}/2 = {fmt(total)}.")
        return lines, total
    if kind == "arith_diff":
        d, m, n = Fraction(x["d"]), x["m"], x["n"]
        am, an = a + (m - 1) * d, a + (n - 1) * d
        lines.append(f"Between a_{m} and a_{n} there are {n} - {m} = {n - m} steps of d.")
        lines.append(f"d = (a_{n} - a_{m}) / {n - m} = ({fmt(an)} - {paren(am)}) / {n - m} = {fmt(an - am)} / {n - m} = {fmt(d)}.")
        return lines, d
    if kind == "arith_two":
        d, p, q, n = Fraction(x["d"]), x["p"], x["q"], x["n"]
        ap, aq = a + (p - 1) * d, a + (q - 1) * d
        lines.append(f"d = (a_{q} - a_{p}) / ({q} - {p}) = ({fmt(aq)} - {paren(ap)}) / {q - p} = {fmt(d)}.")
        lines.append(f"a_1 = a_{p} - ({p} - 1)d = {fmt(ap)} - {p - 1} × {paren(d)} = {fmt(a)}.")
        value = a + (n - 1) * d
        lines.append(f"a_{n} = a_1 + ({n} - 1)d = {fmt(a)} + {n - 1} × {paren(d)} = {fmt(value)}.")
        return lines, value
    r = Fraction(x["r"])
    if kind in ("geo_term", "geo_sum"):
        n = x["n"]
        lines.append(f"The common ratio is r = {paren(a * r)} ÷ {paren(a)} = {fmt(r)}, and a_1 = {fmt(a)}.")
        if kind == "geo_term":
            value = a * r ** (n - 1)
            lines.append(f"a_{n} = a_1 × r^({n} - 1) = {paren(a)} × {paren(r)}^{n - 1} = {paren(a)} × {paren(r ** (n - 1))} = {fmt(value)}.")
            return lines, value
        rn = r**n
        value = a * (1 - rn) / (1 - r)
        lines.append(f"r^{n} = {paren(r)}^{n} = {fmt(rn)}.")
        lines.append(f"S_{n} = a_1(1 - r^{n})/(1 - r) = {paren(a)} × (1 - {paren(rn)}) / (1 - {paren(r)}) "
                     f"= {paren(a)} × {paren(1 - rn)} / {paren(1 - r)} = {fmt(value)}.")
        return lines, value
    if kind == "geo_ratio":
        m, n = x["m"], x["n"]
        am, an = a * r ** (m - 1), a * r ** (n - 1)
        q = an / am
        lines.append(f"a_{n} = a_{m} × r^{n - m}, so r^{n - m} = {paren(an)} ÷ {paren(am)} = {fmt(q)}.")
        lines.append(f"{n - m} is odd, so there is exactly one real root: r = {fmt(r)}, since {paren(r)}^{n - m} = {fmt(q)}.")
        return lines, r
    lines.append(f"The ratio is r = {paren(a * r)} ÷ {paren(a)} = {fmt(r)}; |r| < 1, so the series converges.")
    value = a / (1 - r)
    lines.append(f"S = a_1 / (1 - r) = {paren(a)} / (1 - {paren(r)}) = {paren(a)} / {paren(1 - r)} = {fmt(value)}.")
    return lines, value


# --------------------------------------------------------------------------- exposition
_TEMPLATES = [
    "Definition. An arithmetic sequence adds the same number d to get each next term. {seq} has d = {d}; its nth term is a_n = a_1 + (n - 1)d, so a_{n} = {an}.",
    "Why a_n = a_1 + (n - 1)d: from the first term to the nth there are n - 1 steps, each adding d. Going from a_1 = {a} to a_{n} takes {n1} steps of {d}: {an}.",
    "Gauss's trick for arithmetic sums: write the sum forwards and backwards; each column adds to a_1 + a_n. So S_n = n(a_1 + a_n)/2. For {seq}: S_{n} = {n} × ({a} + {an})/2 = {sn}.",
    "Common mistake: using n instead of n - 1 in a_n = a_1 + (n - 1)d. For {seq}, a_{n} is {an}, not {wrong}.",
    "Definition. A geometric sequence multiplies by the same ratio r each time. {gseq} has r = {r}, and a_n = a_1 r^(n - 1), so a_{k} = {gk}.",
    "The geometric sum: S_n - rS_n = a_1 - a_1 r^n, because all the middle terms cancel. Hence S_n = a_1(1 - r^n)/(1 - r). For {gseq}: S_{k} = {gsum}.",
    "Finding the common difference from two terms: a_{p} = {ap} and a_{q} = {aq} are {qp} steps apart, so d = ({aq} - {ap})/{qp} = {dd}.",
    "Finding a ratio from two terms: if a_m and a_n are known, r^(n - m) = a_n / a_m. An even gap leaves the sign of r undetermined; an odd gap fixes it.",
    "Infinite geometric series converge exactly when |r| < 1, and then S = a_1 / (1 - r). So {ia} + {ia2} + ... with r = {ir} sums to {isum}.",
    "Common mistake: applying S = a_1/(1 - r) when |r| ≥ 1. The series 1 + 2 + 4 + ... has no finite sum even though the formula would give -1.",
    "A negative ratio makes the terms alternate in sign: {nseq}. The formula a_n = a_1 r^(n - 1) handles the signs automatically.",
    "Fractional ratios shrink the terms: with a_1 = {fa} and r = {fr}, the terms are {fseq}. Keep them as exact fractions rather than decimals.",
    "Arithmetic means: the middle of three consecutive terms of an arithmetic sequence is their average, e.g. {m1}, {m2}, {m3}. In a geometric sequence the middle term squared equals the product of its neighbours.",
]


@functools.lru_cache(maxsize=1)
def _passages() -> tuple[str, ...]:
    rng = np.random.default_rng(9021)
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < 170:
        a, d, n = _int(rng, -5, 20), _nz(rng, -6, 9), _int(rng, 6, 30)
        g, r, k = _nz(rng, -5, 6), int(rng.choice([-3, -2, 2, 3])), _int(rng, 4, 8)
        p = _int(rng, 1, 6)
        q = p + _int(rng, 2, 6)
        fr = [x for x in RATIONAL_RATIOS if abs(x) < 1][_int(rng, 0, 11)]
        ia = _nz(rng, 1, 20) * fr.denominator
        fa = _nz(rng, 1, 9) * fr.denominator**3
        an = a + (n - 1) * d
        values = {
            "seq": _listed(Fraction(a), Fraction(d), False), "d": d, "n": n, "an": an, "a": a, "n1": n - 1,
            "sn": n * (a + an) // 2 if n * (a + an) % 2 == 0 else fmt(Fraction(n * (a + an), 2)), "wrong": a + n * d,
            "gseq": _listed(Fraction(g), Fraction(r), True), "r": r, "k": k, "gk": g * r ** (k - 1),
            "gsum": fmt(Fraction(g) * (1 - Fraction(r) ** k) / (1 - r)), "p": p, "q": q, "ap": a + (p - 1) * d,
            "aq": a + (q - 1) * d, "qp": q - p, "dd": d, "ia": ia, "ia2": fmt(ia * fr), "ir": fmt(fr),
            "isum": fmt(ia / (1 - fr)), "nseq": _listed(Fraction(abs(g)), Fraction(-abs(r)), True),
            "fa": fa, "fr": fmt(fr), "fseq": _listed(Fraction(fa), fr, True), "m1": a, "m2": a + d, "m3": a + 2 * d,
        }
        text = _TEMPLATES[int(rng.integers(0, len(_TEMPLATES)))].format(**values)
        if text not in seen:
            seen.add(text)
            out.append(text)
    return tuple(out)


def _parse(span: str) -> Fraction:
    return parse_rational(span, require_lowest_terms=True)


# --------------------------------------------------------------------------- the family
@register_family
class ArithmeticGeometricSequences(Family):
    name = "ArithmeticGeometricSequences"
    version = 1
    answer_type = "fraction"
    subject = "sequences"
    space_sizes = {  # (count, exact) per level; see "Problem-space sizes" in the module docstring
        1: (16_000, False), 2: (130_000, False), 3: (66_000, False), 4: (1300, False), 5: (1300, False),
        6: (720_000, False), 7: (6800, False), 8: (6900, False), 9: (5000, False), 10: (15_000, False),
    }
    instruction = (
        "Give the exact value as \\boxed{ANSWER}: an integer, or a fraction in lowest terms such as "
        "\\boxed{-31/2} or \\boxed{\\frac{31}{2}}."
    )

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem:
        difficulty = check_difficulty(difficulty)
        data = _draw(rng, difficulty)
        _, answer = _solve(data)
        return Problem(_question(data), Fraction(answer), self.name, self.version, difficulty, metadata=data)

    def worked_solution(self, problem: Problem) -> str:
        lines, answer = _solve(problem.metadata)
        return "\n".join(lines + [f"The answer is \\boxed{{{fmt(answer)}}}."])

    def exposition(self) -> list[str]:
        return list(_passages())

    def verify(self, problem: Problem, response: str) -> Verdict:
        """Exact rational comparison; fractions must be in lowest terms.

        >>> fam = ArithmeticGeometricSequences()
        >>> p = Problem("Find a_10.", Fraction(31, 2), "ArithmeticGeometricSequences")
        >>> fam.verify(p, "\\\\boxed{\\\\frac{31}{2}}").status.value
        'CORRECT'
        >>> fam.verify(p, "\\\\boxed{62/4}").status.value
        'UNPARSEABLE'
        >>> fam.verify(p, "\\\\boxed{2/31}").status.value
        'INCORRECT'
        """
        return check_answer(response, problem.answer, _parse)
