"""A family's problem-space sizes, written level by level.

``Family.space_sizes`` maps every level 1 to 10 to ``(count, exact)``: how many distinct
problems the level holds, and whether that count is exact or an estimate.
:func:`level_sizes` builds that table from the ten counts in level order, so a family
writes its figures once and names the levels it counted exactly.

How the built-in families made their figures (one comment beside each family's
``space_sizes`` says which levels are exact, what was counted, and how many draws the
others came from): an exact count enumerates what the level draws; an estimate is the
Chao1 estimator over 1,500 to 4,000 draws of the level (two significant figures from
1,000 up). Where no problem repeated in the n draws, the figure is Chao1's value then,
about n²/2 (4,500,000 for 3,000 draws): a lower bound of the true size, not an estimate. Whatever the
figures say, ``tests/test_space_sizes.py`` draws every level's test split and requires at
least 50 distinct problems in it.

>>> sizes = level_sizes(1020, 1016, 7900, 6900, 8000, 190_000, 420_000, 110_000, 66_000, 110_000, exact_levels=(1, 2))
>>> sizes[1], sizes[3], len(sizes)
((1020, True), (7900, False), 10)
"""

from __future__ import annotations

from collections.abc import Collection

LEVEL_COUNT = 10
"""The levels every family defines, 1 to 10."""


def level_sizes(*counts: int, exact_levels: Collection[int] = ()) -> dict[int, tuple[int, bool]]:
    """``{level: (count, exact)}`` from the counts of levels 1 to 10 in order; only ``exact_levels`` are exact."""
    if len(counts) != LEVEL_COUNT:
        raise ValueError(f"give one count for each of the {LEVEL_COUNT} levels, got {len(counts)}")
    return {level: (count, level in exact_levels) for level, count in enumerate(counts, start=1)}
