"""Polynomials and linear expressions: exact arithmetic and the way a textbook writes them.

Two representations serve the algebra families:

* a **coefficient list**, highest degree first, for one variable: ``[2, 0, -3]`` is
  ``2x^2 - 3`` (:func:`coefficients_text`; coefficients may be fractions);
* a **sparse polynomial** in x and y with integer coefficients: a dict
  ``{(exponent of x, exponent of y): coefficient}`` with no zero coefficients, built
  with :func:`polynomial` and multiplied with :func:`multiply` (exact and fast, so
  generation and worked solutions never wait on sympy arithmetic).

Both are written with the same conventions (:func:`signed_sum`): a unit coefficient
is dropped (``x``, ``-y``), terms are joined by `` + `` and `` - ``, a fractional
coefficient stands in parentheses before its letters (``(1/2)x``), and a sum with no
terms is ``0``.

>>> coefficients_text([2, 0, -3]), coefficients_text([Fraction(1, 2), -1, 0], "t")
('2x^2 - 3', '(1/2)t^2 - t')
>>> signed_sum([(3, "x"), (-1, "y"), (0, "z"), (7, "")])
'3x - y + 7'
>>> product = multiply(polynomial((2, 1, 0), (3, 0, 0)), polynomial((1, 1, 0), (-4, 0, 0)))
>>> polynomial_text(product), product_text(-1, [(polynomial((1, 1, 0), (-1, 0, 1)), 2)])
('2x^2 - 5x - 12', '-(x - y)^2')
>>> factors_from_json(factors_json([(product, 2)])) == [(product, 2)], to_sympy(product)
(True, 2*x**2 - 5*x - 12)
>>> subtract_both_sides(3, "x"), subtract_both_sides(-4), tidy_signs("x - -3 + -2")
('Subtract 3x from both sides', 'Add 4 to both sides', 'x + 3 - 2')
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from textbook_gym.verdict import Status, Verdict
from textbook_gym.verifiers import check_answer
from textbook_gym.verifiers.symbolic import parse_expression

from .expressions import X
from .formats import fraction_text

Y = sympy.Symbol("y")
"""The second variable of sparse polynomials (the first is :data:`.expressions.X`, ``x``)."""

Sparse = dict[tuple[int, int], int]
"""A sparse polynomial: ``{(exponent of x, exponent of y): nonzero integer coefficient}``."""
Factors = list[tuple[Sparse, int]]
"""A product as ``(factor, power)`` pairs."""


# --------------------------------------------------------------------------- drawing coefficients
def signed_coefficient(rng: np.random.Generator, lo: int, hi: int) -> int:
    """A magnitude uniform in ``[lo, hi]``, then positive when the next ``rng.random()`` is below 0.5.

    The algebra families' draw since their first version; :func:`.draw.signed` picks
    the sign the other way round (negative below 0.5), so it would draw other problems.
    """
    magnitude = int(rng.integers(lo, hi + 1))
    return magnitude if rng.random() < 0.5 else -magnitude


# --------------------------------------------------------------------------- writing sums of terms
def power_text(name: str, exponent: int) -> str:
    """``x^3``, ``x`` or ``""`` (exponent 0): a variable raised to a power."""
    if exponent == 0:
        return ""
    return name if exponent == 1 else f"{name}^{exponent}"


def join_signed(parts: Iterable[tuple[bool, str]]) -> str:
    """Join ``(negative, text of the absolute value)`` pairs: ``a - b + c``, ``-a + b``; ``0`` when empty."""
    out = ""
    for negative, body in parts:
        if not out:
            out = f"-{body}" if negative else body
        else:
            out += f" - {body}" if negative else f" + {body}"
    return out or "0"


def term_text(coefficient: Fraction | int, name: str) -> str:
    """The absolute value of one term: ``x``, ``3x``, ``(1/2)x``, ``5`` (``name`` is ``""`` for a constant)."""
    size = abs(Fraction(coefficient))
    if size == 1 and name:
        return name
    if size.denominator != 1 and name:
        return f"({fraction_text(size)}){name}"
    return f"{fraction_text(size)}{name}"


def signed_sum(terms: Iterable[tuple[Fraction | int, str]]) -> str:
    """``(coefficient, name)`` pairs as one sum, zero terms left out: ``3x - y + 7``."""
    return join_signed((coefficient < 0, term_text(coefficient, name)) for coefficient, name in terms if coefficient)


def coefficients_text(coefficients: Sequence[Fraction | int], variable: str = "x") -> str:
    """A polynomial in one variable from its coefficients, highest degree first: ``[1, -5, 6]`` -> ``x^2 - 5x + 6``."""
    degree = len(coefficients) - 1
    return signed_sum((c, power_text(variable, degree - i)) for i, c in enumerate(coefficients))


def subtract_both_sides(coefficient: int, name: str = "") -> str:
    """The step that takes the term ``coefficient·name`` off one side: ``Subtract 3x from both sides``,
    ``Add 4 to both sides`` (for ``-4``)."""
    size = term_text(coefficient, name)
    return f"Subtract {size} from both sides" if coefficient > 0 else f"Add {size} to both sides"


def tidy_signs(text: str) -> str:
    """A text filled in with negative numbers, its double signs resolved: ``- -3`` -> ``+ 3``, ``+ -3`` -> ``- 3``."""
    return text.replace("- -", "+ ").replace("+ -", "- ")


def linear_factor_text(slope: int, constant: int, variable: str = "x") -> str:
    """A linear factor in parentheses: ``(2x - 3)``."""
    return f"({coefficients_text([slope, constant], variable)})"


# --------------------------------------------------------------------------- sparse polynomials in x and y
def polynomial(*terms: tuple[int, int, int]) -> Sparse:
    """A sparse polynomial from ``(coefficient, exponent of x, exponent of y)`` terms; like terms are added."""
    out: Sparse = {}
    for coefficient, x_exponent, y_exponent in terms:
        if coefficient:
            out[(x_exponent, y_exponent)] = out.get((x_exponent, y_exponent), 0) + coefficient
    return {exponents: c for exponents, c in out.items() if c}


def linear(slope: int, constant: int, with_y: bool = False) -> Sparse:
    """``ax + b``, or ``ax + by`` with ``with_y``."""
    return polynomial((slope, 1, 0), (constant, 0, 1) if with_y else (constant, 0, 0))


def multiply(first: Sparse, second: Sparse) -> Sparse:
    """The product of two sparse polynomials."""
    return polynomial(*((c1 * c2, e1[0] + e2[0], e1[1] + e2[1])
                        for e1, c1 in first.items() for e2, c2 in second.items()))


def add(first: Sparse, second: Sparse, scale: int = 1) -> Sparse:
    """``first + scale * second``."""
    return polynomial(*((c, *e) for e, c in first.items()), *((scale * c, *e) for e, c in second.items()))


def expand_product(constant: int, factors: Factors) -> Sparse:
    """``constant`` times every ``(factor, power)``, multiplied out."""
    total = polynomial((constant, 0, 0))
    for factor, power in factors:
        for _ in range(power):
            total = multiply(total, factor)
    return total


def coefficient(poly: Sparse, x_exponent: int, y_exponent: int = 0) -> int:
    """The coefficient of ``x^x_exponent y^y_exponent`` (0 when the term is absent)."""
    return poly.get((x_exponent, y_exponent), 0)


def ordered_terms(poly: Sparse) -> list[tuple[tuple[int, int], int]]:
    """``(exponents, coefficient)`` in descending lexicographic order (x first, then y), as sympy prints them."""
    return sorted(poly.items(), key=lambda item: item[0], reverse=True)


def polynomial_json(poly: Sparse) -> list:
    """The sparse polynomial as JSON data for ``Problem.metadata``: ``[[[2, 0], 3], [[0, 0], -1]]`` in descending order."""
    return [[list(e), c] for e, c in ordered_terms(poly)]


def polynomial_from_json(data: list) -> Sparse:
    """The sparse polynomial back from :func:`polynomial_json` data."""
    return polynomial(*((c, e[0], e[1]) for e, c in data))


def factors_json(factors: Factors) -> list:
    """``(factor, power)`` pairs as JSON data: ``[[polynomial_json(factor), power], ...]``."""
    return [[polynomial_json(f), power] for f, power in factors]


def factors_from_json(data: list) -> Factors:
    """The ``(factor, power)`` pairs back from :func:`factors_json` data."""
    return [(polynomial_from_json(f), power) for f, power in data]


def to_sympy(poly: Sparse) -> sympy.Expr:
    """The sparse polynomial as a sympy expression in :data:`X` and :data:`Y`."""
    return sympy.Add(*(c * X ** e[0] * Y ** e[1] for e, c in poly.items()))


def monomial_text(exponents: tuple[int, int]) -> str:
    """The letters of a monomial: ``x^2 y``, ``x``, ``""`` for the constant term."""
    return " ".join(part for part in (power_text("x", exponents[0]), power_text("y", exponents[1])) if part)


def terms_text(terms: Iterable[tuple[tuple[int, int], int]]) -> str:
    """``(exponents, coefficient)`` pairs written in the given order (like terms are not combined)."""
    return signed_sum((c, monomial_text(e)) for e, c in terms)


def polynomial_text(poly: Sparse) -> str:
    """The sparse polynomial in descending order: ``2x^2 - 5xy + 3``."""
    return terms_text(ordered_terms(poly))


def factor_text(poly: Sparse) -> str:
    """A factor as it appears in a product: a monomial bare, a sum in parentheses."""
    return polynomial_text(poly) if len(poly) == 1 else f"({polynomial_text(poly)})"


def product_text(constant: int, factors: Factors) -> str:
    """``constant`` times the ``(factor, power)`` pairs as written: ``2(x - 4)(x + 3)^2``, ``-(x + 1)``."""
    body = "".join(factor_text(f) + (f"^{power}" if power > 1 else "") for f, power in factors)
    if constant == -1:
        return f"-{body}"
    return body if constant == 1 else f"{constant}{body}"


# --------------------------------------------------------------------------- answers that must be written in a form
@dataclasses.dataclass(frozen=True)
class Written:
    """A parsed polynomial answer whose form matters (expanded, completely factored ...).

    ``value`` is what it equals, ``flaw`` why it is not written in the asked form ("" when
    it is) and ``product`` whatever exact form the family compares (a ``Poly``, or None).
    """

    value: sympy.Expr
    flaw: str
    product: Any = None


def as_written(span: str) -> sympy.Expr:
    """The answer's expression tree as written (unevaluated), for judging its form."""
    with sympy.evaluate(False):
        return parse_expression(span)


def check_written(response: str, gold: Any, parse: Callable[[str], Written], equal: Callable[[Written, Any], bool],
                  form: str) -> Verdict:
    """:func:`check_answer`, with the reason ``not <form>: <flaw>`` when a wrong answer is in the wrong form.

    >>> parse = lambda span: Written(parse_expression(span), "" if "(" not in span else "multiply out")
    >>> check_written("Answer: (x + 1)^2", X**2 + 2 * X + 1, parse, lambda w, g: not w.flaw, "expanded").reason
    'not expanded: multiply out'
    """
    verdict = check_answer(response, gold, parse, equal=equal)
    if verdict.status is Status.INCORRECT and isinstance(verdict.parsed, Written) and verdict.parsed.flaw:
        return dataclasses.replace(verdict, reason=f"not {form}: {verdict.parsed.flaw}")
    return verdict
