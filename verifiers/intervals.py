"""Intervals, unions of intervals and inequality answers, as sympy sets.

Accepted renderings (mixed freely in a union):

* interval notation: ``(-\\infty, 3]``, ``[1, 2) \\cup (3, \\infty)``, ``(-oo, 3]``,
  ``(1, 2) U (3, 4)``, ``\\left[1, 2\\right)``; a finite set ``\\{5\\}`` as a piece;
* whole sets: ``\\mathbb{R}``, ``R``, ``(-\\infty, \\infty)``, ``\\emptyset``, ``\\varnothing``;
* inequalities in one variable: ``x < 3``, ``x >= 2``, ``-1 < x \\le 4``, ``3 > x``,
  ``x \\neq 2``, joined by ``or`` (union) or ``and`` (intersection); a leading
  ``x \\in`` before interval notation is dropped.

Endpoints go through the bounded expression parser (``\\sqrt{2}``, ``\\frac{1}{2}``,
``-\\infty``) and must be real numbers. An infinite endpoint is always open. The
result is sympy's canonical set, so equal sets compare equal with ``==``.

>>> parse_intervals("[1, 2) \\\\cup (3, \\\\infty)")
Union(Interval.Ropen(1, 2), Interval.open(3, oo))
>>> parse_intervals("-1 < x <= 4")
Interval.Lopen(-1, 4)
>>> parse_intervals("x < 0 or x > 2") == parse_intervals("(-oo, 0) U (2, oo)")
True
"""

from __future__ import annotations

import re

import sympy

from textbook_gym.verifiers.errors import ParseError
from textbook_gym.verifiers.guards import guard_span, split_top_level
from textbook_gym.verifiers.normalize import normalize_span

MAX_PIECES = 50
"""Most intervals in one union."""

_REALS = frozenset({"\\mathbb{R}", "\\mathbb R", "R", "\\R", "\\mathbf{R}", "\\text{all real numbers}", "all real numbers"})
_EMPTY = frozenset({"\\emptyset", "\\varnothing", "∅", "{}", "\\{\\}", "\\text{no solution}", "no solution"})
_CLEAN_RE = re.compile(r"\\(?:left|right|bigl|bigr|big|Big|Bigl|Bigr)(?![A-Za-z])|\\displaystyle")
_UNION_RE = re.compile(r"\\cup|∪|\s+U\s+|\s+or\s+|\\text\{\s*or\s*\}|\\lor|\\vee", re.IGNORECASE)
_AND_RE = re.compile(r"\s+and\s+|\\text\{\s*and\s*\}|\\land|\\wedge|\\cap|∩", re.IGNORECASE)
_IN_RE = re.compile(r"^[A-Za-z]\s*(?:\\in|∈)\s*")
_REL_RE = re.compile(
    r"<=|>=|=<|=>|!=|≤|≥|≠|<|>|\\leqslant|\\geqslant|\\leq|\\geq|\\le|\\ge|\\lt|\\gt|\\neq|\\ne(?![a-z])"
)
_REL = {
    "<": "<", ">": ">", "<=": "<=", ">=": ">=", "=<": "<=", "=>": ">=", "≤": "<=", "≥": ">=", "\\le": "<=",
    "\\leq": "<=", "\\leqslant": "<=", "\\ge": ">=", "\\geq": ">=", "\\geqslant": ">=", "\\lt": "<", "\\gt": ">",
    "!=": "!=", "≠": "!=", "\\ne": "!=", "\\neq": "!=",
}
_FLIP = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "!=": "!="}
_VAR_RE = re.compile(r"[A-Za-z]")


def _endpoint(text: str) -> sympy.Expr:
    from textbook_gym.verifiers.symbolic import parse_expression

    value = parse_expression(text)
    if value in (sympy.oo, -sympy.oo):
        return value
    if not value.is_number or value.free_symbols:
        raise ParseError(f"interval endpoint {text.strip()!r} is not a number")
    if value.is_real is not True:
        raise ParseError(f"interval endpoint {text.strip()!r} is not a real number")
    return value


def _interval_piece(piece: str) -> sympy.Set:
    piece = piece.strip()
    if piece in _EMPTY:
        return sympy.S.EmptySet
    if piece in _REALS:
        return sympy.S.Reals
    if piece.startswith("\\{") and piece.endswith("\\}") or piece.startswith("{") and piece.endswith("}"):
        inner = piece[2:-2] if piece.startswith("\\{") else piece[1:-1]
        items = [p for p in split_top_level(inner, ",")]
        return sympy.FiniteSet(*(_endpoint(p) for p in items))
    if len(piece) < 5 or piece[0] not in "([" or piece[-1] not in ")]":
        raise ParseError(f"{piece[:40]!r} is not an interval such as [1, 2) or (-\\infty, 3]")
    parts = split_top_level(piece[1:-1], ",")
    if len(parts) != 2:
        raise ParseError(f"{piece[:40]!r} needs exactly two endpoints separated by a comma")
    low, high = _endpoint(parts[0]), _endpoint(parts[1])
    if (high - low).is_negative or low == sympy.oo or high == -sympy.oo:
        raise ParseError(f"{piece[:40]!r} has its left endpoint above its right endpoint")
    return sympy.Interval(low, high, left_open=piece[0] == "(", right_open=piece[-1] == ")")


def _relation(op: str, bound: sympy.Expr) -> sympy.Set:
    if op == "<":
        return sympy.Interval.open(-sympy.oo, bound)
    if op == "<=":
        return sympy.Interval(-sympy.oo, bound)
    if op == ">":
        return sympy.Interval.open(bound, sympy.oo)
    if op == ">=":
        return sympy.Interval(bound, sympy.oo)
    return sympy.Union(sympy.Interval.open(-sympy.oo, bound), sympy.Interval.open(bound, sympy.oo))


def _inequality(text: str, variable: list[str]) -> sympy.Set:
    ops = [_REL[m.group()] for m in _REL_RE.finditer(text)]
    terms = [t.strip() for t in _REL_RE.split(text)]
    if not ops or len(ops) > 2 or any(not t for t in terms):
        raise ParseError(f"{text[:40]!r} is not an inequality such as x < 3 or -1 < x <= 4")
    var_index = [i for i, t in enumerate(terms) if _VAR_RE.fullmatch(t)]
    if len(var_index) != 1:
        raise ParseError(f"{text[:40]!r} must compare one variable with numbers")
    index = var_index[0]
    name = terms[index]
    if variable and variable[0] != name:
        raise ParseError(f"the answer mixes the variables {variable[0]} and {name}")
    variable.append(name)
    bounds = []
    for position, op in enumerate(ops):
        left, right = position, position + 1
        if index == left:
            bound_op, bound = op, _endpoint(terms[right])
        elif index == right:
            bound_op, bound = _FLIP[op], _endpoint(terms[left])
        else:
            raise ParseError(f"{text[:40]!r}: each comparison must involve the variable")
        if bound in (sympy.oo, -sympy.oo):
            raise ParseError("compare the variable with a finite number (drop the infinite side)")
        bounds.append((bound_op, bound))
    if len(ops) == 2 and not (set(ops) <= {"<", "<="} or set(ops) <= {">", ">="}):
        raise ParseError(f"{text[:40]!r} mixes < and > in one chain; write -1 < x <= 4")
    if len(bounds) == 2 and {bounds[0][0], bounds[1][0]} <= {"<", "<=", ">", ">="}:
        lower = [b for b in bounds if b[0] in (">", ">=")]
        upper = [b for b in bounds if b[0] in ("<", "<=")]
        if len(lower) == 1 and len(upper) == 1:  # a chain low < x < high: build it directly (Intersection is slow)
            (low_op, low), (high_op, high) = lower[0], upper[0]
            if (high - low).is_negative:
                return sympy.S.EmptySet
            return sympy.Interval(low, high, left_open=low_op == ">", right_open=high_op == "<")
    result = _relation(*bounds[0])
    for bound_op, bound in bounds[1:]:
        result = sympy.Intersection(result, _relation(bound_op, bound))
    return result


def parse_intervals(span: str) -> sympy.Set:
    """Parse an interval, a union of intervals, or inequalities into a sympy set.

    >>> parse_intervals("(-\\\\infty, 3]")
    Interval(-oo, 3)
    >>> parse_intervals("\\\\mathbb{R}")
    Reals
    >>> parse_intervals("x \\\\neq 2")
    Union(Interval.open(-oo, 2), Interval.open(2, oo))
    """
    text = normalize_span(guard_span(span))
    text = _CLEAN_RE.sub("", text).strip()
    if not text:
        raise ParseError("empty answer")
    text = _IN_RE.sub("", text)
    pieces = _UNION_RE.split(text)
    if len(pieces) > MAX_PIECES:
        raise ParseError(f"the union has more than {MAX_PIECES} pieces")
    variable: list[str] = []
    parts: list[sympy.Set] = []
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            raise ParseError("an empty piece in the union; check the \\cup signs")
        if _REL_RE.search(piece):
            clauses = [
                _inequality(sub.strip(), variable)
                for clause in _AND_RE.split(piece)
                for sub in split_top_level(clause, ",")
            ]
            part = clauses[0] if len(clauses) == 1 else sympy.Intersection(*clauses)
        else:
            part = _interval_piece(piece)
        parts.append(part)
    result = parts[0] if len(parts) == 1 else sympy.Union(*parts)
    if result == sympy.Interval(-sympy.oo, sympy.oo):
        return sympy.S.Reals
    return result
