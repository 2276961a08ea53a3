"""BooleanLogic: answers agree with an independent parser of the question text; renderings; near misses."""

import itertools
import re

import numpy as np
import pytest

from textbook_gym.envs.boolean_logic import BooleanLogic
from textbook_gym.problem import Problem
from textbook_gym.verifiers import parse_bits
from textbook_gym.verifiers.errors import ParseError

FAM = BooleanLogic()


# --------------------------------------------------------------------------- an independent reference
def _parse_formula(text: str):
    """Parse the question's formula text into a Python predicate over an assignment dict."""
    tokens = re.findall(r"[a-z]|[¬∧∨→↔⊕()]", text)
    pos = 0

    def unary():
        nonlocal pos
        token = tokens[pos]
        pos += 1
        if token == "¬":
            inner = unary()
            return lambda env: not inner(env)
        if token == "(":
            inner = binary()
            assert tokens[pos] == ")"
            pos += 1
            return inner
        return lambda env: env[token]

    def binary():
        nonlocal pos
        left = unary()
        if pos < len(tokens) and tokens[pos] in "∧∨→↔⊕":
            op = tokens[pos]
            pos += 1
            right = unary()
            table = {
                "∧": lambda a, b: a and b, "∨": lambda a, b: a or b, "→": lambda a, b: b or not a,
                "↔": lambda a, b: a is b, "⊕": lambda a, b: a is not b,
            }[op]
            return lambda env: table(bool(left(env)), bool(right(env)))
        return left

    result = binary()
    assert pos == len(tokens), text
    return result


def _reference_answer(problem: Problem):
    q = problem.question
    if "Let " in q:
        env = {name: value == "T" for name, value in re.findall(r"([a-z]) = ([TF])", q.split("(T true")[0])}
        lines = re.findall(r"^F\d+: (.*)$", q, re.MULTILINE)
        return "".join("1" if _parse_formula(line)(env) else "0" for line in lines)
    if q.startswith("Give the truth table"):
        text = q.split("F: ", 1)[1].split(" (¬ not", 1)[0]
        names = q.split("over the variables ", 1)[1].split(".", 1)[0].split(", ")
    else:
        text = q.split("make the formula ", 1)[1].split(" true?", 1)[0]
        names = q.split("truth values to ", 1)[1].split(" make", 1)[0].split(", ")
    f = _parse_formula(text)
    bits = "".join("1" if f(dict(zip(names, values))) else "0" for values in itertools.product([False, True],
                                                                                               repeat=len(names)))
    return bits if q.startswith("Give the truth table") else bits.count("1")


@pytest.mark.parametrize("difficulty", range(1, 11))
def test_gold_agrees_with_an_independent_parser_of_the_question(difficulty):
    for seed in range(40):
        problem = FAM.generate(np.random.default_rng(seed), difficulty)
        assert problem.answer == _reference_answer(problem), problem.question


# --------------------------------------------------------------------------- renderings and near misses
BITS = Problem("...", "1011", "BooleanLogic", metadata={"kind": "evaluate"})
COUNT = Problem("...", 23, "BooleanLogic", metadata={"kind": "count"})


@pytest.mark.parametrize(
    "answer", ["1011", "1 0 1 1", "1,0,1,1", "[1, 0, 1, 1]", "TFTT", "T, F, T, T", "true, false, true, true",
               "\\text{1011}", "$1011$"]
)
def test_accepted_bit_renderings(answer):
    assert FAM.verify(BITS, f"\\boxed{{{answer}}}").status.value == "CORRECT"


@pytest.mark.parametrize("answer", ["1010", "0100", "101", "10110", "1111", "1101"])
def test_bit_near_misses_fail(answer):
    assert FAM.verify(BITS, f"\\boxed{{{answer}}}").status.value == "INCORRECT"


@pytest.mark.parametrize("answer", ["10a1", "yes", "1 0 2 1", "1\u200b011", "", "TF01x"])
def test_non_bit_strings_are_unparseable(answer):
    assert FAM.verify(BITS, f"\\boxed{{{answer}}}").status.value == "UNPARSEABLE"


def test_mixed_renderings_of_the_same_bits_do_not_conflict():
    assert FAM.verify(BITS, "\\boxed{1011}\nAnswer: T F T T").correct
    assert not FAM.verify(BITS, "\\boxed{1011} \\boxed{1010}").correct


def test_counts_are_integers_and_near_misses_fail():
    assert FAM.verify(COUNT, "\\boxed{23}").correct
    for wrong in ("22", "24", "-23", "41", "23/64"):
        assert not FAM.verify(COUNT, f"\\boxed{{{wrong}}}").correct


def test_parse_bits_refuses_huge_input():
    with pytest.raises(ParseError):
        parse_bits("1" * 5000)


# --------------------------------------------------------------------------- difficulty
def test_difficulty_changes_the_kind_and_size():
    kinds = [FAM.generate(np.random.default_rng(0), d).metadata["kind"] for d in range(1, 11)]
    assert kinds == ["evaluate"] * 3 + ["table"] * 3 + ["count"] * 4
    sizes = [len(FAM.generate(np.random.default_rng(0), d).metadata["names"]) for d in range(1, 11)]
    assert sizes == sorted(sizes) and sizes[0] == 2 and sizes[-1] == 7
    assert len(FAM.generate(np.random.default_rng(0), 6).answer) == 16


def test_table_and_count_answers_are_not_constant():
    for difficulty in range(4, 11):
        answers = {str(FAM.generate(np.random.default_rng(s), difficulty).answer) for s in range(60)}
        assert len(answers) >= 8
        for s in range(30):
            p = FAM.generate(np.random.default_rng(s), difficulty)
            n = 2 ** len(p.metadata["names"])
            assert (p.answer.count("1") if isinstance(p.answer, str) else p.answer) not in (0, n)
