"""GcdLcm: greatest common divisors and least common multiples of 2 to 4 integers.

**Asked.** The gcd or lcm of two, three or four positive integers, a bell-timing word
problem (lcm), or the missing number when the gcd, the lcm and one number are known.

**Difficulty**:

==  =============================================================  =============================
 1  gcd of two numbers up to 133                                    ``gcd(18, 24)`` -> 6
 2  lcm of two numbers up to 30                                     ``lcm(6, 10)`` -> 30
 3  gcd of two 2-3 digit numbers (Euclidean algorithm)              ``gcd(462, 1071)`` -> 21
 4  lcm of two 2-3 digit numbers (lcm = ab / gcd)                   ``lcm(84, 126)`` -> 252
 5  gcd of three numbers                                            ``gcd(84, 126, 210)`` -> 42
 6  lcm of three numbers (prime factorizations, highest powers)     ``lcm(12, 18, 40)`` -> 360
 7  gcd of two 4-6 digit numbers (long Euclidean chains)            ``gcd(46368, 28657·k ...)``
 8  word problem: when do three or four cycles next coincide (lcm)  bells every 12, 15, 20 min
 9  the missing number: gcd(a, b), lcm(a, b) and a are given        ``a·b = gcd·lcm``
10  gcd or lcm of four numbers with several prime powers
==  =============================================================  =============================

Examples: level 1 "Find gcd(36, 60)." (12); level 5 "Find the greatest common divisor of
84, 126 and 210." (42); level 9 "The gcd of a and b is 12 and their lcm is 360; a = 72,
what is b?" (60).

**Answer type.** A positive integer, parsed by :func:`textbook_gym.verifiers.parse_integer`
(thousands separators ``1,234``, ``42.0`` and U+2212 accepted; expressions refused) and
compared exactly:

>>> from textbook_gym.problem import Problem
>>> problem = Problem("Find gcd(12, 18).", 6, "GcdLcm")
>>> [GcdLcm().verify(problem, text).status.value for text in ("\\\\boxed{6}", "\\\\boxed{36}")]
['CORRECT', 'INCORRECT']

**Worked solutions** write out every division step ``a = q·b + r`` of the Euclidean
algorithm, or the prime factorizations with the lowest (gcd) or highest (lcm) powers,
and end with ``\\boxed{answer}``.

**Version history.** v0: first release. v1: level 1 draws the shared factor from 2..19 and
the cofactors from 1..7 (about 750 problems instead of 290, so its test split holds about 75).
"""

from __future__ import annotations

import math

import numpy as np
import sympy

from textbook_gym.envs._kit import Family, register_family
from textbook_gym.verifiers import parse_integer

from ._kit.draw import choice, distinct
from ._kit.integers import euclid_divisions, factor_text, smooth_number
from ._kit.template_choice import one_template_exposition
from ._kit.texts import exposition_texts

SMALL_PRIMES = (2, 3, 5, 7, 11, 13)


def euclid_lines(first: int, second: int) -> tuple[list[str], int]:
    """Euclidean algorithm steps for the gcd of two numbers, larger number first, and the closing line."""
    lines, gcd = euclid_divisions(first, second)
    return [*lines, f"The remainder is 0, so the last nonzero remainder {gcd} is the gcd."], gcd


def powers_lines(numbers: list[int], kind: str) -> list[str]:
    """Factorize each number, then take the lowest (gcd) or highest (lcm) power of each prime."""
    lines = [f"{n} = {factor_text(n)}" for n in numbers]
    factored = [sympy.factorint(n) for n in numbers]
    primes = sorted(set().union(*factored))
    chosen = []
    for p in primes:
        exps = [f.get(p, 0) for f in factored]
        e = min(exps) if kind == "gcd" else max(exps)
        word = "lowest" if kind == "gcd" else "highest"
        lines.append(f"prime {p}: exponents {', '.join(map(str, exps))}; the {word} is {e}")
        if e:
            chosen.append(p**e if e == 1 else f"{p}^{e}")
    value = math.gcd(*numbers) if kind == "gcd" else math.lcm(*numbers)
    product = " × ".join(map(str, chosen)) if chosen else "1"
    lines.append(f"{kind}({', '.join(map(str, numbers))}) = {product} = {value}")
    return lines


def _coprime_pair(rng: np.random.Generator, lo: int, hi: int) -> list[int]:
    """Two different coprime numbers in [lo, hi] (redraws both until they are coprime)."""
    while True:
        pair = distinct(rng, 2, lo, hi)
        if math.gcd(*pair) == 1:
            return pair


def _shared(rng: np.random.Generator, count: int, factors: tuple[int, int], cofactors: tuple[int, int]) -> list[int]:
    """``count`` distinct numbers g·c with one shared factor g from ``range(*factors)``, so gcds are rarely 1."""
    factor = int(rng.integers(*factors))
    return [factor * cofactor for cofactor in distinct(rng, count, *cofactors)]


# --------------------------------------------------------------------------- generation
def _draw(rng: np.random.Generator, level: int) -> dict:
    if level == 1:
        return {"kind": "gcd", "numbers": _shared(rng, 2, (2, 20), (1, 7)), "form": "plain"}
    if level == 2:
        return {"kind": "lcm", "numbers": distinct(rng, 2, 2, 30), "form": "plain"}
    if level == 3:
        return {"kind": "gcd", "numbers": _shared(rng, 2, (3, 40), (4, 40)), "form": "euclid"}
    if level == 4:
        return {"kind": "lcm", "numbers": _shared(rng, 2, (2, 25), (2, 20)), "form": "euclid"}
    if level == 5:
        return {"kind": "gcd", "numbers": _shared(rng, 3, (2, 30), (2, 30)), "form": "pairwise"}
    if level == 6:
        nums = [smooth_number(rng, (2, 3, 5, 7), 3, 2, 400) for _ in range(3)]
        while len(set(nums)) < 3:
            nums = [smooth_number(rng, (2, 3, 5, 7), 3, 2, 400) for _ in range(3)]
        return {"kind": "lcm", "numbers": nums, "form": "powers"}
    if level == 7:
        return {"kind": "gcd", "numbers": _shared(rng, 2, (2, 400), (30, 2500)), "form": "euclid"}
    if level == 8:
        k = int(rng.integers(3, 5))
        nums = sorted(distinct(rng, k, 4, 45))
        unit = choice(rng, ["minutes", "seconds", "days", "hours"])
        thing = choice(rng, ["bells ring", "lights flash", "buses leave the station", "alarms beep"])
        return {"kind": "lcm", "numbers": nums, "form": "word", "unit": unit, "thing": thing}
    if level == 9:
        g = int(rng.integers(2, 30))
        x, y = _coprime_pair(rng, 2, 40)
        return {"kind": "missing", "numbers": [g * x, g * y], "form": "missing"}
    kind = "gcd" if rng.random() < 0.5 else "lcm"
    primes = (2, 3, 5, 7, 11)
    if kind == "gcd":
        base = smooth_number(rng, primes, 2, 2, 600)
        nums = [base * smooth_number(rng, primes, 2, 2, 60) for _ in range(4)]
    else:
        nums = [smooth_number(rng, primes, 3, 2, 900) for _ in range(4)]
    while len(set(nums)) < 4:
        nums[int(rng.integers(0, 4))] *= int(rng.choice(SMALL_PRIMES[:3]))
    return {"kind": kind, "numbers": nums, "form": "powers"}


def _question(data: dict) -> str:
    nums = data["numbers"]
    listed = ", ".join(map(str, nums[:-1])) + f" and {nums[-1]}"
    kind = data["kind"]
    if data["form"] == "word":
        return (f"Several {data['thing']} on a schedule: one every {listed} {data['unit']}. They all "
                f"happen together right now. After how many {data['unit']} will they next all happen together?")
    if kind == "missing":
        a, b = nums
        return (f"Two positive integers have greatest common divisor {math.gcd(a, b)} and least common multiple "
                f"{math.lcm(a, b)}. One of them is {a}. What is the other?")
    if len(nums) == 2 and data["form"] in ("plain", "euclid"):
        return f"Find {kind}({nums[0]}, {nums[1]})."
    word = "greatest common divisor" if kind == "gcd" else "least common multiple"
    return f"Find the {word} of {listed}."


# --------------------------------------------------------------------------- worked solutions
def _solve(data: dict) -> tuple[list[str], int]:
    nums, kind, form = data["numbers"], data["kind"], data["form"]
    if kind == "missing":
        a, b = nums
        g, m = math.gcd(a, b), math.lcm(a, b)
        return ["For any two positive integers, gcd × lcm = product of the two numbers.",
                f"So {a} × b = {g} × {m} = {g * m}.", f"b = {g * m} ÷ {a} = {b}.",
                f"Check: gcd({a}, {b}) = {g} and lcm({a}, {b}) = {a} × {b} ÷ {g} = {m}."], b
    answer = math.gcd(*nums) if kind == "gcd" else math.lcm(*nums)
    if form == "word":
        return ["They next coincide after the least common multiple of the periods.",
                *powers_lines(nums, "lcm")], answer
    if form == "powers":
        word = "lowest" if kind == "gcd" else "highest"
        return [f"Factorize each number into primes and keep the {word} power of each prime.",
                *powers_lines(nums, kind)], answer
    if kind == "gcd" and len(nums) == 2 and form == "euclid":
        lines, _ = euclid_lines(*nums)
        return ["Use the Euclidean algorithm: divide and keep the remainder until it is 0."] + lines, answer
    if kind == "lcm" and len(nums) == 2 and form == "euclid":
        a, b = nums
        lines, g = euclid_lines(a, b)
        return (["First find the gcd with the Euclidean algorithm, then use lcm = a × b ÷ gcd."] + lines
                + [f"lcm({a}, {b}) = {a} × {b} ÷ {g} = {a * b} ÷ {g} = {a * b // g}."]), answer
    if kind == "lcm":
        a, b = nums
        big, small = max(a, b), min(a, b)
        lines = [f"List multiples of the larger number {big} until one is divisible by {small}."]
        k = 1
        while (big * k) % small:
            lines.append(f"{big} × {k} = {big * k}: {big * k} ÷ {small} leaves remainder {(big * k) % small}")
            k += 1
        lines.append(f"{big} × {k} = {big * k} is divisible by {small}, so lcm = {big * k}.")
        return lines, answer
    if len(nums) == 2:
        a, b = nums
        lines = [f"Divisors of {a}: {', '.join(map(str, sympy.divisors(a)))}",
                 f"Divisors of {b}: {', '.join(map(str, sympy.divisors(b)))}"]
        common = [x for x in sympy.divisors(a) if b % x == 0]
        return lines + [f"Common divisors: {', '.join(map(str, common))}; the greatest is {common[-1]}."], answer
    lines = ["gcd(a, b, c) = gcd(gcd(a, b), c): apply the Euclidean algorithm twice."]
    g = nums[0]
    for n in nums[1:]:
        lines.append(f"gcd({g}, {n}):")
        steps, g = euclid_lines(g, n)
        lines.extend(steps)
    return lines, answer


# --------------------------------------------------------------------------- exposition
_TEMPLATES = exposition_texts(__name__)


def _passage_values(rng: np.random.Generator) -> dict:
    g = int(rng.integers(2, 16))
    ag, bg = _coprime_pair(rng, 2, 25)
    a, b = max(g * ag, g * bg), min(g * ag, g * bg)
    ag, bg = a // g, b // g
    m = math.lcm(a, b)
    c1, c2 = _coprime_pair(rng, 3, 20)
    t = g * int(rng.integers(2, 12)) * int(rng.integers(1, 4))
    cl = math.lcm(c1, c2)
    steps, _ = euclid_lines(a, b)
    return {
        "a": a, "b": b, "g": g, "ag": ag, "bg": bg, "m": m, "ma": m // a, "mb": m // b, "p": a * b,
        "q": a // b, "r": a % b, "steps": "; ".join(steps[:-1]), "fa": factor_text(a), "fb": factor_text(b),
        "c1": c1, "c2": c2, "cp": c1 * c2, "cl": cl, "cl2": 2 * cl, "cl3": 3 * cl, "t": t,
        "g3": math.gcd(g, t), "gdivs": ", ".join(map(str, sympy.divisors(g))),
        "mults": ", ".join(str(c2 * k) for k in range(1, cl // c2 + 1)),
    }


# --------------------------------------------------------------------------- the family
@register_family
class GcdLcm(Family):
    """Greatest common divisors and least common multiples, exact integer answers."""

    name = "GcdLcm"
    version = 1
    answer_type = "integer"
    parse = parse_integer
    subject = "number-theory"

    draw = staticmethod(_draw)
    question = staticmethod(_question)
    solve = staticmethod(_solve)
    exposition = one_template_exposition(6170, 160, _TEMPLATES, _passage_values)
