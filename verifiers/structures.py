"""Parsers for composite answers: tuples, lists, sets, matrices, assignments, choices, bit strings, text.

Each composite parser takes an *item parser* (any ``str -> value`` function that
raises ParseError on refusal), so the pieces compose::

    parse_set(span, lambda s: parse_tuple(s, parse_rational))   # a set of points

Items are separated by commas at the top level (not inside brackets). For that
reason thousands separators are not available inside a composite answer: in
``[1,234, 5]`` the items are 1, 234 and 5.

Sets refuse duplicates (``{1, 1, 2}`` is UNPARSEABLE): a repeated element in an
answer such as "all solutions" usually means a miscounted root, and collapsing it
silently would hide that. A family that wants collapsing can build its own
``frozenset`` from :func:`parse_list`.

>>> from textbook_gym.verifiers.integers import parse_integer
>>> parse_tuple("\\\\left(1, -2\\\\right)", parse_integer)
(1, -2)
>>> sorted(parse_set("\\\\{3, 1\\\\}", parse_integer))
[1, 3]
>>> parse_matrix("\\\\begin{pmatrix}1&2\\\\\\\\3&4\\\\end{pmatrix}", parse_integer)
((1, 2), (3, 4))
>>> parse_assignments("x = 2 and y = -1", parse_integer)
{'x': 2, 'y': -1}
>>> parse_choice("(b)", ["A", "B", "C", "D"])
'B'
>>> parse_bits("[T, F, true, 0]")
'1010'
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from textbook_gym.verifiers.errors import ParseError
from textbook_gym.verifiers.guards import guard_span, split_top_level
from textbook_gym.verifiers.normalize import normalize_span

T = TypeVar("T")

MAX_ITEMS = 200
"""Most items in one composite answer."""

_DELIMS_RE = re.compile(r"\\(?:left|right|bigl|bigr|Bigl|Bigr|big|Big)\s*(?=[()\[\]|.]|\\[{}]|\\lbrace|\\rbrace|\\langle|\\rangle)")
_BRACE_WORDS = (("\\lbrace", "{"), ("\\rbrace", "}"), ("\\{", "{"), ("\\}", "}"), ("\\langle", "("), ("\\rangle", ")"))
_EMPTY_SET = frozenset({"\\emptyset", "\\varnothing", "∅", "{}", "\\{\\}", "\\left\\{\\right\\}", "{ }"})
_MATRIX_RE = re.compile(r"\\begin\{([pbBvV]?matrix|array)\}\s*(?:\{[lcr| ]*\})?(.*?)\\end\{\1\}", re.DOTALL)
_NAME_RE = re.compile(r"(\\?[A-Za-z]+)(?:_\{?([A-Za-z0-9]+)\}?)?")
_CONJUNCTION_RE = re.compile(r"\s+and\s+|\\text\{\s*and\s*\}|\\q?quad|;", re.IGNORECASE)
_TEXT_CMD_RE = re.compile(r"\\(?:text|textbf|textit|mathrm|mathbf|mathit|operatorname|emph)\s*\{([^{}]*)\}")
_CHOICE_RE = re.compile(r"(?:(?:option|choice)\s+)?[(\[]?\s*([^()\[\]\s]+?)\s*[)\]]?\s*[.:]?", re.IGNORECASE)
_BITS_TEXT_RE = re.compile(r"\\(?:text|mathrm|texttt|mathtt)\s*\{([^{}]*)\}")
_BIT_WORDS = {"1": "1", "0": "0", "t": "1", "f": "0", "true": "1", "false": "0"}
MAX_BITS = 4096
"""The longest bit string :func:`parse_bits` reads (a 12-variable truth table)."""
_PUNCT = string.punctuation + "“”‘’«»。，"


def _prepare(span: str) -> str:
    text = normalize_span(guard_span(span))
    text = _DELIMS_RE.sub("", text).strip()
    if not text:
        raise ParseError("empty answer")
    return text


def encloses(text: str, opener: str, closer: str) -> bool:
    """True when ``text`` is one bracket pair ``opener ... closer`` around everything."""
    if len(text) < 2 or text[0] != opener or text[-1] != closer:
        return False
    depth = 0
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0 and i != len(text) - 1:
                return False
    return depth == 0


def _items(body: str, item_parser: Callable[[str], T], what: str) -> list[T]:
    parts = split_top_level(body, ",")
    if len(parts) > MAX_ITEMS:
        raise ParseError(f"{what} has {len(parts)} items (the limit is {MAX_ITEMS})")
    values = []
    for part in parts:
        part = part.strip()
        if not part:
            raise ParseError(f"{what} has an empty item; separate items with single commas")
        values.append(item_parser(part))
    return values


def _unwrap(text: str, pairs: str) -> str:
    for opener, closer in zip(pairs[::2], pairs[1::2]):
        if encloses(text, opener, closer):
            return text[1:-1].strip()
    return text


def _braces_to_plain(text: str) -> str:
    for word, plain in _BRACE_WORDS:
        text = text.replace(word, plain)
    return text


def parse_tuple(span: str, item_parser: Callable[[str], T]) -> tuple[T, ...]:
    """An ordered tuple: ``(1, 2)``, ``1, 2``, ``\\left(1,2\\right)``, ``\\langle 1, 2\\rangle``.

    >>> from textbook_gym.verifiers.numbers import parse_rational
    >>> parse_tuple("(1/2, 3)", parse_rational)
    (Fraction(1, 2), Fraction(3, 1))
    """
    text = _braces_to_plain(_prepare(span))
    return tuple(_items(_unwrap(text, "()"), item_parser, "the tuple"))


def parse_list(span: str, item_parser: Callable[[str], T]) -> tuple[T, ...]:
    """An ordered list: ``[3, 1, 2]``, ``(3, 1, 2)`` or ``3, 1, 2``; returned as a tuple.

    >>> from textbook_gym.verifiers.integers import parse_integer
    >>> parse_list("[3, 1, 2]", parse_integer)
    (3, 1, 2)
    """
    text = _braces_to_plain(_prepare(span))
    return tuple(_items(_unwrap(text, "[]()"), item_parser, "the list"))


def parse_set(span: str, item_parser: Callable[[str], T]) -> frozenset[T]:
    """An unordered set: ``{1, 2}``, ``\\{1, 2\\}``, ``1, 2``, ``\\emptyset``; duplicates are refused.

    >>> from textbook_gym.verifiers.integers import parse_integer
    >>> parse_set("\\\\emptyset", parse_integer)
    frozenset()
    >>> parse_set("{1, 1}", parse_integer)
    Traceback (most recent call last):
    ...
    textbook_gym.verifiers.errors.ParseError: the set lists 1 twice; list each element once
    """
    text = _prepare(span)
    if text.replace(" ", "") in _EMPTY_SET or text in _EMPTY_SET:
        return frozenset()
    text = _unwrap(_braces_to_plain(text), "{}")
    if not text:
        return frozenset()
    values = _items(text, item_parser, "the set")
    result = frozenset(values)
    if len(result) != len(values):
        seen: list[Any] = []
        for value in values:
            if value in seen:
                raise ParseError(f"the set lists {value} twice; list each element once")
            seen.append(value)
    return result


def parse_matrix(span: str, item_parser: Callable[[str], T]) -> tuple[tuple[T, ...], ...]:
    """A matrix as a tuple of equal-length rows.

    Accepted: ``[[1,2],[3,4]]`` (also with parentheses), and LaTeX ``pmatrix``,
    ``bmatrix``, ``Bmatrix``, ``matrix`` and ``array`` environments with ``&`` between
    cells and ``\\\\`` between rows. ``vmatrix`` is refused: it denotes a determinant.

    >>> from textbook_gym.verifiers.integers import parse_integer
    >>> parse_matrix("[[1, 2], [3, 4]]", parse_integer)
    ((1, 2), (3, 4))
    """
    text = _prepare(span)
    env = _MATRIX_RE.search(text)
    if env is not None:
        if env.group(1) in ("vmatrix", "Vmatrix"):
            raise ParseError("vmatrix denotes a determinant, not a matrix; use pmatrix or bmatrix")
        outside = (text[: env.start()] + text[env.end() :]).strip()
        if outside.strip("()[]{} "):
            raise ParseError("text outside the matrix environment; give only the matrix")
        raw_rows = [row for row in env.group(2).split("\\\\")]
        while raw_rows and not raw_rows[-1].strip():
            raw_rows.pop()
        rows = []
        for raw in raw_rows:
            cells = [cell.strip() for cell in raw.replace("\\hline", "").split("&")]
            if any(not cell for cell in cells):
                raise ParseError("the matrix has an empty cell")
            rows.append(tuple(item_parser(cell) for cell in cells))
    else:
        body = _unwrap(text, "[]()")
        if body == text:
            raise ParseError(f"{_clip(text)!r} is not a matrix; write [[1, 2], [3, 4]] or use pmatrix")
        rows = []
        for part in split_top_level(body, ","):
            part = part.strip()
            inner = _unwrap(part, "[]()")
            if inner == part:
                raise ParseError("each matrix row must be in brackets: [[1, 2], [3, 4]]")
            rows.append(tuple(_items(inner, item_parser, "the matrix row")))
    if not rows:
        raise ParseError("the matrix is empty")
    if len({len(row) for row in rows}) != 1:
        raise ParseError("the matrix rows have different lengths")
    return tuple(rows)


def _name(text: str) -> str:
    m = _NAME_RE.fullmatch(text.strip())
    if m is None:
        raise ParseError(f"{_clip(text.strip())!r} is not a variable name")
    base = m.group(1).lstrip("\\")
    return f"{base}_{m.group(2)}" if m.group(2) else base


def parse_assignments(span: str, value_parser: Callable[[str], T], names: Sequence[str] | None = None) -> dict[str, T]:
    """Variable assignments: ``x = 3``, ``x=2, y=-1``, ``x = 2 and y = -1``, ``(x, y) = (2, -1)``.

    Names are letters with an optional subscript (``x_1``, ``x_{1}``, ``\\alpha``);
    a name given twice is refused, and so is a name outside ``names`` when they are given
    (the unknowns of a system: assigning a letter the question does not have is not an answer).

    >>> from textbook_gym.verifiers.integers import parse_integer
    >>> parse_assignments("(x, y) = (2, -1)", parse_integer)
    {'x': 2, 'y': -1}
    """
    text = _braces_to_plain(_prepare(span))
    text = _CONJUNCTION_RE.sub(",", text)
    result: dict[str, T] = {}
    pieces = split_top_level(text, ",")
    if len(pieces) > MAX_ITEMS:
        raise ParseError(f"too many assignments (the limit is {MAX_ITEMS})")
    for piece in pieces:
        piece = piece.strip()
        if "=" not in piece:
            raise ParseError(f"{_clip(piece)!r} is not an assignment; write name = value")
        left, _, right = piece.partition("=")
        if "=" in right:
            raise ParseError(f"{_clip(piece)!r} has more than one '='")
        left, right = left.strip(), right.strip()
        if not right:
            raise ParseError(f"{_clip(piece)!r} has no value after '='")
        if encloses(left, "(", ")"):
            names = [_name(n) for n in split_top_level(left[1:-1], ",")]
            inner = _unwrap(right, "()")
            values = split_top_level(inner, ",")
            if len(values) != len(names):
                raise ParseError(f"{len(names)} names but {len(values)} values in {_clip(piece)!r}")
            items = list(zip(names, (v.strip() for v in values)))
        else:
            items = [(_name(left), right)]
        for name, raw in items:
            if name in result:
                raise ParseError(f"{name} is assigned twice; give each variable one value")
            result[name] = value_parser(raw)
    if not result:
        raise ParseError("no assignment found; write name = value")
    if names is not None and (strangers := sorted(set(result) - set(names))):
        raise ParseError(f"{', '.join(strangers)} is not an unknown of this system ({', '.join(names)})")
    return result


def parse_choice(span: str, choices: Sequence[str]) -> str:
    """One of ``choices``: ``B``, ``(B)``, ``B)``, ``B.``, ``[B]``, ``Option B``, ``\\text{B}``.

    Matching is exact first, then case-insensitive when that is unambiguous. The
    returned value is the canonical spelling from ``choices``.

    >>> parse_choice("Option C.", "ABCD")
    'C'
    """
    text = _TEXT_CMD_RE.sub(r"\1", _prepare(span)).strip()
    m = _CHOICE_RE.fullmatch(text)
    candidate = m.group(1) if m else text
    options = list(choices)
    if candidate in options:
        return candidate
    folded = [c for c in options if c.casefold() == candidate.casefold()]
    if len(folded) == 1:
        return folded[0]
    if text in options:
        return text
    shown = ", ".join(options[:10])
    raise ParseError(f"{_clip(text)!r} is not one of the choices ({shown}); answer with the letter only")


def parse_bits(span: str) -> str:
    """A bit string as ``"1011"``: ``1011``, ``1 0 1 1``, ``[1, 0, 1, 1]``, ``TFTT``, ``true, false, ...``."""
    text = _BITS_TEXT_RE.sub(r"\1", normalize_span(guard_span(span))).strip()
    if len(text) >= 2 and text[0] + text[-1] in ("[]", "()", "{}"):
        text = text[1:-1]
    tokens = [token for token in re.split(r"[\s,;]+", text.strip().lower()) if token]
    if len(tokens) == 1 and len(tokens[0]) > 1 and set(tokens[0]) <= set("01tf"):
        tokens = list(tokens[0])
    if not tokens or any(token not in _BIT_WORDS for token in tokens):
        raise ParseError(f"{text[:40]!r} is not a bit string; write the values as 1s and 0s like 1011")
    if len(tokens) > MAX_BITS:
        raise ParseError("the bit string is too long")
    return "".join(_BIT_WORDS[token] for token in tokens)


def normalize_text(span: str) -> str:
    """A free-text answer in canonical form for exact comparison.

    NFKC, LaTeX text wrappers removed (``\\text{...}``, ``\\mathrm{...}``), ``$`` and
    ``~``/``\\ `` spacing removed, case folded, whitespace collapsed, punctuation
    stripped from both ends.

    >>> normalize_text("  \\\\text{The  Quick}  Fox! ")
    'the quick fox'
    """
    text = normalize_span(guard_span(span))
    text = _TEXT_CMD_RE.sub(r"\1", text)
    text = text.replace("$", " ").replace("~", " ").replace("\\ ", " ").replace("\\,", " ")
    text = unicodedata.normalize("NFKC", text).casefold()
    text = " ".join(text.split())
    return text.strip(_PUNCT + " ")


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "..."
