"""Probability: exact probabilities for dice, coins, cards, urns, independent and conditional events.

**Asked.** One probability, strictly between 0 and 1, as an exact fraction in lowest terms.

**Difficulty**:

==  ==============================================================  ============================
 1  one roll of a fair die with 4 to 100 faces                        P(roll > 4 on a d8) = 1/2
 2  exactly, at least or at most k heads in n <= 24 fair coin flips   C(n, k) / 2^n
 3  the sum of two fair dice (4 to 20 faces): equal to, or at least    P(sum = 8) = 5/36
 4  one draw from an urn with three colours (either of two colours)    (r + g) / (r + b + g)
 5  one card from a 52-card deck: "a heart or a king" (overlap)        16/52 = 4/13
 6  two draws without replacement: both one colour, or one of each     (r/n)·((r - 1)/(n - 1))
 7  independent events with given probabilities: at least one,        1 - (1 - p)(1 - q)
    exactly one, neither
 8  exactly k successes in n independent trials (dice, spinners)       C(n, k) p^k (1 - p)^(n-k)
 9  conditional probability for two dice (4 to 10 faces): P(A | B)   |A ∩ B| / |B|
10  Bayes: a test with given prevalence, sensitivity and false-positive rate, or two urns
==  ==============================================================  ============================

Examples: level 1 "A fair 8-sided die is rolled. What is the probability that it shows a
number greater than 5?" (3/8); level 6 "A bag has 5 red and 3 blue marbles. Two are drawn
without replacement. What is the probability both are red?" (5/14); level 10 "1/50 of
people have a condition ... what is the probability a person who tests positive has it?".

**Answer type.** ``Fraction``, parsed by :func:`textbook_gym.verifiers.numbers.parse_rational`
with ``require_lowest_terms=True`` and ``allow_decimal=False``: ``3/8``, ``\\frac{3}{8}``,
``\\dfrac38`` are accepted; ``6/16`` (not reduced) and ``0.375`` (a decimal) are UNPARSEABLE;
any other value is INCORRECT.

**Worked solutions** count the outcomes in the sample space and the favourable ones (or
apply the complement, product, binomial or Bayes rule with every number written out) and
reduce the fraction by the gcd. The last line holds ``\\boxed{p/q}``.

**Problem-space sizes** (:meth:`Probability.space_size`): estimates from 4,000 draws per
level (Chao1 estimator; a level where no problem repeated is given as its lower bound).

**Version history.** v0: first release. v1: levels 1, 2, 3, 6, 8 and 9 widened (dice with
4 to 100 faces, up to 24 coins and "at most", two dice of any of six sizes, urns up to 20
per colour, independent events with probabilities in tenths, sixths, quarters, eighths,
fifths or thirds, nine spinner probabilities and up to 10 trials, conditional probability on
dice with 4 to 10 faces), so every level's test split holds at least 50 problems.
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction
from itertools import product

import numpy as np

from textbook_gym.family import Family, check_difficulty
from textbook_gym.problem import Problem
from textbook_gym.registry import register_family
from textbook_gym.verdict import Verdict
from textbook_gym.verifiers import check_answer
from textbook_gym.verifiers.numbers import parse_rational

DIE_EVENTS = ("greater than", "at most", "a multiple of", "prime", "between")
COLOURS = ("red", "blue", "green")
SUITS = ("heart", "diamond", "club", "spade")
GROUPS = {"any": (0, 1, 2, 3), "red": (0, 1), "black": (2, 3), "heart": (0,), "diamond": (1,), "club": (2,), "spade": (3,)}
SPINNER = [Fraction(1, 5), Fraction(2, 5), Fraction(3, 5), Fraction(4, 5), Fraction(1, 4), Fraction(3, 4),
           Fraction(1, 3), Fraction(2, 3), Fraction(1, 2)]
DICE_CONDITIONS = ("sum at least", "sum equal to", "doubles", "first die even", "first die at least")
DICE_TARGETS = ("at least one shows", "doubles", "sum at least", "first die greater than second", "first die at least")


def _int(rng: np.random.Generator, lo: int, hi: int) -> int:
    return int(rng.integers(lo, hi + 1))


def _frac_text(f: Fraction) -> str:
    return f"{f.numerator}/{f.denominator}"


def reduce_line(num: int, den: int) -> str:
    """``8/36 = 2/9`` with the common factor named, or a note that it is already reduced."""
    g = math.gcd(num, den)
    if g == 1:
        return f"{num}/{den} is already in lowest terms."
    return f"{num}/{den}: divide top and bottom by gcd({num}, {den}) = {g} to get {num // g}/{den // g}."


def _die_pred(event: str, k: int, k2: int):
    return {"greater than": lambda v: v > k, "at most": lambda v: v <= k, "a multiple of": lambda v: v % k == 0,
            "between": lambda v: k <= v <= k2, "prime": lambda v: v > 1 and all(v % d for d in range(2, math.isqrt(v) + 1))}[event]


def _card_pred(x: dict):
    """A card (rank 1..13, suit index) is favourable: in the group and the rank range, or of the extra suit."""
    group, extra = GROUPS[x["group"]], x["extra"]
    return lambda r, s: (s in group and x["lo"] <= r <= x["hi"]) or (extra is not None and s == extra)


def _card_text(x: dict) -> str:
    kind = {"any": "a card", "red": "a red card", "black": "a black card"}.get(x["group"], f"a {x['group']}")
    text = f"{kind} with rank from {x['lo']} to {x['hi']} (ace = 1, jack = 11, queen = 12, king = 13)"
    return text if x["extra"] is None else f"{text} or a {SUITS[x['extra']]}"


def _dice_pred(name: str, t: int):
    return {"at least one shows": lambda a, b: t in (a, b), "first die at least": lambda a, b: a >= t, "doubles": lambda a, b: a == b,
            "sum at least": lambda a, b: a + b >= t, "sum equal to": lambda a, b: a + b == t,
            "first die even": lambda a, b: a % 2 == 0, "first die greater than second": lambda a, b: a > b}[name]


def _dice_text(name: str, t: int) -> str:
    return {"sum at least": f"the sum is at least {t}", "sum equal to": f"the sum is {t}",
            "doubles": "the two dice show the same number", "first die even": "the first die is even",
            "at least one shows": f"at least one die shows a {t}", "first die at least": f"the first die shows at least {t}",
            "first die greater than second": "the first die shows more than the second"}[name]


# --------------------------------------------------------------------------- generation
def _draw(rng: np.random.Generator, d: int) -> dict:
    for _ in range(1000):
        x = _draw_once(rng, d)
        if 0 < _solve(x)[1] < 1:
            return x
    raise RuntimeError("no valid problem drawn")  # pragma: no cover


def _draw_once(rng: np.random.Generator, d: int) -> dict:
    if d == 1:
        sides = int(rng.choice([4, 6, 8, 10, 12, 20, 30, 50, 100]))
        k = _int(rng, 2, sides - 2)
        return {"kind": "die", "sides": sides, "event": DIE_EVENTS[_int(rng, 0, 4)], "k": k, "k2": _int(rng, k, sides)}
    if d == 2:
        n, many = _int(rng, 2, 24), _int(rng, 0, 4)
        k = _int(rng, 0, n) if many in (0, 4) else _int(rng, 1, n - 1)
        return {"kind": "coins", "n": n, "k": k, "atleast": many in (1, 2), "atmost": many == 3}
    if d == 3:
        sides = [int(v) for v in rng.choice([4, 6, 8, 10, 12, 20], size=2)]
        return {"kind": "twodice", "rel": "sum equal to" if rng.random() < 0.5 else "sum at least",
                "t": _int(rng, 3, sum(sides)), "sides": sides}
    if d == 4:
        counts = [_int(rng, 1, 15) for _ in range(3)]
        pair = sorted(int(v) for v in rng.choice(3, size=2, replace=False))
        return {"kind": "urn1", "counts": counts, "pair": pair}
    if d == 5:
        lo = _int(rng, 1, 13)
        group = sorted(GROUPS)[_int(rng, 0, len(GROUPS) - 1)]
        extra = _int(rng, 0, 3) if rng.random() < 0.5 else None
        return {"kind": "card", "lo": lo, "hi": _int(rng, lo, 13), "group": group, "extra": extra}
    if d == 6:
        return {"kind": "urn2", "r": _int(rng, 2, 20), "b": _int(rng, 2, 20), "ask": ["both red", "both blue", "one of each"][_int(rng, 0, 2)]}
    if d == 7:
        p = [Fraction(_int(rng, 1, 9), 10), Fraction(_int(rng, 1, 5), 6), Fraction(_int(rng, 1, 3), 4)][_int(rng, 0, 2)]
        q = [Fraction(_int(rng, 1, 7), 8), Fraction(_int(rng, 1, 4), 5), Fraction(_int(rng, 1, 2), 3)][_int(rng, 0, 2)]
        return {"kind": "indep", "p": _frac_text(p), "q": _frac_text(q), "ask": ["at least one", "exactly one", "neither", "both"][_int(rng, 0, 3)]}
    if d == 8:
        p = Fraction(1, 6) if rng.random() < 0.4 else SPINNER[_int(rng, 0, len(SPINNER) - 1)]
        n = _int(rng, 3, 10)
        return {"kind": "binom", "p": _frac_text(p), "n": n, "k": _int(rng, 1, n - 1), "atleast": bool(rng.random() < 0.3)}
    if d == 9:
        a, b = DICE_TARGETS[_int(rng, 0, 4)], DICE_CONDITIONS[_int(rng, 0, 4)]
        ta = _int(rng, 5, 11) if a == "sum at least" else _int(rng, 2, 6)
        tb = _int(rng, 4, 11) if b.startswith("sum") else _int(rng, 2, 5)
        sides = [6, 6] if rng.random() < 0.5 else [int(v) for v in rng.choice([4, 6, 8, 10], size=2)]
        return {"kind": "cond", "a": a, "ta": ta, "b": b, "tb": tb, "sides": sides}
    if rng.random() < 0.5:
        return {"kind": "bayes", "prior": _frac_text(Fraction(1, _int(rng, 5, 200))),
                "sens": _frac_text(Fraction(_int(rng, 80, 99), 100)), "fpr": _frac_text(Fraction(_int(rng, 1, 15), 100))}
    return {"kind": "urns", "u1": [_int(rng, 1, 9), _int(rng, 1, 9)], "u2": [_int(rng, 1, 9), _int(rng, 1, 9)],
            "pick": _frac_text(Fraction(_int(rng, 1, 4), 5)) if rng.random() < 0.5 else "1/2"}


def _question(x: dict) -> str:
    kind = x["kind"]
    if kind == "die":
        ev = x["event"]
        what = {"greater than": f"a number greater than {x['k']}", "at most": f"a number that is at most {x['k']}",
                "a multiple of": f"a multiple of {x['k']}"}.get(ev, "a prime number")
        what = f"a number from {x['k']} to {x['k2']}" if ev == "between" else what
        return f"A fair {x['sides']}-sided die (faces 1 to {x['sides']}) is rolled. What is the probability that it shows {what}?"
    if kind == "coins":
        many = "at least" if x["atleast"] else ("at most" if x.get("atmost") else "exactly")
        return f"A fair coin is flipped {x['n']} times. What is the probability of getting {many} {x['k']} heads?"
    if kind == "twodice":
        a, b = x["sides"]
        return (f"A fair {a}-sided die and a fair {b}-sided die are rolled. What is the probability that "
                f"{_dice_text(x['rel'], x['t'])}?")
    if kind == "urn1":
        c, (i, j) = x["counts"], x["pair"]
        return (f"A bag holds {c[0]} red, {c[1]} blue and {c[2]} green marbles. One marble is drawn at random. "
                f"What is the probability that it is {COLOURS[i]} or {COLOURS[j]}?")
    if kind == "card":
        return f"One card is drawn at random from a standard 52-card deck. What is the probability that it is {_card_text(x)}?"
    if kind == "urn2":
        return (f"A bag holds {x['r']} red and {x['b']} blue marbles. Two marbles are drawn at random without "
                f"replacement. What is the probability that they are {x['ask']}?")
    if kind == "indep":
        ask = {"at least one": "at least one of them happens", "exactly one": "exactly one of them happens",
               "neither": "neither happens", "both": "both happen"}[x["ask"]]
        return f"Independent events A and B have P(A) = {x['p']} and P(B) = {x['q']}. What is the probability that {ask}?"
    if kind == "binom":
        trial = "a fair die is rolled and shows a 6" if x["p"] == "1/6" else f"a spinner lands on blue (probability {x['p']} each spin)"
        count = f"at least {x['k']}" if x["atleast"] else f"exactly {x['k']}"
        return f"In each of {x['n']} independent trials, {trial}. What is the probability that this happens in {count} of the {x['n']} trials?"
    if kind == "cond":
        a, b = x.get("sides", [6, 6])
        dice = "Two fair six-sided dice are" if a == b == 6 else (
            f"Two fair {a}-sided dice are" if a == b else f"A fair {a}-sided die (the first) and a fair {b}-sided die are")
        return (f"{dice} rolled. Given that {_dice_text(x['b'], x['tb'])}, what is the probability "
                f"that {_dice_text(x['a'], x['ta'])}?")
    if kind == "bayes":
        return (f"A condition affects {x['prior']} of a population. A test detects it in {x['sens']} of people who have it, "
                f"and gives a false positive for {x['fpr']} of people who do not. A random person tests positive. "
                f"What is the probability that they have the condition?")
    (r1, b1), (r2, b2) = x["u1"], x["u2"]
    return (f"Urn 1 holds {r1} red and {b1} blue balls; urn 2 holds {r2} red and {b2} blue balls. Urn 1 is chosen with "
            f"probability {x['pick']}, otherwise urn 2, and one ball is drawn from it. The ball is red. What is the "
            f"probability that it came from urn 1?")


def _count(lines: list[str], fav: int, total: int, what: str) -> Fraction:
    lines.append(f"Favourable outcomes ({what}): {fav}; equally likely outcomes in all: {total}.")
    lines.append(reduce_line(fav, total))
    return Fraction(fav, total)


def _solve(x: dict) -> tuple[list[str], Fraction]:
    kind, lines = x["kind"], []
    if kind == "die":
        pred = _die_pred(x["event"], x["k"], x["k2"])
        good = [v for v in range(1, x["sides"] + 1) if pred(v)]
        lines.append(f"The favourable faces are {', '.join(map(str, good))}." if good else "No face is favourable.")
        return lines, _count(lines, len(good), x["sides"], "faces")
    if kind == "coins":
        n, k = x["n"], x["k"]
        lines.append(f"There are 2^{n} = {2**n} equally likely sequences of heads and tails.")
        ks = range(k, n + 1) if x["atleast"] else (range(0, k + 1) if x.get("atmost") else [k])
        for j in ks:
            lines.append(f"Sequences with exactly {j} heads: C({n}, {j}) = {math.comb(n, j)}.")
        fav = sum(math.comb(n, j) for j in ks)
        if len(ks) > 1:
            lines.append(f"Add them: {' + '.join(str(math.comb(n, j)) for j in ks)} = {fav}.")
        return lines, _count(lines, fav, 2**n, "sequences")
    if kind in ("twodice", "cond"):
        sides = x.get("sides", [6, 6])
        outcomes = list(product(range(1, sides[0] + 1), range(1, sides[1] + 1)))
        if kind == "twodice":
            good = [o for o in outcomes if _dice_pred(x["rel"], x["t"])(*o)]
            lines.append(f"Of the {len(outcomes)} ordered pairs, these qualify: {' '.join(f'({a},{b})' for a, b in good)}.")
            return lines, _count(lines, len(good), len(outcomes), "pairs")
        given = [o for o in outcomes if _dice_pred(x["b"], x["tb"])(*o)]
        both = [o for o in given if _dice_pred(x["a"], x["ta"])(*o)]
        lines.append(f"Restrict to the pairs where {_dice_text(x['b'], x['tb'])}: {len(given)} pairs.")
        lines.append(f"Among them, {_dice_text(x['a'], x['ta'])} in {len(both)}: {' '.join(f'({a},{b})' for a, b in both)}.")
        lines.append(f"P(A | B) = |A ∩ B| / |B| = {len(both)}/{len(given)}.")
        return lines, _count(lines, len(both), len(given), "pairs in the condition") if given else Fraction(0)
    if kind == "urn1":
        c, (i, j) = x["counts"], x["pair"]
        lines.append(f"{COLOURS[i]} or {COLOURS[j]}: {c[i]} + {c[j]} = {c[i] + c[j]} of {sum(c)} marbles.")
        return lines, _count(lines, c[i] + c[j], sum(c), "marbles")
    if kind == "card":
        pred = _card_pred(x)
        fav = sum(pred(r, s) for r in range(1, 14) for s in range(4))
        main = len(GROUPS[x["group"]]) * (x["hi"] - x["lo"] + 1)
        lines.append(f"Cards of the right colour or suit with rank {x['lo']} to {x['hi']}: {len(GROUPS[x['group']])} × {x['hi'] - x['lo'] + 1} = {main}.")
        if x["extra"] is not None:
            lines.append(f"Add the 13 {SUITS[x['extra']]}s and subtract the {main + 13 - fav} already counted: {main} + 13 - {main + 13 - fav} = {fav}.")
        return lines, _count(lines, fav, 52, "cards")
    if kind == "urn2":
        r, b = x["r"], x["b"]
        n = r + b
        total = math.comb(n, 2)
        lines.append(f"Unordered pairs of marbles: C({n}, 2) = {total}.")
        if x["ask"] == "one of each":
            fav, what = r * b, f"one of {r} red times one of {b} blue = {r * b}"
        else:
            m = r if x["ask"] == "both red" else b
            fav, what = math.comb(m, 2), f"C({m}, 2) = {math.comb(m, 2)}"
        lines.append(f"Favourable pairs: {what}.")
        return lines, _count(lines, fav, total, "pairs")
    if kind == "indep":
        p, q = Fraction(x["p"]), Fraction(x["q"])
        np_, nq = 1 - p, 1 - q
        lines.append(f"P(not A) = 1 - {p} = {np_}, P(not B) = 1 - {q} = {nq}; independence lets us multiply.")
        if x["ask"] == "both":
            value = p * q
            lines.append(f"P(A and B) = {p} × {q} = {value}.")
        elif x["ask"] == "neither":
            value = np_ * nq
            lines.append(f"P(neither) = {np_} × {nq} = {value}.")
        elif x["ask"] == "at least one":
            value = 1 - np_ * nq
            lines.append(f"P(at least one) = 1 - P(neither) = 1 - {np_} × {nq} = 1 - {np_ * nq} = {value}.")
        else:
            value = p * nq + np_ * q
            lines.append(f"P(exactly one) = {p} × {nq} + {np_} × {q} = {p * nq} + {np_ * q} = {value}.")
        return lines, value
    if kind == "binom":
        p, n, k = Fraction(x["p"]), x["n"], x["k"]
        ks = range(k, n + 1) if x["atleast"] else [k]
        total = Fraction(0)
        for j in ks:
            term = math.comb(n, j) * p**j * (1 - p) ** (n - j)
            lines.append(f"P({j} of {n}) = C({n}, {j}) × ({p})^{j} × ({1 - p})^{n - j} = {term}")
            total += term
        if len(ks) > 1:
            lines.append(f"Add the cases: {total}.")
        return lines, total
    if kind == "bayes":
        prior, sens, fpr = Fraction(x["prior"]), Fraction(x["sens"]), Fraction(x["fpr"])
        tp, fp = prior * sens, (1 - prior) * fpr
        lines += [f"P(has it and positive) = {prior} × {sens} = {tp}.",
                  f"P(does not have it and positive) = {1 - prior} × {fpr} = {fp}.",
                  f"P(positive) = {tp} + {fp} = {tp + fp}.",
                  f"Bayes: P(has it | positive) = ({tp}) / ({tp + fp}) = {tp / (tp + fp)}."]
        return lines, tp / (tp + fp)
    (r1, b1), (r2, b2) = x["u1"], x["u2"]
    pick = Fraction(x["pick"])
    a, b = pick * Fraction(r1, r1 + b1), (1 - pick) * Fraction(r2, r2 + b2)
    lines += [f"P(urn 1 and red) = {pick} × {r1}/{r1 + b1} = {a}.", f"P(urn 2 and red) = {1 - pick} × {r2}/{r2 + b2} = {b}.",
              f"P(red) = {a} + {b} = {a + b}.", f"P(urn 1 | red) = ({a}) / ({a + b}) = {a / (a + b)}."]
    return lines, a / (a + b)


# --------------------------------------------------------------------------- exposition
_TEMPLATES = [
    "Definition. When all outcomes are equally likely, P(event) = favourable outcomes / all outcomes. A fair {s}-sided die shows more than {dk} with probability {gt}.",
    "Always reduce: {a}/{b} = {ab}. Divide the numerator and the denominator by their greatest common divisor, {g}.",
    "Two dice give 36 ordered pairs, all equally likely. Sums are not equally likely: a sum of {t} arises {ways} ways, so P(sum = {t}) = {pt}.",
    "Common mistake: treating the 11 possible sums of two dice as equally likely. P(sum = 7) = 6/36 = 1/6, but P(sum = 2) = 1/36.",
    "The complement rule: P(not A) = 1 - P(A). The chance of at least one head in {n} flips is 1 - (1/2)^{n} = {al1}.",
    "Independent events multiply: if P(A) = {p} and P(B) = {q}, then P(A and B) = {pq}, and P(neither) = {nn}.",
    "Addition rule: P(A or B) = P(A) + P(B) - P(A and B). For a heart or a king: 13/52 + 4/52 - 1/52 = 16/52 = 4/13; the king of hearts is counted once.",
    "Without replacement the second draw depends on the first. From {r} red and {bl} blue, P(two red) = {r}/{rb} × {r1}/{rb1} = {twored}.",
    "Binomial probability: exactly {k} successes in {n} independent trials with success probability {p} is C({n}, {k}) × ({p})^{k} × (1 - {p})^({n} - {k}) = {bin}.",
    "Conditional probability restricts the sample space: P(A | B) = P(A and B) / P(B). With dice, count the pairs inside B and, among them, the pairs in A.",
    "Bayes' rule reverses a conditional: P(D | +) = P(+ | D) P(D) / P(+). With prevalence {pr}, sensitivity {se} and false-positive rate {fp}, a positive test means the condition with probability {bay}.",
    "Common mistake: confusing P(positive | disease) with P(disease | positive). When a condition is rare, most positives can be false: with prevalence {pr} the second is only {bay}.",
    "Counting with combinations: P(exactly {k} heads in {n} flips) = C({n}, {k}) / 2^{n} = {coin}.",
    "A probability is a number from 0 to 1: 0 for impossible, 1 for certain. Adding the probabilities of all outcomes gives 1, which is why P(A) + P(not A) = 1.",
]


@functools.lru_cache(maxsize=1)
def _passages() -> tuple[str, ...]:
    rng = np.random.default_rng(1654)
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < 170:
        s = int(rng.choice([6, 8, 10, 12, 20]))
        k = _int(rng, 1, s - 1)
        a = _int(rng, 2, 30)
        b = a * _int(rng, 2, 6) + _int(rng, 1, 5)
        if math.gcd(a, b) == 1:  # the "always reduce" passage needs a fraction that does reduce
            a, b = a * (2 + a % 5), b * (2 + a % 5)
        g = math.gcd(a, b)
        t = _int(rng, 2, 12)
        n = _int(rng, 2, 8)
        kk = _int(rng, 1, n)
        p, q = Fraction(_int(rng, 1, 9), 10), Fraction(_int(rng, 1, 5), 6)
        r, bl = _int(rng, 2, 10), _int(rng, 2, 10)
        pr, se, fp = Fraction(1, _int(rng, 10, 200)), Fraction(_int(rng, 85, 99), 100), Fraction(_int(rng, 2, 10), 100)
        bay = pr * se / (pr * se + (1 - pr) * fp)
        values = {
            "s": s, "dk": k, "k": kk, "gt": Fraction(s - k, s), "a": a, "b": b, "ab": f"{a // g}/{b // g}", "g": g, "t": t,
            "ways": 6 - abs(t - 7), "pt": Fraction(6 - abs(t - 7), 36), "n": n, "al1": 1 - Fraction(1, 2**n),
            "p": p, "q": q, "pq": p * q, "nn": (1 - p) * (1 - q), "r": r, "bl": bl, "rb": r + bl, "r1": r - 1,
            "rb1": r + bl - 1, "twored": Fraction(r * (r - 1), (r + bl) * (r + bl - 1)),
            "bin": math.comb(n, kk) * p**kk * (1 - p) ** (n - kk), "pr": pr, "se": se, "fp": fp, "bay": bay,
            "coin": Fraction(math.comb(n, kk), 2**n),
        }
        text = _TEMPLATES[int(rng.integers(0, len(_TEMPLATES)))].format(**values)
        if text not in seen:
            seen.add(text)
            out.append(text)
    return tuple(out)


def _parse(span: str) -> Fraction:
    return parse_rational(span, require_lowest_terms=True, allow_decimal=False)


# --------------------------------------------------------------------------- the family
@register_family
class Probability(Family):
    name = "Probability"
    version = 1
    answer_type = "fraction"
    subject = "probability"
    space_sizes = {  # (count, exact) per level; see "Problem-space sizes" in the module docstring
        1: (1600, False), 2: (884, False), 3: (1300, False), 4: (9800, False), 5: (3000, False),
        6: (1100, False), 7: (759, False), 8: (842, False), 9: (2600, False), 10: (61_000, False),
    }
    instruction = (
        "Give the probability as an exact fraction in lowest terms, such as \\boxed{3/8} or "
        "\\boxed{\\frac{3}{8}} (decimals are not accepted)."
    )

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem:
        difficulty = check_difficulty(difficulty)
        data = _draw(rng, difficulty)
        _, answer = _solve(data)
        return Problem(_question(data), answer, self.name, self.version, difficulty, metadata=data)

    def worked_solution(self, problem: Problem) -> str:
        lines, answer = _solve(problem.metadata)
        return "\n".join(lines + [f"The probability is \\boxed{{{_frac_text(answer)}}}."])

    def exposition(self) -> list[str]:
        return list(_passages())

    def verify(self, problem: Problem, response: str) -> Verdict:
        """Exact fraction in lowest terms.

        >>> from fractions import Fraction
        >>> fam = Probability()
        >>> p = Problem("P?", Fraction(3, 8), "Probability")
        >>> fam.verify(p, "\\\\boxed{\\\\frac{3}{8}}").status.value
        'CORRECT'
        >>> fam.verify(p, "\\\\boxed{6/16}").status.value
        'UNPARSEABLE'
        >>> fam.verify(p, "\\\\boxed{8/3}").status.value
        'INCORRECT'
        """
        return check_answer(response, problem.answer, _parse)
