"""PolynomialExpansion: multiply out products of polynomials and collect like terms.

**Asked.** ``Expand (2x + 3)(x - 4).`` The answer is the expanded polynomial,
``2x^2 - 5x - 12``.

**Difficulty** changes the number and shape of the factors:

==  ===========================================================  ====================================
 1  monomial times binomial                                      ``3(x - 4)``, ``-2x(x + 5)``
 2  two monic binomials                                          ``(x + 3)(x - 7)``
 3  two general binomials                                        ``(3x - 2)(2x + 5)``
 4  special products: squares and conjugates                     ``(2x - 5)^2``, ``(3x + 4)(3x - 4)``
 5  binomial times trinomial                                     ``(x + 2)(x^2 - 3x + 4)``
 6  three binomials, or a cube                                   ``(x + 1)(x - 2)(2x + 3)``, ``(x - 2)^3``
 7  trinomial times trinomial                                    ``(x^2 + 2x - 1)(2x^2 - x + 3)``
 8  two variables                                                ``(2x - 3y)(x + 4y)``, ``(x + 2y)^3``
 9  sums and differences of products                             ``(x + 1)(x - 2) - 3(x - 1)^2``
10  two variables, three factors or a squared trinomial          ``(x + y - 2)^2``, ``(x - y)(x + 2y)(2x + y)``
==  ===========================================================  ====================================

**Answer type.** A sympy polynomial (the expanded form). Any term order and any
spelling the bounded expression parser reads are accepted (``2x^2 - 5x - 12``,
``-12 - 5x + 2x^2``, ``2*x**2 - 5*x - 12``); like terms need not be combined, since
``x^2 + 2x + 3x`` is already a sum of monomials. The answer must be **expanded**: no
sum may appear inside a product, a power or a quotient. An unexpanded answer equal
to the gold, such as ``(x + 1)^2`` or ``2(x + 3)``, is INCORRECT (reason: "not
expanded"). Multi-letter products should be spaced or use ``*`` (``3x y^2``).

**Worked solutions** distribute each term of one factor over the other, list the
partial products, combine like terms, and repeat for further factors.

**Version history.** v0: first release. v1: level 2's constants run to ±20 and level 4's
special products take ``ax ± b`` with a up to 12 and b up to 15 (324 and 252 problems
before), so each level's test split holds at least 50 problems.
"""

from __future__ import annotations

import numpy as np
import sympy

from textbook_gym.envs._kit import Family, Problem, Verdict, register_family
from textbook_gym.envs._kit.passages import exposition_from
from textbook_gym.envs._kit.polynomials import (
    Factors,
    Sparse,
    Written,
    add,
    as_written,
    check_written,
    factor_text,
    factors_from_json,
    factors_json,
    join_signed,
    linear,
    multiply,
    ordered_terms,
    polynomial,
    polynomial_text,
    product_text,
    signed_coefficient,
    terms_text,
    to_sympy,
)
from textbook_gym.envs._kit.texts import exposition_texts
from textbook_gym.verifiers.errors import ParseError
from textbook_gym.verifiers.symbolic import parse_expression

Part = tuple[int, Factors]
"""One summand of a problem: a coefficient and its ``(factor, power)`` pairs."""


# --------------------------------------------------------------------------- generation
def _binomial(rng, monic=False, hi=6, with_y=False, b_hi=9) -> Sparse:
    a = 1 if monic else signed_coefficient(rng, 1, hi)
    b = signed_coefficient(rng, 1, b_hi)
    return linear(a, b, with_y and rng.random() < 0.8)


def _trinomial(rng) -> Sparse:
    return polynomial((signed_coefficient(rng, 1, 3), 2, 0), (int(rng.integers(-6, 7)), 1, 0),
                      (signed_coefficient(rng, 1, 9), 0, 0))


def _parts(rng, level: int) -> list[Part]:
    """The summands of the problem at ``level`` (the module docstring's table)."""
    if level == 1:
        mono = polynomial((signed_coefficient(rng, 2, 9), 1 if rng.random() < 0.5 else 0, 0))
        return [(1, [(mono, 1), (_binomial(rng, hi=5), 1)])]
    if level == 2:
        return [(1, [(_binomial(rng, True, b_hi=20), 1), (_binomial(rng, True, b_hi=20), 1)])]
    if level == 3:
        return [(1, [(_binomial(rng), 1), (_binomial(rng), 1)])]
    if level == 4:
        a, b = int(rng.integers(1, 13)), signed_coefficient(rng, 1, 15)
        if rng.random() < 0.6:
            return [(1, [(linear(a, b), 2)])]
        return [(1, [(linear(a, b), 1), (linear(a, -b), 1)])]
    if level == 5:
        return [(1, [(_binomial(rng, hi=4), 1), (_trinomial(rng), 1)])]
    if level == 6:
        if rng.random() < 0.4:
            return [(1, [(_binomial(rng, hi=3), 3)])]
        return [(1, [(_binomial(rng, True), 1), (_binomial(rng, True), 1), (_binomial(rng, hi=3), 1)])]
    if level == 7:
        return [(1, [(_trinomial(rng), 1), (_trinomial(rng), 1)])]
    if level == 8:
        shape = rng.random()
        if shape < 0.5:
            return [(1, [(_binomial(rng, with_y=True), 1), (_binomial(rng, with_y=True), 1)])]
        binomial = linear(signed_coefficient(rng, 1, 4), signed_coefficient(rng, 1, 5), with_y=True)
        return [(1, [(binomial, 2 if shape < 0.8 else 3)])]
    if level == 9:
        first = (1, [(_binomial(rng, hi=4), 1), (_binomial(rng, hi=4), 1)])
        factors = [(_binomial(rng, hi=3), 2)] if rng.random() < 0.5 else [(_binomial(rng, hi=3), 1), (_binomial(rng, True), 1)]
        return [first, (signed_coefficient(rng, 1, 5), factors)]
    if rng.random() < 0.4:
        trinomial = polynomial((signed_coefficient(rng, 1, 3), 1, 0), (signed_coefficient(rng, 1, 3), 0, 1),
                               (signed_coefficient(rng, 1, 6), 0, 0))
        return [(1, [(trinomial, 2)])]
    return [(1, [(_binomial(rng, hi=3, with_y=True), 1) for _ in range(3)])]


def expression_text(parts: list[Part]) -> str:
    """The problem as written: ``(x + 1)(x - 2) - 3(x - 1)^2``."""
    return join_signed((coef < 0, product_text(abs(coef), factors)) for coef, factors in parts)


def _encode(parts: list[Part]) -> list:
    return [[coef, factors_json(factors)] for coef, factors in parts]


def _decode(data: list) -> list[Part]:
    return [(coef, factors_from_json(factors)) for coef, factors in data]


# --------------------------------------------------------------------------- worked solutions
def _multiply(first: Sparse, second: Sparse, lines: list[str]) -> Sparse:
    product = multiply(first, second)
    if len(first) == 1 or len(second) == 1:
        lines.append(f"Distribute: {factor_text(first)}{factor_text(second)} = {polynomial_text(product)}")
        return product
    partial = [((e1[0] + e2[0], e1[1] + e2[1]), c1 * c2)
               for e1, c1 in ordered_terms(first) for e2, c2 in ordered_terms(second)]
    lines.append(f"Multiply each term of {factor_text(first)} by each term of {factor_text(second)}: "
                 f"{terms_text(partial)}")
    lines.append(f"Combine like terms: {polynomial_text(product)}")
    return product


def expand_lines(parts: list[Part], lines: list[str]) -> Sparse:
    """Multiply out every part, one step per line appended to ``lines``, and return the sum."""
    results = []
    for coef, factors in parts:
        flat = [f for f, power in factors for _ in range(power)]
        if any(power > 1 for _, power in factors):
            lines.append("Write the power as repeated multiplication: " + "".join(factor_text(f) for f in flat))
        current = flat[0]
        for following in flat[1:]:
            current = _multiply(current, following, lines)
        if coef != 1:
            current = add({}, current, coef)
            lines.append(f"Multiply by {coef}: {polynomial_text(current)}")
        results.append(current)
    total = results[0]
    for other in results[1:]:
        total = add(total, other)
    if len(results) > 1:
        shown = " + ".join(f"({polynomial_text(r)})" for r in results)
        lines.append(f"Add the expanded parts and combine like terms: {shown} = {polynomial_text(total)}")
    return total


# --------------------------------------------------------------------------- exposition
_TEMPLATES = exposition_texts(__name__)


def _render(rng: np.random.Generator):
    for template in _TEMPLATES:
        a, b, k, p = (int(v) for v in rng.integers(2, 10, size=4))
        yield template.format(
            a=a, b=b, k=k, p=p, kb=k * b, ab=a * b, apb=a + b, pb=p * b, a2=2 * a, aa=a * a, pa=p + a,
            c1=(1 + a) * (1 + b), a3=3 * a, a3b=3 * a * a, acube=a**3, pa2=p * a, pp=p * p, twopa=2 * p * a)


# --------------------------------------------------------------------------- verification
def is_expanded(expr: sympy.Expr) -> bool:
    """True when no sum appears inside a product, a power or a function (unevaluated tree)."""
    stack = [(expr, False)]
    while stack:
        node, inside = stack.pop()
        if isinstance(node, sympy.Add):
            if inside:
                return False
            stack.extend((arg, False) for arg in node.args)
        elif isinstance(node, (sympy.Mul, sympy.Pow)):
            stack.extend((arg, True) for arg in node.args)
        elif node.args:
            return False
    return True


def parse_polynomial(span: str) -> Written:
    value = parse_expression(span)
    if value.has(sympy.oo, -sympy.oo, sympy.I, sympy.E, sympy.pi):
        raise ParseError("a polynomial has only numbers and the variables of the problem")
    return Written(value, "" if is_expanded(as_written(span)) else "multiply out every product and power")


def equal_polynomial(parsed: Written, gold: sympy.Expr) -> bool:
    return not parsed.flaw and sympy.expand(parsed.value - gold) == 0


@register_family
class PolynomialExpansion(Family):
    name = "PolynomialExpansion"
    version = 1
    answer_type = "expanded polynomial"
    subject = "algebra"
    instruction = (
        "Give the fully expanded polynomial (no brackets), like \\boxed{2x^2 - 5x - 12}; "
        "a final line 'Answer: 2x^2 - 5x - 12' is also accepted."
    )

    exposition = exposition_from(7304, 200, _render)

    def draw(self, rng: np.random.Generator, level: int) -> dict:
        parts = _parts(rng, level)
        return {"expression": expression_text(parts), "parts": _encode(parts)}

    def question(self, params: dict) -> str:
        return f"Expand and simplify: {params['expression']}"

    def solve(self, params: dict) -> tuple[list[str], sympy.Expr]:
        lines = [f"Expand {params['expression']}."]
        return lines, to_sympy(expand_lines(_decode(params["parts"]), lines))

    def answer_line(self, problem: Problem) -> str:
        total = expand_lines(_decode(problem.metadata["parts"]), [])
        return f"The expanded form is \\boxed{{{polynomial_text(total)}}}."

    def verify(self, problem: Problem, response: str) -> Verdict:
        """The answer must be expanded and equal to the product.

        >>> fam = PolynomialExpansion()
        >>> gold = to_sympy(polynomial((1, 2, 0), (2, 1, 0), (1, 0, 0)))
        >>> p = Problem("Expand (x + 1)^2.", gold, "PolynomialExpansion")
        >>> fam.verify(p, "\\\\boxed{1 + 2x + x^2}").status.value
        'CORRECT'
        >>> fam.verify(p, "\\\\boxed{(x + 1)^2}").reason
        'not expanded: multiply out every product and power'
        """
        return check_written(response, problem.answer, parse_polynomial, equal_polynomial, "expanded")
