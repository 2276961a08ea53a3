"""RoundingEstimation: round to a place or to significant figures, and estimate by rounding first.

**Asked.** ``Round 48372 to the nearest hundred.``, ``Round 0.0045651 to 3 significant
figures.``, ``Estimate 487 × 32 by first rounding each factor to one significant figure.``,
``Compute 17 ÷ 7, then round the result to 3 decimal places.`` Every question states the
rounding rule: **round halves away from zero** (2.5 → 3, −2.5 → −3; 0.125 to two places
→ 0.13). The rule is applied to the exact value, so no floating-point ties arise.

**Difficulty** changes the kind of problem:

==  ================================================================  ==============================
 1  a two- or three-digit whole number to the nearest ten              ``45 → 50``
 2  a whole number to the nearest hundred or thousand                  ``48372 → 48000``
 3  a decimal to the nearest whole number or tenth                     ``17.45 → 17.5``
 4  a decimal, possibly negative, to hundredths or thousandths         ``−3.14159 → −3.142``
 5  significant figures of numbers greater than 1                      ``48372`` to 2 s.f.
 6  significant figures of small decimals and negative numbers         ``0.0045651`` to 3 s.f.
 7  estimate a sum or difference by rounding each term to a place      ``487 + 312 - 96``
 8  estimate a product by rounding each factor to one s.f.             ``487 × 32 ≈ 500 × 30``
 9  compute a decimal product or quotient exactly, then round          ``3.47 × 12.9`` to 2 d.p.
10  a fraction or a × b ÷ c exactly, then round (ties included)        ``7 ÷ 8`` to 2 d.p. = 0.88
==  ================================================================  ==============================

**Answer type.** A :class:`fractions.Fraction`, the exact value of the rounded number.
Accepted (via :func:`~textbook_gym.verifiers.numbers.parse_real`): integers, decimals,
thousands separators in groups of three (``48,000``), scientific notation
(``4.8 \\times 10^{4}``, ``4.8e4``); trailing zeros are optional (``3.0`` and ``3`` are the
same value). Fractions (``7/8``, ``\\frac{7}{8}``) are refused: the task is to give the
rounded decimal. Unrounded values and values rounded by another rule are wrong.

**Worked solutions** name the rounding place, read the deciding digit, apply the rule,
and for estimates round every operand before computing. The last line holds ``\\boxed{...}``.

**Problem-space sizes** (:meth:`RoundingEstimation.space_size`): estimates from 3,000 draws per level
(Chao1 estimator; a level where no problem repeated is given as the estimator's value,
a lower bound of the true size). Every level's test split holds at least 50 problems.

**Version history.** v0: first release.
"""

from __future__ import annotations

import functools
import math
import re
from fractions import Fraction

import numpy as np

from textbook_gym.family import Family, check_difficulty
from textbook_gym.problem import Problem
from textbook_gym.registry import register_family
from textbook_gym.verdict import Verdict
from textbook_gym.verifiers import check_answer
from textbook_gym.verifiers.errors import ParseError
from textbook_gym.verifiers.numbers import parse_real

RULE = "Round halves away from zero (2.5 → 3, −2.5 → −3)."
PLACES = {
    5: "hundred-thousands", 4: "ten-thousands", 3: "thousands", 2: "hundreds", 1: "tens", 0: "ones",
    -1: "tenths", -2: "hundredths", -3: "thousandths", -4: "ten-thousandths", -5: "hundred-thousandths",
    -6: "millionths",
}
NEAREST = {3: "thousand", 2: "hundred", 1: "ten", 0: "whole number", -1: "tenth", -2: "hundredth", -3: "thousandth"}


def place(e: int) -> str:
    return PLACES.get(e, f"10^{e}")


def round_at(x: Fraction, e: int) -> Fraction:
    """Round ``x`` to a multiple of ``10**e``, halves away from zero (exact)."""
    unit = Fraction(10) ** e
    n = math.floor(abs(x) / unit + Fraction(1, 2))
    return (n * unit) if x >= 0 else -(n * unit)


def leading_exponent(x: Fraction) -> int:
    """The ``k`` with ``10**k <= |x| < 10**(k+1)``."""
    x = abs(x)
    k = len(str(x.numerator)) - len(str(x.denominator))
    while Fraction(10) ** k > x:
        k -= 1
    while Fraction(10) ** (k + 1) <= x:
        k += 1
    return k


def sig_exponent(x: Fraction, figures: int) -> int:
    return leading_exponent(x) - figures + 1


def dec(x: Fraction) -> str:
    """Exact decimal text of a terminating value; otherwise ten decimals followed by '…'."""
    x = Fraction(x)
    sign, x = ("-" if x < 0 else ""), abs(x)
    places = 0
    while (x * 10**places).denominator != 1 and places < 10:
        places += 1
    more = "" if (x * 10**places).denominator == 1 else "…"
    digits = str(math.floor(x * 10**places)).rjust(places + 1, "0")
    return sign + (digits if places == 0 else f"{digits[:-places]}.{digits[-places:]}") + more


def shown(x: Fraction) -> str:
    return f"−{dec(-x)}" if x < 0 else dec(x)


# --------------------------------------------------------------------------- generation
def _number(rng: np.random.Generator, lo_exp: int, hi_exp: int, places: int, tie: bool, negative: bool = False,
            at: int | None = None) -> Fraction:
    """A decimal with ``places`` decimals in [10**lo_exp, 10**hi_exp); with ``tie`` it ends in 5 just after ``at``."""
    scale = 10**places
    while True:
        n = int(rng.integers(int(Fraction(10) ** lo_exp * scale), int(Fraction(10) ** hi_exp * scale)))
        x = Fraction(n, scale)
        if tie and at is not None:
            unit = Fraction(10) ** at
            x = (math.floor(x / unit) + Fraction(1, 2)) * unit
        if tie or at is None or x != round_at(x, at):
            break
    return -x if negative and rng.random() < 0.4 else x


def _draw(rng: np.random.Generator, d: int) -> tuple[str, dict]:
    r = lambda lo, hi: int(rng.integers(lo, hi + 1))  # noqa: E731 - local shorthand
    tie = rng.random() < 0.3
    if d in (1, 2, 3, 4):
        e = {1: 1, 2: r(2, 3), 3: r(-1, 0), 4: r(-3, -2)}[d]
        lo, hi, places = {1: (1, 3, 0), 2: (e, 5, 0), 3: (0, 3, 2 - e), 4: (0, 2, r(4, 5))}[d]
        x = _number(rng, lo, hi, places, tie, d == 4, e)
        return f"Round {shown(x)} to the nearest {NEAREST[e]}.", {"kind": "place", "x": str(x), "e": e}
    if d in (5, 6):
        figures = r(1, 4)
        if d == 5:
            x = _number(rng, 1, 6, r(0, 3), False)
        else:
            x = _number(rng, -r(2, 4), -1, 6, False, True)
        if tie:
            e = sig_exponent(x, figures)
            x = (round_at(x, e) + (Fraction(1, 2) if x > 0 else Fraction(-1, 2)) * Fraction(10) ** e)
        noun = "significant figure" if figures == 1 else "significant figures"
        return f"Round {shown(x)} to {figures} {noun}.", {"kind": "sig", "x": str(x), "figures": figures}
    if d == 7:
        e = r(1, 3)
        terms = [int(rng.integers(10**e, 10 ** (e + 2))) for _ in range(r(2, 4))]
        signs = [1] + [1 if rng.random() < 0.6 else -1 for _ in terms[1:]]
        text = " ".join(("" if i == 0 else ("+ " if s > 0 else "- ")) + str(t) for i, (s, t) in enumerate(zip(signs, terms)))
        return (f"Estimate {text} by first rounding each number to the nearest {NEAREST[e]}.",
                {"kind": "estimate_sum", "terms": terms, "signs": signs, "e": e})
    if d == 8:
        factors = [_number(rng, 1, r(2, 4), r(0, 1), False) for _ in range(r(2, 3))]
        text = " × ".join(dec(f) for f in factors)
        return (f"Estimate {text} by first rounding each factor to one significant figure.",
                {"kind": "estimate_product", "factors": [str(f) for f in factors]})
    if d == 9:
        a, b = _number(rng, 0, 2, 2, False), _number(rng, 0, 2, 1, False)
        op = "×" if rng.random() < 0.5 else "÷"
        if op == "÷":
            a = a * b
        places_ = r(0, 2) if op == "×" else r(0, 1)
        return (f"Compute {dec(a)} {op} {dec(b)} exactly, then round the result to {places_} decimal place"
                f"{'' if places_ == 1 else 's'}.", {"kind": "compute", "a": str(a), "b": str(b), "op": op,
                                                     "mode": "dp", "n": places_})
    if rng.random() < 0.5:
        q = r(3, 40)
        p = r(1, 9 * q) * (-1 if rng.random() < 0.3 else 1)
        a, b, op = Fraction(p), Fraction(q), "÷"
        if tie:
            q = [8, 16, 40, 80][r(0, 3)]
            a, b = Fraction(r(1, 3 * q) | 1) * (-1 if rng.random() < 0.3 else 1), Fraction(q)
    else:
        a, b, op = Fraction(r(11, 999)) * Fraction(r(11, 99)), Fraction(r(3, 97)), "÷"
    mode = "dp" if rng.random() < 0.5 else "sf"
    n = r(1, 3)
    tail = f"{n} decimal place{'' if n == 1 else 's'}" if mode == "dp" else f"{n} significant figure{'' if n == 1 else 's'}"
    return (f"Compute {shown(a)} ÷ {dec(b)} exactly, then round the result to {tail}.",
            {"kind": "compute", "a": str(a), "b": str(b), "op": op, "mode": mode, "n": n})


def _answer(data: dict) -> Fraction:
    kind = data["kind"]
    if kind == "place":
        return round_at(Fraction(data["x"]), data["e"])
    if kind == "sig":
        x = Fraction(data["x"])
        return round_at(x, sig_exponent(x, data["figures"]))
    if kind == "estimate_sum":
        return Fraction(sum(s * round_at(Fraction(t), data["e"]) for s, t in zip(data["signs"], data["terms"])))
    if kind == "estimate_product":
        return math.prod(round_at(Fraction(f), sig_exponent(Fraction(f), 1)) for f in data["factors"])
    exact = _exact(data)
    e = -data["n"] if data["mode"] == "dp" else sig_exponent(exact, data["n"])
    return round_at(exact, e)


def _exact(data: dict) -> Fraction:
    a, b = Fraction(data["a"]), Fraction(data["b"])
    return a * b if data["op"] == "×" else a / b


# --------------------------------------------------------------------------- worked solutions
def rounding_lines(x: Fraction, e: int) -> list[str]:
    """Name the place, read the deciding digit, apply the rule."""
    unit = Fraction(10) ** e
    kept = math.floor(abs(x) / unit)
    rest = abs(x) / unit - kept
    digit = math.floor(rest * 10)
    result = round_at(x, e)
    down, up = kept * unit, (kept + 1) * unit
    if x < 0:
        down, up = -down, -up
    if rest == 0:
        return [f"{shown(x)} is already a multiple of {dec(unit)}, so it stays {shown(x)}."]
    lines = [f"Rounding to the {place(e)} place: {shown(x)} lies between {shown(down)} and {shown(up)}.",
             f"The deciding digit, just right of the {place(e)} place, is {digit}."]
    if rest == Fraction(1, 2):
        lines.append(f"It is exactly halfway, and halves are rounded away from zero, so the result is {shown(result)}.")
    elif digit >= 5:
        lines.append(f"{digit} is 5 or more, so the size rounds up (away from zero): {shown(result)}.")
    else:
        lines.append(f"{digit} is less than 5, so the size rounds down (toward zero): {shown(result)}.")
    return lines


def sig_lines(x: Fraction, figures: int) -> list[str]:
    k = leading_exponent(x)
    e = k - figures + 1
    return [f"The first nonzero digit of {shown(x)} is in the {place(k)} place, so {figures} significant "
            f"figure{'s' if figures > 1 else ''} end at the {place(e)} place.", *rounding_lines(x, e)]


def _lines(data: dict, answer: Fraction) -> list[str]:
    kind = data["kind"]
    if kind == "place":
        return rounding_lines(Fraction(data["x"]), data["e"])
    if kind == "sig":
        return sig_lines(Fraction(data["x"]), data["figures"])
    if kind == "estimate_sum":
        lines, parts = [], []
        for s, t in zip(data["signs"], data["terms"]):
            rounded = round_at(Fraction(t), data["e"])
            lines.append(f"{t} rounds to {dec(rounded)} (the {place(data['e'] - 1)} digit is "
                         f"{(t // 10 ** (data['e'] - 1)) % 10}).")
            parts.append(("" if not parts else ("+ " if s > 0 else "- ")) + dec(rounded))
        return lines + [f"Now compute with the rounded numbers: {' '.join(parts)} = {shown(answer)}."]
    if kind == "estimate_product":
        lines, rounded = [], []
        for f in (Fraction(v) for v in data["factors"]):
            lines += [f"Round {dec(f)} to one significant figure:"] + sig_lines(f, 1)
            rounded.append(dec(round_at(f, sig_exponent(f, 1))))
        return lines + [f"Multiply the rounded factors: {' × '.join(rounded)} = {shown(answer)}."]
    exact = _exact(data)
    a, b = Fraction(data["a"]), Fraction(data["b"])
    if data["op"] == "×":
        lines = [f"Multiply exactly: {dec(a)} × {dec(b)} = {shown(exact)}."]
    else:
        text = _division_text(exact, data)
        lines = [f"Divide exactly: {shown(a)} ÷ {dec(b)} = {text}" + ("" if text.endswith("…") else ".")]
    if data["mode"] == "dp":
        return lines + rounding_lines(exact, -data["n"])
    return lines + sig_lines(exact, data["n"])


def _division_text(x: Fraction, data: dict) -> str:
    """The quotient to enough digits to decide the rounding, with '...' when it goes on."""
    e = -data["n"] if data["mode"] == "dp" else sig_exponent(x, data["n"])
    digits = max(0, -e + 2)
    truncated = Fraction(math.floor(abs(x) * 10**digits), 10**digits)
    text = dec(truncated) if truncated else "0"
    if "." not in text and digits:
        text += "." + "0" * digits
    elif digits:
        text += "0" * (digits - len(text.split(".")[1]))
    more = "…" if truncated != abs(x) else ""
    return f"{'−' if x < 0 else ''}{text}{more}"


# --------------------------------------------------------------------------- exposition
_TOPICS = {
    "Why we round": [
        "Rounding replaces a number by a nearby one that is easier to use. {n} to the nearest hundred is {n100}: "
        "the closest multiple of 100.",
        "Rounding to a place keeps the digits up to that place and looks only at the next digit to decide. "
        "{n} to the nearest ten is {n10}.",
    ],
    "The deciding digit": [
        "To round {x} to the nearest tenth, look at the hundredths digit. It is {hd}, so the tenths digit "
        "{action}: {x1}.",
        "Only the digit right after the rounding place matters. Looking further and rounding twice is a "
        "mistake: rounding {dbl} to a tenth first and then to a whole number can give a different answer than "
        "rounding it to a whole number directly, which gives {dblr}.",
    ],
    "Halves": [
        "When a number is exactly halfway, a rule must decide. Rounding halves away from zero sends {half} to "
        "{halfr} and -{half} to -{halfr}.",
        "Other rules exist: banker's rounding sends halves to the even neighbour, so 2.5 becomes 2 there. That is "
        "why a question must state its rule; under halves-away-from-zero, 2.5 becomes 3 and {half} becomes {halfr}.",
        "Computers store most decimals in binary, so a value like 2.675 may be stored slightly below the half and "
        "round the wrong way. Exact arithmetic avoids this: {half} is exactly halfway and rounds to {halfr}.",
    ],
    "Negative numbers": [
        "Rounding away from zero treats a negative number by its size: -{x} to the nearest tenth is -{x1}, the "
        "mirror image of {x} → {x1}.",
    ],
    "Significant figures": [
        "Significant figures count from the first nonzero digit. {sf} has its first nonzero digit in the {sfplace} "
        "place; to 2 significant figures it is {sf2}.",
        "Leading zeros are not significant: {small} to 2 significant figures is {small2}, because the count "
        "starts at the first nonzero digit.",
        "Zeros between nonzero digits count, and zeros written only to hold places in a whole number do not say "
        "anything about precision: {n} to 1 significant figure is {n1}.",
    ],
    "Estimation": [
        "Estimate before computing: {a} + {b} ≈ {ar} + {br} = {sr}, close to the exact {s}. A result far from the "
        "estimate signals a slip.",
        "Rounding each factor to one significant figure gives a quick product: {a} × {c} ≈ {ar1} × {cr} = {pr}. "
        "The exact product {p} is of the same size.",
        "An estimate depends on how the numbers were rounded; a question that asks for one must say how. Rounding "
        "{a} and {b} to the nearest hundred gives {sr}.",
    ],
    "Rounding a computed value": [
        "Compute exactly first and round once at the end. {p7}/7 is {q7}…, which to 2 decimal places is {q7r}.",
        "Rounding intermediate results compounds errors. Keep {p7}/7 exact until the last step: to 3 significant "
        "figures it is {q7s}.",
    ],
}


@functools.lru_cache(maxsize=1)
def _passages() -> tuple[str, ...]:
    rng = np.random.default_rng(8_2024_11)
    passages: list[str] = []
    seen: set[str] = set()
    while len(passages) < 200:
        for topic, templates in _TOPICS.items():
            n = int(rng.integers(1000, 99999))
            x = Fraction(int(rng.integers(100, 9999)), 100)
            a, b, c = int(rng.integers(120, 999)), int(rng.integers(120, 999)), int(rng.integers(12, 99))
            half = Fraction(int(rng.integers(1, 99)) * 2 + 1, 20)
            sf = Fraction(int(rng.integers(1001, 99999)), 10)
            small = Fraction(int(rng.integers(1001, 9999)), 10 ** int(rng.integers(5, 8)))
            dbl = Fraction(int(rng.integers(1, 9)) * 100 + 45, 100)
            p7 = int(rng.integers(8, 200))
            q7 = Fraction(p7, 7)
            hd = int(x * 100) % 10
            values = {
                "n": n, "n100": dec(round_at(Fraction(n), 2)), "n10": dec(round_at(Fraction(n), 1)),
                "n1": dec(round_at(Fraction(n), sig_exponent(Fraction(n), 1))), "x": dec(x), "hd": hd,
                "action": "goes up by one" if hd >= 5 else "stays", "x1": dec(round_at(x, -1)), "dbl": dec(dbl),
                "dblr": dec(round_at(dbl, 0)), "half": dec(half), "halfr": dec(round_at(half, -1)), "sf": dec(sf),
                "sfplace": place(leading_exponent(sf)), "sf2": dec(round_at(sf, sig_exponent(sf, 2))),
                "small": dec(small), "small2": dec(round_at(small, sig_exponent(small, 2))), "a": a, "b": b, "c": c,
                "ar": dec(round_at(Fraction(a), 2)), "br": dec(round_at(Fraction(b), 2)), "s": a + b,
                "sr": dec(round_at(Fraction(a), 2) + round_at(Fraction(b), 2)), "ar1": dec(round_at(Fraction(a), 2)),
                "cr": dec(round_at(Fraction(c), 1)), "pr": dec(round_at(Fraction(a), 2) * round_at(Fraction(c), 1)),
                "p": a * c, "p7": p7, "q7": dec(Fraction(math.floor(q7 * 10000), 10000)), "q7r": dec(round_at(q7, -2)),
                "q7s": dec(round_at(q7, sig_exponent(q7, 3))),
            }
            template = templates[int(rng.integers(0, len(templates)))]
            text = f"{topic}. " + template.format(**values)
            if text not in seen:
                seen.add(text)
                passages.append(text)
    return tuple(passages)


# --------------------------------------------------------------------------- the family
_FRACTION_RE = re.compile(r"/|\\[dt]?frac")


def parse_rounded(span: str) -> Fraction:
    """A decimal, integer or scientific-notation number; fractions are refused."""
    if _FRACTION_RE.search(span[:4000]):
        raise ParseError("give the rounded value as a decimal number, not a fraction")
    return parse_real(span)


@register_family
class RoundingEstimation(Family):
    name = "RoundingEstimation"
    version = 0
    answer_type = "decimal"
    subject = "arithmetic"
    space_sizes = {  # (count, exact) per level; see "Problem-space sizes" in the module docstring
        1: (895, False), 2: (36_000, False), 3: (49_000, False), 4: (900_000, False), 5: (55_000, False),
        6: (52_000, False), 7: (4_500_000, False), 8: (1_500_000, False), 9: (4_500_000, False),
        10: (65_000, False),
    }

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem:
        difficulty = check_difficulty(difficulty)
        question, data = _draw(rng, difficulty)
        return Problem(
            question=f"{question} {RULE}",
            answer=_answer(data),
            family=self.name,
            version=self.version,
            difficulty=difficulty,
            metadata={"data": data},
        )

    def worked_solution(self, problem: Problem) -> str:
        lines = _lines(problem.metadata["data"], problem.answer)
        return "\n".join([*lines, f"The answer is \\boxed{{{dec(problem.answer)}}}."])

    def exposition(self) -> list[str]:
        return list(_passages())

    def answer_text(self, problem: Problem) -> str:
        """The rounded value as a decimal number (fractions are refused)."""
        return dec(problem.answer)

    def verify(self, problem: Problem, response: str) -> Verdict:
        """Exact comparison of the rounded value.

        >>> fam = RoundingEstimation()
        >>> p = Problem("Round 2.5 to the nearest whole number.", Fraction(3), "RoundingEstimation")
        >>> fam.verify(p, "\\\\boxed{3}").status.value
        'CORRECT'
        >>> fam.verify(p, "\\\\boxed{2}").status.value
        'INCORRECT'
        """
        return check_answer(response, problem.answer, parse_rounded)
