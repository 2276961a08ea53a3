"""Words for word problems: people, things, money, the story being told, and answers with units.

A word-problem family draws a cast and its things from the lists here, builds the
question and the worked steps side by side in a :class:`Story`, and reads answers
with :func:`parse_amount`, which lets a student write the unit the question uses.

>>> story = Story(np.random.default_rng(4))
>>> name, she, _, her = story.person()
>>> story.say(f"{name} has {story.integer(2, 9)} {choice(story.rng, OBJECTS)[1]}.")
>>> story.text, she, her
(['Maya has 9 crayons.'], 'she', 'her')
>>> series(["a pen", "a ruler", "a comic"]), money(1250), money(300), plural(1, "hour"), plural(2, "hour")
('a pen, a ruler and a comic', '$12.50', '$3', 'hour', 'hours')
>>> nouns = question_nouns("How many marbles does Mia have?")
>>> parse_amount("\\\\$12", nouns), parse_amount("7/3 hours", nouns), parse_amount("12 marbles", nouns)
(Fraction(12, 1), Fraction(7, 3), Fraction(12, 1))
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from fractions import Fraction
from typing import NamedTuple, TypeVar

import numpy as np

from textbook_gym.envs._kit.draw import choice, integer
from textbook_gym.verifiers.guards import guard_span
from textbook_gym.verifiers.normalize import normalize_span
from textbook_gym.verifiers.numbers import parse_lowest_terms
from textbook_gym.verifiers.units import UNITS, split_unit

T = TypeVar("T")

# --------------------------------------------------------------------------- the vocabulary
NAMES = [("Ava", "f"), ("Ben", "m"), ("Mia", "f"), ("Leo", "m"), ("Zoe", "f"), ("Sam", "m"), ("Ivy", "f"),
         ("Kai", "m"), ("Ana", "f"), ("Omar", "m"), ("Lena", "f"), ("Ravi", "m"), ("Nora", "f"), ("Theo", "m"),
         ("Maya", "f"), ("Jack", "m"), ("Lucia", "f"), ("Hugo", "m"), ("Priya", "f"), ("Diego", "m")]
"""First names with the gender their pronouns follow."""
PRONOUNS = {"f": ("she", "her", "her"), "m": ("he", "him", "his")}
"""Per gender: the subject, object and possessive pronoun."""
REFLEXIVE = {"her": "herself", "his": "himself"}
"""The reflexive pronoun, keyed by the possessive one."""
OBJECTS = [("marble", "marbles"), ("sticker", "stickers"), ("apple", "apples"), ("card", "cards"),
           ("pencil", "pencils"), ("shell", "shells"), ("stamp", "stamps"), ("cookie", "cookies"), ("bead", "beads"),
           ("ticket", "tickets"), ("balloon", "balloons"), ("crayon", "crayons"), ("coin", "coins")]
"""Things a child collects, as (singular, plural)."""
CONTAINERS = ["packs", "boxes", "bags", "jars"]
GOODS = [("notebook", "notebooks"), ("pen", "pens"), ("sandwich", "sandwiches"), ("juice box", "juice boxes"),
         ("ruler", "rulers"), ("cupcake", "cupcakes"), ("toy car", "toy cars"), ("comic", "comics")]
"""Things sold in a shop, as (singular, plural)."""
VEHICLES = ["a train", "a bus", "a cyclist", "a truck", "a car", "a ferry"]
JOBS = ["paint the fence", "fill the order", "mow the field", "clean the hall", "build the wall"]
FRACTION_WORDS = {2: "half", 3: "a third", 4: "a quarter", 5: "a fifth"}
"""Unit fractions in words, keyed by the denominator."""


# --------------------------------------------------------------------------- phrases
def series(parts: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``: the items of an English list."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def money(cents: int) -> str:
    """Dollars as a price tag: ``$12`` for whole dollars, else ``$12.50``."""
    return f"${cents // 100}.{cents % 100:02d}" if cents % 100 else f"${cents // 100}"


def plural(count: int, noun: str) -> str:
    """``noun`` for a count of one, else ``noun + "s"`` (regular plurals only)."""
    return noun if count == 1 else f"{noun}s"


class Person(NamedTuple):
    name: str
    subject: str
    """``she`` or ``he``."""
    object: str
    """``her`` or ``him``."""
    possessive: str
    """``her`` or ``his``."""


class Story:
    """Collects the question's sentences and the solution's steps while a scenario is built."""

    def __init__(self, rng: np.random.Generator):
        self.rng = rng
        self.text: list[str] = []
        """The sentences of the question, in order."""
        self.steps: list[str] = []
        """The steps of the worked solution, in order."""
        self.cast: set[str] = set()
        """The names already in the story, so that no one appears twice."""

    def pick(self, options: Sequence[T]) -> T:
        return choice(self.rng, options)

    def integer(self, lo: int, hi: int) -> int:
        return integer(self.rng, lo, hi)

    def person(self) -> Person:
        """A person not yet in the story (redraws a name already used)."""
        while True:
            name, gender = self.pick(NAMES)
            if name not in self.cast:
                self.cast.add(name)
                return Person(name, *PRONOUNS[gender])

    def say(self, sentence: str) -> None:
        self.text.append(sentence)

    def step(self, line: str) -> None:
        self.steps.append(line)


# --------------------------------------------------------------------------- answers with units
# A trailing word is a unit only when it names one (``hours``, ``\\text{ cm}``, ``apples``) or a
# thing the question counts; anything else stays part of the answer, so ``25 \\text{ or more}``
# is not the number 25 (stripping any trailing words once paid that hedge).
_TRAILING_WORDS_RE = re.compile(
    r"(?<=[0-9}.)])(?:\\[,;:! ]|~|\s){0,4}(?:\\(?:text|mathrm|textbf|mbox)\s{0,3}\{\s{0,3}([A-Za-z][A-Za-z /]{0,40})\}"
    r"|([A-Za-z][A-Za-z /]{0,40}))\s{0,3}$"
)
_HEDGE_WORDS = frozenset("or and not more less than least most about approximately maybe perhaps nearly almost "
                         "over under is isn t answer".split())
_DOLLAR_RE = re.compile(r"^\\?\$\s*(?=[0-9])")
_WORD_RE = re.compile(r"[a-z]+")


def _strip_unit(text: str, nouns: frozenset[str]) -> str:
    rest, unit = split_unit(text)
    if unit is not None:
        return rest
    # A long span is no number with a unit, and the bound keeps the search cheap on hostile text.
    match = _TRAILING_WORDS_RE.search(text) if len(text) <= 200 else None
    if match is None:
        return text
    words = (match.group(1) or match.group(2)).lower().replace("/", " ").split()
    if words and all((word in UNITS or word in nouns) and word not in _HEDGE_WORDS for word in words):
        return text[: match.start()].rstrip()
    return text


def parse_amount(span: str, nouns: frozenset[str] = frozenset()) -> Fraction:
    """A number with an optional leading dollar sign and trailing unit; lowest terms required.

    The unit is a known unit word (:mod:`textbook_gym.verifiers.units`) or one of
    ``nouns`` (see :func:`question_nouns`); any other trailing text is refused.
    """
    text = _strip_unit(_DOLLAR_RE.sub("", normalize_span(guard_span(span))), nouns)
    return parse_lowest_terms(text)


def question_nouns(question: str) -> frozenset[str]:
    """The words of a question that may follow an answer as its unit (``12 marbles``)."""
    return frozenset(word for word in _WORD_RE.findall(question.lower()) if word not in _HEDGE_WORDS)
