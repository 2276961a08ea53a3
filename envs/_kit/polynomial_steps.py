"""Worked-solution steps on a polynomial in x given by its coefficients (highest degree first, see :mod:`.polynomials`).

Two steps every algebra textbook writes out: the value at a point, by substituting into each term and adding
(:func:`substitution_line`; :func:`horner` gives the value alone), and the solution of a linear equation
``slope·x + constant = target`` by doing the same operation to both sides (:func:`solve_linear_lines`). Values are
exact (:class:`fractions.Fraction`).

>>> substitution_line([2, -4, 1], Fraction(-3)), horner([2, -4, 1], Fraction(-3))
('2(-3)^2 - 4(-3) + 1 = 18 + 12 + 1 = 31', Fraction(31, 1))
>>> substitution_line([Fraction(1, 2), Fraction(1, 3)], Fraction(4))
'(1/2)(4) + (1/3) = 2 + 1/3 = 7/3'
>>> lines = []
>>> solve_linear_lines(Fraction(2, 3), Fraction(-1), Fraction(5), lines), lines
(Fraction(9, 1), ['Add 1 to both sides: (2/3)x = 6', 'Multiply both sides by 3/2: x = 9'])
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from fractions import Fraction

from .formats import fraction_text, parenthesized
from .polynomials import coefficients_text, join_signed, power_text, subtract_both_sides, term_text


def horner(coefs: Sequence[Fraction], point: Fraction) -> Fraction:
    """The polynomial with coefficients ``coefs`` (highest degree first) at ``point``."""
    return functools.reduce(lambda total, c: total * point + c, coefs, Fraction(0))


def substitution_line(coefs: Sequence[Fraction], point: Fraction) -> str:
    """``2(-3)^2 - 4(-3) + 1 = 18 + 12 + 1 = 31`` (every fractional coefficient in parentheses)."""
    degree = len(coefs) - 1
    shown = f"({fraction_text(point)})"
    parts, values = [], []
    for i, c in enumerate(coefs):
        power = degree - i
        if c:
            parts.append((c < 0, term_text(c, power_text(shown, power)) if power else parenthesized(abs(c))))
            values.append(c * point**power)
    sums = " + ".join(f"({fraction_text(v)})" if v < 0 else fraction_text(v) for v in values)
    total = fraction_text(sum(values))
    return f"{join_signed(parts)} = {sums} = {total}" if len(values) > 1 else f"{join_signed(parts)} = {total}"


def solve_linear_lines(slope: Fraction, constant: Fraction, target: Fraction, lines: list[str]) -> Fraction:
    """Appends the steps that solve ``slope·x + constant = target`` to ``lines``; returns x."""
    if constant:
        lines.append(f"{subtract_both_sides(constant)}: {coefficients_text([slope, 0])} = "
                     f"{fraction_text(target - constant)}")
    solution = (target - constant) / slope
    if slope != 1:
        step = (f"Multiply both sides by {fraction_text(1 / slope)}" if slope.denominator != 1
                else f"Divide both sides by {fraction_text(slope)}")
        lines.append(f"{step}: x = {fraction_text(solution)}")
    return solution
