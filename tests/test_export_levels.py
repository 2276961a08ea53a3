"""Every level of every family exports: both splits have problems, and no level is too small to split.

The export assigns a problem to the test split by a hash of its content
(:func:`textbook_gym.splits.split_of`, one bucket in ten, up to five for a family with a small level). A level with only a couple of
dozen distinct problems gives a test split of one or two problems repeated, or none at
all, and ``iter_problems`` then raises after 2000 draws. Registry-parametrized: a new
family is covered without new test code.
"""

from __future__ import annotations

import itertools

import pytest

import textbook_gym
from textbook_gym.splits import iter_problems

LEVELS = range(1, 11)
PER_SPLIT = 5
"""Problems each split must yield at every level."""
SAMPLE = 200
"""Train problems drawn to count distinct problems."""
MIN_DISTINCT = 30
"""Distinct problems required among the first ``SAMPLE`` train problems."""

SMALL_LEVELS: dict[tuple[str, int], str] = {}
"""Levels that are legitimately small, with the reason; they must still yield both splits.
An entry whose level has grown past ``MIN_DISTINCT`` fails, so that it is removed."""

CASES = [(name, level) for name in textbook_gym.list_families() for level in LEVELS]


def _first(name: str, split: str, level: int, n: int) -> list:
    return list(itertools.islice(iter_problems(name, split, difficulty=level), n))


@pytest.mark.parametrize(("name", "level"), CASES)
def test_both_splits_yield_problems(name, level):
    for split in ("test", "train"):
        problems = _first(name, split, level, PER_SPLIT)
        assert len(problems) == PER_SPLIT
        assert all(p.difficulty == level for p in problems), (name, split, level)


@pytest.mark.parametrize(("name", "level"), CASES)
def test_level_has_enough_distinct_problems(name, level):
    distinct = len({p.id for p in _first(name, "train", level, SAMPLE)})
    if (name, level) in SMALL_LEVELS:
        assert distinct < MIN_DISTINCT, (
            f"{name} level {level} now has {distinct} distinct problems in {SAMPLE}; "
            "remove it from SMALL_LEVELS"
        )
    else:
        assert distinct >= MIN_DISTINCT, (
            f"{name} level {level}: only {distinct} distinct problems among the first {SAMPLE} train problems, "
            "too few for the content-hash test split; enlarge the level's problem space (and bump the family's "
            "version), or declare it in SMALL_LEVELS with the reason"
        )
