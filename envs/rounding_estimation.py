"""RoundingEstimation: round to a place or to significant figures, and estimate by rounding first.

**Asked.** ``Round 48372 to the nearest hundred.``, ``Round 0.0045651 to 3 significant figures.``, ``Estimate 487 × 32
by first rounding each factor to one significant figure.``, ``Compute 17 ÷ 7, then round the result to 3 decimal
places.`` Every question states the rounding rule: **round halves away from zero** (2.5 → 3, −2.5 → −3; 0.125 to two
places → 0.13). The rule is applied to the exact value, so no floating-point ties arise.

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

**Answer type.** A :class:`fractions.Fraction`, the exact value of the rounded number. Accepted (via
:func:`~textbook_gym.verifiers.numbers.parse_real`): integers, decimals, thousands separators in groups of three
(``48,000``), scientific notation (``4.8 \\times 10^{4}``, ``4.8e4``); trailing zeros are optional (``3.0`` and ``3``
are the same value). Fractions (``7/8``, ``\\frac{7}{8}``) are refused: the task is to give the rounded decimal.
Unrounded values and values rounded by another rule are wrong.

**Worked solutions** name the rounding place, read the deciding digit, apply the rule, and for estimates round every
operand before computing. The last line holds ``\\boxed{...}``.

**Version history.** v0: first release. v1: level 9 asks to round "to the nearest whole number", not "to 0 decimal
places" (393 of 1,000 level-9 questions).
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

import numpy as np

from textbook_gym.envs._kit import Family, Problem, register_family
from textbook_gym.verifiers.errors import ParseError
from textbook_gym.verifiers.numbers import parse_real

from ._kit.draw import choice, integer, signed
from ._kit.formats import decimal_text
from ._kit.numerals import leading_exponent, place_name, round_half_away
from ._kit.polynomials import join_signed
from ._kit.tables import fractions_written, topic_exposition
from ._kit.texts import exposition_texts
from ._kit.wording import plural

RULE = "Round halves away from zero (2.5 → 3, −2.5 → −3)."
NEAREST = {3: "thousand", 2: "hundred", 1: "ten", 0: "whole number", -1: "tenth", -2: "hundredth", -3: "thousandth"}
_FRACTION_RE = re.compile(r"/|\\[dt]?frac")


def sig_exponent(value: Fraction, figures: int) -> int:
    """The exponent of the last of ``figures`` significant figures of ``value``."""
    return leading_exponent(value) - figures + 1


def truncated_text(value: Fraction, places: int) -> str:
    """The size of ``value`` cut (not rounded) after ``places`` decimals, zeros kept: ``3.1415`` for π and 4."""
    digits = str(math.floor(abs(value) * 10**places)).rjust(places + 1, "0")
    return f"{digits[:-places]}.{digits[-places:]}" if places else digits


def decimal_cut(value: Fraction) -> str:
    """The exact decimal of a value that ends within ten places; otherwise ten decimals followed by '…'."""
    try:
        return decimal_text(value, max_places=10)
    except ValueError:
        return f"{'-' if value < 0 else ''}{truncated_text(value, 10)}…"


def shown(value: Fraction) -> str:
    """:func:`decimal_cut` with a U+2212 minus, as numbers appear in questions and solutions."""
    return f"−{decimal_cut(-value)}" if value < 0 else decimal_cut(value)


def parse_rounded(span: str) -> Fraction:
    """A decimal, integer or scientific-notation number; fractions are refused."""
    if _FRACTION_RE.search(span[:4000]):
        raise ParseError("give the rounded value as a decimal number, not a fraction")
    return parse_real(span)


# --------------------------------------------------------------------------- generation
def _number(rng: np.random.Generator, lo_exp: int, hi_exp: int, places: int, negative: bool = False,
            at: int | None = None, tie: bool = False) -> Fraction:
    """A decimal with ``places`` decimals in [10**lo_exp, 10**hi_exp), negative 40% of the time with ``negative``.
    With ``at``, never already a multiple of 10**at; with ``tie`` as well, ending in 5 just after that place."""
    scale = 10**places
    lo, hi = int(Fraction(10) ** lo_exp * scale), int(Fraction(10) ** hi_exp * scale)
    while True:
        value = Fraction(int(rng.integers(lo, hi)), scale)
        if tie:
            unit = Fraction(10) ** at
            value = (math.floor(value / unit) + Fraction(1, 2)) * unit
        if tie or at is None or value != round_half_away(value, at):
            break
    return -value if negative and rng.random() < 0.4 else value


def _draw(rng: np.random.Generator, level: int) -> dict:
    """The data of one problem, from which the question and the worked solution are written."""
    tie = rng.random() < 0.3
    if level <= 4:
        exponent = {1: 1, 2: integer(rng, 2, 3), 3: integer(rng, -1, 0), 4: integer(rng, -3, -2)}[level]
        lo, hi, places = {1: (1, 3, 0), 2: (exponent, 5, 0), 3: (0, 3, 2 - exponent),
                          4: (0, 2, integer(rng, 4, 5))}[level]
        return {"kind": "place", "x": str(_number(rng, lo, hi, places, level == 4, exponent, tie)), "e": exponent}
    if level <= 6:
        figures = integer(rng, 1, 4)
        value = _number(rng, 1, 6, integer(rng, 0, 3)) if level == 5 else _number(rng, -integer(rng, 2, 4), -1, 6, True)
        if tie:  # exactly halfway between two numbers with that many significant figures
            exponent = sig_exponent(value, figures)
            value = round_half_away(value, exponent) + Fraction(1 if value > 0 else -1, 2) * Fraction(10) ** exponent
        return {"kind": "sig", "x": str(value), "figures": figures}
    if level == 7:
        exponent = integer(rng, 1, 3)
        terms = [int(rng.integers(10**exponent, 10 ** (exponent + 2))) for _ in range(integer(rng, 2, 4))]
        signs = [1] + [1 if rng.random() < 0.6 else -1 for _ in terms[1:]]
        return {"kind": "estimate_sum", "terms": terms, "signs": signs, "e": exponent}
    if level == 8:
        factors = [_number(rng, 1, integer(rng, 2, 4), integer(rng, 0, 1)) for _ in range(integer(rng, 2, 3))]
        return {"kind": "estimate_product", "factors": [str(f) for f in factors]}
    if level == 9:
        a, b = _number(rng, 0, 2, 2), _number(rng, 0, 2, 1)
        op = "×" if rng.random() < 0.5 else "÷"
        if op == "÷":
            a = a * b
        places = integer(rng, 0, 2 if op == "×" else 1)
        return {"kind": "compute", "a": str(a), "b": str(b), "op": op, "mode": "dp", "n": places}
    if rng.random() < 0.5:
        den = integer(rng, 3, 40)
        a, b = Fraction(signed(rng, 1, 9 * den, negative=0.3)), Fraction(den)
        if tie:
            den = choice(rng, [8, 16, 40, 80])
            a, b = Fraction(integer(rng, 1, 3 * den) | 1) * (-1 if rng.random() < 0.3 else 1), Fraction(den)
    else:
        a, b = Fraction(integer(rng, 11, 999)) * Fraction(integer(rng, 11, 99)), Fraction(integer(rng, 3, 97))
    mode = "dp" if rng.random() < 0.5 else "sf"
    return {"kind": "compute", "a": str(a), "b": str(b), "op": "÷", "mode": mode, "n": integer(rng, 1, 3)}


# --------------------------------------------------------------------------- worked solutions
def rounding_lines(value: Fraction, exponent: int) -> tuple[list[str], Fraction]:
    """Name the place, read the deciding digit, apply the rule; also returns the rounded value."""
    unit = Fraction(10) ** exponent
    kept, rest = divmod(abs(value) / unit, 1)
    digit = math.floor(rest * 10)
    result = round_half_away(value, exponent)
    sign = -1 if value < 0 else 1
    if rest == 0:
        return [f"{shown(value)} is already a multiple of {decimal_cut(unit)}, so it stays {shown(value)}."], result
    lines = [f"Rounding to the {place_name(exponent)} place: {shown(value)} lies between {shown(sign * kept * unit)} "
             f"and {shown(sign * (kept + 1) * unit)}.",
             f"The deciding digit, just right of the {place_name(exponent)} place, is {digit}."]
    if rest == Fraction(1, 2):
        lines.append(f"It is exactly halfway, and halves are rounded away from zero, so the result is {shown(result)}.")
    elif digit >= 5:
        lines.append(f"{digit} is 5 or more, so the size rounds up (away from zero): {shown(result)}.")
    else:
        lines.append(f"{digit} is less than 5, so the size rounds down (toward zero): {shown(result)}.")
    return lines, result


def sig_lines(value: Fraction, figures: int) -> tuple[list[str], Fraction]:
    """Find the place of the last significant figure, then round there; also returns the rounded value."""
    exponent = sig_exponent(value, figures)
    lines, result = rounding_lines(value, exponent)
    return [f"The first nonzero digit of {shown(value)} is in the {place_name(leading_exponent(value))} place, so "
            f"{figures} {plural(figures, 'significant figure')} end at the {place_name(exponent)} place.",
            *lines], result


# --------------------------------------------------------------------------- exposition
_TOPICS = exposition_texts(__name__)


def _passage_values(rng: np.random.Generator, _topic: str) -> dict:
    """Fresh values for one passage; the same fields serve every topic."""
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
    ar, br, cr = round_half_away(a, 2), round_half_away(b, 2), round_half_away(c, 1)
    values = {
        "n": n, "n100": round_half_away(n, 2), "n10": round_half_away(n, 1),
        "n1": round_half_away(n, sig_exponent(Fraction(n), 1)), "x": x, "hd": hd,
        "action": "goes up by one" if hd >= 5 else "stays", "x1": round_half_away(x, -1), "dbl": dbl,
        "dblr": round_half_away(dbl, 0), "half": half, "halfr": round_half_away(half, -1), "sf": sf,
        "sfplace": place_name(leading_exponent(sf)), "sf2": round_half_away(sf, sig_exponent(sf, 2)), "small": small,
        "small2": round_half_away(small, sig_exponent(small, 2)), "a": a, "b": b, "c": c, "ar": ar, "br": br,
        "s": a + b, "sr": ar + br, "cr": cr, "pr": ar * cr, "p": a * c, "p7": p7,
        "q7": Fraction(math.floor(q7 * 10000), 10000), "q7r": round_half_away(q7, -2),
        "q7s": round_half_away(q7, sig_exponent(q7, 3)),
    }
    return fractions_written(values, decimal_cut)


# --------------------------------------------------------------------------- the family
@register_family
class RoundingEstimation(Family):
    """Rounding and estimation; the answer is the exact rounded value.

    >>> fam = RoundingEstimation()
    >>> p = Problem("Round 2.5 to the nearest whole number.", Fraction(3), "RoundingEstimation")
    >>> fam.verify(p, "\\\\boxed{3}").status.value, fam.verify(p, "\\\\boxed{2}").status.value
    ('CORRECT', 'INCORRECT')
    """

    name = "RoundingEstimation"
    version = 1
    answer_type = "decimal"
    parse = parse_rounded
    subject = "arithmetic"
    exposition = topic_exposition(8_2024_11, 200, _TOPICS, _passage_values)

    def draw(self, rng: np.random.Generator, level: int) -> dict:
        return {"data": _draw(rng, level)}

    def question(self, params: dict) -> str:
        """The question, followed by the rounding rule."""
        data = params["data"]
        if data["kind"] == "place":
            asked = f"Round {shown(Fraction(data['x']))} to the nearest {NEAREST[data['e']]}."
        elif data["kind"] == "sig":
            figures = data["figures"]
            asked = f"Round {shown(Fraction(data['x']))} to {figures} {plural(figures, 'significant figure')}."
        elif data["kind"] == "estimate_sum":
            text = join_signed((sign < 0, str(term)) for sign, term in zip(data["signs"], data["terms"]))
            asked = f"Estimate {text} by first rounding each number to the nearest {NEAREST[data['e']]}."
        elif data["kind"] == "estimate_product":
            factors = " × ".join(decimal_cut(Fraction(factor)) for factor in data["factors"])
            asked = f"Estimate {factors} by first rounding each factor to one significant figure."
        else:
            count = f"{data['n']} {plural(data['n'], 'decimal place' if data['mode'] == 'dp' else 'significant figure')}"
            target = "the nearest whole number" if data["mode"] == "dp" and data["n"] == 0 else count  # not "0 places"
            a, b = Fraction(data["a"]), Fraction(data["b"])
            asked = f"Compute {shown(a)} {data['op']} {decimal_cut(b)} exactly, then round the result to {target}."
        return f"{asked} {RULE}"

    def solve(self, params: dict) -> tuple[list[str], Fraction]:
        """The worked-solution lines (without the boxed answer) and the exact rounded answer."""
        data = params["data"]
        if data["kind"] == "place":
            return rounding_lines(Fraction(data["x"]), data["e"])
        if data["kind"] == "sig":
            return sig_lines(Fraction(data["x"]), data["figures"])
        if data["kind"] == "estimate_sum":
            rounded = [round_half_away(term, data["e"]) for term in data["terms"]]
            lines = [f"{term} rounds to {decimal_cut(near)} (the {place_name(data['e'] - 1)} digit is "
                     f"{(term // 10 ** (data['e'] - 1)) % 10})." for term, near in zip(data["terms"], rounded)]
            answer = Fraction(sum(sign * near for sign, near in zip(data["signs"], rounded)))
            text = join_signed((sign < 0, decimal_cut(near)) for sign, near in zip(data["signs"], rounded))
            return [*lines, f"Now compute with the rounded numbers: {text} = {shown(answer)}."], answer
        if data["kind"] == "estimate_product":
            lines, rounded = [], []
            for factor in map(Fraction, data["factors"]):
                factor_lines, near = sig_lines(factor, 1)
                lines += [f"Round {decimal_cut(factor)} to one significant figure:", *factor_lines]
                rounded.append(near)
            answer = math.prod(rounded)
            product = " × ".join(map(decimal_cut, rounded))
            return [*lines, f"Multiply the rounded factors: {product} = {shown(answer)}."], answer
        a, b = Fraction(data["a"]), Fraction(data["b"])
        exact = a * b if data["op"] == "×" else a / b
        exponent = -data["n"] if data["mode"] == "dp" else sig_exponent(exact, data["n"])
        if data["op"] == "×":
            lines = [f"Multiply exactly: {decimal_cut(a)} × {decimal_cut(b)} = {shown(exact)}."]
        else:  # to two digits past the rounding place, with '…' when the decimal goes on
            digits = max(0, 2 - exponent)
            ending = "…" if (exact * 10**digits).denominator != 1 else "."
            lines = [f"Divide exactly: {shown(a)} ÷ {decimal_cut(b)} = {'−' if exact < 0 else ''}"
                     f"{truncated_text(exact, digits)}{ending}"]
        more, answer = rounding_lines(exact, exponent) if data["mode"] == "dp" else sig_lines(exact, data["n"])
        return lines + more, answer

    def answer_text(self, problem: Problem) -> str:
        """The rounded value as a decimal number (fractions are refused)."""
        return decimal_cut(problem.answer)
