"""Arithmetic: evaluate an integer expression.

**Asked.** The value of an integer expression with ``+``, ``-``, ``*`` (shown ``×``),
exact ``÷`` and parentheses, e.g. ``What is 37 + 48?`` or
``Evaluate (12 - 3 × (−4)) ÷ 6.``

**Difficulty** changes the kind of problem, not only the size of the numbers:

==  ==========================================================  ============================
 1  adding a one-digit number to a one- or two-digit number       ``7 + 5``, ``46 + 8``
 2  two-digit addition or subtraction (non-negative result)      ``63 - 28``
 3  three-digit addition or subtraction, carries and borrows     ``457 + 386``
 4  multiplication by one digit, or exact division by one digit  ``47 × 6``, ``312 ÷ 4``
 5  three operands, order of operations, no parentheses          ``8 + 6 × 7``
 6  three or four operands with parentheses, exact division      ``(15 - 3) ÷ 4 + 9``
 7  negative numbers, four operands, parentheses                 ``(−6 + 14) × 3 - (−5)``
 8  multi-digit multiplication inside an expression              ``214 × 36 - 97``
 9  nested parentheses, five operands, negatives                 ``((−8) × (5 - 9) + 12) ÷ 4``
10  long nested expressions, six or seven operands, negatives
==  ==========================================================  ============================

**Answer type.** An integer, parsed by the strict grammar of
:mod:`textbook_gym.verifiers.integers`: sign, ASCII digits, thousands separators in
exact groups of three (``1,234``), ``42.0`` accepted, U+2212 minus accepted,
zero-width characters refused. Expressions (``3+4``) are not answers.

**Worked solutions** use column addition and subtraction, ones first, one line per
column: ``3+9+0=12`` is top digit + bottom digit + carry (the tens digit of the sum
is the next column's carry), ``14-7-0=7`` is top - bottom - borrow (a leading 1 marks
a borrowed ten, paid back by the next column). Multiplication by one digit works
the same way (``7×6+4=46``); short division carries remainders from the left; longer
expressions follow the order of operations one reduction at a time. The last line
holds ``\\boxed{answer}``. The compact one-line-per-column form is deliberate: it
is the granularity a small model can learn to follow, in the order it computes.

**Version history.** v0: first release. v1: level 1 adds a one-digit number to a one-
or two-digit number (1,900 problems instead of 100, so its test split holds about 190);
the exposition's carrying passages state the carry correctly; one-digit sums get a hint.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

import numpy as np

from textbook_gym.envs._kit import Family, Problem, register_family
from textbook_gym.verifiers import parse_integer

from ._kit.draw import choice, integer
from ._kit.formats import operand_text
from ._kit.numerals import PLACE_NAMES, PRECEDENCE, SIGNS, needs_parentheses, round_half_away, tree_text
from ._kit.tables import topic_exposition
from ._kit.texts import exposition_texts

OPERATION = {"+": operator.add, "-": operator.sub, "*": operator.mul}


# --------------------------------------------------------------------------- expression trees
# A tree is an int (a leaf) or a list [op, left, right], the form problems store in metadata.
def apply(op: str, left: int, right: int) -> int:
    """``left op right``; a division must be exact."""
    if op != "/":
        return OPERATION[op](left, right)
    quotient, remainder = divmod(left, right)
    if remainder:
        raise ValueError(f"{left} ÷ {right} is not exact")
    return quotient


def evaluate(tree: int | list) -> int:
    if isinstance(tree, int):
        return tree
    op, left, right = tree
    return apply(op, evaluate(left), evaluate(right))


def operand(value: int) -> str:
    """A number as it appears in an expression: negatives in parentheses, with U+2212 minus."""
    return operand_text(value, str)


def render(tree: int | list) -> str:
    """The expression with the parentheses the tree needs (and only those)."""
    return tree_text(tree, operand)


def reduce_once(tree: list) -> tuple[int | list, tuple[str, int, int, int]]:
    """Perform the first operation the order of operations allows; return the new tree and the step.

    The rule: innermost parentheses first, then × and ÷ from left to right, then
    + and − from left to right. On a tree this is "the leftmost node whose children
    are both numbers, preferring × and ÷ at the same parenthesis level".
    """
    target = _choose(tree)
    op, a, b = target
    result = apply(op, a, b)

    def rebuild(current: int | list) -> int | list:
        if current is target:
            return result
        return current if isinstance(current, int) else [current[0], rebuild(current[1]), rebuild(current[2])]

    return rebuild(tree), (op, a, b, result)


def _is_one_operation(tree: int | list) -> bool:
    return not isinstance(tree, int) and isinstance(tree[1], int) and isinstance(tree[2], int)


def _ready(tree: int | list, parent: list | None = None) -> list[tuple[list, list | None]]:
    """Operations on two numbers, with their parents, in left-to-right order."""
    if isinstance(tree, int):
        return []
    if _is_one_operation(tree):
        return [(tree, parent)]
    return _ready(tree[1], tree) + _ready(tree[2], tree)


def _choose(tree: list) -> list:
    """Parenthesized groups first, then × and ÷, then + and −, each left to right."""
    ready = _ready(tree)
    for candidate, parent in ready:
        if parent is not None and needs_parentheses(candidate[0], parent[0], parent[2] is candidate):
            return candidate
    return next((candidate for candidate, _ in ready if candidate[0] in "*/"), ready[0][0])


# --------------------------------------------------------------------------- generation
@dataclass(frozen=True)
class Level:
    """The shape of the expressions of one level (5-10)."""

    operands: tuple[int, int]
    """Inclusive range of the number of operands."""
    digits: tuple[int, int]
    """Inclusive range of digits per operand."""
    ops: str
    """Operators that may appear."""
    negatives: bool
    """Whether operands may be negative."""
    parentheses: bool
    """Whether the tree shape is free (parentheses appear) or a left-to-right chain."""
    depth: int
    """How deep the free tree shape may nest."""


LEVELS = {
    5: Level((3, 3), (1, 2), "+-*", False, False, 0),
    6: Level((3, 4), (1, 2), "+-*/", False, True, 2),
    7: Level((4, 4), (1, 2), "+-*/", True, True, 2),
    8: Level((3, 4), (2, 3), "+-*", False, False, 0),
    9: Level((5, 5), (1, 2), "+-*/", True, True, 3),
    10: Level((6, 7), (1, 2), "+-*/", True, True, 4),
}


def _number(rng: np.random.Generator, digits: int, negative_ok: bool = False) -> int:
    value = int(rng.integers(0 if digits == 1 else 10 ** (digits - 1), 10**digits))
    return -value if negative_ok and rng.random() < 0.35 and value != 0 else value


def _basic(rng: np.random.Generator, difficulty: int) -> list:
    """Levels 1-4: one operation with the column methods."""
    if difficulty == 1:
        # Half one-digit sums (100 problems), half a one-digit number added to a two-digit
        # one (1,800 more): one-digit sums alone are too few for a test split of 50.
        if rng.random() < 0.5:
            return ["+", int(rng.integers(0, 10)), int(rng.integers(0, 10))]
        pair = [int(rng.integers(10, 100)), int(rng.integers(0, 10))]
        if rng.random() < 0.5:
            pair.reverse()
        return ["+", *pair]
    if difficulty in (2, 3):
        a, b = _number(rng, difficulty), _number(rng, integer(rng, 1, difficulty))
        if rng.random() < 0.5:
            return ["+", a, b]
        return ["-", max(a, b), min(a, b)]
    if rng.random() < 0.55:
        return ["*", _number(rng, integer(rng, 2, 3)), int(rng.integers(2, 10))]
    divisor = integer(rng, 2, 9)
    quotient = _number(rng, integer(rng, 2, 3))
    return ["/", divisor * quotient, divisor]


def _random_tree(rng: np.random.Generator, operands: int, level: Level, depth_left: int) -> int | list:
    if operands == 1:
        return _number(rng, integer(rng, *level.digits), level.negatives)
    split = integer(rng, 1, operands - 1) if level.parentheses and depth_left > 0 else operands - 1
    op = choice(rng, level.ops)
    if op == "/":
        divisor = _random_tree(rng, 1, level, 0) or 1
        node = ["/", _number(rng, 1, level.negatives) * divisor, divisor]
        # The division consumes two operands; the rest hang on the left as a chain.
        if operands > 2:
            rest = _random_tree(rng, operands - 2, level, depth_left - 1)
            other = choice(rng, level.ops.replace("/", ""))
            node = [other, rest, node] if rng.random() < 0.5 else [other, node, rest]
        return node
    left = _random_tree(rng, split, level, depth_left - 1)
    return [op, left, _random_tree(rng, operands - split, level, depth_left - 1)]


def _flat_chain(rng: np.random.Generator, operands: int, level: Level) -> int | list:
    """``a op b op c ...`` without parentheses, parsed with the usual precedence."""
    numbers = [_number(rng, integer(rng, *level.digits), level.negatives) for _ in range(operands)]
    ops = [choice(rng, level.ops) for _ in range(operands - 1)]
    # Fold the multiplicative runs first, then the additive chain left to right.
    terms, joins = [numbers[0]], []
    for op, number in zip(ops, numbers[1:]):
        if PRECEDENCE[op] == 2:
            terms[-1] = [op, terms[-1], number]
        else:
            joins.append(op)
            terms.append(number)
    tree = terms[0]
    for op, term in zip(joins, terms[1:]):
        tree = [op, tree, term]
    return tree


def _expression(rng: np.random.Generator, difficulty: int) -> list:
    level = LEVELS[difficulty]
    for _ in range(100):
        n = integer(rng, *level.operands)
        tree = _random_tree(rng, n, level, level.depth) if level.parentheses else _flat_chain(rng, n, level)
        if difficulty == 8 and "*" not in _ops(tree):
            continue
        if difficulty >= 9 and _nesting(render(tree)) < 2:
            continue
        if abs(evaluate(tree)) < 10 ** 7:
            return tree
    return tree


def _ops(tree: int | list) -> str:
    return "" if isinstance(tree, int) else tree[0] + _ops(tree[1]) + _ops(tree[2])


def _nesting(text: str) -> int:
    """The deepest parenthesis nesting in ``text``."""
    depth = best = 0
    for char in text:
        depth += (char == "(") - (char == ")")
        best = max(best, depth)
    return best


# --------------------------------------------------------------------------- worked solutions
def _digit_pairs(first: int, second: int) -> list[tuple[int, int]]:
    """The digits of two numbers column by column from the ones (the shorter padded with zeros)."""
    top, bottom = str(first)[::-1], str(second)[::-1]
    return [(int(top[i]) if i < len(top) else 0, int(bottom[i]) if i < len(bottom) else 0)
            for i in range(max(len(top), len(bottom)))]


def column_addition(first: int, second: int) -> list[str]:
    """Column addition of two non-negative integers, ones first.

    One line per column, ``top+bottom+carry=sum``; the carry into the next column is
    the tens digit of the sum, and the ones digits, read upwards, are the answer.
    """
    lines = [f"{first} + {second} by columns from the ones, top+bottom+carry:"]
    carry = 0
    for x, y in _digit_pairs(first, second):
        lines.append(f"{x}+{y}+{carry}={x + y + carry}")
        carry = (x + y + carry) // 10
    return lines


def column_subtraction(first: int, second: int) -> list[str]:
    """Column subtraction first - second with first >= second >= 0, ones first.

    One line per column, ``top-bottom-borrow=digit``; when the top digit is too small
    the column borrows ten (written as a leading 1) and the next column pays it back.
    """
    lines = [f"{first} - {second} by columns from the ones, top-bottom-borrow:"]
    borrow = 0
    for x, y in _digit_pairs(first, second):
        top = x + 10 if x - y - borrow < 0 else x
        lines.append(f"{top}-{y}-{borrow}={top - y - borrow}")
        borrow = int(top > x)
    return lines


def column_multiplication(number: int, digit: int) -> list[str]:
    """A non-negative number times one digit, ones first, carries explicit."""
    lines = [f"{number} × {digit} by digits from the ones, digit×{digit}+carry:"]
    carry = 0
    for x, _ in _digit_pairs(number, 0):
        lines.append(f"{x}×{digit}+{carry}={x * digit + carry}")
        carry = (x * digit + carry) // 10
    return lines


def long_multiplication(first: int, second: int) -> list[str]:
    """first × second for a multi-digit second: one partial product per digit of it, then their sum."""
    lines = [f"Multiply {first} by each digit of {second} and shift by its place value."]
    partials = []
    for i, digit in enumerate(str(second)[::-1]):
        partials.append(first * int(digit) * 10**i)
        lines.append(f"{first} × {digit} {PLACE_NAMES.get(i, 'millions')} = {first * int(digit)} × {10 ** i} = "
                     f"{partials[-1]}")
    lines.append(f"Add the partial products: {' + '.join(map(str, partials))} = {sum(partials)}")
    return lines


def short_division(dividend: int, divisor: int) -> list[str]:
    """An exact division by a one-digit divisor, digit by digit from the left."""
    lines = [f"{dividend} ÷ {divisor} digit by digit from the left, carrying remainders:"]
    remainder = 0
    quotient_digits = []
    for digit in str(dividend):
        current = remainder * 10 + int(digit)
        quotient, remainder = divmod(current, divisor)
        quotient_digits.append(str(quotient))
        lines.append(f"{current}÷{divisor}={quotient} remainder {remainder}")
    lines.append(f"the quotient digits read {''.join(quotient_digits)}")
    return lines


def operation_fact(op: str, left: int, right: int, result: int) -> str:
    return f"{operand(left)} {SIGNS[op]} {operand(right)} = {f'−{-result}' if result < 0 else result}"


def method_lines(op: str, left: int, right: int) -> list[str]:
    """Column-method detail for one operation on non-negative operands, when it helps."""
    if left < 0 or right < 0:
        return []
    if op == "+" and max(left, right) >= 10:
        return column_addition(left, right)
    if op == "-" and left >= right and left >= 10:
        return column_subtraction(left, right)
    if op == "*" and left >= 10:
        return column_multiplication(left, right) if right < 10 else long_multiplication(left, right)
    if op == "/" and right < 10 and left >= 10:
        return short_division(left, right)
    return []


# --------------------------------------------------------------------------- exposition
_TOPICS = exposition_texts(__name__)


def _passage_values(rng: np.random.Generator, topic: str) -> dict:
    """Fresh values for one passage of ``topic``."""
    a, b = int(rng.integers(10, 999)), int(rng.integers(10, 999))
    x, y, z = int(rng.integers(2, 10)), int(rng.integers(2, 10)), int(rng.integers(1, 20))
    a1 = int(rng.integers(1, 40))
    big, small = max(a, b), min(a, b)
    n = int(rng.integers(100, 99999))
    digits = str(n)
    expansion = " + ".join(f"{d} × {10 ** (len(digits) - 1 - i)}" for i, d in enumerate(digits) if d != "0")
    ones = a % 10 + b % 10
    carry_clause = ("ten of those ones become one ten, written as a carry of 1" if ones >= 10
                    else "that is less than ten, so nothing is carried")
    rounded_big = int(round_half_away(big, len(str(big)) - 1))
    ra, rb = int(round_half_away(a, 1)), int(round_half_away(b, 1))
    return {
        "a": a, "b": b, "s": a + b, "x": x, "y": y, "z": z, "p": x * y, "a1": a1, "big": big,
        "small": small, "diff": big - small, "n": n, "expansion": expansion, "o1": a % 10, "o2": b % 10,
        "os": ones, "osd": ones % 10, "osc": ones // 10, "carry_clause": carry_clause, "bp": big * y,
        "ooo": a1 + x * y, "wrong": (a1 + x) * y, "neg1": a1 - x, "neg2": a1 + x, "neg3": a1 - max(big, a1 + 1),
        "below": max(big, a1 + 1), "xa": x * a1, "dist": x * (y + a1), "ra": ra, "rb": rb, "rs": ra + rb,
        "rbig": rounded_big, "rbp": rounded_big * y, "tmp": a1 + x * y, "we": a1 + x * y - z,
    }


# --------------------------------------------------------------------------- the family
@register_family
class Arithmetic(Family):
    """Integer expressions; the answer is checked exactly.

    >>> fam = Arithmetic()
    >>> p = Problem("What is 2 + 3?", 5, "Arithmetic")
    >>> fam.verify(p, "2 + 3 = 5, so \\\\boxed{5}").status.value
    'CORRECT'
    >>> fam.verify(p, "\\\\boxed{5}\\\\boxed{6}").status.value
    'INCORRECT'
    """

    name = "Arithmetic"
    version = 1
    answer_type = "integer"
    parse = parse_integer
    subject = "arithmetic"

    exposition = topic_exposition(20261126, 240, _TOPICS, _passage_values)

    def draw(self, rng: np.random.Generator, level: int) -> dict:
        """Levels 1-4 are one operation done by a column method, levels 5-10 longer expressions."""
        tree = _basic(rng, level) if level <= 4 else _expression(rng, level)
        return {"expression": render(tree), "tree": tree}

    def question(self, params: dict) -> str:
        one_operation = _is_one_operation(params["tree"])
        return f"What is {params['expression']}?" if one_operation else f"Evaluate {params['expression']}."

    def solve(self, params: dict) -> tuple[list[str], int]:
        """The column method for one operation; otherwise one reduction per line in the order of operations."""
        tree = params["tree"]
        if _is_one_operation(tree):
            return method_lines(*tree), evaluate(tree)
        lines = ["Use the order of operations: parentheses first, then × and ÷, then + and −, left to right."]
        while not isinstance(tree, int):
            tree, (op, a, b, result) = reduce_once(tree)
            detail = method_lines(op, a, b)
            if detail and max(abs(a), abs(b)) >= 100:
                lines.extend(detail)
            fact = operation_fact(op, a, b, result)
            lines.append(fact if isinstance(tree, int) else f"{fact}, so the expression becomes {render(tree)}")
        return lines, tree  # reduced to a single number: the value

    def answer_line(self, problem: Problem) -> str:
        """One operation ends ``So 37 + 48 = \\boxed{85}.``; an expression with the default line."""
        tree = problem.metadata["tree"]
        if _is_one_operation(tree):
            return f"So {render(tree)} = \\boxed{{{problem.answer}}}."
        return super().answer_line(problem)

    def solution_steps(self, problem: Problem) -> list[str]:
        """The worked solution's steps; a one-digit sum, solved in one line, gets a counting-on hint."""
        steps = super().solution_steps(problem)
        tree = problem.metadata["tree"]
        if not steps and _is_one_operation(tree):
            big, small = max(tree[1:]), min(tree[1:])
            return [f"Start at the larger number, {big}, and count on {small} more, one at a time."]
        return steps
