"""Numerals as the arithmetic families teach them: places, rounding as taught, decimal places.

Every value is exact (an int or a :class:`fractions.Fraction`); a place is named by its
exponent of ten (``2`` is the hundreds, ``-1`` the tenths).

>>> from fractions import Fraction

from .formats import decimal_text
>>> round_half_away(Fraction(-5, 2), 0), round_half_away(48372, 2), round_half_away(Fraction(1, 8), -2)
(Fraction(-3, 1), Fraction(48400, 1), Fraction(13, 100))
>>> place_name(3), place_name(-2), leading_exponent(Fraction(45, 10000)), decimal_places(Fraction(-7, 8))
('thousands', 'hundredths', -3, 3)
"""

from __future__ import annotations

import math
from fractions import Fraction

from .formats import decimal_text

PLACE_NAMES = {
    5: "hundred-thousands", 4: "ten-thousands", 3: "thousands", 2: "hundreds", 1: "tens",
    0: "ones", -1: "tenths", -2: "hundredths", -3: "thousandths", -4: "ten-thousandths",
    -5: "hundred-thousandths", -6: "millionths",
}
"""The name of the place worth ``10**exponent``, by exponent (the places the families name in words)."""


def place_name(exponent: int) -> str:
    """The place worth ``10**exponent`` (``"tens"``), or ``10^exponent`` beyond the named places."""
    return PLACE_NAMES.get(exponent, f"10^{exponent}")


def round_half_away(value: Fraction | int, exponent: int) -> Fraction:
    """``value`` rounded to a multiple of ``10**exponent``, halves away from zero, exactly.

    This is the rule as taught (2.5 → 3, −2.5 → −3); Python's ``round`` sends halves
    to the even neighbour and works on binary floats.
    """
    unit = Fraction(10) ** exponent
    size = math.floor(abs(Fraction(value)) / unit + Fraction(1, 2)) * unit
    return size if value >= 0 else -size


def leading_exponent(value: Fraction | int) -> int:
    """The exponent of the first nonzero digit: the ``k`` with ``10**k <= |value| < 10**(k+1)``."""
    value = abs(Fraction(value))
    exponent = len(str(value.numerator)) - len(str(value.denominator))
    while Fraction(10) ** exponent > value:
        exponent -= 1
    while Fraction(10) ** (exponent + 1) <= value:
        exponent += 1
    return exponent


def decimal_places(value: Fraction | int) -> int:
    """How many decimals the exact decimal of ``value`` has, without trailing zeros (ValueError when it does not end)."""
    return len(decimal_text(value).partition(".")[2])
