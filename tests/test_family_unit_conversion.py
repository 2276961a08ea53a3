"""Family-specific properties of textbook/UnitConversion-v0 (envs/unit_conversion.py)."""

from __future__ import annotations

import re
from fractions import Fraction

import numpy as np
import pytest

from textbook_gym.envs.unit_conversion import UnitConversion
from textbook_gym.envs.unit_conversion import number_text as num
from textbook_gym.problem import Problem

FAM = UnitConversion()
CASES = [(d, s) for d in range(1, 11) for s in range(15)]

# An independent table: every unit in SI base units (m, kg, m³, s, m²), from the legal definitions.
IN, LB, GAL = Fraction("0.0254"), Fraction("0.45359237"), Fraction("0.003785411784")
SI = {
    "mm": Fraction("0.001"), "cm": Fraction("0.01"), "m": Fraction(1), "km": Fraction(1000), "in": IN,
    "ft": 12 * IN, "yd": 36 * IN, "mi": 5280 * 12 * IN, "mg": Fraction("1e-6"), "g": Fraction("0.001"),
    "kg": Fraction(1), "t": Fraction(1000), "lb": LB, "oz": LB / 16, "mL": Fraction("1e-6"), "L": Fraction("0.001"),
    "kL": Fraction(1), "cm³": Fraction("1e-6"), "m³": Fraction(1), "gal": GAL, "qt": GAL / 4, "pt": GAL / 8,
    "cup": GAL / 16, "fl oz": GAL / 128, "in³": IN**3, "ft³": (12 * IN) ** 3, "s": Fraction(1), "min": Fraction(60),
    "h": Fraction(3600), "day": Fraction(86400), "week": Fraction(604800), "mm²": Fraction("1e-6"),
    "cm²": Fraction("1e-4"), "m²": Fraction(1), "ha": Fraction(10**4), "km²": Fraction(10**6), "in²": IN**2,
    "ft²": (12 * IN) ** 2, "yd²": (36 * IN) ** 2, "acre": 43560 * (12 * IN) ** 2,
}


def problem(d: int, s: int) -> Problem:
    return FAM.generate(np.random.default_rng([s, d]), d)


def status(p: Problem, response: str) -> str:
    return FAM.verify(p, response).status.value


def si(unit: str) -> Fraction:
    if "/" in unit:
        top, bottom = unit.split("/")
        return SI[top] / SI[bottom]
    return SI[unit]


def reference(question: str) -> Fraction:
    body, target = re.match(r"Convert (.*) to (fl oz|\S+)\. Give", question).groups()
    total = Fraction(0)
    for value, unit in re.findall(r"([\d./]+) ((?:fl oz|[^\s\d]+))", body):
        total += Fraction(value) * si(unit)
    return total / si(target)


@pytest.mark.parametrize("d,s", CASES)
def test_accepted_renderings_verify(d, s):
    p = problem(d, s)
    x = p.answer
    texts = [f"{x.numerator}/{x.denominator}" if x.denominator > 1 else str(x),
             f"\\frac{{{x.numerator}}}{{{x.denominator}}}" if x.denominator > 1 else f"{x}.0", f"Answer: {num(x)}"]
    if "/" not in num(x):
        texts.append(num(x))
    if x > 1 and x.denominator > 1:
        w = x.numerator // x.denominator
        texts.append(f"{w} {x.numerator - w * x.denominator}/{x.denominator}")
    for text in texts:
        assert status(p, text if text.startswith("Answer") else f"\\boxed{{{text}}}") == "CORRECT", text


@pytest.mark.parametrize("d,s", CASES)
def test_near_misses_fail(d, s):
    p = problem(d, s)
    x = p.answer
    for wrong in (x * 10, x / 10, 1 / x, x + Fraction(1, 10**9)):
        assert status(p, f"\\boxed{{{wrong.numerator}/{wrong.denominator}}}" if wrong.denominator > 1 else
                      f"\\boxed{{{wrong}}}") == "INCORRECT"
    if x.denominator > 1:
        assert status(p, f"\\boxed{{{2 * x.numerator}/{2 * x.denominator}}}") == "UNPARSEABLE"
    if "/" in num(x):
        assert status(p, f"\\boxed{{{float(x):.4f}}}") == "INCORRECT"  # rounded decimals are not exact


@pytest.mark.parametrize("d", range(1, 11))
def test_agrees_with_independent_reference(d):
    for s in range(40):
        p = problem(d, s)
        ref = reference(p.question)
        assert ref == p.answer, p.question
        for candidate in (ref, ref * Fraction(1001, 1000)):
            text = f"{candidate.numerator}/{candidate.denominator}" if candidate.denominator > 1 else str(candidate)
            assert FAM.verify(p, f"\\boxed{{{text}}}").correct == (candidate == p.answer)


def test_difficulty_changes_the_problem():
    data = {d: [problem(d, s).metadata["data"] for s in range(30)] for d in range(1, 11)}
    assert all(x["u"] in ("mm", "cm", "m", "km") for x in data[1])
    assert all(x["u"] in ("s", "min", "h", "day", "week") for x in data[3])
    metric = {"mm", "cm", "m", "km", "mg", "g", "kg", "t", "mL", "L", "kL"}
    assert all((x["u"] in metric) != (x["v"] in metric) for x in data[6])
    assert all("²" in x["u"] or x["u"] in ("acre", "ha") for x in data[7])
    assert all(x["kind"] == "rate" for x in data[8] + data[10])
    assert any(x["kind"] == "mixed" for x in data[9])
