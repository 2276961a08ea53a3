"""Divisibility: multiples, divisibility rules, counting and summing divisors, factorial powers.

**Asked.** One integer: a count of multiples, the next multiple, the number or sum of
divisors, an inclusion-exclusion count, the smallest multiplier making a perfect power, or
the exponent of a prime in a factorial. No yes/no questions.

**Difficulty**:

==  ================================================================  =============================
 1  how many multiples of k lie in 1..N                                multiples of 7 up to 500 -> 71
 2  largest multiple of k that is at most N, or smallest above N       largest multiple of 37 <= 4000
 3  smallest number above a 6-8 digit N divisible by 3, 4, 8, 9, 11    rule for 11: alternating sum
    or 25, by the divisibility rule
 4  sum of divisors of n up to 1200 (two or more prime factors)        σ(360) = 1170
 5  number of divisors of n up to 10^5, three or more primes           d(2^4·3^2·5·11) = 60
 6  sum of divisors of n up to 10^6 with three or more primes          σ(2^3·3·17)
 7  how many of 1..N are divisible by a or b (inclusion-exclusion)     by 6 or 10 up to 1000
 8  how many of 1..N are divisible by none of a, b, c                  three-set inclusion-exclusion
 9  smallest k > 0 such that k·n is a perfect square or cube           n = 2^3·3·5^2 -> k = 6
10  largest e with p^e (or a prime power) dividing N!, trailing zeros  Legendre's formula
==  ================================================================  =============================

Examples: level 1 "How many multiples of 7 are there from 1 to 500?" (71); level 4
"What is the sum of all positive divisors of 360?" (1170); level 10 "What is the largest
e such that 3^e divides 200!?" (97).

**Answer type.** An integer compared exactly with :func:`textbook_gym.verifiers.parse_integer`:

>>> from textbook_gym.problem import Problem
>>> problem = Problem("How many positive divisors does 360 have?", 24, "Divisibility")
>>> [Divisibility().verify(problem, text).status.value for text in ("Answer: 24", "\\\\boxed{23}")]
['CORRECT', 'INCORRECT']

**Worked solutions** write the division with remainder, apply the divisibility rule digit by
digit, factor n and use (e1+1)(e2+1)... or the product of (p^(e+1) - 1)/(p - 1), count with
inclusion-exclusion term by term, and sum ⌊N/p⌋ + ⌊N/p²⌋ + ... for Legendre's formula.

**Version history.** v0: first release. v1: level 4 asks for the divisor sum of any number
up to 1200 with two or more prime factors (about 900 problems instead of 80, so its test
split holds about 90).
"""

from __future__ import annotations

import math
from itertools import combinations

import numpy as np
import sympy

from textbook_gym.envs._kit import Family, register_family
from textbook_gym.verifiers import parse_integer

from ._kit.draw import choice, integer
from ._kit.integers import division_text, factor_text, prime_powers, smooth_number
from ._kit.template_choice import one_template_exposition
from ._kit.texts import exposition_texts

RULES = (3, 4, 8, 9, 11, 25)


def _two_primes(rng: np.random.Generator, lo: int, hi: int) -> int:
    """A number in lo..hi with at least two distinct prime factors, uniformly among those."""
    while True:
        n = integer(rng, lo, hi)
        if len(sympy.factorint(n)) >= 2:
            return n


# --------------------------------------------------------------------------- generation
def _draw(rng: np.random.Generator, level: int) -> dict:
    if level == 1:
        return {"kind": "count", "k": integer(rng, 3, 19), "N": integer(rng, 50, 1000)}
    if level == 2:
        return {"kind": "largest" if rng.random() < 0.5 else "above", "k": integer(rng, 6, 80), "N": integer(rng, 100, 10**4)}
    if level == 3:
        return {"kind": "rule", "k": int(rng.choice(RULES)), "N": integer(rng, 10**5, 10**8)}
    if level == 4:
        return {"kind": "sigma", "n": _two_primes(rng, 12, 1200)}
    if level == 5:
        return {"kind": "ndiv", "n": smooth_number(rng, [2, 3, 5, 7, 11, 13], 5, 100, 10**5, min_primes=3)}
    if level == 6:
        return {"kind": "sigma", "n": smooth_number(rng, [2, 3, 5, 7, 11, 13, 17, 19], 4, 1000, 10**6, min_primes=3)}
    if level == 7:
        divs = sorted(int(x) for x in rng.choice(np.arange(2, 31), size=2, replace=False))
        return {"kind": "union", "divs": divs, "N": integer(rng, 200, 5000)}
    if level == 8:
        divs = sorted(int(x) for x in rng.choice(np.arange(2, 16), size=3, replace=False))
        return {"kind": "none", "divs": divs, "N": integer(rng, 300, 10**4)}
    if level == 9:
        power = 2 if rng.random() < 0.6 else 3
        n = smooth_number(rng, [2, 3, 5, 7, 11, 13], 4, 30, 10**6, min_primes=2)
        while all(e % power == 0 for _, e in prime_powers(n)):
            n = smooth_number(rng, [2, 3, 5, 7, 11, 13], 4, 30, 10**6, min_primes=2)
        return {"kind": "perfect", "power": power, "n": n}
    N = integer(rng, 30, 3000)
    form = int(rng.integers(0, 3))
    if form == 0:
        return {"kind": "legendre", "p": int(rng.choice([2, 3, 5, 7, 11, 13])), "e": 1, "N": N}
    if form == 1:
        p, e = choice(rng, [(2, 2), (2, 3), (3, 2), (2, 4), (5, 2), (3, 3)])
        return {"kind": "legendre", "p": p, "e": e, "N": N}
    return {"kind": "zeros", "N": N}


QUESTIONS = {  # the kinds whose question only fills in the drawn numbers
    "count": "How many multiples of {k} are there among the integers 1, 2, ..., {N}?",
    "largest": "What is the largest multiple of {k} that is less than or equal to {N}?",
    "above": "What is the smallest multiple of {k} that is greater than {N}?",
    "rule": "What is the smallest integer greater than {N} that is divisible by {k}?",
    "ndiv": "How many positive divisors does {n} have?",
    "sigma": "What is the sum of all positive divisors of {n} (including 1 and {n})?",
    "union": "How many integers from 1 to {N} are divisible by {divs[0]} or by {divs[1]} (or both)?",
    "none": "How many integers from 1 to {N} are divisible by none of {divs[0]}, {divs[1]} and {divs[2]}?",
    "zeros": "How many zeros does {N}! end with?",
}


def _question(params: dict) -> str:
    if params["kind"] == "perfect":
        word = "perfect square" if params["power"] == 2 else "perfect cube"
        return f"What is the smallest positive integer k such that {params['n']}·k is a {word}?"
    if params["kind"] == "legendre":
        return f"What is the largest integer e such that {params['p'] ** params['e']}^e divides {params['N']}! ?"
    return QUESTIONS[params["kind"]].format(**params)


def _rule_remainder(number: int, divisor: int) -> tuple[str, int]:
    """The divisibility rule for ``divisor`` applied to ``number``: the line and the remainder."""
    digits = str(number)
    remainder = number % divisor
    if divisor in (3, 9):
        total = sum(map(int, digits))
        return (f"Digit sum of {number}: {' + '.join(digits)} = {total}; {total} leaves remainder {total % divisor} "
                f"on division by {divisor}."), remainder
    if divisor == 11:
        alt = [int(c) for c in reversed(digits)]
        terms = " ".join(("+ " if i % 2 == 0 else "- ") + str(c) for i, c in enumerate(alt)).lstrip("+ ")
        total = sum(c if i % 2 == 0 else -c for i, c in enumerate(alt))
        return (f"Alternating digit sum from the ones digit: {terms} = {total}; {total} ≡ {total % 11} (mod 11), "
                f"so {number} leaves remainder {remainder}."), remainder
    tail = {4: 2, 25: 2, 8: 3}[divisor]
    end = int(digits[-tail:])
    return (f"Only the last {tail} digits matter for {divisor} (since {10**tail} is a multiple of {divisor}): "
            f"{division_text(end, divisor)}."), remainder


def _inclusion_exclusion(divisors: list[int], bound: int) -> tuple[list[str], int]:
    """How many of 1..bound are divisible by at least one of the divisors, one line per term."""
    lines, union = [], 0
    for size in range(1, len(divisors) + 1):
        for group in combinations(divisors, size):
            lcm = math.lcm(*group)
            sign = 1 if size % 2 else -1
            label = group[0] if size == 1 else f"lcm({', '.join(map(str, group))}) = {lcm}"
            lines.append(f"{'add' if sign > 0 else 'subtract'} multiples of {label}: ⌊{bound}/{lcm}⌋ = {bound // lcm}")
            union += sign * (bound // lcm)
    return lines, union


def _legendre_terms(bound: int, prime: int) -> list[tuple[int, int]]:
    """The pairs (power, ⌊bound/power⌋) for the powers of ``prime`` up to ``bound``."""
    terms, power = [], prime
    while power <= bound:
        terms.append((power, bound // power))
        power *= prime
    return terms


def _solve(params: dict) -> tuple[list[str], int]:
    kind = params["kind"]
    if kind in ("count", "largest", "above"):
        k, N = params["k"], params["N"]
        q = N // k
        last, answer = {"count": (f"The multiples are {k} × 1, ..., {k} × {q}, so there are {q}.", q),
                        "largest": (f"The largest multiple at most {N} is {q} × {k} = {q * k}.", q * k),
                        "above": (f"The next multiple above {N} is {q + 1} × {k} = {(q + 1) * k}.", (q + 1) * k)}[kind]
        return [division_text(N, k), last], answer
    if kind == "rule":
        k, N = params["k"], params["N"]
        text, r = _rule_remainder(N, k)
        step = k - r
        return [text, f"{N} ≡ {r} (mod {k}), so add {k} - {r} = {step}: {N} + {step} = {N + step}."], N + step
    if kind in ("ndiv", "sigma"):
        n = params["n"]
        pw = prime_powers(n)
        lines = [f"Factor: {n} = {factor_text(n)}."]
        if kind == "ndiv":
            lines.append("A divisor picks each exponent from 0 up to the exponent in n, so multiply (exponent + 1).")
            count = math.prod(e + 1 for _, e in pw)
            lines.append(" × ".join(f"({e} + 1)" for _, e in pw) + f" = {count}")
            return lines, count
        lines.append("σ(n) is the product over primes of 1 + p + p² + ... + p^e.")
        parts = [sum(p**i for i in range(e + 1)) for p, e in pw]
        lines += [f"{' + '.join(str(p**i) for i in range(e + 1))} = {part}" for (p, e), part in zip(pw, parts)]
        total = math.prod(parts)
        return lines + [" × ".join(map(str, parts)) + f" = {total}"], total
    if kind in ("union", "none"):
        divs, N = params["divs"], params["N"]
        lines, union = _inclusion_exclusion(divs, N)
        lines.insert(0, "Inclusion-exclusion: add single counts, subtract pairs, add triples.")
        lines.append(f"Divisible by at least one: {union}.")
        if kind == "union":
            return lines, union
        return lines + [f"Divisible by none: {N} - {union} = {N - union}."], N - union
    if kind == "perfect":
        n, k = params["n"], params["power"]
        lines = [f"Factor: {n} = {factor_text(n)}. Every exponent must become a multiple of {k}."]
        mult = 1
        for p, e in prime_powers(n):
            need = (-e) % k
            mult *= p**need
            lines.append(f"{p}^{e}: add {need} to reach {e + need}" + (f", multiply by {p}^{need}" if need else ""))
        return lines + [f"k = {mult}."], mult
    N = params["N"]
    p, e = (5, 1) if kind == "zeros" else (params["p"], params["e"])
    lines = ["Each trailing zero is a factor 10 = 2 × 5, and there are more 2s than 5s, so count the 5s."] if kind == "zeros" else []
    lines.append(f"Legendre's formula: the exponent of {p} in {N}! is ⌊{N}/{p}⌋ + ⌊{N}/{p}²⌋ + ...")
    terms = _legendre_terms(N, p)
    total = sum(count for _, count in terms)
    lines += [f"⌊{N}/{power}⌋ = {count}" for power, count in terms]
    lines.append(f"{' + '.join(str(count) for _, count in terms)} = {total}")
    if e > 1:
        lines.append(f"{p ** e} = {p}^{e}, so e = ⌊{total}/{e}⌋ = {total // e}.")
    return lines, total // e


# --------------------------------------------------------------------------- exposition
_TEMPLATES = exposition_texts(__name__)


def _passage_values(rng: np.random.Generator) -> dict:
    k, q = integer(rng, 3, 19), integer(rng, 5, 60)
    t = integer(rng, 10**4, 10**7)
    n = smooth_number(rng, [2, 3, 5, 7, 11], 3, 12, 3000, min_primes=2)
    N = integer(rng, 100, 2000)
    a, b = sorted(int(v) for v in rng.choice(np.arange(2, 20), size=2, replace=False))
    p = int(rng.choice([2, 3, 5, 7]))
    m = integer(rng, 12, 100)
    _, union = _inclusion_exclusion([a, b], N)
    alt = sum(int(c) if i % 2 == 0 else -int(c) for i, c in enumerate(reversed(str(t))))
    leg = [count for _, count in _legendre_terms(N, p)]
    pw = prime_powers(n)
    return {
        "k": k, "q": q, "kq": k * q, "kq1": k * q + 1, "t": t, "ds": sum(map(int, str(t))), "t3": t % 3,
        "t9": t % 9, "alt": alt, "t11": t % 11, "last2": str(t)[-2:], "t4": t % 4, "last3": str(t)[-3:],
        "t8": t % 8, "n": n, "nf": factor_text(n), "nd": int(sympy.divisor_count(n)), "sig": int(sympy.divisor_sigma(n)),
        "N": N, "Nk": N // k, "a": a, "b": b, "Na": N // a, "Nb": N // b, "Nab": N // math.lcm(a, b),
        "union": union, "lab": math.lcm(a, b), "sq": "a perfect square" if all(e % 2 == 0 for _, e in pw) else "not a perfect square",
        "p": p, "leg": " + ".join(map(str, leg)) + f" = {sum(leg)}", "zeros": sum(N // 5**i for i in range(1, 6)),
        "m": m, "mdivs": ", ".join(map(str, sympy.divisors(m))), "mnd": int(sympy.divisor_count(m)),
    }


# --------------------------------------------------------------------------- the family
@register_family
class Divisibility(Family):
    """Divisibility problems with an exact integer answer."""

    name = "Divisibility"
    version = 1
    answer_type = "integer"
    parse = parse_integer
    subject = "number-theory"

    draw = staticmethod(_draw)
    question = staticmethod(_question)
    solve = staticmethod(_solve)
    exposition = one_template_exposition(8080, 170, _TEMPLATES, _passage_values)
