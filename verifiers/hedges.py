"""Hedge markers: the words and signs that turn an answer into several answers, or into doubt.

A typed parser refuses ``72 or 73`` because it is not a number. A scorer that reads
free text does not: many find the right answer anywhere in the span, or take its
first number, and so pay ``72 or 73``, ``\\text{not } 72`` and ``72 \\pm 1`` as if
they were ``72``. An RL policy learns to write whatever is paid, so an adapter that
hands such a scorer's verdict out as reward first refuses answers that add a hedge
the right answer does not contain (:func:`added_hedges`). The comparison is made
against the gold answer's own text, so a gold that is itself a sentence with
``or`` or ``not`` in it keeps them: only markers the answer adds count.

>>> added_hedges("72 or 73", "72")
['or']
>>> added_hedges("\\\\text{not } 72", "72")
['not']
>>> added_hedges("The cat or the dog", "The cat or the dog")
[]
"""

from __future__ import annotations

import re
from collections import Counter

HEDGE_WORDS = frozenset(
    "or nor either neither not isn maybe perhaps possibly probably likely unsure guess "
    "approximately approx roughly about around nearly almost".split()
)
"""Words (lower case, whole words) that offer alternatives, deny, or doubt."""

HEDGE_COMMANDS = frozenset(
    r"\pm \mp \neq \ne \not \approx \sim \simeq \lesssim \gtrsim \lessapprox \gtrapprox \vee \lor".split()
)
"""LaTeX commands with the same effect: ``72 \\pm 1``, ``\\neq 72``, ``72 \\vee 73``."""

HEDGE_SIGNS = frozenset("?±∓≠≈∼∨")
"""Characters with the same effect."""

_WORD_RE = re.compile(r"[a-z]+")
_COMMAND_RE = re.compile(r"\\[A-Za-z]+")


def hedge_markers(text: str) -> Counter:
    """How many times each hedge marker occurs in ``text`` (linear time)."""
    # Commands are read first and blanked out, so that ``\not`` counts once, as a command.
    commands = _COMMAND_RE.findall(text)
    words = _WORD_RE.findall(_COMMAND_RE.sub(" ", text).lower())
    markers = Counter(word for word in words if word in HEDGE_WORDS)
    markers.update(command for command in commands if command in HEDGE_COMMANDS)
    markers.update(char for char in text if char in HEDGE_SIGNS)
    return markers


def added_hedges(answer: str, gold: str) -> list[str]:
    """The hedge markers ``answer`` holds more often than ``gold`` does, in order of first use."""
    extra = hedge_markers(answer) - hedge_markers(gold)
    return sorted(extra, key=lambda marker: (answer.lower().find(marker.lower()), marker))
