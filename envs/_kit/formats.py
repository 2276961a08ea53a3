"""Exact numbers as text, one function per written form.

Worked solutions write arithmetic in plain text (``-3/4``); LaTeX forms are named as
such. Every function takes an exact value (int or :class:`fractions.Fraction`).

>>> from fractions import Fraction
>>> fraction_text(Fraction(-3, 4)), fraction_text(6), fraction_latex(Fraction(5, 2))
('-3/4', '6', '\\\\frac{5}{2}')
>>> parenthesized(Fraction(-3, 4)), parenthesized(7), decimal_text(Fraction(-1, 8))
('(-3/4)', '7', '-0.125')
>>> operand_text(Fraction(-3, 4)), operand_text(-5), operand_text(Fraction(3, 4))
('(−3/4)', '(−5)', '3/4')
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction


def fraction_text(value: Fraction | int) -> str:
    """``a/b`` in lowest terms, or the integer when the denominator is 1."""
    value = Fraction(value)
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


def fraction_latex(value: Fraction | int) -> str:
    """``\\frac{a}{b}`` with the sign in front (``-\\frac{3}{4}``), or the integer."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    sign = "-" if value < 0 else ""
    return f"{sign}\\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"


def parenthesized(value: Fraction | int) -> str:
    """:func:`fraction_text`, in parentheses when it is a fraction or negative (safe inside a product)."""
    text = fraction_text(value)
    return f"({text})" if "/" in text or text.startswith("-") else text


def operand_text(value: Fraction | int, write: Callable[[Fraction | int], str] = fraction_text) -> str:
    """A number as a question shows it inside an expression: written by ``write`` (default
    :func:`fraction_text`), a negative in parentheses with the minus sign U+2212 (``(−3/4)``).
    """
    text = write(value)
    return f"(−{text[1:]})" if value < 0 else text


def decimal_text(value: Fraction | int, max_places: int = 40) -> str:
    """The exact decimal of a terminating value, without trailing zeros (``-0.125``).

    Raises ValueError when the value needs more than ``max_places`` decimals (it does
    not terminate, or not soon enough to be written out).
    """
    value = Fraction(value)
    sign, value = ("-" if value < 0 else ""), abs(value)
    places = 0
    while (value * 10**places).denominator != 1:
        places += 1
        if places > max_places:
            raise ValueError(f"{value} has no decimal of at most {max_places} places")
    digits = str((value * 10**places).numerator).rjust(places + 1, "0")
    text = digits if places == 0 else f"{digits[:-places]}.{digits[-places:]}"
    return sign + text
