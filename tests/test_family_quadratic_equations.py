"""QuadraticEquations: root-set renderings, missing/extra/duplicate/approximate roots, sympy reference."""

import numpy as np
import pytest
import sympy

from textbook_gym.envs.quadratic_equations import QuadraticEquations, root_text
from textbook_gym.verifiers.symbolic import parse_equation

FAMILY = QuadraticEquations()
X = sympy.Symbol("x")


def problems(levels=range(1, 11), seeds=range(12)):
    return [FAMILY.generate(np.random.default_rng([s, d]), d) for d in levels for s in seeds]


def boxed_set(items) -> str:
    return "\\boxed{\\{" + ", ".join(items) + "\\}}"


@pytest.mark.parametrize("level", [2, 7, 8, 10])
def test_accepted_renderings_verify(level):
    for p in problems([level], range(8)):
        roots = p.metadata["roots"]
        texts = [root_text(r) for r in roots]
        sstr = [sympy.sstr(v).replace("**", "^") for v in sorted(p.answer, key=float)]
        for answer in (boxed_set(texts), boxed_set(texts[::-1]), boxed_set(sstr), "\\boxed{" + ", ".join(texts) + "}"):
            assert FAMILY.verify(p, answer).correct, (p.question, answer)


def test_irrational_roots_in_other_exact_forms():
    p = next(p for p in problems([8], range(40)) if p.metadata["roots"][0][1])
    (u, v, m, w), _ = p.metadata["roots"]
    split = [f"\\frac{{{u}}}{{{w}}} - \\frac{{{abs(v)}\\sqrt{{{m}}}}}{{{w}}}", f"\\frac{{{u}}}{{{w}}} + \\frac{{{abs(v)}\\sqrt{{{m}}}}}{{{w}}}"]
    assert FAMILY.verify(p, boxed_set(split)).correct
    unsimplified = [f"\\frac{{{2 * u} - {2 * abs(v)}\\sqrt{{{m}}}}}{{{2 * w}}}", f"\\frac{{{2 * u} + \\sqrt{{{4 * v * v * m}}}}}{{{2 * w}}}"]
    assert FAMILY.verify(p, boxed_set(unsimplified)).correct


def test_missing_extra_duplicate_and_approximate_roots_fail():
    for p in problems(seeds=range(4)):
        values = sorted(p.answer, key=float)
        texts = [root_text(r) for r in p.metadata["roots"]]
        assert not FAMILY.verify(p, boxed_set(texts + ["1000"])).correct
        if len(texts) == 2:
            assert not FAMILY.verify(p, boxed_set(texts[:1])).correct
            assert not FAMILY.verify(p, boxed_set([texts[0], f"-({texts[1]})"])).correct or values[1] == 0
        else:
            assert FAMILY.verify(p, boxed_set(texts * 2)).status.value == "UNPARSEABLE"
            assert not FAMILY.verify(p, boxed_set([texts[0], f"2*{texts[0]}/2 + 0"])).correct
        approx = [f"{float(v):.6f}" for v in values]
        if any(not v.is_Rational for v in values):
            assert not FAMILY.verify(p, boxed_set(approx)).correct


def test_roots_agree_with_sympy_solve():
    for p in problems(seeds=range(10)):
        left, right = parse_equation(p.metadata["display"])
        reference = set(sympy.solve(sympy.Eq(left, right), X))
        assert len(reference) == len(p.answer), p.question
        for root in reference:
            assert any(sympy.simplify(root - gold) == 0 for gold in p.answer), (p.question, root)


def test_levels_change_the_method():
    assert all(all(v.is_Rational for v in p.answer) for p in problems(range(1, 7), range(20)))
    assert all(any(not v.is_Rational for v in p.answer) for p in problems([7, 8, 9], range(20)))
    assert any(len(p.answer) == 1 for p in problems([3], range(30)))
    assert all("/" in p.question for p in problems([10], range(20)))
