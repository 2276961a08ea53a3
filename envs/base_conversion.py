"""BaseConversion: convert whole numbers between bases 2 to 16, and compute in other bases.

**Asked.** ``Convert 10110_{2} to base 10.``, ``Convert 3F7_{16} to base 2.``,
``Compute 3421_{5} + 1034_{5}. Give the answer in base 5.``

**Difficulty** changes the kind of problem:

==  ==============================================================  ==============================
 1  a short binary numeral to decimal                                 ``1101_{2}``
 2  decimal to binary (repeated division by 2)                        ``181`` to base 2
 3  base 3-9 to decimal                                               ``2143_{5}``
 4  decimal to base 3-9                                               ``500`` to base 7
 5  hexadecimal to decimal or decimal to hexadecimal                  ``3AF_{16}``
 6  binary to hexadecimal or octal and back, by grouping bits         ``1011 0110_{2}`` to base 16
 7  between two non-decimal bases (through base 10)                   ``2012_{3}`` to base 7
 8  addition in base 2-16 with carries                                ``3421_{5} + 1034_{5}``
 9  subtraction with borrows, or multiplication by one digit          ``A3F_{16} - 2B8_{16}``
10  multiplication of multi-digit numerals, or long conversions       ``254_{7} × 63_{7}``
==  ==============================================================  ==============================

**Answer type.** A ``str``: the numeral in the target base, digits ``0-9`` then ``A-F``. Accepted: either letter case,
leading zeros, a subscript naming the *target* base (``1F_{16}``, ``1F_16``, ``1F_{(16)}``, ``1F (base 16)``), the
prefixes ``0x``/``0b``/``0o`` for bases 16/2/8, single spaces or underscores between digit groups (``1011 0110``).
Refused: a digit the target base lacks (``9`` in base 8), a subscript naming another base, signs. Compared as a number.

**Worked solutions** expand numerals by place value, convert from decimal by repeated division (remainders read from the
last to the first), group binary digits in fours or threes, and do column arithmetic in the given base with explicit
carries and borrows. The last line holds ``\\boxed{answer}``.

**Version history.** v0: first release. v1: levels 1 and 2 use numbers up to 1023 (ten
binary digits) instead of 127 and 255, so each level's test split holds about 100 problems.
"""

from __future__ import annotations

import operator
import re

import numpy as np

from textbook_gym.envs._kit import Family, Problem, Verdict, register_family
from textbook_gym.verifiers import ParseError, check_answer
from textbook_gym.verifiers.guards import guard_span
from textbook_gym.verifiers.normalize import normalize_span

from ._kit.draw import integer
from ._kit.tables import topic_exposition
from ._kit.texts import exposition_texts

DIGITS = "0123456789ABCDEF"
PREFIX = {16: "0X", 2: "0B", 8: "0O"}
to_base = np.base_repr
"""``to_base(number, base)``: the numeral of ``number >= 0`` in ``base`` (digits 0-9 then A-F)."""


def subscripted(number: int, base: int) -> str:
    """``1011_{2}``: the numeral of ``number`` in ``base``, marked with its base."""
    return f"{to_base(number, base)}_{{{base}}}"


def place_terms(numeral: str, base: int) -> list[str]:
    """The place-value terms of a numeral, ``digit×base^power``, from the left."""
    return [f"{DIGITS.index(ch)}×{base}^{len(numeral) - 1 - i}" for i, ch in enumerate(numeral)]


def bit_groups(number: int, width: int) -> list[str]:
    """The binary digits of ``number`` in groups of ``width`` from the right, the first padded with zeros."""
    bits = to_base(number, 2)
    bits = bits.zfill(-(-len(bits) // width) * width)
    return [bits[i : i + width] for i in range(0, len(bits), width)]


# --------------------------------------------------------------------------- answer grammar
_SUBSCRIPT_RE = re.compile(r"(.*?)\s*(?:_\s*\{?\s*\(?\s*(\d{1,2})\s*\)?\s*\}?|\(\s*base\s*(\d{1,2})\s*\))")
_GROUP_RE = re.compile(r"(?<=[0-9A-Z])[ _](?=[0-9A-Z])")


def parse_numeral(span: str, base: int) -> int:
    """Read a numeral in ``base`` (2..16) under the module's grammar.

    >>> parse_numeral("0x1f", 16)
    31
    >>> parse_numeral("1011 0110_{2}", 2)
    182
    """
    text = normalize_span(guard_span(span)).strip()
    if len(text) > 200:
        raise ParseError("numeral is longer than 200 characters")
    if marked := _SUBSCRIPT_RE.fullmatch(text):
        named = int(marked.group(2) or marked.group(3))
        if named != base:
            raise ParseError(f"the answer is marked as base {named}, but the question asks for base {base}")
        text = marked.group(1).strip()
    text = text.upper()
    if base in PREFIX and text.startswith(PREFIX[base]) and len(text) > 2:
        text = text[2:]
    text = _GROUP_RE.sub("", text)
    bad = next((ch for ch in text if ch not in DIGITS[:base]), "")
    if not text or bad:
        raise ParseError(f"{text[:30]!r} is not a base-{base} numeral" + (f" ({bad!r} is not a digit)" if bad else ""))
    return int(text, base)


# --------------------------------------------------------------------------- generation
def _draw(rng: np.random.Generator, level: int) -> dict:
    if level == 1:
        return {"kind": "convert", "n": integer(rng, 4, 1023), "src": 2, "dst": 10}
    if level == 2:
        return {"kind": "convert", "n": integer(rng, 8, 1023), "src": 10, "dst": 2}
    if level == 3:
        base = integer(rng, 3, 9)
        return {"kind": "convert", "n": integer(rng, base**2, base**4 - 1), "src": base, "dst": 10}
    if level == 4:
        return {"kind": "convert", "n": integer(rng, 20, 999), "src": 10, "dst": integer(rng, 3, 9)}
    if level == 5:
        src, dst = (16, 10) if rng.random() < 0.5 else (10, 16)
        return {"kind": "convert", "n": integer(rng, 16, 4095), "src": src, "dst": dst}
    if level == 6:
        other = 16 if rng.random() < 0.6 else 8
        src, dst = (2, other) if rng.random() < 0.5 else (other, 2)
        return {"kind": "group", "n": integer(rng, 64, 65535), "src": src, "dst": dst}
    if level == 7:
        src, dst = (int(v) for v in rng.choice([2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 16], size=2, replace=False))
        return {"kind": "convert", "n": integer(rng, 50, 5000), "src": src, "dst": dst}
    base = integer(rng, 2, 16)
    if level == 8:
        hi = base ** integer(rng, 2, 4) - 1
        return {"kind": "add", "a": integer(rng, base, hi), "b": integer(rng, base, hi), "base": base}
    if level == 9:
        if rng.random() < 0.5:
            first, second = integer(rng, base, base**4 - 1), integer(rng, base, base**3 - 1)
            return {"kind": "sub", "a": max(first, second), "b": min(first, second), "base": base}
        a = integer(rng, base, base**3 - 1)
        return {"kind": "mul1", "a": a, "b": integer(rng, 2, base - 1) if base > 2 else 1, "base": base}
    if rng.random() < 0.6:
        base = max(base, 3)
        return {"kind": "mul", "a": integer(rng, base, base**3 - 1), "b": integer(rng, base, base**2 - 1), "base": base}
    src, dst = (int(v) for v in rng.choice(np.arange(2, 17), size=2, replace=False))
    return {"kind": "convert", "n": integer(rng, 5000, 999999), "src": src, "dst": dst}


OPERATIONS = {"add": ("+", operator.add, "Add"), "sub": ("-", operator.sub, "Subtract"),
              "mul1": ("×", operator.mul, "Multiply"), "mul": ("×", operator.mul, "Multiply")}
"""Arithmetic kinds: the sign in the question, the operation and the verb of the column method."""


def _answer(data: dict) -> tuple[int, int]:
    """The answer's value and the base it is written in."""
    if data["kind"] in ("convert", "group"):
        return data["n"], data["dst"]
    return OPERATIONS[data["kind"]][1](data["a"], data["b"]), data["base"]


# --------------------------------------------------------------------------- worked solutions
def expand_lines(number: int, base: int) -> list[str]:
    """Expand the numeral of ``number`` in ``base`` by place value, back to ``number``."""
    numeral = to_base(number, base)
    letters = ", ".join(f"{ch} = {DIGITS.index(ch)}" for ch in sorted(set(numeral)) if ch.isalpha())
    lines = [f"In base {base} the letters stand for {letters}."] if letters else []
    values = [DIGITS.index(ch) * base ** (len(numeral) - 1 - i) for i, ch in enumerate(numeral)]
    return [*lines, f"Expand by place value: {subscripted(number, base)} = {' + '.join(place_terms(numeral, base))}",
            f"= {' + '.join(map(str, values))} = {sum(values)}."]


def division_lines(number: int, base: int) -> list[str]:
    """Repeated division by the base, once per digit; the remainders, last first, are the digits."""
    lines = [f"Divide {number} by {base} repeatedly and record the remainders."]
    for place in range(len(to_base(number, base))):
        dividend = number // base**place
        quotient, remainder = divmod(dividend, base)
        extra = f" (digit {DIGITS[remainder]})" if remainder >= 10 else ""
        lines.append(f"{dividend} ÷ {base} = {quotient} remainder {remainder}{extra}")
    return [*lines, f"Read the remainders from the last to the first: {to_base(number, base)}."]


def group_lines(number: int, src: int, dst: int) -> list[str]:
    """Binary to base 8 or 16 and back, a digit per group of bits."""
    width, other = (4 if 16 in (src, dst) else 3), max(src, dst)
    groups = bit_groups(number, width)
    pairs = ", ".join(f"{group} = {DIGITS[int(group, 2)]}" for group in groups)
    why = f"Each base-{other} digit is exactly {width} binary digits, because {other} = 2^{width}."
    if src == 2:
        return [why, f"Group the bits in {width}s from the right (padding with zeros): {' '.join(groups)}.",
                f"Translate each group: {pairs}."]
    return [why, f"Write each digit of {to_base(number, src)} as {width} bits: {pairs.replace(' = ', ' ↔ ')}.",
            f"Join the groups and drop leading zeros: {to_base(number, 2)}."]


def column_lines(first: int, second: int, base: int, kind: str) -> list[str]:
    """Column addition, subtraction or one-digit multiplication in ``base``, ones first (``first >= second``)."""
    top, bottom = to_base(first, base)[::-1], to_base(second, base)[::-1]
    lines = [f"{OPERATIONS[kind][2]} column by column in base {base}, starting with the rightmost digit."]
    carry = 0
    for i, digit in enumerate(top):
        x = DIGITS.index(digit)
        y = DIGITS.index(bottom[i]) if i < len(bottom) else 0
        if kind != "sub":
            shown = f"{x} × {second}" if kind == "mul1" else f"{x} + {y}"
            total = (x * second if kind == "mul1" else x + y) + carry
            quotient, remainder = divmod(total, base)
            lines.append(f"column {i + 1}: {shown} + {carry} = {total} = {quotient}×{base} + {remainder}, "
                         f"write {DIGITS[remainder]}, carry {quotient}")
            carry = quotient
        elif i >= len(bottom) and not carry:
            lines.append(f"column {i + 1}: bring down {digit}")
        else:
            paid = f"{x} - 1 = {x - carry}, and " if carry else ""
            x -= carry
            shown = f"{x} < {y}, borrow {base}: {x + base} - {y}" if x < y else f"{x} - {y}"
            difference = x + base * (x < y) - y
            lines.append(f"column {i + 1}: {paid}{shown} = {difference}, write {DIGITS[difference]}")
            carry = int(x < y)
    if carry and kind != "sub":
        lines.append(f"The final carry {DIGITS[carry]} becomes the leading digit.")
    return lines


# --------------------------------------------------------------------------- exposition
_TOPICS = exposition_texts(__name__)


def _passage_values(rng: np.random.Generator, _topic: str) -> dict:
    """Fresh values for one passage; the same fields serve every topic."""
    b, n = int(rng.integers(3, 10)), int(rng.integers(20, 700))
    n2, n16, byte = int(rng.integers(5, 64)), int(rng.integers(200, 4000)), int(rng.integers(16, 256))
    n2long, x, y = int(rng.integers(100, 4096)), int(rng.integers(10, 200)), int(rng.integers(10, 200))
    nb = to_base(n, b)
    return {"b": b, "b2": b * b, "b3": b**3, "bm1": b - 1, "n": n, "nb": nb, "rev": nb[::-1],
            "expand": " + ".join(place_terms(nb, b)), "n2": to_base(n2, 2), "n2val": n2,
            "bits": " + ".join(str(2**i) for i, ch in enumerate(to_base(n2, 2)[::-1]) if ch == "1"),
            "n16": to_base(n16, 16), "n16val": n16, "byte": byte, "byte16": to_base(byte, 16),
            "byte2": to_base(byte, 2), "n2long": to_base(n2long, 2), "groups4": " ".join(bit_groups(n2long, 4)),
            "groups3": " ".join(bit_groups(n2long, 3)), "nhex": to_base(n2long, 16), "noct": to_base(n2long, 8),
            "x": x, "y": y, "s": x + y, "xb": to_base(x, b), "yb": to_base(y, b), "sb": to_base(x + y, b)}


# --------------------------------------------------------------------------- the family
@register_family
class BaseConversion(Family):
    name = "BaseConversion"
    version = 1
    answer_type = "numeral"
    subject = "arithmetic"
    instruction = ("Give your final answer as the numeral in the requested base, e.g. \\boxed{1011} or \\boxed{3AF} "
                   "(a subscript naming that base, such as \\boxed{3AF_{16}}, is optional). "
                   "A final line 'Answer: 3AF' is also accepted.")

    exposition = topic_exposition(7_2024_11, 200, _TOPICS, _passage_values)

    def draw(self, rng: np.random.Generator, level: int) -> dict:
        data = _draw(rng, level)
        return {"base": _answer(data)[1], "data": data}

    def question(self, params: dict) -> str:
        data = params["data"]
        if data["kind"] in ("convert", "group"):
            shown = str(data["n"]) if data["src"] == 10 else subscripted(data["n"], data["src"])
            return f"Convert {shown} to base {data['dst']}."
        a, b = (subscripted(data[key], data["base"]) for key in ("a", "b"))
        return f"Compute {a} {OPERATIONS[data['kind']][0]} {b}. Give the answer in base {data['base']}."

    def solve(self, params: dict) -> tuple[list[str], str]:
        """The worked lines and the answer numeral in the target base."""
        data = params["data"]
        kind, (value, target) = data["kind"], _answer(data)
        answer = to_base(value, target)
        if kind == "group":
            return group_lines(data["n"], data["src"], data["dst"]), answer
        if kind == "convert":
            lines = expand_lines(value, data["src"]) if data["src"] != 10 else []
            return (lines + division_lines(value, target) if target != 10 else lines), answer
        a, b = data["a"], data["b"]
        if kind == "mul":
            return ["Convert both factors to base 10, multiply, and convert back.", *expand_lines(a, target),
                    *expand_lines(b, target), f"{a} × {b} = {a * b}.", *division_lines(a * b, target)], answer
        return column_lines(max(a, b), min(a, b), target, kind), answer  # an addition may draw the larger second

    def verify(self, problem: Problem, response: str) -> Verdict:
        """Read the answer as a numeral in the target base and compare values.

        >>> fam = BaseConversion()
        >>> p = Problem("Convert 31 to base 16.", "1F", "BaseConversion", metadata={"base": 16})
        >>> fam.verify(p, "\\\\boxed{1f_{16}}").status.value
        'CORRECT'
        >>> fam.verify(p, "\\\\boxed{1F_{8}}").status.value
        'UNPARSEABLE'
        """
        base = problem.metadata["base"]
        return check_answer(response, problem.answer, lambda span: parse_numeral(span, base),
                            equal=lambda value, gold: value == int(gold, base))
