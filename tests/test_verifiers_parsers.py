"""Typed parsers: each accepted rendering parses to the exact value; refusals are ParseError."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from textbook_gym.verifiers import (
    ParseError,
    normalize_text,
    parse_assignments,
    parse_choice,
    parse_decimal,
    parse_equation,
    parse_expression,
    parse_integer,
    parse_intervals,
    parse_list,
    parse_matrix,
    parse_percent,
    parse_rational,
    parse_real,
    parse_set,
    parse_tuple,
    real_close,
)

x, y = sympy.symbols("x y")


@pytest.mark.parametrize(
    "span, value",
    [
        ("3", Fraction(3)), ("3/4", Fraction(3, 4)), ("-3/4", Fraction(-3, 4)), ("\\frac{3}{4}", Fraction(3, 4)),
        ("\\dfrac34", Fraction(3, 4)), ("\\tfrac{3}{4}", Fraction(3, 4)), ("\\frac{-3}{4}", Fraction(-3, 4)),
        ("-\\frac34", Fraction(-3, 4)), ("1 1/2", Fraction(3, 2)), ("1\\frac{1}{2}", Fraction(3, 2)),
        ("0.75", Fraction(3, 4)), ("$\\frac{1}{2}$", Fraction(1, 2)), ("(-3/4)", Fraction(-3, 4)),
    ],
)
def test_rational_renderings(span, value):
    assert parse_rational(span) == value


@pytest.mark.parametrize("span", ["6/8", "4/1", "\\frac{2}{4}", "1 2/4"])
def test_lowest_terms_refuses_unreduced(span):
    with pytest.raises(ParseError, match="lowest terms"):
        parse_rational(span, require_lowest_terms=True)


@pytest.mark.parametrize("span", ["3/0", "1 5/4", "--3", "3/-4", "12,34", "", "three", "nan", "1/2/3"])
def test_rational_refusals(span):
    with pytest.raises(ParseError):
        parse_rational(span)


def test_decimal_and_real():
    assert parse_decimal("1,234.5") == Fraction(2469, 2)
    assert parse_real("1.5e3") == 1500
    assert parse_real("2.5 \\times 10^{-2}") == Fraction(1, 40)
    for bad in ["1e309", "nan", "inf", "\\infty"]:
        with pytest.raises(ParseError):
            parse_real(bad)


def test_real_close_is_exact_and_bounded():
    assert real_close(Fraction(1, 3), Fraction(333, 1000), rel_tol=0, abs_tol=0.001)
    assert not real_close(2, Fraction(20000001, 10000000), rel_tol=1e-9)
    assert not real_close(float("nan"), 1.0, rel_tol=1)


@pytest.mark.parametrize("span", ["25%", "25\\%", "25 percent", "25"])
def test_percent(span):
    assert parse_percent(span) == 25


def test_composites_compose():
    assert parse_tuple("\\left(1, -2\\right)", parse_integer) == (1, -2)
    assert parse_list("[3, 1, 2]", parse_integer) == (3, 1, 2)
    assert parse_set("\\{1, 2\\}", parse_integer) == frozenset({1, 2})
    assert parse_set("1, 2", parse_integer) == frozenset({1, 2})
    assert parse_set("{(1,2),(3,4)}", lambda s: parse_tuple(s, parse_integer)) == frozenset({(1, 2), (3, 4)})
    assert parse_matrix("[[1,2],[3,4]]", parse_integer) == ((1, 2), (3, 4))
    assert parse_matrix("\\begin{bmatrix}1&2\\\\3&4\\end{bmatrix}", parse_integer) == ((1, 2), (3, 4))


@pytest.mark.parametrize(
    "call",
    [
        lambda: parse_set("{1, 1, 2}", parse_integer),
        lambda: parse_matrix("[[1,2],[3]]", parse_integer),
        lambda: parse_matrix("\\begin{vmatrix}1&2\\\\3&4\\end{vmatrix}", parse_integer),
        lambda: parse_tuple("(1,,2)", parse_integer),
        lambda: parse_assignments("x = 1, x = 2", parse_integer),
        lambda: parse_choice("E", "ABCD"),
    ],
)
def test_composite_refusals(call):
    with pytest.raises(ParseError):
        call()


def test_assignments_and_choices():
    assert parse_assignments("x = 3", parse_integer) == {"x": 3}
    assert parse_assignments("x=2, y=-1", parse_integer) == {"x": 2, "y": -1}
    assert parse_assignments("x = 2 and y = -1", parse_integer) == {"x": 2, "y": -1}
    assert parse_assignments("y = 1, x = 2", parse_integer, names=["x", "y"]) == {"x": 2, "y": 1}
    with pytest.raises(ParseError, match=r"z is not an unknown of this system \(x, y\)"):
        parse_assignments("x = 2, y = 1, z = 0", parse_integer, names=["x", "y"])
    assert parse_choice("(B)", "ABCD") == "B"
    assert parse_choice("B)", "ABCD") == "B"
    assert normalize_text("  \\text{The  Quick}  Fox! ") == "the quick fox"


@pytest.mark.parametrize(
    "span, expected",
    [
        ("(-\\infty, 3]", sympy.Interval(-sympy.oo, 3)),
        ("[1, 2) \\cup (3, \\infty)", sympy.Union(sympy.Interval.Ropen(1, 2), sympy.Interval.open(3, sympy.oo))),
        ("x < 3", sympy.Interval.open(-sympy.oo, 3)),
        ("x >= 2", sympy.Interval(2, sympy.oo)),
        ("-1 < x <= 4", sympy.Interval.Lopen(-1, 4)),
        ("\\mathbb{R}", sympy.S.Reals),
        ("(-\\infty, \\infty)", sympy.S.Reals),
        ("\\emptyset", sympy.S.EmptySet),
        ("(-oo, 3]", sympy.Interval(-sympy.oo, 3)),
    ],
)
def test_intervals(span, expected):
    assert parse_intervals(span) == expected


@pytest.mark.parametrize(
    "span, expected",
    [
        ("2x", 2 * x), ("3(x+1)", 3 * x + 3), ("x y", x * y), ("-x^2", -(x**2)), ("2^3^2", sympy.Integer(512)),
        ("\\frac{x}{2}", x / 2), ("\\sqrt[3]{x}", sympy.cbrt(x)), ("\\sin x \\cos x", sympy.sin(x) * sympy.cos(x)),
        ("e^{x}", sympy.exp(x)), ("\\left(x+1\\right)^2", (x + 1) ** 2), ("x²", x**2), ("xe^x", x * sympy.exp(x)),
        ("\\sin^{-1} x", sympy.asin(x)), ("|x-1|", sympy.Abs(x - 1)), ("\\ln x", sympy.log(x)), ("3.25", sympy.Rational(13, 4)),
    ],
)
def test_expression_grammar(span, expected):
    assert parse_expression(span) == expected


@pytest.mark.parametrize(
    "expr",
    [
        x**2 + 2 * x + 1, sympy.sqrt(2) * x / 3, sympy.exp(x) * sympy.log(x, 2), sympy.Abs(x - 1), sympy.I * x,
        sympy.pi / 4, sympy.asin(x), sympy.Rational(-3, 4) * sympy.cbrt(x), sympy.E**2, sympy.Symbol("theta") + sympy.Symbol("x_1"),
        sympy.oo, 1 / (x + 1) ** 2, sympy.sec(x), sympy.sqrt(x + 1), x * y - 3 * y**3 / 7, sympy.atan(2 * x) - sympy.pi,
    ],
)
def test_sstr_round_trip(expr):
    assert parse_expression(sympy.sstr(expr)) == expr
    assert parse_expression(sympy.sstr(expr, order="lex")) == expr


@pytest.mark.parametrize(
    "span",
    ["((9**9)**9999)**9999", "9^9^9^9", "2^{2^{2^{2^{2}}}}", "9**9**9**9", "__import__('os')", "1/0", "x/0",
     "(" * 50 + "1" + ")" * 50, "1" * 700, "-" * 500 + "x", "hello world", "x.__class__", "lambda: 1", "3 or 4", "a;b"],
)
def test_expression_refusals(span):
    with pytest.raises(ParseError):
        parse_expression(span)


# Two numbers side by side were once multiplied: "1 000" read 0, "12 345" read 4140, "1 3/4" and
# "1\\frac{3}{4}" read 3/4, "1 8" read 8, so a mixed number or a thin-space thousand could be paid as another
# value (math-verify, for one, reads "1 000" as 0). Now a thousands grouping reads as the number it writes and
# everything else is refused (a subscript or an exponent before a number aside).
@pytest.mark.parametrize(
    "span, expected",
    [("12 345", 12345), ("1 000 000", 1_000_000), ("12\\,345", 12345), ("1\u2009000", 1000), ("2 500.25", sympy.Rational(250025, 100)),
     ("x^2 + 1 000", x**2 + 1000), ("1 000x", 1000 * x), ("2\\frac{x}{3}", 2 * x / 3), ("2 \\frac{\\pi}{3}", 2 * sympy.pi / 3),
     ("\\frac{1}{2}x^2", x**2 / 2), ("2 \\cdot 3", 6), ("(2)(3)", 6),
     # after a subscript or an exponent, a number is an argument or a factor, as it always was
     ("\\log_2 3", sympy.log(3) / sympy.log(2)), ("\\sin^2 3", sympy.sin(3) ** 2), ("x_1 2", 2 * sympy.Symbol("x_1")),
     ("2^3 4", 32)],
)
def test_numbers_side_by_side_read_only_as_thousands(span, expected):
    assert parse_expression(span) == expected


@pytest.mark.parametrize(
    "span",
    ["1 8", "2 3", "-1 8", "1 3/4", "1\\frac{3}{4}", "1 \\frac{3}{4}", "-2\\frac12", "0 123", "1234 567", "12 345 67",
     "1  000", "1\n000", "1\\quad 000", "1.5.5", "12 34.5"],
)
def test_numbers_side_by_side_are_refused_not_multiplied(span):
    with pytest.raises(ParseError, match="side by side|mixed number"):
        parse_expression(span)


def test_equation():
    assert parse_equation("y = 2x + 1") == (y, 2 * x + 1)
    with pytest.raises(ParseError):
        parse_equation("y = 1 = 2")
