"""Numbers as the arithmetic families write and read them: places, rounding as taught, operation trees.

Every value is exact (an int or a :class:`fractions.Fraction`); a place is named by its
exponent of ten (``2`` is the hundreds, ``-1`` the tenths). An operation tree is a leaf
value or a list ``[op, left, right]`` with ``op`` one of ``+ - * /`` (the JSON form in
which problems store it); :func:`tree_text` writes it with ``×`` and ``÷`` and exactly
the parentheses it needs. (An exact answer in lowest terms is read by
:func:`textbook_gym.verifiers.numbers.parse_exact_fraction`.)

>>> from fractions import Fraction
>>> round_half_away(Fraction(-5, 2), 0), round_half_away(48372, 2), round_half_away(Fraction(1, 8), -2)
(Fraction(-3, 1), Fraction(48400, 1), Fraction(13, 100))
>>> place_name(3), place_name(-2), leading_exponent(Fraction(45, 10000)), decimal_places(Fraction(-7, 8))
('thousands', 'hundredths', -3, 3)
>>> tree_text(["-", ["*", 2, ["+", 3, 4]], ["-", 5, 1]], str)
'2 × (3 + 4) - (5 - 1)'
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from .formats import decimal_text

SIGNS = {"+": "+", "-": "-", "*": "×", "/": "÷"}
"""How each operator of an operation tree is written."""
PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2}
"""× and ÷ bind before + and −."""
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
    """How many decimals the exact decimal of ``value`` has (no trailing zeros; ValueError when it does not end)."""
    return len(decimal_text(value).partition(".")[2])


def needs_parentheses(op: str, parent_op: str, is_right: bool) -> bool:
    """Whether a subexpression with ``op``, an operand of ``parent_op``, must be parenthesized.

    It must when it binds more weakly than its parent, and on the right of ``-`` or ``÷``
    when it binds as strongly (``a - (b - c)``, ``a ÷ (b × c)``).
    """
    weaker = PRECEDENCE[op] < PRECEDENCE[parent_op]
    same_on_right = is_right and PRECEDENCE[op] == PRECEDENCE[parent_op] and parent_op in "-/"
    return weaker or same_on_right or (is_right and parent_op == "/" and op == "*")


def tree_text(tree: Any, leaf_text: Callable[[Any], str], parent_op: str | None = None, is_right: bool = False) -> str:
    """An operation tree written with ``×`` and ``÷`` and only the parentheses it needs; ``leaf_text`` writes a leaf."""
    if not isinstance(tree, (list, tuple)):
        return leaf_text(tree)
    op, left, right = tree
    text = f"{tree_text(left, leaf_text, op, False)} {SIGNS[op]} {tree_text(right, leaf_text, op, True)}"
    return f"({text})" if parent_op is not None and needs_parentheses(op, parent_op, is_right) else text
