"""Reading one answer span (a model's or a data set's) into a typed value for :func:`verify_math`.

The reader decides the answer's *type* from its shape, in this order (each rule
is documented with its examples in :func:`~textbook_gym.verifiers.mathanswer.verify_math`):

1. matrices and vectors (``pmatrix``, ``bmatrix``, ``array``, ...) -> ``Matrix``;
2. relations in one variable (``x \\ge 5``, ``-1 < x \\le 4``, ``x \\neq 2``), unions
   (``\\cup``) and interval notation with ``\\infty`` or mixed brackets -> ``Interval``;
   relations in several variables (``y > 2x + 1``) -> ``Relation``;
3. "or" lists (``x = 1 \\text{ or } x = 2``) and ``\\pm`` -> an unordered ``Items``;
4. ``\\approx`` and chained equalities (``a = b = 72``): the final value;
   ``x = 5`` -> ``Assign``; ``2x + 4y - 3 = 0`` -> ``Equation``;
5. brackets: ``\\{1, 2\\}`` is a set; ``(a, b)``/``[a, b]`` is a bracket pair (a point or an
   interval, decided against the other side); three or more items are a tuple;
   a bare ``1, 2`` is an unordered list;
6. a number (exact ``Fraction``; percent, unit, degree and stated decimal places kept
   as metadata), a base-subscript numeral (``204_5``), an expression, other LaTeX
   (read later in the sandbox), or normalized text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from textbook_gym.verifiers.errors import LimitError, ParseError
from textbook_gym.verifiers.guards import guard_span, split_top_level
from textbook_gym.verifiers.intervals import parse_intervals
from textbook_gym.verifiers.normalize import normalize_span
from textbook_gym.verifiers.numbers import parse_real
from textbook_gym.verifiers.numforms import (
    base_subscript,
    decimal_comma,
    number_word,
    repeating_decimal,
    spaced_thousands,
)
from textbook_gym.verifiers.structures import encloses, parse_matrix
from textbook_gym.verifiers.symbolic import parse_expression
from textbook_gym.verifiers.units import split_unit

MAX_ITEMS = 64
"""Most items in one list, set or "or" list."""


@dataclass(frozen=True)
class Num:
    """An exact number with how it was written."""

    value: Fraction
    """The exact value (a percentage keeps its number: ``25\\%`` is 25)."""
    places: int | None = None
    """Decimal places written (``0.330`` -> 3); None for integers, fractions and exact forms."""
    percent: bool = False
    """Written with ``%``/``\\%``/"percent"."""
    unit: str | None = None
    """Canonical unit written after it (:mod:`~textbook_gym.verifiers.units`), if any."""
    degree: bool = False
    """Written with ``°``/``^\\circ``/"degrees"."""


@dataclass(frozen=True)
class Expr:
    """A symbolic expression (or a non-rational constant such as ``\\sqrt{2}``)."""

    expr: Any
    """The sympy expression built by the project's bounded parser."""
    degree: bool = False
    """Written with a degree sign."""


@dataclass(frozen=True)
class Base:
    """A numeral with a base subscript: ``204_5``."""

    digits: str
    """The digits, upper case, leading zeros removed."""
    base: int
    """The base (2..36)."""


@dataclass(frozen=True)
class Items:
    """A list of answers: a set, a tuple, a bracket pair, or a loose list."""

    kind: str
    """``set`` (``\\{..\\}``), ``tuple`` (3+ items in brackets or ``\\langle..\\rangle``), ``pair``
    (two items in ``()`` or ``[]``: a point or an interval), ``loose`` (bare commas, "or", ``\\pm``)."""
    items: tuple
    """The item values, in the order written."""
    brackets: str = ""
    """The opening and closing bracket characters for ``pair`` (``"()"``, ``"[]"``)."""


@dataclass(frozen=True)
class Interval:
    """A subset of the real line (intervals, unions, one-variable inequalities)."""

    set: Any
    """The sympy set."""
    from_relation: bool = False
    """Written as an inequality (``x > 1``) rather than interval notation."""


@dataclass(frozen=True)
class Assign:
    """``name = value``."""

    name: str
    """The variable (or ``f(x)``) on the left, spaces removed."""
    value: Any
    """The value on the right."""


@dataclass(frozen=True)
class Equation:
    """An equation ``lhs = rhs`` in variables, kept as ``lhs - rhs`` (``= 0``)."""

    expr: Any
    """``lhs - rhs`` as a sympy expression."""


@dataclass(frozen=True)
class Relation:
    """A relation in several variables, kept as ``expr > 0``, ``expr >= 0`` or ``expr != 0``."""

    op: str
    """``>``, ``>=`` or ``!=``."""
    expr: Any
    """The sympy expression compared with zero."""


@dataclass(frozen=True)
class Matrix:
    """A matrix as rows of values."""

    rows: tuple
    """Tuple of equal-length row tuples."""
    source: str = ""
    """The cleaned LaTeX, for the sandboxed fallback when the other side is other LaTeX."""


@dataclass(frozen=True)
class Latex:
    """LaTeX the bounded parser cannot read; latex2sympy reads it in the sandbox."""

    text: str
    """The cleaned span."""


@dataclass(frozen=True)
class Raw:
    """A gold answer no reader accepts (``f(2) < f(1) < f(4)``), kept as normalized text.

    A response matches it only when its answer, normalized the same way, is the same text.
    """

    text: str
    """The span without spaces, ``$``, layout commands and ``\\text`` wrappers."""


def raw(span: str) -> Raw:
    """The Raw value of ``span`` (see :class:`Raw`)."""
    text = clean(span)
    text = _TEXT_CMD_RE.sub(lambda m: m.group(1), text)
    return Raw("".join(text.split()).replace("$", ""))


@dataclass(frozen=True)
class Text:
    """A word answer, normalized (case, articles, LaTeX text commands, punctuation)."""

    text: str
    """The normalized text."""


_DOUBLE_BACKSLASH_RE = re.compile(r"\\\\(?=[A-Za-z{}()\[\]])")
_THOUSANDS_BANG_RE = re.compile(r"(?<=[0-9]),\\!\s{0,3}(?=[0-9]{3})")
_LAYOUT_RE = re.compile(
    r"\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|big|Big|bigg|Bigg)(?![A-Za-z])|\\displaystyle|\\!|\\limits"
)
_SPACE_CMD_RE = re.compile(r"\\\\|\\[,;: ]|\\q?quad(?![A-Za-z])|~|\\thinspace")
_DFRAC_RE = re.compile(r"\\[dtc]frac(?![A-Za-z])")
_TEXT_OR_RE = re.compile(r"\\(?:text|mathrm|textbf|mbox)\s{0,3}\{\s{0,3}(or|and)\s{0,3}\}")
_OR_RE = re.compile(r"\s(?:or)\s|\\lor(?![A-Za-z])|\\vee(?![A-Za-z])")
_LIST_AND_RE = re.compile(r",\s{0,3}(?:and|or)\s")
_AND_RE = re.compile(r"\s(?:and)\s|;")
_REL_RE = re.compile(r"<|>|≤|≥|≠|\\(?:le|ge|leq|geq|lt|gt|neq|ne|leqslant|geqslant)(?![A-Za-z])|!=")
_INTERVALISH_RE = re.compile(r"\\cup|∪|\\infty|∞|\\mathbb|\\emptyset|\\varnothing|\\in(?![A-Za-z])|\s+U\s+")
_DEGREE_RE = re.compile(
    r"\s{0,3}(?:\^\s{0,3}\{?\s{0,3}\\circ\s{0,3}\}?|°|\\degree|\\text\{\s{0,3}degrees?\s{0,3}\}|\sdegrees?)\s{0,3}$"
)
_PERCENT_RE = re.compile(
    r"\s{0,3}(?:\\%|%|\\(?:text|mbox|mathrm)\{\s{0,3}(?:\\?%|percent|per\s?cent|pct)\s{0,3}\}|\s(?:percent(?:age)?|per\s?cent|pct))\s{0,3}$"
)
_DOLLAR_RE = re.compile(r"\\\$|\$|\\text\{\s{0,3}\\\$\s{0,3}\}|\\textdollar")
_NAME_RE = re.compile(
    r"(?:\\?[A-Za-z]{1,12})(?:_\{?[A-Za-z0-9]{1,6}\}?)?(?:'{1,3}|\^\{?-1\}?|\^\{?\\prime\}?)?(?:\s{0,3}\((?:\s{0,3}[A-Za-z](?:\s{0,3},\s{0,3}[A-Za-z]){0,3}\s{0,3})\))?"
)
_DECIMAL_RE = re.compile(r"[+-]?[0-9,]{0,60}\.([0-9]{1,60})")
_APPROX_RE = re.compile(r"\\approx|≈|\\simeq|\\sim(?![A-Za-z])")
_MARKDOWN_RE = re.compile(r"^\*{1,3}|\*{1,3}$")
_TEXT_CMD_RE = re.compile(r"\\(?:text|textbf|textit|textrm|mathrm|mathbf|mathit|operatorname|emph|mbox)\s{0,3}\{([^{}]{0,400})\}")
_PROSE_RE = re.compile(r"\\(?:text|textbf|mbox|textrm)\s{0,3}\{[^{}]{0,200}[A-Za-z]{2,40}\s{1,5}[A-Za-z]{2,40}")
_WORDS_RE = re.compile(r"[A-Za-z][A-Za-z '-]{0,80}")
_WHOLE_TEXT_RE = re.compile(r"\\(?:text|textbf|textit|textrm|mathrm|mbox)\s{0,3}\{\s{0,3}[A-Za-z]{2,}[A-Za-z '-]{0,80}\}")
_MATH_WORDS = frozenset(
    "pi sin cos tan sec csc cot sinh cosh tanh exp log ln sqrt abs asin acos atan arcsin arccos arctan infty oo "
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi rho sigma tau upsilon phi chi psi omega".split()
)
_COMMA_DECIMAL_RE = re.compile(r"-?[0-9]{1,40},(?:[0-9]{2}|[0-9]{4,40})")
_ZERO_COMMA_RE = re.compile(r"-?0,[0-9]{1,40}")
_CHOICE_RE = re.compile(r"\\text(?:bf)?\s{0,3}\{\s{0,3}\(([A-E])\)\s{0,3}\}")
_LABEL_RE = re.compile(r"(?:\\[A-Za-z]{1,12}\s{0,3}\{)?[A-Za-z][A-Za-z0-9 (),'_^{}\\-]{0,80}")
_SIDE_BY_SIDE_RE = re.compile(r"(?:^|[\s(+*/=,-])[0-9.]{1,40}\s{1,5}[0-9.]")  # "11 6/6", not "\\log_2 3"
_INNER_DEGREE_RE = re.compile(r"([0-9]{1,12}(?:\.[0-9]{1,12})?)\s{0,3}(?:\^\s{0,3}\{?\s{0,3}\\circ\s{0,3}\}?|°)")
_ARTICLES_RE = re.compile(r"\b(?:a|an|the)\b")
_PUNCT = " .,;:!?\"'`()[]{}*"
_PM_RE = re.compile(r"\\pm(?![A-Za-z])|±|\\mp(?![A-Za-z])|∓")


def clean(span: str) -> str:
    """Normalize presentation (wrappers, layout commands, spacing) of a whole answer span."""
    text = normalize_span(guard_span(span))
    if "\\\\" in text and "\\begin" not in text:
        text = _DOUBLE_BACKSLASH_RE.sub(r"\\", text)  # "\\\\frac" escaped twice in a data file
    text = _MARKDOWN_RE.sub("", text).strip()
    text = normalize_span(text) if text else text
    text = _THOUSANDS_BANG_RE.sub(",", text)  # "11,\\! 111": LaTeX's thousands spacing
    text = _LAYOUT_RE.sub("", text)
    text = _DFRAC_RE.sub("\\\\frac", text)
    text = _TEXT_OR_RE.sub(lambda m: f" {m.group(1)} ", text)
    text = _SPACE_CMD_RE.sub(lambda m: m.group() if m.group() == "\\\\" else " ", text)  # keep row breaks
    text = text.strip().rstrip(".").strip()
    if not text:
        raise ParseError("empty answer")
    return text


def read_value(span: str) -> Any:
    """Read a whole answer span (see the module docstring); raises ParseError when it is not an answer."""
    choice = _CHOICE_RE.match(span.strip().strip("$"))
    if choice is not None:
        span = choice.group(1)  # "\\textbf{(A) }12": the option letter answers
    text = clean(span)
    if _WORDS_RE.fullmatch(text) and (_WHOLE_TEXT_RE.fullmatch(span.strip().strip("$").strip()) or _is_word(text)):
        return _text(text)  # "\\text{even}", "Tuesday", "No": words, not a product of letters
    return _read(text, 0)


def _is_word(text: str) -> bool:
    words = text.split()
    first = words[0].lower()
    if len(words) == 1 and (len(first) < 3 or first in _MATH_WORDS) and first not in ("yes", "no"):
        return False
    return all(len(w) >= 2 for w in words) or len(words) > 1


def _read(text: str, depth: int) -> Any:
    text = text.strip()
    if not text:
        raise ParseError("empty item in the answer")
    if depth > 4:
        raise LimitError("the answer nests lists more than four deep")
    if "\\begin" in text:
        try:
            return Matrix(parse_matrix(text, lambda cell: _read(cell, depth + 1)), text)
        except LimitError:
            raise
        except ParseError:
            if depth == 0:
                return Latex(text)  # matrix arithmetic, \\begin{cases}, ...: read in the sandbox
    approx = _APPROX_RE.search(text)
    if approx:
        exact = text[: approx.start()].strip()
        chain = split_top_level(exact, "=")
        if exact and not _NAME_RE.fullmatch(chain[-1].strip()) and chain[-1].strip():
            text = exact  # "x = 1/3 \\approx 0.33": the exact value before the approximation
        else:
            text = text[approx.end() :].strip()
            for later in _APPROX_RE.finditer(text):
                text = text[later.end() :].strip()
        if not text:
            raise ParseError("nothing after \\approx")
    if _REL_RE.search(text):
        return _relation(text)
    if _INTERVALISH_RE.search(text) or _mixed_brackets(text):
        try:
            return Interval(parse_intervals(text))
        except LimitError:
            raise
        except ParseError:
            pass
    text = _LIST_AND_RE.sub(", ", text)  # "19, 46, and 82"
    ors = _OR_RE.split(text)
    if len(ors) == 1:
        ors = _AND_RE.split(text)
        if len(ors) == 1 and "=" in text:
            commas = split_top_level(text, ",")
            if len(commas) > 1 and all("=" in part for part in commas):
                ors = commas  # "x = 1, y = 2"
    if len(ors) > 1:
        if len(ors) > MAX_ITEMS:
            raise ParseError(f"more than {MAX_ITEMS} alternatives")
        return Items("loose", tuple(_read(p, depth + 1) for p in ors))
    pm = [m for m in _PM_RE.finditer(text) if _depth_at(text, m.start()) == 0]
    if len(pm) == 1:
        m = pm[0]
        plus, minus = (" + ", " - ") if m.group() in ("\\pm", "±") else (" - ", " + ")
        left, right = text[: m.start()], text[m.end() :]
        if not left.strip() or left.rstrip().endswith("="):
            plus, minus = plus.strip(), minus.strip()
        return Items("loose", (_read(left + plus + right, depth + 1), _read(left + minus + right, depth + 1)))
    if "=" in text:
        return _equation(text, depth)
    return _bracketed(text, depth)


def _depth_at(text: str, index: int) -> int:
    prefix = text[:index]
    return sum(prefix.count(c) for c in "([{") - sum(prefix.count(c) for c in ")]}")


def _mixed_brackets(text: str) -> bool:
    return len(text) > 2 and (text[0] + text[-1]) in ("(]", "[)")


def _relation(text: str) -> Any:
    try:
        return Interval(parse_intervals(text), from_relation=True)
    except LimitError:
        raise
    except ParseError as exc:
        refusal = exc
    from textbook_gym.verifiers.relations import as_interval, parse_relation

    try:
        relation = parse_relation(text)
    except ParseError:
        raise refusal from None
    solved = as_interval(relation)
    return Interval(solved, from_relation=True) if solved is not None else relation


def _equation(text: str, depth: int) -> Any:
    parts = split_top_level(text, "=")
    if len(parts) == 1:
        return _bracketed(text, depth)  # every '=' is inside brackets: \\sum_{k=0}^{n}
    if any(not p.strip() for p in parts):
        raise ParseError("an '=' with nothing on one side")
    if len(parts) > 2:
        if _false_numbers([(part, _closed_value(part)) for part in parts]):
            return raw(text)  # a false statement is not its final value: it matches no gold
        return _read(parts[-1], depth + 1)  # a chain a = b = c: the final value
    left, right = parts[0].strip(), parts[1].strip()
    if _NAME_RE.fullmatch(left) and left.lower() not in ("e", "i"):
        return Assign(left.replace(" ", "").lstrip("\\"), _read(right, depth + 1))
    if left.startswith("(") and left.endswith(")") and all(
        _NAME_RE.fullmatch(n.strip()) for n in split_top_level(left[1:-1], ",")
    ):
        return Assign(left.replace(" ", ""), _read(right, depth + 1))
    left = _DOLLAR_RE.sub("", left).strip()
    try:
        lhs, rhs = parse_expression(left), parse_expression(right)
    except LimitError:
        raise
    except ParseError:
        if _LABEL_RE.fullmatch(left):
            return _read(right, depth + 1)  # a label on the left: "\\text{Total} = 72", "P(A) = 0.5"
        raise ParseError(f"{left[:40]!r} = ... is not an equation this verifier can read") from None
    if not lhs.free_symbols and not rhs.free_symbols:
        if _false_numbers([(left, lhs), (right, rhs)]):
            return raw(text)  # "8 \\cdot 9 = 81" is wrong whatever its final value
        return _read(right, depth + 1)  # "2 + 3 = 5": the final value
    return Equation(lhs - rhs)


_DECIMAL_SIDE_RE = re.compile(r"[-+]?[0-9]*\.([0-9]+)")


def _closed_value(side: str) -> Any:
    """A side of an equation chain read as an expression, or None when only a label or the sandbox reads it."""
    try:
        return parse_expression(_DOLLAR_RE.sub("", side).strip())
    except ParseError:
        return None


def _false_numbers(sides: list[tuple[str, Any]]) -> bool:
    """Whether two sides of an equation chain, each ``(text, expression or None)``, are different rationals.

    The final value of ``2 + 3 = 5`` is the answer, but ``73 = 72`` is a false statement
    that names two candidates; reading it as 72 paid that hedge, so it is kept as text
    (:class:`Raw`), which matches no number. A decimal that rounds the other side
    (``\\frac{1}{3} = 0.333``) is an approximation, not a second answer.
    """
    values = []  # (value, digits after the point; None for an exact rendering)
    for text, value in sides:
        if value is not None and value.is_Rational:
            decimal = _DECIMAL_SIDE_RE.fullmatch(_DOLLAR_RE.sub("", text).strip())
            values.append((value, len(decimal.group(1)) if decimal else None))
    for index, (first, first_digits) in enumerate(values):
        for second, second_digits in values[index + 1:]:
            digits = [d for d in (first_digits, second_digits) if d is not None]
            tolerance = sympy.Rational(1, 2 * 10 ** min(digits)) if digits else 0
            if abs(first - second) > tolerance:
                return True
    return False


def _bracketed(text: str, depth: int) -> Any:
    number = _number(text)
    if number is not None:
        return number
    if text.startswith("\\{") and text.endswith("\\}"):
        body = text[2:-2].strip()
        if not body:
            return Items("set", ())
        return Items("set", _items(body, depth, flatten=True))
    if text.startswith("{") and text.endswith("}") and encloses(text, text[0], text[-1]) and len(split_top_level(text[1:-1], ",")) > 1:
        return Items("loose", _items(text[1:-1], depth, flatten=True))  # "{1, 3}": LaTeX grouping braces, not a set
    if text.startswith("\\langle") and text.endswith("\\rangle"):
        return Items("tuple", _items(text[7:-7], depth))
    if len(text) > 2 and text[0] in "([" and text[-1] in ")]" and encloses(text, text[0], text[-1]):
        parts = split_top_level(text[1:-1], ",")
        if len(parts) > 1:
            items = _items(text[1:-1], depth)
            if len(items) == 2:
                return Items("pair", items, text[0] + text[-1])
            return Items("tuple", items)
    parts = split_top_level(text, ",")
    if len(parts) > 1:
        return Items("loose", _items(text, depth, flatten=True))
    return _atom(text)


def _items(body: str, depth: int, *, flatten: bool = False) -> tuple:
    parts = split_top_level(body, ",")
    if len(parts) > MAX_ITEMS:
        raise ParseError(f"more than {MAX_ITEMS} items")
    items = []
    for part in parts:
        value = _read(part, depth + 1)
        if flatten and isinstance(value, Items) and value.kind == "loose":
            items.extend(value.items)  # "\\{1 \\pm \\sqrt{5}, -2\\}" has three elements
        else:
            items.append(value)
    return tuple(items)


def _number(text: str) -> Num | None:
    """A plain number, with percent/unit/degree metadata; None when ``text`` is not one."""
    degree = percent = False
    m = _DEGREE_RE.search(text)
    if m and m.start() > 0:
        text, degree = text[: m.start()], True
    m = _PERCENT_RE.search(text)
    if m and m.start() > 0:
        text, percent = text[: m.start()], True
    text, unit = split_unit(text)
    dollars = _DOLLAR_RE.search(text)
    if dollars:
        text = _DOLLAR_RE.sub("", text)
        unit = unit or "dollar"
    text = _TEXT_CMD_RE.sub(lambda m: m.group(1), text).strip() if "\\text" in text else text.strip()
    value = _plain_number(text)
    if value is None:
        return None
    places = None
    d = _DECIMAL_RE.fullmatch(text)
    if d is not None:
        places = len(d.group(1))
    return Num(value, places, percent, unit if unit != "degree" else None, degree or unit == "degree")


def _bare_decimal_comma(text: str) -> Fraction | None:
    """``2,74`` or ``1000,99``: a comma that cannot be a thousands separator (not followed by
    exactly three digits) and has at least two digits after it (``1,2`` stays a list)."""
    m = _COMMA_DECIMAL_RE.fullmatch(text)
    return decimal_comma(text, bare=True) if m is not None else None


def _plain_number(text: str) -> Fraction | None:
    if not text:
        return None
    if _ZERO_COMMA_RE.fullmatch(text):
        return decimal_comma(text, bare=True) or decimal_comma(text.replace(",", "{,}"))  # "0,111" is never 111
    first = text[0]
    if first.isdigit() or first in "+-.\\(":
        try:
            return parse_real(text)
        except LimitError:
            raise
        except ParseError:
            pass
        for reader in (spaced_thousands, decimal_comma, repeating_decimal, _bare_decimal_comma):
            value = reader(text)
            if value is not None:
                return value
        return None
    return number_word(text) if first.isalpha() and len(text) < 30 else None


def _atom(text: str) -> Any:
    based = base_subscript(text)
    if based is not None:
        return Base(*based)
    degree = False
    if _INNER_DEGREE_RE.search(text) and not _DEGREE_RE.fullmatch(text[_INNER_DEGREE_RE.search(text).start():]):
        text = _INNER_DEGREE_RE.sub(r"(\1 \\pi/180)", text)  # "\\sin 30^\\circ": the argument is in degrees
    m = _DEGREE_RE.search(text)
    if m and m.start() > 0:
        text, degree = text[: m.start()].strip(), True
    body, unit = split_unit(text)
    if unit is not None:
        text = body
    if _SIDE_BY_SIDE_RE.search(text):
        raise ParseError(f"{text[:40]!r} has two numbers side by side; write an operator between them")
    try:
        expr = parse_expression(text)
    except LimitError:
        raise
    except ParseError as exc:
        refusal = exc
    else:
        if expr.is_Rational:
            return Num(Fraction(int(expr.p), int(expr.q)), None, False, unit, degree)
        return Expr(expr, degree)
    prose = _PROSE_RE.search(text)
    if prose is not None:
        return _text(text)  # "72 \\text{ is not the answer}": words, not a unit
    if "\\" in text or "{" in text or "^" in text or "!" in text:
        if _TEXT_CMD_RE.fullmatch(text) or text.startswith("\\text"):
            return _text(text)
        return Latex(text)
    if re.fullmatch(r"[^\W\d_][\w\s().,'/-]{0,200}", text):
        return _text(text)
    raise refusal


def _text(text: str) -> Any:
    plain = text
    for _ in range(3):
        plain = _TEXT_CMD_RE.sub(lambda m: m.group(1), plain)
    plain = plain.replace("\\", " ").casefold()
    plain = _ARTICLES_RE.sub(" ", plain)
    plain = " ".join(plain.split()).strip(_PUNCT)
    if not plain:
        raise ParseError("empty answer")
    word = number_word(plain)
    if word is not None:
        return Num(word)
    if plain in ("nan", "inf", "infinity", "-inf"):
        raise ParseError(f"{text!r} is not a finite number; write \\infty for infinity")
    return Text(plain)


def as_sympy(value: Any) -> Any:
    """The sympy object for a Num or Expr value."""
    if isinstance(value, Num):
        return sympy.Rational(value.value.numerator, value.value.denominator)
    return value.expr
