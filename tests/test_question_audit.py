"""The independent question audit (benchmarks/question_audit) agrees with every family on a few draws per level.

Its solvers read only the question text, never the family's metadata or functions, so a family whose question
and gold drift apart (as Inequalities level 8 once did) fails here. The full audit is
``python benchmarks/question_audit/run.py --draws 100 --out DIR``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import textbook_gym

sys.path.append(str(Path(__file__).resolve().parents[1] / "benchmarks"))  # appended: benchmark scripts shadow nothing
from question_audit import run  # noqa: E402

LEVELS = range(1, 11)


@pytest.mark.parametrize("name", textbook_gym.list_families())
def test_the_audit_finds_no_mismatch(name):
    result = run.audit_family(name, draws=3, levels=LEVELS)
    if result["status"] != "checked":
        pytest.skip(result["status"])
    wrong = {level: record["mismatch_examples"] for level, record in result["levels"].items() if record["mismatches"]}
    assert not wrong, wrong


def test_every_family_has_an_audit():
    assert set(run.FAMILIES) == set(textbook_gym.list_families())


def test_the_audit_catches_a_changed_question():
    result = run.audit_family("Arithmetic", draws=5, levels=LEVELS, mutated=True)
    assert sum(record["mismatches"] for record in result["levels"].values()) >= 40
