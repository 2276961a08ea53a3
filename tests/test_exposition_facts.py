"""Exposition passages state true facts: the numbers a passage computes are recomputed here.

Passages are generated from numbers, so a template that is wrong for some numbers
(a carry of 0 "made from ten ones", a gcd of 1 used to "reduce" a fraction) is
wrong in many passages at once. Each check below reads one kind of statement back
out of every family's passages and recomputes it independently:

* arithmetic chains ``a op b ... = c = d`` over decimal numbers (``+ - × ÷ *``, parentheses);
* fraction equalities ``p/q = r/s`` and ``p/q = n``;
* ``gcd(a, b) = g``, ``lcm(a, b) = l``, ``C(n, k) = v`` and ``n! = v``;
* "reduce p/q ... greatest common divisor g" statements;
* Arithmetic's carrying passage (ones column sum and the carry it makes).
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

import pytest

import textbook_gym

FAMILIES = textbook_gym.list_families()

# --------------------------------------------------------------------------- arithmetic chains
_NUM = r"(?:\d+(?:\.\d+)?)"
_ATOM = r"(?:\(\s*[−-]?" + _NUM + r"\s*\)|[−-]?" + _NUM + r")"
_SIDE = r"(?:\(?\s*" + _ATOM + r"(?:\s*[+\-−×÷*]\s*\(?\s*" + _ATOM + r"\s*\)?)*\s*\)?)"
CHAIN = re.compile(_SIDE + r"(?:\s*=\s*" + _SIDE + r")+")
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[+\-−×÷*()]")
_CONTINUES_LEFT = set("+-−×÷*·^/()=≡≠<>≤≥_{}\\!'|")
_CONTINUES_RIGHT = set("×÷*·^/({}\\_!'")


def evaluate(text: str, base: int = 10) -> Fraction:
    """Exact value of a small arithmetic expression (numbers in ``base``, + - × ÷ *, parentheses)."""
    tokens = [t.replace("−", "-").replace("*", "×") for t in _TOKEN.findall(text)]
    pos = 0

    def peek():
        return tokens[pos] if pos < len(tokens) else None

    def take():
        nonlocal pos
        pos += 1
        return tokens[pos - 1]

    def atom():
        token = take()
        if token == "-":
            return -atom()
        if token == "(":
            value = expr()
            if take() != ")":
                raise ValueError("unbalanced parentheses")
            return value
        return Fraction(token) if base == 10 else Fraction(int(token, base))

    def term():
        value = atom()
        while peek() in ("×", "÷"):
            value = value * atom() if take() == "×" else value / atom()
        return value

    def expr():
        value = term()
        while peek() in ("+", "-"):
            value = value + term() if take() == "+" else value - term()
        return value

    value = expr()
    if pos != len(tokens):
        raise ValueError("trailing tokens")
    return value


def standalone(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a whole statement, not a piece of a longer expression."""
    raw_head, raw_tail = text[:start], text[end:]
    head, tail = raw_head.rstrip(), raw_tail.lstrip()
    if head and head[-1] in _CONTINUES_LEFT:
        return False  # part of a longer (symbolic) expression to the left
    if raw_head[-1:].isalnum() or (raw_head[-1:] in (".", ",") and raw_head[-2:-1].isdigit()):
        return False  # starts inside a word or a number
    if raw_tail[:1].isalnum() or (tail[:1] in (".", ",") and tail[1:2].isdigit()):
        return False  # ends inside a word or a number
    return not (tail and (tail[0] in _CONTINUES_RIGHT or (tail[0] in "+-−" and tail[1:2] == " ")))


BASE = re.compile(r"\b[Ii]n base (\d+)\b")


def false_chains(text: str) -> list[str]:
    """Every standalone ``x = y = ...`` chain of arithmetic in ``text`` whose sides differ.

    Numerals are decimal, or in base b when the passage says "in base b" (one base only).
    """
    bases = {int(b) for b in BASE.findall(text)}
    if len(bases) > 1:
        return []
    base = bases.pop() if bases else 10
    wrong = []
    for match in CHAIN.finditer(text):
        chain = match.group(0).strip()
        start = match.start() + (len(match.group(0)) - len(match.group(0).lstrip()))
        if not standalone(text, start, start + len(chain)):
            continue
        try:
            values = [evaluate(side, base) for side in chain.split("=")]
        except (ValueError, ZeroDivisionError, IndexError):
            continue
        if len(set(values)) > 1:
            wrong.append(chain)
    return wrong


def test_the_chain_checker_catches_a_false_chain():
    assert false_chains("So 3 + 4 × 2 = 14 here.") == ["3 + 4 × 2 = 14"]
    assert false_chains("So 3 + 4 × 2 = 11 = 22 ÷ 2.") == []
    assert false_chains("Solve 2x + 3 = 7 for x.") == []  # symbolic: not a chain of numbers
    assert false_chains("In base 5, 1211 - 443 = 213.") == []
    assert false_chains("In base 5, 1211 - 443 = 313.") == ["1211 - 443 = 313"]


# --------------------------------------------------------------------------- named facts
FRACTION_EQ = re.compile(r"(\d+)/(\d+) = (\d+)(?:/(\d+)| (\d+)/(\d+))?")
GCD = re.compile(r"gcd\((\d+), (\d+)\) = (\d+)")
LCM = re.compile(r"lcm\((\d+), (\d+)\) = (\d+)")
BINOMIAL = re.compile(r"C\((\d+), (\d+)\) = (\d+)")
FACTORIAL = re.compile(r"(\d+)! = (\d+)")
REDUCE_BY_GCD = re.compile(r"(\d+)/(\d+)(?: = \d+/\d+)?\D{0,120}?greatest common divisor,? (\d+)")


def _facts(pattern: re.Pattern, text: str):
    """Matches of ``pattern`` that stand alone (not the start or end of a longer expression)."""
    for match in pattern.finditer(text):
        if standalone(text, match.start(), match.end()):
            yield match.groups()


def false_facts(text: str) -> list[str]:
    wrong = []
    for a, b, c, d, e, f in _facts(FRACTION_EQ, text):
        right = Fraction(int(c), int(d or 1)) + (Fraction(int(e), int(f)) if f else 0)  # p/q, n or a mixed number
        if int(b) and Fraction(int(a), int(b)) != right:
            wrong.append(f"{a}/{b} = {c}{'/' + d if d else ''}{' ' + e + '/' + f if f else ''}")
    for a, b, g in _facts(GCD, text):
        if math.gcd(int(a), int(b)) != int(g):
            wrong.append(f"gcd({a}, {b}) = {g}")
    for a, b, m in _facts(LCM, text):
        if math.lcm(int(a), int(b)) != int(m):
            wrong.append(f"lcm({a}, {b}) = {m}")
    for n, k, v in _facts(BINOMIAL, text):
        if math.comb(int(n), int(k)) != int(v):
            wrong.append(f"C({n}, {k}) = {v}")
    for n, v in _facts(FACTORIAL, text):
        if math.factorial(int(n)) != int(v):
            wrong.append(f"{n}! = {v}")
    for a, b, g in REDUCE_BY_GCD.findall(text):
        if math.gcd(int(a), int(b)) != int(g) or int(g) == 1:
            wrong.append(f"{a}/{b} reduced by a greatest common divisor of {g}")
    return wrong


CONGRUENCE = re.compile(r"([\d^×+\- ]*\d)((?: ≡ [\d^×+\- ]*\d)+) \(mod (\d+)\)")


def _residue(text: str, modulus: int) -> int:
    """Value mod ``modulus`` of ``a``, ``a^k``, ``a × b``, sums and differences of those."""
    total = 0
    for sign, term in re.findall(r"([+-]?)\s*([\d^× ]+)", text.replace(" - ", " -").replace(" + ", " +")):
        value = 1
        for factor in term.split("×"):
            base, _, exponent = factor.strip().partition("^")
            value = value * pow(int(base), int(exponent or 1), modulus) % modulus
        total += -value if sign == "-" else value
    return total % modulus


def false_congruences(text: str) -> list[str]:
    """Chains ``a ≡ b ≡ c (mod m)`` (numbers, powers, products, sums) whose sides differ mod m."""
    wrong = []
    for match in CONGRUENCE.finditer(text):
        left = match.group(1)
        head = text[: match.start() + len(left) - len(left.lstrip())]
        if head[-1:].isalnum() or head.rstrip()[-1:] in _CONTINUES_LEFT or match.group(1).strip()[:1] == "^":
            continue  # the left side is longer than the numbers matched (``31x ≡ ...``)
        modulus = int(match.group(3))
        sides = [match.group(1)] + match.group(2).split(" ≡ ")[1:]
        try:
            residues = {_residue(side, modulus) for side in sides}
        except ValueError:
            continue  # not a plain arithmetic side (a bare sign, an exponent without a base ...)
        if len(residues) > 1:
            wrong.append(match.group(0).strip())
    return wrong


def test_the_congruence_checker():
    assert false_congruences("so 6^2 ≡ 36 ≡ 1 (mod 5) and") == []
    assert false_congruences("so 2^10 ≡ 3 (mod 7).") == ["2^10 ≡ 3 (mod 7)"]
    assert false_congruences("For 31x ≡ 135 (mod 157): x ≡ 76 × 135 ≡ 55 (mod 157).") == []


@pytest.mark.parametrize("name", FAMILIES)
def test_exposition_congruences_are_true(name):
    family = textbook_gym.get_family(name)
    wrong = [(fact, text[:160]) for text in family.exposition() for fact in false_congruences(text)]
    assert not wrong, f"{name}: false congruences in exposition: {wrong[:5]}"


def test_the_fact_checker_catches_false_facts():
    assert false_facts("Always reduce: 25/152 = 25/152. Divide both by their greatest common divisor, 1.")
    assert false_facts("gcd(12, 18) = 3 and C(5, 2) = 10.") == ["gcd(12, 18) = 3"]
    assert false_facts("Here 6/8 = 3/4 and 5! = 120 and lcm(4, 6) = 12.") == []


@pytest.mark.parametrize("name", FAMILIES)
def test_exposition_arithmetic_is_true(name):
    family = textbook_gym.get_family(name)
    wrong = [(chain, text[:160]) for text in family.exposition() for chain in false_chains(text)]
    assert not wrong, f"{name}: false arithmetic in exposition: {wrong[:5]}"


@pytest.mark.parametrize("name", FAMILIES)
def test_exposition_named_facts_are_true(name):
    family = textbook_gym.get_family(name)
    wrong = [(fact, text[:160]) for text in family.exposition() for fact in false_facts(text)]
    assert not wrong, f"{name}: false statements in exposition: {wrong[:5]}"


CARRY = re.compile(r"In (\d+) \+ (\d+) the ones column makes (\d+); (.*?)\.")


def test_arithmetic_carry_passages_carry_only_from_ten_ones():
    passages = [m for text in textbook_gym.get_family("Arithmetic").exposition() for m in CARRY.finditer(text)]
    assert passages, "the carrying passage template is gone; update this test"
    kinds = set()
    for match in passages:
        a, b, made, clause = int(match[1]), int(match[2]), int(match[3]), match[4]
        assert made == a % 10 + b % 10, match[0]
        carries = "carry of 1" in clause
        assert carries == (made >= 10), match[0]
        kinds.add(carries)
    assert kinds == {True, False}, "both cases (a carry and no carry) should be exercised"
