"""Family-specific properties of textbook/Arithmetic-v1 (envs/arithmetic.py)."""

from __future__ import annotations

import ast
import re
from fractions import Fraction

import numpy as np
import pytest

from textbook_gym.envs.arithmetic import Arithmetic
from textbook_gym.problem import Problem

FAM = Arithmetic()
CASES = [(d, s) for d in range(1, 11) for s in range(20)]
OPERATORS = {ast.Add: Fraction.__add__, ast.Sub: Fraction.__sub__, ast.Mult: Fraction.__mul__,
             ast.Div: Fraction.__truediv__}
FACT = re.compile(r"^(\(−\d+\)|\d+) ([-+×÷]) (\(−\d+\)|\d+) = (−?\d+)(?:, so the expression becomes .+)?$", re.M)


def problem(d: int, s: int) -> Problem:
    return FAM.generate(np.random.default_rng([s, d]), d)


def reference(expression: str) -> Fraction:
    """The expression's value from its text alone: Python's parser gives precedence and grouping (no eval)."""
    python = expression.replace("×", "*").replace("÷", "/").replace("−", "-")

    def value(node: ast.AST) -> Fraction:
        if isinstance(node, ast.BinOp):
            return OPERATORS[type(node.op)](value(node.left), value(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -value(node.operand)
        assert isinstance(node, ast.Constant) and isinstance(node.value, int), ast.dump(node)
        return Fraction(node.value)

    return value(ast.parse(python, mode="eval").body)


@pytest.mark.parametrize("d,s", CASES)
def test_answer_is_the_value_of_the_written_expression(d, s):
    """The parentheses the question shows are the ones the tree needs: the text alone gives the answer."""
    p = problem(d, s)
    assert reference(p.metadata["expression"]) == p.answer
    assert p.metadata["expression"] in p.question


@pytest.mark.parametrize("d,s", CASES)
def test_every_step_of_the_worked_solution_is_true_arithmetic(d, s):
    """Column lines, partial products, quotients and reductions each state a true equation."""
    p = FAM.generate(np.random.default_rng([s, d]), d)
    solution = FAM.worked_solution(p)
    for top, op, bottom, carry, total in re.findall(r"^(\d+)([-+×])(\d+)([-+]\d+)=(\d+)$", solution, re.M):
        value = {"+": int(top) + int(bottom), "-": int(top) - int(bottom), "×": int(top) * int(bottom)}[op]
        assert value + int(carry) == int(total), (top, op, bottom, carry, total)
    for current, divisor, quotient, remainder in re.findall(r"^(\d+)÷(\d+)=(\d+) remainder (\d+)$", solution, re.M):
        assert divmod(int(current), int(divisor)) == (int(quotient), int(remainder))
    for left, op, right, result in FACT.findall(solution):
        assert reference(f"{left} {op} {right}") == int(result.replace("−", "-")), (left, op, right, result)
    for top, digit, product, power, shifted in re.findall(r"^(\d+) × (\d) \S+ = (\d+) × (\d+) = (\d+)$", solution,
                                                         re.M):
        assert int(top) * int(digit) == int(product) and int(product) * int(power) == int(shifted)
    for partials, total in re.findall(r"^Add the partial products: (.+) = (\d+)$", solution, re.M):
        assert sum(int(part) for part in partials.split(" + ")) == int(total)
    assert solution.rstrip().endswith(f"\\boxed{{{p.answer}}}.")


@pytest.mark.parametrize("d,s", CASES)
def test_expression_steps_reduce_to_the_answer(d, s):
    """Each 'so the expression becomes' line keeps the value of the whole expression."""
    p = problem(d, s)
    for rest in re.findall(r", so the expression becomes (.+)$", FAM.worked_solution(p), re.M):
        assert reference(rest) == p.answer, rest


def test_levels_change_the_kind_of_problem():
    """Levels 1-4 ask one operation; from level 5 an expression with three or more operands."""
    for s in range(30):
        assert problem(1, s).question.startswith("What is ") and problem(1, s).answer <= 99 + 9
        assert len(re.findall(r"\d+", problem(5, s).metadata["expression"])) == 3
        assert "(" in problem(9, s).metadata["expression"]


def test_answer_forms():
    p = problem(7, 3)
    gold = p.answer
    assert FAM.verify(p, f"\\boxed{{{gold}}}").status.value == "CORRECT"
    assert FAM.verify(p, f"\\boxed{{{gold + 1}}}").status.value == "INCORRECT"
    assert FAM.verify(p, f"\\boxed{{{p.metadata['expression']}}}").status.value != "CORRECT"
