"""Limits: evaluate the limit of a function of x exactly.

**Asked.** ``Find \\lim_{x \\to 3} \\frac{x^{2} - 9}{x - 3}.`` The point may be a
number, a one-sided approach ``x \\to 2^{+}``, or ``\\pm\\infty``.

**Difficulty** changes the technique:

==  ====================================================================  ======================================
 1  polynomial, direct substitution                                        ``\\lim_{x\\to 2} (3x^{2} - x + 4)``
 2  rational function, direct substitution (denominator nonzero)          ``\\lim_{x\\to -1} \\frac{2x + 5}{x^{2} + 3}``
 3  0/0: factor the numerator and cancel                                   ``\\frac{x^{2} - x - 6}{x - 3}``
 4  0/0: factor numerator and denominator, or a difference of cubes        ``\\frac{x^{2} - 4}{x^{2} + x - 6}``
 5  rational functions at ``\\pm\\infty`` (0, a ratio, or ``\\pm\\infty``)     ``\\lim_{x\\to\\infty} \\frac{3x^{2} + 1}{5x^{2} - x}``
 6  one-sided limits: vertical asymptotes (``\\pm\\infty``, DNE) and       ``\\lim_{x\\to 2^{-}} \\frac{3}{x - 2}``,
    absolute-value kinks (different finite one-sided limits)              ``\\lim_{x\\to 1^{+}} \\frac{x^{2} - 1}{|x - 1|}``
 7  the standard limit ``\\sin u / u \\to 1`` (sin, tan, 1 - cos)             ``\\lim_{x\\to 0} \\frac{\\sin 5x}{3x}``
 8  conjugates: square-root differences                                    ``\\lim_{x\\to 0} \\frac{\\sqrt{x + 9} - 3}{x}``
 9  L'Hôpital's rule once (exp, ln, powers)                                ``\\lim_{x\\to 0} \\frac{e^{4x} - 1}{3x}``
10  L'Hôpital's rule two or three times                                    ``\\lim_{x\\to 0} \\frac{x - \\sin x}{x^{3}}``
==  ====================================================================  ======================================

**Answer type.** A rational number (``Fraction``) or one of the strings ``"oo"``,
``"-oo"``, ``"DNE"``. Accepted renderings: integers, fractions and decimals in any
form :func:`~textbook_gym.verifiers.numbers.parse_rational` reads (``\\frac{3}{4}``,
``-3/4``, ``0.75``; unreduced fractions are accepted since the value is compared);
``\\infty``, ``+\\infty``, ``∞``, ``oo``, ``infinity`` and their negatives; ``DNE``,
``does not exist`` (also inside ``\\text{}``). A limit of ``+\\infty`` is reported as
``\\infty``, not DNE; DNE is the answer only when the two one-sided limits
disagree.

**Worked solutions** say why the method applies (continuity, a ``0/0`` form, the
dominant power, the sign of a vanishing denominator, the standard limit, the
conjugate, each round of L'Hôpital's rule) and compute each step. The last line
holds ``\\boxed{answer}``.

**Version history.** v0: first release. v1: level 7 uses coefficients up to 15 and level 8
conjugate limits ``(\\sqrt{ax + c^2} - c)/(bx)`` with a up to 15, c up to 12 and b up to
5 (levels 7 and 8 held 316 and 79 problems), so every level's test split holds at least 50. v2: a function
that sympy cancels to a constant is redrawn; v1 asked for the limit of ``1`` in 22 of 1,000 level-7 draws
(``\\sin(13x)/\\sin(13x)``) and 1 of 1,000 at level 5.
"""

from __future__ import annotations

import re

import numpy as np
import sympy as sp
from sympy import Rational

from textbook_gym.envs._kit import Family, Problem, check_difficulty, register_family
from textbook_gym.verifiers import normalize_span
from textbook_gym.verifiers.guards import guard_span
from textbook_gym.verifiers.numbers import parse_rational

from ._kit.draw import choice, integer, signed
from ._kit.expressions import X, grouped_tex, tex, to_fraction, topic_passage
from ._kit.passages import exposition_from
from ._kit.texts import exposition_texts

INSTRUCTION = (
    "Give the exact value as \\boxed{ANSWER}: an integer or fraction such as \\boxed{-\\frac{3}{4}}, "
    "\\boxed{\\infty} or \\boxed{-\\infty} for an infinite limit, or \\boxed{DNE} if the limit does not exist."
)


def _show(answer) -> str:
    if answer == "oo":
        return "\\infty"
    if answer == "-oo":
        return "-\\infty"
    if answer == "DNE":
        return "\\text{DNE}"
    return tex(Rational(answer.numerator, answer.denominator))


def _signed(rng: np.random.Generator, lo: int = 1, hi: int = 9) -> int:
    return signed(rng, lo, hi, negative=0.4)


def _ratio(numerator, denominator, reduced: bool = True) -> str:
    """``numerator/denominator`` as written, then reduced when that differs."""
    if denominator == 1:
        return tex(numerator)
    shown = f"\\frac{{{tex(numerator)}}}{{{tex(denominator)}}}"
    return shown + (f" = {tex(numerator / denominator)}" if reduced and tex(numerator / denominator) != shown else "")

# --------------------------------------------------------------------------- problem kinds
# Each kind: draw(rng) -> params (JSON data); solve(params) -> (point tex, expression, answer, lines).
def _poly_sub(params):
    a, cs = Rational(params["a"]), [Rational(c) for c in params["c"]]
    f = sum(c * X**k for k, c in enumerate(cs))
    terms = [f"{tex(c * X**k)} \\to {tex(c * a**k)}" for k, c in reversed(list(enumerate(cs))) if c != 0]
    value = f.subs(X, a)
    return tex(a), f, value, [
        "A polynomial is continuous everywhere, so the limit is its value at the point: substitute "
        f"$x = {tex(a)}$.",
        "Term by term: $" + ",\\quad ".join(terms) + "$.",
        f"Sum: ${tex(value)}$.",
    ]


def _rat_sub(params):
    a = Rational(params["a"])
    num, den = Rational(params["p"]) * X + Rational(params["q"]), X**2 + Rational(params["s"]) * X + Rational(params["t"])
    n, d = num.subs(X, a), den.subs(X, a)
    return tex(a), num / den, n / d, [
        f"The denominator at $x = {tex(a)}$ is ${tex(den)} = {tex(d)} \\ne 0$, so the rational function is "
        "continuous there and we may substitute.",
        f"Numerator: ${tex(num.subs(X, sp.Symbol(str(params['a']))))}$ gives ${tex(n)}$; denominator gives ${tex(d)}$.",
        f"The limit is $\\frac{{{tex(n)}}}{{{tex(d)}}} = {tex(n / d)}$.",
    ]


def _factor_cancel(params):
    r, s, k = Rational(params["r"]), Rational(params["s"]), Rational(params["k"])
    num = sp.expand(k * (X - r) * (X - s))
    if params.get("t") is None:
        den, reduced = X - r, k * (X - s)
    else:
        m, t = Rational(params["m"]), Rational(params["t"])
        den, reduced = sp.expand(m * (X - r) * (X - t)), k * (X - s) / (m * (X - t))
    value = reduced.subs(X, r)
    return tex(r), num / den, value, [
        f"Substituting $x = {tex(r)}$ gives $\\frac{{0}}{{0}}$, so $x = {tex(r)}$ is a root of both parts "
        f"and $({tex(X - r)})$ is a common factor.",
        f"Factor: ${tex(num)} = {tex(sp.factor(num))}$" + (f" and ${tex(den)} = {tex(sp.factor(den))}$." if den != X - r else "."),
        f"For $x \\ne {tex(r)}$ the expression equals ${tex(reduced)}$ after cancelling the common factor.",
        f"That is continuous at $x = {tex(r)}$: substitute to get ${tex(value)}$.",
    ]


def _cubes(params):
    r, k = Rational(params["r"]), Rational(params["k"])
    num, den = X**3 - r**3, k * (X - r)
    value = 3 * r**2 / k
    return tex(r), num / den, value, [
        f"Substituting $x = {tex(r)}$ gives $\\frac{{0}}{{0}}$.",
        f"Difference of cubes: $x^{{3}} - {tex(r**3)} = (x - {tex(r)})(x^{{2}} + {tex(r)}x + {tex(r**2)})$"
        if r > 0 else f"Sum of cubes: $x^{{3}} + {tex(-r**3)} = (x + {tex(-r)})(x^{{2}} - {tex(-r)}x + {tex(r**2)})$.",
        f"Cancel $({tex(X - r)})$: the expression becomes $\\frac{{{tex(X**2 + r * X + r**2)}}}{{{tex(k)}}}$.",
        f"Substitute $x = {tex(r)}$: $\\frac{{{tex(r**2)} + {tex(r**2)} + {tex(r**2)}}}{{{tex(k)}}} = {tex(value)}$.",
    ]


def _at_infinity(params):
    sign = 1 if params["dir"] > 0 else -1
    num = sum(Rational(c) * X**k for k, c in enumerate(params["n"]))
    den = sum(Rational(c) * X**k for k, c in enumerate(params["d"]))
    dn, dd = len(params["n"]) - 1, len(params["d"]) - 1
    ln, ld = Rational(params["n"][-1]), Rational(params["d"][-1])
    point = "\\infty" if sign > 0 else "-\\infty"
    lines = [f"As $x \\to {point}$ the highest powers dominate: ${tex(ln * X**dn)}$ on top and ${tex(ld * X**dd)}$ below.",
             f"Divide numerator and denominator by $x^{{{dd}}}$; every term with a negative power of $x$ tends to $0$."]
    if dn == dd:
        value = ln / ld
        lines.append(f"Equal degrees: the limit is the ratio of leading coefficients, $\\frac{{{tex(ln)}}}{{{tex(ld)}}} = {tex(value)}$.")
        return point, num / den, value, lines
    if dn < dd:
        lines.append("The numerator has the lower degree, so after dividing it tends to $0$ while the denominator "
                     f"tends to ${tex(ld)}$: the limit is $0$.")
        return point, num / den, sp.Integer(0), lines
    behaves = ln / ld * X ** (dn - dd)
    positive = (ln / ld > 0) == (sign > 0 or (dn - dd) % 2 == 0)
    lines.append(f"The numerator has the higher degree, so the quotient behaves like ${tex(behaves)}$, which grows "
                 f"without bound; its sign as $x \\to {point}$ is {'positive' if positive else 'negative'}.")
    return point, num / den, sp.oo if positive else -sp.oo, lines


def _approach(point: sp.Rational, side: str) -> str:
    """The point of a limit: ``2``, ``2^{+}`` (from the right) or ``2^{-}`` (from the left)."""
    return tex(point) + {"+": "^{+}", "-": "^{-}", "": ""}[side]


def _asymptote(params):
    a, c, k, side = Rational(params["a"]), Rational(params["c"]), int(params["k"]), params["side"]
    f = c / (X - a) ** k
    point = _approach(a, side)
    lines = [f"At $x = {tex(a)}$ the numerator is ${tex(c)} \\ne 0$ while ${tex((X - a) ** k)} \\to 0$: "
             "the quotient grows without bound, and its sign decides the answer."]

    def sign_from(side_sign: int) -> int:
        """The quotient's sign on the side of ``a`` where ``x - a`` has sign ``side_sign``."""
        return (1 if c > 0 else -1) * (1 if k % 2 == 0 else side_sign)

    if side:
        right = side == "+"
        lines.append(f"For $x$ slightly {'greater' if right else 'less'} than ${tex(a)}$, ${tex(X - a)}$ is "
                     f"{'positive' if right else 'negative'}, so ${tex((X - a) ** k)}$ is "
                     f"{'positive' if (right or k % 2 == 0) else 'negative'}.")
        value = sp.oo if sign_from(1 if right else -1) > 0 else -sp.oo
        lines.append(f"Numerator sign times denominator sign gives ${tex(value)}$.")
        return point, f, value, lines
    right, left = sign_from(1), sign_from(-1)
    lines.append(f"From the right the quotient tends to ${'' if right > 0 else '-'}\\infty$; from the left to "
                 f"${'' if left > 0 else '-'}\\infty$.")
    if right == left:
        value = sp.oo if right > 0 else -sp.oo
        lines.append(f"Both one-sided limits agree, so the limit is ${tex(value)}$.")
        return point, f, value, lines
    lines.append("The one-sided limits disagree, so the two-sided limit does not exist.")
    return point, f, "DNE", lines


def _abs_kink(params):
    a, b, k, side = Rational(params["a"]), Rational(params["b"]), Rational(params["k"]), params["side"]
    f = k * sp.expand((X - a) * (X - b)) / sp.Abs(X - a)
    point = _approach(a, side)
    right, left = k * (a - b), -k * (a - b)
    lines = [f"Substitution gives $\\frac{{0}}{{0}}$. Factor the numerator: ${tex(sp.expand(k * (X - a) * (X - b)))} = "
             f"{tex(sp.factor(k * (X - a) * (X - b)))}$.",
             f"For $x > {tex(a)}$, $|{tex(X - a)}| = {tex(X - a)}$, so the expression is ${tex(k * (X - b))}$, which tends to "
             f"${tex(right)}$.",
             f"For $x < {tex(a)}$, $|{tex(X - a)}| = -({tex(X - a)})$, so the expression is ${tex(-k * (X - b))}$, which tends "
             f"to ${tex(left)}$."]
    if side:
        value = right if side == "+" else left
        lines.append(f"The question asks for the limit from the {'right' if side == '+' else 'left'}: ${tex(value)}$.")
        return point, f, value, lines
    lines.append("The one-sided limits differ, so the two-sided limit does not exist.")
    return point, f, "DNE", lines


def _trig(params):
    a, b, form = Rational(params["a"]), Rational(params["b"]), params["form"]
    if form == "sin/x":
        f, value = sp.sin(a * X) / (b * X), a / b
        lines = [f"Write $\\frac{{\\sin({tex(a * X)})}}{{{tex(b * X)}}} = {_ratio(a, b, False)} \\cdot "
                 f"\\frac{{\\sin({tex(a * X)})}}{{{tex(a * X)}}}$."]
    elif form == "sin/sin":
        f, value = sp.sin(a * X) / sp.sin(b * X), a / b
        lines = [f"Multiply and divide: $\\frac{{\\sin({tex(a * X)})}}{{{tex(a * X)}}} \\cdot \\frac{{{tex(b * X)}}}"
                 f"{{\\sin({tex(b * X)})}} \\cdot \\frac{{{tex(a * X)}}}{{{tex(b * X)}}}$; both ratios tend to 1."]
    elif form == "tan/x":
        f, value = sp.tan(a * X) / (b * X), a / b
        lines = [f"Write $\\tan({tex(a * X)}) = \\frac{{\\sin({tex(a * X)})}}{{\\cos({tex(a * X)})}}$ and "
                 f"$\\cos({tex(a * X)}) \\to 1$; the rest is ${_ratio(a, b, False)} \\cdot "
                 f"\\frac{{\\sin({tex(a * X)})}}{{{tex(a * X)}}}$."]
    else:
        f, value = (1 - sp.cos(a * X)) / (b * X**2), a**2 / (2 * b)
        lines = [f"Use $1 - \\cos u = 2\\sin^{{2}}(u/2)$ with $u = {tex(a * X)}$: the expression is "
                 f"$\\frac{{2\\sin^{{2}}({tex(a * X / 2)})}}{{{tex(b * X**2)}}} = \\frac{{{tex(a**2)}}}{{{tex(2 * b)}}} "
                 f"\\left(\\frac{{\\sin({tex(a * X / 2)})}}{{{tex(a * X / 2)}}}\\right)^{{2}}$."]
    lines.insert(0, "Substitution gives $\\frac{0}{0}$; use the standard limit $\\lim_{u \\to 0} \\frac{\\sin u}{u} = 1$.")
    lines.append(f"Each standard ratio tends to $1$, so the limit is ${tex(value)}$.")
    return "0", f, value, lines


def _conjugate(params):
    a, c, form = Rational(params["a"]), Rational(params["c"]), params["form"]
    if form == "root/x":
        b = Rational(params.get("b", 1))
        f = (sp.sqrt(a * X + c**2) - c) / (b * X)
        value = a / (2 * b * c)
        below = f"\\sqrt{{{tex(a * X + c**2)}}} + {tex(c)}" if b == 1 else f"{tex(b)}(\\sqrt{{{tex(a * X + c**2)}}} + {tex(c)})"
        at_zero = f"{tex(c)} + {tex(c)}" if b == 1 else f"{tex(b)}({tex(c)} + {tex(c)})"
        return "0", f, value, [
            "Substitution gives $\\frac{0}{0}$. Multiply numerator and denominator by the conjugate "
            f"$\\sqrt{{{tex(a * X + c**2)}}} + {tex(c)}$.",
            f"The numerator becomes $({tex(a * X + c**2)}) - {tex(c**2)} = {tex(a * X)}$.",
            f"Cancel $x$: the expression is $\\frac{{{tex(a)}}}{{{below}}}$.",
            f"Substitute $x = 0$: $\\frac{{{tex(a)}}}{{{at_zero}}} = {tex(value)}$.",
        ]
    if form == "x/root":
        f = (X - c**2) / (sp.sqrt(X) - c)
        value = 2 * c
        return tex(c**2), f, value, [
            "Substitution gives $\\frac{0}{0}$. Multiply numerator and denominator by $\\sqrt{x} + " f"{tex(c)}$.",
            f"The denominator becomes $x - {tex(c**2)}$, which cancels the numerator.",
            f"What remains is $\\sqrt{{x}} + {tex(c)}$; at $x = {tex(c**2)}$ it equals ${tex(c)} + {tex(c)} = {tex(value)}$.",
        ]
    f = sp.sqrt(X**2 + a * X) - X
    value = a / 2
    return "\\infty", f, value, [
        "This is an $\\infty - \\infty$ form. Multiply and divide by the conjugate $\\sqrt{" f"{tex(X**2 + a * X)}" "} + x$.",
        f"The numerator becomes $({tex(X**2 + a * X)}) - x^{{2}} = {tex(a * X)}$.",
        f"Divide top and bottom by $x$: $\\frac{{{tex(a)}}}{{\\sqrt{{1 + \\frac{{{tex(a)}}}{{x}}}} + 1}}$.",
        f"As $x \\to \\infty$ the root tends to 1, so the limit is ${_ratio(a, 2)}$.",
    ]


def _hopital_rounds(function, point, rounds: int) -> tuple[sp.Expr, list[str]]:
    num, den = sp.fraction(sp.together(function))
    lines = []
    for i in range(rounds):
        if i:
            lines.append(f"Substituting $x = {tex(point)}$ still gives $\\frac{{0}}{{0}}$, so apply the rule again.")
        num, den = sp.diff(num, X), sp.diff(den, X)
        lines.append(f"Round {i + 1}: differentiate the top and the bottom separately: $\\frac{{{tex(num)}}}{{{tex(den)}}}$.")
    top, bottom = sp.simplify(num.subs(X, point)), sp.simplify(den.subs(X, point))
    value = top / bottom
    lines.append(f"Now the denominator is ${tex(bottom)} \\ne 0$ at $x = {tex(point)}$, so substitute: ${_ratio(top, bottom)}$.")
    return value, lines


def _hopital(params):
    a, b, form = Rational(params["a"]), Rational(params["b"]), params["form"]
    f, rounds, point = {  # form: (function, rounds of the rule, point)
        "exp": lambda: ((sp.exp(a * X) - 1) / (b * X), 1, sp.Integer(0)),
        "ln": lambda: (sp.log(1 + a * X) / (b * X), 1, sp.Integer(0)),
        "expexp": lambda: ((sp.exp(a * X) - sp.exp(b * X)) / X, 1, sp.Integer(0)),
        "pow": lambda: ((X ** int(params["n"]) - a ** int(params["n"])) / (b * (X - a)), 1, a),
        "lnx": lambda: (sp.log(X) / (b * (X - 1)), 1, sp.Integer(1)),
        "exp2": lambda: ((sp.exp(a * X) - 1 - a * X) / (b * X**2), 2, sp.Integer(0)),
        "cos2": lambda: ((1 - sp.cos(a * X)) / (b * X**2), 2, sp.Integer(0)),
        "ln2": lambda: ((sp.log(1 + a * X) - a * X) / (b * X**2), 2, sp.Integer(0)),
        "sin3": lambda: ((a * X - sp.sin(a * X)) / (b * X**3), 3, sp.Integer(0)),
        "exp3": lambda: ((2 * sp.exp(a * X) - 2 - 2 * a * X - a**2 * X**2) / (b * X**3), 3, sp.Integer(0)),
    }[form]()
    value, lines = _hopital_rounds(f, point, rounds)
    return tex(point), f, value, [f"Substituting $x = {tex(point)}$ gives $\\frac{{0}}{{0}}$, so L'Hôpital's rule applies: "
                                  "the limit equals that of $\\frac{f'(x)}{g'(x)}$.", *lines]


KINDS = {"poly": _poly_sub, "rat": _rat_sub, "fc": _factor_cancel, "cubes": _cubes, "inf": _at_infinity,
         "asym": _asymptote, "abs": _abs_kink, "trig": _trig, "conj": _conjugate, "hop": _hopital}


def _draw(rng: np.random.Generator, level: int) -> dict:
    if level == 1:
        coefs = [_signed(rng, 0, 9) for _ in range(integer(rng, 2, 3))]
        return {"kind": "poly", "a": _signed(rng, 0, 5), "c": [*coefs, _signed(rng)]}
    if level == 2:
        while True:
            params = {"kind": "rat", "a": _signed(rng, 0, 4), "p": _signed(rng), "q": _signed(rng, 0, 9),
                      "s": _signed(rng, 0, 5), "t": _signed(rng)}
            a = params["a"]
            if a * a + params["s"] * a + params["t"] != 0 and params["p"] * a + params["q"] != 0:
                return params
    if level == 3:
        r = _signed(rng, 1, 6)
        s = choice(rng, [v for v in range(-7, 8) if v != r])
        return {"kind": "fc", "r": r, "s": s, "k": choice(rng, [1, 1, 2, 3, -1])}
    if level == 4:
        if rng.random() < 0.3:
            return {"kind": "cubes", "r": _signed(rng, 1, 4), "k": integer(rng, 1, 4)}
        r = _signed(rng, 1, 5)
        s, t = (int(v) for v in rng.choice([v for v in range(-6, 7) if v != r], size=2, replace=False))
        return {"kind": "fc", "r": r, "s": s, "t": t, "k": choice(rng, [1, 1, 2, 3]), "m": choice(rng, [1, 1, 2, -1])}
    if level == 5:
        dn, dd = choice(rng, [(2, 2), (3, 3), (1, 1), (1, 2), (2, 3), (1, 3), (3, 2), (2, 1), (3, 1)])
        return {"kind": "inf", "dir": choice(rng, [1, 1, -1]), "n": [_signed(rng, 0, 9) for _ in range(dn)] + [_signed(rng)],
                "d": [_signed(rng, 1, 9) for _ in range(dd)] + [_signed(rng)]}
    if level == 6:
        if rng.random() < 0.5:
            a = _signed(rng, 0, 6)
            return {"kind": "abs", "a": a, "b": choice(rng, [v for v in range(-8, 9) if v != a]), "k": _signed(rng, 1, 4),
                    "side": choice(rng, ["+", "-", "", "+", "-"])}
        return {"kind": "asym", "a": _signed(rng, 0, 6), "c": _signed(rng), "k": integer(rng, 1, 3),
                "side": choice(rng, ["+", "-", "", "+", "-"])}
    if level == 7:
        return {"kind": "trig", "a": integer(rng, 1, 15), "b": integer(rng, 1, 15),
                "form": choice(rng, ["sin/x", "sin/sin", "tan/x", "1-cos"])}
    if level == 8:
        return {"kind": "conj", "a": integer(rng, 1, 15), "c": integer(rng, 1, 12),
                "b": integer(rng, 1, 5), "form": choice(rng, ["root/x", "root/x", "x/root", "inf"])}
    if level == 9:
        form = choice(rng, ["exp", "ln", "expexp", "pow", "lnx"])
        if form == "pow":
            return {"kind": "hop", "form": form, "a": _signed(rng, 1, 3), "b": _signed(rng, 1, 4), "n": integer(rng, 3, 5)}
        a, b = _signed(rng), _signed(rng)
        return {"kind": "hop", "form": form, "a": a, "b": b if form != "expexp" or b != a else a + 1}
    return {"kind": "hop", "form": choice(rng, ["exp2", "cos2", "ln2", "sin3", "exp3"]), "a": _signed(rng, 1, 6),
            "b": _signed(rng, 1, 6)}


def solve(params: dict):
    point, f, value, lines = KINDS[params["kind"]](params)
    if value in (sp.oo, -sp.oo):
        answer = "oo" if value == sp.oo else "-oo"
    elif value == "DNE":
        answer = "DNE"
    else:
        answer = to_fraction(value)
    return point, f, answer, lines


def _display(params: dict, function) -> str:
    if params["kind"] == "conj" and params["form"] == "inf":
        return f"\\left(\\sqrt{{{tex(X**2 + params['a'] * X)}}} - x\\right)"
    return grouped_tex(function)


# --------------------------------------------------------------------------- answers
_TEXT_RE = re.compile(r"\\(?:text|mathrm|textbf)\s*\{([^{}]*)\}")
_DNE = frozenset({"dne", "does not exist", "the limit does not exist", "no limit"})
_INF = {"\\infty": "oo", "+\\infty": "oo", "∞": "oo", "+∞": "oo", "oo": "oo", "+oo": "oo", "infinity": "oo",
        "+infinity": "oo", "-\\infty": "-oo", "-∞": "-oo", "-oo": "-oo", "-infinity": "-oo"}


def parse_limit(span: str):
    """A rational number, ``"oo"``, ``"-oo"`` or ``"DNE"``.

    >>> parse_limit("-\\\\infty"), parse_limit("\\\\text{does not exist}"), parse_limit("\\\\frac{6}{4}")
    ('-oo', 'DNE', Fraction(3, 2))
    """
    text = normalize_span(guard_span(span))
    words = " ".join(_TEXT_RE.sub(r"\1", text).replace("$", " ").casefold().split())
    if words.rstrip(".") in _DNE:
        return "DNE"
    compact = words.replace(" ", "").replace("\\left", "").replace("\\right", "")
    if compact in _INF:
        return _INF[compact]
    return parse_rational(span)


# --------------------------------------------------------------------------- exposition
_TEXTS = exposition_texts(__name__)


def _passage_values(rng: np.random.Generator) -> dict:
    """The numbers of one passage, drawn after its template."""
    a, b, c = integer(rng, 2, 9), integer(rng, 2, 9), integer(rng, 2, 9)
    return {"a": a, "b": b, "c": c, "a2": a * a, "twoa": 2 * a, "sub": a * a + b * a, "ab": a + b, "ac": a + c,
            "bma": b - a, "ab2": a * b, "apb": a + b, "bb": b if b != a else b + 1}


# --------------------------------------------------------------------------- the family
@register_family
class Limits(Family):
    """Limits, checked exactly: a rational value, an infinity with its sign, or DNE.

    >>> fam, p = Limits(), Problem("Find the limit.", "-oo", "Limits")
    >>> fam.verify(p, "\\\\boxed{-\\\\infty}").status.value, fam.verify(p, "\\\\boxed{\\\\infty}").status.value
    ('CORRECT', 'INCORRECT')
    """

    name = "Limits"
    version = 2
    answer_type = "limit"
    parse = parse_limit
    subject = "calculus"
    instruction = INSTRUCTION
    exposition = exposition_from(20261203, 220, lambda rng: topic_passage(rng, _TEXTS, _passage_values))

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem:
        """The question needs the point and the function, which come out of the kind's solver with the answer."""
        level = check_difficulty(difficulty)
        while True:
            params = _draw(rng, level)
            point, f, answer, _ = solve(params)
            if f.has(X):  # sympy cancels sin(ax)/sin(ax) or p(x)/p(x) to a constant: no limit would be left to take
                break
        return Problem(f"Find $\\lim_{{x \\to {point}}} {_display(params, f)}$.", answer, self.name, self.version, level,
                       metadata={"params": params})

    def solution_lines(self, problem: Problem) -> list[str]:
        point, function, _, lines = solve(problem.metadata["params"])
        return [f"We want $\\lim_{{x \\to {point}}} {tex(function)}$.", *lines]

    def answer_line(self, problem: Problem) -> str:
        return f"The limit is $\\boxed{{{_show(problem.answer)}}}$."
