"""UnitConversion: exact conversions of length, mass, volume, time, area, speed and density.

**Asked.** ``Convert 3.5 km to m.``, ``Convert 7 ft to cm.``, ``Convert 90 km/h to m/s.``
Every question asks for the exact value, "as a decimal or as a fraction in lowest terms".
All factors are exact by definition (1 in = 2.54 cm, 1 lb = 0.45359237 kg,
1 US gal = 231 in³ = 3.785411784 L, 1 acre = 43560 ft²), so every answer is a rational number.

**Difficulty** changes the units and the number of steps:

==  ================================================================  ==========================
 1  metric length, whole numbers                                        ``350 cm`` to m
 2  metric mass and volume, decimals                                    ``2.75 kg`` to g
 3  time units                                                          ``3.5 h`` to min
 4  US customary units within one quantity                              ``5 yd`` to in, ``3 gal`` to cups
 5  metric across several prefixes                                      ``0.045 km`` to mm
 6  between the metric and US customary systems                         ``7 ft`` to cm
 7  area units (squared factors)                                        ``2.5 m²`` to cm², acres
 8  speeds: two units converted at once                                 ``90 km/h`` to m/s
 9  mixed quantities (``5 ft 7 in``, ``2 h 35 min``) and volume ↔ cubic    ``2 h 35 min`` to s
10  compound rates across systems (density, flow, fuel use)             ``1.2 g/cm³`` to lb/ft³
==  ================================================================  ==========================

**Answer type.** A :class:`fractions.Fraction`, read by
:func:`~textbook_gym.verifiers.numbers.parse_lowest_terms` (lowest terms, decimals allowed):
an exact decimal (``213.36``), an integer, a fraction in lowest terms (``25/2``,
``\\frac{125}{9}``) or a mixed number (``13 8/9``). Rounded decimals are wrong; unreduced
fractions are refused. Units after the number are not part of the grammar: answer with the
number only.

**Worked solutions** multiply by the exact factor of each step (to the system's base unit,
across systems, then to the target unit), squaring factors for areas and converting the top
and bottom of a rate separately. The last line holds ``\\boxed{...}``.

**Version history.** v0: first release.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from textbook_gym.envs._kit import Family, Problem, register_family
from textbook_gym.verifiers.numbers import parse_lowest_terms

from ._kit.draw import choice, integer
from ._kit.formats import decimal_text, fraction_latex, fraction_text
from ._kit.tables import fractions_written, topic_exposition
from ._kit.texts import exposition_texts

INSTRUCTION = (
    "Give the exact number (without units) as \\boxed{213.36} or, when the decimal does not end, as a fraction "
    "in lowest terms such as \\boxed{\\frac{125}{9}}. A final line 'Answer: 213.36' is also accepted."
)
TAIL = "Give the exact value as a decimal or as a fraction in lowest terms."
# system base unit -> {unit: how many base units make one unit}
SYSTEMS: dict[str, dict[str, Fraction | int]] = {
    "m": {"mm": Fraction(1, 1000), "cm": Fraction(1, 100), "m": 1, "km": 1000},
    "in": {"in": 1, "ft": 12, "yd": 36, "mi": 63360},
    "g": {"mg": Fraction(1, 1000), "g": 1, "kg": 1000, "t": 10**6},
    "oz": {"oz": 1, "lb": 16},
    "mL": {"mL": 1, "L": 1000, "kL": 10**6, "cm³": 1, "m³": 10**6},
    "fl oz": {"fl oz": 1, "cup": 8, "pt": 16, "qt": 32, "gal": 128, "in³": Fraction(128, 231),
              "ft³": Fraction(128 * 1728, 231)},
    "s": {"s": 1, "min": 60, "h": 3600, "day": 86400, "week": 604800},
    "m²": {"mm²": Fraction(1, 10**6), "cm²": Fraction(1, 10**4), "m²": 1, "ha": 10**4, "km²": 10**6},
    "in²": {"in²": 1, "ft²": 144, "yd²": 1296, "acre": 43560 * 144},
}
UNITS = {unit: (base, size) for base, units in SYSTEMS.items() for unit, size in units.items()}
"""unit -> (its system's base unit, how many base units make one unit)"""
# a US customary base unit -> how many metric base units of its quantity (m, g, mL, m²) make one, exactly
CROSS = {"in": Fraction(254, 10000), "oz": Fraction(45359237, 16 * 10**5),
         "fl oz": Fraction(3785411784, 128 * 10**6), "in²": Fraction(254, 10000) ** 2}
METRIC_LENGTH, TIME = ["mm", "cm", "m", "km"], ["s", "min", "h", "day", "week"]
GROUPS = {
    4: [["in", "ft", "yd", "mi"], ["oz", "lb"], ["fl oz", "cup", "pt", "qt", "gal"]],
    5: [["mm", "cm", "m", "km"], ["mg", "g", "kg", "t"], ["mL", "L", "kL"]],
    6: [["in", "cm"], ["ft", "m"], ["yd", "m"], ["mi", "km"], ["oz", "g"], ["lb", "kg"], ["gal", "L"], ["qt", "L"],
        ["fl oz", "mL"], ["ft", "cm"]],
    7: [["m²", "cm²"], ["km²", "ha"], ["ha", "m²"], ["ft²", "in²"], ["yd²", "ft²"], ["acre", "ft²"], ["acre", "m²"],
        ["ft²", "m²"], ["mm²", "cm²"]],
}
RATES = {
    8: [[("km", "h"), ("m", "s")], [("mi", "h"), ("ft", "s")], [("mi", "h"), ("km", "h")], [("m", "s"), ("km", "h")],
        [("m", "min"), ("km", "h")], [("ft", "s"), ("mi", "h")]],
    10: [[("g", "cm³"), ("kg", "m³")], [("g", "cm³"), ("lb", "ft³")], [("L", "min"), ("gal", "h")],
         [("gal", "min"), ("L", "s")], [("kg", "m³"), ("g", "L")], [("L", "km"), ("gal", "mi")],
         [("lb", "in²"), ("kg", "cm²")]],
}
MIXED = [(("ft", 6), ("in", 11), ["cm", "m"]), (("h", 9), ("min", 59), ["s", "min"])]
"""Level 9's mixed quantities: (larger unit, most of it), (smaller unit, most of it), the units to convert to."""


def number_text(value: Fraction) -> str:
    """The exact decimal when it ends within 12 places (``213.36``), otherwise ``a/b``."""
    try:
        return decimal_text(value, max_places=12)
    except ValueError:
        return fraction_text(value)


def factor(unit: str, target: str) -> Fraction:
    """How many ``target`` make one ``unit``."""
    return _to_metric(unit) / _to_metric(target)


def _to_metric(unit: str) -> Fraction:
    base, size = UNITS[unit]
    return size * CROSS[base] if base in CROSS else Fraction(size)


# --------------------------------------------------------------------------- worked solutions
def convert_lines(value: Fraction, unit: str, target: str) -> list[str]:
    """Steps unit -> its system's base -> (the other system's base) -> target, each with its exact factor."""
    base, size = UNITS[unit]
    target_base, target_size = UNITS[target]
    steps = []  # (from, to, factor, whether 1 from = factor to (multiply) or 1 to = factor from (divide), note)
    if unit != base:
        steps.append((unit, base, size, True, ""))
    if base != target_base:
        per, multiply = (CROSS[base], True) if base in CROSS else (CROSS[target_base], False)
        steps.append((base, target_base, per, multiply, " exactly"))
    if target != target_base:
        steps.append((target_base, target, target_size, False, ""))
    lines, amount = [], value
    for start, end, per, multiply, note in steps:
        one, other = (start, end) if multiply else (end, start)
        result = amount * per if multiply else amount / per
        lines.append(f"1 {one} = {number_text(per)} {other}{note}, so {number_text(amount)} {start} = "
                     f"{number_text(amount)} {'×' if multiply else '÷'} {number_text(per)} = "
                     f"{number_text(result)} {end}.")
        amount = result
    return lines or [f"{number_text(value)} {unit} is already in {target}."]


# --------------------------------------------------------------------------- generation
def _value(rng: np.random.Generator, places: int, hi: int = 100) -> Fraction:
    return Fraction(int(rng.integers(1, hi * 10**places)), 10**places)


def _simple(value: Fraction, unit: str, target: str) -> dict:
    """The data of one quantity converted from ``unit`` to ``target``."""
    return {"kind": "simple", "value": str(value), "u": unit, "v": target}


def _neighbours(rng: np.random.Generator, ladder: list[str], index: int) -> tuple[str, str]:
    """Two adjacent units of ``ladder``, in a random direction."""
    pair = (ladder[index], ladder[index + 1])
    return pair if rng.random() < 0.5 else pair[::-1]


def _draw(rng: np.random.Generator, level: int) -> dict:
    if level == 1:
        unit, target = _neighbours(rng, METRIC_LENGTH, integer(rng, 0, 2))
        return _simple(Fraction(integer(rng, 1, 999)), unit, target)
    if level == 2:
        unit, target = _neighbours(rng, list(choice(rng, [("g", "kg"), ("mg", "g"), ("mL", "L"), ("kg", "t")])), 0)
        return _simple(_value(rng, integer(rng, 1, 2)), unit, target)
    if level == 3:
        unit, target = _neighbours(rng, TIME, integer(rng, 0, 3))
        if factor(unit, target) > 1:  # to a smaller unit: halves (3.5 h); to a larger one: n/c of it (150 min)
            return _simple(Fraction(integer(rng, 1, 40), 2), unit, target)
        return _simple(Fraction(integer(rng, 1, 400)) / factor(unit, target) / choice(rng, [1, 2, 4, 5, 8]), unit, target)
    if level in (4, 5, 6, 7):
        units = choice(rng, GROUPS[level])
        unit, target = (units[int(i)] for i in rng.choice(len(units), size=2, replace=False))
        if level in (6, 7) and rng.random() < 0.5:
            unit, target = target, unit
        return _simple(_value(rng, integer(rng, 0, 2)), unit, target)
    if level in (8, 10):
        rate, target = choice(rng, RATES[level])
        if rng.random() < 0.5:
            rate, target = target, rate
        value = _value(rng, integer(rng, 0, 1), 200 if level == 8 else 20)
        return {"kind": "rate", "value": str(value), "u": list(rate), "v": list(target)}
    mixed = integer(rng, 0, 2)  # two chances in three of a mixed quantity, one of a volume
    if mixed < len(MIXED):
        (large, most_large), (small, most_small), targets = MIXED[mixed]
        parts = [[integer(rng, 1, most_large), large], [integer(rng, 1, most_small), small]]
        return {"kind": "mixed", "parts": parts, "v": choice(rng, targets)}
    unit, target = choice(rng, [("m³", "L"), ("cm³", "mL"), ("L", "cm³"), ("ft³", "gal"), ("gal", "in³"), ("m³", "kL")])
    return _simple(_value(rng, integer(rng, 0, 2), 50), unit, target)


def _unit_text(unit: str | list[str]) -> str:
    """A unit, or a rate's two units as ``km/h``."""
    return unit if isinstance(unit, str) else "/".join(unit)


# --------------------------------------------------------------------------- exposition
_TOPICS = exposition_texts(__name__)


def _passage_values(rng: np.random.Generator, _topic: str) -> dict:
    """Fresh values for one passage; the same fields serve every topic."""
    a, b = Fraction(int(rng.integers(1, 999)), 10), int(rng.integers(10, 9999))
    n, k = int(rng.integers(2, 60)), int(rng.integers(5, 150))
    h, h2 = Fraction(int(rng.integers(1, 40)), 4), Fraction(int(rng.integers(11, 99)), 10)
    values = {
        "a": a, "a100": a * 100, "a1000": a * 1000, "amilli": a / 1000, "b": b, "bcm": Fraction(b, 10),
        "bm": Fraction(b, 1000), "bwrong": Fraction(b * 1000), "h": h, "hmin": h * 60, "hs": h * 3600, "h2": h2,
        "tenths": h2 * 10 % 10, "h2min": h2 * 60, "n": n, "n3": 3 * n, "n36": 36 * n, "n16": 16 * n,
        "n144": 144 * n, "nin": n * Fraction(254, 100), "nlb": n * Fraction(45359237, 10**8),
        "nmi": n * Fraction(1609344, 10**6), "a10000": a * 10000, "k": k, "kms": k * Fraction(5, 18),
        "kkmh": k * Fraction(18, 5), "kfts": k * Fraction(22, 15),
    }
    return fractions_written(values, number_text)


# --------------------------------------------------------------------------- the family
@register_family
class UnitConversion(Family):
    """Exact conversions; decimals, lowest-terms fractions and mixed numbers are accepted.

    >>> fam = UnitConversion()
    >>> p = Problem("Convert 50 km/h to m/s.", Fraction(125, 9), "UnitConversion")
    >>> fam.verify(p, "\\\\boxed{\\\\frac{125}{9}}").status.value
    'CORRECT'
    >>> fam.verify(p, "\\\\boxed{13.89}").status.value
    'INCORRECT'
    """

    name = "UnitConversion"
    version = 0
    answer_type = "fraction"
    parse = parse_lowest_terms
    subject = "puzzles"
    instruction = INSTRUCTION

    exposition = topic_exposition(9_2024_11, 200, _TOPICS, _passage_values)

    def draw(self, rng: np.random.Generator, level: int) -> dict:
        return {"data": _draw(rng, level)}

    def question(self, params: dict) -> str:
        data = params["data"]
        if data["kind"] == "mixed":
            amount = " ".join(f"{count} {unit}" for count, unit in data["parts"])
        else:
            amount = f"{number_text(Fraction(data['value']))} {_unit_text(data['u'])}"
        return f"Convert {amount} to {_unit_text(data['v'])}. {TAIL}"

    def solve(self, params: dict) -> tuple[list[str], Fraction]:
        """The worked-solution lines (without the boxed answer) and the exact answer."""
        data = params["data"]
        if data["kind"] == "simple":
            value = Fraction(data["value"])
            return convert_lines(value, data["u"], data["v"]), value * factor(data["u"], data["v"])
        if data["kind"] == "rate":
            (top_unit, bottom_unit), (top_target, bottom_target) = data["u"], data["v"]
            top, bottom = factor(top_unit, top_target), factor(bottom_unit, bottom_target)
            value = Fraction(data["value"])
            answer = value * top / bottom
            return [f"Convert the top unit: 1 {top_unit} to {top_target}.",
                    *convert_lines(Fraction(1), top_unit, top_target),
                    f"Convert the bottom unit: 1 {bottom_unit} to {bottom_target}.",
                    *convert_lines(Fraction(1), bottom_unit, bottom_target),
                    f"So 1 {top_unit}/{bottom_unit} = {number_text(top)} {top_target} per {number_text(bottom)} "
                    f"{bottom_target} = {number_text(top / bottom)} {top_target}/{bottom_target}.",
                    f"{number_text(value)} × {number_text(top / bottom)} = {number_text(answer)}."], answer
        lines, target = [], data["v"]
        parts = [Fraction(count) * factor(unit, target) for count, unit in data["parts"]]
        for count, unit in data["parts"]:
            lines += [f"Convert {count} {unit}:", *convert_lines(Fraction(count), unit, target)]
        total = sum(parts, Fraction(0))
        values = " + ".join(number_text(part) for part in parts)
        return [*lines, f"Add the parts: {values} = {number_text(total)} {target}."], total

    def answer_line(self, problem: Problem) -> str:
        """A fraction answer is boxed in LaTeX (``\\frac{125}{9}``), a decimal as it is."""
        text = number_text(problem.answer)
        return f"The answer is \\boxed{{{fraction_latex(problem.answer) if '/' in text else text}}}."
