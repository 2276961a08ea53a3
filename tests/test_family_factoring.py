"""Factoring: property-based verification (expansion + irreducible primitive factors), sympy reference."""

import re

import numpy as np
import pytest
import sympy

from textbook_gym.envs.factoring import Factoring
from textbook_gym.verifiers.symbolic import parse_expression

FAMILY = Factoring()
X, Y = sympy.symbols("x y")


def problems(levels=range(1, 11), seeds=range(10)):
    return [FAMILY.generate(np.random.default_rng([s, d]), d) for d in levels for s in seeds]


def polynomial(p):
    return parse_expression(p.metadata["polynomial"])


@pytest.mark.parametrize("level", [2, 5, 9, 10])
def test_other_orders_and_sympy_spelling_verify(level):
    for p in problems([level], range(8)):
        sympy_form = sympy.sstr(sympy.factor(polynomial(p)))
        assert FAMILY.verify(p, f"\\boxed{{{sympy_form}}}").correct, (p.question, sympy_form)
        assert FAMILY.verify(p, f"Answer: {p.answer}").correct


def test_sign_moved_between_factors_is_accepted():
    for p in problems([2, 4], range(6)):
        (first, m1), *rest = sympy.factor_list(polynomial(p))[1]
        tail = "".join(f"({sympy.sstr(f)})" + (f"^{m}" if m > 1 else "") for f, m in rest)
        if m1 == 1:
            flipped = f"-({sympy.sstr(-first)}){tail}"
            assert FAMILY.verify(p, f"\\boxed{{{flipped}}}").correct, (p.question, flipped)


def test_partial_and_unfactored_answers_fail():
    for p in problems(seeds=range(4)):
        verdict = FAMILY.verify(p, f"\\boxed{{{p.metadata['polynomial']}}}")
        assert verdict.status.value == "INCORRECT", p.question
    for p in problems([5], range(10)):
        k, pairs = sympy.factor_list(polynomial(p))
        first = sympy.expand(k * pairs[0][0] ** pairs[0][1])
        rest = "".join(f"({sympy.sstr(f)})" + (f"^{m}" if m > 1 else "") for f, m in pairs[1:])
        verdict = FAMILY.verify(p, f"\\boxed{{({sympy.sstr(first)}){rest}}}")
        assert verdict.status.value == "INCORRECT" and "not completely factored" in verdict.reason, p.question


def test_difference_of_squares_left_inside_fails():
    p = next(p for p in problems([9], range(40)) if p.answer.count("(") == 4)
    pairs = sympy.factor_list(polynomial(p))[1]
    product = sympy.expand(pairs[0][0] * pairs[1][0])
    rest = "".join(f"({sympy.sstr(f)})" for f, _ in pairs[2:])
    verdict = FAMILY.verify(p, f"\\boxed{{({sympy.sstr(product)}){rest}}}")
    assert verdict.status.value == "INCORRECT", verdict


def test_wrong_products_fail():
    for p in problems(seeds=range(3)):
        wrong = sympy.factor(polynomial(p) + 1)
        assert not FAMILY.verify(p, f"\\boxed{{{sympy.sstr(wrong)}}}").correct
        assert not FAMILY.verify(p, f"\\boxed{{-({p.answer})}}").correct


def test_gold_matches_sympy_factor_list():
    for p in problems(seeds=range(10)):
        gold = parse_expression(p.answer)
        assert sympy.expand(gold - polynomial(p)) == 0, p.question
        content, reference = sympy.factor_list(polynomial(p))
        ours = sympy.factor_list(gold)
        assert abs(content) == abs(ours[0]) and sorted(m for _, m in reference) == sorted(m for _, m in ours[1])


def test_levels_change_the_technique():
    assert {p.metadata["technique"] for p in problems([1], range(20))} == {"gcf"}
    assert {p.metadata["technique"] for p in problems([7], range(20))} == {"cubes"}
    assert all(sympy.Poly(polynomial(p), X).degree() >= 4 for p in problems([9], range(20)))


def test_level_9_has_hundreds_of_problems():
    """Level 9 once had 20 problems, too few for the export's content-hash test split."""
    questions = {p.question for p in problems([9], range(3000))}
    assert len(questions) >= 500


def test_level_7_has_more_than_a_few_dozen_problems():
    assert len({p.question for p in problems([7], range(1500))}) >= 60


def test_level_9_is_a_quadratic_in_x_squared_with_a_difference_of_squares():
    for p in problems([9], range(60)):
        poly = sympy.Poly(polynomial(p), X)
        assert poly.degree() == 4 and all(e % 2 == 0 for (e,) in poly.monoms()), p.question
        linear = [f for f, _ in sympy.factor_list(polynomial(p))[1] if sympy.degree(f, X) == 1]
        assert len(linear) >= 2, p.question


def test_level_9_worked_solution_factors_the_quadratic_in_u():
    for p in problems([9], range(80)):
        solution = FAMILY.worked_solution(p)
        quad = re.search(r"substitute u = x\^2: (.*)\.$", solution, re.M).group(1)
        assert sympy.expand(parse_expression(quad.replace("u", "(x^2)")) - polynomial(p)) == 0, solution
        pair = re.search(r"two numbers with product (-?\d+) and sum (-?\d+)(?::| are) (-?\d+) and (-?\d+)", solution)
        if pair:
            product, total, first, second = map(int, pair.groups())
            assert first * second == product and first + second == total, solution
        back = re.search(r"Put x\^2 back: (.*)\.$", solution, re.M).group(1)
        assert sympy.expand(parse_expression(back) - polynomial(p)) == 0, solution
        assert FAMILY.verify(p, solution).correct
