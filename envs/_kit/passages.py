"""The exposition loop every family shares: render, keep the distinct texts, stop at a count.

A family's ``exposition()`` is a fixed list of passages drawn from templates with its
own seed. The family supplies ``render(rng)``, which draws the values and returns the
texts of one round (one passage, or one per topic); this module runs the rounds,
drops repeats and stops once ``count`` passages are collected (a round's texts are
all kept, so the last round may pass ``count``).

>>> def render(rng):
...     n = int(rng.integers(2, 5))
...     return [f"{n} squared is {n * n}."]
>>> distinct_passages(7, 3, render)
('4 squared is 16.', '3 squared is 9.', '2 squared is 4.')

A family declares its exposition in one line with :func:`exposition_from`, which
draws the passages once per process and hands out copies:

>>> class Squares:
...     exposition = exposition_from(7, 3, render)
>>> Squares().exposition()[0]
'4 squared is 16.'
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

import numpy as np

MAX_ROUNDS_PER_PASSAGE = 1000
"""Rounds allowed per wanted passage before the templates count as exhausted."""


def distinct_passages(seed: int, count: int, render: Callable[[np.random.Generator], Iterable[str]]) -> tuple[str, ...]:
    """At least ``count`` distinct passages from rounds of ``render`` with ``np.random.default_rng(seed)``."""
    rng = np.random.default_rng(seed)
    passages: list[str] = []
    seen: set[str] = set()
    rounds = 0
    while len(passages) < count:
        rounds += 1
        if rounds > MAX_ROUNDS_PER_PASSAGE * count:
            raise RuntimeError(f"the templates gave only {len(passages)} distinct passages of the {count} wanted; "
                               "add templates or widen their value ranges")
        for text in render(rng):
            if text not in seen:
                seen.add(text)
                passages.append(text)
    return tuple(passages)


def exposition_from(seed: int, count: int, render: Callable[[np.random.Generator], Iterable[str]]):
    """A family's ``exposition`` method: :func:`distinct_passages` drawn once, a fresh list per call."""

    @functools.lru_cache(maxsize=1)
    def passages() -> tuple[str, ...]:
        return distinct_passages(seed, count, render)

    def exposition(self) -> list[str]:
        """Passages that teach the skill, drawn from the module's templates with a fixed seed."""
        return list(passages())

    return exposition
