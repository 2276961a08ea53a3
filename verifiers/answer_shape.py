"""A free-text answer must have its gold answer's shape before a lenient scorer sees it.

Scorers written for free text (reasoning-gym's, for one) are often lenient in ways a
policy learns to use: they take the first number in the text (``9^{9^{9}}`` is 9), find
the right answer anywhere in it (``72 or 73``), score a list by the positions it gets
right (the right list with more words appended scores 1.0), or compare with a
tolerance that ``nan`` passes. :func:`check_shape` refuses, with a
:class:`~textbook_gym.verifiers.errors.ParseError` (an UNPARSEABLE verdict), every
answer whose shape differs from the gold's:

- a hedge the gold does not hold (:mod:`~textbook_gym.verifiers.hedges`);
- a non-finite value (``nan``, ``inf``, ``\\infty``) the gold does not hold;
- anything but a number (:func:`~textbook_gym.verifiers.numbers.parse_real`) where the gold is a number;
- anything but a truth value where the gold is one (``True``, ``no``);
- another number of parts (split at commas, semicolons and line breaks) than the gold has,
  and for a gold of one word or token, more than one.

Only the gold's text is used, so the rules suit any data set; what they cost is that an
answer in another shape than the gold's (``nine`` for ``9``, a list without its commas)
earns nothing.

>>> check_shape("9", "9"), check_shape("\\\\frac{9}{2}", "9")
('9', '4.5')
>>> check_shape("9^{9^{9}}", "9")
Traceback (most recent call last):
...
textbook_gym.verifiers.errors.ParseError: '9^{9^{9}}' is not a number in the form 3/4, \\frac{3}{4}, 1 1/2 or 0.75
>>> check_shape("a, b, c, d", "a, b, c")
Traceback (most recent call last):
...
textbook_gym.verifiers.errors.ParseError: the answer has 4 parts; the right answer has 3
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

from textbook_gym.verifiers.errors import ParseError
from textbook_gym.verifiers.hedges import added_hedges
from textbook_gym.verifiers.numbers import parse_real

TRUTH_VALUES = {"true": True, "false": False, "yes": True, "no": False}
"""Words that name a truth value (compared in lower case)."""

_NUMBER_RE = re.compile(r"[-+]?[0-9]+(?:\.[0-9]+)?")
_PART_RE = re.compile(r"[,;\n]")
_SPACE_RE = re.compile(r"\s")
_NON_FINITE_RE = re.compile(r"\\infty|∞|\b(?:nan|inf|infinity)\b", re.IGNORECASE)


def truth_value(text: str) -> bool | None:
    """The truth value ``text`` names (``True``, ``no``...), or None."""
    return TRUTH_VALUES.get(text.strip().lower())


def parts(text: str) -> int:
    """How many parts ``text`` has, split at commas, semicolons and line breaks."""
    return len(_PART_RE.findall(text.strip())) + 1


def check_shape(answer: str, gold: str) -> str:
    """``answer`` as a lenient scorer should see it; ParseError unless it has the shape of ``gold``.

    The answer comes back unchanged, except a number in another rendering than plain
    digits (``\\frac{9}{2}``, ``$1{,}000$``), which comes back as its value in plain
    digits (``4.5``): a scorer that reads the first number would take ``\\frac{9}{2}`` for 9.
    """
    hedges = added_hedges(answer, gold)
    if hedges:
        raise ParseError(f"hedged answer: adds {', '.join(repr(hedge) for hedge in hedges[:3])}")
    if len(_NON_FINITE_RE.findall(answer)) > len(_NON_FINITE_RE.findall(gold)):
        raise ParseError("the answer is not a finite value")
    gold = gold.strip()
    if _NUMBER_RE.fullmatch(gold):
        value = parse_real(answer)  # raises ParseError for anything but one number
        return answer if _NUMBER_RE.fullmatch(answer.strip()) else plain_number(value)
    if truth_value(gold) is not None:
        if truth_value(answer) is None:
            raise ParseError("the answer is a truth value: True or False (or yes or no)")
        return answer
    if parts(answer) != parts(gold):
        raise ParseError(f"the answer has {parts(answer)} parts; the right answer has {parts(gold)}")
    if gold and not _SPACE_RE.search(gold) and _SPACE_RE.search(answer.strip()):
        raise ParseError("the answer is one word or token; this one has several")
    return answer


def plain_number(value: Fraction) -> str:
    """``value`` in plain digits: ``4``, ``-4.5``; a fraction with no finite decimal to 17 significant digits.

    >>> plain_number(Fraction(9, 2)), plain_number(Fraction(-12)), plain_number(Fraction(1, 3))
    ('4.5', '-12', '0.33333333333333331')
    """
    if value.denominator == 1:
        return str(value.numerator)
    decimal = Decimal(value.numerator) / Decimal(value.denominator)  # exact when the decimal ends
    if decimal * value.denominator == value.numerator:
        return format(decimal.normalize(), "f")
    return format(float(value), ".17g")
