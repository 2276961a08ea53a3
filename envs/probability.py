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

**Answer type.** ``Fraction``, parsed by :func:`textbook_gym.verifiers.numbers.parse_exact_fraction`
(lowest terms, no decimals): ``3/8``, ``\\frac{3}{8}``, ``\\dfrac38`` are accepted; ``6/16``
(not reduced) and ``0.375`` (a decimal) are UNPARSEABLE; any other value is INCORRECT.

>>> problem = Problem("P?", Fraction(3, 8), "Probability")
>>> [Probability().verify(problem, text).status.value for text in ("\\\\boxed{\\\\frac{3}{8}}", "\\\\boxed{6/16}", "\\\\boxed{8/3}")]
['CORRECT', 'UNPARSEABLE', 'INCORRECT']

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

import math
from fractions import Fraction
from itertools import product

import numpy as np

from textbook_gym.family import Family
from textbook_gym.problem import Problem
from textbook_gym.registry import register_family
from textbook_gym.verifiers.numbers import parse_exact_fraction

from ._kit.draw import choice, integer
from ._kit.formats import fraction_text
from ._kit.passages import exposition_from

DIE_EVENTS = {  # event: (what the die shows, whether face v shows it for the drawn k, k2)
    "greater than": ("a number greater than {k}", lambda v, k, k2: v > k),
    "at most": ("a number that is at most {k}", lambda v, k, k2: v <= k),
    "a multiple of": ("a multiple of {k}", lambda v, k, k2: v % k == 0),
    "prime": ("a prime number", lambda v, k, k2: v > 1 and all(v % d for d in range(2, math.isqrt(v) + 1))),
    "between": ("a number from {k} to {k2}", lambda v, k, k2: k <= v <= k2),
}
COLOURS = ("red", "blue", "green")
SUITS = ("heart", "diamond", "club", "spade")
GROUPS = {"any": (0, 1, 2, 3), "red": (0, 1), "black": (2, 3), "heart": (0,), "diamond": (1,), "club": (2,), "spade": (3,)}
SPINNER = [Fraction(1, 5), Fraction(2, 5), Fraction(3, 5), Fraction(4, 5), Fraction(1, 4), Fraction(3, 4),
           Fraction(1, 3), Fraction(2, 3), Fraction(1, 2)]
DICE_EVENTS = {  # event about two dice: (its text, whether the pair (a, b) has it for the drawn t)
    "sum at least": ("the sum is at least {t}", lambda a, b, t: a + b >= t),
    "sum equal to": ("the sum is {t}", lambda a, b, t: a + b == t),
    "doubles": ("the two dice show the same number", lambda a, b, t: a == b),
    "first die even": ("the first die is even", lambda a, b, t: a % 2 == 0),
    "at least one shows": ("at least one die shows a {t}", lambda a, b, t: t in (a, b)),
    "first die at least": ("the first die shows at least {t}", lambda a, b, t: a >= t),
    "first die greater than second": ("the first die shows more than the second", lambda a, b, t: a > b),
}
DICE_CONDITIONS = ("sum at least", "sum equal to", "doubles", "first die even", "first die at least")
DICE_TARGETS = ("at least one shows", "doubles", "sum at least", "first die greater than second", "first die at least")


def reduce_line(num: int, den: int) -> str:
    """``8/36 = 2/9`` with the common factor named, or a note that it is already reduced."""
    g = math.gcd(num, den)
    if g == 1:
        return f"{num}/{den} is already in lowest terms."
    return f"{num}/{den}: divide top and bottom by gcd({num}, {den}) = {g} to get {num // g}/{den // g}."


def _card_pred(params: dict):
    """A card (rank 1..13, suit index) is favourable: in the group and the rank range, or of the extra suit."""
    group, extra = GROUPS[params["group"]], params["extra"]
    return lambda r, s: (s in group and params["lo"] <= r <= params["hi"]) or (extra is not None and s == extra)


def _card_text(params: dict) -> str:
    kind = {"any": "a card", "red": "a red card", "black": "a black card"}.get(params["group"], f"a {params['group']}")
    text = f"{kind} with rank from {params['lo']} to {params['hi']} (ace = 1, jack = 11, queen = 12, king = 13)"
    return text if params["extra"] is None else f"{text} or a {SUITS[params['extra']]}"


def _dice_text(name: str, target: int) -> str:
    return DICE_EVENTS[name][0].format(t=target)


def _pairs_with(pairs: list[tuple[int, int]], name: str, target: int) -> list[tuple[int, int]]:
    """The pairs of faces for which the dice event ``name`` (with its drawn target) holds."""
    return [(a, b) for a, b in pairs if DICE_EVENTS[name][1](a, b, target)]


# --------------------------------------------------------------------------- generation
def _draw(rng: np.random.Generator, level: int) -> dict:
    for _ in range(1000):
        params = _draw_once(rng, level)
        if 0 < _solve(params)[1] < 1:
            return params
    raise RuntimeError("no valid problem drawn")  # pragma: no cover


def _draw_once(rng: np.random.Generator, level: int) -> dict:
    if level == 1:
        sides = int(rng.choice([4, 6, 8, 10, 12, 20, 30, 50, 100]))
        k = integer(rng, 2, sides - 2)
        return {"kind": "die", "sides": sides, "event": choice(rng, list(DIE_EVENTS)), "k": k, "k2": integer(rng, k, sides)}
    if level == 2:
        n, many = integer(rng, 2, 24), integer(rng, 0, 4)
        k = integer(rng, 0, n) if many in (0, 4) else integer(rng, 1, n - 1)
        return {"kind": "coins", "n": n, "k": k, "atleast": many in (1, 2), "atmost": many == 3}
    if level == 3:
        sides = [int(v) for v in rng.choice([4, 6, 8, 10, 12, 20], size=2)]
        return {"kind": "twodice", "rel": "sum equal to" if rng.random() < 0.5 else "sum at least",
                "t": integer(rng, 3, sum(sides)), "sides": sides}
    if level == 4:
        counts = [integer(rng, 1, 15) for _ in range(3)]
        pair = sorted(int(v) for v in rng.choice(3, size=2, replace=False))
        return {"kind": "urn1", "counts": counts, "pair": pair}
    if level == 5:
        lo = integer(rng, 1, 13)
        group = choice(rng, sorted(GROUPS))
        extra = integer(rng, 0, 3) if rng.random() < 0.5 else None
        return {"kind": "card", "lo": lo, "hi": integer(rng, lo, 13), "group": group, "extra": extra}
    if level == 6:
        return {"kind": "urn2", "r": integer(rng, 2, 20), "b": integer(rng, 2, 20), "ask": choice(rng, ["both red", "both blue", "one of each"])}
    if level == 7:
        p = choice(rng, [Fraction(integer(rng, 1, 9), 10), Fraction(integer(rng, 1, 5), 6), Fraction(integer(rng, 1, 3), 4)])
        q = choice(rng, [Fraction(integer(rng, 1, 7), 8), Fraction(integer(rng, 1, 4), 5), Fraction(integer(rng, 1, 2), 3)])
        return {"kind": "indep", "p": fraction_text(p), "q": fraction_text(q), "ask": choice(rng, ["at least one", "exactly one", "neither", "both"])}
    if level == 8:
        p = Fraction(1, 6) if rng.random() < 0.4 else choice(rng, SPINNER)
        n = integer(rng, 3, 10)
        return {"kind": "binom", "p": fraction_text(p), "n": n, "k": integer(rng, 1, n - 1), "atleast": bool(rng.random() < 0.3)}
    if level == 9:
        a, b = choice(rng, DICE_TARGETS), choice(rng, DICE_CONDITIONS)
        ta = integer(rng, 5, 11) if a == "sum at least" else integer(rng, 2, 6)
        tb = integer(rng, 4, 11) if b.startswith("sum") else integer(rng, 2, 5)
        sides = [6, 6] if rng.random() < 0.5 else [int(v) for v in rng.choice([4, 6, 8, 10], size=2)]
        return {"kind": "cond", "a": a, "ta": ta, "b": b, "tb": tb, "sides": sides}
    if rng.random() < 0.5:
        return {"kind": "bayes", "prior": fraction_text(Fraction(1, integer(rng, 5, 200))),
                "sens": fraction_text(Fraction(integer(rng, 80, 99), 100)), "fpr": fraction_text(Fraction(integer(rng, 1, 15), 100))}
    return {"kind": "urns", "u1": [integer(rng, 1, 9), integer(rng, 1, 9)], "u2": [integer(rng, 1, 9), integer(rng, 1, 9)],
            "pick": fraction_text(Fraction(integer(rng, 1, 4), 5)) if rng.random() < 0.5 else "1/2"}


def _question(params: dict) -> str:
    kind = params["kind"]
    if kind == "die":
        what = DIE_EVENTS[params["event"]][0].format(**params)
        return f"A fair {params['sides']}-sided die (faces 1 to {params['sides']}) is rolled. What is the probability that it shows {what}?"
    if kind == "coins":
        many = "at least" if params["atleast"] else ("at most" if params.get("atmost") else "exactly")
        return f"A fair coin is flipped {params['n']} times. What is the probability of getting {many} {params['k']} heads?"
    if kind == "twodice":
        a, b = params["sides"]
        return (f"A fair {a}-sided die and a fair {b}-sided die are rolled. What is the probability that "
                f"{_dice_text(params['rel'], params['t'])}?")
    if kind == "urn1":
        c, (i, j) = params["counts"], params["pair"]
        return (f"A bag holds {c[0]} red, {c[1]} blue and {c[2]} green marbles. One marble is drawn at random. "
                f"What is the probability that it is {COLOURS[i]} or {COLOURS[j]}?")
    if kind == "card":
        return f"One card is drawn at random from a standard 52-card deck. What is the probability that it is {_card_text(params)}?"
    if kind == "urn2":
        return (f"A bag holds {params['r']} red and {params['b']} blue marbles. Two marbles are drawn at random without "
                f"replacement. What is the probability that they are {params['ask']}?")
    if kind == "indep":
        ask = {"at least one": "at least one of them happens", "exactly one": "exactly one of them happens",
               "neither": "neither happens", "both": "both happen"}[params["ask"]]
        return f"Independent events A and B have P(A) = {params['p']} and P(B) = {params['q']}. What is the probability that {ask}?"
    if kind == "binom":
        trial = "a fair die is rolled and shows a 6" if params["p"] == "1/6" else f"a spinner lands on blue (probability {params['p']} each spin)"
        count = f"at least {params['k']}" if params["atleast"] else f"exactly {params['k']}"
        return f"In each of {params['n']} independent trials, {trial}. What is the probability that this happens in {count} of the {params['n']} trials?"
    if kind == "cond":
        a, b = params.get("sides", [6, 6])
        dice = "Two fair six-sided dice are" if a == b == 6 else (
            f"Two fair {a}-sided dice are" if a == b else f"A fair {a}-sided die (the first) and a fair {b}-sided die are")
        return (f"{dice} rolled. Given that {_dice_text(params['b'], params['tb'])}, what is the probability "
                f"that {_dice_text(params['a'], params['ta'])}?")
    if kind == "bayes":
        return (f"A condition affects {params['prior']} of a population. A test detects it in {params['sens']} of people who have it, "
                f"and gives a false positive for {params['fpr']} of people who do not. A random person tests positive. "
                f"What is the probability that they have the condition?")
    (r1, b1), (r2, b2) = params["u1"], params["u2"]
    return (f"Urn 1 holds {r1} red and {b1} blue balls; urn 2 holds {r2} red and {b2} blue balls. Urn 1 is chosen with "
            f"probability {params['pick']}, otherwise urn 2, and one ball is drawn from it. The ball is red. What is the "
            f"probability that it came from urn 1?")


def _count(lines: list[str], fav: int, total: int, what: str) -> Fraction:
    lines.append(f"Favourable outcomes ({what}): {fav}; equally likely outcomes in all: {total}.")
    lines.append(reduce_line(fav, total))
    return Fraction(fav, total)


def _solve(params: dict) -> tuple[list[str], Fraction]:
    kind, lines = params["kind"], []
    if kind == "die":
        shows = DIE_EVENTS[params["event"]][1]
        good = [v for v in range(1, params["sides"] + 1) if shows(v, params["k"], params["k2"])]
        lines.append(f"The favourable faces are {', '.join(map(str, good))}." if good else "No face is favourable.")
        return lines, _count(lines, len(good), params["sides"], "faces")
    if kind == "coins":
        n, k = params["n"], params["k"]
        lines.append(f"There are 2^{n} = {2**n} equally likely sequences of heads and tails.")
        ks = range(k, n + 1) if params["atleast"] else (range(0, k + 1) if params.get("atmost") else [k])
        for j in ks:
            lines.append(f"Sequences with exactly {j} heads: C({n}, {j}) = {math.comb(n, j)}.")
        fav = sum(math.comb(n, j) for j in ks)
        if len(ks) > 1:
            lines.append(f"Add them: {' + '.join(str(math.comb(n, j)) for j in ks)} = {fav}.")
        return lines, _count(lines, fav, 2**n, "sequences")
    if kind in ("twodice", "cond"):
        sides = params.get("sides", [6, 6])
        outcomes = list(product(range(1, sides[0] + 1), range(1, sides[1] + 1)))
        if kind == "twodice":
            good = _pairs_with(outcomes, params["rel"], params["t"])
            lines.append(f"Of the {len(outcomes)} ordered pairs, these qualify: {' '.join(f'({a},{b})' for a, b in good)}.")
            return lines, _count(lines, len(good), len(outcomes), "pairs")
        given = _pairs_with(outcomes, params["b"], params["tb"])
        both = _pairs_with(given, params["a"], params["ta"])
        lines.append(f"Restrict to the pairs where {_dice_text(params['b'], params['tb'])}: {len(given)} pairs.")
        lines.append(f"Among them, {_dice_text(params['a'], params['ta'])} in {len(both)}: {' '.join(f'({a},{b})' for a, b in both)}.")
        lines.append(f"P(A | B) = |A ∩ B| / |B| = {len(both)}/{len(given)}.")
        return lines, _count(lines, len(both), len(given), "pairs in the condition") if given else Fraction(0)
    if kind == "urn1":
        c, (i, j) = params["counts"], params["pair"]
        lines.append(f"{COLOURS[i]} or {COLOURS[j]}: {c[i]} + {c[j]} = {c[i] + c[j]} of {sum(c)} marbles.")
        return lines, _count(lines, c[i] + c[j], sum(c), "marbles")
    if kind == "card":
        pred = _card_pred(params)
        fav = sum(pred(r, s) for r in range(1, 14) for s in range(4))
        main = len(GROUPS[params["group"]]) * (params["hi"] - params["lo"] + 1)
        lines.append(f"Cards of the right colour or suit with rank {params['lo']} to {params['hi']}: {len(GROUPS[params['group']])} × {params['hi'] - params['lo'] + 1} = {main}.")
        if params["extra"] is not None:
            lines.append(f"Add the 13 {SUITS[params['extra']]}s and subtract the {main + 13 - fav} already counted: {main} + 13 - {main + 13 - fav} = {fav}.")
        return lines, _count(lines, fav, 52, "cards")
    if kind == "urn2":
        r, b = params["r"], params["b"]
        n = r + b
        total = math.comb(n, 2)
        lines.append(f"Unordered pairs of marbles: C({n}, 2) = {total}.")
        if params["ask"] == "one of each":
            fav, what = r * b, f"one of {r} red times one of {b} blue = {r * b}"
        else:
            m = r if params["ask"] == "both red" else b
            fav, what = math.comb(m, 2), f"C({m}, 2) = {math.comb(m, 2)}"
        lines.append(f"Favourable pairs: {what}.")
        return lines, _count(lines, fav, total, "pairs")
    if kind == "indep":
        p, q = Fraction(params["p"]), Fraction(params["q"])
        np_, nq = 1 - p, 1 - q
        lines.append(f"P(not A) = 1 - {p} = {np_}, P(not B) = 1 - {q} = {nq}; independence lets us multiply.")
        shown, value = {
            "both": (f"P(A and B) = {p} × {q}", p * q),
            "neither": (f"P(neither) = {np_} × {nq}", np_ * nq),
            "at least one": (f"P(at least one) = 1 - P(neither) = 1 - {np_} × {nq} = 1 - {np_ * nq}", 1 - np_ * nq),
            "exactly one": (f"P(exactly one) = {p} × {nq} + {np_} × {q} = {p * nq} + {np_ * q}", p * nq + np_ * q),
        }[params["ask"]]
        return [*lines, f"{shown} = {value}."], value
    if kind == "binom":
        p, n, k = Fraction(params["p"]), params["n"], params["k"]
        ks = range(k, n + 1) if params["atleast"] else [k]
        total = Fraction(0)
        for j in ks:
            term = math.comb(n, j) * p**j * (1 - p) ** (n - j)
            lines.append(f"P({j} of {n}) = C({n}, {j}) × ({p})^{j} × ({1 - p})^{n - j} = {term}")
            total += term
        if len(ks) > 1:
            lines.append(f"Add the cases: {total}.")
        return lines, total
    if kind == "bayes":
        prior, sens, fpr = Fraction(params["prior"]), Fraction(params["sens"]), Fraction(params["fpr"])
        tp, fp = prior * sens, (1 - prior) * fpr
        lines += [f"P(has it and positive) = {prior} × {sens} = {tp}.",
                  f"P(does not have it and positive) = {1 - prior} × {fpr} = {fp}.",
                  f"P(positive) = {tp} + {fp} = {tp + fp}.",
                  f"Bayes: P(has it | positive) = ({tp}) / ({tp + fp}) = {tp / (tp + fp)}."]
        return lines, tp / (tp + fp)
    (r1, b1), (r2, b2) = params["u1"], params["u2"]
    pick = Fraction(params["pick"])
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


def _passage_round(rng: np.random.Generator) -> list[str]:
    s = int(rng.choice([6, 8, 10, 12, 20]))
    k = integer(rng, 1, s - 1)
    a = integer(rng, 2, 30)
    b = a * integer(rng, 2, 6) + integer(rng, 1, 5)
    if math.gcd(a, b) == 1:  # the "always reduce" passage needs a fraction that does reduce
        a, b = a * (2 + a % 5), b * (2 + a % 5)
    g = math.gcd(a, b)
    t = integer(rng, 2, 12)
    n = integer(rng, 2, 8)
    kk = integer(rng, 1, n)
    p, q = Fraction(integer(rng, 1, 9), 10), Fraction(integer(rng, 1, 5), 6)
    r, bl = integer(rng, 2, 10), integer(rng, 2, 10)
    pr, se, fp = Fraction(1, integer(rng, 10, 200)), Fraction(integer(rng, 85, 99), 100), Fraction(integer(rng, 2, 10), 100)
    bay = pr * se / (pr * se + (1 - pr) * fp)
    values = {
        "s": s, "dk": k, "k": kk, "gt": Fraction(s - k, s), "a": a, "b": b, "ab": f"{a // g}/{b // g}", "g": g, "t": t,
        "ways": 6 - abs(t - 7), "pt": Fraction(6 - abs(t - 7), 36), "n": n, "al1": 1 - Fraction(1, 2**n),
        "p": p, "q": q, "pq": p * q, "nn": (1 - p) * (1 - q), "r": r, "bl": bl, "rb": r + bl, "r1": r - 1,
        "rb1": r + bl - 1, "twored": Fraction(r * (r - 1), (r + bl) * (r + bl - 1)),
        "bin": math.comb(n, kk) * p**kk * (1 - p) ** (n - kk), "pr": pr, "se": se, "fp": fp, "bay": bay,
        "coin": Fraction(math.comb(n, kk), 2**n),
    }
    return [choice(rng, _TEMPLATES).format(**values)]


# --------------------------------------------------------------------------- the family
@register_family
class Probability(Family):
    """Exact probabilities as fractions in lowest terms."""

    name = "Probability"
    version = 1
    answer_type = "fraction"
    parse = parse_exact_fraction
    subject = "combinatorics"
    space_sizes = {  # (count, exact) per level; see "Problem-space sizes" in the module docstring
        1: (1600, False), 2: (884, False), 3: (1300, False), 4: (9800, False), 5: (3000, False),
        6: (1100, False), 7: (759, False), 8: (842, False), 9: (2600, False), 10: (61_000, False),
    }
    instruction = (
        "Give the probability as an exact fraction in lowest terms, such as \\boxed{3/8} or "
        "\\boxed{\\frac{3}{8}} (decimals are not accepted)."
    )

    draw = staticmethod(_draw)
    question = staticmethod(_question)
    solve = staticmethod(_solve)
    exposition = exposition_from(1654, 170, _passage_round)

    def answer_line(self, problem: Problem) -> str:
        return f"The probability is \\boxed{{{self.answer_text(problem)}}}."
