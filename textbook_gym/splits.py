"""The train/test split rule, split streams, and distinct draws for evaluation.

**The rule.** A problem's split is a function of its content id alone (a SHA-256 of
family, version and question text, :attr:`textbook_gym.Problem.id`): hash the id
again, take the first 8 bytes modulo :data:`SPLIT_BUCKETS` (10), and the problem is
*test* when the bucket is below the family's number of test buckets, *train*
otherwise. So the two splits are disjoint by construction, in content, whatever
seed, level, process or API drew the problem.

**Test share.** A family has one test bucket (a tenth of its problems) unless a
level of it is small: a family that reports the size of its problem space
(:meth:`textbook_gym.Family.space_size`) gets the fewest buckets, up to
:data:`MAX_TEST_BUCKETS` (half), that give every level it reports at least
:data:`TARGET_TEST_PROBLEMS` expected test problems. The share is per *family*, not
per level, because the same question can occur at two levels of a family; a share
per level would put that question in the test split at one level and in the train
split at the other. A level smaller than ``TARGET_TEST_PROBLEMS / MAX_TEST_BUCKETS``
buckets can hold cannot reach the target this way and is reported as small.

**Streams.** Problems of one split are drawn from ``numpy.random.default_rng([s, seed,
i])`` (``s`` = 0 for train, 1 for test, 2 for both), keeping only problems of the
split, so the same arguments give the same problems in any process.

**Defaults.** Environments made for training default to ``split="train"``
(:data:`TRAIN_DEFAULT`); evaluation defaults to ``split="test"``; ``split=None``
means both splits (every problem the family generates).
"""

from __future__ import annotations

import hashlib
import math
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from textbook_gym.errors import UsageError
from textbook_gym.problem import Problem, generate_problem

Split = Literal["train", "test"]
SPLITS: tuple[str, str] = ("train", "test")
TRAIN_DEFAULT: Split = "train"
"""The split an environment made for training poses unless told otherwise."""
EVAL_DEFAULT: Split = "test"
"""The split evaluation poses unless told otherwise."""
SPLIT_BUCKETS = 10
"""Content-hash buckets; a family's first ``held_out_buckets(family)`` of them are its test split."""
MAX_TEST_BUCKETS = 5
"""At most this many buckets (half of all problems) go to the test split of a small family."""
TARGET_TEST_PROBLEMS = 65
"""Expected test problems per level that sizes a small family's test share: 50 wanted, plus a margin for
the spread of a hash (about 3 standard deviations of a binomial at this size)."""
MAX_TRIES_PER_PROBLEM = 2000
"""Consecutive draws of the other split after which a stream gives up on a level."""

_STREAM = {"train": 0, "test": 1, None: 2}
_BUCKETS: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()


def check_split(split: Any, *, allow_none: bool = True) -> Split | None:
    """``split`` if it names a split (``"train"``, ``"test"``, or ``None`` for both), else a UsageError."""
    if split is None and allow_none:
        return None
    if isinstance(split, str) and split in SPLITS:
        return split  # type: ignore[return-value]
    allowed = "'train', 'test'" + (" or None (both)" if allow_none else "")
    raise UsageError(f"split must be {allowed}, got {split!r}")


def space_size(family: Any, difficulty: int) -> tuple[int, bool] | None:
    """``family.space_size(difficulty)`` when the family provides it (``None``: unknown, treated as large)."""
    method = getattr(family, "space_size", None)
    if method is None:
        return None
    size = method(difficulty)
    if size is None:
        return None
    count, exact = size
    return int(count), bool(exact)


def held_out_buckets(family: Any) -> int:
    """How many of the :data:`SPLIT_BUCKETS` buckets are the family's test split (see the module docstring)."""
    try:
        return _BUCKETS[family]
    except (KeyError, TypeError):
        pass
    from textbook_gym.family import MAX_DIFFICULTY, MIN_DIFFICULTY

    buckets = 1
    for level in range(MIN_DIFFICULTY, MAX_DIFFICULTY + 1):
        size = space_size(family, level)
        if size is None or size[0] <= 0:
            continue
        needed = math.ceil(TARGET_TEST_PROBLEMS * SPLIT_BUCKETS / size[0])
        buckets = max(buckets, min(MAX_TEST_BUCKETS, needed))
    try:
        _BUCKETS[family] = buckets
    except TypeError:  # an object that cannot be weakly referenced: computed each time
        pass
    return buckets


def held_out_share(family: Any) -> float:
    """The fraction of the family's problems in the test split (0.1 .. 0.5)."""
    return held_out_buckets(family) / SPLIT_BUCKETS


def _family_of(problem: Problem, family: Any) -> Any:
    if family is not None:
        return family
    from textbook_gym.registry import get_family

    try:
        return get_family(problem.family)
    except KeyError:  # not registered (a data set of one's own): the default share
        return None


def split_of(problem: Problem, family: Any = None) -> Split:
    """Which split a problem belongs to, by its content id (and its family's test share)."""
    fam = _family_of(problem, family)
    buckets = 1 if fam is None else held_out_buckets(fam)
    digest = hashlib.sha256(problem.id.encode()).digest()
    return "test" if int.from_bytes(digest[:8], "big") % SPLIT_BUCKETS < buckets else "train"


def iter_problems(
    family: Any,
    split: Split | None,
    *,
    seed: int = 0,
    difficulty: int | str | Sequence[int] = (1, 10),
) -> Iterator[Problem]:
    """An endless, deterministic stream of problems of one split (``None``: both).

    Levels of a difficulty range are visited round-robin, so any prefix of the stream
    is balanced across levels.
    """
    from textbook_gym.env import parse_difficulty
    from textbook_gym.registry import get_family

    split = check_split(split)
    fam = get_family(family) if isinstance(family, str) else family
    lo, hi = parse_difficulty(difficulty)
    levels = list(range(lo, hi + 1))
    index, emitted, misses = 0, 0, 0
    while True:
        level = levels[emitted % len(levels)]
        problem = generate_problem(fam, (_STREAM[split], seed, index), level)
        index += 1
        if split is None or split_of(problem, fam) == split:
            emitted += 1
            misses = 0
            yield problem
        else:
            misses += 1
            if misses > MAX_TRIES_PER_PROBLEM:
                raise RuntimeError(
                    f"{fam!r} at difficulty {level} produced no {split} problem in {MAX_TRIES_PER_PROBLEM} draws; "
                    "its problem space at that level is too small to split"
                )


def problems(family: Any, split: Split | None, n: int, **kwargs: Any) -> list[Problem]:
    """The first ``n`` problems of :func:`iter_problems` (repeats included)."""
    stream = iter_problems(family, split, **kwargs)
    return [next(stream) for _ in range(n)]


@dataclass(frozen=True)
class DistinctDraw:
    """Distinct problems of one split at one level, and whether the split ran out."""

    problems: list[Problem]
    """Distinct problems in stream order."""
    requested: int
    """How many were asked for."""
    exhausted: bool
    """True when the split yielded fewer distinct problems than requested: all it holds were used."""
    draws: int
    """Problems drawn from the split's stream (repeats included)."""


def patience(found: int) -> int:
    """Consecutive repeats after which a level's split counts as exhausted.

    If one problem were still unseen among ``found + 1`` equally likely ones, ``20 (found + 1)``
    draws would all miss it with probability about e^-20 (2e-9).
    """
    return max(200, 20 * (found + 1))


def distinct_problems(family: Any, split: Split | None, level: int, n: int, *, seed: int = 0) -> DistinctDraw:
    """Up to ``n`` distinct problems of ``split`` at ``level``, drawn without replacement.

    The stream of :func:`iter_problems` is read until ``n`` distinct problems have come
    or :func:`patience` draws in a row repeat earlier ones (the split holds no more).
    """
    from textbook_gym.registry import get_family

    fam = get_family(family) if isinstance(family, str) else family
    stream = iter_problems(fam, split, seed=seed, difficulty=level)
    chosen: dict[str, Problem] = {}
    draws = repeats = 0
    exhausted = False
    while len(chosen) < n:
        try:
            problem = next(stream)
        except RuntimeError:  # the level holds no problem of this split at all
            exhausted = True
            break
        draws += 1
        if problem.id in chosen:
            repeats += 1
            if repeats >= patience(len(chosen)):
                exhausted = True
                break
            continue
        chosen[problem.id] = problem
        repeats = 0
    return DistinctDraw(list(chosen.values()), n, exhausted, draws)


__all__ = [
    "EVAL_DEFAULT",
    "MAX_TEST_BUCKETS",
    "SPLITS",
    "SPLIT_BUCKETS",
    "TARGET_TEST_PROBLEMS",
    "TRAIN_DEFAULT",
    "DistinctDraw",
    "Split",
    "check_split",
    "distinct_problems",
    "held_out_buckets",
    "held_out_share",
    "iter_problems",
    "problems",
    "space_size",
    "split_of",
]
