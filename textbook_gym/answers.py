"""JSON encoding of typed answers.

Problems carry their gold answer as a typed value (``int``, ``Fraction``, tuples,
frozensets, strings, sympy expressions ...) so that verification compares values,
not strings. Exports and golden snapshots need those values as JSON, and the
round trip must give back an equal value. Each type is tagged explicitly; there
is no ``eval`` on the way back.

Sympy expressions are written with ``sympy.srepr`` and read back through the
project's bounded parser (:mod:`textbook_gym.verifiers.symbolic`), never through
``sympify``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any


def encode_answer(value: Any) -> Any:
    """Turn a typed answer into JSON-ready data that :func:`decode_answer` inverts."""
    if isinstance(value, bool):
        return {"type": "bool", "value": value}
    if isinstance(value, int):
        # As a string: JSON readers in other languages lose precision past 2**53.
        return {"type": "int", "value": str(value)}
    if isinstance(value, Fraction):
        return {"type": "fraction", "value": f"{value.numerator}/{value.denominator}"}
    if isinstance(value, float):
        return {"type": "float", "value": repr(value)}
    if isinstance(value, str):
        return {"type": "str", "value": value}
    if isinstance(value, tuple):
        return {"type": "tuple", "items": [encode_answer(v) for v in value]}
    if isinstance(value, frozenset):
        items = [encode_answer(v) for v in value]
        items.sort(key=repr)  # a set has no order; the encoding must still be byte-stable
        return {"type": "frozenset", "items": items}
    if value is None:
        return {"type": "none"}
    try:
        import sympy
    except ImportError:  # pragma: no cover - sympy is a core dependency
        sympy = None
    if sympy is not None and isinstance(value, sympy.Basic):
        return {"type": "sympy", "value": sympy.sstr(value, order="lex")}
    raise TypeError(
        f"cannot encode answer of type {type(value).__name__}; use int, Fraction, float, str, "
        "tuple, frozenset, bool or a sympy expression"
    )


def decode_answer(data: Any) -> Any:
    """Inverse of :func:`encode_answer`."""
    kind = data["type"]
    if kind == "bool":
        return bool(data["value"])
    if kind == "int":
        return int(data["value"])
    if kind == "fraction":
        return Fraction(data["value"])
    if kind == "float":
        return float(data["value"])
    if kind == "str":
        return data["value"]
    if kind == "tuple":
        return tuple(decode_answer(v) for v in data["items"])
    if kind == "frozenset":
        return frozenset(decode_answer(v) for v in data["items"])
    if kind == "none":
        return None
    if kind == "sympy":
        from textbook_gym.verifiers.symbolic import parse_expression

        return parse_expression(data["value"])
    raise ValueError(f"unknown answer type tag {kind!r} in encoded answer")


def answer_text(value: Any) -> str:
    """A short human-readable rendering of a typed answer, for logs, feedback and ``info``.

    Always a ``str``, so batched infos in Gymnasium's vector envs have one type no
    matter which answer type each copy drew.
    """
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, int, float)):
        return str(value)
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, tuple):
        return "(" + ", ".join(answer_text(v) for v in value) + ")"
    if isinstance(value, frozenset):
        return "{" + ", ".join(sorted(answer_text(v) for v in value)) + "}"
    try:
        import sympy
    except ImportError:  # pragma: no cover
        sympy = None
    if sympy is not None and isinstance(value, sympy.Basic):
        return sympy.sstr(value, order="lex")
    return str(value)


def problem_answer_text(problem: Any) -> str:
    """The canonical answer of ``problem`` as users read it (``info["answer"]``, exports, feedback).

    Uses the problem's own family (:meth:`textbook_gym.family.Family.answer_text`): the
    family's documented answer format, which its verifier scores CORRECT when boxed
    (Countdown gives its reference expression, LinearSystems its assignments ...). A
    problem whose family is not registered falls back to :func:`answer_text`.
    """
    from textbook_gym.registry import get_family

    try:
        family = get_family(f"{problem.family}-v{problem.version}")
    except KeyError:
        return answer_text(problem.answer)
    return family.answer_text(problem)
