"""PolynomialExpansion: any term order accepted, unexpanded answers rejected, sympy expand reference."""

import numpy as np
import pytest
import sympy

from textbook_gym.envs._kit.polynomials import ordered_terms, polynomial_text, terms_text
from textbook_gym.envs.polynomial_expansion import PolynomialExpansion
from textbook_gym.verifiers.symbolic import parse_expression

FAMILY = PolynomialExpansion()


def problems(levels=range(1, 11), seeds=range(10)):
    return [FAMILY.generate(np.random.default_rng([s, d]), d) for d in levels for s in seeds]


def as_dict(expr):
    return {tuple(m): int(c) for m, c in sympy.Poly(expr, sympy.Symbol("x"), sympy.Symbol("y")).terms()}


@pytest.mark.parametrize("level", [2, 7, 10])
def test_any_term_order_and_spelling_verify(level):
    for p in problems([level], range(8)):
        terms = ordered_terms(as_dict(p.answer))
        for answer in (terms_text(terms), terms_text(terms[::-1]), sympy.sstr(p.answer), f"$ {polynomial_text(as_dict(p.answer))} $"):
            assert FAMILY.verify(p, f"\\boxed{{{answer}}}").correct, (p.question, answer)


def test_unexpanded_equal_answers_are_incorrect_with_a_reason():
    for p in problems(seeds=range(3)):
        verdict = FAMILY.verify(p, f"\\boxed{{{p.metadata['expression']}}}")
        assert verdict.status.value == "INCORRECT" and verdict.reason.startswith("not expanded"), p.question
    p = problems([2], [0])[0]
    for answer in (f"1*({sympy.sstr(p.answer)})", f"\\frac{{2({sympy.sstr(p.answer)})}}{{2}}"):
        assert FAMILY.verify(p, f"\\boxed{{{answer}}}").status.value == "INCORRECT", answer


def test_near_misses_fail():
    x = sympy.Symbol("x")
    for p in problems(seeds=range(4)):
        for wrong in (p.answer + 1, p.answer - x, -p.answer, 2 * p.answer):
            assert not FAMILY.verify(p, f"\\boxed{{{sympy.sstr(sympy.expand(wrong))}}}").correct, (p.question, wrong)


def test_answer_agrees_with_sympy_expand_of_the_question():
    for p in problems(seeds=range(10)):
        assert sympy.expand(parse_expression(p.metadata["expression"]) - p.answer) == 0, p.question


def test_levels_change_degree_and_variables():
    degree = lambda p: sympy.Poly(p.answer, *sorted(p.answer.free_symbols, key=str)).total_degree()  # noqa: E731
    assert all(degree(p) <= 2 for p in problems([1, 2, 3, 4], range(20)))
    assert all(degree(p) >= 3 for p in problems([5, 6, 7], range(20)))
    assert all(sympy.Symbol("y") in p.answer.free_symbols for p in problems([8], range(20)))
