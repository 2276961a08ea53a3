"""DecimalsPercents: decimal arithmetic, fraction/decimal/percent conversions, percent problems.

**Asked.** One exact computation; the question names the form of the answer (a number, a percentage or a
fraction in lowest terms), e.g. ``Compute 3.7 + 4.25.``, ``Write 7/8 as a decimal.``, ``What is 35% of 240?``,
``A price falls from 80 to 68. What is the percent decrease?``.

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

**Answer type.** An exact :class:`fractions.Fraction`, read in the form ``metadata["form"]`` names; every comparison
is exact, so rounded answers are wrong. ``"decimal"``: an exact decimal or integer
(:func:`~textbook_gym.verifiers.numbers.parse_decimal`: ``84``, ``0.925``, ``7.950``; fractions are refused).
``"percent"``: the percentage number (:func:`~textbook_gym.verifiers.numbers.parse_percent`: ``37.5%``, ``37.5\\%``,
``37.5 percent`` or bare ``37.5``; ``0.375`` means 0.375 percent and is wrong). ``"fraction"``: a fraction in lowest
terms (:func:`~textbook_gym.verifiers.numbers.parse_exact_fraction`; decimals are refused).

**Worked solutions** line up decimal points by rewriting in tenths or hundredths, count decimal places, make
divisors whole, scale denominators to powers of ten and write percent changes as multipliers (``1 - 20/100 = 0.8``);
the last line holds ``\\boxed{...}``.

**Version history.** v0: first release.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from textbook_gym.envs._kit import Family, Problem, Verdict, register_family
from textbook_gym.verifiers import check_answer
from textbook_gym.verifiers.numbers import parse_decimal, parse_exact_fraction, parse_percent

from ._kit.draw import choice
from ._kit.formats import decimal_text, fraction_latex, fraction_text
from ._kit.kinds import AskedKind
from ._kit.numerals import decimal_places, place_name
from ._kit.tables import fractions_written, topic_exposition
from ._kit.texts import exposition_texts

FORM_TEXT = {"decimal": "an exact number (integer or decimal)", "percent": "a percentage"}
"""How a question that does not name the answer's form asks for it (every fraction answer is a conversion's)."""
PARSERS = {"decimal": parse_decimal, "percent": parse_percent, "fraction": parse_exact_fraction}
"""The answer parser of each form."""
WRITERS = {"decimal": decimal_text, "percent": lambda value: f"{decimal_text(value)}%", "fraction": fraction_text}
"""How the answer of each form is written: ``12.5``, ``37.5%`` or ``3/8``."""
FORMS = {"addsub": "decimal", "mul": "decimal", "div": "decimal", "f2d": "decimal", "d2f": "fraction",
         "d2p": "percent", "p2d": "decimal", "f2p": "percent", "p2f": "fraction", "pof": "decimal",
         "what": "percent", "change": "percent", "reverse": "decimal", "overall": "percent", "final": "decimal"}
"""The form in which each kind of problem is answered."""
TERMINATING = [2, 4, 5, 8, 16, 20, 25, 40, 50, 80, 125, 200]


def _two_places(value: Fraction) -> bool:
    """Whether ``value`` has at most two decimal places (a price in cents)."""
    return 100 % value.denominator == 0


def _multiplier(percent: Fraction | int) -> Fraction:
    """The factor of a signed percent change: +20 -> 1.2."""
    return Fraction(100 + percent, 100)


# --------------------------------------------------------------------------- generation
def _decimal(rng: np.random.Generator, lo: int, hi: int, places: int) -> Fraction:
    """``places`` decimals, the last nonzero: a count of ``10**-places`` units drawn from ``[lo, hi)``."""
    while True:
        units = int(rng.integers(lo, hi))
        if places == 0 or units % 10:
            return Fraction(units, 10**places)


def _draw(rng: np.random.Generator, level: int) -> dict:
    """The data of one problem (exact values as text), from which question and worked solution are written."""
    if level == 1:
        a, b = (_decimal(rng, 1, 10000 // 10 ** (2 - p), p) for p in (int(v) for v in rng.integers(1, 3, size=2)))
        op = "+" if rng.random() < 0.5 else "-"
        a, b = (max(a, b), min(a, b)) if op == "-" else (a, b)
        return {"kind": "addsub", "a": decimal_text(a), "b": decimal_text(b), "op": op}
    if level == 2:
        a, b = _decimal(rng, 2, 1000, 1), _decimal(rng, 2, 100, int(rng.integers(1, 3)))
        return {"kind": "mul", "a": decimal_text(a), "b": decimal_text(b)}
    if level == 3:
        divisor, quotient = _decimal(rng, 2, 100, 1), _decimal(rng, 2, 500, int(rng.integers(0, 2)))
        return {"kind": "div", "a": decimal_text(divisor * quotient), "b": decimal_text(divisor)}
    if level == 4:
        den = choice(rng, TERMINATING)
        value = Fraction(int(rng.integers(1, 2 * den)), den)
        if value.denominator == 1:
            value += Fraction(1, den if den > 2 else 4)
        return {"kind": "f2d" if rng.random() < 0.5 else "d2f", "x": fraction_text(value)}
    if level == 5:
        kind = choice(rng, ["d2p", "p2d", "f2p", "p2f"])
        den = choice(rng, TERMINATING)
        value = Fraction(int(rng.integers(1, 3 * den // 2 + 1)), den)
        while kind in ("p2d", "p2f") or value.denominator == 1:
            value = Fraction(int(rng.integers(1, 400)), 200 if rng.random() < 0.3 else 100)
            if value.denominator > 1:
                break
        return {"kind": kind, "x": fraction_text(value)}
    if level == 6:
        percent = Fraction(int(rng.integers(1, 200)), 2 if rng.random() < 0.2 else 1)
        return {"kind": "pof", "p": fraction_text(percent), "n": int(rng.integers(10, 2000))}
    if level == 7:
        while True:
            percent = Fraction(int(rng.integers(1, 400)), 2 if rng.random() < 0.3 else 1)
            whole = int(rng.integers(2, 500))
            part = percent * whole / 100
            if _two_places(part):
                return {"kind": "what", "part": fraction_text(part), "n": whole}
    if level == 8:
        while True:
            old, percent = int(rng.integers(10, 1000)), Fraction(int(rng.integers(2, 181)), 2)
            new = old * _multiplier(percent if rng.random() < 0.5 else -percent)
            if _two_places(new):
                return {"kind": "change", "old": old, "new": fraction_text(new)}
    if level == 9:
        while True:
            old, percent = Fraction(int(rng.integers(20, 2000))), int(rng.integers(1, 80))
            up = rng.random() < 0.5
            new = old * _multiplier(percent if up else -percent)
            if _two_places(new):
                return {"kind": "reverse", "p": percent, "up": up, "new": fraction_text(new)}
    changes = [int(v) * (1 if rng.random() < 0.5 else -1) for v in rng.integers(1, 60, size=int(rng.integers(2, 4)))]
    if rng.random() < 0.5 and math.prod(_multiplier(c) for c in changes) != 1:
        return {"kind": "overall", "changes": changes}
    return {"kind": "final", "changes": changes, "start": int(rng.integers(20, 2000))}


# --------------------------------------------------------------------------- worked solutions
def _successive_lines(data: dict) -> tuple[list[str], Fraction]:
    """Successive changes: multiply the multipliers (overall change) or the value (final value)."""
    lines = ["Each change multiplies the value by (1 + change/100): " + ", ".join(
        f"{'+' if c > 0 else '-'}{abs(c)}% gives × {decimal_text(_multiplier(c))}" for c in data["changes"]) + "."]
    value = Fraction(data.get("start", 1))
    for factor in map(_multiplier, data["changes"]):
        lines.append(f"{decimal_text(value)} × {decimal_text(factor)} = {decimal_text(value * factor)}.")
        value *= factor
    if data["kind"] == "final":
        return lines, value
    answer = (value - 1) * 100
    return [*lines, f"The overall multiplier is {decimal_text(value)}, so the change is ({decimal_text(value)} - 1) "
            f"× 100 = {decimal_text(answer)}%."], answer


def _solve_conversion(data: dict) -> tuple[list[str], Fraction]:
    """Conversions between fractions, decimals and percents; the kind names them, ``f2p``: fraction to percent."""
    kind, value = data["kind"], Fraction(data["x"])
    answer = value * 100 if FORMS[kind] == "percent" else value
    num, den = value.numerator, value.denominator
    power = 10 ** decimal_places(value)  # the least power of ten that den divides (den has no primes but 2 and 5)
    scale = power // den
    to_decimal = [f"Scale the denominator to a power of ten: {num}/{den} = ({num} × {scale})/({den} × {scale}) = "
                  f"{num * scale}/{power} = {decimal_text(value)}."]
    percent = decimal_text(100 * value)
    if kind == "f2d":
        return to_decimal, answer
    if kind == "d2f":
        raw = num * scale
        return [f"{decimal_text(value)} has {decimal_places(value)} decimal places, so {decimal_text(value)} = "
                f"{raw}/{power}.", f"The gcd of {raw} and {power} is {math.gcd(raw, power)}; dividing both by it "
                f"gives {fraction_text(value)}."], answer
    if kind == "d2p":
        return [f"A percentage is a number of hundredths, so multiply by 100: {decimal_text(value)} × 100 = "
                f"{percent}%."], answer
    if kind == "f2p":
        return to_decimal + [f"Multiply by 100 to get hundredths: {decimal_text(value)} × 100 = {percent}%."], answer
    if kind == "p2d":
        return [f"Percent means per hundred, so divide by 100: {percent} ÷ 100 = {decimal_text(value)}."], answer
    scale = 10 ** decimal_places(100 * value)
    raw_num, raw_den = int(100 * value * scale), 100 * scale
    whole = f" = {raw_num}/{raw_den}" if raw_den != 100 else ""
    return [f"{percent}% = {percent}/100{whole}.",
            f"The gcd of {raw_num} and {raw_den} is {math.gcd(raw_num, raw_den)}; dividing both by it gives "
            f"{fraction_text(value)}."], answer


# --------------------------------------------------------------------------- the kinds, asked and solved
def _solve_addsub(data: dict) -> tuple[list[str], Fraction]:
    a, b = Fraction(data["a"]), Fraction(data["b"])
    places = max(decimal_places(a), decimal_places(b))
    unit = place_name(-places)
    units_a, units_b = int(a * 10**places), int(b * 10**places)
    units = units_a + units_b if data["op"] == "+" else units_a - units_b
    return [f"Line up the decimal points by writing both numbers in {unit}: {data['a']} = {units_a} {unit} and "
            f"{data['b']} = {units_b} {unit}.", f"{units_a} {data['op']} {units_b} = {units} {unit}.",
            f"{units} {unit} = {decimal_text(Fraction(units, 10**places))}."], Fraction(units, 10**places)


def _solve_mul(data: dict) -> tuple[list[str], Fraction]:
    a, b = Fraction(data["a"]), Fraction(data["b"])
    places_a, places_b = decimal_places(a), decimal_places(b)
    whole_a, whole_b = int(a * 10**places_a), int(b * 10**places_b)
    places = places_a + places_b
    return [f"Ignore the decimal points and multiply the whole numbers: {whole_a} × {whole_b} = "
            f"{whole_a * whole_b}.", f"The factors have {places_a} + {places_b} = {places} decimal places, so "
            f"the product has {places}: {whole_a * whole_b} ÷ {10 ** places} = {decimal_text(a * b)}."], a * b


def _solve_div(data: dict) -> tuple[list[str], Fraction]:
    a, b = Fraction(data["a"]), Fraction(data["b"])
    scale = 10 ** decimal_places(b)
    big_a, big_b, quotient = decimal_text(a * scale), decimal_text(b * scale), decimal_text(a / b)
    return [f"Multiply dividend and divisor by {scale} so that the divisor is a whole number: "
            f"{data['a']} ÷ {data['b']} = {big_a} ÷ {big_b}.",
            f"{big_a} ÷ {big_b} = {quotient}, since {quotient} × {big_b} = {big_a}."], a / b


def _solve_percent_of(data: dict) -> tuple[list[str], Fraction]:
    percent, whole = decimal_text(Fraction(data["p"])), data["n"]
    product = Fraction(data["p"]) * whole
    return [f"{percent}% means {percent}/100, so {percent}% of {whole} = {percent} × {whole} ÷ 100.",
            f"{percent} × {whole} = {decimal_text(product)}, and {decimal_text(product)} ÷ 100 = "
            f"{decimal_text(product / 100)}."], product / 100


def _solve_what_percent(data: dict) -> tuple[list[str], Fraction]:
    ratio = decimal_text(Fraction(data["part"]) / data["n"])
    answer = Fraction(data["part"]) / data["n"] * 100
    return [f"The fraction is part ÷ whole = {decimal_text(Fraction(data['part']))}/{data['n']} = {ratio}.",
            f"As a percentage, multiply by 100: {ratio} × 100 = {decimal_text(answer)}%."], answer


def _ask_change(data: dict) -> str:
    verb, word = ("rises", "increase") if Fraction(data["new"]) > data["old"] else ("falls", "decrease")
    return (f"A price {verb} from {data['old']} to {decimal_text(Fraction(data['new']))}. What is the "
            f"percent {word} (a positive number)?")


def _solve_change(data: dict) -> tuple[list[str], Fraction]:
    old, new = Fraction(data["old"]), Fraction(data["new"])
    change = abs(new - old)
    answer = change / old * 100
    return [f"The change is |{decimal_text(new)} - {decimal_text(old)}| = {decimal_text(change)}.",
            f"Percent change is measured against the original value {decimal_text(old)}: "
            f"{decimal_text(change)}/{decimal_text(old)} = {decimal_text(change / old)}.",
            f"{decimal_text(change / old)} × 100 = {decimal_text(answer)}%."], answer


def _solve_reverse(data: dict) -> tuple[list[str], Fraction]:
    multiplier = _multiplier(data["p"] if data["up"] else -data["p"])
    new, factor = Fraction(data["new"]), decimal_text(multiplier)
    return [f"The new price is the original times 1 {'+' if data['up'] else '-'} {data['p']}/100 = {factor}.",
            f"So original × {factor} = {decimal_text(new)}, and original = {decimal_text(new)} ÷ {factor}.",
            f"{decimal_text(new)} ÷ {factor} = {decimal_text(new * 100)} ÷ {decimal_text(multiplier * 100)} = "
            f"{decimal_text(new / multiplier)}."], new / multiplier


def _changes_text(data: dict) -> str:
    """The successive changes in words: ``increased by 20%, then decreased by 5%``."""
    return ", then ".join(f"{'increased' if c > 0 else 'decreased'} by {abs(c)}%" for c in data["changes"])


CONVERSION_SOURCE = {"f": fraction_text, "d": decimal_text, "p": lambda value: f"{decimal_text(value * 100)}%"}
"""How a conversion question writes its value, by the first letter of the kind (``f2d``: a fraction)."""
CONVERSION_TARGET = {"d": "a decimal", "f": "a fraction in lowest terms", "p": "a percentage"}
"""What a conversion asks for, by the last letter of the kind."""
_CONVERSION = AskedKind(lambda data: f"Write {CONVERSION_SOURCE[data['kind'][0]](Fraction(data['x']))} as "
                                     f"{CONVERSION_TARGET[data['kind'][2]]}.", _solve_conversion)
KINDS = {
    "addsub": AskedKind(lambda data: f"Compute {data['a']} {data['op']} {data['b']}.", _solve_addsub),
    "mul": AskedKind(lambda data: f"Compute {data['a']} × {data['b']}.", _solve_mul),
    "div": AskedKind(lambda data: f"Compute {data['a']} ÷ {data['b']}.", _solve_div),
    **{kind: _CONVERSION for kind in ("f2d", "d2f", "d2p", "p2d", "f2p", "p2f")},
    "pof": AskedKind(lambda data: f"What is {decimal_text(Fraction(data['p']))}% of {data['n']}?", _solve_percent_of),
    "what": AskedKind(lambda data: f"{decimal_text(Fraction(data['part']))} is what percent of {data['n']}?",
                      _solve_what_percent),
    "change": AskedKind(_ask_change, _solve_change),
    "reverse": AskedKind(lambda data: f"After a {data['p']}% {'increase' if data['up'] else 'discount'}, an item "
                                      f"costs {decimal_text(Fraction(data['new']))}. What was the price before the "
                                      "change?", _solve_reverse),
    "overall": AskedKind(lambda data: f"A quantity is {_changes_text(data)}. What is the overall percent change? "
                                      "Give a signed percentage (negative for a decrease).", _successive_lines),
    "final": AskedKind(lambda data: f"A value of {data['start']} is {_changes_text(data)}. What is the final "
                                    "value, exactly?", _successive_lines),
}
"""How each kind of problem is asked and solved; the levels draw the kinds (``_draw``)."""


# --------------------------------------------------------------------------- exposition
_TOPICS = exposition_texts(__name__)


def _passage_values(rng: np.random.Generator, topic: str) -> dict:
    """Fresh values for one passage of ``topic``."""
    a, b = Fraction(int(rng.integers(101, 9999)), 100), Fraction(int(rng.integers(11, 999)), 100)
    x, y = Fraction(int(rng.integers(11, 99)), 10), Fraction(int(rng.integers(2, 9)), 10)
    den = choice(rng, TERMINATING)
    fraction = Fraction(int(rng.integers(1, den)), den)  # in lowest terms: fn/fd
    fn, fd = fraction.numerator, fraction.denominator
    power = 10 ** decimal_places(fraction)
    p, n, q = int(rng.integers(1, 99)), int(rng.integers(20, 900)), int(rng.integers(5, 50))
    old = int(rng.integers(20, 400)) * 4
    new = old * _multiplier(q)
    orig = int(rng.integers(20, 500)) * 4
    values = {
        "a": a, "b": b, "ia": int(a * 100), "ib": int(b * 100), "s": a + b, "big": max(a, b), "small": min(a, b),
        "d": abs(a - b), "x": x, "y": y, "xy": x * y, "xy10": x * y * 10, "y10": y * 10, "fn": fn, "fd": fd,
        "fdec": fraction, "sc": power // fd, "fnsc": fn * power // fd, "pow": power, "p": p,
        "pdec": Fraction(p, 100), "fpct": Fraction(100 * fn, fd), "bigdec": _multiplier(p), "n": n,
        "pofn": Fraction(p * n, 100), "ten": Fraction(n, 10), "old": old, "new": new, "chg": new - old,
        "rate": Fraction(q, 100), "ratep": q, "q": q, "up": _multiplier(q), "down": _multiplier(-q),
        "after": orig * _multiplier(q), "afterd": orig * _multiplier(-q), "orig": orig,
        "both": _multiplier(q) * _multiplier(-q), "bothp": (_multiplier(q) * _multiplier(-q) - 1) * 100,
    }
    shown = fractions_written(values, decimal_text)
    if topic == "What percent means":
        shown["big"] = str(100 + p)
    return shown


# --------------------------------------------------------------------------- the family
@register_family
class DecimalsPercents(Family):
    name = "DecimalsPercents"
    version = 0
    answer_type = "fraction"
    subject = "arithmetic"
    instruction = (
        "Give the exact answer in the form the question asks for: a number as \\boxed{12.75}, a percentage as "
        "\\boxed{37.5\\%} (the % sign is optional), a fraction in lowest terms as \\boxed{3/8}. "
        "A final line 'Answer: ...' is also accepted."
    )
    exposition = topic_exposition(5_2024_11, 200, _TOPICS, _passage_values)

    def draw(self, rng: np.random.Generator, level: int) -> dict:
        data = _draw(rng, level)
        return {"form": FORMS[data["kind"]], "data": data}

    def question(self, params: dict) -> str:
        """The question; one that does not name the answer's form ends by naming it."""
        data = params["data"]
        question = KINDS[data["kind"]].question(data)
        return question if " as a" in question else f"{question} Give the answer as {FORM_TEXT[params['form']]}."

    def solve(self, params: dict) -> tuple[list[str], Fraction]:
        """The worked-solution lines (without the boxed answer) and the exact answer."""
        return KINDS[params["data"]["kind"]].solve(params["data"])

    def answer_line(self, problem: Problem) -> str:
        """The boxed answer in LaTeX: ``37.5\\%`` or ``\\frac{3}{8}``."""
        text = self.answer_text(problem).replace("%", "\\%")
        return f"The answer is \\boxed{{{fraction_latex(problem.answer) if '/' in text else text}}}."

    def answer_text(self, problem: Problem) -> str:
        """The answer in the form the question asks for: ``12.5``, ``37.5%`` or ``3/8``."""
        return WRITERS[problem.metadata.get("form", "decimal")](Fraction(problem.answer))

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
