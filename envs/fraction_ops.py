"""Fractions: simplify, add, subtract, multiply and divide fractions; lowest terms required.

**Asked.** Either "Write 18/24 in lowest terms." or "Compute 3/4 + 5/6." with fractions written ``a/b``, mixed numbers
``2 1/3``, negatives in parentheses ``(−3/4)``, ``×`` and ``÷``.

**Difficulty** changes the operation and the shape of the problem:

==  ==============================================================  ===========================
 1  reduce one fraction to lowest terms (Euclid's algorithm)          ``18/24``
 2  add or subtract with equal denominators (5 to 20)                ``5/12 + 11/12``
 3  multiply two proper fractions                                     ``4/9 × 3/10``
 4  add or subtract with unlike denominators                          ``3/4 - 1/6``
 5  divide two proper fractions (multiply by the reciprocal)          ``2/3 ÷ 8/15``
 6  any one operation, negatives, denominators up to 24               ``(−7/12) + 5/18``
 7  add or subtract mixed numbers                                     ``3 1/4 - 1 5/6``
 8  multiply or divide mixed numbers                                  ``2 2/3 × 1 7/8``
 9  three fractions, order of operations (× or ÷ before + or −)      ``1/2 - 2/3 × 9/14``
10  four operands with parentheses, mixed numbers and negatives       ``(1 1/2 - 2/5) ÷ 3/4 + (−5/6)``
==  ==============================================================  ===========================

**Answer type.** A :class:`fractions.Fraction`. Accepted renderings (parsed by
:func:`textbook_gym.verifiers.numbers.parse_exact_fraction`, lowest terms and no decimals): ``3/4``, ``\\frac{3}{4}``,
``-\\frac{3}{4}``, ``\\frac{-3}{4}``, a whole number ``5`` when the value is whole, an improper fraction ``7/3`` or a
mixed number ``2 1/3`` / ``2\\frac{1}{3}`` at any level. Refused (UNPARSEABLE): fractions not in lowest terms
(``6/8``, ``4/1``, ``1 2/4``), decimals (``0.75``), a negative denominator.

**Worked solutions** show Euclid's algorithm for the greatest common divisor, the least common denominator and the
scaled numerators, the reciprocal for division, conversions between mixed numbers and improper fractions, and one
operation at a time in the order of operations. The last line holds ``\\boxed{answer}``.

**Version history.** v0: first release. v1: level 2 draws numerators prime to a denominator from 5 to 20; v0
showed each fraction in lowest terms, so 41% of its "equal denominators" problems showed unlike ones (``1/4 + 1/2``).
"""

from __future__ import annotations

import math
import operator
from fractions import Fraction

import numpy as np

from textbook_gym.envs._kit import Family, Problem, register_family
from textbook_gym.verifiers.numbers import parse_exact_fraction

from ._kit.draw import choice, integer
from ._kit.formats import fraction_latex, fraction_text, operand_text, parenthesized
from ._kit.integers import division_text, euclid_divisions
from ._kit.numerals import SIGNS, tree_text
from ._kit.tables import topic_exposition
from ._kit.texts import exposition_texts

OPERATION = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}


# --------------------------------------------------------------------------- rendering
def mixed_text(value: Fraction, latex: bool = False) -> str:
    """``2 1/3`` (with ``latex``: ``2\\frac{1}{3}``, sign in front) for an improper fraction, else the fraction."""
    write, gap = (fraction_latex, "") if latex else (fraction_text, " ")
    whole, part = divmod(abs(value), 1)
    if whole == 0 or part == 0:
        return write(value)
    return f"{'-' if value < 0 else ''}{int(whole)}{gap}{write(part)}"


def evaluate(node) -> Fraction:
    """The exact value of a problem tree."""
    if isinstance(node, str):
        return Fraction(node)
    op, left, right = node
    return OPERATION[op](evaluate(left), evaluate(right))


def _fair(tree) -> bool:
    """Whether a computation has a nonzero value with a denominator of at most 10,000 (no division by zero)."""
    try:
        value = evaluate(tree)
    except ZeroDivisionError:
        return False
    return value != 0 and value.denominator <= 10_000


# --------------------------------------------------------------------------- generation
def _draw_proper(rng: np.random.Generator, max_den: int, negative: bool = False) -> Fraction:
    """A proper fraction with a denominator from 2 to ``max_den``; with ``negative``, negative 40% of the time."""
    den = integer(rng, 2, max_den)
    value = Fraction(integer(rng, 1, den - 1), den)
    return -value if negative and rng.random() < 0.4 else value


def _draw_mixed(rng: np.random.Generator, negative: bool = False) -> Fraction:
    """A mixed number 1 to 4 and a proper part (denominator up to 9); with ``negative``, negative 30% of the time."""
    value = integer(rng, 1, 4) + _draw_proper(rng, 9)
    return -value if negative and rng.random() < 0.3 else value


def _draw_tree(rng: np.random.Generator, difficulty: int):
    """One problem tree: ``["simplify", "n/d"]`` or ``[op, left, right]`` with leaves ``"n/d"``."""
    if difficulty == 1:
        base = _draw_proper(rng, 15)
        scale = integer(rng, 2, 12)
        return ["simplify", f"{base.numerator * scale}/{base.denominator * scale}"]
    if difficulty == 2:  # numerators prime to the denominator, so both fractions show it in lowest terms
        den = integer(rng, 5, 20)  # from 5: with 3, 4 or 6 the only sum is 1 (1/3 + 2/3), a guessable answer
        numerators = [numerator for numerator in range(1, den) if math.gcd(numerator, den) == 1]
        small, large = sorted(int(v) for v in rng.choice(numerators, size=2, replace=False))
        op = "+" if rng.random() < 0.5 else "-"
        first, second = (large, small) if op == "-" else (small, large)
        return [op, fraction_text(Fraction(first, den)), fraction_text(Fraction(second, den))]
    if difficulty in (3, 4, 5):
        left, right = _draw_proper(rng, 12), _draw_proper(rng, 12)
        op = {3: "*", 5: "/"}.get(difficulty) or ("+" if rng.random() < 0.5 else "-")
        if op == "-" and left < right:
            left, right = right, left
        return [op, fraction_text(left), fraction_text(right)]
    if difficulty == 6:
        left, right = _draw_proper(rng, 24, True), _draw_proper(rng, 24, True)
        return [choice(rng, "+-*/"), fraction_text(left), fraction_text(right)]
    if difficulty in (7, 8):
        left, right = _draw_mixed(rng), _draw_mixed(rng)
        return [choice(rng, "+-" if difficulty == 7 else "*/"), fraction_text(left), fraction_text(right)]
    if difficulty == 9:
        first, second, third = (fraction_text(_draw_proper(rng, 12, True)) for _ in range(3))
        return [choice(rng, "+-"), first, [choice(rng, "*/"), second, third]]
    first, second = _draw_mixed(rng, True), _draw_proper(rng, 10)
    third, fourth = _draw_proper(rng, 10), _draw_proper(rng, 12, True)
    inner = [choice(rng, "+-"), fraction_text(first), fraction_text(second)]
    return [choice(rng, "+-"), [choice(rng, "*/"), inner, fraction_text(third)], fraction_text(fourth)]


# --------------------------------------------------------------------------- worked solutions
def reduce_lines(num: int, den: int) -> list[str]:
    """Lines that reduce num/den to lowest terms (or say that it already is)."""
    if math.gcd(num, den) == 1:
        return [f"{num}/{den} is already in lowest terms (gcd({abs(num)}, {den}) = 1)."]
    steps, gcd = euclid_divisions(abs(num), den)
    whole = f" = {num // den}." if den == gcd else "."
    return [f"Find gcd({abs(num)}, {den}) with Euclid's algorithm: " + "; ".join(steps) + f", so the gcd is {gcd}.",
            f"Divide top and bottom by {gcd}: {num}/{den} = {num // gcd}/{den // gcd}{whole}"]


def operation_lines(op: str, left: Fraction, right: Fraction) -> list[str]:
    """Genuine steps for one operation on two fractions; the result is reduced at the end."""
    lines: list[str] = []
    if op == "/":
        reciprocal = fraction_text(1 / right)
        lines.append(f"Dividing by {fraction_text(right)} means multiplying by its reciprocal {reciprocal}: "
                     f"{fraction_text(left)} ÷ {fraction_text(right)} = {fraction_text(left)} × {reciprocal}.")
        op, right = "*", 1 / right
    if op == "*":
        num, den = left.numerator * right.numerator, left.denominator * right.denominator
        lines.append(f"Multiply the numerators and the denominators: ({left.numerator} × {right.numerator})/"
                     f"({left.denominator} × {right.denominator}) = {num}/{den}.")
    else:
        if left.denominator == right.denominator:
            den, num_left, num_right = left.denominator, left.numerator, right.numerator
            lines.append(f"The denominators are both {den}, so combine the numerators.")
        else:
            den = math.lcm(left.denominator, right.denominator)
            scale_left, scale_right = den // left.denominator, den // right.denominator
            num_left, num_right = left.numerator * scale_left, right.numerator * scale_right
            lines.append(f"The least common denominator of {left.denominator} and {right.denominator} is {den}.")
            lines.append(f"{_scaled(left, scale_left)} and {_scaled(right, scale_right)}.")
        num = OPERATION[op](num_left, num_right)
        lines.append(f"{_unreduced(num_left, den)} {op} {_unreduced(num_right, den)} = "
                     f"({num_left} {op} {parenthesized(num_right)})/{den} = {num}/{den}.")
    if num == 0:
        return [*lines, "The numerator is 0, so the result is 0."]
    return lines + reduce_lines(num, den)


def _scaled(value: Fraction, scale: int) -> str:
    """``value`` with top and bottom multiplied by ``scale``: ``3/4 = (3 × 5)/(4 × 5) = 15/20``."""
    return (f"{fraction_text(value)} = ({value.numerator} × {scale})/({value.denominator} × {scale}) = "
            f"{value.numerator * scale}/{value.denominator * scale}")


def _unreduced(num: int, den: int) -> str:
    """``num/den`` as written before reducing, in parentheses when negative."""
    return f"({num}/{den})" if num < 0 else f"{num}/{den}"


def solve_lines(node) -> tuple[list[str], Fraction]:
    """Post-order evaluation, one operation at a time (this order respects the order of operations)."""
    if isinstance(node, str):
        return [], Fraction(node)
    op, left, right = node
    lines, left_value = solve_lines(left)
    more, right_value = solve_lines(right)
    return [*lines, *more, f"Now {operand_text(left_value)} {SIGNS[op]} {operand_text(right_value)}:",
            *operation_lines(op, left_value, right_value)], OPERATION[op](left_value, right_value)


def _operands(node) -> list[Fraction]:
    """The numbers of a problem tree, left to right."""
    return [Fraction(node)] if isinstance(node, str) else _operands(node[1]) + _operands(node[2])


def improper_line(value: Fraction) -> str:
    """A mixed number rewritten as an improper fraction."""
    whole, part = divmod(abs(value), 1)
    return (f"Write {mixed_text(value)} as an improper fraction: {'-' if value < 0 else ''}({int(whole)} × "
            f"{part.denominator} + {part.numerator})/{part.denominator} = {fraction_text(value)}.")


def mixed_line(value: Fraction) -> str:
    """An improper fraction rewritten as a mixed number."""
    return (f"As a mixed number: {division_text(abs(value.numerator), value.denominator)}, so "
            f"{fraction_text(value)} = {mixed_text(value)}.")


# --------------------------------------------------------------------------- exposition
_TOPICS = exposition_texts(__name__)


def _passage_values(rng: np.random.Generator, topic: str) -> dict:
    """Fresh values for one passage of ``topic``."""
    q, s = int(rng.integers(3, 13)), int(rng.integers(3, 13))
    p, r = int(rng.integers(1, q)), int(rng.integers(1, s))
    k, w = int(rng.integers(2, 8)), int(rng.integers(1, 6))
    gcd = math.gcd(p, q)
    p, q = p // gcd, q // gcd
    first, second = Fraction(p, q), Fraction(r, s)
    lcm = math.lcm(q, s)
    return {
        "p": p, "q": q, "r": r, "s": s, "k": k, "w": w, "pk": p * k, "qk": q * k, "gk": k,
        "big": q + p, "pr": p + r, "l": lcm, "pl": p * lcm // q, "rl": r * lcm // s,
        "sum_": fraction_text(first + second), "diff": fraction_text(first - second),
        "ndiff": fraction_text(second - first), "pr2": p * r, "qs": q * s, "prod": fraction_text(first * second),
        "quot": fraction_text(first / second), "wrongq": fraction_text(second / first), "imp": w * q + p,
        "twice": mixed_text(2 * (w + first)), "w2": 2 * w, "bad": fraction_text(Fraction(p + r, q + s)),
    }


# --------------------------------------------------------------------------- the family
@register_family
class Fractions(Family):
    """Exact fractions in lowest terms.

    >>> fam = Fractions()
    >>> p = Problem("Compute 1/2 + 1/4.", Fraction(3, 4), "Fractions")
    >>> fam.verify(p, "\\\\boxed{\\\\frac{3}{4}}").status.value
    'CORRECT'
    >>> fam.verify(p, "\\\\boxed{6/8}").status.value
    'UNPARSEABLE'
    """

    name = "Fractions"
    version = 1
    answer_type = "fraction"
    parse = parse_exact_fraction
    subject = "arithmetic"
    instruction = (
        "Give your final answer in lowest terms as \\boxed{\\frac{3}{4}} or \\boxed{3/4} (a whole number as "
        "\\boxed{5}, a mixed number as \\boxed{2\\frac{1}{3}}); decimals are not accepted. "
        "A final line 'Answer: 3/4' is also accepted."
    )
    exposition = topic_exposition(4_2024_11, 200, _TOPICS, _passage_values)

    def draw(self, rng: np.random.Generator, level: int) -> dict:
        """A problem tree; a computation is redrawn until its value is nonzero, with a denominator up to 10,000."""
        for _ in range(200):
            tree = _draw_tree(rng, level)
            if tree[0] == "simplify" or _fair(tree):
                return {"tree": tree, "mixed": level in (7, 8, 10)}
        raise RuntimeError(f"no fair problem in 200 draws at level {level}; widen the level's value ranges")

    def question(self, params: dict) -> str:
        tree, mixed = params["tree"], params["mixed"]
        if tree[0] == "simplify":
            return f"Write {tree[1]} in lowest terms."
        form = "a fraction in lowest terms" + (" (a mixed number is fine)" if mixed else "")
        write = mixed_text if mixed else fraction_text
        shown = tree_text(tree, lambda leaf: operand_text(Fraction(leaf), write))
        return f"Compute {shown}. Give the result as {form}."

    def solve(self, params: dict) -> tuple[list[str], Fraction]:
        tree, mixed = params["tree"], params["mixed"]
        if tree[0] == "simplify":
            return reduce_lines(*(int(part) for part in tree[1].split("/"))), Fraction(tree[1])
        lines = [improper_line(leaf) for leaf in _operands(tree) if abs(leaf) > 1] if mixed else []
        if not isinstance(tree[1], str) or not isinstance(tree[2], str):
            lines.append("Work in the order of operations: parentheses first, then × and ÷, then + and −.")
        steps, answer = solve_lines(tree)
        lines += steps
        if mixed and abs(answer) > 1 and answer.denominator > 1:
            lines.append(mixed_line(answer))
        return lines, answer

    def answer_line(self, problem: Problem) -> str:
        """The answer in LaTeX, as a mixed number where the question allowed one."""
        latex = mixed_text(problem.answer, latex=True) if problem.metadata["mixed"] else fraction_latex(problem.answer)
        return f"The answer is \\boxed{{{latex}}}."
