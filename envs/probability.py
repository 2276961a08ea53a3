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

from textbook_gym.envs._kit import Family, Problem, register_family
from textbook_gym.verifiers.numbers import parse_exact_fraction

from ._kit.draw import choice, integer
from ._kit.formats import fraction_text
from ._kit.kinds import Kind
from ._kit.questions import filled
from ._kit.tables import listing
from ._kit.template_choice import one_template_exposition
from ._kit.texts import exposition_texts

Solved = tuple[list[str], Fraction]
"""The worked lines (without the boxed answer line) and the probability."""

DIE_EVENTS = {  # event: (what the die shows, whether face v shows it for the drawn k, k2)
    "greater than": ("a number greater than {k}", lambda v, k, k2: v > k),
    "at most": ("a number that is at most {k}", lambda v, k, k2: v <= k),
    "a multiple of": ("a multiple of {k}", lambda v, k, k2: v % k == 0),
    "prime": ("a prime number", lambda v, k, k2: v > 1 and all(v % d for d in range(2, math.isqrt(v) + 1))),
    "between": ("a number from {k} to {k2}", lambda v, k, k2: k <= v <= k2),
}
COLOURS = ("red", "blue", "green")
SUITS = ("heart", "diamond", "club", "spade")
GROUPS = {"any": (0, 1, 2, 3), "red": (0, 1), "black": (2, 3), "heart": (0,), "diamond": (1,), "club": (2,),
          "spade": (3,)}
"""The suits (indices into SUITS) a card question may ask for."""
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
DICE_TARGETS = ("at least one shows", "doubles", "sum at least", "first die greater than second",
                "first die at least")
INDEPENDENT_ASKS = {"at least one": "at least one of them happens", "exactly one": "exactly one of them happens",
                    "neither": "neither happens", "both": "both happen"}


def reduce_line(numerator: int, denominator: int) -> str:
    """``8/36 = 2/9`` with the common factor named, or a note that it is already reduced."""
    common = math.gcd(numerator, denominator)
    if common == 1:
        return f"{numerator}/{denominator} is already in lowest terms."
    return (f"{numerator}/{denominator}: divide top and bottom by gcd({numerator}, {denominator}) = {common} "
            f"to get {numerator // common}/{denominator // common}.")


def _counted(lines: list[str], favourable: int, total: int, what: str) -> Solved:
    """``lines``, then the two counts and the reduced fraction: the probability of equally likely outcomes."""
    return [*lines, f"Favourable outcomes ({what}): {favourable}; equally likely outcomes in all: {total}.",
            reduce_line(favourable, total)], Fraction(favourable, total)


def _dice_text(name: str, target: int) -> str:
    return DICE_EVENTS[name][0].format(t=target)


def _pairs_with(pairs: list[tuple[int, int]], name: str, target: int) -> list[tuple[int, int]]:
    """The pairs of faces for which the dice event ``name`` (with its drawn target) holds."""
    return [(a, b) for a, b in pairs if DICE_EVENTS[name][1](a, b, target)]


def _dice_pairs(params: dict) -> list[tuple[int, int]]:
    """Every ordered pair of faces of the two dice (v0 problems stored no sizes: two six-sided dice)."""
    first, second = params.get("sides", [6, 6])
    return list(product(range(1, first + 1), range(1, second + 1)))


def _pairs_text(pairs: list[tuple[int, int]]) -> str:
    return " ".join(f"({a},{b})" for a, b in pairs)


# --------------------------------------------------------------------------- the kinds
def _draw_die(rng: np.random.Generator) -> dict:
    sides = int(rng.choice([4, 6, 8, 10, 12, 20, 30, 50, 100]))
    bound = integer(rng, 2, sides - 2)
    return {"kind": "die", "sides": sides, "event": choice(rng, list(DIE_EVENTS)), "k": bound,
            "k2": integer(rng, bound, sides)}


def _solve_die(params: dict) -> Solved:
    shows = DIE_EVENTS[params["event"]][1]
    good = [face for face in range(1, params["sides"] + 1) if shows(face, params["k"], params["k2"])]
    return _counted([f"The favourable faces are {listing(good)}." if good else "No face is favourable."],
                    len(good), params["sides"], "faces")


def _draw_coins(rng: np.random.Generator) -> dict:
    flips, many = integer(rng, 2, 24), integer(rng, 0, 4)
    heads = integer(rng, 0, flips) if many in (0, 4) else integer(rng, 1, flips - 1)
    return {"kind": "coins", "n": flips, "k": heads, "atleast": many in (1, 2), "atmost": many == 3}


def _ask_coins(params: dict) -> str:
    many = "at least" if params["atleast"] else ("at most" if params.get("atmost") else "exactly")
    return f"A fair coin is flipped {params['n']} times. What is the probability of getting {many} {params['k']} heads?"


def _solve_coins(params: dict) -> Solved:
    flips, heads = params["n"], params["k"]
    counted = range(heads, flips + 1) if params["atleast"] else (
        range(0, heads + 1) if params.get("atmost") else [heads])
    lines = [f"There are 2^{flips} = {2**flips} equally likely sequences of heads and tails."]
    lines += [f"Sequences with exactly {j} heads: C({flips}, {j}) = {math.comb(flips, j)}." for j in counted]
    favourable = sum(math.comb(flips, j) for j in counted)
    if len(counted) > 1:
        lines.append(f"Add them: {' + '.join(str(math.comb(flips, j)) for j in counted)} = {favourable}.")
    return _counted(lines, favourable, 2**flips, "sequences")


def _draw_two_dice(rng: np.random.Generator) -> dict:
    sides = [int(v) for v in rng.choice([4, 6, 8, 10, 12, 20], size=2)]
    return {"kind": "twodice", "rel": "sum equal to" if rng.random() < 0.5 else "sum at least",
            "t": integer(rng, 3, sum(sides)), "sides": sides}


def _solve_two_dice(params: dict) -> Solved:
    outcomes = _dice_pairs(params)
    good = _pairs_with(outcomes, params["rel"], params["t"])
    return _counted([f"Of the {len(outcomes)} ordered pairs, these qualify: {_pairs_text(good)}."],
                    len(good), len(outcomes), "pairs")


def _ask_urn(params: dict) -> str:
    counts, (first, second) = params["counts"], params["pair"]
    return (f"A bag holds {counts[0]} red, {counts[1]} blue and {counts[2]} green marbles. One marble is drawn at "
            f"random. What is the probability that it is {COLOURS[first]} or {COLOURS[second]}?")


def _solve_urn(params: dict) -> Solved:
    counts, (first, second) = params["counts"], params["pair"]
    either = counts[first] + counts[second]
    return _counted([f"{COLOURS[first]} or {COLOURS[second]}: {counts[first]} + {counts[second]} = {either} of "
                     f"{sum(counts)} marbles."], either, sum(counts), "marbles")


def _draw_card(rng: np.random.Generator) -> dict:
    low = integer(rng, 1, 13)
    group = choice(rng, sorted(GROUPS))
    extra = integer(rng, 0, 3) if rng.random() < 0.5 else None
    return {"kind": "card", "lo": low, "hi": integer(rng, low, 13), "group": group, "extra": extra}


def _ask_card(params: dict) -> str:
    kind = {"any": "a card", "red": "a red card", "black": "a black card"}.get(params["group"], f"a {params['group']}")
    text = f"{kind} with rank from {params['lo']} to {params['hi']} (ace = 1, jack = 11, queen = 12, king = 13)"
    if params["extra"] is not None:
        text = f"{text} or a {SUITS[params['extra']]}"
    return f"One card is drawn at random from a standard 52-card deck. What is the probability that it is {text}?"


def _solve_card(params: dict) -> Solved:
    """A card is favourable when its suit is in the group and its rank in the range, or it is of the extra suit."""
    group, extra, ranks = GROUPS[params["group"]], params["extra"], params["hi"] - params["lo"] + 1
    favourable = sum((suit in group and params["lo"] <= rank <= params["hi"]) or suit == extra
                     for rank in range(1, 14) for suit in range(4))
    main = len(group) * ranks
    lines = [f"Cards of the right colour or suit with rank {params['lo']} to {params['hi']}: {len(group)} × {ranks} "
             f"= {main}."]
    if extra is not None:
        lines.append(f"Add the 13 {SUITS[extra]}s and subtract the {main + 13 - favourable} already counted: "
                     f"{main} + 13 - {main + 13 - favourable} = {favourable}.")
    return _counted(lines, favourable, 52, "cards")


def _solve_two_draws(params: dict) -> Solved:
    red, blue = params["r"], params["b"]
    pairs = math.comb(red + blue, 2)
    if params["ask"] == "one of each":
        favourable, shown = red * blue, f"one of {red} red times one of {blue} blue = {red * blue}"
    else:
        colour = red if params["ask"] == "both red" else blue
        favourable, shown = math.comb(colour, 2), f"C({colour}, 2) = {math.comb(colour, 2)}"
    return _counted([f"Unordered pairs of marbles: C({red + blue}, 2) = {pairs}.", f"Favourable pairs: {shown}."],
                    favourable, pairs, "pairs")


def _solve_independent(params: dict) -> Solved:
    p, q = Fraction(params["p"]), Fraction(params["q"])
    not_p, not_q = 1 - p, 1 - q
    shown, value = {
        "both": (f"P(A and B) = {p} × {q}", p * q),
        "neither": (f"P(neither) = {not_p} × {not_q}", not_p * not_q),
        "at least one": (f"P(at least one) = 1 - P(neither) = 1 - {not_p} × {not_q} = 1 - {not_p * not_q}",
                         1 - not_p * not_q),
        "exactly one": (f"P(exactly one) = {p} × {not_q} + {not_p} × {q} = {p * not_q} + {not_p * q}",
                        p * not_q + not_p * q),
    }[params["ask"]]
    return [f"P(not A) = 1 - {p} = {not_p}, P(not B) = 1 - {q} = {not_q}; independence lets us multiply.",
            f"{shown} = {value}."], value


def _draw_trials(rng: np.random.Generator) -> dict:
    chance = Fraction(1, 6) if rng.random() < 0.4 else choice(rng, SPINNER)
    trials = integer(rng, 3, 10)
    return {"kind": "binom", "p": fraction_text(chance), "n": trials, "k": integer(rng, 1, trials - 1),
            "atleast": bool(rng.random() < 0.3)}


def _ask_trials(params: dict) -> str:
    trial = ("a fair die is rolled and shows a 6" if params["p"] == "1/6"
             else f"a spinner lands on blue (probability {params['p']} each spin)")
    count = f"at least {params['k']}" if params["atleast"] else f"exactly {params['k']}"
    return (f"In each of {params['n']} independent trials, {trial}. What is the probability that this happens in "
            f"{count} of the {params['n']} trials?")


def _solve_trials(params: dict) -> Solved:
    chance, trials = Fraction(params["p"]), params["n"]
    lines, total = [], Fraction(0)
    for successes in range(params["k"], trials + 1) if params["atleast"] else [params["k"]]:
        term = math.comb(trials, successes) * chance**successes * (1 - chance) ** (trials - successes)
        lines.append(f"P({successes} of {trials}) = C({trials}, {successes}) × ({chance})^{successes} × "
                     f"({1 - chance})^{trials - successes} = {term}")
        total += term
    if len(lines) > 1:
        lines.append(f"Add the cases: {total}.")
    return lines, total


def _draw_conditional(rng: np.random.Generator) -> dict:
    target, condition = choice(rng, DICE_TARGETS), choice(rng, DICE_CONDITIONS)
    target_value = integer(rng, 5, 11) if target == "sum at least" else integer(rng, 2, 6)
    condition_value = integer(rng, 4, 11) if condition.startswith("sum") else integer(rng, 2, 5)
    sides = [6, 6] if rng.random() < 0.5 else [int(v) for v in rng.choice([4, 6, 8, 10], size=2)]
    return {"kind": "cond", "a": target, "ta": target_value, "b": condition, "tb": condition_value, "sides": sides}


def _ask_conditional(params: dict) -> str:
    first, second = params.get("sides", [6, 6])
    dice = "Two fair six-sided dice are" if first == second == 6 else (
        f"Two fair {first}-sided dice are" if first == second
        else f"A fair {first}-sided die (the first) and a fair {second}-sided die are")
    return (f"{dice} rolled. Given that {_dice_text(params['b'], params['tb'])}, what is the probability "
            f"that {_dice_text(params['a'], params['ta'])}?")


def _solve_conditional(params: dict) -> Solved:
    given = _pairs_with(_dice_pairs(params), params["b"], params["tb"])
    both = _pairs_with(given, params["a"], params["ta"])
    lines = [f"Restrict to the pairs where {_dice_text(params['b'], params['tb'])}: {len(given)} pairs.",
             f"Among them, {_dice_text(params['a'], params['ta'])} in {len(both)}: {_pairs_text(both)}.",
             f"P(A | B) = |A ∩ B| / |B| = {len(both)}/{len(given)}."]
    return _counted(lines, len(both), len(given), "pairs in the condition") if given else (lines, Fraction(0))


def _solve_test(params: dict) -> Solved:
    prior, sensitivity, false_rate = Fraction(params["prior"]), Fraction(params["sens"]), Fraction(params["fpr"])
    true_positive, false_positive = prior * sensitivity, (1 - prior) * false_rate
    positive = true_positive + false_positive
    return [f"P(has it and positive) = {prior} × {sensitivity} = {true_positive}.",
            f"P(does not have it and positive) = {1 - prior} × {false_rate} = {false_positive}.",
            f"P(positive) = {true_positive} + {false_positive} = {positive}.",
            f"Bayes: P(has it | positive) = ({true_positive}) / ({positive}) = {true_positive / positive}."
            ], true_positive / positive


def _solve_urns(params: dict) -> Solved:
    (red1, blue1), (red2, blue2), pick = params["u1"], params["u2"], Fraction(params["pick"])
    first, second = pick * Fraction(red1, red1 + blue1), (1 - pick) * Fraction(red2, red2 + blue2)
    return [f"P(urn 1 and red) = {pick} × {red1}/{red1 + blue1} = {first}.",
            f"P(urn 2 and red) = {1 - pick} × {red2}/{red2 + blue2} = {second}.",
            f"P(red) = {first} + {second} = {first + second}.",
            f"P(urn 1 | red) = ({first}) / ({first + second}) = {first / (first + second)}."], first / (first + second)


def _fraction_of(rng: np.random.Generator, tops: tuple[int, ...], bottoms: tuple[int, ...]) -> str:
    """One of the fractions k/bottom with k drawn up to top, for each pair: all are drawn, then one is chosen."""
    return fraction_text(choice(rng, [Fraction(integer(rng, 1, top), bottom) for top, bottom in zip(tops, bottoms)]))


KINDS = {
    "die": Kind(_draw_die, lambda params: (
        f"A fair {params['sides']}-sided die (faces 1 to {params['sides']}) is rolled. What is the probability that "
        f"it shows {DIE_EVENTS[params['event']][0].format(**params)}?"), _solve_die),
    "coins": Kind(_draw_coins, _ask_coins, _solve_coins),
    "twodice": Kind(_draw_two_dice, lambda params: (
        f"A fair {params['sides'][0]}-sided die and a fair {params['sides'][1]}-sided die are rolled. What is the "
        f"probability that {_dice_text(params['rel'], params['t'])}?"), _solve_two_dice),
    "urn1": Kind(lambda rng: {"kind": "urn1", "counts": [integer(rng, 1, 15) for _ in range(3)],
                              "pair": sorted(int(v) for v in rng.choice(3, size=2, replace=False))},
                 _ask_urn, _solve_urn),
    "card": Kind(_draw_card, _ask_card, _solve_card),
    "urn2": Kind(lambda rng: {"kind": "urn2", "r": integer(rng, 2, 20), "b": integer(rng, 2, 20),
                              "ask": choice(rng, ["both red", "both blue", "one of each"])},
                 filled("A bag holds {r} red and {b} blue marbles. Two marbles are drawn at random without "
                         "replacement. What is the probability that they are {ask}?"), _solve_two_draws),
    "indep": Kind(lambda rng: {"kind": "indep", "p": _fraction_of(rng, (9, 5, 3), (10, 6, 4)),
                               "q": _fraction_of(rng, (7, 4, 2), (8, 5, 3)), "ask": choice(rng, list(INDEPENDENT_ASKS))},
                  lambda params: (
        f"Independent events A and B have P(A) = {params['p']} and P(B) = {params['q']}. What is the probability "
        f"that {INDEPENDENT_ASKS[params['ask']]}?"), _solve_independent),
    "binom": Kind(_draw_trials, _ask_trials, _solve_trials),
    "cond": Kind(_draw_conditional, _ask_conditional, _solve_conditional),
    "bayes": Kind(lambda rng: {"kind": "bayes", "prior": fraction_text(Fraction(1, integer(rng, 5, 200))),
                               "sens": fraction_text(Fraction(integer(rng, 80, 99), 100)),
                               "fpr": fraction_text(Fraction(integer(rng, 1, 15), 100))}, filled(
        "A condition affects {prior} of a population. A test detects it in {sens} of people who have it, and gives a "
        "false positive for {fpr} of people who do not. A random person tests positive. What is the probability "
        "that they have the condition?"), _solve_test),
    "urns": Kind(lambda rng: {"kind": "urns", "u1": [integer(rng, 1, 9), integer(rng, 1, 9)],
                              "u2": [integer(rng, 1, 9), integer(rng, 1, 9)],
                              "pick": fraction_text(Fraction(integer(rng, 1, 4), 5)) if rng.random() < 0.5 else "1/2"},
                 filled(
        "Urn 1 holds {u1[0]} red and {u1[1]} blue balls; urn 2 holds {u2[0]} red and {u2[1]} blue balls. Urn 1 is "
        "chosen with probability {pick}, otherwise urn 2, and one ball is drawn from it. The ball is red. What is "
        "the probability that it came from urn 1?"), _solve_urns),
}
LEVEL_KINDS = {1: "die", 2: "coins", 3: "twodice", 4: "urn1", 5: "card", 6: "urn2", 7: "indep", 8: "binom",
               9: "cond"}
"""The kind each level asks; level 10 asks Bayes' rule about a test or about two urns (a coin flip picks)."""


def _draw_once(rng: np.random.Generator, level: int) -> dict:
    if level == 10:
        return KINDS["bayes" if rng.random() < 0.5 else "urns"].draw(rng)
    return KINDS[LEVEL_KINDS[level]].draw(rng)


# --------------------------------------------------------------------------- exposition
_TEMPLATES = exposition_texts(__name__)


def _passage_values(rng: np.random.Generator) -> dict:
    """The values every template may use, drawn afresh for each passage."""
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
    return {
        "s": s, "dk": k, "k": kk, "gt": Fraction(s - k, s), "a": a, "b": b, "ab": f"{a // g}/{b // g}", "g": g, "t": t,
        "ways": 6 - abs(t - 7), "pt": Fraction(6 - abs(t - 7), 36), "n": n, "al1": 1 - Fraction(1, 2**n),
        "p": p, "q": q, "pq": p * q, "nn": (1 - p) * (1 - q), "r": r, "bl": bl, "rb": r + bl, "r1": r - 1,
        "rb1": r + bl - 1, "twored": Fraction(r * (r - 1), (r + bl) * (r + bl - 1)),
        "bin": math.comb(n, kk) * p**kk * (1 - p) ** (n - kk), "pr": pr, "se": se, "fp": fp, "bay": bay,
        "coin": Fraction(math.comb(n, kk), 2**n),
    }


# --------------------------------------------------------------------------- the family
@register_family
class Probability(Family):
    """Exact probabilities as fractions in lowest terms."""

    name = "Probability"
    version = 1
    answer_type = "fraction"
    parse = parse_exact_fraction
    subject = "combinatorics"
    instruction = (
        "Give the probability as an exact fraction in lowest terms, such as \\boxed{3/8} or "
        "\\boxed{\\frac{3}{8}} (decimals are not accepted)."
    )

    exposition = one_template_exposition(1654, 170, _TEMPLATES, _passage_values)

    def draw(self, rng: np.random.Generator, level: int) -> dict:
        """The parameters of one problem, redrawn until its probability lies strictly between 0 and 1."""
        for _ in range(1000):
            params = _draw_once(rng, level)
            if 0 < self.solve(params)[1] < 1:
                return params
        raise RuntimeError("no valid problem drawn")  # pragma: no cover

    def question(self, params: dict) -> str:
        return KINDS[params["kind"]].question(params)

    def solve(self, params: dict) -> Solved:
        return KINDS[params["kind"]].solve(params)

    def answer_line(self, problem: Problem) -> str:
        return f"The probability is \\boxed{{{self.answer_text(problem)}}}."
