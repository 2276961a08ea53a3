"""The strict, bounded integer grammar.

Accepted, after :func:`~textbook_gym.verifiers.normalize.normalize_span`:

* an optional sign (``+``, ``-``; U+2212 is folded to ``-``) and ASCII digits;
* thousands separators only in exact groups of three: ``1,234,567``, ``1\\,234``,
  ``1{,}234``. ``12,34`` is refused (is it 1234 or a list?), spaces are refused;
* a zero fractional part, ``42.0`` or ``42.000``, because it is the same number.
  ``2.0000001`` parses as a non-integer and is refused.

Refused with UNPARSEABLE: expressions (``3+4``), scientific notation (``1e309``),
``nan``/``inf``, words, more than :data:`MAX_DIGITS` digits (this also keeps Python's
int-to-str conversion limit out of reach), spans longer than :data:`MAX_CHARS`.
The length check runs before any regular expression.

>>> parse_integer("1,234")
1234
>>> parse_integer("\\u2212 7")
-7
>>> parse_integer("$-12$")
-12
"""

from __future__ import annotations

import re

from textbook_gym.verifiers.errors import ParseError
from textbook_gym.verifiers.normalize import normalize_span

MAX_CHARS = 1200
"""Spans longer than this are refused before any parsing work."""
MAX_DIGITS = 1000
"""Integers with more digits than this are refused (gold answers are far shorter)."""

_SEP_RE = re.compile(r"\\,|\{,\}")
_INT_RE = re.compile(r"([+-]?)\s*((?:[0-9]{1,3}(?:,[0-9]{3})+)|[0-9]+)(?:\.0+)?")


def parse_integer(span: str) -> int:
    """Parse one integer under the module's grammar, or raise ParseError."""
    if len(span) > MAX_CHARS:
        raise ParseError(f"answer is longer than {MAX_CHARS} characters")
    # Fast path for the common case, plain ASCII digits with an optional minus: the
    # normalization below would leave such a span unchanged.
    digits = span[1:] if span[:1] == "-" else span
    if digits.isascii() and digits.isdigit() and len(digits) <= MAX_DIGITS:
        return -int(digits) if span[:1] == "-" else int(digits)
    text = _SEP_RE.sub(",", normalize_span(span))
    m = _INT_RE.fullmatch(text)
    if m is None:
        raise ParseError(f"{_clip(text)!r} is not an integer")
    digits = m.group(2).replace(",", "")
    if len(digits) > MAX_DIGITS:
        raise ParseError(f"integer has more than {MAX_DIGITS} digits")
    value = int(digits)
    return -value if m.group(1) == "-" else value


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "..."
