"""envs/_kit/questions.py: a kind's question filled from its parameters."""

import pytest

from textbook_gym.envs._kit.questions import filled


def test_filled_writes_every_named_and_indexed_field():
    ask = filled("Urn 1 holds {u1[0]} red and {u1[1]} blue balls; pick it with probability {pick}.")
    text = ask({"u1": [3, 4], "pick": "1/2", "unused": 9})
    assert text == "Urn 1 holds 3 red and 4 blue balls; pick it with probability 1/2."


def test_filled_reuses_a_field_and_leaves_literal_braces():
    assert filled("{n} times {n} is {{n^2}}")({"n": 7}) == "7 times 7 is {n^2}"


def test_filled_refuses_a_missing_parameter():
    with pytest.raises(KeyError):
        filled("A {thing} of {k} symbols")({"k": 4})
