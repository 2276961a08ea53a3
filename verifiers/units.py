"""Known units after a numeric answer: stripped for comparison, converted when both sides carry one.

Only words in :data:`UNITS` (and their plurals) are units. Anything else after a
number stays part of the answer, so ``72 \\text{ or more}`` or
``72 \\text{ is not the answer}`` is not the number 72 (that would pay a hedge).

A unit may be written bare (``5 cm``), in ``\\text{}``, ``\\textbf{}``, ``\\mathrm{}``,
``\\mbox{}`` or ``\\,\\text{}``; ``\\$`` and ``$`` before a number are currency signs.
Units of one dimension convert exactly (``5 cm`` is ``50 mm``); units of different
dimensions never compare equal; a unit on one side only is ignored (the question
fixed the unit).

>>> split_unit("5 \\\\text{ cm}")
('5', 'cm')
>>> split_unit("72 \\\\text{ or more}")
('72 \\\\text{ or more}', None)
>>> convert(5, "cm", "mm")
Fraction(50, 1)
"""

from __future__ import annotations

import re
from fractions import Fraction

# unit -> (dimension, factor to the dimension's base unit); plurals are added below.
_TABLE: dict[str, tuple[str, Fraction]] = {
    "mm": ("length", Fraction(1, 1000)), "millimeter": ("length", Fraction(1, 1000)),
    "cm": ("length", Fraction(1, 100)), "centimeter": ("length", Fraction(1, 100)),
    "m": ("length", Fraction(1)), "meter": ("length", Fraction(1)), "metre": ("length", Fraction(1)),
    "km": ("length", Fraction(1000)), "kilometer": ("length", Fraction(1000)),
    "in": ("length", Fraction(254, 10000)), "inch": ("length", Fraction(254, 10000)),
    "inches": ("length", Fraction(254, 10000)),
    "ft": ("length", Fraction(3048, 10000)), "foot": ("length", Fraction(3048, 10000)),
    "feet": ("length", Fraction(3048, 10000)),
    "yd": ("length", Fraction(9144, 10000)), "yard": ("length", Fraction(9144, 10000)),
    "mi": ("length", Fraction(1609344, 1000)), "mile": ("length", Fraction(1609344, 1000)),
    "mg": ("mass", Fraction(1, 1000)), "milligram": ("mass", Fraction(1, 1000)),
    "g": ("mass", Fraction(1)), "gram": ("mass", Fraction(1)),
    "kg": ("mass", Fraction(1000)), "kilogram": ("mass", Fraction(1000)),
    "lb": ("mass", Fraction(45359237, 100000)), "lbs": ("mass", Fraction(45359237, 100000)),
    "pound": ("mass", Fraction(45359237, 100000)),
    "oz": ("mass", Fraction(45359237, 1600000)), "ounce": ("mass", Fraction(45359237, 1600000)),
    "ms": ("time", Fraction(1, 1000)), "s": ("time", Fraction(1)), "sec": ("time", Fraction(1)),
    "second": ("time", Fraction(1)), "min": ("time", Fraction(60)), "minute": ("time", Fraction(60)),
    "h": ("time", Fraction(3600)), "hr": ("time", Fraction(3600)), "hour": ("time", Fraction(3600)),
    "day": ("time", Fraction(86400)), "week": ("time", Fraction(604800)),
    "ml": ("volume", Fraction(1, 1000)), "mL": ("volume", Fraction(1, 1000)),
    "milliliter": ("volume", Fraction(1, 1000)), "l": ("volume", Fraction(1)), "L": ("volume", Fraction(1)),
    "liter": ("volume", Fraction(1)), "litre": ("volume", Fraction(1)),
    "dollar": ("money", Fraction(1)), "cent": ("money", Fraction(1, 100)),
    "sq": ("area", Fraction(1)), "square": ("area", Fraction(1)),
    "unit": ("count", Fraction(1)), "degree": ("angle", Fraction(1)),
}
# Counting words a model appends to a count ("12 apples"): a unit of their own, never converted.
_COUNT_WORDS = (
    "apple book student people person child children boy girl men women man woman friend cookie cupcake egg "
    "marble ball toy card stamp sticker pencil pen candy candies chocolate flower tree page problem question "
    "point mark vote ticket seat car bike bus hour minute day year month time way item piece slice pie cake "
    "box bag bottle cup glass jar can game song movie dog cat bird fish animal cow pig sheep chicken duck "
    "coin bill dozen pair row column team member worker employee customer visitor guest player clip bead "
    "shell rock sandwich orange banana grape lemon peach pear muffin brownie pizza plate bowl chair table desk "
    "house room floor window door wheel leg tire block brick tile stone ribbon rope string sock shoe shirt dress "
    "hat ride lap mile step stair sheet tray basket crate bucket pack packet envelope letter photo picture"
).split()
UNITS: dict[str, tuple[str, Fraction]] = {}
"""Every known unit word (with plurals) -> (dimension, factor to the base unit)."""
for _name, _entry in _TABLE.items():
    UNITS[_name] = _entry
    if len(_name) > 2 and not _name.endswith("s"):
        UNITS[_name + "s"] = _entry
for _word in _COUNT_WORDS:
    for _form in (_word, _word + "s", _word + "es", _word[:-1] + "ies" if _word.endswith("y") else _word):
        UNITS.setdefault(_form, ("count:" + _word, Fraction(1)))
UNITS["children"] = ("count:child", Fraction(1))
UNITS["people"] = ("count:person", Fraction(1))
UNITS["men"] = ("count:man", Fraction(1))
UNITS["women"] = ("count:woman", Fraction(1))

_WRAPPED_UNIT_RE = re.compile(
    r"(?:\\[,;:! ]|~|\s){0,4}\\(?:text|textbf|textrm|textnormal|textit|mathrm|mbox|mathbf|operatorname)\s{0,3}\{\s{0,3}([A-Za-z]{1,20}"
    r"(?:\s{1,3}[A-Za-z]{1,20}){0,2})\s{0,3}\}(?:\^\{?[23]\}?)?\s{0,3}$"
)
_BARE_UNIT_RE = re.compile(r"(?<=[0-9}.)$])(?:\\[,;:! ]|~|\s){0,4}([A-Za-z]{1,20}(?:\s{1,3}[A-Za-z]{1,20}){0,2})(?:\^\{?[23]\}?)?\s{0,3}$")


def canonical_unit(words: str) -> str | None:
    """The unit named by ``words`` ("square feet" -> "sq ft"), or None when it is not a known unit."""
    parts = words.split()
    if not parts or len(parts) > 3:
        return None
    if all(part in UNITS or part.lower() in UNITS for part in parts):
        return " ".join(part if part in UNITS else part.lower() for part in parts)
    return None


def split_unit(text: str) -> tuple[str, str | None]:
    """``(rest, unit)`` when ``text`` ends in a known unit, else ``(text, None)``."""
    for pattern in (_WRAPPED_UNIT_RE, _BARE_UNIT_RE):
        m = pattern.search(text)
        if m is None:
            continue
        unit = canonical_unit(m.group(1))
        rest = text[: m.start()].rstrip()
        if unit is not None and rest:
            return rest, unit
    return text, None


def _factor(unit: str) -> tuple[str, Fraction] | None:
    parts = unit.split()
    if parts[0] in ("sq", "square") and len(parts) == 2 and parts[1] in UNITS:
        dim, f = UNITS[parts[1]]
        return "area:" + dim, f * f
    if len(parts) == 1 and parts[0] in UNITS:
        return UNITS[parts[0]]
    return None


def convert(value: Fraction | int, unit: str, target: str) -> Fraction | None:
    """``value`` in ``unit`` expressed in ``target``; None when the units measure different things."""
    a, b = _factor(unit), _factor(target)
    if a is None or b is None:
        return Fraction(value) if unit == target else None
    if a[0] != b[0]:
        return None
    return Fraction(value) * a[1] / b[1]
