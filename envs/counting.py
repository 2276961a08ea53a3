"""Counting: permutations, combinations, arrangements with repetition, inclusion-exclusion.

**Asked.** "In how many ways ...?" for a short story about books, committees, codes,
words, seats or balls in boxes. The answer is one integer.

**Difficulty** moves through the counting principles:

==  ==============================================================  ============================
 1  arrange n <= 8 distinct objects, or outfits (product rule)        5 books -> 5! = 120
 2  ordered selections P(n, k), n <= 20                               president, vice, secretary
 3  unordered selections C(n, k), n <= 20                             choose 4 of 15 -> 1365
 4  arrangements with repetition q^k (codes, strings)                 4-digit PIN over 6 symbols
 5  multiset permutations of a word or of letter tiles with repeats              LEVEL -> 5!/(2!2!) = 30
 6  product rule with combinations: a from one group, b from another  2 of 7 men and 3 of 6 women
 7  complement: selections with at least one from a group             C(n, k) - C(n - g, k)
 8  seats: people who must sit together / apart, in a row or circle   block method, (n - 1)!
 9  strings that contain every one of t given letters (incl.-excl.)   sum (-1)^j C(t, j)(q - j)^n
10  balls into boxes with every box non-empty (surjections), or        inclusion-exclusion with
    bounded integer solutions x1 + ... + xk = n, 0 <= xi <= c          stars and bars
==  ==============================================================  ============================

Examples: level 1 "In how many ways can 6 different books be arranged on a shelf?" (720);
level 5 "How many distinct arrangements of the letters of BANANA are there?" (60);
level 10 "In how many ways can 7 different balls go into 3 different boxes with no box
empty?" (1806).

**Answer type.** A non-negative integer, compared exactly with
:func:`textbook_gym.verifiers.parse_integer` (``1,806`` accepted; ``7!/(2!)`` refused:
give the number):

>>> from textbook_gym.problem import Problem
>>> problem = Problem("In how many ways can 5 books be arranged?", 120, "Counting")
>>> [Counting().verify(problem, text).status.value for text in ("5! = \\\\boxed{120}", "\\\\boxed{5!}")]
['CORRECT', 'UNPARSEABLE']

**Worked solutions** name the principle, write the formula with the numbers in it, and
evaluate it factor by factor (each inclusion-exclusion term on its own line), ending
with ``\\boxed{answer}``.

**Problem-space sizes** (:meth:`Counting.space_size`): estimates from 4,000 draws per
level (Chao1 estimator; a level where no problem repeated is given as its lower bound).

**Version history.** v0: first release. v1: wider ranges and varied settings (groups and
roles in any order, teams, committees and panels, named people at the table, pairs of
groups for "at least one", longer strings over larger alphabets, up to six boxes), so
that every level's test split holds at least 50 problems (levels 2, 3, 8 and 9 held 3 to 8);
a word whose letters all differ is counted as n! without an empty division.
"""

from __future__ import annotations

import math
from collections import Counter
from math import comb, factorial, perm

import numpy as np

from textbook_gym.family import Family
from textbook_gym.registry import register_family
from textbook_gym.verifiers import parse_integer

from ._kit.draw import choice, integer
from ._kit.passages import exposition_from

OBJECTS = ["books", "paintings", "trophies", "plants", "photos", "cars", "flags", "runners"]
ROLES = ["president", "vice-president", "secretary", "treasurer", "editor", "captain"]
GROUPS = ["club", "class", "choir", "society", "team", "council"]
THINGS = ["code", "password", "tag", "label", "key"]
CHOICES = [("team", "players"), ("committee", "members"), ("panel", "judges"), ("study group", "students"),
           ("crew", "volunteers"), ("jury", "candidates")]
PAIRS = [("seniors", "juniors", "senior"), ("teachers", "students", "teacher"), ("doctors", "nurses", "doctor"),
         ("adults", "children", "adult")]
NAMES = ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun"]
WORDS = ["LEVEL", "BANANA", "PEPPER", "COFFEE", "BALLOON", "LETTER", "PARALLEL", "SUCCESS", "STATISTICS",
         "MISSISSIPPI", "ASSESS", "COMMITTEE", "TENNESSEE", "REFERRED", "BOOKKEEPER", "ADDRESSES", "CANNON",
         "GAMMA", "KAYAK", "ROTATOR", "MAMMAL", "PAPAYA", "ALFALFA", "MINIMUM", "EXCELLENCE"]


def _fact_expansion(count: int) -> str:
    """``5 × 4 × 3 × 2 × 1``: the factors of count!."""
    return " × ".join(str(i) for i in range(count, 0, -1)) if count > 1 else "1"


def _listed(items: list[str]) -> str:
    """``a, b and c``."""
    return ", ".join(items[:-1]) + f" and {items[-1]}"


def word_arrangements(word: str) -> int:
    """Distinct orderings of the letters: n! over the factorial of each letter's count."""
    return factorial(len(word)) // math.prod(factorial(m) for m in Counter(word).values())


# --------------------------------------------------------------------------- generation
def _draw(rng: np.random.Generator, level: int) -> dict:
    if level == 1:
        if rng.random() < 0.5:
            return {"kind": "perm", "n": integer(rng, 3, 8), "obj": choice(rng, OBJECTS)}
        return {"kind": "stages", "counts": [integer(rng, 2, 15) for _ in range(integer(rng, 2, 4))]}
    if level == 2:
        n, k = integer(rng, 5, 30), integer(rng, 2, 4)
        roles = [ROLES[int(i)] for i in rng.permutation(len(ROLES))[:k]]
        return {"kind": "ordered", "n": n, "k": k, "roles": roles, "group": choice(rng, GROUPS)}
    if level == 3:
        n = integer(rng, 6, 30)
        return {"kind": "choose", "n": n, "k": integer(rng, 2, min(7, n - 2)), "ctx": integer(rng, 0, len(CHOICES) - 1)}
    if level == 4:
        return {"kind": "power", "q": integer(rng, 2, 36), "k": integer(rng, 3, 8), "thing": choice(rng, THINGS)}
    if level == 5:
        if rng.random() < 0.3:
            return {"kind": "word", "word": choice(rng, WORDS)}
        letters = "ABCDE"[: integer(rng, 2, 5)]
        return {"kind": "word", "word": "".join(ch * integer(rng, 1, 4) for ch in letters), "tiles": True}
    if level == 6:
        m, w = integer(rng, 4, 10), integer(rng, 4, 10)
        return {"kind": "product", "m": m, "w": w, "a": integer(rng, 1, min(4, m - 1)), "b": integer(rng, 1, min(4, w - 1))}
    if level == 7:
        g, o = integer(rng, 3, 12), integer(rng, 4, 12)
        return {"kind": "atleast", "g": g, "o": o, "k": integer(rng, 2, min(6, o)), "ctx": integer(rng, 0, len(PAIRS) - 1)}
    if level == 8:
        n, block = integer(rng, 5, 12), integer(rng, 2, 3)
        names = [NAMES[int(i)] for i in rng.permutation(len(NAMES))[:block]]
        return {"kind": "seats", "n": n, "block": block, "apart": bool(rng.random() < 0.5),
                "circle": bool(rng.random() < 0.4), "names": names}
    if level == 9:
        q = integer(rng, 4, 26)
        return {"kind": "contains", "q": q, "t": integer(rng, 2, min(4, q - 1)), "n": integer(rng, 4, 9),
                "thing": choice(rng, ["strings", "words", "passwords"])}
    if rng.random() < 0.5:
        k = integer(rng, 3, 6)
        return {"kind": "onto", "n": integer(rng, k + 1, 12), "k": k}
    k, c = integer(rng, 3, 6), integer(rng, 3, 12)
    return {"kind": "bounded", "k": k, "c": c, "n": integer(rng, c + 1, k * c - 1)}


QUESTIONS = {  # the kinds whose question only fills in the drawn numbers
    "perm": "In how many ways can {n} different {obj} be arranged in a row?",
    "power": "A {thing} is a string of {k} symbols, each chosen from {q} symbols, and symbols may repeat. "
             "How many {thing}s are possible?",
    "product": "A committee needs {a} of {m} teachers and {b} of {w} students. How many different committees are possible?",
    "onto": "In how many ways can {n} different balls be put into {k} different boxes so that no box is empty?",
    "bounded": "How many solutions in non-negative integers does x_1 + ... + x_{k} = {n} have if every x_i is at most {c}?",
}


def _question(params: dict) -> str:
    kind = params["kind"]
    if kind in QUESTIONS:
        return QUESTIONS[kind].format(**params)
    if kind == "ordered":
        roles = _listed(params.get("roles") or ROLES[: params["k"]])
        article = "an" if roles[0] in "aeiou" else "a"
        return (f"A {params.get('group', 'club')} has {params['n']} members. In how many ways can it choose {article} {roles} "
                "(different people)?")
    if kind == "choose":
        team, pool = CHOICES[params.get("ctx", 0)]
        return f"In how many ways can a {team} of {params['k']} be chosen from {params['n']} {pool} (order does not matter)?"
    if kind == "stages":
        items = ["shirts", "pairs of trousers", "hats", "pairs of shoes"]
        listed = _listed([f"{c} {item}" for c, item in zip(params["counts"], items)])
        return f"An outfit is one of each kind of item. With {listed}, how many different outfits are there?"
    if kind == "word" and params.get("tiles"):
        return f"How many distinct arrangements in a row are there of the letter tiles {', '.join(params['word'])}?"
    if kind == "word":
        return f"How many distinct arrangements of the letters of the word {params['word']} are there?"
    if kind == "atleast":
        many, others, one = PAIRS[params.get("ctx", 0)]
        return (f"A group has {params['g']} {many} and {params['o']} {others}. How many ways are there to choose {params['k']} "
                f"people that include at least one {one}?")
    if kind == "seats":
        where = "around a round table (rotations count as the same seating)" if params["circle"] else "in a row"
        who = _listed(params.get("names") or [chr(65 + i) for i in range(params["block"])])
        if params["apart"] and params["block"] == 2:
            rule = f"{who} do not sit next to each other"
        elif params["block"] == 2:
            rule = f"{who} sit next to each other"
        else:
            rule = f"{who} sit next to each other as a group"
        return f"In how many ways can {params['n']} people, including {who}, be seated {where} if {rule}?"
    letters = ", ".join(chr(65 + i) for i in range(params["t"]))
    return (f"{params.get('thing', 'strings').capitalize()} of length {params['n']} are formed from an alphabet of {params['q']} letters "
            f"that includes {letters} (letters may repeat). How many of them contain each of {letters} at least once?")


def _seats(params: dict) -> tuple[list[str], int]:
    n, b, circle = params["n"], params["block"], params["circle"]

    def arrangements(units: int) -> tuple[str, int]:
        if circle:
            return f"({units} - 1)! = {factorial(units - 1)}", factorial(units - 1)
        return f"{units}! = {factorial(units)}", factorial(units)

    lines = ["Seatings around a round table: fix one person and arrange the rest, (m - 1)! for m units."] if circle else []
    text, outer = arrangements(n - b + 1)
    together = outer * factorial(b)
    lines += [f"Glue the {b} people into one block: {n - b + 1} units, arranged in {text} ways.",
              f"Inside the block the {b} people can be ordered in {b}! = {factorial(b)} ways.",
              f"Together: {outer} × {factorial(b)} = {together}."]
    if not (params["apart"] and b == 2):
        return lines, together
    text, total = arrangements(n)
    return lines + [f"All seatings without the rule: {text}.",
                    f"Not next to each other = all - together = {total} - {together} = {total - together}."], total - together


def _inclusion_exclusion(lines: list[str], sets: int, term) -> tuple[list[str], int]:
    """``lines`` and then the terms j = 0..sets of sum (-1)^j C(sets, j) × term(j); ``term(j)`` gives (value, shown)."""
    total = 0
    for j in range(sets + 1):
        value, shown = term(j)
        sign = "+" if j % 2 == 0 else "-"
        lines.append(f"j = {j}: {sign} C({sets}, {j}) × {shown} = {sign} {comb(sets, j) * value}")
        total += (-1) ** j * comb(sets, j) * value
    return [*lines, f"Total: {total}."], total


def _solve(params: dict) -> tuple[list[str], int]:
    kind = params["kind"]
    if kind == "perm":
        n = params["n"]
        return [f"The first place has {n} choices, the next {n - 1}, and so on: {n}! = {_fact_expansion(n)} = {factorial(n)}."], factorial(n)
    if kind == "stages":
        total = math.prod(params["counts"])
        return [f"Multiplication principle: one choice per stage, so multiply: {' × '.join(map(str, params['counts']))} = {total}."], total
    if kind == "ordered":
        n, k = params["n"], params["k"]
        picks = " × ".join(str(n - i) for i in range(k))
        return [f"Order matters: P({n}, {k}) = {n}!/({n} - {k})! = {picks} = {perm(n, k)}."], perm(n, k)
    if kind == "choose":
        n, k = params["n"], params["k"]
        top = " × ".join(str(n - i) for i in range(k))
        return [f"Order does not matter: C({n}, {k}) = ({top}) / {k}!",
                f"= {perm(n, k)} / {factorial(k)} = {comb(n, k)}."], comb(n, k)
    if kind == "power":
        q, k = params["q"], params["k"]
        return [f"Each of the {k} positions has {q} independent choices: {q}^{k} = " + " × ".join([str(q)] * k) + f" = {q**k}."], q**k
    if kind == "word":
        word = params["word"]
        counts = sorted(Counter(word).items())
        repeats = [m for _, m in counts if m > 1]
        if not repeats:
            return [f"{word} has {len(word)} different letters, so every ordering is distinct: "
                    f"{len(word)}! = {factorial(len(word))}."], factorial(len(word))
        answer = word_arrangements(word)
        return [f"{word} has {len(word)} letters: " + ", ".join(f"{c} × {m}" for c, m in counts) + ".",
                "Divide the arrangements of all letters by the orderings of each repeated letter:",
                f"{len(word)}! / (" + " × ".join(f"{m}!" for m in repeats) + f") = {factorial(len(word))} / "
                f"{factorial(len(word)) // answer} = {answer}."], answer
    if kind == "product":
        ca, cb = comb(params["m"], params["a"]), comb(params["w"], params["b"])
        return [f"Teachers: C({params['m']}, {params['a']}) = {ca}.", f"Students: C({params['w']}, {params['b']}) = {cb}.",
                f"Choices are independent, so multiply: {ca} × {cb} = {ca * cb}."], ca * cb
    if kind == "atleast":
        g, o, k = params["g"], params["o"], params["k"]
        total, none = comb(g + o, k), comb(o, k)
        _, others, one = PAIRS[params.get("ctx", 0)]
        return [f"All selections: C({g + o}, {k}) = {total}.", f"Selections with no {one} ({others} only): C({o}, {k}) = {none}.",
                f"At least one {one} = all - none = {total} - {none} = {total - none}."], total - none
    if kind == "seats":
        return _seats(params)
    if kind == "contains":
        q, t, n = params["q"], params["t"], params["n"]
        lines = [f"Inclusion-exclusion over the {t} required letters: subtract strings missing a letter, add back those missing two, ...",
                 f"Count = sum over j of (-1)^j × C({t}, j) × ({q} - j)^{n}."]
        return _inclusion_exclusion(lines, t, lambda j: ((q - j) ** n, f"{q - j}^{n}"))
    if kind == "onto":
        n, k = params["n"], params["k"]
        lines = [f"All placements: {k}^{n}. Subtract those leaving a box empty by inclusion-exclusion:",
                 f"Count = sum over j of (-1)^j × C({k}, j) × ({k} - j)^{n}."]
        return _inclusion_exclusion(lines, k, lambda j: ((k - j) ** n, f"{k - j}^{n}"))
    k, c, n = params["k"], params["c"], params["n"]
    lines = [f"Without the bound, stars and bars gives C({n} + {k - 1}, {k - 1}) solutions.",
             f"For each j of the variables forced above {c}, subtract {c + 1} from each and count again:"]

    def term(forced: int) -> tuple[int, str]:
        """Solutions with ``forced`` chosen variables above the bound (each reduced by c + 1 first)."""
        rest = n - forced * (c + 1)
        if rest < 0:
            return 0, f"0 (since {n} - {forced} × {c + 1} < 0)"
        return comb(rest + k - 1, k - 1), f"C({rest + k - 1}, {k - 1})"

    return _inclusion_exclusion(lines, k, term)


# --------------------------------------------------------------------------- exposition
_TEMPLATES = [
    "The multiplication principle: if a task is done in stages with {a} choices, then {b} choices, then {c} choices, there are {a} × {b} × {c} = {abc} ways in all.",
    "A permutation is an ordering. {n} different objects can be ordered in {n}! = {nf} ways: {n} choices for the first place, {n1} for the second, and so on.",
    "Ordered selections: choosing {k} of {n} people for {k} different jobs gives P({n}, {k}) = {pnk}. Each job is a stage of the multiplication principle.",
    "Combinations ignore order. Each group of {k} appears {kf} times among the P({n}, {k}) = {pnk} ordered selections, so C({n}, {k}) = {pnk} / {kf} = {cnk}.",
    "Symmetry of combinations: choosing {k} to include is choosing {nk} to leave out, so C({n}, {k}) = C({n}, {nk}) = {cnk}.",
    "Common mistake: using combinations when order matters. A president and a secretary from {n} people: {pn2} ways, not C({n}, 2) = {cn2}.",
    "With repetition allowed, each of {kk} positions has {q} choices independently: {q}^{kk} = {qk} strings.",
    "Repeated letters: the word {word} has {wl} letters, but swapping equal letters gives the same word, so divide {wl}! by the factorial of each letter count: {wc} arrangements.",
    "At least one: count everything and subtract the selections with none. From {g} seniors and {o} juniors, teams of {k2} with at least one senior: C({go}, {k2}) - C({o}, {k2}) = {atl}.",
    "Around a round table, rotations of a seating are the same seating, so {n} people sit in ({n} - 1)! = {circ} ways: fix one person and order the rest.",
    "Keeping two people together: treat them as one block. With {n} people in a row there are ({n} - 1)! × 2 = {tog} seatings with the pair adjacent.",
    "Inclusion-exclusion: |A ∪ B| = |A| + |B| - |A ∩ B|. Elements in both sets are counted twice in |A| + |B|, so subtract them once.",
    "Stars and bars: the number of ways to write {m} as an ordered sum of {r} non-negative integers is C({m} + {r1}, {r1}) = {sb}: place {r1} bars among {m} stars.",
    "Surjections: {sn} different balls into {sk} different boxes with no box empty can be counted by inclusion-exclusion over the empty boxes, giving {onto}.",
    "Pascal's rule: C({n}, {k}) = C({n1}, {k1}) + C({n1}, {k}), because a group of {k} either contains a chosen person or it does not. Here {cnk} = {left} + {right}.",
]


def _passage_round(rng: np.random.Generator) -> list[str]:
    n = integer(rng, 5, 10)
    k = integer(rng, 2, n - 2)
    a, b, c = integer(rng, 2, 9), integer(rng, 2, 9), integer(rng, 2, 9)
    q, kk = integer(rng, 2, 10), integer(rng, 2, 5)
    word = choice(rng, WORDS)
    g, o = integer(rng, 2, 6), integer(rng, 3, 9)
    k2 = integer(rng, 2, 4)
    m, r = integer(rng, 3, 12), integer(rng, 2, 5)
    sk = integer(rng, 2, 4)
    sn = integer(rng, sk, 7)
    values = {
        "a": a, "b": b, "c": c, "abc": a * b * c, "n": n, "n1": n - 1, "nf": factorial(n), "k": k, "k1": k - 1,
        "pnk": perm(n, k), "kf": factorial(k), "cnk": comb(n, k), "nk": n - k, "pn2": perm(n, 2), "cn2": comb(n, 2),
        "q": q, "kk": kk, "qk": q**kk, "word": word, "wl": len(word), "wc": word_arrangements(word), "g": g, "o": o,
        "k2": k2, "go": g + o, "atl": comb(g + o, k2) - comb(o, k2), "circ": factorial(n - 1), "tog": 2 * factorial(n - 1),
        "m": m, "r": r, "r1": r - 1, "sb": comb(m + r - 1, r - 1), "sn": sn, "sk": sk,
        "onto": sum((-1) ** j * comb(sk, j) * (sk - j) ** sn for j in range(sk + 1)),
        "left": comb(n - 1, k - 1), "right": comb(n - 1, k),
    }
    return [choice(rng, _TEMPLATES).format(**values)]


# --------------------------------------------------------------------------- the family
@register_family
class Counting(Family):
    """Counting problems with an exact integer answer."""

    name = "Counting"
    version = 1
    answer_type = "integer"
    parse = parse_integer
    subject = "combinatorics"
    space_sizes = {  # (count, exact) per level; see "Problem-space sizes" in the module docstring
        1: (7600, False), 2: (35_000, False), 3: (866, False), 4: (1000, False), 5: (1300, False),
        6: (726, False), 7: (1700, False), 8: (10_000, False), 9: (1200, False), 10: (1100, False),
    }

    draw = staticmethod(_draw)
    question = staticmethod(_question)
    solve = staticmethod(_solve)
    exposition = exposition_from(4242, 170, _passage_round)
