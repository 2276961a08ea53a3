"""Audit solvers (audit run g4, part 2): QuadraticEquations, RoundingEstimation, Statistics, UnitConversion.
Every solver parses p.question with regexes and rejects any sentence it does not recognise."""

import re
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal, Inexact, getcontext
from fractions import Fraction
from fractions import Fraction as F

import sympy
from sympy.parsing.sympy_parser import (
    convert_xor,
    implicit_multiplication_application,
    parse_expr,
    standard_transformations,
)

from .common import Outcome

# ------------------------------------------------------------------ QuadraticEquations
T = standard_transformations + (implicit_multiplication_application, convert_xor)
x = sympy.Symbol("x")


def check_quadratic(fam, p, level):
    m = re.fullmatch(r"Solve for x: (.+) = (.+)", p.question)
    if not m:
        return Outcome(None, ["unparsed"])
    lhs = parse_expr(m.group(1), local_dict={"x": x}, transformations=T)
    rhs = parse_expr(m.group(2), local_dict={"x": x}, transformations=T)
    poly = sympy.Poly(sympy.expand(lhs - rhs), x)
    if poly.degree() != 2:
        return Outcome(None, [f"degree {poly.degree()}"])
    a, b, c = poly.all_coeffs()
    disc = b * b - 4 * a * c
    if disc < 0:
        mine = set()
    else:
        mine = {sympy.nsimplify((-b + s * sympy.sqrt(disc)) / (2 * a)) for s in (1, -1)}
        mine = {sympy.radsimp(r) for r in mine}
    gold = set(p.answer)
    ok = len(mine) == len(gold) and all(any(sympy.simplify(sympy.expand(g - r)) == 0 for r in mine) for g in gold)
    if ok:  # also exact set-equality check for distinctness of gold items
        ok = len({sympy.N(g, 30) for g in gold}) == len(gold)
    return Outcome(mine, [] if ok else ["audit roots differ from gold"])


# ------------------------------------------------------------------ RoundingEstimation
# decimal.Decimal with ROUND_HALF_UP = ties away from zero
getcontext().prec = 120
RULE = " Round halves away from zero (2.5 → 3, −2.5 → −3)."
PLACE = {"thousand": 3, "hundred": 2, "ten": 1, "whole number": 0, "tenth": -1, "hundredth": -2, "thousandth": -3}
NUM = r"[−-]?\d+(?:\.\d+)?"


def D(s):
    assert "…" not in s
    return Decimal(s.replace("−", "-"))


def rnd_place(v, e):
    return v.quantize(Decimal(1).scaleb(e), rounding=ROUND_HALF_UP)


def rnd_sig(v, n):
    return rnd_place(v, v.adjusted() - n + 1)


def solve_rounding(q):
    assert q.endswith(RULE), "rule missing"
    q = q[: -len(RULE)]
    m = re.fullmatch(
        rf"Round ({NUM}) to the nearest (thousand|hundred|ten|whole number|tenth|hundredth|thousandth)\.", q
    )
    if m:
        return rnd_place(D(m[1]), PLACE[m[2]])
    m = re.fullmatch(rf"Round ({NUM}) to (\d+) significant figures?\.", q)
    if m:
        n = int(m[2])
        assert (n == 1) == q.endswith("figure."), "plural"
        return rnd_sig(D(m[1]), n)
    m = re.fullmatch(
        r"Estimate ((?:\d+)(?: [+-] \d+)+) by first rounding each number to the nearest (thousand|hundred|ten)\.", q
    )
    if m:
        toks = m[1].split(" ")
        e = PLACE[m[2]]
        total = rnd_place(D(toks[0]), e)
        for op, t in zip(toks[1::2], toks[2::2]):
            total += rnd_place(D(t), e) * (1 if op == "+" else -1)
        return total
    m = re.fullmatch(rf"Estimate ({NUM}(?: × {NUM})+) by first rounding each factor to one significant figure\.", q)
    if m:
        prod = Decimal(1)
        for t in m[1].split(" × "):
            prod *= rnd_sig(D(t), 1)
        return prod
    m = re.fullmatch(
        rf"Compute ({NUM}) (×|÷) ({NUM}) exactly, then round the result to "
        rf"(?:(\d+) (decimal place|significant figure)s?|the nearest whole number)\.",
        q,
    )
    if m:
        a, b = D(m[1]), D(m[3])
        n = 0 if m[4] is None else int(m[4])
        getcontext().clear_flags()
        exact = a * b if m[2] == "×" else a / b
        inexact = getcontext().flags[Inexact]
        if inexact:  # non-terminating: check it's not within 1e-100 of a tie (can't be a tie)
            pass
        if m[4] is not None:
            assert (n == 1) == (not q.endswith("s.")), "plural"
        return rnd_place(exact, -n) if m[5] in ("decimal place", None) else rnd_sig(exact, n)
    raise ValueError("unparsed: " + q)


def check_rounding(fam, p, level):
    mine = solve_rounding(p.question)
    problems, flags = [], []
    if Fraction(mine) != p.answer:
        problems.append(f"audit {mine} != gold")
    # answer_text should denote the gold value
    if Fraction(Decimal(fam.answer_text(p))) != p.answer:
        problems.append(f"answer_text {fam.answer_text(p)!r} differs")
    if "0 decimal places" in p.question:
        flags.append("wording: round to 0 decimal places")
    return Outcome(mine, problems, flags)


# ------------------------------------------------------------------ Statistics
POP = " Use the population formula (divide by n, the number of values)."
EXACT = " Give it in simplest exact form."


def ints(s):
    return [int(v) for v in s.split(", ")]


def mean(xs):
    return F(sum(xs), len(xs))


def pvar(xs):
    m = mean(xs)
    return sum((F(x) - m) ** 2 for x in xs) / len(xs)


def R(f):
    return sympy.Rational(f.numerator, f.denominator)


def med(xs):
    s = sorted(xs)
    n = len(s)
    return F(s[n // 2]) if n % 2 else F(s[n // 2 - 1] + s[n // 2], 2)


def head(q):
    """'<intro with n>: a, b, c.' -> (n claimed, data, rest)"""
    m = re.match(r"(.*?(\d+) [^:]*?): (-?\d+(?:, -?\d+)*)\. (.*)$", q)
    data = ints(m[3])
    assert int(m[2]) == len(data), ("count in intro", m[2], len(data))
    return data, m[4]


def solve_statistics(q, level, seed, flags):
    m = re.fullmatch(r"A course grade is a weighted mean of these scores: (.*)\. What is the course grade\?", q)
    if m:
        items = [re.fullmatch(r"[a-z ]+ (\d+) \(weight (\d+)%\)", part) for part in m[1].split("; ")]
        w = [int(i[2]) for i in items]
        assert sum(w) == 100
        return R(F(sum(int(i[1]) * int(i[2]) for i in items), 100))
    m = re.fullmatch(
        r"A survey of (\d+) (\w+) recorded the ([a-z ]+) for each\. Table \(\3 -> number of \2\): (.*?)\. (.*)", q
    )
    if m:
        rows = [tuple(map(int, r.split(" -> "))) for r in m[4].split("; ")]
        data = [v for v, c in rows for _ in range(c)]
        assert int(m[1]) == len(data), "survey size"
        assert len({v for v, _ in rows}) == len(rows)
        if m[5] == f"What is the mean {m[3]}?":
            return R(mean(data))
        if m[5] == "What is the population variance?" + POP:
            return R(pvar(data))
        raise ValueError(m[5])
    m = re.fullmatch(
        r"(.*?(\d+) [^:]*?): (-?\d+(?:, -?\d+)*) and one more value that was lost\. The mean of all (\d+) values is ([\d.]+)\. What is the missing value\?",
        q,
    )
    if m:
        known = ints(m[3])
        n = int(m[4])
        assert n == int(m[2]) == len(known) + 1
        return R(n * F(m[5]) - sum(known))
    m = re.fullmatch(
        r"Class A has (\d+) students with a mean score of ([\d.]+); class B has (\d+) students with a mean score of ([\d.]+)\. What is the mean score of all (\d+) students together\?",
        q,
    )
    if m:
        n1, m1, n2, m2 = int(m[1]), F(m[2]), int(m[3]), F(m[4])
        assert int(m[5]) == n1 + n2
        return R((n1 * m1 + n2 * m2) / (n1 + n2))
    m = re.fullmatch(
        r"Class A has (\d+) students with a mean score of ([\d.]+)\. Together with the (\d+) students of class B the mean score of all (\d+) students is ([\d.]+)\. What is the mean score of class B\?",
        q,
    )
    if m:
        n1, m1, n2, mc = int(m[1]), F(m[2]), int(m[3]), F(m[5])
        assert int(m[4]) == n1 + n2
        ans = ((n1 + n2) * mc - n1 * m1) / n2
        if ans < 0 or ans > 100:
            flags.append(f"class B mean {ans} outside 0..100")
        return R(ans)
    m = re.fullmatch(
        r"The mean of (\d+) measurements is ([\d.]+)\. Later it turns out that one value was recorded as (\d+) instead of (\d+)\. What is the correct mean\?",
        q,
    )
    if m:
        n, mu, wrong, right = int(m[1]), F(m[2]), int(m[3]), int(m[4])
        return R((n * mu - wrong + right) / n)
    data, rest = head(q)
    if rest == "What is the mean of the data?":
        return R(mean(data))
    if rest == "What is the range of the data?":
        return sympy.Integer(max(data) - min(data))
    if rest == "What is the median of the data?":
        return R(med(data))
    if rest == "What is the mode of the data?":
        c = Counter(data).most_common()
        assert c[0][1] >= 2 and (len(c) == 1 or c[1][1] < c[0][1]), "mode not unique"
        return sympy.Integer(c[0][0])
    m = re.fullmatch(r"If a new value (-?\d+) is added, what is the mean of the new data set\?", rest)
    if m:
        return R(mean(data + [int(m[1])]))
    m = re.fullmatch(r"If one of the values equal to (-?\d+) is removed, what is the mean of the new data set\?", rest)
    if m:
        d = list(data)
        d.remove(int(m[1]))
        return R(mean(d))
    m = re.fullmatch(
        r"What is the interquartile range\? Use this quartile rule: order the data and split it into a lower half and an upper half; when the number of values is odd, (leave the median out of both halves|include the median in both halves)\. Q1 is the median of the lower half and Q3 the median of the upper half\.",
        rest,
    )
    if m:
        s = sorted(data)
        n = len(s)
        h = n // 2
        if n % 2 == 0:
            lo, hi = s[:h], s[h:]
        elif m[1].startswith("leave"):
            lo, hi = s[:h], s[h + 1 :]
        else:
            lo, hi = s[: h + 1], s[h:]
        return R(med(hi) - med(lo))
    if rest == "What is the population variance of the data?" + POP:
        return R(pvar(data))
    if rest == "What is the population standard deviation?" + POP + EXACT:
        return sympy.sqrt(R(pvar(data)))
    m = re.fullmatch(
        r"Every value x is replaced by (-?\d+)x ([+-]) (\d+)\. What is the population standard deviation of the new values\?"
        + re.escape(POP + EXACT),
        rest,
    )
    if m:
        a, b = int(m[1]), int(m[3]) * (1 if m[2] == "+" else -1)
        return sympy.sqrt(R(pvar([a * x + b for x in data])))
    m = re.fullmatch(
        r"What is the z-score of the value (-?\d+)\? Use the population standard deviation \(divide by n\)\."
        + re.escape(EXACT),
        rest,
    )
    if m:
        x = int(m[1])
        assert x in data, "z value not in data"
        return (x - R(mean(data))) / sympy.sqrt(R(pvar(data)))
    m = re.fullmatch(
        r"A new value (-?\d+) joins the data\. What is the population standard deviation of all (\d+) values\?"
        + re.escape(POP + EXACT),
        rest,
    )
    if m:
        d = data + [int(m[1])]
        assert int(m[2]) == len(d)
        return sympy.sqrt(R(pvar(d)))
    raise ValueError("unparsed: " + rest)


def check_statistics(fam, p, level):
    flags = []
    mine = solve_statistics(p.question, level, None, flags)
    problems = []
    if sympy.simplify(sympy.radsimp(mine - p.answer)) != 0:
        problems.append("audit value differs from gold")
    # answer_text denotes the gold
    if sympy.simplify(sympy.sympify(fam.answer_text(p)) - p.answer) != 0:
        problems.append(f"answer_text {fam.answer_text(p)!r} differs")
    # simplest form demanded: gold should be q*sqrt(m) with m square-free
    if "simplest exact form" in p.question:
        e = sympy.nsimplify(p.answer)
        if sympy.radsimp(e) != p.answer and e != p.answer:
            flags.append("gold not canonical")
    return Outcome(mine, problems, flags)


# ------------------------------------------------------------------ UnitConversion (own SI table, exact definitions)
TAIL = " Give the exact value as a decimal or as a fraction in lowest terms."
IN = F("0.0254")
FT = 12 * IN
YD = 3 * FT
MI = 5280 * FT
LB = F("0.45359237")
OZ = LB / 16
GAL = F("3.785411784") / 1000  # m^3 (US liquid gallon); also = 231 in^3
assert GAL == 231 * IN**3
QT = GAL / 4
PT = QT / 2
CUP = PT / 2
FLOZ = CUP / 8
# (dimension, SI value)
U = {
    "mm": ("L", F(1, 1000)),
    "cm": ("L", F(1, 100)),
    "m": ("L", F(1)),
    "km": ("L", F(1000)),
    "in": ("L", IN),
    "ft": ("L", FT),
    "yd": ("L", YD),
    "mi": ("L", MI),
    "mg": ("M", F(1, 10**6)),
    "g": ("M", F(1, 1000)),
    "kg": ("M", F(1)),
    "t": ("M", F(1000)),
    "oz": ("M", OZ),
    "lb": ("M", LB),
    "mL": ("V", F(1, 10**6)),
    "L": ("V", F(1, 1000)),
    "kL": ("V", F(1)),
    "cm³": ("V", F(1, 10**6)),
    "m³": ("V", F(1)),
    "fl oz": ("V", FLOZ),
    "cup": ("V", CUP),
    "pt": ("V", PT),
    "qt": ("V", QT),
    "gal": ("V", GAL),
    "in³": ("V", IN**3),
    "ft³": ("V", FT**3),
    "s": ("T", F(1)),
    "min": ("T", F(60)),
    "h": ("T", F(3600)),
    "day": ("T", F(86400)),
    "week": ("T", F(7 * 86400)),
    "mm²": ("A", F(1, 10**6)),
    "cm²": ("A", F(1, 10**4)),
    "m²": ("A", F(1)),
    "ha": ("A", F(10**4)),
    "km²": ("A", F(10**6)),
    "in²": ("A", IN**2),
    "ft²": ("A", FT**2),
    "yd²": ("A", YD**2),
    "acre": ("A", 43560 * FT**2),
}
UN = "|".join(sorted(map(re.escape, U), key=len, reverse=True))
UNIT_NUM = r"\d+(?:\.\d+)?(?:/\d+)?"


def conv(u, v):
    assert U[u][0] == U[v][0], ("dimension mismatch", u, v)
    return U[u][1] / U[v][1]


def solve_units(q):
    assert q.endswith(TAIL), "tail"
    q = q[: -len(TAIL)]
    m = re.fullmatch(rf"Convert ({UNIT_NUM}) ({UN})/({UN}) to ({UN})/({UN})\.", q)
    if m:
        return F(m[1]) * conv(m[2], m[4]) / conv(m[3], m[5])
    m = re.fullmatch(rf"Convert (\d+) ({UN}) (\d+) ({UN}) to ({UN})\.", q)
    if m:
        assert conv(m[2], m[4]) > 1, "mixed: larger unit first"
        assert F(m[3]) * U[m[4]][1] < U[m[2]][1], "mixed: small part less than one large unit"
        return F(m[1]) * conv(m[2], m[5]) + F(m[3]) * conv(m[4], m[5])
    m = re.fullmatch(rf"Convert ({UNIT_NUM}) ({UN}) to ({UN})\.", q)
    if m:
        assert m[2] != m[3], "same unit"
        if "/" in m[1]:
            f = F(m[1])
            assert f.denominator != 1 and f == F(int(m[1].split("/")[0]), int(m[1].split("/")[1])), (
                "fraction in question not lowest"
            )
        return F(m[1]) * conv(m[2], m[3])
    raise ValueError("unparsed " + q)


def check_units(fam, p, level):
    mine = solve_units(p.question)
    problems = []
    if mine != p.answer:
        problems.append("audit value differs from gold")
    if F(fam.answer_text(p)) != p.answer:
        problems.append(f"answer_text {fam.answer_text(p)!r} differs")
    return Outcome(mine, problems)


CHECKS = {
    "QuadraticEquations": check_quadratic,
    "RoundingEstimation": check_rounding,
    "Statistics": check_statistics,
    "UnitConversion": check_units,
}
