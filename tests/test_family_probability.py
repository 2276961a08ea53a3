"""Probability: gold agrees with enumeration or exact simulation; lowest terms required."""

import re
from fractions import Fraction
from itertools import combinations, product

import numpy as np
import pytest

from textbook_gym.problem import Problem
from textbook_gym.registry import get_family

FAM = get_family("Probability")


def _problems(level, n=40):
    return [FAM.generate(np.random.default_rng([seed, level]), level) for seed in range(n)]


def _reference(x):
    """Enumerate equally likely outcomes (or weighted outcomes) directly."""
    kind = x["kind"]
    if kind == "coins":
        # Sequences by number of heads, one flip at a time (2^24 sequences are too many to list).
        ways = [1]
        for _ in range(x["n"]):
            ways = [(ways[h] if h < len(ways) else 0) + (ways[h - 1] if h else 0) for h in range(len(ways) + 1)]
        if x["atleast"]:
            ok = sum(ways[x["k"]:])
        elif x.get("atmost"):
            ok = sum(ways[: x["k"] + 1])
        else:
            ok = ways[x["k"]]
        return Fraction(ok, sum(ways))
    if kind == "urn1":
        balls = [c for c, k in enumerate(x["counts"]) for _ in range(k)]
        return Fraction(sum(b in x["pair"] for b in balls), len(balls))
    if kind == "urn2":
        balls = ["red"] * x["r"] + ["blue"] * x["b"]
        pairs = list(combinations(range(len(balls)), 2))
        want = {"both red": ("red", "red"), "both blue": ("blue", "blue")}.get(x["ask"])
        good = [p for p in pairs if (sorted((balls[p[0]], balls[p[1]])) == sorted(want) if want else balls[p[0]] != balls[p[1]])]
        return Fraction(len(good), len(pairs))
    if kind == "indep":
        p, q = Fraction(x["p"]), Fraction(x["q"])
        world = {(a, b): (p if a else 1 - p) * (q if b else 1 - q) for a in (0, 1) for b in (0, 1)}
        test = {"at least one": lambda a, b: a or b, "exactly one": lambda a, b: a != b,
                "neither": lambda a, b: not (a or b), "both": lambda a, b: a and b}[x["ask"]]
        return sum(w for o, w in world.items() if test(*o))
    if kind == "binom":
        p, n = Fraction(x["p"]), x["n"]
        total = Fraction(0)
        for s in product((0, 1), repeat=n):
            w = Fraction(1)
            for v in s:
                w *= p if v else 1 - p
            hits = sum(s)
            if (hits >= x["k"]) if x["atleast"] else hits == x["k"]:
                total += w
        return total
    if kind == "bayes":
        prior, sens, fpr = Fraction(x["prior"]), Fraction(x["sens"]), Fraction(x["fpr"])
        joint = {("D", "+"): prior * sens, ("H", "+"): (1 - prior) * fpr}
        return joint[("D", "+")] / sum(joint.values())
    if kind == "urns":
        pick = Fraction(x["pick"])
        weights = []
        for urn, share in ((x["u1"], pick), (x["u2"], 1 - pick)):
            r, b = urn
            weights.append(share * Fraction(r, r + b))
        return weights[0] / sum(weights)
    return None  # dice, cards: checked from the question text below


def _die_faces(question):
    return int(question.split("fair ")[1].split("-sided")[0])


@pytest.mark.parametrize("level", [2, 4, 6, 7, 8, 10])
def test_gold_matches_enumeration(level):
    for p in _problems(level, 30):
        assert p.answer == _reference(p.metadata), p.question


def _die_ok(x, v):
    event, k = x["event"], x["k"]
    if event == "greater than":
        return v > k
    if event == "at most":
        return v <= k
    if event == "a multiple of":
        return v % k == 0
    if event == "between":
        return k <= v <= x["k2"]
    return v > 1 and all(v % d for d in range(2, v))


def test_single_die_by_enumeration():
    for p in _problems(1):
        faces = range(1, _die_faces(p.question) + 1)
        assert p.answer == Fraction(sum(_die_ok(p.metadata, v) for v in faces), len(faces))


def _dice_event(name, t, a, b):
    table = {
        "at least one shows": t in (a, b), "first die at least": a >= t, "doubles": a == b,
        "sum at least": a + b >= t, "sum equal to": a + b == t, "first die even": a % 2 == 0,
        "first die greater than second": a > b,
    }
    return table[name]


def test_two_dice_by_enumeration():
    for p in _problems(3):
        x = p.metadata
        first, second = (int(w.split("-sided")[0]) for w in p.question.split("fair ")[1:3])
        pairs = list(product(range(1, first + 1), range(1, second + 1)))
        good = [ab for ab in pairs if _dice_event(x["rel"], x["t"], *ab)]
        assert p.answer == Fraction(len(good), len(pairs)), p.question


def test_conditional_by_enumeration():
    for p in _problems(9):
        x = p.metadata
        sizes = [int(w) for w in re.findall(r"(\d+)-sided", p.question)] or [6]
        first, second = (sizes * 2)[:2]
        outcomes = product(range(1, first + 1), range(1, second + 1))
        given = [ab for ab in outcomes if _dice_event(x["b"], x["tb"], *ab)]
        both = [ab for ab in given if _dice_event(x["a"], x["ta"], *ab)]
        assert p.answer == Fraction(len(both), len(given)), p.question


def test_cards_by_enumeration():
    suits = {"heart": "H", "diamond": "D", "club": "C", "spade": "S"}
    deck = [(r, s) for r in range(1, 14) for s in "HDCS"]
    for p in _problems(5):
        x = p.metadata
        allowed = {"any": "HDCS", "red": "HD", "black": "CS"}.get(x["group"], suits.get(x["group"]))
        extra = "HDCS"[x["extra"]] if x["extra"] is not None else None
        good = [c for c in deck if (c[1] in allowed and x["lo"] <= c[0] <= x["hi"]) or c[1] == extra]
        assert p.answer == Fraction(len(good), 52), p.question


def test_answers_strictly_between_zero_and_one():
    for level in range(1, 11):
        assert all(0 < p.answer < 1 and isinstance(p.answer, Fraction) for p in _problems(level, 20))


@pytest.mark.parametrize("level", [1, 5, 9, 10])
def test_renderings_and_near_misses(level):
    for p in _problems(level, 20):
        a = p.answer
        n, d = a.numerator, a.denominator
        for text in (f"{n}/{d}", f"\\frac{{{n}}}{{{d}}}", f"\\dfrac{{{n}}}{{{d}}}", f"$\\frac{{{n}}}{{{d}}}$"):
            assert FAM.verify(p, f"\\boxed{{{text}}}").correct, text
        for wrong in (f"{d}/{n}" if n != d else "2", f"{n + 1}/{d}", f"-{n}/{d}", f"{1 - a}" if 1 - a != a else "0"):
            assert not FAM.verify(p, f"\\boxed{{{wrong}}}").correct, wrong
        assert FAM.verify(p, f"\\boxed{{{2 * n}/{2 * d}}}").status.value == "UNPARSEABLE"


def test_decimals_and_unreduced_fractions_are_refused():
    p = Problem("P?", Fraction(3, 8), "Probability")
    assert FAM.verify(p, "\\boxed{0.375}").status.value == "UNPARSEABLE"
    assert FAM.verify(p, "\\boxed{6/16}").status.value == "UNPARSEABLE"
    assert FAM.verify(p, "\\boxed{3/8}").correct


def test_difficulty_changes_the_problem():
    kinds = {level: {p.metadata["kind"] for p in _problems(level, 30)} for level in range(1, 11)}
    assert kinds[1] == {"die"} and kinds[5] == {"card"} and kinds[9] == {"cond"}
    assert kinds[10] == {"bayes", "urns"}
    assert np.mean([p.answer.denominator for p in _problems(10)]) > np.mean([p.answer.denominator for p in _problems(1)])
