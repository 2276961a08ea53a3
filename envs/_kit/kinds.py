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
