"""ListOps: gold answers agree with a reference built on Python's own list tools; renderings; near misses."""

import re
import statistics
from fractions import Fraction

import numpy as np
import pytest

from textbook_gym.envs.list_ops import ListOps
from textbook_gym.problem import Problem

FAM = ListOps()


def _reference_tree(text: str):
    """Evaluate a ListOps expression read from the question text with a stack."""
    stack: list[list] = []
    result = None
    for token in re.findall(r"\[[A-Z]+|\]|-?\d+", text):
        if token.startswith("["):
            stack.append([token[1:]])
            continue
        if token == "]":
            op, *args = stack.pop()
            value = {"MAX": max, "MIN": min, "SUM": sum, "SM": lambda v: sum(v) % 10,
                     "MED": lambda v: int(statistics.median(v))}[op](args)
        else:
            value = int(token)
        if stack:
            stack[-1].append(value)
        else:
            result = value
    return result


def _reference_pipeline(items, stages):
    current = list(items)
    for stage in stages:
        kind = stage[0]
        if kind == "sort":
            current = sorted(current, reverse=stage[1] == "desc")
        elif kind == "filter":
            rule, arg = stage[1], stage[2]
            tests = {"even": lambda x: not x & 1, "odd": lambda x: bool(x & 1), "gt": lambda x, a=arg: x > a,
                     "lt": lambda x, a=arg: x < a, "mult": lambda x, a=arg: x / a == x // a}
            current = list(filter(tests[rule], current))
        elif kind == "map":
            current = [{"add": x + stage[2], "sub": x - stage[2], "mul": x * stage[2]}[stage[1]] for x in current]
        elif kind == "take":
            current = current[: stage[1]]
        elif kind == "drop":
            current = current[stage[1] :]
        elif kind == "reverse":
            current = list(reversed(current))
        elif kind == "kth":
            current = sorted(current, reverse=stage[1] == "largest")[stage[2] - 1]
        else:
            current = {"sum": sum, "min": min, "max": max,
                       "median": lambda v: Fraction(statistics.median([Fraction(x) for x in v]))}[stage[1]](current)
    return tuple(current) if isinstance(current, list) else current


@pytest.mark.parametrize("difficulty", range(1, 11))
def test_gold_agrees_with_reference(difficulty):
    for seed in range(60):
        p = FAM.generate(np.random.default_rng(seed), difficulty)
        if p.metadata["kind"] == "tree":
            expected = _reference_tree(p.question.split("expression ", 1)[1].split(". MAX", 1)[0])
        else:
            expected = _reference_pipeline(p.metadata["items"], p.metadata["stages"])
            assert p.metadata["items"] == [int(v) for v in re.findall(r"-?\d+", p.question.split("]")[0])]
        assert p.answer == expected and type(p.answer) is (tuple if isinstance(expected, tuple) else type(p.answer))
        if isinstance(p.answer, tuple):
            assert p.answer  # never an empty list
        assert FAM.verify(p, f"\\boxed{{{expected if not isinstance(expected, tuple) else list(expected)}}}").correct


LIST = Problem("...", (4, 9, 17, 17), "ListOps")


@pytest.mark.parametrize("answer", ["[4, 9, 17, 17]", "4, 9, 17, 17", "(4, 9, 17, 17)", "[4,9,17,17]",
                                    "\\left[4, 9, 17, 17\\right]", "$[4, 9, 17, 17]$"])
def test_accepted_list_renderings(answer):
    assert FAM.verify(LIST, f"\\boxed{{{answer}}}").correct


@pytest.mark.parametrize("answer", ["[9, 4, 17, 17]", "[4, 9, 17]", "[4, 9, 17, 17, 17]", "[4, 9, 17, 18]",
                                    "[17, 17, 9, 4]", "[4, 9, 16, 17]"])
def test_list_near_misses_fail(answer):
    assert FAM.verify(LIST, f"\\boxed{{{answer}}}").status.value == "INCORRECT"


def test_scalar_answers():
    half = Problem("...", Fraction(-7, 2), "ListOps")
    assert FAM.verify(half, "\\boxed{-7/2}").correct
    assert FAM.verify(half, "\\boxed{-3.5}").correct
    assert FAM.verify(half, "\\boxed{\\frac{-7}{2}}").correct
    assert not FAM.verify(half, "\\boxed{-14/4}").correct  # not in lowest terms
    assert not FAM.verify(half, "\\boxed{7/2}").correct
    assert not FAM.verify(half, "\\boxed{-4}").correct
    whole = Problem("...", 82, "ListOps")
    assert FAM.verify(whole, "\\boxed{82}").correct
    for wrong in ("81", "83", "-82", "[82]", "8 2"):
        assert not FAM.verify(whole, f"\\boxed{{{wrong}}}").correct


def test_difficulty_changes_the_task():
    kinds = {d: {FAM.generate(np.random.default_rng(s), d).metadata["kind"] for s in range(30)} for d in range(1, 11)}
    assert kinds[1] == kinds[5] == kinds[9] == {"pipeline"}
    assert kinds[6] == kinds[7] == kinds[8] == {"tree"}
    assert kinds[10] == {"pipeline", "tree"}
    depth = [FAM.generate(np.random.default_rng(0), d).question.count("[") for d in (6, 7, 8)]
    assert depth[0] < depth[2]
    stages = [np.mean([len(FAM.generate(np.random.default_rng(s), d).metadata.get("stages", [])) for s in range(30)])
              for d in (1, 5, 9)]
    assert stages[0] < stages[1] < stages[2]


def test_kth_questions_say_that_equal_entries_count_separately():
    # v0 asked for "the 2nd largest entry" of [-22, -22]: the gold (-22) was one of two readings of the question.
    asked = [FAM.generate(np.random.default_rng([seed, level]), level) for level in (3, 5, 9) for seed in range(60)]
    kth = [p for p in asked if re.search(r"\d(st|nd|rd|th) (smallest|largest) entry", p.question)]
    assert kth and all("(equal entries count separately)" in p.question for p in kth)
