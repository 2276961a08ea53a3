"""Family-specific properties of textbook/BaseConversion-v1 (envs/base_conversion.py)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from textbook_gym.envs.base_conversion import BaseConversion
from textbook_gym.problem import Problem

FAM = BaseConversion()
CASES = [(d, s) for d in range(1, 11) for s in range(15)]


def problem(d: int, s: int) -> Problem:
    return FAM.generate(np.random.default_rng([s, d]), d)


def status(p: Problem, response: str) -> str:
    return FAM.verify(p, response).status.value


@pytest.mark.parametrize("d,s", CASES)
def test_accepted_renderings_verify(d, s):
    p = problem(d, s)
    gold, base = p.answer, p.metadata["base"]
    texts = [gold, gold.lower(), f"{gold}_{{{base}}}", f"{gold}_{base}", f"{gold}_{{({base})}}", f"{gold} (base {base})",
             f"00{gold}", f"\\text{{{gold}}}"]
    if base in (2, 8, 16):
        texts.append({2: "0b", 8: "0o", 16: "0x"}[base] + gold)
    if len(gold) > 4:
        texts.append(gold[:-4] + " " + gold[-4:])
    for text in texts:
        assert status(p, f"\\boxed{{{text}}}") == "CORRECT", text
    assert status(p, f"Answer: {gold}") == "CORRECT"


@pytest.mark.parametrize("d,s", CASES)
def test_near_misses_and_wrong_bases_fail(d, s):
    p = problem(d, s)
    gold, base = p.answer, p.metadata["base"]
    value = int(gold, base)
    for wrong in (value + 1, value - 1, value * base):
        assert status(p, f"\\boxed{{{np.base_repr(wrong, base)}}}") == "INCORRECT"
    if len(gold) > 1 and gold != gold[::-1]:
        assert status(p, f"\\boxed{{{gold[::-1]}}}") == "INCORRECT"  # remainders read in the wrong order
    other = 10 if base != 10 else 2
    assert status(p, f"\\boxed{{{gold}_{{{other}}}}}") == "UNPARSEABLE"  # subscript names another base
    assert status(p, f"\\boxed{{{gold}{'Z' if base == 16 else np.base_repr(base, 17)}}}") == "UNPARSEABLE"
    assert status(p, f"\\boxed{{-{gold}}}") == "UNPARSEABLE"


def reference(question: str) -> tuple[int, int]:
    """(value, target base) recomputed from the question text with Python's own int()."""
    if m := re.fullmatch(r"Convert (\w+?)(?:_\{(\d+)\})? to base (\d+)\.", question):
        return int(m[1], int(m[2] or 10)), int(m[3])
    m = re.fullmatch(r"Compute (\w+)_\{(\d+)\} ([-+×]) (\w+)_\{\d+\}\. Give the answer in base (\d+)\.", question)
    a, b, base = int(m[1], int(m[2])), int(m[4], int(m[2])), int(m[5])
    return {"+": a + b, "-": a - b, "×": a * b}[m[3]], base


@pytest.mark.parametrize("d", range(1, 11))
def test_agrees_with_independent_reference(d):
    for s in range(40):
        p = problem(d, s)
        value, base = reference(p.question)
        assert base == p.metadata["base"] and np.base_repr(value, base) == p.answer
        for candidate in (value, value + 3, max(value - base, 0)):
            assert FAM.verify(p, f"\\boxed{{{np.base_repr(candidate, base)}}}").correct == (candidate == value)


def test_difficulty_changes_the_problem():
    q = {d: [problem(d, s) for s in range(30)] for d in range(1, 11)}
    assert all(p.question.startswith("Convert") and "_{2}" in p.question for p in q[1])
    assert all(p.metadata["base"] == 2 for p in q[2])
    assert all(p.metadata["base"] in range(3, 10) for p in q[4])
    assert all("16" in p.question for p in q[5])
    assert all(p.metadata["data"]["kind"] == "group" for p in q[6])
    assert all("+" in p.question for p in q[8]) and all(re.search("[-×]", p.question) for p in q[9])
    assert max(len(p.answer) for p in q[10]) > max(len(p.answer) for p in q[3])


def test_hostile_numerals_are_refused_quickly():
    p = problem(5, 0)
    for hostile in ("F" * 5000, "1e309", "0x" + "1" * 300, "__import__('os')", "1\u200b0"):
        assert status(p, f"\\boxed{{{hostile}}}") in ("UNPARSEABLE", "INCORRECT")
