"""Factoring: factor a polynomial completely over the integers.

**Asked.** ``Factor completely: 2x^2 - 2x - 24.`` The answer is a product of a
constant and polynomials with integer coefficients, each irreducible over the
rationals and primitive (the gcd of its coefficients is 1): ``2(x - 4)(x + 3)``.

**Difficulty** changes the technique:

==  ============================================================  ===========================================
 1  greatest common factor                                        ``6x + 9``, ``4x^2 - 10x``
 2  monic trinomial                                               ``x^2 + 5x + 6``
 3  difference of squares or perfect-square trinomial             ``9x^2 - 16``, ``x^2 - 14x + 49``
 4  non-monic trinomial                                           ``6x^2 + 7x - 3``
 5  common factor, then a trinomial                               ``3x^3 - 3x^2 - 36x``
 6  two variables                                                 ``x^2 - 5xy + 6y^2``, ``4x^2 - 25y^2``
 7  sum or difference of cubes, sometimes after a common factor   ``8x^3 - 27``, ``2x^3 + 54``
 8  grouping (four terms)                                         ``2x^3 - x^2 + 10x - 5``
 9  quadratic in x^2, several difference-of-squares steps         ``x^4 - 13x^2 + 36``, ``4x^4 - 37x^2 + 9``
10  common factor with cubes, grouping or quadratics in x^2       ``3x^5 - 48x``, ``2x^4 + 54x``
==  ============================================================  ===========================================

**Answer type.** A string holding the canonical factored form (``2(x - 4)(x + 3)``);
the answer is checked by *properties*, never by string match. Any spelling the
bounded expression parser reads is accepted, in any order, with repeated factors
written as powers or repeated (``(x - 3)^2`` or ``(x - 3)(x - 3)``), and signs may
be moved between factors (``-(x - 2)(x + 3)`` and ``(2 - x)(x + 3)`` are both
right). The answer is CORRECT when (1) it expands to the given polynomial and (2)
every non-constant factor has integer coefficients with gcd 1 and is irreducible
over the rationals (sympy's ``Poly.is_irreducible``). A partially factored answer
that is equal, such as ``(2x - 8)(x + 3)`` or ``x(x^2 - 9)``, is INCORRECT (reason
names the factor that can be factored further); the unfactored polynomial itself is
INCORRECT too.

**Worked solutions** take out the greatest common factor, then apply the technique
(two numbers with a given sum and product, splitting the middle term, the
special-product patterns, grouping, substitution u = x^2), factor again where a
factor still factors, and check by expanding.

**Version history.** v0: first release. v1: level 9 has 891 problems instead of 20 (so
the export's content-hash test split is no longer empty): the second factor in u = x^2 is
another difference of squares, the same one (a perfect square in u), a positive ``bx^2 + c``
or a non-square ``bx^2 - r``, and three in ten are not monic in u; level 7 takes
``(ax)^3 ± b^3`` with a up to 5 and b up to 10 (70 problems instead of 24); the worked
solutions of quadratics in x^2 (levels 9 and 10) factor the quadratic in u step by step.
v2: every level's test split holds at least 50 problems: monic trinomials (levels 2 and 6)
have roots up to 20, level 3 takes ``(ax)^2`` with a up to 15 and b up to 25, level 6's
differences of squares a up to 9 and b up to 12, and level 7's cubes a up to 8 and b up
to 15, half of them times a common factor 2..6.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import sympy

from textbook_gym.envs._kit import Family, Problem, Verdict, register_family
from textbook_gym.envs._kit.draw import integer
from textbook_gym.envs._kit.polynomials import (
    Factors,
    Written,
    X,
    Y,
    as_written,
    check_written,
    coefficient,
    coefficients_text,
    expand_product,
    factor_text,
    factors_from_json,
    factors_json,
    linear,
    polynomial,
    polynomial_text,
    product_text,
    signed_coefficient,
)
from textbook_gym.envs._kit.template_rounds import template_exposition
from textbook_gym.envs._kit.texts import exposition_texts
from textbook_gym.verifiers.symbolic import parse_expression


# --------------------------------------------------------------------------- generation
def _coprime(rng, lo, hi, other: int) -> int:
    while True:
        v = signed_coefficient(rng, lo, hi)
        if math.gcd(v, other) == 1:
            return v


def _monic_pair(rng, with_y=False, top: int = 9) -> Factors:
    p, q = signed_coefficient(rng, 1, top), signed_coefficient(rng, 1, top)
    if p == q:
        return [(linear(1, p, with_y), 2)]
    return [(linear(1, p, with_y), 1), (linear(1, q, with_y), 1)]


def _ac_pair(rng) -> Factors:
    while True:
        p, r = (int(v) for v in rng.integers(1, 7, size=2))
        q, s = _coprime(rng, 1, 9, p), _coprime(rng, 1, 9, r)
        if p * r > 1 and p * s != q * r:
            return [(linear(p, q), 1), (linear(r, s), 1)]


def _cubes(rng, wide: bool = False) -> Factors:
    """``(ax)^3 ± b^3``: level 7 (``wide``) has a up to 8 and b up to 15, level 10 a up to 3 and b up to 5."""
    a = int(rng.integers(1, 9 if wide else 4))
    b = _coprime(rng, 1, 15 if wide else 5, a)
    return [(linear(a, b), 1), (polynomial((a * a, 2, 0), (-a * b, 1, 0), (b * b, 0, 0)), 1)]


def _grouping(rng) -> Factors:
    a = int(rng.integers(1, 4))
    b = _coprime(rng, 1, 7, a)
    c = int(rng.integers(1, 3))
    while True:
        d = _coprime(rng, 1, 9, c)
        if d > 0 or math.isqrt(-d // c) ** 2 * c != -d or (-d) % c:
            return [(linear(a, b), 1), (polynomial((c, 2, 0), (d, 0, 0)), 1)]


def _square_pair(scale: int, root: int, power: int = 1, with_y: bool = False) -> Factors:
    """The factors of ``scale^2 x^2 - root^2 = (scale x - root)(scale x + root)`` (``root y`` with ``with_y``),
    each to the power ``power``."""
    return [(linear(scale, -root, with_y), power), (linear(scale, root, with_y), power)]


def _is_square(number: int) -> bool:
    return number >= 0 and math.isqrt(number) ** 2 == number


def _quadratic_in_x2(rng) -> Factors:
    """Level 9: ``(a^2u - p^2)(bu + c)`` with ``u = x^2``, so at least one difference of squares.

    The second factor is another difference of squares (``x^4 - 13x^2 + 36``), the first
    one again (a perfect square in u: ``x^4 - 8x^2 + 16``), a positive ``bx^2 + c``
    (``x^4 + 5x^2 - 36``; with ``bx^2 + c = a^2x^2 + p^2`` it is ``x^4 - 81``) or
    ``bx^2 - r`` with ``r/b`` not a rational square (``x^4 - 11x^2 + 18``). Three in ten
    are not monic in u (``4x^4 - 37x^2 + 9``), with smaller constants.
    """
    wide = rng.random() < 0.3
    a = b = 1
    while wide and a * b == 1:
        a, b = (int(v) for v in rng.integers(1, 4, size=2))
    top = 5 if wide else 9
    p = abs(_coprime(rng, 1, top, a))
    kind = rng.random()
    if kind < 0.1:
        return _square_pair(a, p, 2)
    if kind < 0.4:
        while True:
            q = abs(_coprime(rng, 1, top, b))
            if b * p != a * q:
                break
        pairs = sorted([(a, p), (b, q)], key=lambda ap: ap[1] / ap[0])
        return _square_pair(*pairs[0]) + _square_pair(*pairs[1])
    if kind < 0.7:
        c = abs(_coprime(rng, 1, 2 * top + 2, b))
        return _square_pair(a, p) + [(polynomial((b, 2, 0), (c, 0, 0)), 1)]
    while True:
        r = abs(_coprime(rng, 2, 2 * top + 2, b))
        if not (_is_square(b) and _is_square(r)):
            return _square_pair(a, p) + [(polynomial((b, 2, 0), (-r, 0, 0)), 1)]


def _biquadratic(rng) -> Factors:
    """Level 10's quadratics in x^2: ``(x^2 - p^2)(x^2 - q^2)`` or ``x^4 - p^4``."""
    p = int(rng.integers(1, 6))
    if rng.random() < 0.4:
        return _square_pair(1, p) + [(polynomial((1, 2, 0), (p * p, 0, 0)), 1)]
    q = int(rng.integers(1, 7))
    while q == p:
        q = int(rng.integers(1, 7))
    return _square_pair(1, p) + _square_pair(1, q)


def _factors(rng, level: int) -> tuple[int, int, Factors, str]:
    """(constant, power of x taken out, other factors, technique)."""
    if level == 1:
        a = int(rng.integers(1, 8))
        b = _coprime(rng, 1, 9, a)
        k = int(rng.integers(2, 10)) if rng.random() < 0.7 else 1
        return k, int(k == 1 or rng.random() < 0.4), [(linear(a, b), 1)], "gcf"
    if level == 2:
        return 1, 0, _monic_pair(rng, top=20), "monic"
    if level == 3:
        a = int(rng.integers(1, 16))
        b = _coprime(rng, 1, 25, a)
        if rng.random() < 0.5:
            return 1, 0, _square_pair(a, abs(b)), "squares"
        return 1, 0, [(linear(a, b), 2)], "square"
    if level == 4:
        return 1, 0, _ac_pair(rng), "ac"
    if level == 5:
        return signed_coefficient(rng, 2, 6), int(rng.random() < 0.5), _monic_pair(rng), "monic"
    if level == 6:
        if rng.random() < 0.6:
            return 1, 0, _monic_pair(rng, with_y=True, top=20), "monic"
        a = int(rng.integers(1, 10))
        b = _coprime(rng, 1, 12, a)
        return 1, 0, _square_pair(a, abs(b), with_y=True), "squares"
    if level == 7:
        constant = 1 if rng.random() < 0.5 else int(rng.integers(2, 7))
        return constant, 0, _cubes(rng, wide=True), "cubes"
    if level == 8:
        return 1, 0, _grouping(rng), "grouping"
    if level == 9:
        return 1, 0, _quadratic_in_x2(rng), "biquadratic"
    kind = rng.random()
    inner, technique = (_cubes(rng), "cubes") if kind < 0.35 else (
        (_grouping(rng), "grouping") if kind < 0.6 else (_biquadratic(rng), "biquadratic"))
    return signed_coefficient(rng, 2, 5), int(rng.integers(0, 3)), inner, technique


# --------------------------------------------------------------------------- worked solutions
def technique_lines(technique: str, factors: Factors, rest: dict) -> list[str]:
    """How the primitive part ``rest`` splits into ``factors``."""
    whole = product_text(1, factors)
    if technique == "gcf":
        return []
    if technique == "monic":
        if len(factors) == 1:
            f = factors[0][0]
            p = coefficient(f, 0, 0) or coefficient(f, 0, 1)
            return [f"{polynomial_text(rest)} is a perfect square: the middle coefficient is 2 × {p} and the constant is "
                    f"{p}^2. So it equals {whole}."]
        p = coefficient(factors[0][0], 0, 0) or coefficient(factors[0][0], 0, 1)
        q = coefficient(factors[1][0], 0, 0) or coefficient(factors[1][0], 0, 1)
        return [f"Find two numbers with product {p * q} and sum {p + q}: {p} and {q}.", f"So {polynomial_text(rest)} = {whole}."]
    if technique == "squares":
        f = factors[0][0]
        a, b = coefficient(f, 1, 0), abs(coefficient(f, 0, 0) or coefficient(f, 0, 1))
        y = "y" if coefficient(f, 0, 1) else ""
        first = "x" if a == 1 else f"{a}x"
        return [f"{polynomial_text(rest)} is a difference of squares: ({first})^2 - ({b if b != 1 or not y else ''}{y})^2.",
                f"Use a^2 - b^2 = (a - b)(a + b): {whole}."]
    if technique == "square":
        f = factors[0][0]
        a, b = coefficient(f, 1, 0), coefficient(f, 0, 0)
        return [f"The first and last terms are squares ({a}x)^2 and ({abs(b)})^2, and the middle term is "
                f"2 × {a}x × {b} = {2 * a * b}x, so it is a perfect square: {whole}."]
    if technique == "ac":
        (f, _), (g, _) = factors
        p, q, r, s = coefficient(f, 1), coefficient(f, 0), coefficient(g, 1), coefficient(g, 0)
        a, c = p * r, q * s
        return [f"Multiply a and c: {a} × {c} = {a * c}; two numbers with product {a * c} and sum {p * s + q * r} are "
                f"{p * s} and {q * r}.",
                f"Split the middle term and group: {coefficients_text([a, p * s, 0])} + "
                f"{coefficients_text([q * r, c])} = {coefficients_text([p, 0])}{factor_text(g)} + "
                f"{q}{factor_text(g)}".replace("+ -", "- "),
                f"Take out the common bracket: {whole}."]
    if technique == "cubes":
        f = factors[0][0]
        a, b = coefficient(f, 1), coefficient(f, 0)
        kind = "sum" if b > 0 else "difference"
        first = "x" if a == 1 else f"{a}x"
        return [f"{polynomial_text(rest)} is a {kind} of cubes: ({first})^3 {'+' if b > 0 else '-'} {abs(b)}^3.",
                "Use a^3 + b^3 = (a + b)(a^2 - ab + b^2) and a^3 - b^3 = (a - b)(a^2 + ab + b^2): " + whole + ".",
                f"The quadratic factor has discriminant {a * a * b * b} - 4·{a * a}·{b * b} < 0, so it does not factor."]
    if technique == "grouping":
        (f, _), (g, _) = factors
        a, b, c, d = coefficient(f, 1), coefficient(f, 0), coefficient(g, 2), coefficient(g, 0)
        return [f"Group the first two and the last two terms: ({coefficients_text([a * c, b * c, 0, 0])}) + "
                f"({coefficients_text([a * d, b * d])})",
                f"Take out a common factor from each group: {c if c != 1 else ''}x^2{factor_text(f)} + "
                f"{d}{factor_text(f)}".replace("+ -", "- "),
                f"Take out the common bracket: {factor_text(g)}{factor_text(f)}.",
                f"{polynomial_text(g)} has no rational roots, so it does not factor further."]
    return _in_x2_lines(factors, whole)


def _u_text(poly: dict) -> str:
    """A polynomial in x^2 written in u = x^2 (``{(2, 0): 4, (0, 0): -9}`` -> ``4u - 9``)."""
    return polynomial_text({(e[0] // 2, 0): c for e, c in poly.items()}).replace("x", "u")


def _in_x2_lines(factors: Factors, whole: str) -> list[str]:
    """Substitute u = x^2, factor the quadratic in u, put x^2 back, split each difference of squares."""
    # Each factor of x^2 (and its power): a^2x^2 - p^2 from a pair (ax - p)(ax + p), or bx^2 + c as it is.
    halves: Factors = []
    for f, m in factors:
        if coefficient(f, 2):
            halves.append((f, m))
        elif coefficient(f, 0) < 0:
            a, p = coefficient(f, 1), -coefficient(f, 0)
            halves.append((polynomial((a * a, 2, 0), (-p * p, 0, 0)), m))
    in_x = expand_product(1, halves)
    big_a, big_b, big_c = coefficient(in_x, 4), coefficient(in_x, 2), coefficient(in_x, 0)
    back = product_text(1, halves)
    u_whole = "".join(f"({_u_text(f)})" + (f"^{m}" if m > 1 else "") for f, m in halves)
    lines = [f"Only even powers of x appear, so substitute u = x^2: {_u_text(in_x)}."]
    (f1, _), (f2, _) = halves if len(halves) == 2 else (halves[0], halves[0])
    alpha, beta, gamma, delta = coefficient(f1, 2), coefficient(f1, 0), coefficient(f2, 2), coefficient(f2, 0)
    if big_b == 0:
        s, t = math.isqrt(big_a), math.isqrt(-big_c)
        lines.append(f"This is a difference of squares: {'u' if s == 1 else f'({s}u)'}^2 - {t}^2 = {u_whole}.")
    elif big_a == 1:
        lines.append(f"Find two numbers with product {big_c} and sum {big_b}: {beta} and {delta}. "
                     f"So it equals {u_whole}.")
    else:
        first, second = alpha * delta, beta * gamma
        lines.append(f"Multiply a and c: {big_a} × {big_c} = {big_a * big_c}; two numbers with product "
                     f"{big_a * big_c} and sum {big_b} are {first} and {second}.")
        inner = f"({_u_text(f2)})"
        lines.append((f"Split the middle term and group: ({_u_text(polynomial((big_a, 4, 0), (first, 2, 0)))}) + "
                      f"({_u_text(polynomial((second, 2, 0), (big_c, 0, 0)))}) = {'' if alpha == 1 else alpha}u{inner} + "
                      f"{'' if beta == 1 else '-' if beta == -1 else beta}{inner} = {u_whole}.").replace("+ -", "- "))
    lines.append(f"Put x^2 back: {back}.")
    for f, m in halves:
        b, c = coefficient(f, 2), coefficient(f, 0)
        if c > 0:
            lines.append(f"{polynomial_text(f)} is positive for every x, so it has no real roots and does not factor.")
        elif _is_square(b) and _is_square(-c):
            s, t = math.isqrt(b), math.isqrt(-c)
            pair = product_text(1, _square_pair(s, t))
            power = f", so {factor_text(f)}^{m} = {product_text(1, _square_pair(s, t, m))}" if m > 1 else ""
            lines.append(f"{polynomial_text(f)} is a difference of squares: {'x' if s == 1 else f'({s}x)'}^2 - {t}^2 "
                         f"= {pair}{power}.")
        else:
            ratio = str(-c) if b == 1 else f"{-c}/{b}"
            lines.append(f"{polynomial_text(f)} = 0 needs x^2 = {ratio}, which is not the square of a rational number, "
                         f"so {polynomial_text(f)} does not factor over the integers.")
    return lines + [f"So the complete factorization is {whole}."]


def solution_lines(meta: dict) -> list[str]:
    k, xp = meta["k"], meta["xpower"]
    factors = factors_from_json(meta["factors"])
    rest = expand_product(1, factors)
    lines = [f"Factor {meta['polynomial']} completely."]
    if k != 1 or xp:
        gcf = product_text(k, [(polynomial((1, 1, 0)), xp)] if xp else [])
        gcf = gcf or str(k)
        lines.append(f"The greatest common factor of the terms is {gcf}: "
                     f"{meta['polynomial']} = {gcf}{factor_text(rest)}")
    lines.extend(technique_lines(meta["technique"], factors, rest))
    lines.append(f"Check by expanding: {meta['answer']} multiplies back to {meta['polynomial']}, and every factor is "
                 f"irreducible with coefficients whose gcd is 1.")
    return lines


# --------------------------------------------------------------------------- exposition
_TEMPLATES = exposition_texts(__name__)


def _passage_values(rng: np.random.Generator) -> dict:
    """Fresh values for one template: two different numbers p and q, a factor k, and the polynomials they build."""
    p, q, k = integer(rng, 1, 9), integer(rng, 1, 9), integer(rng, 2, 7)
    if q == p:
        q = p % 9 + 1
    return dict(
        p=p, q=q, k=k, kp=k * p, pq=p * q, ppq=p + q, pp=p * p, qq=q * q, twop=2 * p, pcube=p**3, p4=p**4,
        mono=coefficients_text([1, p + q, p * q]), sq=coefficients_text([1, 2 * p, p * p]),
        ac=coefficients_text([k, k * q + p, p * q]), acv=k * p * q, s=p * p + q * q, ppqq=p * p * q * q,
        biq=coefficients_text([1, 0, -(p * p + q * q), 0, p * p * q * q]), r=q * q + 1,
        leftover=coefficients_text([1, 0, -(p * p + q * q + 1), 0, p * p * (q * q + 1)]))


# --------------------------------------------------------------------------- verification
def _flatten(node: sympy.Expr, power: int, constants: list, factors: list) -> None:
    if node.is_Number:
        constants.append(node**power)
    elif isinstance(node, sympy.Mul):
        for arg in node.args:
            _flatten(arg, power, constants, factors)
    elif isinstance(node, sympy.Pow) and node.exp.is_Integer and int(node.exp) > 0 and int(node.exp) <= 64:
        _flatten(node.base, power * int(node.exp), constants, factors)
    else:
        factors.append((node, power))


MAX_FACTOR_DEGREE = 12
"""Largest degree of one factor the verifier examines (gold factors have degree at most 2)."""


def _factor_issue(factor: sympy.Poly) -> str:
    """Why one factor is not irreducible and primitive with integer coefficients ("" when it is)."""
    coeffs = factor.coeffs()
    if factor.total_degree() < 1:
        issue = "is a constant inside a bracket"
    elif factor.total_degree() > MAX_FACTOR_DEGREE:
        issue = f"has degree above {MAX_FACTOR_DEGREE}"
    elif not all(c.is_Integer for c in coeffs):
        issue = "does not have integer coefficients"
    elif functools.reduce(math.gcd, (int(c) for c in coeffs)) != 1:
        issue = "still has a common factor"
    elif not factor.is_irreducible:
        issue = "can be factored further"
    else:
        return ""
    return f"{sympy.sstr(factor.as_expr())[:60]} {issue}"


def factor_problem(raw: sympy.Expr) -> tuple[str, sympy.Poly | None]:
    """Why an (unevaluated) product is not a complete factorization over the integers ("" when it is),
    and the product as a polynomial when every factor passed."""
    constants: list = []
    factors: list = []
    _flatten(raw, 1, constants, factors)
    constant = sympy.Mul(*constants) if constants else sympy.Integer(1)
    if not constant.is_Integer:
        return "the constant factor is not an integer", None
    product = sympy.Poly(int(constant), X, Y)
    for factor, power in factors:
        if factor.free_symbols - {X, Y}:
            return f"{factor} uses a variable that is not in the polynomial", None
        try:
            as_poly = sympy.Poly(factor, X, Y)
        except sympy.PolynomialError:
            return f"{factor} is not a polynomial factor", None
        issue = _factor_issue(as_poly)
        if issue:
            return issue, None
        if product.total_degree() + power * as_poly.total_degree() > 4 * MAX_FACTOR_DEGREE:
            return "the product has a far higher degree than the polynomial", None
        product = product * as_poly**power
    return "", product


def parse_factored(span: str) -> Written:
    """The answer's value, the first factor that is not irreducible and primitive (or ""), and the product."""
    value = parse_expression(span)
    return Written(value, *factor_problem(as_written(span)))


def equal_factored(parsed: Written, gold: sympy.Poly) -> bool:
    """Irreducible primitive factors (checked while parsing) whose product is the gold polynomial."""
    return not parsed.flaw and parsed.product == gold


@register_family
class Factoring(Family):
    name = "Factoring"
    version = 2
    answer_type = "factored polynomial"
    subject = "algebra"
    instruction = (
        "Factor completely over the integers and give the product, like \\boxed{2(x - 4)(x + 3)}; "
        "a final line 'Answer: 2(x - 4)(x + 3)' is also accepted."
    )

    exposition = template_exposition(7305, 200, _TEMPLATES, _passage_values)

    def draw(self, rng: np.random.Generator, level: int) -> dict:
        constant, x_power, factors, technique = _factors(rng, level)
        full = ([(polynomial((1, 1, 0)), x_power)] if x_power else []) + factors
        expanded = expand_product(constant, full)
        return {"polynomial": polynomial_text(expanded), "answer": product_text(constant, full), "k": constant,
                "xpower": x_power, "technique": technique, "factors": factors_json(factors),
                "expanded": [[list(e), c] for e, c in sorted(expanded.items())]}

    def question(self, params: dict) -> str:
        return f"Factor completely over the integers: {params['polynomial']}"

    def solve(self, params: dict) -> tuple[list[str], str]:
        return solution_lines(params), params["answer"]

    def answer_line(self, problem: Problem) -> str:
        return f"The complete factorization is \\boxed{{{problem.answer}}}."

    def verify(self, problem: Problem, response: str) -> Verdict:
        """Correct when the product expands to the polynomial and every factor is irreducible and primitive.

        >>> fam = Factoring()
        >>> meta = {"expanded": [[[2, 0], 2], [[1, 0], -2], [[0, 0], -24]]}
        >>> p = Problem("Factor completely: 2x^2 - 2x - 24", "2(x - 4)(x + 3)", "Factoring", metadata=meta)
        >>> fam.verify(p, "\\\\boxed{2(x + 3)(x - 4)}").status.value
        'CORRECT'
        >>> fam.verify(p, "\\\\boxed{(2x - 8)(x + 3)}").reason
        'not completely factored: 2*x - 8 still has a common factor'
        """
        gold = sympy.Poly.from_dict({tuple(e): c for e, c in problem.metadata["expanded"]}, X, Y)
        return check_written(response, gold, parse_factored, equal_factored, "completely factored")
