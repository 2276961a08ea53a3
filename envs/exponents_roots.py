"""ExponentsRoots: integer powers, laws of exponents, roots of perfect powers, simplest radical form.

**Asked.** ``Evaluate $3^{4}$.``, ``Evaluate $2^{7} \\cdot 2^{5} \\div 2^{9}$.``,
``Evaluate $27^{\\frac{2}{3}}$.``, ``Simplify $\\sqrt{72}$.``, ``Simplify $\\sqrt{50} + \\sqrt{18} - \\sqrt{8}$.``

**Difficulty** changes the kind of problem:

==  ============================================================  =================================
 1  a positive integer power                                       ``3^{4}``
 2  negative bases, ``-a^n`` versus ``(-a)^n``, zero exponents     ``(-2)^{5}``, ``-3^{4}``
 3  square, cube and fourth roots of perfect powers                ``\\sqrt{196}``, ``\\sqrt[3]{343}``
 4  laws of exponents with one base, whole-number result           ``2^{7} \\cdot 2^{5} \\div 2^{9}``
 5  negative exponents (rational answer)                           ``(\\frac{2}{3})^{-3}``
 6  simplify a square root                                         ``\\sqrt{72} = 6\\sqrt{2}``
 7  fractional exponents of perfect powers                         ``16^{-\\frac{3}{4}}``
 8  simplify cube or fourth roots, or a product of square roots    ``\\sqrt[3]{54}``, ``\\sqrt{6}\\cdot\\sqrt{15}``
 9  add and subtract like radicals after simplifying each          ``\\sqrt{50} + \\sqrt{18} - \\sqrt{8}``
10  products of radical terms, or rationalizing a denominator      ``3\\sqrt{12} \\cdot 2\\sqrt{6}``, ``\\frac{12}{\\sqrt{6}}``
==  ============================================================  =================================

**Answer type.** Levels 1-4: a whole number, stored as a :class:`fractions.Fraction` with
denominator 1 and read by the strict integer grammar. Levels 5 and 7: a
:class:`fractions.Fraction` in lowest terms (``1/8``, ``\\frac{9}{4}``, or a whole number;
decimals refused). Levels 6 and 8-10: a ``str`` in simplest radical form, e.g.
``6\\sqrt{2}`` or ``-2\\sqrt[3]{4}``. A radical answer is read by this module's bounded
grammar as (coefficient, radicand, index) and must equal the gold triple exactly, which
in simplest form is unique; so ``\\sqrt{72}`` or ``3\\sqrt{8}`` for ``6\\sqrt{2}`` is
INCORRECT. Accepted spellings: ``6\\sqrt{2}``, ``6\\sqrt2``, ``6 \\cdot \\sqrt{2}``,
``6\\times\\sqrt{2}``, ``6*\\sqrt{2}``, ``6√2``, ``6\\sqrt[2]{2}``, ``-\\sqrt{3}``, ``2\\sqrt[3]{4}``, ``2∛4``.

**Worked solutions** show repeated multiplication, the exponent laws applied to the
exponents, prime factorizations with exponents split into whole groups, and like terms
combined. The last line holds ``\\boxed{answer}``.

**Version history.** v0: first release. v1: wider ranges at levels 1 and 5-8 (bases up to
60, fractions with terms up to 15, square roots with outside factors up to 30, larger
perfect powers and exponents up to 9, more radicands), so every level's test split holds at least
50 problems (levels 6-8 held about 20). v2: a negative piece after an operator is in parentheses,
``(-7)^{2} + (-6^{3})``; v1 wrote ``+ -6^{3}``, two signs in a row, in 333 of 1,000 level-2 questions.
"""

from __future__ import annotations

import re
from fractions import Fraction

import numpy as np

from textbook_gym.envs._kit import Family, Problem, Verdict, register_family
from textbook_gym.verifiers import check_answer, parse_integer
from textbook_gym.verifiers.errors import ParseError
from textbook_gym.verifiers.guards import guard_span
from textbook_gym.verifiers.normalize import normalize_span
from textbook_gym.verifiers.numbers import parse_exact_fraction

from ._kit.draw import choice, integer
from ._kit.integers import prime_powers
from ._kit.tables import topic_exposition
from ._kit.texts import exposition_texts

INSTRUCTION = (
    "Give your final answer as \\boxed{ANSWER}: a whole number, a fraction in lowest terms such as "
    "\\boxed{\\frac{9}{4}}, or a radical in simplest form such as \\boxed{6\\sqrt{2}} or \\boxed{2\\sqrt[3]{4}}. "
    "A final line 'Answer: ANSWER' is also accepted."
)
SQUAREFREE = [n for n in range(2, 60) if all(n % (p * p) for p in range(2, 8))]
ROOT_NAME = {2: "square", 3: "cube", 4: "fourth"}


# --------------------------------------------------------------------------- arithmetic helpers
def extract(number: int, index: int) -> tuple[int, int]:
    """``number = outside**index * inside`` with ``inside`` free of index-th powers."""
    outside = inside = 1
    for p, e in prime_powers(number):
        outside *= p ** (e // index)
        inside *= p ** (e % index)
    return outside, inside


def factor_text(number: int) -> str:
    """``2^3 · 3^2``: the prime factorization with a centred dot (integers.factor_text writes ×)."""
    return " · ".join(f"{p}^{e}" if e > 1 else str(p) for p, e in prime_powers(number))


def root(radicand: int, index: int) -> str:
    return f"\\sqrt{{{radicand}}}" if index == 2 else f"\\sqrt[{index}]{{{radicand}}}"


def radical(coef: int, radicand: int, index: int) -> str:
    """LaTeX of ``coef * root(radicand)``; ``radicand == 1`` is the plain integer."""
    if radicand == 1:
        return str(coef)
    lead = {1: "", -1: "-"}.get(coef, str(coef))
    return f"{lead}{root(radicand, index)}"


# --------------------------------------------------------------------------- the radical grammar
_RADICAL_RE = re.compile(
    r"([+-]?)(\d{0,12})(?:\\cdot|\\times|\*|×|·)?"
    r"(?:\\sqrt(?:\[(\d)\])?\{(\d{1,12})\}|\\sqrt(\d)|(√|∛|∜)\{?(\d{1,12})\}?|sqrt\((\d{1,12})\))?"
)
_SPACE_RE = re.compile(r"\s+|\\[,;! ]|\\quad")


def parse_radical(span: str) -> tuple[int, int, int]:
    """Read ``c\\sqrt[k]{n}`` as ``(c, n, k)``; a plain integer ``c`` is ``(c, 1, 1)``.

    >>> parse_radical("6\\\\sqrt{2}")
    (6, 2, 2)
    >>> parse_radical("-\\\\sqrt[3]{4}")
    (-1, 4, 3)
    """
    text = _SPACE_RE.sub("", normalize_span(guard_span(span)))
    m = _RADICAL_RE.fullmatch(text)
    if m is None or not (m.group(2) or m.group(4) or m.group(5) or m.group(7) or m.group(8)):
        raise ParseError(f"{text[:40]!r} is not a radical such as 6\\sqrt{{2}} or 2\\sqrt[3]{{4}}")
    sign = -1 if m.group(1) == "-" else 1
    coef = int(m.group(2)) if m.group(2) else 1
    radicand = m.group(4) or m.group(5) or m.group(7) or m.group(8)
    if radicand is None:
        return sign * coef, 1, 1
    index = int(m.group(3)) if m.group(3) else {"√": 2, "∛": 3, "∜": 4}.get(m.group(6) or "√")
    if index < 2:
        raise ParseError(f"a root of index {index} is not a radical")
    return sign * coef, int(radicand), index


# --------------------------------------------------------------------------- whole-number pieces (levels 1-4)
def _piece(piece: list) -> tuple[str, int, list[str]]:
    """The LaTeX, the value and the solution lines of one piece: ``["pow", a, n]`` (``a^n``, ``(-a)^n``),
    ``["negpow", a, n]`` (``-a^n``), ``["root", k, index]`` (the root of ``k^index``) or
    ``["laws", base, m, n, p, power]`` (``base^m · base^n ÷ base^p``, or ``(base^m)^n ÷ base^p`` with ``power``)."""
    kind = piece[0]
    if kind == "pow":
        a, n = piece[1], piece[2]
        text = f"({a})^{{{n}}}" if a < 0 else f"{a}^{{{n}}}"
        if n == 0:
            return text, 1, [f"Any nonzero number to the power 0 is 1, so {a}^0 = 1."]
        lines = _power_lines(a, n)
        if a < 0:
            lines.append(f"The exponent {n} is {'even' if n % 2 == 0 else 'odd'}, so the result is "
                         f"{'positive' if n % 2 == 0 else 'negative'}: ({a})^{n} = {a**n}.")
        return text, a**n, lines
    if kind == "negpow":
        a, n = piece[1], piece[2]
        return f"-{a}^{{{n}}}", -(a**n), [f"The exponent applies before the minus sign: -{a}^{n} = -({a}^{n}).",
                                          *_power_lines(a, n), f"So -{a}^{n} = {-(a**n)}."]
    if kind == "root":
        k, index = piece[1], piece[2]
        n = k**index
        return root(n, index), k, [
            f"Factor: {n} = {factor_text(n)}.",
            f"Divide every exponent by {index}: the {ROOT_NAME[index]} root of {n} is {factor_text(k)} = {k}.",
            f"Check: {' × '.join([str(k)] * index)} = {n}."]
    _, base, m, n, p, power = piece
    e = m * n if power else m + n
    if power:
        head, first = (f"({base}^{{{m}}})^{{{n}}}",
                       f"A power of a power multiplies exponents: ({base}^{m})^{n} = {base}^{m * n}.")
    else:
        head, first = (f"{base}^{{{m}}} \\cdot {base}^{{{n}}}",
                       f"Multiplying powers of the same base adds exponents: {base}^{m} · {base}^{n} = {base}^{m + n}.")
    lines = [first, f"Dividing subtracts exponents: {base}^{e} ÷ {base}^{p} = {base}^{e - p}."]
    if e - p == 0:
        lines.append(f"{base}^0 = 1.")
    else:
        lines += [f"{base}^1 = {base}."] if e - p == 1 else _power_lines(base, e - p)
    return f"{head} \\div {base}^{{{p}}}", base ** (e - p), lines


def _combo(pieces: list, ops: list) -> dict:
    """The data of pieces joined by the operators ``ops`` (``*``, ``+``, ``-``)."""
    return {"kind": "combo", "pieces": pieces, "ops": ops}


def _combo_text(data: dict) -> str:
    """The pieces' LaTeX joined by their operators (``\\cdot`` for ``*``); a piece after an operator that starts with a
    minus sign is put in parentheses, ``+ (-6^{2})``, since ``+ -6^{2}`` reads two ways."""
    text = _piece(data["pieces"][0])[0]
    for op, piece in zip(data["ops"], data["pieces"][1:]):
        shown = _piece(piece)[0]
        text += " " + ("\\cdot" if op == "*" else op) + " " + (f"({shown})" if shown.startswith("-") else shown)
    return text


def _combo_solution(data: dict) -> tuple[list[str], int]:
    """Each piece's lines, then the pieces combined left to right."""
    pieces, ops = data["pieces"], data["ops"]
    lines = [line for piece in pieces for line in _piece(piece)[2]]
    value = _piece(pieces[0])[1]
    for op, piece in zip(ops, pieces[1:]):
        other = _piece(piece)[1]
        new = value * other if op == "*" else value + other if op == "+" else value - other
        shown = f"({other})" if other < 0 else str(other)
        lines.append(f"Combine: {value} {'×' if op == '*' else op} {shown} = {new}.")
        value = new
    return lines, value


# --------------------------------------------------------------------------- generation
def _draw(rng: np.random.Generator, level: int) -> dict:
    """The data of one problem at ``level`` (JSON): its kind (a key of :data:`_KINDS`) and numbers."""
    if level == 1:
        if rng.random() < 0.5:
            a = integer(rng, 2, 60)
            n = integer(rng, 2, max(n for n in range(2, 8) if a**n <= 10**6))
            return _combo([["pow", a, n]], [])
        a, b = (int(v) for v in rng.choice(np.arange(2, 13), size=2, replace=False))
        return _combo([["pow", a, integer(rng, 2, 4)], ["pow", b, integer(rng, 2, 3)]], ["*"])
    if level == 2:
        pieces = []
        for i in range(2):
            style, a, n = integer(rng, 0, 1 + i), integer(rng, 2, 9), integer(rng, 2, 5)
            pieces.append([["pow", -a, n], ["negpow", a, n], ["pow", a, 0]][style])
        return _combo(pieces, [choice(rng, "+-")])
    if level == 3:
        def root_piece():
            index = choice(rng, [2, 2, 3, 4])
            return ["root", integer(rng, 2, {2: 40, 3: 15, 4: 8}[index]), index]
        if rng.random() < 0.4:
            return _combo([root_piece()], [])
        return _combo([root_piece(), root_piece()], [choice(rng, "+-*")])
    if level == 4:
        if rng.random() < 0.5:
            base = integer(rng, 2, 10)
            m, n = integer(rng, 2, 9), integer(rng, 2, 9)
            result = integer(rng, 0, max(e for e in range(0, 6) if base**e <= 10**5))
            power = rng.random() < 0.5
            return _combo([["laws", base, m, n, (m * n if power else m + n) - result, power]], [])
        a, b = (int(v) for v in rng.choice([2, 3, 5, 7], size=2, replace=False))
        e1, e2 = integer(rng, 0, 4), integer(rng, 1, 3)
        m1, m2 = integer(rng, e1 + 1, e1 + 8), integer(rng, e2 + 1, e2 + 8)
        return {"kind": "laws2", "bases": [a, b], "num": [m1, m2], "den": [m1 - e1, m2 - e2]}
    if level == 5:
        q, p, n = integer(rng, 2, 15), integer(rng, 1, 15), integer(rng, 1, 4)
        x = (Fraction(p, q) if p != q else Fraction(p + 1, q)) * (-1 if rng.random() < 0.3 else 1)
        x = Fraction(q) if rng.random() < 0.25 else x
        return {"kind": "negexp", "x": str(x), "n": n}
    if level == 6:
        outside, inside = integer(rng, 2, 30), SQUAREFREE[integer(rng, 0, 30)]
        return {"kind": "simplify", "n": outside**2 * inside, "index": 2}
    if level == 7:
        index = integer(rng, 2, 4)
        k = integer(rng, 2, {2: 50, 3: 20, 4: 10}[index])
        m = integer(rng, 1, 9) * (1 if rng.random() < 0.6 else -1)
        if m % index == 0:
            m += 1
        exponent = Fraction(m, index)  # in lowest terms: a root of k^index that is whole
        k, index = k ** (index // exponent.denominator), exponent.denominator
        return {"kind": "fracexp", "a": k**index, "k": k, "m": exponent.numerator, "index": index}
    if level == 8:
        if rng.random() < 0.5:
            index = 3 if rng.random() < 0.7 else 4
            outside, inside = integer(rng, 2, 10 if index == 3 else 5), choice(rng, [2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15])
            inside = inside if extract(inside, index)[0] == 1 else 2
            return {"kind": "simplify", "n": outside**index * inside, "index": index}
        while True:
            a, b = integer(rng, 2, 99), integer(rng, 2, 99)
            outside, inside = extract(a * b, 2)
            if extract(a, 2)[0] == 1 and extract(b, 2)[0] == 1 and outside > 1 and inside > 1:
                return {"kind": "product", "terms": [[1, a], [1, b]]}
    if level == 9:
        inside = SQUAREFREE[integer(rng, 0, 8)]
        count = integer(rng, 2, 3)
        while True:
            terms = [[integer(rng, 1, 3) * (1 if i == 0 or rng.random() < 0.6 else -1), integer(rng, 1, 6) ** 2 * inside] for i in range(count)]
            if sum(c * extract(n, 2)[0] for c, n in terms) != 0:
                return {"kind": "sum", "terms": terms}
    if rng.random() < 0.5:
        while True:
            terms = [[integer(rng, 2, 5), integer(rng, 2, 30)], [integer(rng, 2, 5), integer(rng, 2, 30)]]
            outside, inside = extract(terms[0][1] * terms[1][1], 2)
            if inside > 1 and outside > 1 and all(extract(t[1], 2)[1] > 1 for t in terms):
                return {"kind": "product", "terms": terms}
    b = SQUAREFREE[integer(rng, 0, 12)]
    return {"kind": "rationalize", "k": b * integer(rng, 1, 5), "b": b}


# --------------------------------------------------------------------------- worked solutions
def _power_lines(base: int, exponent: int) -> list[str]:
    shown = f"({base})" if base < 0 else str(base)
    lines = [f"{shown}^{exponent} means {exponent} factors of {shown}: {' × '.join([shown] * exponent)}."]
    value = base
    for _ in range(exponent - 1):
        lines.append(f"{value} × {shown} = {value * base}")
        value *= base
    return lines


def _simplify_lines(radicand: int, index: int, coef: int = 1) -> tuple[list[str], int, int]:
    outside, inside = extract(radicand, index)
    name = ROOT_NAME[index]
    lines = [f"Factor the radicand: {radicand} = {factor_text(radicand)}."]
    if outside == 1:
        lines.append(f"No prime appears {index} or more times, so {root(radicand, index)} is already simplified.")
    else:
        lines.append(f"The largest perfect {name} factor is {outside}^{index} = {outside**index}, and {radicand} = "
                     f"{outside**index} × {inside}.")
        lines.append(f"{root(radicand, index)} = {root(outside**index, index)} × {root(inside, index)} = "
                     f"{radical(outside, inside, index)}.")
    if coef != 1:
        lines.append(f"With the coefficient: {coef} × {radical(outside, inside, index)} = "
                     f"{radical(coef * outside, inside, index)}.")
    return lines, coef * outside, inside


def _simplify_solution(data: dict) -> tuple[list[str], str]:
    lines, outside, inside = _simplify_lines(data["n"], data["index"])
    return lines, radical(outside, inside, data["index"])


def _laws2_text(data: dict) -> str:
    (a, b), (m1, m2), (p1, p2) = data["bases"], data["num"], data["den"]
    return f"\\frac{{{a}^{{{m1}}} \\cdot {b}^{{{m2}}}}}{{{a}^{{{p1}}} \\cdot {b}^{{{p2}}}}}"


def _laws2_solution(data: dict) -> tuple[list[str], int]:
    (a, b), (m1, m2), (p1, p2) = data["bases"], data["num"], data["den"]
    return [f"Group the powers by base and subtract exponents: {a}^({m1} - {p1}) · {b}^({m2} - {p2}) = "
            f"{a}^{m1 - p1} · {b}^{m2 - p2}.",
            f"{a}^{m1 - p1} = {a ** (m1 - p1)} and {b}^{m2 - p2} = {b ** (m2 - p2)}.",
            f"{a ** (m1 - p1)} × {b ** (m2 - p2)} = {a ** (m1 - p1) * b ** (m2 - p2)}."], a ** (m1 - p1) * b ** (m2 - p2)


def _negative_exponent_text(data: dict) -> str:
    x, n = Fraction(data["x"]), data["n"]
    if x.denominator == 1 and x > 0:
        return f"{x}^{{-{n}}}"
    return f"\\left(\\frac{{{x.numerator}}}{{{x.denominator}}}\\right)^{{-{n}}}"


def _negative_exponent_solution(data: dict) -> tuple[list[str], Fraction]:
    x, n = Fraction(data["x"]), data["n"]
    inv = 1 / x
    return [f"A negative exponent means the reciprocal: ({x})^(-{n}) = ({inv})^{n}.",
            f"Raise numerator and denominator to the power {n}: ({inv.numerator})^{n} = {inv.numerator**n} and "
            f"{inv.denominator}^{n} = {inv.denominator**n}.", f"So the value is {inv**n}."], inv**n


def _fractional_exponent_text(data: dict) -> str:
    sign = "-" if data["m"] < 0 else ""
    return f"{data['a']}^{{{sign}\\frac{{{abs(data['m'])}}}{{{data['index']}}}}}"


def _fractional_exponent_solution(data: dict) -> tuple[list[str], Fraction]:
    a, k, m, index = data["a"], data["k"], data["m"], data["index"]
    lines = [f"The denominator {index} of the exponent is a {ROOT_NAME[index]} root: {root(a, index)} = {k}, "
             f"since {k}^{index} = {a}.", f"The numerator {abs(m)} is a power: {k}^{abs(m)} = {k ** abs(m)}."]
    return lines + ([f"The minus sign takes the reciprocal: 1/{k ** abs(m)}."] if m < 0 else []), Fraction(k) ** m


def _product_solution(data: dict) -> tuple[list[str], str]:
    (c1, a), (c2, b) = data["terms"]
    lines, coef, inside = _simplify_lines(a * b, 2, c1 * c2)
    return [f"Multiply coefficients and radicands: {c1 * c2 if c1 * c2 != 1 else ''}\\sqrt{{{a} × {b}}} = "
            f"{radical(c1 * c2, a * b, 2)}.", *lines], radical(coef, inside, 2)


def _sum_text(data: dict) -> str:
    return " ".join(("" if i == 0 else ("+ " if c > 0 else "- ")) + radical(abs(c) if i else c, n, 2)
                    for i, (c, n) in enumerate(data["terms"]))


def _sum_solution(data: dict) -> tuple[list[str], str]:
    lines, total, inside = ["Simplify each radical, then combine like terms."], 0, 1
    for c, n in data["terms"]:
        more, coef, inside = _simplify_lines(n, 2, c)
        lines += more
        total += coef
    parts = " + ".join(f"({v})" if v < 0 else str(v) for v in (c * extract(n, 2)[0] for c, n in data["terms"]))
    return lines + [f"All terms are multiples of \\sqrt{{{inside}}}: ({parts})\\sqrt{{{inside}}} = "
                    f"{radical(total, inside, 2)}."], radical(total, inside, 2)


def _rationalize_solution(data: dict) -> tuple[list[str], str]:
    k, b = data["k"], data["b"]
    return [f"Multiply top and bottom by \\sqrt{{{b}}}: \\frac{{{k}}}{{\\sqrt{{{b}}}}} = "
            f"\\frac{{{k}\\sqrt{{{b}}}}}{{{b}}}, since \\sqrt{{{b}}} × \\sqrt{{{b}}} = {b}.",
            f"{k} ÷ {b} = {k // b}, so the result is {radical(k // b, b, 2)}."], radical(k // b, b, 2)


_KINDS = {  # kind of the data: (answer form, the expression in LaTeX, the worked lines and the answer)
    "combo": ("integer", _combo_text, _combo_solution),
    "laws2": ("integer", _laws2_text, _laws2_solution),
    "negexp": ("fraction", _negative_exponent_text, _negative_exponent_solution),
    "fracexp": ("fraction", _fractional_exponent_text, _fractional_exponent_solution),
    "simplify": ("radical", lambda data: root(data["n"], data["index"]), _simplify_solution),
    "product": ("radical", lambda data: " \\cdot ".join(radical(c, n, 2) for c, n in data["terms"]), _product_solution),
    "sum": ("radical", _sum_text, _sum_solution),
    "rationalize": ("radical", lambda data: f"\\frac{{{data['k']}}}{{\\sqrt{{{data['b']}}}}}", _rationalize_solution),
}
_ASKED = {  # answer form: (the verb of the question, what it adds about the answer)
    "integer": ("Evaluate", ""), "fraction": ("Evaluate", " Give an integer or a fraction in lowest terms."),
    "radical": ("Simplify", " Write the answer in simplest radical form."),
}


# --------------------------------------------------------------------------- exposition
_TOPICS = exposition_texts(__name__)


def _passage_values(rng: np.random.Generator, _topic: str) -> dict:
    """The numbers of one passage (the same draws for every topic)."""
    a, n, b, c = integer(rng, 2, 12), integer(rng, 2, 5), integer(rng, 2, 7), integer(rng, 2, 7)
    m = integer(rng, 2, 6)
    p, q = integer(rng, 1, 5), integer(rng, 2, 8)
    free, out = SQUAREFREE[integer(rng, 0, 13)], integer(rng, 2, 10)
    c1, c2 = integer(rng, 2, 8), integer(rng, 2, 8)
    return {
        "a": a, "n": n, "an": a**n, "a2": a * a, "a3": a**3, "b": b, "c": c, "bc": b * c, "m": m,
        "mn_sum": m + n, "mn_prod": m * n, "p": p, "q": q, "p2": p * p, "q2": q * q, "fa2": factor_text(a * a),
        "free": free, "out": out, "sq": out * out, "rad": out * out * free, "c1": c1, "c2": c2, "c12": c1 + c2,
        "out1": out + 1, "k": free * c1,
    }


# --------------------------------------------------------------------------- the family
@register_family
class ExponentsRoots(Family):
    name = "ExponentsRoots"
    version = 2
    answer_type = "int | fraction | radical"
    subject = "arithmetic"
    instruction = INSTRUCTION
    exposition = topic_exposition(6_2024_11, 200, _TOPICS, _passage_values)

    def draw(self, rng: np.random.Generator, level: int) -> dict:
        data = _draw(rng, level)
        return {"form": _KINDS[data["kind"]][0], "data": data}

    def question(self, params: dict) -> str:
        verb, extra = _ASKED[params["form"]]
        return f"{verb} ${_KINDS[params['data']['kind']][1](params['data'])}$.{extra}"

    def solve(self, params: dict) -> tuple[list[str], object]:
        lines, answer = _KINDS[params["data"]["kind"]][2](params["data"])
        # One non-int type for the whole family: Gymnasium's vector envs batch info["answer"] by the first
        # value's type, and an int array cannot hold a later radical string.
        return lines, Fraction(answer) if isinstance(answer, int) else answer

    def answer_line(self, problem: Problem) -> str:
        """The boxed answer in LaTeX: ``\\frac{-1}{8}`` for a fraction (the default would write ``-1/8``)."""
        answer = problem.answer
        fractional = isinstance(answer, Fraction) and answer.denominator != 1
        shown = f"\\frac{{{answer.numerator}}}{{{answer.denominator}}}" if fractional else str(answer)
        return f"The answer is \\boxed{{{shown}}}."

    def verify(self, problem: Problem, response: str) -> Verdict:
        """Integers and fractions exactly; radicals by their (coefficient, radicand, index) triple.

        >>> fam = ExponentsRoots()
        >>> p = Problem("Simplify $\\\\sqrt{72}$.", "6\\\\sqrt{2}", "ExponentsRoots", metadata={"form": "radical"})
        >>> fam.verify(p, "\\\\boxed{6\\\\sqrt{2}}").status.value
        'CORRECT'
        >>> fam.verify(p, "\\\\boxed{3\\\\sqrt{8}}").status.value
        'INCORRECT'
        """
        form = problem.metadata.get("form", "integer")
        if form == "radical":
            return check_answer(response, problem.answer, parse_radical, equal=lambda v, gold: v == parse_radical(gold))
        return check_answer(response, problem.answer, parse_exact_fraction if form == "fraction" else parse_integer)
