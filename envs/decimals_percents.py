"""DecimalsPercents: decimal arithmetic, fraction/decimal/percent conversions, percent problems.

**Asked.** One exact computation; the question names the form of the answer (a number,
a percentage or a fraction in lowest terms), e.g. ``Compute 3.7 + 4.25.``,
``Write 7/8 as a decimal.``, ``What is 35% of 240?``, ``A price falls from 80 to 68.
What is the percent decrease?``.

**Difficulty** changes the kind of problem:

==  ==========================================================  ==================================
 1  add or subtract decimals (one or two places)                 ``3.7 + 4.25``
 2  multiply decimals (count decimal places)                     ``4.6 × 0.35``
 3  divide decimals exactly (make the divisor whole)             ``7.56 ÷ 0.4``
 4  fraction to terminating decimal, or decimal to fraction      ``7/8``, ``0.375``
 5  conversions between fractions, decimals and percents         ``0.045`` as a percent
 6  a percent of a number                                        ``35% of 240``
 7  what percent one number is of another                        ``18 is what percent of 40?``
 8  percent increase or decrease (base = the original value)     ``80 → 68``
 9  reverse percent: find the original before a change           ``after 20% off it costs 64``
10  successive percent changes: overall signed change or final   ``+20% then −25%``
==  ==========================================================  ==================================

**Answer type.** A :class:`fractions.Fraction` (exact); ``metadata["form"]`` says how it
is read. ``"decimal"``: an exact decimal or integer via
:func:`~textbook_gym.verifiers.numbers.parse_decimal` (``84``, ``0.925``, ``7.950``;
fractions are refused). ``"percent"``: the percentage number via
:func:`~textbook_gym.verifiers.numbers.parse_percent` (``37.5%``, ``37.5\\%``,
``37.5 percent`` or bare ``37.5``; ``0.375`` means 0.375 percent and is wrong).
``"fraction"``: a fraction in lowest terms via ``parse_rational(require_lowest_terms=True,
allow_decimal=False)``. Every comparison is exact; rounded answers are wrong.

**Worked solutions** line up decimal points by rewriting in hundredths, count decimal
places, scale divisors to whole numbers, scale denominators to powers of ten, and write
percent problems as multipliers (``1 - 20/100 = 0.8``). The last line holds ``\\boxed{...}``.

**Problem-space sizes** (:meth:`DecimalsPercents.space_size`): estimates from 3,000 draws per level
(Chao1 estimator; a level where no problem repeated is given as the estimator's value,
a lower bound of the true size). Every level's test split holds at least 50 problems.

**Version history.** v0: first release.
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction

import numpy as np

from textbook_gym.family import Family, check_difficulty
from textbook_gym.problem import Problem
from textbook_gym.registry import register_family
from textbook_gym.verdict import Verdict
from textbook_gym.verifiers import check_answer
from textbook_gym.verifiers.numbers import parse_decimal, parse_percent, parse_rational

INSTRUCTION = (
    "Give the exact answer in the form the question asks for: a number as \\boxed{12.75}, a percentage as "
    "\\boxed{37.5\\%} (the % sign is optional), a fraction in lowest terms as \\boxed{3/8}. "
    "A final line 'Answer: ...' is also accepted."
)
FORM_TEXT = {"decimal": "an exact number (integer or decimal)", "percent": "a percentage", "fraction": "a fraction in lowest terms"}
TERMINATING = [2, 4, 5, 8, 16, 20, 25, 40, 50, 80, 125, 200]


def dec(x: Fraction) -> str:
    """Exact decimal text of a terminating fraction (no trailing zeros)."""
    x = Fraction(x)
    sign, x = ("-" if x < 0 else ""), abs(x)
    places = 0
    while (x * 10**places).denominator != 1:
        places += 1
        if places > 40:
            raise ValueError(f"{x} does not terminate")
    digits = str((x * 10**places).numerator).rjust(places + 1, "0")
    text = digits if places == 0 else f"{digits[:-places]}.{digits[-places:]}"
    return sign + text


def places_of(x: Fraction) -> int:
    text = dec(x)
    return len(text.split(".")[1]) if "." in text else 0


def frac(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def _two_dp(x: Fraction) -> bool:
    return 100 % x.denominator == 0


# --------------------------------------------------------------------------- generation
def _decimal(rng: np.random.Generator, lo: int, hi: int, places: int) -> Fraction:
    while True:
        n = int(rng.integers(lo, hi))
        if places == 0 or n % 10:
            return Fraction(n, 10**places)


def _draw(rng: np.random.Generator, d: int) -> tuple[str, dict, Fraction, str]:
    """(question, data for the worked solution, exact answer, answer form)."""
    if d == 1:
        a, b = (_decimal(rng, 1, 10000 // 10 ** (2 - p), p) for p in (int(v) for v in rng.integers(1, 3, size=2)))
        op = "+" if rng.random() < 0.5 else "-"
        a, b = (max(a, b), min(a, b)) if op == "-" else (a, b)
        return f"Compute {dec(a)} {op} {dec(b)}.", {"kind": "addsub", "a": dec(a), "b": dec(b), "op": op}, (
            a + b if op == "+" else a - b), "decimal"
    if d == 2:
        a, b = _decimal(rng, 2, 1000, 1), _decimal(rng, 2, 100, int(rng.integers(1, 3)))
        return f"Compute {dec(a)} × {dec(b)}.", {"kind": "mul", "a": dec(a), "b": dec(b)}, a * b, "decimal"
    if d == 3:
        divisor, quotient = _decimal(rng, 2, 100, 1), _decimal(rng, 2, 500, int(rng.integers(0, 2)))
        a = divisor * quotient
        return f"Compute {dec(a)} ÷ {dec(divisor)}.", {"kind": "div", "a": dec(a), "b": dec(divisor)}, quotient, "decimal"
    if d == 4:
        den = TERMINATING[int(rng.integers(0, len(TERMINATING)))]
        num = int(rng.integers(1, 2 * den))
        x = Fraction(num, den)
        if x.denominator == 1:
            x += Fraction(1, den if den > 2 else 4)
        if rng.random() < 0.5:
            return f"Write {frac(x)} as a decimal.", {"kind": "f2d", "x": frac(x)}, x, "decimal"
        return f"Write {dec(x)} as a fraction in lowest terms.", {"kind": "d2f", "x": frac(x)}, x, "fraction"
    if d == 5:
        kind = ["d2p", "p2d", "f2p", "p2f"][int(rng.integers(0, 4))]
        den = TERMINATING[int(rng.integers(0, len(TERMINATING)))]
        x = Fraction(int(rng.integers(1, 3 * den // 2 + 1)), den)
        while kind in ("p2d", "p2f") or x.denominator == 1:
            x = Fraction(int(rng.integers(1, 400)), 200 if rng.random() < 0.3 else 100)
            if x.denominator > 1:
                break
        p = x * 100
        text = {"d2p": f"Write {dec(x)} as a percentage.", "p2d": f"Write {dec(p)}% as a decimal.",
                "f2p": f"Write {frac(x)} as a percentage.", "p2f": f"Write {dec(p)}% as a fraction in lowest terms."}
        form = {"d2p": "percent", "f2p": "percent", "p2d": "decimal", "p2f": "fraction"}[kind]
        return text[kind], {"kind": kind, "x": frac(x)}, p if form == "percent" else x, form
    if d == 6:
        p = Fraction(int(rng.integers(1, 200)), 2 if rng.random() < 0.2 else 1)
        n = int(rng.integers(10, 2000))
        return f"What is {dec(p)}% of {n}?", {"kind": "pof", "p": frac(p), "n": n}, p * n / 100, "decimal"
    if d == 7:
        while True:
            p, whole = Fraction(int(rng.integers(1, 400)), 2 if rng.random() < 0.3 else 1), int(rng.integers(2, 500))
            part = p * whole / 100
            if _two_dp(part):
                return (f"{dec(part)} is what percent of {whole}?", {"kind": "what", "part": frac(part), "n": whole},
                        p, "percent")
    if d == 8:
        while True:
            old, p = int(rng.integers(10, 1000)), Fraction(int(rng.integers(2, 181)), 2)
            up = rng.random() < 0.5
            new = old * (100 + p if up else 100 - p) / 100
            if _two_dp(new):
                word = "increase" if up else "decrease"
                verb = "rises" if up else "falls"
                return (f"A price {verb} from {old} to {dec(new)}. What is the percent {word} (a positive "
                        f"number)?", {"kind": "change", "old": old, "new": frac(new)}, p, "percent")
    if d == 9:
        while True:
            old, p = Fraction(int(rng.integers(20, 2000))), int(rng.integers(1, 80))
            up = rng.random() < 0.5
            new = old * Fraction(100 + p if up else 100 - p, 100)
            if _two_dp(new):
                story = f"After a {p}% {'increase' if up else 'discount'}, an item costs {dec(new)}."
                return (f"{story} What was the price before the change?",
                        {"kind": "reverse", "p": p, "up": up, "new": frac(new)}, old, "decimal")
    changes = [int(v) * (1 if rng.random() < 0.5 else -1) for v in rng.integers(1, 60, size=int(rng.integers(2, 4)))]
    words = ", then ".join(f"{'increased' if c > 0 else 'decreased'} by {abs(c)}%" for c in changes)
    factor = math.prod(Fraction(100 + c, 100) for c in changes)
    if rng.random() < 0.5 and factor != 1:
        return (f"A quantity is {words}. What is the overall percent change? Give a signed percentage "
                f"(negative for a decrease).", {"kind": "overall", "changes": changes}, (factor - 1) * 100, "percent")
    start = int(rng.integers(20, 2000))
    return (f"A value of {start} is {words}. What is the final value, exactly?",
            {"kind": "final", "changes": changes, "start": start}, start * factor, "decimal")


# --------------------------------------------------------------------------- worked solutions
def _lines(data: dict, answer: Fraction) -> list[str]:
    kind = data["kind"]
    if kind == "addsub":
        a, b = Fraction(data["a"]), Fraction(data["b"])
        k = max(places_of(a), places_of(b))
        unit = "tenths" if k == 1 else "hundredths"
        ia, ib = int(a * 10**k), int(b * 10**k)
        res = ia + ib if data["op"] == "+" else ia - ib
        return [f"Line up the decimal points by writing both numbers in {unit}: {dec(a)} = {ia} {unit} and "
                f"{dec(b)} = {ib} {unit}.",
                f"{ia} {data['op']} {ib} = {res} {unit}.", f"{res} {unit} = {dec(Fraction(res, 10**k))}."]
    if kind == "mul":
        a, b = Fraction(data["a"]), Fraction(data["b"])
        pa, pb = places_of(a), places_of(b)
        ia, ib = int(a * 10**pa), int(b * 10**pb)
        return [f"Ignore the decimal points and multiply the whole numbers: {ia} × {ib} = {ia * ib}.",
                f"The factors have {pa} + {pb} = {pa + pb} decimal places, so the product has {pa + pb}: "
                f"{ia * ib} ÷ {10 ** (pa + pb)} = {dec(answer)}."]
    if kind == "div":
        a, b = Fraction(data["a"]), Fraction(data["b"])
        k = places_of(b)
        sa, sb = a * 10**k, b * 10**k
        return [f"Multiply dividend and divisor by {10**k} so that the divisor is a whole number: "
                f"{dec(a)} ÷ {dec(b)} = {dec(sa)} ÷ {dec(sb)}.",
                f"{dec(sa)} ÷ {dec(sb)} = {dec(answer)}, since {dec(answer)} × {dec(sb)} = {dec(sa)}."]
    if kind in ("f2d", "d2f", "d2p", "p2d", "f2p", "p2f"):
        return _conversion_lines(kind, Fraction(data["x"]))
    if kind == "pof":
        p, n = Fraction(data["p"]), data["n"]
        return [f"{dec(p)}% means {dec(p)}/100, so {dec(p)}% of {n} = {dec(p)} × {n} ÷ 100.",
                f"{dec(p)} × {n} = {dec(p * n)}, and {dec(p * n)} ÷ 100 = {dec(answer)}."]
    if kind == "what":
        part, n = Fraction(data["part"]), data["n"]
        return [f"The fraction is part ÷ whole = {dec(part)}/{n} = {dec(part / n)}.",
                f"As a percentage, multiply by 100: {dec(part / n)} × 100 = {dec(answer)}%."]
    if kind == "change":
        old, new = Fraction(data["old"]), Fraction(data["new"])
        change = abs(new - old)
        return [f"The change is |{dec(new)} - {dec(old)}| = {dec(change)}.",
                f"Percent change is measured against the original value {dec(old)}: {dec(change)}/{dec(old)} = "
                f"{dec(change / old)}.", f"{dec(change / old)} × 100 = {dec(answer)}%."]
    if kind == "reverse":
        p, new = data["p"], Fraction(data["new"])
        m = Fraction(100 + p if data["up"] else 100 - p, 100)
        sign = "+" if data["up"] else "-"
        return [f"The new price is the original times 1 {sign} {p}/100 = {dec(m)}.",
                f"So original × {dec(m)} = {dec(new)}, and original = {dec(new)} ÷ {dec(m)}.",
                f"{dec(new)} ÷ {dec(m)} = {dec(new * 100)} ÷ {dec(m * 100)} = {dec(answer)}."]
    changes = data["changes"]
    lines = ["Each change multiplies the value by (1 + change/100): " + ", ".join(
        f"{'+' if c > 0 else '-'}{abs(c)}% gives × {dec(Fraction(100 + c, 100))}" for c in changes) + "."]
    factor = Fraction(1)
    value = Fraction(data.get("start", 1))
    for c in changes:
        m = Fraction(100 + c, 100)
        if kind == "final":
            lines.append(f"{dec(value)} × {dec(m)} = {dec(value * m)}.")
            value *= m
        else:
            lines.append(f"{dec(factor)} × {dec(m)} = {dec(factor * m)}.")
            factor *= m
    if kind == "overall":
        lines.append(f"The overall multiplier is {dec(factor)}, so the change is ({dec(factor)} - 1) × 100 = "
                     f"{dec(answer)}%.")
    return lines


def _conversion_lines(kind: str, x: Fraction) -> list[str]:
    num, den = x.numerator, x.denominator
    k = 0
    while 10**k % den:
        k += 1
    scale = 10**k // den
    to_dec = [f"Scale the denominator to a power of ten: {num}/{den} = ({num} × {scale})/({den} × {scale}) = "
              f"{num * scale}/{10**k} = {dec(x)}."]
    if kind == "f2d":
        return to_dec
    if kind == "d2f":
        places = places_of(x)
        raw = int(x * 10**places)
        g = math.gcd(raw, 10**places)
        return [f"{dec(x)} has {places} decimal places, so {dec(x)} = {raw}/{10**places}.",
                f"The gcd of {raw} and {10**places} is {g}; dividing both by it gives {frac(x)}."]
    if kind == "d2p":
        return [f"A percentage is a number of hundredths, so multiply by 100: {dec(x)} × 100 = {dec(100 * x)}%."]
    if kind == "f2p":
        return to_dec + [f"Multiply by 100 to get hundredths: {dec(x)} × 100 = {dec(100 * x)}%."]
    if kind == "p2d":
        return [f"Percent means per hundred, so divide by 100: {dec(100 * x)} ÷ 100 = {dec(x)}."]
    p = 100 * x
    raw_num, raw_den = (p * 10 ** places_of(p)), 100 * 10 ** places_of(p)
    g = math.gcd(int(raw_num), raw_den)
    whole = f" = {int(raw_num)}/{raw_den}" if raw_den != 100 else ""
    return [f"{dec(p)}% = {dec(p)}/100{whole}.",
            f"The gcd of {int(raw_num)} and {raw_den} is {g}; dividing both by it gives {frac(x)}."]


def _boxed(answer: Fraction, form: str) -> str:
    if form == "percent":
        return f"{dec(answer)}\\%"
    if form == "fraction":
        return f"\\frac{{{answer.numerator}}}{{{answer.denominator}}}" if answer.denominator > 1 else str(answer)
    return dec(answer)


# --------------------------------------------------------------------------- exposition
_TOPICS = {
    "Decimal place value": [
        "In {a}, each digit after the point is worth a tenth of the one before it: tenths, hundredths, thousandths. "
        "So {a} is {ia} hundredths.",
        "Trailing zeros after the decimal point change nothing: {a} and {a}0 are the same number, since {ia} "
        "hundredths is {ia}0 thousandths.",
    ],
    "Adding and subtracting decimals": [
        "To add decimals, line up the decimal points so that tenths add to tenths and hundredths to hundredths: "
        "{a} + {b} = {s}.",
        "Writing both numbers in the same unit makes the alignment automatic: {a} is {ia} hundredths and {b} is "
        "{ib} hundredths, so the difference {big} - {small} is {d}.",
        "A classic mistake is lining up the last digits instead of the points. {a} + {b} is {s}, not the sum "
        "of misaligned digits.",
    ],
    "Multiplying decimals": [
        "Multiply decimals as whole numbers, then place the point: the product has as many decimal places as the "
        "factors together. {x} × {y} = {xy}.",
        "Why counting places works: {x} is a whole number divided by a power of ten, and so is {y}; the product is "
        "the whole-number product divided by both powers, which gives {xy}.",
    ],
    "Dividing decimals": [
        "Multiplying dividend and divisor by the same power of ten does not change a quotient, so make the "
        "divisor whole first: {xy} ÷ {y} = {xy10} ÷ {y10} = {x}.",
        "Check a decimal division by multiplying back: {x} × {y} = {xy}, so {xy} ÷ {y} = {x}.",
    ],
    "Fractions as decimals": [
        "A fraction in lowest terms has a terminating decimal exactly when its denominator has no prime factors "
        "other than 2 and 5. {fn}/{fd} does: {fn}/{fd} = {fdec}.",
        "To turn {fn}/{fd} into a decimal, scale the denominator to a power of ten: multiply top and bottom by "
        "{sc} to get {fnsc}/{pow}, which is {fdec}.",
        "Going back, a decimal is a fraction over a power of ten: {fdec} = {fnsc}/{pow}, which reduces to "
        "{fn}/{fd}. Fractions like 1/3 never terminate, because 3 does not divide any power of ten.",
    ],
    "What percent means": [
        "Percent means per hundred: {p}% is {p}/100, or {pdec} as a decimal. Moving between the two is "
        "multiplying or dividing by 100.",
        "To write a decimal as a percentage, multiply by 100: {fdec} is {fpct}%. To go back, divide by 100.",
        "Percentages can exceed 100: {big}% of a quantity is more than the whole quantity, {bigdec} times it.",
    ],
    "Percent of a number": [
        "To find {p}% of {n}, multiply {n} by {p}/100: the result is {pofn}.",
        "Percent of a number by easy pieces: 10% of {n} is {ten}, and {p}% of {n} is {pofn}. The multiplier "
        "method gives the same exact value.",
    ],
    "Percent change": [
        "Percent change is always measured against the original value: from {old} to {new} is a change of "
        "{chg}, and {chg}/{old} = {rate}, so the change is {ratep}%.",
        "A rise from {old} to {new} is not the same percentage as a fall from {new} back to {old}, because the "
        "base is different each time.",
        "Multipliers make percent change easy: an increase of {q}% multiplies by {up}, a decrease of {q}% "
        "multiplies by {down}.",
    ],
    "Reverse percentages": [
        "If a price after a {q}% increase is {after}, the original is {after} ÷ {up} = {orig}. Taking {q}% off "
        "{after} does not undo the increase, because the {q}% was taken of the original.",
        "Undo a change by dividing by its multiplier: a {q}% discount multiplies by {down}, so a sale price of "
        "{afterd} came from {afterd} ÷ {down} = {orig}.",
    ],
    "Successive changes": [
        "Successive percent changes multiply, they do not add: +{q}% then -{q}% gives {up} × {down} = {both}, "
        "an overall change of {bothp}%.",
        "An increase of {q}% followed by a decrease of {q}% leaves less than the start, because the decrease "
        "is taken of a larger amount: the multiplier is {both}.",
    ],
}


@functools.lru_cache(maxsize=1)
def _passages() -> tuple[str, ...]:
    rng = np.random.default_rng(5_2024_11)
    passages: list[str] = []
    seen: set[str] = set()
    while len(passages) < 200:
        for topic, templates in _TOPICS.items():
            a, b = Fraction(int(rng.integers(101, 9999)), 100), Fraction(int(rng.integers(11, 999)), 100)
            x, y = Fraction(int(rng.integers(11, 99)), 10), Fraction(int(rng.integers(2, 9)), 10)
            fd = TERMINATING[int(rng.integers(0, len(TERMINATING)))]
            fn = int(rng.integers(1, fd))
            g = math.gcd(fn, fd)
            fn, fd = fn // g, fd // g
            k = 0
            while 10**k % fd:
                k += 1
            p, n, q = int(rng.integers(1, 99)), int(rng.integers(20, 900)), int(rng.integers(5, 50))
            old = int(rng.integers(20, 400)) * 4
            new = old * Fraction(100 + q, 100)
            orig = int(rng.integers(20, 500)) * 4
            values = {
                "a": dec(a), "b": dec(b), "ia": int(a * 100), "ib": int(b * 100), "s": dec(a + b), "big": dec(max(a, b)),
                "small": dec(min(a, b)), "d": dec(abs(a - b)), "x": dec(x), "y": dec(y), "xy": dec(x * y),
                "xy10": dec(x * y * 10), "y10": dec(y * 10), "fn": fn, "fd": fd, "fdec": dec(Fraction(fn, fd)),
                "sc": 10**k // fd, "fnsc": fn * 10**k // fd, "pow": 10**k, "p": p, "pdec": dec(Fraction(p, 100)),
                "fpct": dec(Fraction(100 * fn, fd)), "bigdec": dec(Fraction(100 + p, 100)), "n": n,
                "pofn": dec(Fraction(p * n, 100)), "ten": dec(Fraction(n, 10)), "old": old, "new": dec(new),
                "chg": dec(new - old), "rate": dec(Fraction(q, 100)), "ratep": q, "q": q,
                "up": dec(Fraction(100 + q, 100)), "down": dec(Fraction(100 - q, 100)),
                "after": dec(orig * Fraction(100 + q, 100)), "afterd": dec(orig * Fraction(100 - q, 100)), "orig": orig,
                "both": dec(Fraction(100 + q, 100) * Fraction(100 - q, 100)),
                "bothp": dec((Fraction(100 + q, 100) * Fraction(100 - q, 100) - 1) * 100),
            }
            values["big"] = values["big"] if topic != "What percent means" else str(100 + p)
            template = templates[int(rng.integers(0, len(templates)))]
            text = f"{topic}. " + template.format(**values)
            if text not in seen:
                seen.add(text)
                passages.append(text)
    return tuple(passages)


# --------------------------------------------------------------------------- the family
PARSERS = {
    "decimal": parse_decimal,
    "percent": parse_percent,
    "fraction": lambda span: parse_rational(span, require_lowest_terms=True, allow_decimal=False),
}


@register_family
class DecimalsPercents(Family):
    name = "DecimalsPercents"
    version = 0
    answer_type = "fraction"
    subject = "arithmetic"
    space_sizes = {  # (count, exact) per level; see "Problem-space sizes" in the module docstring
        1: (2_200_000, False), 2: (170_000, False), 3: (80_000, False), 4: (1100, False), 5: (2000, False),
        6: (280_000, False), 7: (160_000, False), 8: (260_000, False), 9: (300_000, False),
        10: (280_000, False),
    }
    instruction = INSTRUCTION

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem:
        difficulty = check_difficulty(difficulty)
        question, data, answer, form = _draw(rng, difficulty)
        if " as a" not in question:
            question += f" Give the answer as {FORM_TEXT[form]}."
        return Problem(
            question=question,
            answer=Fraction(answer),
            family=self.name,
            version=self.version,
            difficulty=difficulty,
            metadata={"form": form, "data": data},
        )

    def worked_solution(self, problem: Problem) -> str:
        form = problem.metadata["form"]
        lines = _lines(problem.metadata["data"], problem.answer)
        lines.append(f"The answer is \\boxed{{{_boxed(problem.answer, form)}}}.")
        return "\n".join(lines)

    def exposition(self) -> list[str]:
        return list(_passages())

    def answer_text(self, problem: Problem) -> str:
        """The answer in the form the question asks for: ``12.5``, ``37.5%`` or ``3/8``."""
        answer, form = Fraction(problem.answer), problem.metadata.get("form", "decimal")
        if form == "percent":
            return f"{dec(answer)}%"
        if form == "fraction":
            return str(answer)
        return dec(answer)

    def verify(self, problem: Problem, response: str) -> Verdict:
        """Exact comparison in the form the question asked for.

        >>> fam = DecimalsPercents()
        >>> p = Problem("Write 3/8 as a percentage.", Fraction(75, 2), "DecimalsPercents", metadata={"form": "percent"})
        >>> fam.verify(p, "\\\\boxed{37.5\\\\%}").status.value
        'CORRECT'
        >>> fam.verify(p, "\\\\boxed{0.375}").status.value
        'INCORRECT'
        """
        return check_answer(response, problem.answer, PARSERS[problem.metadata.get("form", "decimal")])
