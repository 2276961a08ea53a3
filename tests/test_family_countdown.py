"""Countdown: the safe evaluator, the number-usage rule and the generated instances."""

from collections import Counter
from fractions import Fraction

import numpy as np
import pytest

from textbook_gym.envs import countdown
from textbook_gym.envs.countdown import Countdown, leaves_of, value_of
from textbook_gym.problem import Problem

FAM = Countdown()
P = Problem("Using the numbers 25, 3, 4, 7, 9 ...", 105, "Countdown", metadata={"numbers": [25, 3, 4, 7, 9]})


def status(response: str, problem: Problem = P) -> str:
    return FAM.verify(problem, response).status.value


@pytest.mark.parametrize(
    "answer",
    [
        "(25 + 3) × 4 - 7",
        "(25+3)*4-7",
        "(25 + 3) \\times 4 - 7",
        "\\left(25 + 3\\right) \\cdot 4 − 7",
        "[25 + 3] x 4 - 7",
        "4 × (3 + 25) - 7 = 105",
        "$(25 + 3) × 4 - 7$",
        "7 × (25 - 9 - 4 + 3)",
    ],
)
def test_accepted_renderings(answer):
    assert status(f"\\boxed{{{answer}}}") == "CORRECT"


def test_answer_line_accepted():
    assert status("We get it.\nAnswer: (25 + 3) * 4 - 7") == "CORRECT"


@pytest.mark.parametrize(
    "answer",
    [
        "(25 + 3) × 4 - 7 + 1",  # 1 is not given
        "(25 + 3) × 4 - 9 + 3",  # off by... uses 3 twice
        "(25 + 3) × 4 - 9",  # 103: off by two
        "(25 + 3) × 4 - 7 = 106",  # claims another value
        "105",  # the target itself is not a given number
        "25 × 4 + 7 - 3 + 7 - 7",  # 7 used three times
        "25 / (7 - 7) + 105",  # division by zero
        "(25 + 3) × 4 + 7",  # sign
    ],
)
def test_near_misses_fail(answer):
    assert status(f"\\boxed{{{answer}}}") == "INCORRECT"


@pytest.mark.parametrize(
    "answer",
    [
        "-7 + (25 + 3) × 4",  # unary minus
        "(25 + 3)4 - 7",  # implicit multiplication
        "(25 + 3) × 4 - 7.0",  # decimals
        "2^7 - 25 + 7",  # powers
        "__import__('os').system('echo hi')",
        "(" * 500 + "3" + ")" * 500,
        "9" * 5000,
        "(25 + 3) × 4 - 7 = 105 = 105",
        "",
    ],
)
def test_refused_inputs_are_unparseable(answer):
    assert status(f"\\boxed{{{answer}}}") == "UNPARSEABLE"


def test_conflicting_expressions_with_the_same_value_are_fine_but_wrong_one_conflicts():
    assert status("\\boxed{(25 + 3) × 4 - 7} and \\boxed{4 × (25 + 3) - 7}") == "CORRECT"
    assert status("\\boxed{(25 + 3) × 4 - 7} and \\boxed{25 + 3}") == "INCORRECT"


def test_repeated_numbers_may_be_used_as_often_as_given():
    p = Problem("...", 20, "Countdown", metadata={"numbers": [2, 8, 2]})
    assert status("\\boxed{(8 + 2) × 2}", p) == "CORRECT"
    assert status("\\boxed{8 × 2 + 2 + 2 - 2 × 2 + 2 + 2}", p) == "INCORRECT"


def test_rational_intermediates_are_exact():
    p = Problem("...", 24, "Countdown", metadata={"numbers": [1, 3, 4, 6]})
    assert status("\\boxed{6 / (1 - 3 / 4)}", p) == "CORRECT"
    assert status("\\boxed{\\frac{6}{1 - \\frac{3}{4}}}", p) == "CORRECT"
    assert status("\\boxed{\\frac{6}{1 - \\frac{4}{3}}}", p) == "INCORRECT"


# --------------------------------------------------------------------------- reference agreement
OPS = "+-*/"
STYLE = {"+": ["+", " + "], "-": ["-", " − ", " - "], "*": ["*", " × ", " \\times "], "/": ["/", " ÷ ", " \\div "]}


def _random_tree(rng, numbers):
    k = int(rng.integers(1, min(len(numbers), 5) + 1))
    items = [int(v) for v in rng.choice(numbers, size=k, replace=bool(rng.random() < 0.3))]
    if rng.random() < 0.2:
        items[0] = int(rng.integers(1, 12))  # perhaps a number that was not given
    trees = list(items)
    while len(trees) > 1:
        i, j = sorted(int(v) for v in rng.choice(len(trees), size=2, replace=False))
        b, a = trees.pop(j), trees.pop(i)
        trees.append([OPS[int(rng.integers(0, 4))], a, b])
    return trees[0]


def _text(rng, tree):
    if isinstance(tree, int):
        return str(tree)
    op, left, right = tree
    styles = STYLE[op]
    return f"({_text(rng, left)}{styles[int(rng.integers(0, len(styles)))]}{_text(rng, right)})"


def _reference_value(tree):
    if isinstance(tree, int):
        return Fraction(tree)
    op, left, right = tree
    a, b = _reference_value(left), _reference_value(right)
    if a is None or b is None:
        return None
    if op == "/":
        return None if b == 0 else a / b
    return a + b if op == "+" else a - b if op == "-" else a * b


def test_verdicts_agree_with_a_slow_reference():
    rng = np.random.default_rng(7)
    agreed = correct = 0
    for seed in range(150):
        problem = FAM.generate(np.random.default_rng(seed), 1 + seed % 10)
        numbers = problem.metadata["numbers"]
        for _ in range(6):
            tree = _random_tree(rng, numbers)
            if rng.random() < 0.3:
                tree = problem.metadata["tree"]
            value = _reference_value(tree)
            fits = all(Counter(numbers)[v] >= c for v, c in Counter(leaves_of(tree)).items())
            expected = value is not None and value == problem.answer and fits
            got = FAM.verify(problem, f"\\boxed{{{_text(rng, tree)}}}")
            assert got.correct == expected, (problem.question, _text(rng, tree), got)
            agreed += 1
            correct += expected
    assert correct > 20 and agreed - correct > 20


# --------------------------------------------------------------------------- generated instances
def test_instances_are_solvable_and_the_target_is_not_given():
    for difficulty in range(1, 11):
        for seed in range(40):
            p = FAM.generate(np.random.default_rng(seed), difficulty)
            tree = p.metadata["tree"]
            assert value_of(tree) == p.answer
            assert p.answer not in p.metadata["numbers"]
            assert not Counter(leaves_of(tree)) - Counter(p.metadata["numbers"])


def test_difficulty_grows_numbers_and_solution_length():
    def mean_used(difficulty):
        return np.mean([len(leaves_of(FAM.generate(np.random.default_rng(s), difficulty).metadata["tree"]))
                        for s in range(40)])

    counts = [len(FAM.generate(np.random.default_rng(0), d).metadata["numbers"]) for d in range(1, 11)]
    assert counts == sorted(counts) and counts[0] == 3 and counts[-1] == 7
    assert mean_used(1) < mean_used(4) < mean_used(8) < mean_used(10)
    assert "×" not in FAM.generate(np.random.default_rng(0), 1).question
    assert "÷" in FAM.generate(np.random.default_rng(0), 7).question


def test_tokenizer_bounds():
    with pytest.raises(countdown.ParseError):
        countdown.parse_countdown("1+" * 150 + "1")
