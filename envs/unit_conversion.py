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
:func:`~textbook_gym.verifiers.numbers.parse_rational` with ``require_lowest_terms=True``:
an exact decimal (``213.36``), an integer, a fraction in lowest terms (``25/2``,
``\\frac{125}{9}``) or a mixed number (``13 8/9``). Rounded decimals are wrong; unreduced
fractions are refused. Units after the number are not part of the grammar: answer with the
number only.

**Worked solutions** multiply by the exact factor of each step (to the system's base unit,
across systems, then to the target unit), squaring factors for areas and converting the top
and bottom of a rate separately. The last line holds ``\\boxed{...}``.

**Problem-space sizes** (:meth:`UnitConversion.space_size`): estimates from 3,000 draws per level
(Chao1 estimator; a level where no problem repeated is given as the estimator's value,
a lower bound of the true size). Every level's test split holds at least 50 problems.

**Version history.** v0: first release.
"""

from __future__ import annotations

import functools
from fractions import Fraction as F

import numpy as np

from textbook_gym.family import Family, check_difficulty
from textbook_gym.problem import Problem
from textbook_gym.registry import register_family
from textbook_gym.verdict import Verdict
from textbook_gym.verifiers import check_answer
from textbook_gym.verifiers.numbers import parse_rational

INSTRUCTION = (
    "Give the exact number (without units) as \\boxed{213.36} or, when the decimal does not end, as a fraction "
    "in lowest terms such as \\boxed{\\frac{125}{9}}. A final line 'Answer: 213.36' is also accepted."
)
# unit -> (quantity, system base unit, factor to that base)
UNITS: dict[str, tuple[str, str, F]] = {
    "mm": ("length", "m", F(1, 1000)), "cm": ("length", "m", F(1, 100)), "m": ("length", "m", F(1)),
    "km": ("length", "m", F(1000)), "in": ("length", "in", F(1)), "ft": ("length", "in", F(12)),
    "yd": ("length", "in", F(36)), "mi": ("length", "in", F(63360)),
    "mg": ("mass", "g", F(1, 1000)), "g": ("mass", "g", F(1)), "kg": ("mass", "g", F(1000)),
    "t": ("mass", "g", F(10**6)), "oz": ("mass", "oz", F(1)), "lb": ("mass", "oz", F(16)),
    "mL": ("volume", "mL", F(1)), "L": ("volume", "mL", F(1000)), "kL": ("volume", "mL", F(10**6)),
    "cm³": ("volume", "mL", F(1)), "m³": ("volume", "mL", F(10**6)), "fl oz": ("volume", "fl oz", F(1)),
    "cup": ("volume", "fl oz", F(8)), "pt": ("volume", "fl oz", F(16)), "qt": ("volume", "fl oz", F(32)),
    "gal": ("volume", "fl oz", F(128)), "in³": ("volume", "fl oz", F(128, 231)), "ft³": ("volume", "fl oz", F(128 * 1728, 231)),
    "s": ("time", "s", F(1)), "min": ("time", "s", F(60)), "h": ("time", "s", F(3600)),
    "day": ("time", "s", F(86400)), "week": ("time", "s", F(604800)),
    "mm²": ("area", "m²", F(1, 10**6)), "cm²": ("area", "m²", F(1, 10**4)), "m²": ("area", "m²", F(1)),
    "ha": ("area", "m²", F(10**4)), "km²": ("area", "m²", F(10**6)), "in²": ("area", "in²", F(1)),
    "ft²": ("area", "in²", F(144)), "yd²": ("area", "in²", F(1296)), "acre": ("area", "in²", F(43560 * 144)),
}
# a US customary base in its metric base
CROSS = {"in": ("m", F(254, 10000)), "oz": ("g", F(45359237, 16 * 10**5)), "fl oz": ("mL", F(3785411784, 128 * 10**6)),
         "in²": ("m²", F(254, 10000) ** 2)}
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
         [("gal", "min"), ("L", "s")], [("kg", "m³"), ("g", "L")], [("L", "km"), ("gal", "mi")], [("lb", "in²"), ("kg", "cm²")]],
}


def num(x: F) -> str:
    """Exact decimal text when it terminates (within 12 places), otherwise ``a/b``."""
    for places in range(13):
        if (x * 10**places).denominator == 1:
            digits = str(abs(x * 10**places).numerator).rjust(places + 1, "0")
            text = digits if places == 0 else f"{digits[:-places]}.{digits[-places:]}"
            return ("-" if x < 0 else "") + text
    return f"{x.numerator}/{x.denominator}"


def factor(u: str, v: str) -> F:
    """How many ``v`` make one ``u``."""
    return _to_metric(u) / _to_metric(v)


def _to_metric(u: str) -> F:
    _, base, f = UNITS[u]
    return f * CROSS[base][1] if base in CROSS else f


# --------------------------------------------------------------------------- worked solutions
def convert_lines(value: F, u: str, v: str) -> list[str]:
    """Steps u -> base of u -> (other system's base) -> v, each with its exact factor."""
    _, bu, fu = UNITS[u]
    _, bv, fv = UNITS[v]
    lines, x = [], value
    if u != bu:
        x = value * fu
        lines.append(f"1 {u} = {num(fu)} {bu}, so {num(value)} {u} = {num(value)} × {num(fu)} = {num(x)} {bu}.")
    if bu != bv:
        if bu in CROSS:
            c = CROSS[bu][1]
            lines.append(f"1 {bu} = {num(c)} {bv} exactly, so {num(x)} {bu} = {num(x)} × {num(c)} = {num(x * c)} {bv}.")
        else:
            c = 1 / CROSS[bv][1]
            lines.append(f"1 {bv} = {num(CROSS[bv][1])} {bu} exactly, so {num(x)} {bu} = {num(x)} ÷ "
                         f"{num(CROSS[bv][1])} = {num(x * c)} {bv}.")
        x *= c
    if v != bv:
        lines.append(f"1 {v} = {num(fv)} {bv}, so {num(x)} {bv} = {num(x)} ÷ {num(fv)} = {num(x / fv)} {v}.")
        x /= fv
    if not lines:
        lines.append(f"{num(value)} {u} is already in {v}.")
    return lines


# --------------------------------------------------------------------------- generation
def _value(rng: np.random.Generator, places: int, hi: int = 100) -> F:
    return F(int(rng.integers(1, hi * 10**places)), 10**places)


def _pair(rng: np.random.Generator, units: list[str]) -> tuple[str, str]:
    i, j = (int(v) for v in rng.choice(len(units), size=2, replace=False))
    return units[i], units[j]


def _draw(rng: np.random.Generator, d: int) -> dict:
    r = lambda lo, hi: int(rng.integers(lo, hi + 1))  # noqa: E731 - local shorthand
    if d == 1:
        i = r(0, 2)
        u, v = (METRIC_LENGTH[i], METRIC_LENGTH[i + 1]) if rng.random() < 0.5 else (METRIC_LENGTH[i + 1], METRIC_LENGTH[i])
        return {"kind": "simple", "value": str(F(r(1, 999))), "u": u, "v": v}
    if d == 2:
        u, v = [("g", "kg"), ("mg", "g"), ("mL", "L"), ("kg", "t")][r(0, 3)]
        u, v = (u, v) if rng.random() < 0.5 else (v, u)
        return {"kind": "simple", "value": str(_value(rng, r(1, 2))), "u": u, "v": v}
    if d == 3:
        i = r(0, 3)
        u, v = (TIME[i], TIME[i + 1]) if rng.random() < 0.5 else (TIME[i + 1], TIME[i])
        value = F(r(1, 40), 2) if factor(u, v) > 1 else F(r(1, 400)) * (1 / factor(u, v)) / [1, 2, 4, 5, 8][r(0, 4)]
        return {"kind": "simple", "value": str(value), "u": u, "v": v}
    if d in (4, 5, 6, 7):
        groups = GROUPS[d]
        u, v = _pair(rng, groups[r(0, len(groups) - 1)])
        if d in (6, 7) and rng.random() < 0.5:
            u, v = v, u
        return {"kind": "simple", "value": str(_value(rng, r(0, 2))), "u": u, "v": v}
    if d in (8, 10):
        (nu, du), (nv, dv) = RATES[d][r(0, len(RATES[d]) - 1)]
        if rng.random() < 0.5:
            (nu, du), (nv, dv) = (nv, dv), (nu, du)
        return {"kind": "rate", "value": str(_value(rng, r(0, 1), 200 if d == 8 else 20)), "u": [nu, du], "v": [nv, dv]}
    kind = r(0, 2)
    if kind == 0:
        return {"kind": "mixed", "parts": [[r(1, 6), "ft"], [r(1, 11), "in"]], "v": ["cm", "m"][r(0, 1)]}
    if kind == 1:
        return {"kind": "mixed", "parts": [[r(1, 9), "h"], [r(1, 59), "min"]], "v": ["s", "min"][r(0, 1)]}
    u, v = [("m³", "L"), ("cm³", "mL"), ("L", "cm³"), ("ft³", "gal"), ("gal", "in³"), ("m³", "kL")][r(0, 5)]
    return {"kind": "simple", "value": str(_value(rng, r(0, 2), 50)), "u": u, "v": v}


def _answer(data: dict) -> F:
    if data["kind"] == "simple":
        return F(data["value"]) * factor(data["u"], data["v"])
    if data["kind"] == "rate":
        (nu, du), (nv, dv) = data["u"], data["v"]
        return F(data["value"]) * factor(nu, nv) / factor(du, dv)
    return sum((F(n) * factor(u, data["v"]) for n, u in data["parts"]), F(0))


def _question(data: dict) -> str:
    tail = "Give the exact value as a decimal or as a fraction in lowest terms."
    if data["kind"] == "simple":
        return f"Convert {num(F(data['value']))} {data['u']} to {data['v']}. {tail}"
    if data["kind"] == "rate":
        return f"Convert {num(F(data['value']))} {'/'.join(data['u'])} to {'/'.join(data['v'])}. {tail}"
    parts = " ".join(f"{n} {u}" for n, u in data["parts"])
    return f"Convert {parts} to {data['v']}. {tail}"


def _lines(data: dict, answer: F) -> list[str]:
    if data["kind"] == "simple":
        return convert_lines(F(data["value"]), data["u"], data["v"])
    if data["kind"] == "rate":
        (nu, du), (nv, dv) = data["u"], data["v"]
        top, bottom = factor(nu, nv), factor(du, dv)
        lines = [f"Convert the top unit: 1 {nu} to {nv}."] + convert_lines(F(1), nu, nv)
        lines += [f"Convert the bottom unit: 1 {du} to {dv}."] + convert_lines(F(1), du, dv)
        lines.append(f"So 1 {nu}/{du} = {num(top)} {nv} per {num(bottom)} {dv} = {num(top / bottom)} {nv}/{dv}.")
        lines.append(f"{num(F(data['value']))} × {num(top / bottom)} = {num(answer)}.")
        return lines
    lines, total = [], F(0)
    for n, u in data["parts"]:
        lines.append(f"Convert {n} {u}:")
        lines += convert_lines(F(n), u, data["v"])
        total += F(n) * factor(u, data["v"])
    values = " + ".join(num(F(n) * factor(u, data["v"])) for n, u in data["parts"])
    return lines + [f"Add the parts: {values} = {num(total)} {data['v']}."]


# --------------------------------------------------------------------------- exposition
_TOPICS = {
    "Conversion factors": [
        "A conversion factor is a fraction equal to 1, such as (100 cm)/(1 m). Multiplying by it changes the unit "
        "but not the quantity: {a} m × (100 cm / 1 m) = {a100} cm.",
        "Set up each factor so the unit you are leaving cancels: {a} km × (1000 m / 1 km) leaves metres, "
        "{a1000} m.",
    ],
    "Metric prefixes": [
        "Metric units differ by powers of ten: kilo- is 1000, centi- is 1/100, milli- is 1/1000. So {a} kg = "
        "{a1000} g and {a} g = {amilli} kg.",
        "To go from a larger metric unit to a smaller one, multiply; from smaller to larger, divide. {b} mm is "
        "{bcm} cm and {bm} m.",
    ],
    "Time": [
        "Time is not decimal: 1 h = 60 min and 1 min = 60 s, so {h} h = {hmin} min = {hs} s.",
        "A common slip is reading {h2} hours as {h2} hours and {tenths} tens of minutes; {h2} h is {h2min} min.",
    ],
    "US customary units": [
        "In US customary units 1 ft = 12 in, 1 yd = 3 ft and 1 mi = 5280 ft. So {n} yd = {n3} ft = {n36} in.",
        "For volume, 1 gal = 4 qt, 1 qt = 2 pt, 1 pt = 2 cups and 1 cup = 8 fl oz: {n} gal = {n16} cups.",
        "For weight, 1 lb = 16 oz, so {n} lb = {n16} oz.",
    ],
    "Between systems": [
        "The inch is defined as exactly 2.54 cm, so conversions between inches and centimetres are exact: {n} in = "
        "{nin} cm.",
        "The pound is defined as exactly 0.45359237 kg. So {n} lb = {nlb} kg exactly; 2.2 lb per kg is only an "
        "approximation.",
        "A mile is 5280 ft = 63360 in = 1.609344 km exactly, so {n} mi = {nmi} km.",
    ],
    "Areas": [
        "Area factors are squared: 1 m = 100 cm, so 1 m² = 100 × 100 = 10000 cm², and {a} m² = {a10000} cm². "
        "Using 100 instead of 10000 is the classic mistake.",
        "1 ft² = 12 × 12 = 144 in², so {n} ft² = {n144} in². An acre is 43560 ft².",
        "A hectare is a square 100 m on a side, so 1 ha = 10000 m² and {a} ha = {a10000} m².",
    ],
    "Rates": [
        "A rate has units on top and bottom; convert each. 1 km/h = 1000 m per 3600 s = 5/18 m/s, so {k} km/h = "
        "{kms} m/s.",
        "Going the other way multiplies by 18/5 = 3.6: {k} m/s = {kkmh} km/h.",
        "1 mi/h = 5280 ft per 3600 s = 22/15 ft/s, so {k} mi/h = {kfts} ft/s.",
    ],
    "Checking": [
        "Check a conversion by size: converting to a smaller unit must give a larger number. {a} km is {a1000} m, "
        "more metres than kilometres.",
        "Carry units through every step and cancel them like factors; if the units left at the end are not the "
        "ones asked for, a factor is upside down. {b} mm = {bm} m, not {bwrong} m.",
    ],
}


@functools.lru_cache(maxsize=1)
def _passages() -> tuple[str, ...]:
    rng = np.random.default_rng(9_2024_11)
    passages: list[str] = []
    seen: set[str] = set()
    while len(passages) < 200:
        for topic, templates in _TOPICS.items():
            a, b = F(int(rng.integers(1, 999)), 10), int(rng.integers(10, 9999))
            n, k = int(rng.integers(2, 60)), int(rng.integers(5, 150))
            h, h2 = F(int(rng.integers(1, 40)), 4), F(int(rng.integers(11, 99)), 10)
            values = {
                "a": num(a), "a100": num(a * 100), "a1000": num(a * 1000), "amilli": num(a / 1000), "b": b,
                "bcm": num(F(b, 10)), "bm": num(F(b, 1000)), "bwrong": num(F(b * 1000)), "h": num(h),
                "hmin": num(h * 60), "hs": num(h * 3600), "h2": num(h2), "tenths": num(h2 * 10 % 10),
                "h2min": num(h2 * 60), "n": n, "n3": 3 * n, "n36": 36 * n, "n16": 16 * n, "n144": 144 * n,
                "nin": num(n * F(254, 100)), "nlb": num(n * F(45359237, 10**8)), "nmi": num(n * F(1609344, 10**6)),
                "a10000": num(a * 10000), "k": k, "kms": num(k * F(5, 18)), "kkmh": num(k * F(18, 5)),
                "kfts": num(k * F(22, 15)),
            }
            template = templates[int(rng.integers(0, len(templates)))]
            text = f"{topic}. " + template.format(**values)
            if text not in seen:
                seen.add(text)
                passages.append(text)
    return tuple(passages)


# --------------------------------------------------------------------------- the family
def _boxed(x: F) -> str:
    text = num(x)
    return f"\\frac{{{x.numerator}}}{{{x.denominator}}}" if "/" in text else text


@register_family
class UnitConversion(Family):
    name = "UnitConversion"
    version = 0
    answer_type = "fraction"
    subject = "puzzles"
    space_sizes = {  # (count, exact) per level; see "Problem-space sizes" in the module docstring
        1: (6400, False), 2: (28_000, False), 3: (4200, False), 4: (24_000, False), 5: (22_000, False),
        6: (16_000, False), 7: (17_000, False), 8: (6400, False), 9: (3700, False), 10: (3000, False),
    }
    instruction = INSTRUCTION

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem:
        difficulty = check_difficulty(difficulty)
        data = _draw(rng, difficulty)
        return Problem(
            question=_question(data),
            answer=_answer(data),
            family=self.name,
            version=self.version,
            difficulty=difficulty,
            metadata={"data": data},
        )

    def worked_solution(self, problem: Problem) -> str:
        lines = _lines(problem.metadata["data"], problem.answer)
        return "\n".join([*lines, f"The answer is \\boxed{{{_boxed(problem.answer)}}}."])

    def exposition(self) -> list[str]:
        return list(_passages())

    def verify(self, problem: Problem, response: str) -> Verdict:
        """Exact rational comparison; decimals, lowest-terms fractions and mixed numbers accepted.

        >>> fam = UnitConversion()
        >>> p = Problem("Convert 50 km/h to m/s.", F(125, 9), "UnitConversion")
        >>> fam.verify(p, "\\\\boxed{\\\\frac{125}{9}}").status.value
        'CORRECT'
        >>> fam.verify(p, "\\\\boxed{13.89}").status.value
        'INCORRECT'
        """
        return check_answer(response, problem.answer, lambda span: parse_rational(span, require_lowest_terms=True))
