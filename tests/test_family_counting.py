"""Counting: gold agrees with brute-force enumeration on small cases; near misses fail."""

from itertools import combinations, permutations, product
from math import comb, factorial

import numpy as np
import pytest

from textbook_gym.registry import get_family

FAM = get_family("Counting")


def _problems(level, n=40):
    return [FAM.generate(np.random.default_rng([seed, level]), level) for seed in range(n)]


def _adjacent(seq, a, b, circle):
    i, j = seq.index(a), seq.index(b)
    return abs(i - j) == 1 or (circle and abs(i - j) == len(seq) - 1)


def _seats_brute(x):
    """Enumerate seatings; a circle fixes person n-1 in seat 0 to quotient out rotations."""
    n, b = x["n"], x["block"]
    if x["circle"]:
        seatings = ((n - 1,) + rest for rest in permutations(range(n - 1)))
    else:
        seatings = permutations(range(n))
    count = 0
    for s in seatings:
        pos = sorted(s.index(i) for i in range(b))
        if x["circle"]:
            # a block of b on a circle: some rotation makes the positions consecutive
            ok = any(sorted((p - r) % n for p in pos) == list(range(b)) for r in range(n))
        else:
            ok = pos[-1] - pos[0] == b - 1
        if x["apart"] and b == 2:
            ok = not _adjacent(s, 0, 1, x["circle"])
        count += ok
    return count


def _reference(x):
    kind = x["kind"]
    if kind == "perm":
        return sum(1 for _ in permutations(range(x["n"])))
    if kind == "stages":
        return sum(1 for _ in product(*(range(c) for c in x["counts"])))
    if kind == "ordered":
        return sum(1 for _ in permutations(range(x["n"]), x["k"]))
    if kind == "choose":
        return sum(1 for _ in combinations(range(x["n"]), x["k"]))
    if kind == "power":
        return x["q"] ** x["k"] if x["q"] ** x["k"] > 10**6 else sum(1 for _ in product(range(x["q"]), repeat=x["k"]))
    if kind == "word":
        w = x["word"]
        return len(set(permutations(w))) if len(w) <= 8 else None
    if kind == "product":
        return sum(1 for _ in combinations(range(x["m"]), x["a"])) * sum(1 for _ in combinations(range(x["w"]), x["b"]))
    if kind == "atleast":
        people = range(x["g"] + x["o"])  # seniors are 0..g-1
        return sum(1 for c in combinations(people, x["k"]) if min(c) < x["g"])
    if kind == "seats":
        return _seats_brute(x) if x["n"] <= 8 else None
    if kind == "contains":
        if x["q"] ** x["n"] > 2 * 10**5:
            return None
        return sum(1 for s in product(range(x["q"]), repeat=x["n"]) if all(t in s for t in range(x["t"])))
    if kind == "onto":
        if x["k"] ** x["n"] > 2 * 10**5:
            return None
        return sum(1 for s in product(range(x["k"]), repeat=x["n"]) if len(set(s)) == x["k"])
    return sum(1 for s in product(range(x["c"] + 1), repeat=x["k"] - 1) if 0 <= x["n"] - sum(s) <= x["c"])


@pytest.mark.parametrize("level", range(1, 11))
def test_gold_matches_enumeration(level):
    checked = 0
    for p in _problems(level, 30):
        ref = _reference(p.metadata)
        if ref is not None:
            assert p.answer == ref, p.question
            checked += 1
    assert checked >= 5


def test_word_formula_against_multinomial():
    for p in _problems(5):
        w = p.metadata["word"]
        denom = 1
        for ch in set(w):
            denom *= factorial(w.count(ch))
        assert p.answer == factorial(len(w)) // denom


@pytest.mark.parametrize("level", [1, 3, 7, 10])
def test_renderings_and_near_misses(level):
    for p in _problems(level, 20):
        a = p.answer
        assert FAM.verify(p, f"so there are \\boxed{{{a}}} ways").correct
        assert FAM.verify(p, f"Answer: {a:,}").correct
        for wrong in (a + 1, a - 1, 2 * a):
            assert not FAM.verify(p, f"\\boxed{{{wrong}}}").correct


def test_unevaluated_formulas_are_refused():
    p = _problems(3, 1)[0]
    n, k = p.metadata["n"], p.metadata["k"]
    assert p.answer == comb(n, k)
    assert FAM.verify(p, f"\\boxed{{\\binom{{{n}}}{{{k}}}}}").status.value == "UNPARSEABLE"


def test_difficulty_changes_the_principle():
    kinds = {level: {p.metadata["kind"] for p in _problems(level, 30)} for level in range(1, 11)}
    assert kinds[2] == {"ordered"} and kinds[3] == {"choose"} and kinds[4] == {"power"}
    assert kinds[8] == {"seats"} and kinds[9] == {"contains"} and kinds[10] == {"onto", "bounded"}
    assert "j = 0" in FAM.worked_solution(_problems(9, 1)[0])
