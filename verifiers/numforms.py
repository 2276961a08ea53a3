"""Number renderings that models write and data sets use, beyond :mod:`numbers`'s strict grammar.

* repeating decimals: ``0.\\overline{3}`` is 1/3, ``1.2\\overline{45}`` is 137/110,
  ``0.\\dot{6}`` is 2/3;
* number words for small integers: ``zero`` to ``twenty``, tens to ``ninety``,
  ``hundred``, ``thousand``, hyphenated compounds (``twenty-one``);
* thousands separated by thin spaces or ``~``/``\\ ``/``\\,``/``\\;``/plain spaces
  (``1\\,000\\,000``, ``12 345``), only in exact groups of three;
* a decimal comma where it cannot be a thousands separator or a list: ``3{,}5``
  always, ``3,14159`` (not a group of three) only when the caller allows it;
* a base subscript: ``204_5``, ``204_{5}``, ``1A_{16}``, ``1011_{(2)}``,
  ``204_{\\text{five}}`` gives ``(digits, base)``.

>>> repeating_decimal("0.\\\\overline{3}")
Fraction(1, 3)
>>> number_word("Twenty-one")
Fraction(21, 1)
>>> spaced_thousands("1\\\\,000\\\\,000")
Fraction(1000000, 1)
>>> decimal_comma("3{,}5")
Fraction(7, 2)
>>> base_subscript("204_{5}")
('204', 5)
"""

from __future__ import annotations

import re
from fractions import Fraction

_REPEAT_RE = re.compile(r"(-?)([0-9]{0,40})\.([0-9]{0,40})(?:\\overline\s{0,3}\{([0-9]{1,40})\}|\\dot\s{0,3}\{?([0-9])\}?)")
_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
).split()
_TENS = {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_WORDS = {word: i for i, word in enumerate(_SMALL)} | _TENS | {"hundred": 100, "thousand": 1000, "a hundred": 100,
                                                                 "one hundred": 100, "one thousand": 1000}
_SPACED_RE = re.compile(r"(-?)([0-9]{1,3}(?:(?:\\[,;: ]|~| |\u2009|\u202f|\\thinspace)[0-9]{3}){1,12})(\.[0-9]{1,40})?")
THOUSANDS_SEPARATOR_RE = re.compile(r"\\[,;: ]|~| |\u2009|\u202f|\\thinspace")
"""One space-like thousands separator: ``1 000``, ``1\\,000``, ``1~000``, a thin space (shared with the expression parser)."""
_COMMA_BRACE_RE = re.compile(r"(-?)([0-9]{1,40})\{,\}([0-9]{1,40})")
_COMMA_RE = re.compile(r"(-?)([0-9]{1,40}),([0-9]{1,40})")
_BASE_RE = re.compile(
    r"([0-9A-Za-z]{1,40})_\s{0,3}(?:\{\s{0,3}\(?\s{0,3}([0-9]{1,2}|\\text\{[a-z]{3,9}\}|[a-z]{3,9})\s{0,3}\)?\s{0,3}\}|([0-9]))"
)
_BASE_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
               "ten": 10, "twelve": 12, "sixteen": 16}


def repeating_decimal(text: str) -> Fraction | None:
    """``0.\\overline{3}`` -> 1/3; None when ``text`` is not a repeating decimal."""
    m = _REPEAT_RE.fullmatch(text.strip())
    if m is None:
        return None
    sign, whole, fixed, period = m.group(1), m.group(2) or "0", m.group(3), m.group(4) or m.group(5)
    shift = 10 ** len(fixed)
    value = Fraction(int(whole)) + (Fraction(int(fixed), shift) if fixed else 0)
    value += Fraction(int(period), (10 ** len(period) - 1) * shift)
    return -value if sign else value


def number_word(text: str) -> Fraction | None:
    """A small integer written as words; None otherwise."""
    words = " ".join(text.strip().lower().replace("-", " ").split())
    if words in _WORDS:
        return Fraction(_WORDS[words])
    parts = words.split()
    tens = {**_TENS, "twenty": 20}
    if len(parts) == 2 and parts[0] in tens and parts[1] in _SMALL[1:10]:
        return Fraction(tens[parts[0]] + _SMALL.index(parts[1]))
    return None


def spaced_thousands(text: str) -> Fraction | None:
    """A number with space-like thousands separators in exact groups of three; None otherwise."""
    m = _SPACED_RE.fullmatch(text.strip())
    if m is None:
        return None
    value = Fraction(int(THOUSANDS_SEPARATOR_RE.sub("", m.group(2))))
    if m.group(3):
        value += Fraction(int(m.group(3)[1:]), 10 ** (len(m.group(3)) - 1))
    return -value if m.group(1) else value


def decimal_comma(text: str, *, bare: bool = False) -> Fraction | None:
    """``3{,}5`` -> 7/2; with ``bare``, also ``3,5``/``3,14159`` when the part after the comma
    is not a group of exactly three digits (so it cannot be a thousands separator)."""
    text = text.strip()
    m = _COMMA_BRACE_RE.fullmatch(text)
    if m is None and bare:
        m = _COMMA_RE.fullmatch(text)
        if m is not None and len(m.group(3)) == 3:
            return None
    if m is None:
        return None
    value = Fraction(int(m.group(2))) + Fraction(int(m.group(3)), 10 ** len(m.group(3)))
    return -value if m.group(1) else value


def base_subscript(text: str) -> tuple[str, int] | None:
    """``(digits, base)`` for ``204_5``-style answers whose digits are valid in the base; None otherwise."""
    m = _BASE_RE.fullmatch(text.strip())
    if m is None:
        return None
    raw = m.group(2) or m.group(3)
    raw = raw.replace("\\text{", "").rstrip("}")
    base = int(raw) if raw.isdigit() else _BASE_WORDS.get(raw)
    if base is None or not 2 <= base <= 36:
        return None
    digits = m.group(1).upper()
    try:
        int(digits, base)
    except ValueError:
        return None
    return digits.lstrip("0") or "0", base
