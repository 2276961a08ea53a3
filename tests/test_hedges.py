"""Hedge markers (verifiers/hedges.py): what an answer adds to the gold's own words and signs."""

from __future__ import annotations

import pytest

from textbook_gym.verifiers.adversary import hack_responses
from textbook_gym.verifiers.extract import extract_answers
from textbook_gym.verifiers.hedges import added_hedges, hedge_markers


def test_every_single_span_hedge_of_the_adversary_is_marked():
    # The adversary's hedges inside one anchor; those spread over two anchors are the conflict rule's.
    for gold in ("72", "-5131", "RURDL", "Zoey is a knight", "x**2/2 + C"):
        for category, response in hack_responses(gold, "17"):
            spans = extract_answers(response).spans
            if category == "hedge" and len(spans) == 1:
                assert added_hedges(spans[0], gold), response


@pytest.mark.parametrize(("answer", "gold"), [
    ("72", "72"),
    ("The cat or the dog", "the cat OR the dog"),  # the gold's own "or" is not a hedge
    ("not p", "not p"),
    ("x \\ne y", "x \\ne y"),
    ("a knight and a knave", "a knight and a knave"),
    ("\\frac{1}{2}", "1/2"),
    ("organ notation", "organ notation"),  # words that merely contain "or", "not"
    ("ornament, nothing", "72"),
])
def test_answers_that_add_no_hedge(answer, gold):
    assert added_hedges(answer, gold) == []


@pytest.mark.parametrize(("answer", "gold", "added"), [
    ("72 or 73", "72", ["or"]),
    ("cat or dog or bird", "cat or dog", ["or"]),  # one "or" more than the gold has
    ("\\neq 72", "72", ["\\neq"]),
    ("\\not= 72", "72", ["\\not"]),
    ("72 \\pm 1", "72", ["\\pm"]),
    ("72?", "72", ["?"]),
    ("≈ 72", "72", ["≈"]),
    ("Maybe 72", "72", ["maybe"]),
    ("about 72", "72", ["about"]),
    ("72 isn't it", "72", ["isn"]),
])
def test_answers_that_add_a_hedge(answer, gold, added):
    assert added_hedges(answer, gold) == added


def test_markers_are_counted_in_a_megabyte_of_text():
    text = ("or \\pm ? " * 100_000) + "x" * 100_000
    assert hedge_markers(text) == {"or": 100_000, "\\pm": 100_000, "?": 100_000}
