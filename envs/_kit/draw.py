"""Drawing values from an explicit numpy Generator.

Every helper consumes the generator in a fixed, documented way, so a family that uses
them draws the same problems for the same seed in any process.

>>> rng = np.random.default_rng(0)
>>> integer(rng, 1, 6), choice(rng, ["a", "b", "c"]), signed(rng, 1, 9)
(6, 'b', -5)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import numpy as np

T = TypeVar("T")


def integer(rng: np.random.Generator, lo: int, hi: int) -> int:
    """A uniform integer in ``[lo, hi]``, both ends included (one ``rng.integers`` call)."""
    return int(rng.integers(lo, hi + 1))


def choice(rng: np.random.Generator, items: Sequence[T]) -> T:
    """A uniform element of ``items`` (one ``rng.integers`` call; works on any sequence)."""
    return items[int(rng.integers(0, len(items)))]


def signed(rng: np.random.Generator, lo: int, hi: int, negative: float = 0.5) -> int:
    """A magnitude uniform in ``[lo, hi]`` made negative with probability ``negative``.

    Draws the magnitude first, then one ``rng.random()`` for the sign. With ``lo >= 1``
    the result is never zero.
    """
    magnitude = int(rng.integers(lo, hi + 1))
    return -magnitude if rng.random() < negative else magnitude


def nonzero(rng: np.random.Generator, lo: int, hi: int) -> int:
    """A uniform integer in ``[lo, hi]`` other than zero (redraws on zero)."""
    while True:
        value = int(rng.integers(lo, hi + 1))
        if value:
            return value


def distinct(rng: np.random.Generator, count: int, lo: int, hi: int) -> list[int]:
    """``count`` different integers from ``[lo, hi]``, in the order drawn (redraws repeats)."""
    if hi - lo + 1 < count:
        raise ValueError(f"cannot draw {count} different integers from [{lo}, {hi}]")
    values: list[int] = []
    while len(values) < count:
        value = int(rng.integers(lo, hi + 1))
        if value not in values:
            values.append(value)
    return values
