"""The rounding rule's numeric half, run only inside a sandbox worker.

:func:`rounds_to` evaluates an exact constant (``\\sqrt{2}``, ``\\pi/6``) to enough
digits and says whether it rounds to a stated decimal. ``evalf`` of a hostile
constant can be slow, so the parent ships this to the sandbox pool under its deadline.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import sympy

MAX_PLACES = 60
"""Most decimal places the rule compares (more places than that is not a rounding)."""


def rounds_to(exact: Any, numerator: int, denominator: int, places: int) -> bool:
    """True when ``exact`` rounded half-up to ``places`` decimals equals ``numerator/denominator``."""
    if places > MAX_PLACES or exact.free_symbols:
        return False
    value = sympy.N(exact, places + 30)
    if not value.is_Float or not value.is_finite:
        return False
    if abs(value) > 10**300:
        return False
    scaled = sympy.Rational(value) * 10**places
    rounded = Fraction(math.floor(Fraction(int(scaled.p), int(scaled.q)) + Fraction(1, 2)), 10**places)
    return rounded == Fraction(numerator, denominator)
