"""ModularArithmetic: gold agrees with brute force; only the least non-negative residue is accepted."""

import numpy as np
import pytest

from textbook_gym.registry import get_family

FAM = get_family("ModularArithmetic")


def _problems(level, n=40):
    return [FAM.generate(np.random.default_rng([seed, level]), level) for seed in range(n)]


def _reference(x):
    """Brute force: search the residues directly."""
    m, kind = x["m"], x["kind"]
    if kind == "residue":
        return next(r for r in range(m) if (x["a"] - r) % m == 0)
    if kind == "sum":
        return (x["a"] + x["b"]) - (x["a"] + x["b"]) // m * m
    if kind == "product":
        return (x["a"] * x["b"]) % m
    if kind == "power":
        value = 1
        for _ in range(x["k"]) if x["k"] < 2000 else ():
            value = value * x["a"] % m
        return value if x["k"] < 2000 else pow(x["a"], x["k"], m)
    if kind == "inverse":
        return next(y for y in range(m) if x["a"] * y % m == 1)
    if kind == "linear":
        return next(y for y in range(m) if (x["a"] * y - x["b"]) % m == 0)
    inv = next(y for y in range(m) if x["b"] * y % m == 1)
    return pow(x["a"], x["e"], m) * inv % m


@pytest.mark.parametrize("level", range(1, 11))
def test_gold_matches_brute_force(level):
    for p in _problems(level):
        assert p.answer == _reference(p.metadata)
        assert 0 <= p.answer < p.metadata["m"]
        assert str(p.metadata["m"]) in p.question


@pytest.mark.parametrize("level", [1, 2, 7, 10])
def test_congruent_but_not_least_residue_fails(level):
    for p in _problems(level, 20):
        m, r = p.metadata["m"], p.answer
        assert FAM.verify(p, f"\\boxed{{{r}}}").correct
        assert FAM.verify(p, f"The answer is $\\boxed{{{r}}}$.").correct
        for wrong in (r + m, r - m, r + 1, m - r if m - r != r else r + 2):
            assert not FAM.verify(p, f"\\boxed{{{wrong}}}").correct, wrong


def test_expression_answers_are_refused():
    p = _problems(7, 1)[0]
    assert FAM.verify(p, f"\\boxed{{{p.answer} \\bmod {p.metadata['m']}}}").status.value == "UNPARSEABLE"


def test_difficulty_changes_the_problem():
    kinds = {level: {p.metadata["kind"] for p in _problems(level, 20)} for level in range(1, 11)}
    assert kinds[1] == kinds[2] == {"residue"}
    assert kinds[5] == kinds[6] == {"power"}
    assert kinds[7] == {"inverse"} and kinds[10] == {"fermat"}
    assert max(p.metadata["k"] for p in _problems(6)) > 100 * max(p.metadata["k"] for p in _problems(5))
    assert all(np.gcd(p.metadata["a"], p.metadata["m"]) > 1 for p in _problems(9))


def test_worked_solutions_show_the_method():
    assert "binary" in FAM.worked_solution(_problems(6, 1)[0])
    assert "Extended Euclid" in FAM.worked_solution(_problems(7, 1)[0])
    assert "Fermat" in FAM.worked_solution(_problems(10, 1)[0])
