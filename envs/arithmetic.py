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

**Problem-space sizes** (:meth:`Arithmetic.space_size`): level 1 is exact (1,900
sums); levels 2-4 are exact counts of the operand pairs; levels 5-10 are estimates
from 4,000 draws per level (Chao1 estimator; a level where no problem repeated is given
as the estimator's lower bound).

**Version history.** v0: first release. v1: level 1 adds a one-digit number to a one-
or two-digit number (1,900 problems instead of 100, so its test split holds about 190);
the exposition's carrying passages state the carry correctly; one-digit sums get a hint.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from textbook_gym.family import Family, check_difficulty
from textbook_gym.problem import Problem
from textbook_gym.registry import register_family
from textbook_gym.verdict import Verdict
from textbook_gym.verifiers import check_answer, parse_integer

SYMBOL = {"+": "+", "-": "-", "*": "×", "/": "÷"}
PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2}
PLACE_NAMES = ["ones", "tens", "hundreds", "thousands", "ten-thousands", "hundred-thousands", "millions"]


# --------------------------------------------------------------------------- expression trees
@dataclass(frozen=True)
class Node:
    """An expression tree: a leaf holds ``value``; an inner node holds ``op``, ``left``, ``right``."""

    value: int | None = None
    op: str | None = None
    left: Node | None = None
    right: Node | None = None

    @property
    def is_leaf(self) -> bool:
        return self.op is None

    def evaluate(self) -> int:
        if self.is_leaf:
            return self.value
        a, b = self.left.evaluate(), self.right.evaluate()
        return apply(self.op, a, b)


def apply(op: str, a: int, b: int) -> int:
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    quotient, remainder = divmod(a, b)
    if remainder:
        raise ValueError(f"{a} ÷ {b} is not exact")
    return quotient


def render(node: Node, parent_op: str | None = None, is_right: bool = False) -> str:
    """Render with the parentheses the tree needs (and only those)."""
    if node.is_leaf:
        return f"(−{-node.value})" if node.value < 0 else str(node.value)
    text = f"{render(node.left, node.op, False)} {SYMBOL[node.op]} {render(node.right, node.op, True)}"
    if parent_op is None:
        return text
    weaker = PRECEDENCE[node.op] < PRECEDENCE[parent_op]
    same_on_right = is_right and PRECEDENCE[node.op] == PRECEDENCE[parent_op] and parent_op in "-/"
    right_of_division = is_right and parent_op == "/" and node.op == "*"
    return f"({text})" if weaker or same_on_right or right_of_division else text


def leaf(value: int) -> Node:
    return Node(value=int(value))


def reduce_once(node: Node) -> tuple[Node, tuple[str, int, int, int]]:
    """Perform the first operation the order of operations allows; return the new tree and the step.

    The rule: innermost parentheses first, then × and ÷ from left to right, then
    + and − from left to right. On a tree this is "the leftmost node whose children
    are both numbers, preferring × and ÷ at the same parenthesis level".
    """
    target = _choose(node)
    a, b = target.left.value, target.right.value
    result = apply(target.op, a, b)

    def rebuild(current: Node) -> Node:
        if current is target:
            return leaf(result)
        if current.is_leaf:
            return current
        return Node(op=current.op, left=rebuild(current.left), right=rebuild(current.right))

    return rebuild(node), (target.op, a, b, result)


def _ready(node: Node) -> list[Node]:
    """Nodes whose two children are numbers, in left-to-right order."""
    if node.is_leaf:
        return []
    if node.left.is_leaf and node.right.is_leaf:
        return [node]
    return _ready(node.left) + _ready(node.right)


def _choose(node: Node) -> Node:
    """Parenthesized groups first, then × and ÷, then + and −, each left to right."""
    ready = _ready(node)
    parents = {id(candidate): _parent(node, candidate) for candidate in ready}
    for candidate in ready:
        parent = parents[id(candidate)]
        if parent is not None and _needs_parens(candidate, parent):
            return candidate
    for candidate in ready:
        if candidate.op in "*/":
            return candidate
    return ready[0]


def _needs_parens(child: Node, parent: Node) -> bool:
    is_right = parent.right is child
    weaker = PRECEDENCE[child.op] < PRECEDENCE[parent.op]
    same_on_right = is_right and PRECEDENCE[child.op] == PRECEDENCE[parent.op] and parent.op in "-/"
    return weaker or same_on_right or (is_right and parent.op == "/" and child.op == "*")


def _parent(root: Node, child: Node) -> Node | None:
    if root.is_leaf:
        return None
    if root.left is child or root.right is child:
        return root
    return _parent(root.left, child) or _parent(root.right, child)


# --------------------------------------------------------------------------- generation
@dataclass(frozen=True)
class Level:
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


LEVELS = {
    5: Level((3, 3), (1, 2), "+-*", False, False),
    6: Level((3, 4), (1, 2), "+-*/", False, True),
    7: Level((4, 4), (1, 2), "+-*/", True, True),
    8: Level((3, 4), (2, 3), "+-*", False, False),
    9: Level((5, 5), (1, 2), "+-*/", True, True),
    10: Level((6, 7), (1, 2), "+-*/", True, True),
}


def _number(rng: np.random.Generator, digits: int, negative_ok: bool = False) -> int:
    lo = 0 if digits == 1 else 10 ** (digits - 1)
    value = int(rng.integers(lo, 10**digits))
    if negative_ok and rng.random() < 0.35 and value != 0:
        value = -value
    return value


def _basic(rng: np.random.Generator, difficulty: int) -> Node:
    """Levels 1-4: one operation with the column methods."""
    if difficulty == 1:
        # Half one-digit sums (100 problems), half a one-digit number added to a two-digit
        # one (1,800 more): one-digit sums alone are too few for a test split of 50.
        if rng.random() < 0.5:
            return Node(op="+", left=leaf(rng.integers(0, 10)), right=leaf(rng.integers(0, 10)))
        pair = [int(rng.integers(10, 100)), int(rng.integers(0, 10))]
        if rng.random() < 0.5:
            pair.reverse()
        return Node(op="+", left=leaf(pair[0]), right=leaf(pair[1]))
    if difficulty in (2, 3):
        digits = difficulty
        a, b = _number(rng, digits), _number(rng, int(rng.integers(1, digits + 1)))
        if rng.random() < 0.5:
            return Node(op="+", left=leaf(a), right=leaf(b))
        a, b = max(a, b), min(a, b)
        return Node(op="-", left=leaf(a), right=leaf(b))
    if rng.random() < 0.55:
        return Node(op="*", left=leaf(_number(rng, int(rng.integers(2, 4)))), right=leaf(rng.integers(2, 10)))
    divisor = int(rng.integers(2, 10))
    quotient = _number(rng, int(rng.integers(2, 4)))
    return Node(op="/", left=leaf(divisor * quotient), right=leaf(divisor))


def _random_tree(rng: np.random.Generator, n: int, level: Level, depth_left: int) -> Node:
    if n == 1:
        return leaf(_number(rng, int(rng.integers(level.digits[0], level.digits[1] + 1)), level.negatives))
    k = int(rng.integers(1, n)) if level.parentheses and depth_left > 0 else n - 1
    op = level.ops[int(rng.integers(0, len(level.ops)))]
    if op == "/":
        right = _random_tree(rng, 1, level, 0)
        divisor = right.value if right.value not in (0,) else 1
        right = leaf(divisor)
        quotient = _number(rng, 1, level.negatives)
        left = leaf(quotient * divisor)
        # The division consumes two operands; the rest hang on the left as a chain.
        node = Node(op="/", left=left, right=right)
        if n > 2:
            rest = _random_tree(rng, n - 2, level, depth_left - 1)
            other = level.ops.replace("/", "")[int(rng.integers(0, len(level.ops) - 1))]
            node = Node(op=other, left=rest, right=node) if rng.random() < 0.5 else Node(op=other, left=node, right=rest)
        return node
    left = _random_tree(rng, k, level, depth_left - 1)
    right = _random_tree(rng, n - k, level, depth_left - 1)
    return Node(op=op, left=left, right=right)


def _flat_chain(rng: np.random.Generator, n: int, level: Level) -> Node:
    """``a op b op c ...`` without parentheses, parsed with the usual precedence."""
    numbers = [
        leaf(_number(rng, int(rng.integers(level.digits[0], level.digits[1] + 1)), level.negatives)) for _ in range(n)
    ]
    ops = [level.ops[int(rng.integers(0, len(level.ops)))] for _ in range(n - 1)]
    # Fold the multiplicative runs first, then the additive chain left to right.
    terms, joins = [numbers[0]], []
    for op, number in zip(ops, numbers[1:]):
        if PRECEDENCE[op] == 2:
            terms[-1] = Node(op=op, left=terms[-1], right=number)
        else:
            joins.append(op)
            terms.append(number)
    tree = terms[0]
    for op, term in zip(joins, terms[1:]):
        tree = Node(op=op, left=tree, right=term)
    return tree


def _expression(rng: np.random.Generator, difficulty: int) -> Node:
    level = LEVELS[difficulty]
    depth = {5: 0, 6: 2, 7: 2, 8: 0, 9: 3, 10: 4}[difficulty]
    for _ in range(100):
        n = int(rng.integers(level.operands[0], level.operands[1] + 1))
        tree = _random_tree(rng, n, level, depth) if level.parentheses else _flat_chain(rng, n, level)
        if difficulty == 8 and "*" not in _ops(tree):
            continue
        if difficulty >= 9 and _nesting(render(tree)) < 2:
            continue
        if abs(tree.evaluate()) < 10 ** 7:
            return tree
    return tree


def _ops(node: Node) -> str:
    return "" if node.is_leaf else node.op + _ops(node.left) + _ops(node.right)


def _nesting(text: str) -> int:
    depth = best = 0
    for char in text:
        if char == "(":
            depth += 1
            best = max(best, depth)
        elif char == ")":
            depth -= 1
    return best


def _to_data(node: Node):
    return node.value if node.is_leaf else [node.op, _to_data(node.left), _to_data(node.right)]


def _from_data(data) -> Node:
    if isinstance(data, int):
        return leaf(data)
    op, left, right = data
    return Node(op=op, left=_from_data(left), right=_from_data(right))


# --------------------------------------------------------------------------- worked solutions
def column_addition(a: int, b: int) -> list[str]:
    """Column addition of two non-negative integers, ones first.

    One line per column, ``top+bottom+carry=sum``; the carry into the next column is
    the tens digit of the sum, and the ones digits, read upwards, are the answer.
    """
    da, db = str(a)[::-1], str(b)[::-1]
    lines = [f"{a} + {b} by columns from the ones, top+bottom+carry:"]
    carry = 0
    for i in range(max(len(da), len(db))):
        x = int(da[i]) if i < len(da) else 0
        y = int(db[i]) if i < len(db) else 0
        total = x + y + carry
        lines.append(f"{x}+{y}+{carry}={total}")
        carry = total // 10
    return lines


def column_subtraction(a: int, b: int) -> list[str]:
    """Column subtraction a - b with a >= b >= 0, ones first.

    One line per column, ``top-bottom-borrow=digit``; when the top digit is too small
    the column borrows ten (written as a leading 1) and the next column pays it back.
    """
    da, db = str(a)[::-1], str(b)[::-1]
    lines = [f"{a} - {b} by columns from the ones, top-bottom-borrow:"]
    borrow = 0
    for i in range(len(da)):
        x = int(da[i])
        y = int(db[i]) if i < len(db) else 0
        result = x - y - borrow
        top = x + 10 if result < 0 else x
        lines.append(f"{top}-{y}-{borrow}={top - y - borrow}")
        borrow = 1 if result < 0 else 0
    return lines


def column_multiplication(a: int, d: int) -> list[str]:
    """a × d for a non-negative integer a and one digit d, ones first, carries explicit."""
    lines = [f"{a} × {d} by digits from the ones, digit×{d}+carry:"]
    carry = 0
    for digit in str(a)[::-1]:
        total = int(digit) * d + carry
        lines.append(f"{digit}×{d}+{carry}={total}")
        carry = total // 10
    return lines


def long_multiplication(a: int, b: int) -> list[str]:
    """a × b for multi-digit b: one partial product per digit of b, then their sum."""
    lines = [f"Multiply {a} by each digit of {b} and shift by its place value."]
    partials = []
    for i, digit in enumerate(str(b)[::-1]):
        product = a * int(digit) * 10**i
        partials.append(product)
        lines.append(f"{a} × {digit} {PLACE_NAMES[min(i, 6)]} = {a * int(digit)} × {10 ** i} = {product}")
    lines.append(f"Add the partial products: {' + '.join(map(str, partials))} = {sum(partials)}")
    return lines


def short_division(a: int, d: int) -> list[str]:
    """a ÷ d (exact) for non-negative a and one-digit d, digit by digit from the left."""
    lines = [f"{a} ÷ {d} digit by digit from the left, carrying remainders:"]
    remainder = 0
    quotient_digits = []
    for digit in str(a):
        current = remainder * 10 + int(digit)
        q, remainder = divmod(current, d)
        quotient_digits.append(str(q))
        lines.append(f"{current}÷{d}={q} remainder {remainder}")
    lines.append(f"the quotient digits read {''.join(quotient_digits)}")
    return lines


def operation_fact(op: str, a: int, b: int, result: int) -> str:
    left = f"(−{-a})" if a < 0 else str(a)
    right = f"(−{-b})" if b < 0 else str(b)
    shown = f"−{-result}" if result < 0 else str(result)
    return f"{left} {SYMBOL[op]} {right} = {shown}"


def method_lines(op: str, a: int, b: int) -> list[str]:
    """Column-method detail for one operation on non-negative operands, when it helps."""
    if a < 0 or b < 0:
        return []
    if op == "+" and max(a, b) >= 10:
        return column_addition(a, b)
    if op == "-" and a >= b and a >= 10:
        return column_subtraction(a, b)
    if op == "*" and b < 10 and a >= 10:
        return column_multiplication(a, b)
    if op == "*" and b >= 10 and a >= 10:
        return long_multiplication(a, b)
    if op == "/" and b < 10 and a >= 10:
        return short_division(a, b)
    return []


# --------------------------------------------------------------------------- exposition
_TOPICS = {
    "place value": [
        "In the number {n}, each digit's place tells its worth: {expansion}. Place value is why a 3 in the tens column means thirty, not three.",
        "Place value: moving one column to the left multiplies a digit's worth by ten. The number {n} is {expansion}.",
        "To read {n}, split it into places: {expansion}. Every column holds exactly one digit from 0 to 9, which is why we carry when a column reaches ten.",
    ],
    "carrying": [
        "When a column adds to ten or more, keep the ones digit and carry the tens digit to the next column. For {a} + {b}, the ones give {o1} + {o2} = {os}, so we write {osd} and carry {osc}.",
        "Carrying moves a group of ten to the next place. In {a} + {b} the ones column makes {os}; {carry_clause}.",
        "A common slip in addition is forgetting a carry. Check {a} + {b} = {s}: work from the ones column leftwards and add every carry to the next column.",
    ],
    "borrowing": [
        "To subtract when the top digit is smaller, borrow one from the next column: that column loses 1 and this one gains 10. For {big} - {small} = {diff}, work from the ones upwards.",
        "Borrowing is regrouping: one ten becomes ten ones. In {big} - {small} we regroup whenever a top digit is smaller than the digit below it, and the answer is {diff}.",
        "Check a subtraction by adding back: {diff} + {small} = {big}. If the sum does not return the first number, a borrow was lost.",
    ],
    "multiplication tables": [
        "Multiplication is repeated addition: {x} × {y} means {y} groups of {x}, which is {p}. Knowing the table up to 9 × 9 makes column multiplication fast.",
        "The product {x} × {y} = {p} equals {y} × {x}: the order of factors does not change a product. This halves the tables you must remember.",
        "To multiply {big} by {y}, multiply every digit by {y} from the ones upward and carry the tens of each product: {big} × {y} = {bp}.",
    ],
    "division": [
        "Exact division undoes multiplication: since {x} × {y} = {p}, we know {p} ÷ {y} = {x}. Check a quotient by multiplying it back.",
        "Short division works from the left: divide the first digits, write the quotient digit, and carry the remainder into the next digit. {bp} ÷ {y} = {big}.",
        "Dividing by zero has no answer, and dividing zero by any nonzero number gives zero. {p} ÷ {y} = {x} because {x} groups of {y} make {p}.",
    ],
    "order of operations": [
        "Order of operations: work inside parentheses first, then multiply and divide from left to right, then add and subtract from left to right. So {a1} + {x} × {y} = {a1} + {p} = {ooo}.",
        "In {a1} + {x} × {y} the multiplication happens before the addition, giving {ooo}, not ({a1} + {x}) × {y} = {wrong}. Parentheses change the order.",
        "Multiplication and division have equal rank and go left to right, as do addition and subtraction. Evaluate one operation at a time and rewrite the expression after each step.",
    ],
    "negative numbers": [
        "Adding a negative number is subtracting: {a1} + (−{x}) = {neg1}. Subtracting a negative number is adding: {a1} - (−{x}) = {neg2}.",
        "The product of two negative numbers is positive: (−{x}) × (−{y}) = {p}. A negative times a positive is negative: (−{x}) × {y} = −{p}.",
        "On the number line, {a1} - {below} lands left of zero because {below} is larger: the answer is {neg3}. Find the difference of the sizes and give it the sign of the larger number.",
    ],
    "properties": [
        "Addition is commutative and associative, so {a} + {b} = {b} + {a} = {s}. Grouping differently can make mental arithmetic easier.",
        "The distributive law: {x} × ({y} + {a1}) = {x} × {y} + {x} × {a1} = {p} + {xa} = {dist}. It explains why column multiplication works.",
        "Zero and one are special: any number plus 0 is itself, any number times 1 is itself, and any number times 0 is 0. So {big} × 0 = 0 and {big} × 1 = {big}.",
    ],
    "estimation": [
        "Estimate before you compute: {a} + {b} is close to {ra} + {rb} = {rs}, so an exact answer far from {rs} signals a mistake. The exact sum is {s}.",
        "Round each number to its leading place to check a product: {big} × {y} is about {rbig} × {y} = {rbp}; the exact product {bp} should be nearby.",
    ],
    "column lines": [
        "In a column addition each line reads top+bottom+carry=sum. For {a} + {b} the ones line is {o1}+{o2}+0={os}; the next column adds a carry of {osc}. The last line's sum followed by the ones digits of the lines above it, read upwards, spells the sum {s}.",
        "A column subtraction line reads top-bottom-borrow=digit. When the top digit is too small we borrow ten, writing it as a leading 1, and the next column subtracts a borrow of 1. {big} - {small} = {diff}.",
        "Multiplying {big} by {y} digit by digit gives lines digit×{y}+carry=product, from the ones upwards; each product's tens become the next carry. The result is {bp}.",
    ],
    "worked example": [
        "Worked example: {a} + {b}. Ones: {o1} + {o2} = {os}. Continue column by column, carrying whenever a column reaches ten. The sum is {s}.",
        "Worked example: {big} - {small}. Start at the ones and borrow when the top digit is smaller. The difference is {diff}, and {diff} + {small} = {big} confirms it.",
        "Worked example: evaluate {a1} + {x} × {y} - {z}. First the multiplication: {x} × {y} = {p}. Then left to right: {a1} + {p} = {tmp}, and {tmp} - {z} = {we}.",
    ],
}


def _round_half_up(n: int, zeros: int) -> int:
    """``n`` rounded to a multiple of ``10**zeros``, halves up (as taught; Python's round() rounds half to even)."""
    unit = 10**zeros
    return (n + unit // 2) // unit * unit


@functools.lru_cache(maxsize=1)
def _passages() -> tuple[str, ...]:
    rng = np.random.default_rng(20261126)
    passages: list[str] = []
    seen: set[str] = set()
    while len(passages) < 240:
        for topic, templates in _TOPICS.items():
            a, b = int(rng.integers(10, 999)), int(rng.integers(10, 999))
            x, y, z = int(rng.integers(2, 10)), int(rng.integers(2, 10)), int(rng.integers(1, 20))
            a1 = int(rng.integers(1, 40))
            big, small = max(a, b), min(a, b)
            n = int(rng.integers(100, 99999))
            digits = str(n)
            expansion = " + ".join(
                f"{d} × {10 ** (len(digits) - 1 - i)}" for i, d in enumerate(digits) if d != "0"
            )
            os_ = a % 10 + b % 10
            carry_clause = (
                "ten of those ones become one ten, written as a carry of 1"
                if os_ >= 10
                else "that is less than ten, so nothing is carried"
            )
            values = {
                "a": a, "b": b, "s": a + b, "x": x, "y": y, "z": z, "p": x * y, "a1": a1, "big": big,
                "small": small, "diff": big - small, "n": n, "expansion": expansion, "o1": a % 10, "o2": b % 10,
                "os": os_, "osd": os_ % 10, "osc": os_ // 10, "carry_clause": carry_clause, "bp": big * y, "ooo": a1 + x * y,
                "wrong": (a1 + x) * y, "neg1": a1 - x, "neg2": a1 + x, "neg3": a1 - max(big, a1 + 1), "below": max(big, a1 + 1), "xa": x * a1,
                "dist": x * (y + a1), "ra": _round_half_up(a, 1), "rb": _round_half_up(b, 1),
                "rs": _round_half_up(a, 1) + _round_half_up(b, 1),
                "rbig": _round_half_up(big, len(str(big)) - 1), "rbp": _round_half_up(big, len(str(big)) - 1) * y,
                "tmp": a1 + x * y, "we": a1 + x * y - z,
            }
            template = templates[int(rng.integers(0, len(templates)))]
            text = f"{topic.capitalize()}. " + template.format(**values)
            if text not in seen:
                seen.add(text)
                passages.append(text)
    return tuple(passages)


# --------------------------------------------------------------------------- the family
@register_family
class Arithmetic(Family):
    name = "Arithmetic"
    version = 1
    answer_type = "integer"
    subject = "arithmetic"
    space_sizes = {  # (count, exact) per level; see "Problem-space sizes" in the module docstring
        1: (1900, True), 2: (13_995, True), 3: (1_395_450, True), 4: (15_840, True), 5: (360_000, False),
        6: (1_300_000, False), 7: (8_000_000, False), 8: (8_000_000, False), 9: (8_000_000, False),
        10: (8_000_000, False),
    }

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem:
        difficulty = check_difficulty(difficulty)
        tree = _basic(rng, difficulty) if difficulty <= 4 else _expression(rng, difficulty)
        expression = render(tree)
        verb = "What is" if difficulty <= 4 else "Evaluate"
        question = f"{verb} {expression}?" if difficulty <= 4 else f"{verb} {expression}."
        return Problem(
            question=question,
            answer=tree.evaluate(),
            family=self.name,
            version=self.version,
            difficulty=difficulty,
            metadata={"expression": expression, "tree": _to_data(tree)},
        )

    def worked_solution(self, problem: Problem) -> str:
        tree = _from_data(problem.metadata["tree"])
        lines: list[str] = []
        if tree.left.is_leaf and tree.right.is_leaf:
            a, b = tree.left.value, tree.right.value
            lines.extend(method_lines(tree.op, a, b))
            fact = operation_fact(tree.op, a, b, tree.evaluate())
            left, _, _ = fact.rpartition(" = ")
            lines.append(f"So {left} = \\boxed{{{problem.answer}}}.")
            return "\n".join(lines)
        else:
            lines.append("Use the order of operations: parentheses first, then × and ÷, then + and −, left to right.")
            while not tree.is_leaf:
                tree, (op, a, b, result) = reduce_once(tree)
                detail = method_lines(op, a, b)
                if detail and max(abs(a), abs(b)) >= 100:
                    lines.extend(detail)
                fact = operation_fact(op, a, b, result)
                rest = render(tree)
                lines.append(f"{fact}, so the expression becomes {rest}" if not tree.is_leaf else fact)
        answer = problem.answer
        lines.append(f"The answer is \\boxed{{{answer}}}.")
        return "\n".join(lines)

    def exposition(self) -> list[str]:
        return list(_passages())

    def solution_steps(self, problem: Problem) -> list[str]:
        """The worked solution's steps; a one-digit sum, solved in one line, gets a counting-on hint."""
        steps = super().solution_steps(problem)
        tree = _from_data(problem.metadata["tree"])
        if not steps and tree.left.is_leaf and tree.right.is_leaf:
            a, b = tree.left.value, tree.right.value
            big, small = max(a, b), min(a, b)
            return [f"Start at the larger number, {big}, and count on {small} more, one at a time."]
        return steps

    def verify(self, problem: Problem, response: str) -> Verdict:
        """Check an integer answer exactly.

        >>> fam = Arithmetic()
        >>> p = Problem("What is 2 + 3?", 5, "Arithmetic")
        >>> fam.verify(p, "2 + 3 = 5, so \\\\boxed{5}").status.value
        'CORRECT'
        >>> fam.verify(p, "\\\\boxed{5}\\\\boxed{6}").status.value
        'INCORRECT'
        """
        return check_answer(response, problem.answer, parse_integer)
