"""Symbolic expressions in x: one symbol table, one expression tree, one LaTeX writer.

The calculus families (derivatives, integrals, limits) build sympy expressions in the
variable :data:`X`, show them in LaTeX with :func:`tex` and store their answers as
sympy expressions that must come back equal from JSON (:func:`stored`). Answers are
compared on the real domain of roots and logarithms, ``x > 0`` (:func:`on_positive_axis`).

An **expression tree** is plain JSON data, so it travels in ``Problem.metadata``:
``["x"]``, ``["c", "p/q"]`` (a constant), ``["add", t, ...]``, ``["mul", "p/q", t]``
(a constant multiple), ``["prod", u, v]``, ``["quot", u, v]``, ``["pow", u, "p/q"]``, or
``[name, u]`` for a name of :data:`FUNCTIONS`.

>>> tree = ["prod", ["pow", ["x"], "2"], ["ln", ["add", ["x"], ["c", "1"]]]]
>>> tex(tree_expression(tree))
'x^{2} \\\\ln{\\\\left(x + 1 \\\\right)}'
>>> grouped_tex(X**2 + 1), grouped_tex(2 * X), to_fraction(sp.Rational(-3, 4)), stored(sp.sin(X) ** 2 / 2)
('\\\\left(x^{2} + 1\\\\right)', '2 x', Fraction(-3, 4), sin(x)**2/2)

The calculus families teach from a list of ``(topic, template)`` pairs: a passage is
one pair, its numbers, and the topic as a heading (:func:`topic_passage`, one round
of :func:`.passages.exposition_from`):

>>> texts = [("L'Hôpital's rule", "Differentiate {n} times."), ("chain rule", "Multiply by {n}.")]
>>> [topic_passage(np.random.default_rng(seed), texts, lambda rng: {"n": int(rng.integers(2, 5))})[0]
...  for seed in (0, 1)]
['Chain rule. Multiply by 3.', "L'Hôpital's rule. Differentiate 3 times."]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from textbook_gym.verifiers.symbolic import parse_expression

from .draw import choice

X = sp.Symbol("x")
"""The variable of every expression."""
X_POSITIVE = sp.Symbol("x", positive=True)
"""The comparison variable: roots and logarithms are compared on their real domain x > 0."""
U = sp.Symbol("u")
"""The variable of a substitution (``u = g(x)``)."""
FUNCTIONS = {"sin": sp.sin, "cos": sp.cos, "exp": sp.exp, "ln": sp.log}
"""The elementary functions of the trees, by name."""


def tex(expr: sp.Basic | int) -> str:
    """The LaTeX of ``expr``, with ``\\ln`` for the natural logarithm."""
    return sp.latex(expr, ln_notation=True)


def grouped_tex(expr: sp.Expr) -> str:
    """:func:`tex`, in ``\\left( \\right)`` when the expression is a sum (safe after ``\\int`` or a limit)."""
    return f"\\left({tex(expr)}\\right)" if isinstance(expr, sp.Add) else tex(expr)


def stored(expr: sp.Expr) -> sp.Expr:
    """The expression as it comes back from JSON, so a stored problem equals its reloaded copy."""
    return parse_expression(sp.sstr(expr, order="lex"))


def on_positive_axis(expr: sp.Expr) -> sp.Expr:
    """``expr`` with :data:`X` replaced by :data:`X_POSITIVE` (for comparisons on ``x > 0``)."""
    return expr.xreplace({X: X_POSITIVE})


def to_fraction(value: sp.Rational | int) -> Fraction:
    """A sympy rational as a :class:`fractions.Fraction`."""
    value = sp.Rational(value)
    return Fraction(int(value.p), int(value.q))


def tree_expression(tree: list) -> sp.Expr:
    """The sympy expression of an expression tree (see the module docstring)."""
    kind, args = tree[0], tree[1:]
    if kind == "x":
        return X
    if kind == "c":
        return sp.Rational(args[0])
    if kind == "add":
        return sp.Add(*[tree_expression(term) for term in args])
    if kind == "mul":
        return sp.Rational(args[0]) * tree_expression(args[1])
    if kind == "prod":
        return tree_expression(args[0]) * tree_expression(args[1])
    if kind == "quot":
        return tree_expression(args[0]) / tree_expression(args[1])
    if kind == "pow":
        return tree_expression(args[0]) ** sp.Rational(args[1])
    return FUNCTIONS[kind](tree_expression(args[0]))


def topic_passage(rng: np.random.Generator, texts: Sequence[tuple[str, str]],
                  values: Callable[[np.random.Generator], Mapping[str, Any]]) -> list[str]:
    """One passage: a ``(topic, template)`` pair (one :func:`.draw.choice`), then ``values(rng)`` filled in.

    The topic heads the passage with its first letter in capitals and the rest as
    written (not ``str.capitalize``, which would lower the H of "L'Hôpital").
    """
    topic, template = choice(rng, texts)
    return [f"{topic[:1].upper()}{topic[1:]}. " + template.format(**values(rng))]
