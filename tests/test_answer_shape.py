"""The gold's shape (verifiers/answer_shape.py): what a lenient free-text scorer is shown."""

from __future__ import annotations

import pytest

from textbook_gym.verifiers.answer_shape import check_shape, parts, truth_value
from textbook_gym.verifiers.errors import ParseError


@pytest.mark.parametrize(("answer", "gold"), [
    ("9", "9"),
    ("9.0", "9"),
    ("\\frac{18}{2}", "9"),  # a number in another rendering is still a number
    ("-5131", "-5131"),
    ("false", "True"),  # a truth value for a truth value; which one is the scorer's to say
    ("No", "yes"),
    ("RURDL", "LURDR"),
    ("b, a, c", "a, b, c"),
    ("3 + 4i", "3.0 + 4.0i"),
    ("Move disk 1 from Peg 1 to Peg 3\nMove disk 2 from Peg 1 to Peg 2", "Move 1\nMove 2"),
    ("x = \\infty", "x = \\infty"),  # the gold's own infinity
])
def test_answers_in_the_golds_shape(answer, gold):
    check_shape(answer, gold)


@pytest.mark.parametrize(("answer", "shown"), [
    ("9", "9"), ("9.0", "9.0"), ("-3.50", "-3.50"),  # plain digits go to the scorer as written
    ("\\frac{9}{2}", "4.5"),  # a first-number scorer would have read 9
    ("$1{,}000$", "1000"), ("\\frac{18}{2}", "9"), ("-1 1/2", "-1.5"),
])
def test_a_number_reaches_the_scorer_in_plain_digits(answer, shown):
    assert check_shape(answer, "9") == shown


@pytest.mark.parametrize(("answer", "gold", "reason"), [
    ("9^{9^{9}}", "9", "not a number"),  # a scorer that reads the first number would pay 9
    ("9 apples and 10 pears", "9", "not a number"),
    ("nan", "3.0 - 3.0i", "not a finite value"),  # exp(-nan) passed a min(1.0, ...) tolerance
    ("inf", "12", "not a finite value"),
    ("\\infty", "x", "not a finite value"),
    ("It halts", "True", "truth value"),
    ("a, b, c, extra, words", "a, b, c", "has 5 parts"),  # scored by positions right: 3 of 3
    ("16 days, 00:42:17, 82 days", "16 days, 00:42:17", "has 3 parts"),
    ("RURDL 17", "RURDL", "one word or token"),
    ("72 or 73", "72", "hedged"),
])
def test_answers_in_another_shape_are_refused(answer, gold, reason):
    with pytest.raises(ParseError, match=reason):
        check_shape(answer, gold)


def test_truth_values_and_parts():
    assert [truth_value(word) for word in ("True", " no ", "maybe")] == [True, False, None]
    assert [parts(text) for text in ("a", "a, b", "a; b\nc", "a, b,")] == [1, 2, 3, 3]
