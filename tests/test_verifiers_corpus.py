"""The strict-format corpus in tests/data: verify_math(policy="strict") agrees with every label.

The labels here are for the strict extraction policy (anchored answers only); free-form
grading under the flexible policy is covered by tests/test_grading_corpus.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from textbook_gym.verifiers import verify_math

CORPUS = [json.loads(line) for line in (Path(__file__).parent / "data" / "verifier_corpus.jsonl").read_text().splitlines()]


def test_corpus_is_large_and_covers_every_subset():
    assert len(CORPUS) >= 300
    assert {row["subset"] for row in CORPUS} >= {"numeric", "fraction", "symbolic", "latex", "other"}
    assert {row["expected"] for row in CORPUS} == {"CORRECT", "INCORRECT", "UNPARSEABLE"}


@pytest.mark.parametrize("subset", ["numeric", "fraction", "symbolic", "latex", "other"])
def test_verify_math_matches_labels(subset):
    wrong = []
    for row in CORPUS:
        if row["subset"] != subset:
            continue
        verdict = verify_math(row["gold"], row["response"], policy="strict")
        if verdict.status.value != row["expected"]:
            wrong.append((row["gold"], row["response"][:60], row["expected"], verdict.status.value, verdict.reason))
    assert not wrong, wrong


def test_verifying_twice_gives_the_same_verdict():
    for row in CORPUS[::25]:
        assert verify_math(row["gold"], row["response"]) == verify_math(row["gold"], row["response"])
