"""Cheap checks that run before any regular expression or parser sees a span.

Every typed parser calls :func:`guard_span` first. The checks are single linear
passes over the raw text, so hostile input (a megabyte of digits, ten thousand
nested parentheses) is refused in microseconds instead of reaching a regex with
backtracking, a recursive-descent parser near Python's recursion limit, or
``int()`` near the int-to-str digit limit.

>>> guard_span("(1, 2)")
'(1, 2)'
>>> guard_span("(" * 100 + "1" + ")" * 100)
Traceback (most recent call last):
...
textbook_gym.verifiers.errors.LimitError: answer nests brackets 100 deep (the limit is 40); write it flat
"""

from __future__ import annotations

from dataclasses import dataclass

from textbook_gym.verifiers.errors import LimitError, ParseError


@dataclass(frozen=True)
class Limits:
    """Bounds on an answer span, checked before parsing."""

    max_chars: int = 2000
    """Longest span any typed parser reads; gold answers are far shorter."""
    max_depth: int = 40
    """Deepest bracket nesting (``( [ {``) accepted; keeps recursive descent far from the recursion limit."""
    max_digits: int = 1000
    """Most ASCII digits in a span; keeps ``int()`` below Python's int-to-str limit (4300)."""


DEFAULT_LIMITS = Limits()

_OPEN = frozenset("([{")
_CLOSE = frozenset(")]}")


def guard_span(span: str, limits: Limits = DEFAULT_LIMITS) -> str:
    """Return ``span`` unchanged if it is within ``limits``; raise ParseError otherwise."""
    if not isinstance(span, str):
        raise ParseError(f"answer must be text, got {type(span).__name__}")
    if len(span) > limits.max_chars:
        raise LimitError(f"answer is {len(span)} characters long (the limit is {limits.max_chars}); give only the answer")
    digits = sum(map(str.isdigit, span))
    if digits > limits.max_digits:
        raise LimitError(f"answer has {digits} digits (the limit is {limits.max_digits})")
    depth = deepest = 0
    for ch in span:
        if ch in _OPEN:
            depth += 1
            if depth > deepest:
                deepest = depth
        elif ch in _CLOSE:
            depth -= 1
    if deepest > limits.max_depth:
        raise LimitError(f"answer nests brackets {deepest} deep (the limit is {limits.max_depth}); write it flat")
    return span


def split_top_level(text: str, separators: str = ",") -> list[str]:
    """Split ``text`` at separator characters that are not inside any bracket.

    ``\\{`` and ``\\}`` count as brackets; ``\\left(``/``\\right)`` are handled by their
    bracket characters. Callers have run :func:`guard_span`, so this is linear.

    >>> split_top_level("(1, 2), [3, 4], 5")
    ['(1, 2)', ' [3, 4]', ' 5']
    """
    parts: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
        elif ch in separators and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts
