"""ModularArithmetic: residues, modular sums, products, powers, inverses and linear congruences.

**Asked.** A value modulo m, always as the *least non-negative residue* (an integer from 0
to m - 1), or the smallest non-negative solution of a linear congruence.

**Difficulty**:

==  ==============================================================  ==========================
 1  remainder of a 2-3 digit number modulo 3..15                     ``137 mod 9`` -> 2
 2  residue of a negative number                                     ``-47 mod 8`` -> 1
 3  sum of two large numbers modulo m (reduce first)                 ``(48213 + 99871) mod 17``
 4  product of two large numbers modulo m                            ``(3127 × 8841) mod 23``
 5  a power a^k mod m, k up to 40 (repeated squaring)                ``7^13 mod 11``
 6  a power with exponent up to 10^6 (binary exponentiation)         ``3^200 mod 101``
 7  the inverse of a modulo m up to 100 (extended Euclid)             ``17^{-1} mod 43``
 8  solve a·x ≡ b (mod m), gcd(a, m) = 1, m up to 1000               ``23x ≡ 5 (mod 97)``
 9  solve a·x ≡ b (mod m) with gcd(a, m) = d > 1 dividing b          ``12x ≡ 18 (mod 30)``
10  a^e · b^{-1} mod p, p prime, e up to 10^15 (Fermat first)        ``5^{10^12} · 7^{-1} mod 997``
==  ==============================================================  ==========================

Examples: level 1 "What is 137 mod 9?" (2); level 5 "Compute 7^13 mod 11." (2);
level 9 "Find the smallest non-negative integer x with 12x ≡ 18 (mod 30)." (4).

**Answer type.** An integer compared exactly with :func:`textbook_gym.verifiers.parse_integer`.
The residue must be the least non-negative one: ``-1`` or ``m + r`` for ``r`` are INCORRECT
even though they are congruent. Expressions are refused.

>>> from textbook_gym.problem import Problem
>>> problem = Problem("What is -47 mod 8?", 1, "ModularArithmetic")
>>> [ModularArithmetic().verify(problem, text).status.value for text in ("\\\\boxed{1}", "\\\\boxed{-7}")]
['CORRECT', 'INCORRECT']

**Worked solutions** write the division ``a = q·m + r``, reduce operands before adding or
multiplying, list the squares a, a^2, a^4, ... mod m with the binary digits of the
exponent, run the extended Euclidean algorithm with the coefficient of a on every line,
and divide congruences by their gcd. The last line holds ``\\boxed{answer}``.

**Version history.** v0: first release.
"""

from __future__ import annotations

import math

import numpy as np
import sympy

from textbook_gym.envs._kit import Family, register_family
from textbook_gym.verifiers import parse_integer

from ._kit.draw import integer
from ._kit.integers import division_text
from ._kit.template_choice import one_template_exposition
from ._kit.texts import exposition_texts


def _coprime(rng: np.random.Generator, modulus: int, lo: int = 2) -> int:
    """A number in lo..modulus - 1 coprime to the modulus (redraws until it is)."""
    while True:
        number = integer(rng, lo, modulus - 1)
        if math.gcd(number, modulus) == 1:
            return number


# --------------------------------------------------------------------------- solution pieces
def division_line(number: int, modulus: int) -> str:
    return f"{division_text(number, modulus)}, so {number} ≡ {number % modulus} (mod {modulus})"


def power_lines(base: int, exponent: int, modulus: int) -> tuple[list[str], int]:
    """Binary exponentiation: square repeatedly, multiply the squares the binary digits pick."""
    bits = bin(exponent)[2:]
    lines = [f"Write the exponent in binary: {exponent} = {bits}₂ = " + " + ".join(
        str(1 << i) for i, bit in enumerate(reversed(bits)) if bit == "1")]
    square, power, squares = base % modulus, 1, {}
    while power <= exponent:
        squares[power] = square
        if power * 2 <= exponent:
            lines.append(f"a^{power * 2} ≡ {square}² = {square * square} ≡ {square * square % modulus} (mod {modulus})")
            square = square * square % modulus
        power *= 2
    result = 1
    for power in sorted(squares):
        if exponent & power:
            product = result * squares[power]
            lines.append(f"multiply in a^{power}: {result} × {squares[power]} = {product} ≡ {product % modulus} (mod {modulus})")
            result = product % modulus
    return lines, result


def inverse_lines(number: int, modulus: int) -> tuple[list[str], int]:
    """Extended Euclid, tracking x with remainder ≡ x·number (mod modulus) on every line."""
    a, m = number, modulus
    lines = [f"Extended Euclid: keep each remainder r in the form r ≡ x·{a} (mod {m}).",
             f"{m} ≡ 0·{a}", f"{a % m} ≡ 1·{a}"]
    r0, r1, x0, x1 = m, a % m, 0, 1
    while r1 != 1:
        q = r0 // r1
        r2, x2 = r0 - q * r1, x0 - q * x1
        lines.append(f"{r0} - {q} × {r1} = {r2}, and x = {x0} - {q} × ({x1}) = {x2}")
        r0, r1, x0, x1 = r1, r2, x1, x2
    inv = x1 % m
    lines.append(f"So 1 ≡ {x1}·{a} (mod {m}); the inverse is {x1} mod {m} = {inv}.")
    lines.append(f"Check: {a} × {inv} = {a * inv} = {a * inv // m} × {m} + 1.")
    return lines, inv


# --------------------------------------------------------------------------- generation and solutions
def _draw(rng: np.random.Generator, level: int) -> dict:
    if level == 1:
        return {"kind": "residue", "a": integer(rng, 20, 999), "m": integer(rng, 6, 30)}
    if level == 2:
        return {"kind": "residue", "a": -integer(rng, 10, 999), "m": integer(rng, 6, 40)}
    if level in (3, 4):
        m = integer(rng, 20, 200)
        return {"kind": "sum" if level == 3 else "product", "a": integer(rng, 1000, 999999), "b": integer(rng, 1000, 99999), "m": m}
    if level == 5:
        m = integer(rng, 13, 100)
        return {"kind": "power", "a": integer(rng, 2, 3 * m), "k": integer(rng, 5, 40), "m": m}
    if level == 6:
        m = integer(rng, 50, 1000)
        return {"kind": "power", "a": integer(rng, 2, 10**4), "k": integer(rng, 100, 10**6), "m": m}
    if level == 7:
        m = integer(rng, 11, 100)
        return {"kind": "inverse", "a": _coprime(rng, m), "m": m}
    if level == 8:
        m = integer(rng, 30, 1000)
        return {"kind": "linear", "a": _coprime(rng, m), "b": integer(rng, 1, m - 1), "m": m}
    if level == 9:
        g = integer(rng, 2, 12)
        n = integer(rng, 5, 150)
        a = g * _coprime(rng, n, 1)
        return {"kind": "linear", "a": a, "b": g * integer(rng, 1, n - 1), "m": g * n}
    p = int(sympy.prevprime(integer(rng, 103, 2000)))
    return {"kind": "fermat", "a": integer(rng, 2, p - 1), "b": integer(rng, 2, p - 1),
            "e": integer(rng, 10**9, 10**15), "m": p}


QUESTIONS = {
    "residue": "What is {a} mod {m}? Give the least non-negative residue.",
    "sum": "Compute ({a} + {b}) mod {m}.",
    "product": "Compute ({a} × {b}) mod {m}.",
    "power": "Compute {a}^{k} mod {m}.",
    "inverse": "Find the inverse of {a} modulo {m}, that is the x in 0..{largest} with {a}x ≡ 1 (mod {m}).",
    "linear": "Find the smallest non-negative integer x with {a}x ≡ {b} (mod {m}).",
    "fermat": "Let p = {m} (a prime). Compute {a}^{e} · {b}^(-1) mod p.",
}


def _question(params: dict) -> str:
    return QUESTIONS[params["kind"]].format(**params, largest=params["m"] - 1)


def _solve(params: dict) -> tuple[list[str], int]:
    m, kind = params["m"], params["kind"]
    if kind == "residue":
        return [division_line(params["a"], m)], params["a"] % m
    if kind in ("sum", "product"):
        a, b = params["a"] % m, params["b"] % m
        lines = ["Reduce each number first; congruences can be added and multiplied.",
                 division_line(params["a"], m), division_line(params["b"], m)]
        value = a + b if kind == "sum" else a * b
        sign = "+" if kind == "sum" else "×"
        lines.append(f"{a} {sign} {b} = {value}, and {division_line(value, m)}")
        return lines, value % m
    if kind == "power":
        lines = [f"Reduce the base: {division_line(params['a'], m)}. Let a = {params['a'] % m}."] if params["a"] >= m else []
        steps, result = power_lines(params["a"], params["k"], m)
        return lines + steps, result
    if kind == "inverse":
        return inverse_lines(params["a"], m)
    if kind == "linear":
        a, b = params["a"], params["b"]
        g = math.gcd(a, m)
        lines = []
        if g > 1:
            lines.append(f"gcd({a}, {m}) = {g}, and {g} divides {b}, so divide everything by {g}.")
            a, b, m = a // g, b // g, m // g
            lines.append(f"The congruence becomes {a}x ≡ {b} (mod {m}).")
        else:
            lines.append(f"gcd({a}, {m}) = 1, so {a} has an inverse modulo {m}.")
        if a % m == 1:
            lines.append(f"{a} ≡ 1 (mod {m}), so x ≡ {b} (mod {m}).")
            return lines, b % m
        steps, inv = inverse_lines(a, m)
        lines += steps
        lines.append(f"Multiply both sides by {inv}: x ≡ {inv} × {b} = {inv * b} ≡ {inv * b % m} (mod {m}).")
        if g > 1:
            lines.append(f"The solutions are {inv * b % m} + {m}t; the smallest non-negative one is {inv * b % m}.")
        return lines, inv * b % m
    p, e = m, params["e"]
    r = e % (p - 1)
    lines = [f"By Fermat's little theorem a^{p - 1} ≡ 1 (mod {p}) for a not divisible by {p}, "
             f"so reduce the exponent modulo {p - 1}.", division_line(e, p - 1)]
    steps, power = power_lines(params["a"], r, p) if r else ([f"The exponent is a multiple of {p - 1}, so the power is 1."], 1)
    lines += [f"Compute a^{r} with a = {params['a']}:"] + steps
    inv_steps, inv = inverse_lines(params["b"], p)
    lines += [f"Now the inverse of {params['b']}:"] + inv_steps
    lines.append(f"{power} × {inv} = {power * inv} ≡ {power * inv % p} (mod {p}).")
    return lines, power * inv % p


# --------------------------------------------------------------------------- exposition
_TEMPLATES = exposition_texts(__name__)


def _passage_values(rng: np.random.Generator) -> dict | None:
    m = integer(rng, 5, 30)
    a, b = integer(rng, 40, 900), integer(rng, 40, 900)
    r = a % m
    if r == 0:  # the residue passages need a nonzero residue: no passage this round
        return None
    pm = int(sympy.prevprime(integer(rng, 13, 200)))
    c, k, u = integer(rng, 2, 12), integer(rng, 10, 60), integer(rng, 2, pm - 1)
    inv = pow(u, -1, pm)
    big = integer(rng, 10**6, 10**9)
    v = integer(rng, 1, pm - 1)
    h = integer(rng, 5, 100)
    return {
        "a": a, "b": b, "m": m, "r": r, "q": a // m, "diff": a - r, "na": -a, "nq": -a // m, "nr": -a % m,
        "rb": b % m, "prod": r * (b % m), "prodr": a * b % m, "c": c, "k": k, "pm": pm, "kbits": bin(k)[2:],
        "pw": pow(c, k, pm), "u": u, "inv": inv, "uinv": u * inv, "big": big, "pm1": pm - 1,
        "bigr": big % (pm - 1), "bigpw": pow(c, big, pm), "v": v, "lin": inv * v % pm, "h": h,
        "clock": (h + 9) % 12,
    }


# --------------------------------------------------------------------------- the family
@register_family
class ModularArithmetic(Family):
    """Modular arithmetic problems answered by the least non-negative residue."""

    name = "ModularArithmetic"
    version = 0
    answer_type = "integer"
    parse = parse_integer
    subject = "number-theory"
    instruction = (
        "Give the least non-negative residue (an integer from 0 to m - 1) as \\boxed{ANSWER}; "
        "a final line 'Answer: ANSWER' is also accepted."
    )

    draw = staticmethod(_draw)
    question = staticmethod(_question)
    solve = staticmethod(_solve)
    exposition = one_template_exposition(3307, 160, _TEMPLATES, _passage_values)
