"""QuadraticEquations: find the set of real roots of a quadratic equation.

**Asked.** ``Solve x^2 - 5x + 6 = 0.`` Every equation has at least one real root; the
answer is the *set* of real roots, so a repeated root is listed once.

**Difficulty** changes the method the equation calls for:

==  ==============================================================  ==========================================
 1  zero-product form or a perfect-square right side               ``(x - 3)(x + 5) = 0``, ``x^2 = 49``
 2  monic trinomial with integer roots (factoring)                 ``x^2 - x - 12 = 0``
 3  repeated root, zero constant term, or difference of squares    ``x^2 - 10x + 25 = 0``, ``x^2 - 81 = 0``
 4  common factor first, then factoring                            ``3x^2 - 6x - 45 = 0``
 5  non-monic with rational roots (splitting the middle term)      ``6x^2 + x - 2 = 0``
 6  not in standard form, rational roots                           ``x(x + 3) = 10``, ``(x + 1)(x - 4) = 6``
 7  completing the square, irrational roots                        ``x^2 + 6x + 2 = 0``, ``(x - 1)^2 = 12``
 8  quadratic formula, leading coefficient not 1                   ``2x^2 - 4x - 3 = 0``
 9  quadratic formula after rearranging                            ``3x^2 + 2 = 7x + 4x^2 - 9``
10  fractional coefficients: clear denominators, then the formula  ``(1/2)x^2 - (2/3)x - 1 = 0``
==  ==============================================================  ==========================================

**Answer type.** A frozenset of exact sympy numbers. Accepted renderings: a set
``\\{2 - \\sqrt{3}, 2 + \\sqrt{3}\\}`` or ``{-1/2, 3}`` or a bare list ``-1/2, 3``; a
single root ``\\{4\\}`` or ``4``. Each root goes through the bounded expression parser,
so ``\\frac{-2 + \\sqrt{6}}{2}``, ``-1 + \\frac{\\sqrt{6}}{2}``, ``\\frac{3}{2}`` and
``1.5`` all denote what they say. A root is accepted when it equals a gold root
exactly (numerical matching first, then exact simplification, with the sandboxed
equivalence check as the last resort; undecided is TIMEOUT). A missing root, an extra
root, a root listed twice (even in two spellings) or a decimal approximation of an
irrational root is INCORRECT; a literally repeated item (``{2, 2}``) is UNPARSEABLE.

**Worked solutions** use the zero-product property, factoring (two numbers with a
given sum and product, or splitting the middle term), taking square roots,
completing the square, or the quadratic formula with the discriminant, one step
per line, and simplify radicals.

**Version history.** v0: first release. v1: level 1's roots run to ±15 (and x^2 = k^2 to
k = 20), level 2's integer roots to ±25 and level 3's to ±40, with a leading coefficient
1..9 when the constant term is zero (levels 2 and 3 held 276 and 60 problems), so each
level's test split holds at least 50 problems.
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction

import numpy as np
import sympy

from textbook_gym.envs._kit import Family, Problem, Verdict, register_family
from textbook_gym.envs._kit.formats import fraction_text
from textbook_gym.envs._kit.polynomials import (
    coefficients_text,
    linear_factor_text,
    signed_coefficient,
    signed_sum,
    subtract_both_sides,
    tidy_signs,
)
from textbook_gym.envs._kit.template_rounds import template_exposition
from textbook_gym.envs._kit.texts import exposition_texts
from textbook_gym.verifiers import check_answer
from textbook_gym.verifiers.equivalence import equivalent, quick_equivalent
from textbook_gym.verifiers.errors import ParseError
from textbook_gym.verifiers.structures import parse_set
from textbook_gym.verifiers.symbolic import parse_expression


def squarefree(number: int) -> tuple[int, int]:
    """``number = s^2 * m`` with m squarefree; returns (s, m)."""
    s, m, f = 1, number, 2
    while f * f <= m:
        while m % (f * f) == 0:
            m //= f * f
            s *= f
        f += 1
    return s, m


def root_value(root) -> sympy.Expr:
    u, v, m, w = root
    return (sympy.Integer(u) + sympy.Integer(v) * sympy.sqrt(m)) / w


def root_text(root) -> str:
    u, v, m, w = root
    if v == 0:
        return fraction_text(Fraction(u, w))
    rad = "\\sqrt{" + str(m) + "}"
    rad = rad if abs(v) == 1 else f"{abs(v)}{rad}"
    num = (f"{u} + {rad}" if v > 0 else f"{u} - {rad}") if u else (rad if v > 0 else f"-{rad}")
    return num if w == 1 else f"\\frac{{{num}}}{{{w}}}"


def formula_roots(a: int, b: int, c: int) -> list[list[int]]:
    """Roots of ax^2 + bx + c as [u, v, m, w] meaning (u + v*sqrt(m))/w, sorted ascending."""
    disc = b * b - 4 * a * c
    s, m = squarefree(disc)
    if m == 1 or disc == 0:
        values = sorted({Fraction(-b + sign * s, 2 * a) for sign in (1, -1)} if disc else {Fraction(-b, 2 * a)})
        return [[v.numerator, 0, 1, v.denominator] for v in values]
    g = math.gcd(math.gcd(b, s), 2 * a)
    w = 2 * a // g
    u, v = -b // g, s // g
    if w < 0:
        u, v, w = -u, -v, -w
    return sorted([[u, -abs(v), m, w], [u, abs(v), m, w]], key=lambda r: float(root_value(r)))


def _set_text(roots) -> str:
    return "\\{" + ", ".join(root_text(r) for r in roots) + "\\}"


# --------------------------------------------------------------------------- generation
def _int_roots(rng, distinct=True, top: int = 12) -> tuple[int, int]:
    while True:
        r1, r2 = (int(v) for v in rng.integers(-top, top + 1, size=2))
        if (r1 != r2 or not distinct) and r1 * r2 != 0:
            return r1, r2


def _rearranged(rng, std: list[int]) -> tuple[str, str]:
    """Hide a standard-form quadratic as ``left = right``; returns the two sides as text."""
    kind = rng.random()
    a, b, c = std
    if a == 1 and kind < 0.4:
        return f"x{linear_factor_text(1, b)}", fraction_text(-c)
    if a == 1 and kind < 0.7:
        h = signed_coefficient(rng, 1, 6)
        k = b - h
        return f"{linear_factor_text(1, h)}{linear_factor_text(1, k)}", fraction_text(h * k - c)
    move = [int(rng.integers(-3, 4)) if rng.random() < 0.5 else 0, signed_coefficient(rng, 1, 9), signed_coefficient(rng, 1, 12)]
    left = [a + move[0], b + move[1], c + move[2]]
    if left[0] == 0:
        move[0] += 1
        left[0] += 1
    return coefficients_text(left), coefficients_text(move)


def _generate(rng, level: int) -> dict:
    """Metadata describing the equation and the method its worked solution uses."""
    if level == 1:
        if rng.random() < 0.5:
            r1, r2 = _int_roots(rng, top=15)
            return {"method": "zero", "factors": [[1, -r1], [1, -r2]], "std": [1, -r1 - r2, r1 * r2],
                    "display": f"{linear_factor_text(1, -r1)}{linear_factor_text(1, -r2)} = 0"}
        k = int(rng.integers(1, 21))
        return {"method": "sqrt", "std": [1, 0, -k * k], "display": f"x^2 = {k * k}"}
    if level == 2 or level == 4:
        r1, r2 = _int_roots(rng, top=25 if level == 2 else 12)
        k = 1 if level == 2 else signed_coefficient(rng, 2, 5)
        std = [k, -k * (r1 + r2), k * r1 * r2]
        return {"method": "monic", "std": std, "scale": k, "display": f"{coefficients_text(std)} = 0"}
    if level == 3:
        kind = rng.random()
        r = signed_coefficient(rng, 1, 40)
        r2 = -r if kind < 0.3 else (0 if kind < 0.6 else r)
        k = int(rng.integers(1, 10)) if r2 == 0 else 1  # ax^2 + bx = 0: take out x (and a) first
        std = [k, -k * (r + r2), k * r * r2]
        return {"method": "monic", "std": std, "scale": k, "display": f"{coefficients_text(std)} = 0"}
    if level in (5, 6):
        while True:
            p, r = (int(v) for v in rng.integers(1, 7, size=2))
            q, s = signed_coefficient(rng, 1, 9), signed_coefficient(rng, 1, 9)
            if math.gcd(p, q) == 1 and math.gcd(r, s) == 1 and p * s != q * r and (p * r > 1 or level == 6):
                break
        std = [p * r, p * s + q * r, q * s]
        meta = {"method": "ac" if p * r > 1 else "monic", "factors": [[p, q], [r, s]], "std": std, "scale": 1}
        if level == 5:
            return {**meta, "display": f"{coefficients_text(std)} = 0"}
        left, right = _rearranged(rng, std)
        return {**meta, "display": f"{left} = {right}", "rearranged": True}
    if level == 7:
        while True:
            half, c = signed_coefficient(rng, 1, 8), int(rng.integers(-20, 20))
            big = half * half - c
            if big > 0 and squarefree(big)[1] > 1:
                break
        if rng.random() < 0.35:
            return {"method": "square", "std": [1, 2 * half, c], "display": f"{linear_factor_text(1, half)}^2 = {big}"}
        return {"method": "complete", "std": [1, 2 * half, c], "display": f"{coefficients_text([1, 2 * half, c])} = 0"}
    while True:
        a = signed_coefficient(rng, 2, 6) if level != 10 else signed_coefficient(rng, 1, 6)
        b, c = int(rng.integers(-12, 13)), signed_coefficient(rng, 1, 12)
        disc = b * b - 4 * a * c
        if disc < 0 or (level < 10 and (disc == 0 or squarefree(disc)[1] == 1)):
            continue
        if level == 10 and math.gcd(math.gcd(a, b), c) != 1:
            continue
        break
    std = [a, b, c]
    if level == 8:
        return {"method": "formula", "std": std, "display": f"{coefficients_text(std)} = 0"}
    if level == 9:
        left, right = _rearranged(rng, std)
        return {"method": "formula", "std": std, "display": f"{left} = {right}", "rearranged": True}
    den = int(rng.choice([2, 3, 4, 6, 12]))
    shown = [Fraction(v, den) for v in std]
    return {"method": "formula", "std": std, "display": f"{coefficients_text(shown)} = 0", "fractions": [fraction_text(v) for v in shown]}


# --------------------------------------------------------------------------- worked solutions
def _radical(number: int) -> str:
    s, m = squarefree(number)
    if m == 1:
        return str(s)
    return f"\\sqrt{{{m}}}" if s == 1 else f"{s}\\sqrt{{{m}}}"


def _factor_monic(b: int, c: int, lines: list[str]) -> list[list[int]]:
    if c == 0:
        lines.append(f"Factor out x: x{linear_factor_text(1, b)} = 0")
        return formula_roots(1, b, 0)
    p = next(p for p in range(-abs(c), abs(c) + 1) if p and c % p == 0 and p + c // p == b)
    q = c // p
    lines.append(f"Find two numbers whose product is {c} and whose sum is {b}: {p} and {q}.")
    if p == q:
        lines.append(f"The trinomial is a perfect square: {linear_factor_text(1, p)}^2 = 0")
        lines.append(f"So {coefficients_text([1, p])} = 0 (a repeated root).")
    else:
        lines.append(f"Factor: {linear_factor_text(1, p)}{linear_factor_text(1, q)} = 0")
        lines.append(f"By the zero-product property, {coefficients_text([1, p])} = 0 or {coefficients_text([1, q])} = 0.")
    return formula_roots(1, b, c)


def _formula(a: int, b: int, c: int, lines: list[str]) -> list[list[int]]:
    if a < 0:
        a, b, c = -a, -b, -c
        lines.append(f"Multiply both sides by -1 so the leading coefficient is positive: {coefficients_text([a, b, c])} = 0")
    disc = b * b - 4 * a * c
    lines.append(f"Use the quadratic formula with a = {a}, b = {b}, c = {c}: x = (-b \\pm \\sqrt{{b^2 - 4ac}}) / (2a).")
    lines.append(f"Discriminant: b^2 - 4ac = ({b})^2 - 4({a})({c}) = {b * b} - ({4 * a * c}) = {disc}")
    roots = formula_roots(a, b, c)
    if disc == 0:
        lines.append(f"The discriminant is zero, so there is one repeated root: x = {-b}/{2 * a} = {root_text(roots[0])}")
        return roots
    s, m = squarefree(disc)
    if m > 1 and s > 1:
        lines.append(f"Simplify the radical: \\sqrt{{{disc}}} = \\sqrt{{{s * s} \\cdot {m}}} = {_radical(disc)}")
    lines.append(f"x = ({-b} \\pm {_radical(disc)}) / {2 * a}")
    lines.append(f"Simplify: x = {root_text(roots[0])} or x = {root_text(roots[1])}")
    return roots


def solve_lines(meta: dict) -> tuple[list[str], list[list[int]]]:
    method = meta["method"]
    a, b, c = meta["std"]
    lines = [f"Solve {meta['display']}."]
    if meta.get("fractions"):
        lcd = functools.reduce(math.lcm, [Fraction(f).denominator for f in meta["fractions"]])
        scaled = [Fraction(f) * lcd for f in meta["fractions"]]
        lines.append(f"Multiply both sides by {lcd} to clear the fractions: {coefficients_text(scaled)} = 0")
        a, b, c = (int(v) for v in scaled)
    if meta.get("rearranged"):
        lines.append(f"Expand and move every term to the left side: {coefficients_text([a, b, c])} = 0")
    if method == "zero":
        (p1, q1), (p2, q2) = meta["factors"]
        lines.append("A product is zero exactly when one of its factors is zero.")
        lines.append(f"{coefficients_text([p1, q1])} = 0 gives x = {fraction_text(-q1)}; {coefficients_text([p2, q2])} = 0 gives x = {fraction_text(-q2)}.")
        return lines, formula_roots(a, b, c)
    if method == "sqrt":
        k = -c
        lines.append(f"Take the square root of both sides, remembering both signs: x = \\pm\\sqrt{{{k}}} = \\pm {_radical(k)}")
        return lines, formula_roots(a, b, c)
    if method == "monic":
        if a != 1:
            lines.append(f"Divide both sides by {a}: {coefficients_text([1, b // a, c // a])} = 0")
            a, b, c = 1, b // a, c // a
        return lines, _factor_monic(b, c, lines)
    if method == "ac":
        (p, q), (r, s) = meta["factors"]
        lines.append(f"Multiply a and c: {a} × {c} = {a * c}. Find two numbers with product {a * c} and sum {b}: "
                     f"{p * s} and {q * r}.")
        lines.append(f"Split the middle term: {signed_sum([(a, 'x^2'), (p * s, 'x'), (q * r, 'x'), (c, '')])} = 0")
        bracket = linear_factor_text(r, s)
        lines.append(f"Group: {signed_sum([(p, f'x{bracket}'), (q, bracket)])} = 0")
        lines.append(f"Factor out the common bracket: {linear_factor_text(p, q)}{linear_factor_text(r, s)} = 0")
        lines.append(f"So {coefficients_text([p, q])} = 0 or {coefficients_text([r, s])} = 0: x = {fraction_text(Fraction(-q, p))} "
                     f"or x = {fraction_text(Fraction(-s, r))}.")
        return lines, formula_roots(a, b, c)
    if method in ("complete", "square"):
        half = b // 2
        big = half * half - c
        if method == "complete":
            lines.append(f"Move the constant to the right: {coefficients_text([1, b, 0])} = {-c}")
            lines.append(f"Add (b/2)^2 = {half * half} to both sides: {coefficients_text([1, b, half * half])} = {big}")
            lines.append(f"Write the left side as a square: {linear_factor_text(1, half)}^2 = {big}")
        lines.append(f"Take square roots: {coefficients_text([1, half])} = \\pm\\sqrt{{{big}}} = \\pm {_radical(big)}")
        roots = formula_roots(a, b, c)
        lines.append(f"{subtract_both_sides(half)}: x = {-half} \\pm {_radical(big)}")
        return lines, roots
    return lines, _formula(a, b, c, lines)


# --------------------------------------------------------------------------- exposition
_TEMPLATES = exposition_texts(__name__)


def _passage_values(rng: np.random.Generator) -> dict:
    """Fresh values for one template: roots, coefficients, a square to complete and a radical to simplify."""
    r1, r2 = (int(v) for v in rng.integers(1, 13, size=2))
    a, b, c = int(rng.integers(2, 6)), int(rng.integers(-9, 10)), int(rng.integers(-9, 10)) or 1
    k, h = int(rng.integers(2, 13)), int(rng.integers(1, 9))
    rhs = int(rng.integers(1, 20))
    rad = int(rng.choice([8, 12, 18, 20, 24, 27, 28, 32, 45, 48, 50, 63, 72, 75, 98]))
    s, m = squarefree(rad)
    p, q, r_, t = 2, int(rng.integers(1, 6)), int(rng.integers(1, 4)), int(rng.integers(1, 6))
    monic = coefficients_text([1, -(r1 + r2), r1 * r2])
    return dict(
        std=coefficients_text([a, b, c]), a=a, b=b, c=c, r1=r1, r2=r2, n1=-r1, n2=-r2, mono=monic,
        s1=f"- {r1}", s2=f"- {r2}", sq=k * k, k=k, sumr=r1 + r2, prod=r1 * r2, mono2=monic, s2k=f"- {2 * k}",
        k2=k * k, sk=f"- {k}", mk=k, b2=2 * h, h=h, hh=h * h, rhs=rhs, big=rhs + h * h, disc=b * b - 4 * a * c,
        rad=rad, ss=s * s, m=m, s=s, r1sq=r1 * r1, sumr1=(r1 + r2) * r1,
        ac_std=coefficients_text([p * r_, p * t + q * r_, q * t]), acv=p * r_ * q * t, m1=p * t, m2=q * r_,
        kstd=coefficients_text([k, k * b, k * c]))


# --------------------------------------------------------------------------- verification
def parse_root(span: str) -> sympy.Expr:
    value = parse_expression(span)
    if value.free_symbols:
        raise ParseError(f"a root must be a number, not an expression in {sorted(s.name for s in value.free_symbols)}")
    if value.has(sympy.oo, -sympy.oo, sympy.I):
        raise ParseError("a root must be a finite real number")
    return value


def _numeric(value: sympy.Expr) -> complex | None:
    """The value as a complex number (30 digits), or None when it has none."""
    try:
        return complex(value.evalf(30))
    except (TypeError, ValueError):
        return None


def parse_roots(span: str) -> tuple:
    """The parsed root set as a tuple sorted by value, so that verdicts print the same in every process
    (a frozenset of sympy numbers iterates in an order that depends on string hashing)."""
    roots = parse_set(span, parse_root)
    return tuple(sorted(roots, key=lambda r: (_sort_key(r), sympy.sstr(r))))


def _sort_key(value: sympy.Expr) -> float:
    number = _numeric(value)
    return number.real if number is not None else float("inf")


def same_roots(parsed: tuple, gold: frozenset) -> bool | None:
    """A bijection between the parsed and gold roots under exact equality; None if undecided."""
    if len(parsed) != len(gold):
        return False
    gold_list = sorted(gold, key=lambda g: float(g.evalf(30)))
    values = [_numeric(p) for p in parsed]
    if any(v is None or abs(v.imag) > 1e-12 for v in values):
        return False
    used: set[int] = set()
    undecided = False
    for expr, value in zip(parsed, values):
        match = [i for i, g in enumerate(gold_list) if i not in used and abs(value.real - float(g.evalf(30))) < 1e-8]
        if not match:
            return False
        gold_root = gold_list[match[0]]
        used.add(match[0])
        exact = quick_equivalent(expr, gold_root)
        if exact is None and sympy.expand(sympy.radsimp(expr - gold_root)) == 0:
            exact = True
        if exact is None:
            exact = equivalent(expr, gold_root)
        if exact is False:
            return False
        undecided = undecided or exact is None
    return None if undecided else True


@register_family
class QuadraticEquations(Family):
    name = "QuadraticEquations"
    version = 1
    answer_type = "root set"
    subject = "algebra"
    instruction = (
        "Give the set of all real roots, each exactly once, like \\boxed{\\{-1, 3\\}} or "
        "\\boxed{\\{2 - \\sqrt{3}, 2 + \\sqrt{3}\\}}; a final line 'Answer: {-1, 3}' is also accepted."
    )

    exposition = template_exposition(7303, 220, _TEMPLATES, _passage_values, tidy=tidy_signs)

    def draw(self, rng: np.random.Generator, level: int) -> dict:
        params = _generate(rng, level)
        params["roots"] = formula_roots(*params["std"])
        return params

    def question(self, params: dict) -> str:
        return f"Solve for x: {params['display']}"

    def solve(self, params: dict) -> tuple[list[str], frozenset]:
        lines, roots = solve_lines(params)
        a, b, c = params["std"]
        values = [root_value(r) for r in roots]
        if len(values) == 2:
            total, product = sympy.expand(sum(values)), sympy.expand(values[0] * values[1])
            lines.append(f"Check with Vieta's formulas: the roots add up to {total} = -b/a = {fraction_text(Fraction(-b, a))} "
                         f"and multiply to {product} = c/a = {fraction_text(Fraction(c, a))}.")
        else:
            lines.append(f"Check: the repeated root is -b/(2a) = {fraction_text(Fraction(-b, 2 * a))}.")
        return lines, frozenset(root_value(r) for r in params["roots"])

    def answer_line(self, problem: Problem) -> str:
        return f"The solution set is \\boxed{{{_set_text(problem.metadata['roots'])}}}."

    def answer_text(self, problem: Problem) -> str:
        """The set of roots, smallest first: ``{-1/2, 3}`` or ``{2 - sqrt(3), 2 + sqrt(3)}``."""
        roots = sorted(problem.answer, key=lambda r: float(sympy.N(r)))
        return "{" + ", ".join(sympy.sstr(r, order="lex") for r in roots) + "}"

    def verify(self, problem: Problem, response: str) -> Verdict:
        """Match the root set exactly; missing, extra or repeated roots fail.

        >>> fam = QuadraticEquations()
        >>> gold = frozenset({2 - sympy.sqrt(3), 2 + sympy.sqrt(3)})
        >>> p = Problem("Solve for x: x^2 - 4x + 1 = 0", gold, "QuadraticEquations")
        >>> fam.verify(p, "\\\\boxed{\\\\{2 + \\\\sqrt{3}, 2 - \\\\sqrt{3}\\\\}}").status.value
        'CORRECT'
        >>> fam.verify(p, "\\\\boxed{\\\\{2 + \\\\sqrt{3}\\\\}}").status.value
        'INCORRECT'
        """
        return check_answer(response, problem.answer, parse_roots, equal=same_roots)
