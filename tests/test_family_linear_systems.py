"""LinearSystems: assignment renderings, missing/extra/wrong values, sympy linsolve reference."""

from fractions import Fraction

import numpy as np
import pytest
import sympy

from textbook_gym.envs.linear_systems import LinearSystems
from textbook_gym.verifiers.symbolic import parse_equation

FAMILY = LinearSystems()


def problems(levels=range(1, 11), seeds=range(12)):
    return [FAMILY.generate(np.random.default_rng([s, d]), d) for d in levels for s in seeds]


def text(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


def assignments(names, values, sep=", ") -> str:
    return sep.join(f"{n} = {text(v)}" for n, v in zip(names, values))


@pytest.mark.parametrize("level", [1, 6, 10])
def test_accepted_renderings_verify(level):
    for p in problems([level], range(8)):
        names, values = p.metadata["names"], p.answer
        tuple_form = f"({', '.join(names)}) = ({', '.join(text(v) for v in values)})"
        for answer in (assignments(names, values), assignments(names[::-1], values[::-1]),
                       assignments(names, values, " and "), tuple_form):
            assert FAMILY.verify(p, f"\\boxed{{{answer}}}").correct, (p.question, answer)


def test_missing_extra_and_wrong_values_fail():
    for p in problems(seeds=range(4)):
        names, values = p.metadata["names"], list(p.answer)
        assert not FAMILY.verify(p, f"\\boxed{{{assignments(names[:-1], values[:-1])}}}").correct
        assert not FAMILY.verify(p, f"\\boxed{{{assignments(names, values)}, s = 1}}").correct
        assert not FAMILY.verify(p, f"\\boxed{{{assignments(names, values)}, {names[0]} = 1}}").correct
        for i in range(len(values)):
            wrong = list(values)
            wrong[i] += 1
            assert not FAMILY.verify(p, f"\\boxed{{{assignments(names, wrong)}}}").correct
        swapped = values[::-1]
        if swapped != values:
            assert not FAMILY.verify(p, f"\\boxed{{{assignments(names, swapped)}}}").correct


def test_solution_agrees_with_sympy_linsolve():
    for p in problems(seeds=range(10)):
        symbols = [sympy.Symbol(n) for n in p.metadata["names"]]
        eqs = [sympy.Eq(*parse_equation(e)) for e in p.metadata["equations"]]
        (solution,) = sympy.linsolve(eqs, symbols)
        assert tuple(Fraction(int(s.p), int(s.q)) for s in solution) == p.answer, p.question


def test_levels_change_size_and_form():
    assert all(len(p.answer) == 2 for p in problems(range(1, 7), range(10)))
    assert all(len(p.answer) == 3 for p in problems(range(7, 11), range(10)))
    assert any(v.denominator > 1 for p in problems([9], range(20)) for v in p.answer)
    assert all(v.denominator == 1 for p in problems([3, 8], range(20)) for v in p.answer)
