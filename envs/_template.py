"""Template: sums of evenly spaced integers, by Gauss's pairing.

This module is the smallest complete family: copy it to ``envs/<your_family>.py``
(and its prose, ``envs/texts/_template.toml``, to ``envs/texts/<your_family>.toml``),
rename the class, set ``name`` and ``subject``, add ``@register_family`` above the
class, and replace the skill. CONTRIBUTING.md walks through the steps. It is not a
built-in: the registry skips modules whose name starts with an underscore, and the
class is not decorated; ``tests/test_template_family.py`` registers it under a
test-only name and holds it to the checks every family passes.

Everything below this paragraph is the specification, as a real family writes it.

**Asked.** The sum of an arithmetic run of integers: ``What is the sum of the
integers from 12 to 40?`` or ``What is 3 + 7 + 11 + ... + 43?``.

**Difficulty** changes the run, not only the size of its numbers:

==  ====================================================  ==========================
 1  1 + 2 + ... + n, n from 5 to 100                       ``1 + ... + 10`` -> 55
 2  consecutive integers from a small start                ``12 .. 40`` -> 754
 3  consecutive integers, starts up to 100                 ``57 .. 141``
 4  every second integer (odd or even numbers)             ``5 + 7 + ... + 33``
 5  steps 2 to 5                                            ``3 + 7 + ... + 43`` -> 253
 6  steps 2 to 9, longer runs                               ``18 + 27 + ... + 450``
 7  consecutive integers from a negative start             ``-30 .. 49``
 8  steps 2 to 5 from a negative start                     ``(-17) + (-13) + ... + 79``
 9  starts from -500 to 500, steps 1 to 9, up to 200 terms
10  starts from -5000 to 5000, steps 2 to 25, up to 500 terms
==  ====================================================  ==========================

**Answer.** An integer, read by :func:`~textbook_gym.verifiers.integers.parse_integer`
(``754``, ``\\boxed{-1,275}`` with a thousands separator); anything else is UNPARSEABLE.

**Worked solutions** count the terms, pair the first with the last (every pair from
the outside in has the same sum) and halve the count times the pair sum; the last
line holds ``\\boxed{answer}``.

**Version history.** v0: first release.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from textbook_gym.envs._kit import Family, Problem, check_difficulty
from textbook_gym.envs._kit.draw import choice, integer
from textbook_gym.envs._kit.formats import fraction_text, parenthesized
from textbook_gym.envs._kit.passages import distinct_passages
from textbook_gym.envs._kit.texts import exposition_texts
from textbook_gym.verifiers.integers import parse_integer


@dataclass(frozen=True)
class Level:
    """What one difficulty level draws."""

    starts: tuple[int, int]
    """The first term's range, both ends included."""
    steps: tuple[int, ...]
    """The common differences to choose from (1: consecutive integers)."""
    counts: tuple[int, int]
    """The range of the number of terms, both ends included (at least 5, so ``...`` always hides a term)."""

    @property
    def size(self) -> int:
        """How many distinct problems the level holds."""
        return (self.starts[1] - self.starts[0] + 1) * len(self.steps) * (self.counts[1] - self.counts[0] + 1)


LEVELS = {
    1: Level((1, 1), (1,), (5, 100)),
    2: Level((1, 20), (1,), (5, 30)),
    3: Level((1, 100), (1,), (5, 100)),
    4: Level((1, 9), (2,), (5, 30)),
    5: Level((1, 20), (2, 3, 4, 5), (5, 30)),
    6: Level((1, 100), (2, 3, 4, 5, 6, 7, 8, 9), (5, 60)),
    7: Level((-30, -1), (1,), (20, 80)),
    8: Level((-50, -1), (2, 3, 4, 5), (10, 60)),
    9: Level((-500, 500), tuple(range(1, 10)), (20, 200)),
    10: Level((-5000, 5000), tuple(range(2, 26)), (50, 500)),
}


# --------------------------------------------------------------------------- the skill
def question(first: int, step: int, count: int) -> str:
    last = first + step * (count - 1)
    if step == 1:
        return f"What is the sum of the integers from {first} to {last}?"
    shown = " + ".join(parenthesized(first + step * index) for index in range(3))
    return f"What is {shown} + ... + {parenthesized(last)}?"


def solve(first: int, step: int, count: int) -> tuple[list[str], int]:
    """The worked lines (without the boxed answer line) and the sum."""
    last = first + step * (count - 1)
    pair = first + last
    total = count * pair // 2  # exact: with an odd count the pair sum is even (twice the middle term)
    counted = f"{last} − {parenthesized(first)} + 1" if step == 1 else f"({last} − {parenthesized(first)}) ÷ {step} + 1"
    return [
        f"The terms go up by {step} from {first} to {last}, so there are {counted} = {count} of them.",
        f"Pair the first term with the last, the second with the second-to-last, and so on: every pair sums to "
        f"{first} + {parenthesized(last)} = {pair}.",
        f"The sum is the number of terms times the pair sum, halved: {count} × {parenthesized(pair)} ÷ 2 = {total}.",
    ], total


# --------------------------------------------------------------------------- exposition
_TEMPLATES = exposition_texts(__name__)


def _render_passage(rng: np.random.Generator) -> list[str]:
    first, step, count = integer(rng, 1, 60), integer(rng, 1, 9), integer(rng, 5, 40)
    last = first + step * (count - 1)
    values = {"first": first, "second": first + step, "last": last, "step": step, "count": count,
              "pair": first + last, "total": count * (first + last) // 2, "short": count - 1,
              "average": fraction_text(Fraction(first + last, 2)),
              "count_less": count - 1, "count_more": count + 1, "gauss": count * (count + 1) // 2}
    return [choice(rng, _TEMPLATES).format(**values)]


@functools.lru_cache(maxsize=1)
def _passages() -> tuple[str, ...]:
    return distinct_passages(2026, 120, _render_passage)


# --------------------------------------------------------------------------- the family
class Template(Family):
    """Sums of evenly spaced integers; the answer is compared as an exact integer.

    >>> family = Template()
    >>> problem = family.generate(np.random.default_rng(0), 5)
    >>> problem.question, problem.answer
    ('What is 18 + 22 + 26 + ... + 86?', 936)
    >>> family.verify(problem, "\\\\boxed{936}").status.value, family.verify(problem, "\\\\boxed{937}").status.value
    ('CORRECT', 'INCORRECT')
    """

    name = "Template"
    version = 0
    answer_type = "integer"
    parse = parse_integer  # the default verify: check_answer(response, problem.answer, parse_integer)
    subject = "arithmetic"  # one of textbook_gym.suites.SUBJECTS
    # Exact: every (first term, step, count) asks a different question, so a level holds the product of its
    # ranges. (A family outside the package states its sizes here; the built-ins record theirs, measured, in
    # textbook_gym/data/space_sizes.json.)
    space_sizes = {number: (level.size, True) for number, level in LEVELS.items()}

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem:
        difficulty = check_difficulty(difficulty)
        level = LEVELS[difficulty]
        # Draw only from ``rng``, in a fixed order: the order is part of the content.
        first, step, count = integer(rng, *level.starts), choice(rng, level.steps), integer(rng, *level.counts)
        _, total = solve(first, step, count)
        return Problem(question(first, step, count), total, self.name, self.version, difficulty,
                       metadata={"first": first, "step": step, "count": count})

    def solution_lines(self, problem: Problem) -> list[str]:
        return solve(**problem.metadata)[0]

    def exposition(self) -> list[str]:
        return list(_passages())
