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


SMALL_OPS = 40
"""Most operations in a constant that :func:`cheap_constant` lets the parent evaluate."""
SMALL_INTEGER = 10**6
"""Largest integer a cheap constant may contain."""
_CHEAP_FUNCTIONS = (sympy.sin, sympy.cos, sympy.tan, sympy.log, sympy.exp, sympy.asin, sympy.acos, sympy.atan)


def cheap_constant(expr: Any) -> bool:
    """True for small closed-form constants (``\\\\sqrt{2}``, ``9\\\\pi``, ``\\\\frac{\\\\sqrt3}{2}``) whose
    evaluation to 60 digits is bounded, so the parent may run :func:`rounds_to` itself.

    Integers are below :data:`SMALL_INTEGER`, rational exponents have small parts, and the
    expression has at most :data:`SMALL_OPS` operations; everything else goes to the sandbox.
    """
    if expr.free_symbols or sympy.count_ops(expr) > SMALL_OPS:
        return False
    for atom in expr.atoms(sympy.Number):
        if not atom.is_Rational or abs(atom.p) > SMALL_INTEGER or atom.q > SMALL_INTEGER:
            return False
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, sympy.Pow) and not (node.exp.is_Rational and abs(node.exp.p) <= 12 and node.exp.q <= 12):
            return False
        if isinstance(node, sympy.Function) and not isinstance(node, _CHEAP_FUNCTIONS):
            return False
    return True
