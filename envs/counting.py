"""Counting: permutations, combinations, arrangements with repetition, inclusion-exclusion.

**Asked.** "In how many ways ...?" for a short story about books, committees, codes, words, seats or balls in
boxes. The answer is one integer.

**Difficulty** moves through the counting principles:

==  ==============================================================  ============================
 1  arrange n <= 8 distinct objects, or outfits (product rule)        5 books -> 5! = 120
 2  ordered selections P(n, k), n <= 20                               president, vice, secretary
 3  unordered selections C(n, k), n <= 20                             choose 4 of 15 -> 1365
 4  arrangements with repetition q^k (codes, strings)                 4-digit PIN over 6 symbols
 5  permutations of a word or of letter tiles with repeated letters   LEVEL -> 5!/(2!2!) = 30
 6  product rule with combinations: a from one group, b from another  2 of 7 men and 3 of 6 women
 7  complement: selections with at least one from a group             C(n, k) - C(n - g, k)
 8  seats: people who must sit together / apart, in a row or circle   block method, (n - 1)!
 9  strings that contain every one of t given letters (incl.-excl.)   sum (-1)^j C(t, j)(q - j)^n
10  balls into boxes with every box non-empty (surjections), or        inclusion-exclusion with
    bounded integer solutions x1 + ... + xk = n, 0 <= xi <= c          stars and bars
==  ==============================================================  ============================

Examples: level 1 "In how many ways can 6 different books be arranged on a shelf?" (720); level 5 "How many
distinct arrangements of the letters of BANANA are there?" (60); level 10 "In how many ways can 7 different balls
go into 3 different boxes with no box empty?" (1806).

**Answer type.** A non-negative integer, compared exactly with :func:`textbook_gym.verifiers.parse_integer`
(``1,806`` accepted; ``7!/(2!)`` refused: give the number):

>>> from textbook_gym.problem import Problem
>>> problem = Problem("In how many ways can 5 books be arranged?", 120, "Counting")
>>> [Counting().verify(problem, text).status.value for text in ("5! = \\\\boxed{120}", "\\\\boxed{5!}")]
['CORRECT', 'UNPARSEABLE']

**Worked solutions** name the principle, write the formula with the numbers in it, and evaluate it factor by
factor (each inclusion-exclusion term on its own line), ending with ``\\boxed{answer}``.

**Version history.** v0: first release. v1: wider ranges and varied settings (groups and roles in any order,
teams, committees and panels, named people at the table, pairs of groups for "at least one", longer strings over
larger alphabets, up to six boxes), so that every level's test split holds at least 50 problems (levels 2, 3, 8
and 9 held 3 to 8); a word whose letters all differ is counted as n! without an empty division.
"""

from __future__ import annotations

from collections import Counter
from math import comb, factorial, perm, prod

import numpy as np

from textbook_gym.envs._kit import Family, register_family
from textbook_gym.verifiers import parse_integer

from ._kit.draw import choice, integer
from ._kit.kinds import Kind
from ._kit.questions import filled
from ._kit.template_choice import one_template_exposition
from ._kit.texts import exposition_texts
from ._kit.wording import series

Solved = tuple[list[str], int]
"""The worked lines (without the boxed answer line) and the count."""

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
OUTFIT_ITEMS = ["shirts", "pairs of trousers", "hats", "pairs of shoes"]


def _falling_factors(top: int, count: int) -> str:
    """``10 × 9 × 8``: the ``count`` factors of P(top, count); ``count = top`` gives the factors of top!."""
    return " × ".join(str(top - i) for i in range(count))


def word_arrangements(word: str) -> int:
    """Distinct orderings of the letters: n! over the factorial of each letter's count."""
    return factorial(len(word)) // prod(factorial(m) for m in Counter(word).values())


def _inclusion_exclusion(lines: list[str], sets: int, term) -> Solved:
    """``lines``, then the terms j = 0..sets of sum (-1)^j C(sets, j) × term(j); ``term(j)`` is (value, shown)."""
    total = 0
    for j in range(sets + 1):
        value, shown = term(j)
        sign = "+" if j % 2 == 0 else "-"
        lines.append(f"j = {j}: {sign} C({sets}, {j}) × {shown} = {sign} {comb(sets, j) * value}")
        total += (-1) ** j * comb(sets, j) * value
    return [*lines, f"Total: {total}."], total


# --------------------------------------------------------------------------- the kinds
def _solve_perm(params: dict) -> Solved:
    count = params["n"]
    return [f"The first place has {count} choices, the next {count - 1}, and so on: {count}! = "
            f"{_falling_factors(count, count)} = {factorial(count)}."], factorial(count)


def _ask_stages(params: dict) -> str:
    listed = series([f"{count} {item}" for count, item in zip(params["counts"], OUTFIT_ITEMS)])
    return f"An outfit is one of each kind of item. With {listed}, how many different outfits are there?"


def _solve_stages(params: dict) -> Solved:
    total = prod(params["counts"])
    return [f"Multiplication principle: one choice per stage, so multiply: {' × '.join(map(str, params['counts']))} "
            f"= {total}."], total


def _draw_ordered(rng: np.random.Generator) -> dict:
    members, roles = integer(rng, 5, 30), integer(rng, 2, 4)
    chosen = [ROLES[int(i)] for i in rng.permutation(len(ROLES))[:roles]]
    return {"kind": "ordered", "n": members, "k": roles, "roles": chosen, "group": choice(rng, GROUPS)}


def _ask_ordered(params: dict) -> str:
    roles = series(params.get("roles") or ROLES[: params["k"]])  # v0 problems stored no roles or group
    article = "an" if roles[0] in "aeiou" else "a"
    return (f"A {params.get('group', 'club')} has {params['n']} members. In how many ways can it choose {article} "
            f"{roles} (different people)?")


def _solve_ordered(params: dict) -> Solved:
    top, count = params["n"], params["k"]
    return [f"Order matters: P({top}, {count}) = {top}!/({top} - {count})! = {_falling_factors(top, count)} = "
            f"{perm(top, count)}."], perm(top, count)


def _draw_choose(rng: np.random.Generator) -> dict:
    pool = integer(rng, 6, 30)
    return {"kind": "choose", "n": pool, "k": integer(rng, 2, min(7, pool - 2)),
            "ctx": integer(rng, 0, len(CHOICES) - 1)}


def _ask_choose(params: dict) -> str:
    team, pool = CHOICES[params.get("ctx", 0)]  # v0 problems stored no setting: a team of players
    return (f"In how many ways can a {team} of {params['k']} be chosen from {params['n']} {pool} (order does not "
            "matter)?")


def _solve_choose(params: dict) -> Solved:
    top, count = params["n"], params["k"]
    return [f"Order does not matter: C({top}, {count}) = ({_falling_factors(top, count)}) / {count}!",
            f"= {perm(top, count)} / {factorial(count)} = {comb(top, count)}."], comb(top, count)


def _solve_power(params: dict) -> Solved:
    symbols, length = params["q"], params["k"]
    return [f"Each of the {length} positions has {symbols} independent choices: {symbols}^{length} = "
            + " × ".join([str(symbols)] * length) + f" = {symbols**length}."], symbols**length


def _draw_word(rng: np.random.Generator) -> dict:
    if rng.random() < 0.3:
        return {"kind": "word", "word": choice(rng, WORDS)}
    letters = "ABCDE"[: integer(rng, 2, 5)]
    return {"kind": "word", "word": "".join(letter * integer(rng, 1, 4) for letter in letters), "tiles": True}


def _ask_word(params: dict) -> str:
    if params.get("tiles"):
        return f"How many distinct arrangements in a row are there of the letter tiles {', '.join(params['word'])}?"
    return f"How many distinct arrangements of the letters of the word {params['word']} are there?"


def _solve_word(params: dict) -> Solved:
    word = params["word"]
    counts = sorted(Counter(word).items())
    repeats = [times for _, times in counts if times > 1]
    if not repeats:
        return [f"{word} has {len(word)} different letters, so every ordering is distinct: "
                f"{len(word)}! = {factorial(len(word))}."], factorial(len(word))
    answer = word_arrangements(word)
    return [f"{word} has {len(word)} letters: " + ", ".join(f"{letter} × {times}" for letter, times in counts) + ".",
            "Divide the arrangements of all letters by the orderings of each repeated letter:",
            f"{len(word)}! / (" + " × ".join(f"{times}!" for times in repeats) + f") = {factorial(len(word))} / "
            f"{factorial(len(word)) // answer} = {answer}."], answer


def _draw_product(rng: np.random.Generator) -> dict:
    teachers, students = integer(rng, 4, 10), integer(rng, 4, 10)
    return {"kind": "product", "m": teachers, "w": students, "a": integer(rng, 1, min(4, teachers - 1)),
            "b": integer(rng, 1, min(4, students - 1))}


def _solve_product(params: dict) -> Solved:
    teachers, students = comb(params["m"], params["a"]), comb(params["w"], params["b"])
    return [f"Teachers: C({params['m']}, {params['a']}) = {teachers}.",
            f"Students: C({params['w']}, {params['b']}) = {students}.",
            f"Choices are independent, so multiply: {teachers} × {students} = {teachers * students}."
            ], teachers * students


def _draw_at_least(rng: np.random.Generator) -> dict:
    group, others = integer(rng, 3, 12), integer(rng, 4, 12)
    return {"kind": "atleast", "g": group, "o": others, "k": integer(rng, 2, min(6, others)),
            "ctx": integer(rng, 0, len(PAIRS) - 1)}


def _ask_at_least(params: dict) -> str:
    many, others, one = PAIRS[params.get("ctx", 0)]  # v0 problems stored no setting: seniors and juniors
    return (f"A group has {params['g']} {many} and {params['o']} {others}. How many ways are there to choose "
            f"{params['k']} people that include at least one {one}?")


def _solve_at_least(params: dict) -> Solved:
    group, others, size = params["g"], params["o"], params["k"]
    total, none = comb(group + others, size), comb(others, size)
    _, others_name, one = PAIRS[params.get("ctx", 0)]
    return [f"All selections: C({group + others}, {size}) = {total}.",
            f"Selections with no {one} ({others_name} only): C({others}, {size}) = {none}.",
            f"At least one {one} = all - none = {total} - {none} = {total - none}."], total - none


def _draw_seats(rng: np.random.Generator) -> dict:
    people, block = integer(rng, 5, 12), integer(rng, 2, 3)
    names = [NAMES[int(i)] for i in rng.permutation(len(NAMES))[:block]]
    return {"kind": "seats", "n": people, "block": block, "apart": bool(rng.random() < 0.5),
            "circle": bool(rng.random() < 0.4), "names": names}


def _ask_seats(params: dict) -> str:
    where = "around a round table (rotations count as the same seating)" if params["circle"] else "in a row"
    who = series(params.get("names") or [chr(65 + i) for i in range(params["block"])])  # v0: people A, B, C
    if params["block"] != 2:  # only a pair is ever kept apart
        rule = "sit next to each other as a group"
    else:
        rule = "do not sit next to each other" if params["apart"] else "sit next to each other"
    return f"In how many ways can {params['n']} people, including {who}, be seated {where} if {who} {rule}?"


def _solve_seats(params: dict) -> Solved:
    people, block, circle = params["n"], params["block"], params["circle"]

    def arrangements(units: int) -> tuple[str, int]:
        if circle:
            return f"({units} - 1)! = {factorial(units - 1)}", factorial(units - 1)
        return f"{units}! = {factorial(units)}", factorial(units)

    lines = ["Seatings around a round table: fix one person and arrange the rest, (m - 1)! for m units."
             ] if circle else []
    text, outer = arrangements(people - block + 1)
    together = outer * factorial(block)
    lines += [f"Glue the {block} people into one block: {people - block + 1} units, arranged in {text} ways.",
              f"Inside the block the {block} people can be ordered in {block}! = {factorial(block)} ways.",
              f"Together: {outer} × {factorial(block)} = {together}."]
    if not (params["apart"] and block == 2):
        return lines, together
    text, total = arrangements(people)
    return lines + [f"All seatings without the rule: {text}.",
                    f"Not next to each other = all - together = {total} - {together} = {total - together}."
                    ], total - together


def _draw_contains(rng: np.random.Generator) -> dict:
    alphabet = integer(rng, 4, 26)
    return {"kind": "contains", "q": alphabet, "t": integer(rng, 2, min(4, alphabet - 1)), "n": integer(rng, 4, 9),
            "thing": choice(rng, ["strings", "words", "passwords"])}


def _ask_contains(params: dict) -> str:
    letters = ", ".join(chr(65 + i) for i in range(params["t"]))
    return (f"{params.get('thing', 'strings').capitalize()} of length {params['n']} are formed from an alphabet of "
            f"{params['q']} letters that includes {letters} (letters may repeat). How many of them contain each of "
            f"{letters} at least once?")


def _solve_contains(params: dict) -> Solved:
    alphabet, required, length = params["q"], params["t"], params["n"]
    lines = [f"Inclusion-exclusion over the {required} required letters: subtract strings missing a letter, add back "
             "those missing two, ...",
             f"Count = sum over j of (-1)^j × C({required}, j) × ({alphabet} - j)^{length}."]
    return _inclusion_exclusion(lines, required, lambda j: ((alphabet - j) ** length, f"{alphabet - j}^{length}"))


def _draw_onto(rng: np.random.Generator) -> dict:
    boxes = integer(rng, 3, 6)
    return {"kind": "onto", "n": integer(rng, boxes + 1, 12), "k": boxes}


def _solve_onto(params: dict) -> Solved:
    balls, boxes = params["n"], params["k"]
    lines = [f"All placements: {boxes}^{balls}. Subtract those leaving a box empty by inclusion-exclusion:",
             f"Count = sum over j of (-1)^j × C({boxes}, j) × ({boxes} - j)^{balls}."]
    return _inclusion_exclusion(lines, boxes, lambda j: ((boxes - j) ** balls, f"{boxes - j}^{balls}"))


def _draw_bounded(rng: np.random.Generator) -> dict:
    variables, bound = integer(rng, 3, 6), integer(rng, 3, 12)
    return {"kind": "bounded", "k": variables, "c": bound, "n": integer(rng, bound + 1, variables * bound - 1)}


def _solve_bounded(params: dict) -> Solved:
    variables, bound, total = params["k"], params["c"], params["n"]
    lines = [f"Without the bound, stars and bars gives C({total} + {variables - 1}, {variables - 1}) solutions.",
             f"For each j of the variables forced above {bound}, subtract {bound + 1} from each and count again:"]

    def term(forced: int) -> tuple[int, str]:
        """Solutions with ``forced`` chosen variables above the bound (each reduced by bound + 1 first)."""
        rest = total - forced * (bound + 1)
        if rest < 0:
            return 0, f"0 (since {total} - {forced} × {bound + 1} < 0)"
        return comb(rest + variables - 1, variables - 1), f"C({rest + variables - 1}, {variables - 1})"

    return _inclusion_exclusion(lines, variables, term)


KINDS = {
    "perm": Kind(lambda rng: {"kind": "perm", "n": integer(rng, 3, 8), "obj": choice(rng, OBJECTS)},
                 filled("In how many ways can {n} different {obj} be arranged in a row?"), _solve_perm),
    "stages": Kind(lambda rng: {"kind": "stages", "counts": [integer(rng, 2, 15) for _ in range(integer(rng, 2, 4))]},
                   _ask_stages, _solve_stages),
    "ordered": Kind(_draw_ordered, _ask_ordered, _solve_ordered),
    "choose": Kind(_draw_choose, _ask_choose, _solve_choose),
    "power": Kind(lambda rng: {"kind": "power", "q": integer(rng, 2, 36), "k": integer(rng, 3, 8),
                               "thing": choice(rng, THINGS)},
                  filled("A {thing} is a string of {k} symbols, each chosen from {q} symbols, and symbols may repeat. "
                         "How many {thing}s are possible?"), _solve_power),
    "word": Kind(_draw_word, _ask_word, _solve_word),
    "product": Kind(_draw_product, filled("A committee needs {a} of {m} teachers and {b} of {w} students. How many "
                                          "different committees are possible?"), _solve_product),
    "atleast": Kind(_draw_at_least, _ask_at_least, _solve_at_least),
    "seats": Kind(_draw_seats, _ask_seats, _solve_seats),
    "contains": Kind(_draw_contains, _ask_contains, _solve_contains),
    "onto": Kind(_draw_onto, filled("In how many ways can {n} different balls be put into {k} different boxes so "
                                    "that no box is empty?"), _solve_onto),
    "bounded": Kind(_draw_bounded, filled("How many solutions in non-negative integers does x_1 + ... + x_{k} = {n} "
                                          "have if every x_i is at most {c}?"), _solve_bounded),
}
LEVEL_KINDS = {1: ("perm", "stages"), 2: ("ordered",), 3: ("choose",), 4: ("power",), 5: ("word",),
               6: ("product",), 7: ("atleast",), 8: ("seats",), 9: ("contains",), 10: ("onto", "bounded")}
"""The kinds each level asks; where there are two, a fair coin picks one."""


# --------------------------------------------------------------------------- exposition
_TEMPLATES = exposition_texts(__name__)


def _passage_values(rng: np.random.Generator) -> dict:
    """The values every template may use, drawn afresh for each passage."""
    n = integer(rng, 5, 10)
    k = integer(rng, 2, n - 2)
    a, b, c = integer(rng, 2, 9), integer(rng, 2, 9), integer(rng, 2, 9)
    q, kk = integer(rng, 2, 10), integer(rng, 2, 5)
    word = choice(rng, WORDS)
    g, o, k2 = integer(rng, 2, 6), integer(rng, 3, 9), integer(rng, 2, 4)
    m, r = integer(rng, 3, 12), integer(rng, 2, 5)
    sk = integer(rng, 2, 4)
    sn = integer(rng, sk, 7)
    return {
        "a": a, "b": b, "c": c, "abc": a * b * c, "n": n, "n1": n - 1, "nf": factorial(n), "k": k, "k1": k - 1,
        "pnk": perm(n, k), "kf": factorial(k), "cnk": comb(n, k), "nk": n - k, "pn2": perm(n, 2), "cn2": comb(n, 2),
        "q": q, "kk": kk, "qk": q**kk, "word": word, "wl": len(word), "wc": word_arrangements(word), "g": g, "o": o,
        "k2": k2, "go": g + o, "atl": comb(g + o, k2) - comb(o, k2), "circ": factorial(n - 1), "tog": 2 * factorial(n - 1),
        "m": m, "r": r, "r1": r - 1, "sb": comb(m + r - 1, r - 1), "sn": sn, "sk": sk,
        "onto": sum((-1) ** j * comb(sk, j) * (sk - j) ** sn for j in range(sk + 1)),
        "left": comb(n - 1, k - 1), "right": comb(n - 1, k),
    }


# --------------------------------------------------------------------------- the family
@register_family
class Counting(Family):
    """Counting problems with an exact integer answer."""

    name = "Counting"
    version = 1
    answer_type = "integer"
    parse = parse_integer
    subject = "combinatorics"
    exposition = one_template_exposition(4242, 170, _TEMPLATES, _passage_values)

    def draw(self, rng: np.random.Generator, level: int) -> dict:
        kinds = LEVEL_KINDS[level]
        return KINDS[kinds[0] if len(kinds) == 1 or rng.random() < 0.5 else kinds[1]].draw(rng)

    def question(self, params: dict) -> str:
        return KINDS[params["kind"]].question(params)

    def solve(self, params: dict) -> Solved:
        return KINDS[params["kind"]].solve(params)
