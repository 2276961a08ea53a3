"""Named problem suites: collections of env ids with difficulty ranges.

Suites are computed from the registry at call time, so a new family joins the
suites of its ``subject`` without editing this file. Evaluation (``textbook-gym
eval --suite NAME``) and listings use them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textbook_gym.registry import get_family, list_families


@dataclass(frozen=True)
class SuiteEntry:
    env_id: str
    """Gymnasium id, e.g. ``textbook/Arithmetic-v1``."""
    difficulty: tuple[int, int]
    """Inclusive difficulty range evaluated for this env."""


@dataclass(frozen=True)
class Suite:
    name: str
    """Suite name used on the command line."""
    description: str
    """One line saying what the suite measures."""
    subjects: tuple[str, ...]
    """Subjects covered: without ``families``, the members are the registered families of these subjects."""
    difficulty: tuple[int, int] = (1, 10)
    """Difficulty range applied to every member."""
    families: tuple[str, ...] = ()
    """Family names; empty means the families of ``subjects`` (every registered family when
    that is empty too). Unregistered names are skipped."""

    def entries(self) -> list[SuiteEntry]:
        names = self.families or tuple(
            name for name in list_families() if not self.subjects or get_family(name).subject in self.subjects)
        return [SuiteEntry(get_family(name).env_id, self.difficulty) for name in names if _known(name)]

    def make_envs(self, *, split: str | None = "train", **env_kwargs: Any) -> list[Any]:
        """One :class:`~textbook_gym.TextbookEnv` per member, at the suite's levels, posing ``split``.

        ``split`` defaults to ``"train"`` as for every env made for training; ``env_kwargs``
        are TextbookEnv's (``max_attempts``, ``feedback`` ...). Evaluate a suite with
        :func:`textbook_gym.evaluate`, which poses the test split.
        """
        from textbook_gym.env import TextbookEnv

        if "difficulty" in env_kwargs:
            raise TypeError("a suite fixes its members' levels; build TextbookEnv(...) yourself for other levels")
        return [TextbookEnv(e.env_id, difficulty=e.difficulty, split=split, **env_kwargs) for e in self.entries()]


def _known(name: str) -> bool:
    try:
        get_family(name)
    except KeyError:
        return False
    return True


SUBJECTS: tuple[str, ...] = (
    "arithmetic", "number-theory", "algebra", "calculus", "combinatorics", "statistics", "sequences",
    "linear-algebra", "puzzles", "word-problems",
)
"""The textbook's subjects, one suite each. A family names its subject in ``Family.subject``,
the one source of truth: the subject's suite gathers every registered family that names it
(a plug-in family with another subject joins ``all``)."""


def subject_families(subject: str) -> tuple[str, ...]:
    """The registered families whose ``subject`` is ``subject``, in registry order."""
    return tuple(name for name in list_families() if get_family(name).subject == subject)


SUITES: dict[str, Suite] = {
    suite.name: suite
    for suite in (
        Suite("core", "ten families across the subjects, levels 1-5", (), (1, 5),
              ("Arithmetic", "Fractions", "GcdLcm", "LinearEquations", "Derivatives", "Counting",
               "ArithmeticGeometricSequences", "MatrixOps", "Countdown", "WordProblems")),
        *(Suite(subject, f"the {subject.replace('-', ' ')} families", (subject,)) for subject in SUBJECTS),
        Suite("all", "every registered family at every level", ()),
    )
}


def get_suite(name: str) -> Suite:
    if name not in SUITES:
        from textbook_gym.errors import unknown_name

        raise unknown_name("suite", name, SUITES)
    return SUITES[name]
