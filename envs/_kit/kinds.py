"""The table of a multi-kind family: each kind of sub-problem is one record.

A family with several kinds of problem (the mean, the median, a z-score ...) keeps
one :class:`Kind` per kind instead of if-chains over a kind name: how to draw its
parameters, how to ask it and how to solve it, side by side. Parameters are plain
JSON data (they travel in ``Problem.metadata``), so ``solve`` can rebuild the worked
solution from a stored problem.

>>> square = Kind(draw=lambda rng: {"n": int(rng.integers(2, 10))},
...               question=lambda p: f"What is {p['n']} squared?",
...               solve=lambda p: ([f"{p['n']} × {p['n']} = {p['n'] ** 2}."], p["n"] ** 2))
>>> params = square.draw(np.random.default_rng(1))
>>> square.question(params), square.solve(params)
('What is 5 squared?', (['5 × 5 = 25.'], 25))

A family whose levels draw the kind themselves (one level may choose among several
kinds) keeps an :class:`AskedKind` per kind: only how it is asked and solved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Kind:
    """One kind of sub-problem of a family."""

    draw: Callable[[np.random.Generator], dict[str, Any]]
    """Draws the parameters (JSON data) of one problem of this kind."""
    question: Callable[[dict[str, Any]], str]
    """The question text for those parameters."""
    solve: Callable[[dict[str, Any]], tuple[list[str], Any]]
    """The worked-solution lines (without the boxed answer line) and the exact answer."""


@dataclass(frozen=True)
class AskedKind:
    """One kind of sub-problem whose parameters the family's levels draw (a level may choose among kinds).

    Where a level's draw decides the kind as it goes (a value first, then which way to
    convert it), the kinds keep only how they are asked and solved, and ``generate``
    keeps the draw per level; the parameters still carry the kind's name.

    >>> double = AskedKind(question=lambda p: f"What is twice {p['n']}?",
    ...                    solve=lambda p: ([f"2 × {p['n']} = {2 * p['n']}."], 2 * p["n"]))
    >>> double.question({"n": 7}), double.solve({"n": 7})
    ('What is twice 7?', (['2 × 7 = 14.'], 14))
    """

    question: Callable[[dict[str, Any]], str]
    """The question text for those parameters."""
    solve: Callable[[dict[str, Any]], tuple[list[str], Any]]
    """The worked-solution lines (without the boxed answer line) and the exact answer."""
