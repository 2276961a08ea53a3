"""Equations and relations in several variables, compared up to a constant factor.

An equation ``lhs = rhs`` is kept as ``lhs - rhs``; two equations have the same
solutions when one difference is a nonzero constant multiple of the other
(``2x + 4y - 3 = 0`` and ``y = -x/2 + 3/4``). A strict or non-strict inequality is
kept as ``expr > 0``/``expr >= 0`` and matches another with the same strictness
when the factor is *positive* (``-x > -1`` is ``x < 1``); ``\\neq`` allows any factor.

Proportionality is decided without unbounded algebra: both sides must be small
rational functions (the bounded in-process path of
:func:`~textbook_gym.verifiers.equivalence.quick_equivalent`); the factor is read at
a random rational point and then checked by ``quick_equivalent``. Anything larger
is undecided (None).

>>> from textbook_gym.verifiers.symbolic import parse_expression as p
>>> proportional(p("2x + 4y - 3"), p("y + x/2 - 3/4"))
Fraction(4, 1)
>>> parse_relation("y > 2x + 1")
Relation(op='>', expr=-2*x + y - 1)
"""

from __future__ import annotations

import random
import re
from fractions import Fraction
from typing import Any

import sympy

from textbook_gym.verifiers.equivalence import quick_equivalent
from textbook_gym.verifiers.errors import ParseError
from textbook_gym.verifiers.symbolic import parse_expression
from textbook_gym.verifiers.values import Relation

_REL_RE = re.compile(r"<=|>=|!=|≤|≥|≠|<|>|\\(?:leqslant|geqslant|leq|geq|le|ge|lt|gt|neq|ne)(?![A-Za-z])")
_OPS = {
    "<": "<", ">": ">", "<=": "<=", ">=": ">=", "≤": "<=", "≥": ">=", "\\le": "<=", "\\leq": "<=",
    "\\leqslant": "<=", "\\ge": ">=", "\\geq": ">=", "\\geqslant": ">=", "\\lt": "<", "\\gt": ">",
    "!=": "!=", "≠": "!=", "\\ne": "!=", "\\neq": "!=",
}


def parse_relation(text: str) -> Relation:
    """``lhs op rhs`` with one relation symbol, as ``expr > 0``, ``expr >= 0`` or ``expr != 0``."""
    ops = list(_REL_RE.finditer(text))
    if len(ops) != 1:
        raise ParseError(f"{text[:40]!r} is not a single relation such as y > 2x + 1")
    m = ops[0]
    op = _OPS[m.group()]
    lhs, rhs = parse_expression(text[: m.start()]), parse_expression(text[m.end() :])
    diff = lhs - rhs
    if op in ("<", "<="):
        return Relation(">" if op == "<" else ">=", -diff)
    return Relation(op, diff)


def _small(expr: Any) -> bool:
    if expr.has(sympy.I, sympy.oo, -sympy.oo, sympy.zoo, sympy.nan) or sympy.count_ops(expr) > 120:
        return False
    symbols = sorted(expr.free_symbols, key=lambda s: s.name)
    if not symbols or not expr.is_rational_function(*symbols):
        return False
    return all(p.exp.is_Integer and abs(int(p.exp)) <= 40 for p in expr.atoms(sympy.Pow))


def proportional(a: Any, b: Any) -> Fraction | None:
    """The constant ``k`` with ``a == k * b``, or None when there is none or it cannot be decided cheaply."""
    by_name = {s.name: s for s in b.free_symbols}
    a = a.xreplace({s: by_name[s.name] for s in a.free_symbols if s.name in by_name})
    if not (_small(a) and _small(b)):
        return None
    symbols = sorted(a.free_symbols | b.free_symbols, key=lambda s: s.name)
    rng = random.Random(13)
    for _ in range(6):
        point = {s: sympy.Rational(rng.randint(1, 997), rng.randint(101, 509)) for s in symbols}
        va, vb = a.xreplace(point), b.xreplace(point)
        if not (va.is_Rational and vb.is_Rational) or vb == 0:
            continue
        k = va / vb
        if k == 0:
            return None
        if quick_equivalent(a, k * b) is True:
            return Fraction(int(k.p), int(k.q))
        return None
    return None


def as_interval(relation: Relation) -> Any:
    """The solution set of a linear relation in one variable (``-x > -1`` -> ``x < 1``), or None."""
    symbols = relation.expr.free_symbols
    if len(symbols) != 1:
        return None
    (x,) = symbols
    expr = sympy.expand(relation.expr) if sympy.count_ops(relation.expr) <= 60 else None
    if expr is None or not expr.is_polynomial(x):
        return None
    a, b = expr.coeff(x, 1), expr.coeff(x, 0)
    if not (a.is_Rational and a != 0 and b.is_number and b.is_real) or sympy.expand(expr - a * x - b) != 0:
        return None
    bound = -b / a
    if relation.op == "!=":
        return sympy.Union(sympy.Interval.open(-sympy.oo, bound), sympy.Interval.open(bound, sympy.oo))
    upward = a > 0  # a*x + b > 0  <=>  x > -b/a when a > 0
    open_ = relation.op == ">"
    if upward:
        return sympy.Interval(bound, sympy.oo, left_open=open_, right_open=True)
    return sympy.Interval(-sympy.oo, bound, left_open=True, right_open=open_)
