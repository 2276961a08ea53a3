"""Floods up to the guard's span limit get a verdict from every family's verifier, and are never paid.

``benchmarks/parser_floods.py`` builds the floods from a gold answer (runs of one character, LaTeX command
runs, long numerals, the answer repeated with separators ...) and times every verification in a child
process. Here the same floods run in-process on one level per family: a parser that backtracks would
stall this test (a MatrixOps answer with 600 spaces once took 17 s). Most floods cannot be the answer,
so they may not be CORRECT; those that keep the answer whole (the answer, a whitespace run, a stray
token) only need a verdict: they can be right, as ``Answer: 42`` followed by blank lines is.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

import textbook_gym

sys.path.append(str(Path(__file__).resolve().parents[1] / "benchmarks"))  # appended: benchmark scripts shadow nothing
from parser_floods import floods  # noqa: E402

NEVER_THE_ANSWER = ("run ", "latex run ", "long ", "signs then", "spaced signs", "answer repeated")
"""Flood names (prefixes) that cannot equal a gold answer, whatever the family."""
VERDICTS = {"CORRECT", "INCORRECT", "UNPARSEABLE", "TIMEOUT"}


@pytest.mark.parametrize("name", textbook_gym.list_families())
def test_floods_get_a_verdict_and_are_never_paid(name):
    family = textbook_gym.get_family(name)
    problem = family.generate(np.random.default_rng([2026, 5]), 5)
    paid = []
    for flood, span in floods(family.answer_text(problem)).items():
        for response in ("\\boxed{" + span + "}", "Answer: " + span):
            status = family.verify(problem, response).status.value
            assert status in VERDICTS, (flood, status)
            if status == "CORRECT" and flood.startswith(NEVER_THE_ANSWER):
                paid.append(flood)
    assert not paid, f"{name}: floods paid as correct: {paid}"
