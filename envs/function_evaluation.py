"""FunctionEvaluation: evaluate functions, compositions and inverses exactly.

**Asked.** ``Let f(x) = 2x^2 - 3x + 1. Find f(-2).`` At higher levels: compositions ``f(g(3))``, solving
``f(x) = 7``, and inverse values ``f^{-1}(4)``.

**Difficulty** changes what is asked:

==  ===============================================================  ==============================================
 1  linear function at an integer                                    ``f(x) = 3x - 5``, ``f(4)``
 2  quadratic at an integer (often negative)                         ``f(x) = x^2 - 4x + 1``, ``f(-3)``
 3  linear function at a fraction, or with a fractional slope       ``f(x) = 6x + 1``, ``f(2/3)``
 4  cubic at an integer                                              ``f(x) = x^3 - 2x^2 + 5``, ``f(-2)``
 5  rational function at an integer (fractional value)              ``f(x) = (2x + 1)/(x - 3)``, ``f(5)``
 6  composition of polynomials                                       ``f(g(2))`` with ``g(x) = x^2 - 1``
 7  composition involving a rational function, or f(f(a))
 8  solve f(x) = k for a linear f with fractional coefficients       ``(2/3)x - 1/2 = 5``
 9  inverse value f^{-1}(y) of a linear or linear-fractional f       ``f(x) = (3x - 1)/(x + 2)``, ``f^{-1}(2)``
10  solve f(g(x)) = k, or the inverse of a composition               ``f(g(x)) = 11``
==  ===============================================================  ==============================================

**Answer type.** A rational number (:class:`fractions.Fraction`) in lowest terms: ``-7``, ``13/4``,
``\\frac{13}{4}``, ``-1 1/2``, ``3.25``; optionally preceded by a left side that names what is evaluated and ``=``
(``f(-2) = 15``, ``x = 7/2``; not ``27 = 15``). Unreduced fractions (``6/8``) are UNPARSEABLE; expressions
(``2 + 3``) are not answers.

**Worked solutions** substitute the input into each term, evaluate the numerator and denominator separately, work
compositions from the inside out, and solve ``f(x) = k`` (and inverses, via ``f(x) = y``) by doing the same
operation to both sides.

**Version history.** v0: first release.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from textbook_gym.envs._kit import Family, register_family
from textbook_gym.verifiers.errors import ParseError
from textbook_gym.verifiers.normalize import normalize_span
from textbook_gym.verifiers.numbers import parse_lowest_terms

from ._kit.draw import integer
from ._kit.formats import fraction_text
from ._kit.polynomial_steps import horner, solve_linear_lines, substitution_line
from ._kit.polynomials import coefficients_text, signed_coefficient, tidy_signs
from ._kit.questions import filled
from ._kit.template_rounds import template_exposition
from ._kit.texts import exposition_texts


def rational_function(num, den=(1,)) -> dict:
    """A function ``num/den`` (a polynomial when ``den`` is 1) as plain JSON: ``{"num": [...], "den": [...]}``, each
    part's coefficients highest degree first, written as "p/q" strings."""
    return {"num": [fraction_text(Fraction(c)) for c in num], "den": [fraction_text(Fraction(c)) for c in den]}


def coefficients(fn: dict, part: str) -> list[Fraction]:
    return [Fraction(c) for c in fn[part]]


def function_text(fn: dict) -> str:
    """``2x^2 - 3x + 1`` or ``(2x + 1)/(x - 3)``."""
    num, den = coefficients(fn, "num"), coefficients(fn, "den")
    if den == [1]:
        return coefficients_text(num)
    return f"({coefficients_text(num)})/({coefficients_text(den)})"


def evaluate(fn: dict, point: Fraction) -> Fraction:
    return horner(coefficients(fn, "num"), point) / horner(coefficients(fn, "den"), point)


def _defined(fn: dict, point: Fraction) -> bool:
    return horner(coefficients(fn, "den"), point) != 0


def eval_lines(name: str, fn: dict, point: Fraction, lines: list[str]) -> Fraction:
    """Appends the substitution of ``point`` into ``fn`` (numerator and denominator apart); returns the value."""
    num, den = coefficients(fn, "num"), coefficients(fn, "den")
    at = fraction_text(point)
    if den == [1]:
        lines.append(f"{name}({at}) = {substitution_line(num, point)}")
        return horner(num, point)
    top, bottom = horner(num, point), horner(den, point)
    lines.append(f"Numerator at x = {at}: {substitution_line(num, point)}")
    lines.append(f"Denominator at x = {at}: {substitution_line(den, point)}")
    lines.append(f"{name}({at}) = {fraction_text(top)}/({fraction_text(bottom)}) = {fraction_text(top / bottom)}")
    return top / bottom


# --------------------------------------------------------------------------- generation
def _fraction(rng: np.random.Generator) -> Fraction:
    """A fraction that is not a whole number, with denominator at most 6."""
    den = integer(rng, 2, 6)
    value = Fraction(signed_coefficient(rng, 1, 2 * den), den)
    return value if value.denominator != 1 else value + Fraction(1, den)


def _linear(rng: np.random.Generator, fractional: bool = False) -> dict:
    a = _fraction(rng) if fractional else Fraction(signed_coefficient(rng, 1, 9))
    b = _fraction(rng) if fractional and rng.random() < 0.5 else Fraction(integer(rng, -12, 12))
    return rational_function([a, b])


def _quadratic(rng: np.random.Generator) -> dict:
    return rational_function([signed_coefficient(rng, 1, 5), integer(rng, -9, 9), integer(rng, -12, 12)])


def _mobius(rng: np.random.Generator) -> dict:
    """``(ax + b)/(cx + d)`` with ``ad - bc != 0`` (one-to-one)."""
    while True:
        a, b = signed_coefficient(rng, 1, 6), integer(rng, -9, 9)
        c, d = signed_coefficient(rng, 1, 3), integer(rng, -9, 9)
        if a * d - b * c:
            return rational_function([a, b], [c, d])


def draw(rng: np.random.Generator, level: int) -> dict:
    """The problem's parameters (its metadata): its kind, the function(s) and the input or target value."""
    k = Fraction(signed_coefficient(rng, 1, 6))
    if level == 1:
        return {"kind": "eval", "f": _linear(rng), "at": str(integer(rng, -10, 10))}
    if level == 2:
        return {"kind": "eval", "f": _quadratic(rng), "at": fraction_text(k)}
    if level == 3:
        if rng.random() < 0.5:
            return {"kind": "eval", "f": _linear(rng), "at": fraction_text(_fraction(rng))}
        return {"kind": "eval", "f": _linear(rng, fractional=True), "at": fraction_text(k)}
    if level == 4:
        cubic = rational_function([signed_coefficient(rng, 1, 3), integer(rng, -6, 6), integer(rng, -9, 9),
                                   integer(rng, -12, 12)])
        return {"kind": "eval", "f": cubic, "at": fraction_text(Fraction(signed_coefficient(rng, 1, 4)))}
    if level == 5:
        while True:
            if rng.random() < 0.6:
                f = _mobius(rng)
            else:  # (ax^2 + bx + 1)/(cx + d)
                f = rational_function([signed_coefficient(rng, 1, 3), integer(rng, -5, 5), 1],
                                      [signed_coefficient(rng, 1, 3), integer(rng, -9, 9)])
            if _defined(f, k) and evaluate(f, k).denominator != 1:
                return {"kind": "eval", "f": f, "at": fraction_text(k)}
    if level in (6, 7):
        while True:
            if level == 6:
                f, g = (_quadratic(rng), _linear(rng)) if rng.random() < 0.5 else (_linear(rng), _quadratic(rng))
            elif rng.random() < 0.3:
                f = g = _mobius(rng)
            else:
                f, g = (_mobius(rng), _quadratic(rng)) if rng.random() < 0.5 else (_quadratic(rng), _mobius(rng))
            if _defined(g, k) and _defined(f, evaluate(g, k)) and abs(evaluate(f, evaluate(g, k))) < 10**6:
                return {"kind": "compose", "f": f, "g": g, "at": fraction_text(k), "same": f == g}
    if level == 8:
        return {"kind": "solve", "f": _linear(rng, fractional=True), "k": str(integer(rng, -12, 12))}
    if level == 9:
        f = _mobius(rng) if rng.random() < 0.7 else _linear(rng, fractional=True)
        (a, _), den = coefficients(f, "num"), coefficients(f, "den")
        while True:  # a one-to-one (ax + b)/(cx + d) takes every value but a/c; a linear f takes every value
            y = Fraction(integer(rng, -8, 8))
            if len(den) == 1 or a != den[0] * y:
                return {"kind": "inverse", "f": f, "y": fraction_text(y)}
    return {"kind": "solve_compose", "f": _linear(rng), "g": _linear(rng, rng.random() < 0.5),
            "k": str(integer(rng, -20, 20))}


_ASKS = {  # kind: what is asked once the functions are given
    "eval": filled("Find f({at})."),
    "compose": lambda meta: f"Find f({'f' if meta['same'] else 'g'}({meta['at']})).",
    "solve": filled("Find the value of x for which f(x) = {k}."),
    "inverse": filled("The function f is one-to-one. Find f^{{-1}}({y})."),
    "solve_compose": filled("Find the value of x for which f(g(x)) = {k}."),
}


def question(meta: dict) -> str:
    functions = f"f(x) = {function_text(meta['f'])}"
    if "g" in meta and not meta.get("same"):
        functions += f" and g(x) = {function_text(meta['g'])}"
    return f"Let {functions}. {_ASKS[meta['kind']](meta)}"


# --------------------------------------------------------------------------- worked solutions
def _solve_compose(meta: dict, lines: list[str]) -> Fraction:
    inner_name = "f" if meta["same"] else "g"
    lines.append(f"Work from the inside out: first {inner_name}({meta['at']}).")
    inner = eval_lines(inner_name, meta["g"], Fraction(meta["at"]), lines)
    lines.append(f"Now apply f to {fraction_text(inner)}.")
    return eval_lines("f", meta["f"], inner, lines)


def _solve_equation(meta: dict, lines: list[str]) -> Fraction:
    a, b = coefficients(meta["f"], "num")
    k = Fraction(meta["k"])
    lines.append(f"Set f(x) = {fraction_text(k)}: {coefficients_text([a, b])} = {fraction_text(k)}")
    return solve_linear_lines(a, b, k, lines)


def _solve_inverse(meta: dict, lines: list[str]) -> Fraction:
    f, y = meta["f"], Fraction(meta["y"])
    lines.append(f"f^{{-1}}({fraction_text(y)}) is the number x with f(x) = {fraction_text(y)}.")
    num, den = coefficients(f, "num"), coefficients(f, "den")
    if len(den) == 1:
        lines.append(f"Solve {coefficients_text(num)} = {fraction_text(y)}.")
        x = solve_linear_lines(num[0], num[1], y, lines)
    else:
        (a, b), (c, d) = num, den
        slope = a - c * y
        lines.append(f"Solve {function_text(f)} = {fraction_text(y)}. Multiply both sides by {coefficients_text(den)}: "
                     f"{coefficients_text(num)} = {fraction_text(y)}({coefficients_text(den)})")
        lines.append(f"Expand the right side: {coefficients_text(num)} = {coefficients_text([c * y, d * y])}")
        lines.append(f"Collect the x terms on the left: {coefficients_text([slope, 0])} = {fraction_text(d * y - b)}")
        x = (d * y - b) / slope
        if slope != 1:
            lines.append(f"Divide by {fraction_text(slope)}: x = {fraction_text(x)}")
    lines.append(f"Check: f({fraction_text(x)}) = {fraction_text(evaluate(f, x))}.")
    return x


def _solve_composition_equation(meta: dict, lines: list[str]) -> Fraction:
    (a, b), (c, d) = coefficients(meta["f"], "num"), coefficients(meta["g"], "num")
    k = Fraction(meta["k"])
    tail = tidy_signs(f" + {fraction_text(b)}") if b else ""
    lines.append(f"Substitute g into f: f(g(x)) = {fraction_text(a)}({coefficients_text([c, d])}){tail}")
    lines.append(f"Expand: f(g(x)) = {coefficients_text([a * c, a * d + b])}")
    lines.append(f"Set it equal to {fraction_text(k)}: {coefficients_text([a * c, a * d + b])} = {fraction_text(k)}")
    x = solve_linear_lines(a * c, a * d + b, k, lines)
    lines.append(f"Check: g({fraction_text(x)}) = {fraction_text(c * x + d)} and f({fraction_text(c * x + d)}) = "
                 f"{fraction_text(a * (c * x + d) + b)}.")
    return x


_SOLVERS = {  # kind: appends the worked-solution lines, returns the answer
    "eval": lambda meta, lines: eval_lines("f", meta["f"], Fraction(meta["at"]), lines),
    "compose": _solve_compose, "solve": _solve_equation, "inverse": _solve_inverse,
    "solve_compose": _solve_composition_equation,
}


def solve(meta: dict) -> tuple[list[str], Fraction]:
    """The worked-solution lines and the answer of a problem's parameters."""
    lines: list[str] = []
    answer = _SOLVERS[meta["kind"]](meta, lines)
    return lines, answer


# --------------------------------------------------------------------------- exposition
_TEMPLATES = exposition_texts(__name__)


def _passage_values(rng: np.random.Generator) -> dict:
    """The numbers of one passage, drawn before its template is filled."""
    a, b, k, c = (int(v) for v in rng.integers(2, 10, size=4))
    return {"a": a, "b": b, "k": k, "c": c + b, "lin": a * k + b, "sqb": k * k + b, "bp1": b + 1, "fg": a * (b + 1),
            "gf": a + b, "sol": fraction_text(Fraction(c, a)), "ab1": a + b, "inv1": fraction_text(Fraction(1 - b, a)),
            "fr": fraction_text(Fraction(a, k) + b), "horner": ((2 + a) * 2 + b) * 2 + c + b, "ffo": a * b + b}


# --------------------------------------------------------------------------- the family
def parse_value(span: str) -> Fraction:
    """A rational in lowest terms, optionally after ``something =``.

    >>> parse_value("f(3) = 7"), parse_value("-13/4")
    (Fraction(7, 1), Fraction(-13, 4))
    >>> parse_value("14/2")
    Traceback (most recent call last):
    ...
    textbook_gym.verifiers.errors.ParseError: ...
    """
    text = normalize_span(span)
    if text.count("=") > 1:
        raise ParseError("give one value, optionally as 'f(2) = value', not a chain of equalities")
    if "=" in text:
        left, _, text = text.partition("=")
        if not left.strip() or len(left) > 30:
            raise ParseError("the left side of '=' should be short, like f(2) or x")
        if not any(char.isalpha() for char in left):  # "27 = -14" is a false statement, not an answer
            raise ParseError("the left side of '=' should name what is evaluated, like f(2)")
    return parse_lowest_terms(text)


@register_family
class FunctionEvaluation(Family):
    name = "FunctionEvaluation"
    version = 0
    answer_type = "rational"
    parse = parse_value
    subject = "algebra"
    draw = staticmethod(draw)
    question = staticmethod(question)
    solve = staticmethod(solve)
    exposition = template_exposition(7307, 200, _TEMPLATES, _passage_values)
