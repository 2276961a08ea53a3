"""Countdown: reach a target number with given numbers and + − × ÷.

**Asked.** A multiset of numbers and a target, e.g. ``Using the numbers 25, 3, 4, 7, 9
(each at most once), make 105 with +, −, ×, ÷ and parentheses.`` Every instance is
solvable: the target is built from a random expression over part of the numbers.

**Difficulty** grows the number of numbers, the operations, the size of the target
and how many numbers a solution needs:

==  ===========  ==============================  ==========  ==================  ============
lvl numbers      drawn from                      operations  solution uses       target
==  ===========  ==============================  ==========  ==================  ============
 1  3            1..10                           + −         2                   2..20
 2  3            1..12                           + − ×       2 or 3              2..100
 3  4            1..20                           + − ×       3                   10..200
 4  4            1..25                           + − × ÷     3                   10..200
 5  5            small 1..10 and one large       + − × ÷     3 or 4              20..500
 6  5            small and one or two large      + − × ÷     4                   50..999
 7  6            classic: small + 1-2 large      + − × ÷     4 or 5              100..999
 8  6            classic                         + − × ÷     5                   100..999
 9  6            classic                         + − × ÷     5 or 6              100..999
10  7            1..100 mixed                    + − × ÷     6 or 7              200..9999
==  ===========  ==============================  ==========  ==================  ============

("large" numbers are 25, 50, 75, 100; "small" ones 1..10, each at most twice.)
Examples: level 1 ``numbers 2, 8, 2; target 4`` (2 + 2); level 5 ``numbers 2, 5, 7,
5, 50; target 70`` (2 × 5 × 7); level 9 ``numbers 75, 2, 7, 50, 4, 10; target 364``
(10 × 75 ÷ 2 − (7 + 4)).

**Answer.** An arithmetic expression, e.g. ``\\boxed{(25 + 3) × 4 - 7}``. Accepted
symbols: ``+``, ``-`` (and U+2212), ``×``, ``*``, ``\\times``, ``\\cdot``, ``·``, ``x``,
``÷``, ``/``, ``\\div``, ``\\frac{..}{..}``, parentheses and square brackets (also
``\\left(``/``\\right)``), optionally followed by ``= target``. Unary minus,
implicit multiplication, powers, decimals and other numbers are refused.

**Verification** (no ``eval``): the module's own bounded recursive-descent parser
(at most :data:`MAX_TOKENS` tokens and :data:`MAX_LEAVES` numbers, literals of at
most six digits) builds the tree; it is evaluated with exact ``Fraction``
arithmetic (non-integer intermediate values are allowed, division by zero is
wrong). CORRECT needs value == target, each literal used no more often than it is
given, and a trailing ``= N`` (if any) equal to the target. ``Problem.answer`` is
the target (int); ``metadata`` holds the numbers and one reference solution.

**Version history.** v0: first release.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from textbook_gym.envs._kit import Family, Problem, Verdict, check_difficulty, register_family
from textbook_gym.envs._kit.draw import choice, integer
from textbook_gym.envs._kit.tables import listing, topic_exposition
from textbook_gym.envs._kit.texts import exposition_texts
from textbook_gym.verifiers import check_answer, parse_integer
from textbook_gym.verifiers.errors import ParseError
from textbook_gym.verifiers.guards import guard_span
from textbook_gym.verifiers.normalize import normalize_span

SYMBOL = {"+": "+", "-": "-", "*": "×", "/": "÷"}
LARGE = (25, 50, 75, 100)
MAX_TOKENS = 200
"""Longest accepted expression, in tokens."""
MAX_LEAVES = 30
"""Most number literals in one expression."""


@dataclass(frozen=True)
class Level:
    count: int
    """How many numbers are given."""
    pool: str
    """Where they come from: ``"1-N"`` (uniform), ``"classic1"`` (one large) or ``"classic2"`` (one or two large)."""
    ops: str
    """The operations allowed."""
    used: tuple[int, int]
    """How many of the numbers the built solution uses (both ends included)."""
    target: tuple[int, int]
    """The range of the target."""


LEVELS = {
    1: Level(3, "1-10", "+-", (2, 2), (2, 20)),
    2: Level(3, "1-12", "+-*", (2, 3), (2, 100)),
    3: Level(4, "1-20", "+-*", (3, 3), (10, 200)),
    4: Level(4, "1-25", "+-*/", (3, 3), (10, 200)),
    5: Level(5, "classic1", "+-*/", (3, 4), (20, 500)),
    6: Level(5, "classic2", "+-*/", (4, 4), (50, 999)),
    7: Level(6, "classic2", "+-*/", (4, 5), (100, 999)),
    8: Level(6, "classic2", "+-*/", (5, 5), (100, 999)),
    9: Level(6, "classic2", "+-*/", (5, 6), (100, 999)),
    10: Level(7, "1-100", "+-*/", (6, 7), (200, 9999)),
}


# --------------------------------------------------------------------------- trees
def exact_value(tree) -> Fraction | None:
    """The exact value of ``[op, left, right]`` trees over integers; None when it divides by zero."""
    if isinstance(tree, int):
        return Fraction(tree)
    op, left, right = tree
    a, b = exact_value(left), exact_value(right)
    if a is None or b is None or (op == "/" and b == 0):
        return None
    return a + b if op == "+" else a - b if op == "-" else a * b if op == "*" else a / b


def value_of(tree) -> int:
    """The value of a built tree (its divisions are exact)."""
    return int(exact_value(tree))


def leaves_of(tree) -> list[int]:
    return [tree] if isinstance(tree, int) else leaves_of(tree[1]) + leaves_of(tree[2])


def render(tree, ascii_ops: bool = False) -> str:
    """Fewest parentheses that keep the tree's meaning."""
    if isinstance(tree, int):
        return str(tree)
    op, left, right = tree
    symbol = op if ascii_ops else SYMBOL[op]
    lhs, rhs = render(left, ascii_ops), render(right, ascii_ops)
    if not isinstance(left, int) and op in "*/" and left[0] in "+-":
        lhs = f"({lhs})"
    if not isinstance(right, int) and (op in "*/" and right[0] in "+-" or op in "-/" or op == "*" and right[0] == "/"):
        if not (op == "-" and right[0] in "*/"):
            rhs = f"({rhs})"
    return f"{lhs} {symbol} {rhs}"


def _inner_nodes(tree) -> list:
    return [] if isinstance(tree, int) else [tree] + _inner_nodes(tree[1]) + _inner_nodes(tree[2])


# --------------------------------------------------------------------------- generation
def _numbers(rng: np.random.Generator, level: Level) -> list[int]:
    if level.pool.startswith("1-"):
        return [int(v) for v in rng.integers(1, int(level.pool[2:]) + 1, size=level.count)]
    large = 1 if level.pool == "classic1" else integer(rng, 1, 2)
    big = [int(v) for v in rng.choice(LARGE, size=large, replace=False)]
    small = rng.choice(np.repeat(np.arange(1, 11), 2), size=level.count - large, replace=False)
    return big + [int(v) for v in small]


def _combine(rng: np.random.Generator, items: list, ops: str, cap: int):
    """Merge random pairs of (value, tree) with a valid, non-trivial operation until one is left."""
    items = list(items)
    while len(items) > 1:
        i, j = (int(k) for k in rng.choice(len(items), size=2, replace=False))
        (a, tree_a), (b, tree_b) = items[i], items[j]
        (high, tree_high), (low, tree_low) = sorted([(a, tree_a), (b, tree_b)], key=lambda item: -item[0])
        choices = []
        for op in ops:
            if op == "+":
                choices.append(("+", a + b, tree_a, tree_b))
            elif op == "-" and a != b and high - low not in (high, low):
                choices.append(("-", high - low, tree_high, tree_low))
            elif op == "*" and a > 1 and b > 1 and a * b <= cap:
                choices.append(("*", a * b, tree_a, tree_b))
            elif op == "/" and b > 1 and a % b == 0 and a // b != b:
                choices.append(("/", a // b, tree_a, tree_b))
            elif op == "/" and a > 1 and b % a == 0 and b // a != a:
                choices.append(("/", b // a, tree_b, tree_a))
        if not choices:
            return None
        op, value, left, right = choice(rng, choices)
        items = [item for k, item in enumerate(items) if k not in (i, j)] + [(value, [op, left, right])]
    return items[0]


def generate_instance(rng: np.random.Generator, difficulty: int) -> tuple[list[int], int, list]:
    """The shuffled numbers, the target and the tree of one solution."""
    level = LEVELS[difficulty]
    lo, hi = level.target
    for _ in range(2000):
        numbers = _numbers(rng, level)
        chosen = [int(numbers[i]) for i in rng.choice(len(numbers), size=integer(rng, *level.used), replace=False)]
        built = _combine(rng, [(v, v) for v in chosen], level.ops, cap=hi * 10)
        if built is None:
            continue
        target, tree = built
        if not lo <= target <= hi or target in numbers:
            continue
        spare = set((Counter(numbers) - Counter(chosen)).elements())
        if any(value_of(node) in spare for node in _inner_nodes(tree)[1:]):
            continue  # an intermediate result equals an unused number: a roundabout solution
        if difficulty >= 4 and _two_number_target(numbers, target):
            continue
        return [numbers[int(i)] for i in rng.permutation(len(numbers))], target, tree
    raise RuntimeError("no Countdown instance found; widen the level's target range")


def _two_number_target(numbers: list[int], target: int) -> bool:
    """Whether one operation on two of the numbers already gives the target (too easy above level 3)."""
    return any(i != j and (target in (a + b, a - b, a * b) or a == target * b)
               for i, a in enumerate(numbers) for j, b in enumerate(numbers))


# --------------------------------------------------------------------------- the safe evaluator
@dataclass(frozen=True)
class Parsed:
    """A parsed answer: its exact value (None if it divides by zero), the literals, a claimed ``= N``."""

    value: Fraction | None
    leaves: tuple[int, ...]
    claimed: int | None = None


_REPLACE = (
    ("\\left", ""), ("\\right", ""), ("\\times", "*"), ("\\cdot", "*"), ("\\div", "/"), ("\\dfrac", "\\frac"),
    ("\\tfrac", "\\frac"), ("×", "*"), ("·", "*"), ("÷", "/"), ("[", "("), ("]", ")"), ("\\,", " "), ("\\ ", " "),
)
_TOKEN_RE = re.compile(r"\s*(?:(\d+)|(\\frac)|([-+*/(){}x])|(\S))")


def tokenize(text: str) -> list[str]:
    for old, new in _REPLACE:
        text = text.replace(old, new)
    tokens = []
    for match in _TOKEN_RE.finditer(text):
        number, frac, symbol, other = match.groups()
        if other is not None:
            raise ParseError(f"unexpected character {other!r}; use numbers, + - × ÷ and parentheses")
        if number is not None:
            if len(number) > 6:
                raise ParseError("a number in the expression is too long")
            tokens.append(number)
        elif frac is not None or symbol is not None:
            tokens.append("*" if symbol == "x" else (frac or symbol))
        if len(tokens) > MAX_TOKENS:
            raise ParseError(f"the expression has more than {MAX_TOKENS} tokens")
    return tokens


class _Parser:
    """expr := term (('+'|'-') term)* ; term := atom (('*'|'/') atom)* ;
    atom := NUMBER | '(' expr ')' | '{' expr '}' | '\\frac' '{' expr '}' '{' expr '}'."""

    def __init__(self, tokens: list[str]):
        self.tokens, self.pos, self.leaves = tokens, 0, []

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise ParseError(f"expected {expected or 'more'} in the expression, found {token or 'the end'}")
        self.pos += 1
        return token

    def expr(self):
        node = self.term()
        while self.peek() in ("+", "-"):
            node = [self.take(), node, self.term()]
        return node

    def term(self):
        node = self.atom()
        while self.peek() in ("*", "/"):
            node = [self.take(), node, self.atom()]
        return node

    def group(self, close: str):
        """An expression followed by its closing bracket."""
        node = self.expr()
        self.take(close)
        return node

    def atom(self):
        token = self.take()
        if token.isdigit():
            self.leaves.append(int(token))
            if len(self.leaves) > MAX_LEAVES:
                raise ParseError(f"more than {MAX_LEAVES} numbers in the expression")
            if self.peek() in ("(", "{", "\\frac") or (self.peek() or "x").isdigit():
                raise ParseError("implicit multiplication is not allowed; write × between factors")
            return int(token)
        if token in ("(", "{"):
            return self.group(")" if token == "(" else "}")
        if token == "\\frac":
            self.take("{")
            top = self.group("}")
            self.take("{")
            return ["/", top, self.group("}")]
        if token in "+-":
            raise ParseError("unary plus or minus is not allowed; combine the given numbers with binary operations")
        raise ParseError(f"unexpected {token!r} in the expression")


def parse_countdown(span: str) -> Parsed:
    """Parse ``expression`` or ``expression = N`` into a :class:`Parsed` (raises ParseError)."""
    text = normalize_span(guard_span(span))
    claimed = None
    if "=" in text:
        left, _, right = text.partition("=")
        if "=" in right:
            raise ParseError("more than one '=' in the answer; give one expression")
        claimed = parse_integer(right)
        text = left
    if not text.strip():
        raise ParseError("empty expression")
    parser = _Parser(tokenize(text))
    tree = parser.expr()
    if parser.peek() is not None:
        raise ParseError(f"unexpected {parser.peek()!r} after the expression")
    return Parsed(exact_value(tree), tuple(parser.leaves), claimed)


def uses_allowed(leaves, numbers) -> bool:
    """Each literal appears no more often than it is given."""
    have = Counter(int(n) for n in numbers)
    return all(have[v] >= c for v, c in Counter(leaves).items())


# --------------------------------------------------------------------------- worked solutions
def _backward(tree, lines: list[str]) -> None:
    """Explain the plan from the target down: each node as an operation on two parts."""
    op, left, right = tree
    parts = [f"{side} is one of our numbers" if isinstance(side, int) else
             f"{value_of(side)} must be made from {listing(sorted(leaves_of(side), reverse=True))}"
             for side in (left, right)]
    lines.append(f"Write {value_of(tree)} as {value_of(left)} {SYMBOL[op]} {value_of(right)}: {parts[0]}, and {parts[1]}.")
    for side in (left, right):
        if not isinstance(side, int):
            _backward(side, lines)


def _forward(tree, steps: list[tuple[str, int, int, int]]) -> int:
    """Carry the plan out from the leaves up, appending ``(op, a, b, result)`` per operation."""
    if isinstance(tree, int):
        return tree
    op, left, right = tree
    a, b = _forward(left, steps), _forward(right, steps)
    steps.append((op, a, b, value_of([op, a, b])))
    return steps[-1][3]


# --------------------------------------------------------------------------- exposition
_TOPICS = exposition_texts(__name__)


def _passage_values(rng: np.random.Generator, _topic: str) -> dict:
    """An instance (levels 3-8) and a few small numbers, with every fact the templates quote."""
    numbers, target, tree = generate_instance(rng, integer(rng, 3, 8))
    n1, n2, n3, n4 = (int(v) for v in rng.integers(2, 11, size=4))
    big, q = int(rng.choice(LARGE)), integer(rng, 3, 12)
    lo = max(1, target // big)
    a, b = integer(rng, 10, 59), integer(rng, 2, 9)
    return {
        "nums": listing(numbers), "t": target, "sol": render(tree), "n1": n1, "n2": n2, "n3": n3,
        "n4": n4, "d1": target - n1, "s1": target + n1, "m": n1 * q, "q": q, "big": big, "bp": big * n2,
        "gap": abs(target - big * n2), "lo": lo, "hi": lo + 1, "blo": big * lo, "bhi": big * (lo + 1),
        "p1": (n1 + n2) * n3, "p2": n1 + n2 * n3, "p3": n1 * n2 + n3, "p4": n1 * (n2 + n3), "a": a, "b": b,
        "ab": a - b, "ba": b - a, "s12": n1 + n2, "d12": n1 - n2, "p12": n1 * n2, "k": len(numbers),
        "pairs": len(numbers) * (len(numbers) - 1) // 2, "pp": n1 * n2 + n3 * n4,
    }


# --------------------------------------------------------------------------- the family
@register_family
class Countdown(Family):
    name = "Countdown"
    version = 0
    answer_type = "expression"
    subject = "puzzles"
    instruction = (
        "Give your final answer as one expression in \\boxed{...}, e.g. \\boxed{(25 + 3) × 4 - 7}, "
        "using only the given numbers, +, -, ×, ÷ and parentheses."
    )

    exposition = topic_exposition(5151, 210, _TOPICS, _passage_values)

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem:
        difficulty = check_difficulty(difficulty)
        numbers, target, tree = generate_instance(rng, difficulty)
        repeated = len(set(numbers)) < len(numbers)
        rule = "each number at most as many times as it appears" if repeated else "each number at most once"
        ops = ", ".join(SYMBOL[op].replace("-", "−") for op in LEVELS[difficulty].ops)
        question = (f"Using the numbers {listing(numbers)} ({rule}; you need not use them all), make {target} with "
                    f"{ops} and parentheses.")
        return Problem(question, target, self.name, self.version, difficulty,
                       metadata={"numbers": numbers, "solution": render(tree), "tree": tree})

    def solution_lines(self, problem: Problem) -> list[str]:
        tree, numbers = problem.metadata["tree"], problem.metadata["numbers"]
        lines = [f"Numbers: {listing(numbers)}. Target: {problem.answer}.",
                 "Work backwards from the target, choosing the last operation first."]
        _backward(tree, lines)
        lines.append("Now carry the plan out forwards, one operation at a time.")
        pool, steps = Counter(numbers), []
        _forward(tree, steps)
        for number, (op, a, b, result) in enumerate(steps, 1):
            pool.subtract((a, b))
            pool[result] += 1
            lines.append(f"Step {number}: {a} {SYMBOL[op]} {b} = {result}. "
                         f"Numbers now: {listing(sorted(pool.elements(), reverse=True))}.")
        left_over = sorted((Counter(numbers) - Counter(leaves_of(tree))).elements(), reverse=True)
        if left_over:
            lines.append(f"Not needed: {listing(left_over)}.")
        lines.append(f"Check: {render(tree)} = {value_of(tree)}, and each number is used no more often than given.")
        return lines

    def answer_text(self, problem: Problem) -> str:
        """The reference expression (the target alone is not an answer)."""
        return problem.metadata.get("solution") or render(problem.metadata["tree"])

    def verify(self, problem: Problem, response: str) -> Verdict:
        """Evaluate the expression exactly and check the numbers it uses.

        >>> fam = Countdown()
        >>> p = Problem("...", 105, "Countdown", metadata={"numbers": [25, 3, 4, 7, 9]})
        >>> fam.verify(p, "\\\\boxed{(25 + 3) \\\\times 4 - 7}").status.value
        'CORRECT'
        >>> fam.verify(p, "\\\\boxed{(25 + 3) \\\\times 4 - 7 + 9 - 9}").status.value
        'INCORRECT'
        >>> fam.verify(p, "\\\\boxed{105}").status.value
        'INCORRECT'
        """
        numbers, target = problem.metadata.get("numbers", []), problem.answer

        def correct(parsed: Parsed, gold: int) -> bool:
            return (parsed.value is not None and parsed.value == gold and parsed.claimed in (None, gold)
                    and uses_allowed(parsed.leaves, numbers))

        def same(first: Parsed, second: Parsed) -> bool:
            return correct(first, target) == correct(second, target) and first.value == second.value

        return check_answer(response, target, parse_countdown, equal=correct, same=same)
