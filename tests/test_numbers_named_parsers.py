"""The named answer-form parsers: what each accepts and refuses, checked case by case.

``parse_lowest_terms`` and ``parse_exact_fraction`` replace one-line wrappers that families
wrote around ``parse_rational``; these cases pin their contracts without going through
``parse_rational``'s keyword arguments, so a change to either contract shows here.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from textbook_gym.verifiers.errors import ParseError
from textbook_gym.verifiers.numbers import parse_exact_fraction, parse_lowest_terms

ACCEPTED_BY_BOTH = [
    ("3/8", Fraction(3, 8)),
    ("\\frac{3}{8}", Fraction(3, 8)),
    ("\\dfrac38", Fraction(3, 8)),
    ("-31/2", Fraction(-31, 2)),
    ("2 1/3", Fraction(7, 3)),
    ("-4", Fraction(-4)),
    ("0", Fraction(0)),
]
"""Integers, reduced fractions in text and LaTeX, and mixed numbers: every answer form accepts them."""

UNREDUCED = ["6/16", "\\frac{6}{16}", "4/1", "1 2/4", "62/4"]
"""Fractions that are not in lowest terms (a denominator 1 counts as unreduced): both refuse them."""

DECIMALS = [("0.375", Fraction(3, 8)), ("15.5", Fraction(31, 2)), ("-0.5", Fraction(-1, 2))]
"""Exact decimals: the lowest-terms form accepts them, the exact-fraction form refuses them."""


@pytest.mark.parametrize("parse", [parse_lowest_terms, parse_exact_fraction])
@pytest.mark.parametrize("span, value", ACCEPTED_BY_BOTH)
def test_both_accept_integers_reduced_fractions_and_mixed_numbers(parse, span, value):
    assert parse(span) == value


@pytest.mark.parametrize("parse", [parse_lowest_terms, parse_exact_fraction])
@pytest.mark.parametrize("span", UNREDUCED)
def test_both_refuse_unreduced_fractions(parse, span):
    with pytest.raises(ParseError, match="lowest terms"):
        parse(span)


@pytest.mark.parametrize("span, value", DECIMALS)
def test_lowest_terms_accepts_exact_decimals(span, value):
    assert parse_lowest_terms(span) == value


@pytest.mark.parametrize("span, _value", DECIMALS)
def test_exact_fraction_refuses_decimals(span, _value):
    with pytest.raises(ParseError):
        parse_exact_fraction(span)


@pytest.mark.parametrize("parse", [parse_lowest_terms, parse_exact_fraction])
@pytest.mark.parametrize("span", ["", "three", "3/0", "1 5/4", "nan", "1/2/3"])
def test_both_refuse_what_is_not_a_number(parse, span):
    with pytest.raises(ParseError):
        parse(span)


def test_refusal_names_the_reduced_form():
    with pytest.raises(ParseError, match="write 3/8"):
        parse_exact_fraction("6/16")


def test_decimal_refusal_says_why_and_does_not_offer_a_decimal_form():
    # the answer-format hint a model reads back must not list "0.75" as a form this parser refuses
    with pytest.raises(ParseError, match="is a decimal; write the exact fraction") as refused:
        parse_exact_fraction("0.375")
    assert "0.75" not in str(refused.value)
    with pytest.raises(ParseError) as unreadable:
        parse_exact_fraction("three")
    assert "0.75" not in str(unreadable.value)
