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

**Worked solutions** write the division ``a = q·m + r``, reduce operands before adding or
multiplying, list the squares a, a^2, a^4, ... mod m with the binary digits of the
exponent, run the extended Euclidean algorithm with the coefficient of a on every line,
and divide congruences by their gcd. The last line holds ``\\boxed{answer}``.

**Problem-space sizes** (:meth:`ModularArithmetic.space_size`): estimates from 3,000 draws per level
(Chao1 estimator; a level where no problem repeated is given as the estimator's value,
a lower bound of the true size). Every level's test split holds at least 50 problems.

**Version history.** v0: first release.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import sympy

from textbook_gym.family import Family, check_difficulty
from textbook_gym.problem import Problem
from textbook_gym.registry import register_family
from textbook_gym.verdict import Verdict
from textbook_gym.verifiers import check_answer, parse_integer


def _int(rng: np.random.Generator, lo: int, hi: int) -> int:
    return int(rng.integers(lo, hi + 1))


def _coprime(rng: np.random.Generator, m: int, lo: int = 2) -> int:
    while True:
        a = _int(rng, lo, m - 1)
        if math.gcd(a, m) == 1:
            return a


# --------------------------------------------------------------------------- solution pieces
def division_line(a: int, m: int) -> str:
    q, r = divmod(a, m)
    shown_q = f"({q})" if q < 0 else str(q)
    return f"{a} = {shown_q} × {m} + {r}, so {a} ≡ {r} (mod {m})"


def power_lines(a: int, k: int, m: int) -> tuple[list[str], int]:
    """Binary exponentiation: square repeatedly, multiply the squares the binary digits pick."""
    a %= m
    bits = bin(k)[2:]
    lines = [f"Write the exponent in binary: {k} = {bits}₂ = " + " + ".join(
        str(1 << i) for i, b in enumerate(reversed(bits)) if b == "1")]
    square, power, squares = a, 1, {}
    while power <= k:
        squares[power] = square
        if power * 2 <= k:
            nxt = square * square % m
            lines.append(f"a^{power * 2} ≡ {square}² = {square * square} ≡ {nxt} (mod {m})")
            square = nxt
        power *= 2
    result = 1
    used = [p for p in sorted(squares) if k & p]
    for p in used:
        new = result * squares[p] % m
        lines.append(f"multiply in a^{p}: {result} × {squares[p]} = {result * squares[p]} ≡ {new} (mod {m})")
        result = new
    return lines, result


def inverse_lines(a: int, m: int) -> tuple[list[str], int]:
    """Extended Euclid, tracking x with remainder ≡ x·a (mod m) on every line."""
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
def _draw(rng: np.random.Generator, d: int) -> dict:
    if d == 1:
        return {"kind": "residue", "a": _int(rng, 20, 999), "m": _int(rng, 6, 30)}
    if d == 2:
        return {"kind": "residue", "a": -_int(rng, 10, 999), "m": _int(rng, 6, 40)}
    if d in (3, 4):
        m = _int(rng, 20, 200)
        return {"kind": "sum" if d == 3 else "product", "a": _int(rng, 1000, 999999), "b": _int(rng, 1000, 99999), "m": m}
    if d == 5:
        m = _int(rng, 13, 100)
        return {"kind": "power", "a": _int(rng, 2, 3 * m), "k": _int(rng, 5, 40), "m": m}
    if d == 6:
        m = _int(rng, 50, 1000)
        return {"kind": "power", "a": _int(rng, 2, 10**4), "k": _int(rng, 100, 10**6), "m": m}
    if d == 7:
        m = _int(rng, 11, 100)
        return {"kind": "inverse", "a": _coprime(rng, m), "m": m}
    if d == 8:
        m = _int(rng, 30, 1000)
        return {"kind": "linear", "a": _coprime(rng, m), "b": _int(rng, 1, m - 1), "m": m}
    if d == 9:
        g = _int(rng, 2, 12)
        n = _int(rng, 5, 150)
        a = g * _coprime(rng, n, 1)
        return {"kind": "linear", "a": a, "b": g * _int(rng, 1, n - 1), "m": g * n}
    p = int(sympy.prevprime(_int(rng, 103, 2000)))
    return {"kind": "fermat", "a": _int(rng, 2, p - 1), "b": _int(rng, 2, p - 1),
            "e": _int(rng, 10**9, 10**15), "m": p}


def _question(x: dict) -> str:
    m, kind = x["m"], x["kind"]
    if kind == "residue":
        return f"What is {x['a']} mod {m}? Give the least non-negative residue."
    if kind == "sum":
        return f"Compute ({x['a']} + {x['b']}) mod {m}."
    if kind == "product":
        return f"Compute ({x['a']} × {x['b']}) mod {m}."
    if kind == "power":
        return f"Compute {x['a']}^{x['k']} mod {m}."
    if kind == "inverse":
        return f"Find the inverse of {x['a']} modulo {m}, that is the x in 0..{m - 1} with {x['a']}x ≡ 1 (mod {m})."
    if kind == "linear":
        return f"Find the smallest non-negative integer x with {x['a']}x ≡ {x['b']} (mod {m})."
    return f"Let p = {m} (a prime). Compute {x['a']}^{x['e']} · {x['b']}^(-1) mod p."


def _solve(x: dict) -> tuple[list[str], int]:
    m, kind = x["m"], x["kind"]
    if kind == "residue":
        return [division_line(x["a"], m)], x["a"] % m
    if kind in ("sum", "product"):
        a, b = x["a"] % m, x["b"] % m
        lines = ["Reduce each number first; congruences can be added and multiplied.",
                 division_line(x["a"], m), division_line(x["b"], m)]
        value = a + b if kind == "sum" else a * b
        sign = "+" if kind == "sum" else "×"
        lines.append(f"{a} {sign} {b} = {value}, and {division_line(value, m)}")
        return lines, value % m
    if kind == "power":
        lines = [f"Reduce the base: {division_line(x['a'], m)}. Let a = {x['a'] % m}."] if x["a"] >= m else []
        steps, result = power_lines(x["a"], x["k"], m)
        return lines + steps, result
    if kind == "inverse":
        return inverse_lines(x["a"], m)
    if kind == "linear":
        a, b = x["a"], x["b"]
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
    p, e = m, x["e"]
    r = e % (p - 1)
    lines = [f"By Fermat's little theorem a^{p - 1} ≡ 1 (mod {p}) for a not divisible by {p}, "
             f"so reduce the exponent modulo {p - 1}.", division_line(e, p - 1)]
    steps, power = power_lines(x["a"], r, p) if r else ([f"The exponent is a multiple of {p - 1}, so the power is 1."], 1)
    lines += [f"Compute a^{r} with a = {x['a']}:"] + steps
    inv_steps, inv = inverse_lines(x["b"], p)
    lines += [f"Now the inverse of {x['b']}:"] + inv_steps
    lines.append(f"{power} × {inv} = {power * inv} ≡ {power * inv % p} (mod {p}).")
    return lines, power * inv % p


# --------------------------------------------------------------------------- exposition
_TEMPLATES = [
    "Definition. a ≡ b (mod m) means m divides a - b. So {a} ≡ {r} (mod {m}) because {a} - {r} = {diff} = {q} × {m}.",
    "The least non-negative residue of a modulo m is the remainder r with 0 ≤ r < m. For {a} modulo {m}: {a} = {q} × {m} + {r}, so the residue is {r}.",
    "Negative numbers: choose the quotient so that the remainder is not negative. {na} = {nq} × {m} + {nr}, so {na} ≡ {nr} (mod {m}), not -{r}.",
    "Common mistake: giving -{r} as the residue of {na} modulo {m}. It is congruent, but the least non-negative residue is {m} - {r} = {nr}.",
    "Why you may reduce first: if a ≡ a' and b ≡ b' (mod m), then a + b ≡ a' + b' and ab ≡ a'b'. So {a} × {b} ≡ {r} × {rb} = {prod} ≡ {prodr} (mod {m}).",
    "Repeated squaring computes {c}^{k} mod {pm} quickly: {k} in binary is {kbits}, so multiply the squares {c}^1, {c}^2, {c}^4, ... that the binary digits select. The result is {pw}.",
    "Each squaring doubles the exponent, so a^k needs only about log2(k) squarings instead of k - 1 multiplications: {c}^{k} ≡ {pw} (mod {pm}).",
    "A modular inverse of a modulo m is a number x with ax ≡ 1 (mod m). It exists exactly when gcd(a, m) = 1. The inverse of {u} modulo {pm} is {inv}, since {u} × {inv} = {uinv} ≡ 1.",
    "The extended Euclidean algorithm writes gcd(a, m) as xa + ym. When the gcd is 1, reducing gives xa ≡ 1 (mod m), so x is the inverse. For {u} mod {pm} it gives {inv}.",
    "Fermat's little theorem: for a prime p and a not divisible by p, a^(p-1) ≡ 1 (mod p). So {c}^{big} mod {pm} reduces the exponent modulo {pm1}: {big} ≡ {bigr}, and {c}^{big} ≡ {c}^{bigr} ≡ {bigpw}.",
    "To solve ax ≡ b (mod m) with gcd(a, m) = 1, multiply by the inverse of a. For {u}x ≡ {v} (mod {pm}): x ≡ {inv} × {v} ≡ {lin} (mod {pm}).",
    "When d = gcd(a, m) > 1, ax ≡ b (mod m) has solutions only if d divides b; then divide a, b and m by d. It has d solutions modulo m.",
    "Clock arithmetic is arithmetic mod 12: {h} hours after 9 o'clock the clock shows ({h} + 9) mod 12 = {clock} (with 0 read as 12).",
    "Division is not automatic in modular arithmetic: 2 × 3 ≡ 2 × 8 (mod 10) but 3 ≢ 8. Cancelling a factor is allowed only when it is coprime to the modulus.",
]


@functools.lru_cache(maxsize=1)
def _passages() -> tuple[str, ...]:
    rng = np.random.default_rng(3307)
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < 160:
        m = _int(rng, 5, 30)
        a, b = _int(rng, 40, 900), _int(rng, 40, 900)
        r = a % m
        if r == 0:
            continue
        pm = int(sympy.prevprime(_int(rng, 13, 200)))
        c, k, u = _int(rng, 2, 12), _int(rng, 10, 60), _int(rng, 2, pm - 1)
        inv = pow(u, -1, pm)
        big = _int(rng, 10**6, 10**9)
        v = _int(rng, 1, pm - 1)
        h = _int(rng, 5, 100)
        values = {
            "a": a, "b": b, "m": m, "r": r, "q": a // m, "diff": a - r, "na": -a, "nq": -a // m, "nr": -a % m,
            "rb": b % m, "prod": r * (b % m), "prodr": a * b % m, "c": c, "k": k, "pm": pm, "kbits": bin(k)[2:],
            "pw": pow(c, k, pm), "u": u, "inv": inv, "uinv": u * inv, "big": big, "pm1": pm - 1,
            "bigr": big % (pm - 1), "bigpw": pow(c, big, pm), "v": v, "lin": inv * v % pm, "h": h,
            "clock": (h + 9) % 12,
        }
        text = _TEMPLATES[int(rng.integers(0, len(_TEMPLATES)))].format(**values)
        if text not in seen:
            seen.add(text)
            out.append(text)
    return tuple(out)


# --------------------------------------------------------------------------- the family
@register_family
class ModularArithmetic(Family):
    name = "ModularArithmetic"
    version = 0
    answer_type = "integer"
    subject = "number theory"
    space_sizes = {  # (count, exact) per level; see "Problem-space sizes" in the module docstring
        1: (24_000, False), 2: (39_000, False), 3: (4_500_000, False), 4: (4_500_000, False),
        5: (280_000, False), 6: (4_500_000, False), 7: (2600, False), 8: (2_200_000, False),
        9: (370_000, False), 10: (4_500_000, False),
    }
    instruction = (
        "Give the least non-negative residue (an integer from 0 to m - 1) as \\boxed{ANSWER}; "
        "a final line 'Answer: ANSWER' is also accepted."
    )

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem:
        difficulty = check_difficulty(difficulty)
        data = _draw(rng, difficulty)
        _, answer = _solve(data)
        return Problem(_question(data), int(answer), self.name, self.version, difficulty, metadata=data)

    def worked_solution(self, problem: Problem) -> str:
        lines, answer = _solve(problem.metadata)
        lines.append(f"The answer is \\boxed{{{answer}}}.")
        return "\n".join(lines)

    def exposition(self) -> list[str]:
        return list(_passages())

    def verify(self, problem: Problem, response: str) -> Verdict:
        """Exact comparison with the least non-negative residue.

        >>> fam = ModularArithmetic()
        >>> p = Problem("What is -47 mod 8?", 1, "ModularArithmetic")
        >>> fam.verify(p, "\\\\boxed{1}").status.value
        'CORRECT'
        >>> fam.verify(p, "\\\\boxed{-7}").status.value
        'INCORRECT'
        """
        return check_answer(response, problem.answer, parse_integer)
