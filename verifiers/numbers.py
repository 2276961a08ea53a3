"""Exact parsers for rationals, decimals, reals and percentages.

Every parser returns a :class:`fractions.Fraction`, so comparisons are exact and a
decimal such as ``0.1`` means one tenth, not the nearest double. The grammars are
strict on purpose: a span is either one clear rendering of a number or it is
refused with :class:`~textbook_gym.verifiers.errors.ParseError` (an UNPARSEABLE
verdict), never guessed at.

Shared rules (after :func:`~textbook_gym.verifiers.normalize.normalize_span`):

* signs: ``+``/``-`` in front (U+2212 is folded to ``-``); a sign inside the
  numerator of ``\\frac{-3}{4}`` is accepted; a negative denominator is refused;
* thousands separators follow :mod:`~textbook_gym.verifiers.integers`: exact groups of
  three with ``,``, ``\\,`` or ``{,}`` (``1,234.5``); ``12,34`` is refused;
* the whole number may be wrapped in one pair of parentheses: ``(-3/4)``;
* ``nan``, ``inf`` and exponents beyond a double's range (``1e309``) are refused.

>>> parse_rational("\\\\dfrac34")
Fraction(3, 4)
>>> parse_rational("-1 1/2")
Fraction(-3, 2)
>>> parse_rational("6/8", require_lowest_terms=True)
Traceback (most recent call last):
...
textbook_gym.verifiers.errors.ParseError: 6/8 is not in lowest terms; write 3/4
>>> parse_real("1.5e3")
Fraction(1500, 1)
>>> parse_percent("25\\\\%")
Fraction(25, 1)
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

from textbook_gym.verifiers.errors import LimitError, ParseError
from textbook_gym.verifiers.guards import guard_span
from textbook_gym.verifiers.normalize import normalize_span

MAX_EXPONENT = 308
"""Largest decimal exponent accepted in scientific notation (a double's range)."""

_UINT = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)"
_SEP_RE = re.compile(r"\\,|\{,\}")
_SIGN_RE = re.compile(r"([+-]?)\s*")
_INT_RE = re.compile(_UINT)
_DEC_RE = re.compile(rf"({_UINT})?(?:\.([0-9]+))?")
_SLASH_RE = re.compile(rf"([+-]?)\s*({_UINT})\s*/\s*({_UINT})")
_LATEX_FRAC_RE = re.compile(
    rf"\\[dt]?frac\s*(?:\{{\s*([+-]?)\s*({_UINT})\s*\}}|([0-9]))\s*(?:\{{\s*({_UINT})\s*\}}|([0-9]))"
)
_MIXED_RE = re.compile(rf"({_UINT})(?:\s+|\s*(?=\\))(.+)")
_SCI_RE = re.compile(
    r"(.+?)\s*(?:[eE]\s*([+-]?[0-9]{1,6})|(?:\\times|\\cdot|\*|×)\s*10\s*\^\s*(?:\{\s*([+-]?[0-9]{1,6})\s*\}|([+-]?[0-9])))"
)
_NONFINITE_RE = re.compile(r"nan|inf|∞|\\infty", re.IGNORECASE)
_PERCENT_RE = re.compile(r"(.*?)\s*(?:\\%|%|\s(?:percent|per\s*cent))", re.IGNORECASE | re.DOTALL)


def _prepare(span: str) -> str:
    text = _SEP_RE.sub(",", normalize_span(guard_span(span))).strip()
    if not text:
        raise ParseError("empty answer")
    if _NONFINITE_RE.search(text):
        raise ParseError(f"{_clip(text)!r} is not a finite number (nan and infinity are not accepted)")
    return text


def _split_sign(text: str) -> tuple[int, str]:
    m = _SIGN_RE.match(text)
    body = text[m.end() :]
    if len(body) >= 2 and body[0] == "(" and body[-1] == ")":
        inner = body[1:-1].strip()
        if "(" not in inner and ")" not in inner:
            if m.group(1) and inner[:1] in "+-":
                raise ParseError(f"{_clip(text)!r} has two signs; write a single sign")
            return _split_sign(inner) if not m.group(1) else (-1 if m.group(1) == "-" else 1, inner)
    return (-1 if m.group(1) == "-" else 1), body


def _int(digits: str) -> int:
    return int(digits.replace(",", ""))


def _fraction_part(body: str, lowest: bool) -> Fraction | None:
    """A plain ``a/b`` or ``\\frac{a}{b}``; None when ``body`` is neither."""
    m = _SLASH_RE.fullmatch(body)
    if m:
        sign, num, den = m.group(1), _int(m.group(2)), _int(m.group(3))
    else:
        m = _LATEX_FRAC_RE.fullmatch(body)
        if m is None:
            return None
        sign = m.group(1)
        num = _int(m.group(2) if m.group(2) is not None else m.group(3))
        den = _int(m.group(4) if m.group(4) is not None else m.group(5))
    if den == 0:
        raise ParseError(f"{_clip(body)!r} divides by zero")
    if lowest:
        g = math.gcd(num, den)
        if g != 1 or den == 1:
            shown = f"{num}/{den}"
            reduced = Fraction(num, den)
            fix = str(reduced.numerator) if reduced.denominator == 1 else f"{reduced.numerator}/{reduced.denominator}"
            raise ParseError(f"{shown} is not in lowest terms; write {fix}")
    value = Fraction(num, den)
    return -value if sign == "-" else value


def _decimal(body: str) -> Fraction | None:
    m = _DEC_RE.fullmatch(body)
    if m is None or (m.group(1) is None and m.group(2) is None):
        return None
    whole = Fraction(_int(m.group(1))) if m.group(1) is not None else Fraction(0)
    if m.group(2) is not None:
        whole += Fraction(int(m.group(2)), 10 ** len(m.group(2)))
    return whole


def parse_rational(span: str, *, require_lowest_terms: bool = False, allow_decimal: bool = True) -> Fraction:
    """Parse an exact rational number.

    Accepted: integers, ``3/4``, ``\\frac{3}{4}``, ``\\dfrac34``, ``\\tfrac{3}{4}``,
    ``\\frac{-3}{4}``, ``-\\frac34``, mixed numbers ``1 1/2`` and ``1\\frac{1}{2}`` (the
    fraction part must be proper), and exact decimals ``0.75`` (unless
    ``allow_decimal=False``). With ``require_lowest_terms`` a fraction rendering must
    be reduced and must not have denominator 1 (``4/1`` is refused; write ``4``);
    integers and decimals are accepted as they are.

    >>> parse_rational("\\\\frac{-3}{4}")
    Fraction(-3, 4)
    >>> parse_rational("1\\\\frac{1}{2}")
    Fraction(3, 2)
    >>> parse_rational("0.75")
    Fraction(3, 4)
    >>> parse_rational("4/1", require_lowest_terms=True)
    Traceback (most recent call last):
    ...
    textbook_gym.verifiers.errors.ParseError: 4/1 is not in lowest terms; write 4
    """
    text = _prepare(span)
    sign, body = _split_sign(text)
    value = _fraction_part(body, require_lowest_terms)
    if value is None:
        mixed = _MIXED_RE.fullmatch(body)
        if mixed is not None:
            part = _fraction_part(mixed.group(2).strip(), require_lowest_terms)
            if part is not None:
                if part < 0 or part >= 1:
                    raise ParseError(f"{_clip(text)!r} is not a mixed number: its fraction part must be proper")
                value = _int(mixed.group(1)) + part
    decimal = None
    if value is None:
        decimal = _decimal(body)
        if decimal is not None and ("." not in body or allow_decimal):
            value = decimal
    if value is None:
        if decimal is not None:  # a well-formed decimal refused: say so, rather than list 0.75 as a form
            raise ParseError(f"{_clip(text)!r} is a decimal; write the exact fraction, as 3/4 or \\frac{{3}}{{4}}")
        raise ParseError(f"{_clip(text)!r} is not a number in the form 3/4, \\frac{{3}}{{4}}, 1 1/2"
                         + (" or 0.75" if allow_decimal else ""))
    return sign * value


def parse_lowest_terms(span: str) -> Fraction:
    """Parse an exact rational written in lowest terms; exact decimals are accepted.

    The answer form of families whose answers are rationals in general (sequence sums,
    unit conversions): :func:`parse_rational` with ``require_lowest_terms=True``.
    Accepted: integers, reduced fractions ``3/8``, ``\\frac{3}{8}``, mixed numbers
    ``1 1/2`` and exact decimals ``0.375`` (a decimal names one number exactly).
    Refused (:class:`~textbook_gym.verifiers.errors.ParseError`): an unreduced fraction
    ``6/16`` and a fraction over 1 such as ``4/1``.

    >>> parse_lowest_terms("3/8"), parse_lowest_terms("0.375")
    (Fraction(3, 8), Fraction(3, 8))
    >>> parse_lowest_terms("6/16")
    Traceback (most recent call last):
    ...
    textbook_gym.verifiers.errors.ParseError: 6/16 is not in lowest terms; write 3/8
    """
    return parse_rational(span, require_lowest_terms=True)


def parse_exact_fraction(span: str) -> Fraction:
    """Parse an exact fraction in lowest terms; decimals are refused.

    The answer form of families that ask for a fraction as such (probabilities,
    fraction arithmetic): :func:`parse_rational` with ``require_lowest_terms=True`` and
    ``allow_decimal=False``. Accepted: integers, reduced fractions ``3/8``,
    ``\\frac{3}{8}``, ``\\dfrac38`` and mixed numbers ``2 1/3``. Refused
    (:class:`~textbook_gym.verifiers.errors.ParseError`): an unreduced fraction
    ``6/16``, a fraction over 1 such as ``4/1``, and any decimal ``0.375``, since the
    question asked for the fraction.

    >>> parse_exact_fraction("\\\\frac{3}{8}"), parse_exact_fraction("2 1/3")
    (Fraction(3, 8), Fraction(7, 3))
    >>> parse_exact_fraction("0.375")
    Traceback (most recent call last):
    ...
    textbook_gym.verifiers.errors.ParseError: '0.375' is a decimal; write the exact fraction, as 3/4 or \\frac{3}{4}
    """
    return parse_rational(span, require_lowest_terms=True, allow_decimal=False)


def parse_decimal(span: str) -> Fraction:
    """Parse an exact decimal (``-1,234.50``, ``.5``, ``42``) into a Fraction.

    >>> parse_decimal("1,234.5")
    Fraction(2469, 2)
    >>> parse_decimal("0.1") == Fraction(1, 10)
    True
    """
    text = _prepare(span)
    sign, body = _split_sign(text)
    value = _decimal(body)
    if value is None:
        raise ParseError(f"{_clip(text)!r} is not a decimal number such as 12.5")
    return sign * value


def parse_real(span: str) -> Fraction:
    """Parse a real number: a decimal, a rational, or scientific notation.

    Scientific notation: ``1.5e3``, ``1.5E-3``, ``1.5 \\times 10^{3}``, ``2\\cdot 10^5``.
    The result is exact; compare with a tolerance through :func:`real_close`.

    >>> parse_real("2.5 \\\\times 10^{-2}")
    Fraction(1, 40)
    >>> parse_real("1e309")
    Traceback (most recent call last):
    ...
    textbook_gym.verifiers.errors.LimitError: exponent 309 is outside the range of a double (|exponent| <= 308)
    """
    text = _prepare(span)
    sci = _SCI_RE.fullmatch(text)
    if sci is not None:
        exponent = int(sci.group(2) or sci.group(3) or sci.group(4))
        if abs(exponent) > MAX_EXPONENT:
            raise LimitError(f"exponent {exponent} is outside the range of a double (|exponent| <= {MAX_EXPONENT})")
        sign, body = _split_sign(sci.group(1).strip())
        mantissa = _decimal(body)
        if mantissa is None:
            raise ParseError(f"{_clip(text)!r}: the mantissa is not a decimal number")
        return sign * mantissa * Fraction(10) ** exponent
    return parse_rational(span)


def real_close(a: Fraction | int | float, b: Fraction | int | float, *, rel_tol: float = 1e-9, abs_tol: float = 0.0) -> bool:
    """``|a - b| <= max(rel_tol * max(|a|, |b|), abs_tol)``, computed exactly.

    Tolerances are converted to exact fractions, so no rounding error creeps in; a
    non-finite float input is never close to anything.

    >>> real_close(Fraction(1, 3), Fraction(333, 1000), rel_tol=0, abs_tol=0.001)
    True
    >>> real_close(2, Fraction(20000001, 10000000), rel_tol=1e-9)
    False
    """
    values = []
    for x in (a, b, rel_tol, abs_tol):
        if isinstance(x, float) and not math.isfinite(x):
            return False
        values.append(Fraction(x))
    fa, fb, rel, absolute = values
    if rel < 0 or absolute < 0:
        raise ValueError("tolerances must be non-negative")
    return abs(fa - fb) <= max(rel * max(abs(fa), abs(fb)), absolute)


def parse_percent(span: str) -> Fraction:
    """Parse a percentage and return the percentage number: ``25%`` gives ``Fraction(25)``.

    Accepted: ``25%``, ``25\\%``, ``25 percent``, ``12.5 %``, and a bare number (the
    question already asked for a percentage). The number itself follows
    :func:`parse_real`.

    >>> parse_percent("12.5 percent")
    Fraction(25, 2)
    >>> parse_percent("40")
    Fraction(40, 1)
    """
    text = _prepare(span)
    m = _PERCENT_RE.fullmatch(text)
    return parse_real(m.group(1) if m else text)


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "..."
