"""Integrals: antiderivatives and exact definite integrals.

**Asked.** Either an antiderivative, ``Find \\int (3 x^{2} - 4 x + 1)\\,dx``, or the
exact value of a definite integral, ``Evaluate \\int_{0}^{2} x (x^{2}+1)^{3}\\,dx``.

**Difficulty** changes the technique needed:

==  ==================================================================  ====================================
 1  one power term, power rule                                          ``\\int 6 x^{2}\\,dx``
 2  polynomial with three or four terms (sum and constant rules)        ``\\int (4x^3 - 3x^2 + 2)\\,dx``
 3  negative and fractional powers, including ``1/x``                    ``\\int (\\frac{3}{x^{2}} + \\sqrt{x})\\,dx``
 4  sin, cos, e^x, 1/x and a power                                      ``\\int (2\\cos x - 3 e^{x})\\,dx``
 5  linear substitution ``u = ax + b``                                  ``\\int (3x - 2)^{5}\\,dx``
 6  definite integral of a polynomial (rational answer)                 ``\\int_{-1}^{2} (x^{2} - 3x)\\,dx``
 7  substitution ``u = g(x)`` with ``g'`` present                        ``\\int x e^{x^{2}}\\,dx``
 8  definite integrals by substitution or of sin/cos/e^x/1/x            ``\\int_{0}^{1} 2x e^{x^{2}}\\,dx``
 9  integration by parts once                                           ``\\int x \\cos 3x\\,dx``, ``\\int x^{2} \\ln x\\,dx``
10  parts twice, the cyclic ``e^{ax}\\sin bx`` case, or definite by parts ``\\int x^{2} e^{2x}\\,dx``
==  ==================================================================  ====================================

**Answer type.** A symbolic expression read by
:func:`textbook_gym.verifiers.symbolic.parse_expression` (plain or LaTeX).

* Antiderivatives (``metadata["kind"] == "indefinite"``): the answer is
  differentiated with respect to ``x`` and compared with the integrand by
  symbolic equivalence, so any constant is accepted, with or without ``+ C``.
  ``\\ln|u|`` and ``\\ln u`` are both accepted (``\\ln|u|`` is read as ``\\ln u``
  before differentiating; both have derivative ``u'/u``). Only the symbols ``x`` and
  a constant ``C`` (or ``c``, ``K``) may appear; one leading ``F(x) =`` or ``y =`` is dropped.
  The comparison takes ``x > 0`` (the real domain of roots and logarithms), so
  ``\\frac{1}{2}\\ln(x^{2})`` is accepted for ``\\ln x``. ``Problem.answer`` is one antiderivative (without ``C``).
* Definite integrals (``"definite"``): an exact value (``\\frac{7}{3}``,
  ``\\frac{e - 1}{2}``, ``\\ln 3``, ``\\pi``) checked by symbolic equivalence;
  decimal approximations are not exact and fail. No symbol may appear.

An equivalence the checker cannot decide within its deadline is a TIMEOUT verdict.

**Worked solutions** name each rule (power rule, constant multiple and sum rules,
the basic antiderivatives, substitution with ``u`` and ``du`` written out,
integration by parts with ``u``, ``dv``, ``du``, ``v``), and for definite
integrals evaluate ``F(b) - F(a)``. The last line holds ``\\boxed{...}``.

**Version history.** v0: first release. v1: level 1 uses coefficients ±1..±30 and powers
0..12 (780 problems instead of 216); the integrals by parts at levels 9 and 10 carry a
constant factor and wider inner coefficients (level 9 held 30 problems, level 10 71), so
every level's test split holds at least 50 problems.
"""

from __future__ import annotations

import re

import numpy as np
import sympy as sp
from sympy import Rational

from textbook_gym.envs._kit import Family, Problem, Verdict, check_difficulty, register_family
from textbook_gym.verifiers import ParseError, check_answer
from textbook_gym.verifiers.equivalence import equivalent
from textbook_gym.verifiers.symbolic import parse_expression

from ._kit.draw import choice, integer, signed
from ._kit.expressions import FUNCTIONS, X_POSITIVE, U, X, grouped_tex, on_positive_axis, stored, tex, topic_passage
from ._kit.passages import exposition_from
from ._kit.texts import exposition_texts


def _abs_log(expr):
    """Show ``\\ln|u|`` for logarithms of expressions that can be negative."""
    return expr.replace(lambda e: isinstance(e, sp.log) and not e.args[0].is_positive,
                        lambda e: sp.log(sp.Abs(e.args[0])))


# --------------------------------------------------------------------------- term rules (levels 1-4)
_BASIC = {  # name: (antiderivative of the function of x, the fact a student memorizes)
    "sin": (-sp.cos(X), "\\int \\sin x\\,dx = -\\cos x"),
    "cos": (sp.sin(X), "\\int \\cos x\\,dx = \\sin x"),
    "exp": (sp.exp(X), "\\int e^{x}\\,dx = e^{x}"),
}


def _term(kind: str, coefficient, power=None):
    """One basic term: (integrand, antiderivative, explanation)."""
    c = Rational(coefficient)
    if kind != "pow":
        anti, fact = _BASIC[kind]
        return c * FUNCTIONS[kind](X), c * anti, f"Basic antiderivative ${fact}$, times ${tex(c)}$: ${tex(c * anti)}$."
    n = Rational(power)
    if n == -1:
        shown = "" if c == 1 else "-" if c == -1 else tex(c)
        return c / X, c * sp.log(X), (f"$\\int {tex(c / X)}\\,dx = {shown} \\ln|x|$ "
                                      "(the power rule's exception, $n = -1$).")
    anti = c * X ** (n + 1) / (n + 1)
    if n == 0:
        return c, anti, f"Constant rule: $\\int {tex(c)}\\,dx = {tex(anti)}$."
    return (c * X**n, anti, f"Power rule: $\\int {tex(c * X**n)}\\,dx = {tex(c)} \\cdot \\frac{{x^{{{tex(n + 1)}}}}}{{{tex(n + 1)}}}"
            f" = {tex(anti)}$.")


def _terms(spec):
    parts = [_term(*t) for t in spec["terms"]]
    lines = [] if len(parts) == 1 else ["Sum rule: integrate term by term; constants factor out."]
    return sp.Add(*[p[0] for p in parts]), sp.Add(*[p[1] for p in parts]), lines + [p[2] for p in parts]


# --------------------------------------------------------------------------- substitutions (levels 5, 7, 8)
def _outer(kind: str, power=None):
    """The outer function ``f(u)`` of a substitution and its antiderivative ``F(u)``."""
    if kind == "pow":
        n = Rational(power)
        return (lambda v: v**n), (lambda v: v ** (n + 1) / (n + 1))
    return {"sin": (sp.sin, lambda v: -sp.cos(v)), "cos": (sp.cos, sp.sin), "exp": (sp.exp, sp.exp),
            "inv": (lambda v: 1 / v, sp.log)}[kind]


def _linear_sub(spec):
    a, inner = Rational(spec["a"]), Rational(spec["a"]) * X + Rational(spec["b"])
    outer, anti_u = _outer(spec["f"], spec.get("n"))
    integrand, anti = outer(inner), anti_u(inner) / a
    return integrand, anti, [
        f"Substitute $u = {tex(inner)}$: then $du = {tex(a)}\\,dx$, so $dx = \\frac{{du}}{{{tex(a)}}}$.",
        f"The integral becomes $\\frac{{1}}{{{tex(a)}}} \\int {tex(outer(U))}\\,du = \\frac{{1}}{{{tex(a)}}} "
        f"\\left({tex(_abs_log(anti_u(U)))}\\right)$.",
        f"Substitute back $u = {tex(inner)}$: ${tex(_abs_log(anti))}$.",
    ]


def _g_sub(spec):
    """``k g'(x) f(g(x))`` with the antiderivative ``k F(g(x))``."""
    k = Rational(spec["k"])
    g = {"quad": X**2 + Rational(spec["c"]), "cube": X**3 + Rational(spec["c"]), "sin": sp.sin(X), "cos": sp.cos(X),
         "sq": X**2}[spec["g"]]
    outer, anti_u = _outer(spec["f"], spec.get("n"))
    dg = sp.diff(g, X)
    integrand, anti = k * dg * outer(g), k * anti_u(g)
    return integrand, anti, [
        f"The factor ${tex(dg)}$ is the derivative of ${tex(g)}$, so substitute $u = {tex(g)}$, $du = {tex(dg)}\\,dx$.",
        f"The integral becomes ${tex(k)} \\int {tex(outer(U))}\\,du = {tex(k)} \\cdot {tex(_abs_log(anti_u(U)))} "
        f"= {tex(k * _abs_log(anti_u(U)))}$.",
        f"Substitute back $u = {tex(g)}$: ${tex(_abs_log(anti))}$.",
    ]


# --------------------------------------------------------------------------- integration by parts (levels 8-10)
def _scaled(coefficient, name: str, slope):
    """``coefficient * name(slope * x)`` for name in exp, sin, cos."""
    return coefficient * FUNCTIONS[name](slope * X)


def _integrated(coefficient, name: str, slope) -> tuple:
    """``\\int coefficient * name(slope x) dx`` as (coefficient, name), for name in exp, sin, cos."""
    return {"exp": (coefficient / slope, "exp"), "sin": (-coefficient / slope, "cos"),
            "cos": (coefficient / slope, "sin")}[name]


def _parts(spec):
    """``k`` times ``x^m f(ax)`` by parts (twice for m = 2), ``x^n ln x``, or the cyclic ``e^{ax} sin/cos(bx)``."""
    integrand, anti, lines = {"ln": _parts_log, "cyc": _parts_cyclic}.get(spec["f"], _parts_power)(spec)
    k = Rational(spec.get("k", 1))
    if k == 1:
        return integrand, anti, lines
    return k * integrand, k * anti, [
        f"Constant multiple rule: take ${tex(k)}$ out and integrate ${tex(integrand)}$.",
        *lines,
        f"Multiply by ${tex(k)}$: ${tex(k * anti)}$.",
    ]


def _parts_log(spec):
    n = Rational(spec["n"])
    v = X ** (n + 1) / (n + 1)
    rest = X ** (n + 1) / (n + 1) ** 2
    return X**n * sp.log(X), sp.log(X) * v - rest, [
        f"Integration by parts, $\\int u\\,dv = uv - \\int v\\,du$, with $u = \\ln x$ and $dv = {tex(X**n)}\\,dx$.",
        f"Then $du = \\frac{{1}}{{x}}\\,dx$ and $v = {tex(v)}$.",
        f"The remaining integral: $\\int v\\,du = \\int {tex(v / X)}\\,dx = {tex(rest)}$.",
        f"So $uv - \\int v\\,du = {tex(sp.log(X) * v)} - {tex(rest)}$.",
    ]


def _parts_cyclic(spec):
    a, b, trig = Rational(spec["a"]), Rational(spec["b"]), spec["trig"]
    other = "cos" if trig == "sin" else "sin"
    sign = -1 if trig == "sin" else 1
    e = sp.exp(a * X)
    first, second = _scaled(1, trig, b), _scaled(1, other, b)
    rhs = e * (first / a + sign * b / a**2 * second)
    k = 1 + b**2 / a**2
    anti = rhs / k
    return e * first, anti, [
        f"Call the integral $I$. By parts with $u = {tex(first)}$, $dv = {tex(e)}\\,dx$: "
        f"$du = {tex(sp.diff(first, X))}\\,dx$, $v = {tex(e / a)}$, so "
        f"$I = {tex(e * first / a + sign * b / a * sp.Integral(e * second, X))}$.",
        f"By parts again with $u = {tex(second)}$, $dv = {tex(e)}\\,dx$: "
        f"${tex(sp.Integral(e * second, X))} = {tex(e * second / a - sign * b / a * sp.Symbol('I'))}$.",
        f"The integral $I$ reappears: $I = {tex(rhs)} - {tex(b**2 / a**2)} I$.",
        f"Solve for $I$: ${tex(k)} I = {tex(rhs)}$, so $I = {tex(anti)}$.",
    ]


def _parts_power(spec):
    a, m, name = Rational(spec["a"]), int(spec["m"]), spec["f"]
    c1, name1 = _integrated(sp.Integer(1), name, a)
    c2, name2 = _integrated(c1, name1, a)
    v1, v2 = _scaled(c1, name1, a), _scaled(c2, name2, a)
    lines = [f"Integration by parts, $\\int u\\,dv = uv - \\int v\\,du$, with $u = {tex(X**m)}$ and "
             f"$dv = {tex(_scaled(1, name, a))}\\,dx$: $du = {tex(sp.diff(X**m, X))}\\,dx$, $v = {tex(v1)}$."]
    if m == 1:
        return X * _scaled(1, name, a), X * v1 - v2, [
            *lines, f"So the integral is ${tex(X * v1)} - \\int {tex(v1)}\\,dx$.",
            f"The remaining integral: $\\int {tex(v1)}\\,dx = {tex(v2)}$."]
    v3 = _scaled(*_integrated(c2, name2, a), a)
    return X**2 * _scaled(1, name, a), X**2 * v1 - 2 * X * v2 + 2 * v3, [
        *lines, f"So the integral is ${tex(X**2 * v1)} - \\int {tex(2 * X * v1)}\\,dx$.",
        f"By parts again on $\\int {tex(2 * X * v1)}\\,dx$ with $u = 2 x$, $dv = {tex(v1)}\\,dx$: "
        f"$du = 2\\,dx$, $v = {tex(v2)}$, so it equals ${tex(2 * X * v2)} - \\int {tex(2 * v2)}\\,dx$.",
        f"The last integral: $\\int {tex(2 * v2)}\\,dx = {tex(2 * v3)}$.",
        f"Put together: ${tex(X**2 * v1)} - \\left({tex(2 * X * v2)} - {tex(2 * v3)}\\right)$."]


BUILDERS = {"terms": _terms, "lin": _linear_sub, "gsub": _g_sub, "parts": _parts}


def build(spec):
    """(integrand, antiderivative, explanation lines) of a problem's spec (JSON data)."""
    return BUILDERS[spec["t"]](spec)


# --------------------------------------------------------------------------- generation
def _coefficient(rng: np.random.Generator, hi: int = 9) -> int:
    return signed(rng, 1, hi, negative=0.3)


def _spec(rng: np.random.Generator, level: int) -> dict:
    if level == 1:
        return {"t": "terms", "terms": [["pow", _coefficient(rng, 30), integer(rng, 0, 12)]]}
    if level in (2, 6):
        degree = integer(rng, 2, 4 if level == 2 else 3)
        size = min(degree, integer(rng, 2, 3))
        powers = sorted({degree, *(int(p) for p in rng.choice(degree, size=size, replace=False))}, reverse=True)
        return {"t": "terms", "terms": [["pow", _coefficient(rng), p] for p in powers]}
    if level == 3:
        pool = [["pow", _coefficient(rng), -integer(rng, 2, 4)],
                ["pow", _coefficient(rng), choice(rng, ["1/2", "3/2", "1/3", "-1/2"])],
                ["pow", _coefficient(rng), -1], ["pow", _coefficient(rng), integer(rng, 1, 4)]]
        keep = sorted(int(i) for i in rng.choice(4, size=integer(rng, 2, 3), replace=False))
        return {"t": "terms", "terms": [pool[i] for i in keep]}
    if level == 4:
        kinds = sorted(str(k) for k in rng.choice(["sin", "cos", "exp", "inv"], size=integer(rng, 2, 3), replace=False))
        terms = [["pow", _coefficient(rng), -1] if k == "inv" else [k, _coefficient(rng)] for k in kinds]
        return {"t": "terms", "terms": [*terms, ["pow", _coefficient(rng), integer(rng, 1, 4)]]}
    if level == 5:
        kind = choice(rng, ["pow", "pow", "sin", "cos", "exp", "inv"])
        spec = {"t": "lin", "a": integer(rng, 2, 7), "b": _coefficient(rng), "f": kind}
        if kind == "pow":
            spec["n"] = choice(rng, [2, 3, 4, 5, 6, 7, -2, -3, "1/2"])
        return spec
    if level in (7, 8):
        g = choice(rng, ["quad", "quad", "cube", "sin", "cos", "sq"])
        # Both outer functions are drawn whatever g is: the draws are part of the content.
        outer = {"quad": choice(rng, ["pow", "inv", "pow"]), "cube": choice(rng, ["pow", "inv"]), "sin": "pow",
                 "cos": "pow", "sq": "exp"}[g]
        spec = {"t": "gsub", "g": g, "f": outer, "k": _coefficient(rng, 6), "c": integer(rng, 1, 9)}
        if outer == "pow":
            spec["n"] = integer(rng, 2, 6) if g in ("sin", "cos") else choice(rng, [2, 3, 4, 5, -2, "1/2"])
        return spec
    if level == 9:
        kind = choice(rng, ["exp", "sin", "cos", "ln"])
        if kind == "ln":
            return {"t": "parts", "f": "ln", "n": integer(rng, 0, 6), "k": _coefficient(rng)}
        return {"t": "parts", "f": kind, "m": 1, "a": _coefficient(rng), "k": _coefficient(rng)}
    kind = choice(rng, ["exp", "sin", "cos", "cyc"])
    if kind == "cyc":
        return {"t": "parts", "f": "cyc", "a": _coefficient(rng, 4), "b": integer(rng, 1, 5),
                "trig": choice(rng, ["sin", "cos"]), "k": _coefficient(rng, 5)}
    return {"t": "parts", "f": kind, "m": 2, "a": _coefficient(rng, 6), "k": _coefficient(rng, 6)}


_BOUNDS_8 = {
    "quad": [("0", "1"), ("0", "2"), ("1", "2"), ("-1", "1")],
    "cube": [("0", "1"), ("-1", "1"), ("0", "2")],
    "sq": [("0", "1"), ("0", "2"), ("-1", "1")],
    "sin": [("0", "pi/2"), ("0", "pi/6"), ("0", "pi")],
    "cos": [("0", "pi/2"), ("0", "pi/3"), ("0", "pi")],
}


def _definite(rng: np.random.Generator, level: int) -> dict:
    if level == 6:
        lo = integer(rng, -3, 2)
        return _spec(rng, 6) | {"lo": str(lo), "hi": str(lo + integer(rng, 1, 3))}
    if level == 8:
        if rng.random() < 0.6:
            spec = _spec(rng, 8)
            if spec["g"] in ("quad", "cube") and spec["f"] == "pow":
                spec["n"] = integer(rng, 1, 3)
            lo, hi = choice(rng, _BOUNDS_8[spec["g"]])
            if spec["f"] == "inv" and spec["g"] == "cube" and lo == "-1":
                lo = "0"
            return spec | {"lo": lo, "hi": hi}
        kind = choice(rng, ["sin", "cos", "exp", "inv"])
        # Every kind's upper bound is drawn whatever the kind: the draws are part of the content.
        lo, hi = {"sin": ("0", choice(rng, ["pi", "pi/2", "pi/3"])), "cos": ("0", choice(rng, ["pi/2", "pi/6", "pi"])),
                  "exp": ("0", str(integer(rng, 1, 3))), "inv": ("1", choice(rng, ["2", "3", "5", "E", "E**2"]))}[kind]
        term = ["pow", _coefficient(rng), -1] if kind == "inv" else [kind, _coefficient(rng)]
        return {"t": "terms", "terms": [term], "lo": lo, "hi": hi}
    kind = choice(rng, ["exp", "sin", "cos", "ln"])
    if kind == "ln":
        return {"t": "parts", "f": "ln", "n": integer(rng, 0, 3), "lo": "1", "hi": choice(rng, ["E", "E**2"])}
    if kind == "exp":
        return {"t": "parts", "f": "exp", "m": 1, "a": choice(rng, [1, 2, -1]), "lo": "0", "hi": "1"}
    return {"t": "parts", "f": kind, "m": 1, "a": 1, "lo": "0", "hi": choice(rng, ["pi", "pi/2"])}


def _bound(text: str) -> sp.Expr:
    return {"pi": sp.pi, "pi/2": sp.pi / 2, "pi/3": sp.pi / 3, "pi/6": sp.pi / 6, "E": sp.E,
            "E**2": sp.E**2}.get(text) or sp.Integer(int(text))


# --------------------------------------------------------------------------- exposition
_TEXTS = exposition_texts(__name__)


def _passage_values(rng: np.random.Generator) -> dict:
    """The numbers of one passage, drawn after its template."""
    a, b, n = integer(rng, 2, 9), integer(rng, 2, 9), integer(rng, 2, 7)
    return {"a": a, "b": b, "n": n, "n1": n + 1, "n1m": 1 - n, "a2": a * a, "half": sp.Rational(a * b * b, 2)}


# --------------------------------------------------------------------------- answers
_ALLOWED = frozenset({"x", "C", "c", "K"})
_LHS_RE = re.compile(r"^\s*(?:[FGy]\s*\(\s*x\s*\)|y)\s*=")


def _parse_antiderivative(span: str) -> sp.Expr:
    expr = parse_expression(_LHS_RE.sub("", span, count=1))
    extra = sorted(s.name for s in expr.free_symbols if s.name not in _ALLOWED)
    if extra:
        raise ParseError(f"an antiderivative in x may use only x and a constant C, not {', '.join(extra)}")
    # ln|u| and ln u have the same derivative u'/u; differentiate the log of u itself.
    return expr.replace(lambda e: isinstance(e, sp.log) and isinstance(e.args[0], sp.Abs),
                        lambda e: sp.log(e.args[0].args[0]))


def _parse_value(span: str) -> sp.Expr:
    expr = parse_expression(span)
    if expr.free_symbols:
        raise ParseError("a definite integral is a number; the answer should contain no variables")
    return expr


def _equal_value(value: sp.Expr, gold: sp.Expr) -> bool | None:
    if value.is_Rational and not gold.is_Rational:
        return False  # a decimal or fraction cannot equal an irrational exact value
    return equivalent(value, gold)


# --------------------------------------------------------------------------- the family
@register_family
class Integrals(Family):
    name = "Integrals"
    version = 1
    answer_type = "expression"
    subject = "calculus"
    exposition = exposition_from(20261202, 220, lambda rng: topic_passage(rng, _TEXTS, _passage_values))

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem:
        level = check_difficulty(difficulty)
        definite = level in (6, 8) or (level == 10 and rng.random() < 0.4)
        spec = _definite(rng, level) if definite else _spec(rng, level)
        integrand, anti, _ = build(spec)
        if definite:
            lo, hi = _bound(spec["lo"]), _bound(spec["hi"])
            answer = sp.simplify(anti.subs(X, hi) - anti.subs(X, lo))
            question = f"Evaluate the definite integral $\\int_{{{tex(lo)}}}^{{{tex(hi)}}} {grouped_tex(integrand)}\\,dx$ exactly."
        else:
            answer = anti
            question = f"Find the antiderivative $\\int {grouped_tex(integrand)}\\,dx$."
        metadata = {"kind": "definite" if definite else "indefinite", "spec": spec,
                    "integrand": sp.sstr(integrand, order="lex")}
        return Problem(question, stored(answer), self.name, self.version, level, metadata=metadata)

    def solution_lines(self, problem: Problem) -> list[str]:
        spec = problem.metadata["spec"]
        integrand, anti, lines = build(spec)
        lines = [f"We integrate ${tex(integrand)}$ with respect to $x$.", *lines]
        if problem.metadata["kind"] == "indefinite":
            return [*lines, f"Check: differentiating ${tex(_abs_log(anti))}$ gives back ${tex(integrand)}$."]
        lo, hi = _bound(spec["lo"]), _bound(spec["hi"])
        f_hi, f_lo = sp.simplify(anti.subs(X, hi)), sp.simplify(anti.subs(X, lo))
        return [
            *lines,
            f"By the fundamental theorem of calculus the integral is $F({tex(hi)}) - F({tex(lo)})$ with $F(x) = {tex(anti)}$.",
            f"$F({tex(hi)}) = {tex(f_hi)}$.",
            f"$F({tex(lo)}) = {tex(f_lo)}$.",
            f"$F({tex(hi)}) - F({tex(lo)}) = {tex(f_hi)} - \\left({tex(f_lo)}\\right) = {tex(problem.answer)}$.",
        ]

    def answer_line(self, problem: Problem) -> str:
        if problem.metadata["kind"] == "definite":
            return f"The value is $\\boxed{{{tex(problem.answer)}}}$."
        integrand, anti, _ = build(problem.metadata["spec"])
        return f"$\\int {grouped_tex(integrand)}\\,dx = \\boxed{{{tex(_abs_log(anti))} + C}}$"

    def verify(self, problem: Problem, response: str) -> Verdict:
        """Antiderivatives: differentiate the answer and compare; definite integrals: exact value.

        >>> fam = Integrals()
        >>> p = Problem("Find the antiderivative of 2x.", X**2, "Integrals", metadata={"kind": "indefinite",
        ...     "integrand": "2*x"})
        >>> fam.verify(p, "\\\\boxed{x^2 + C}").status.value, fam.verify(p, "\\\\boxed{x^2 - 7}").status.value
        ('CORRECT', 'CORRECT')
        >>> fam.verify(p, "\\\\boxed{2}").status.value
        'INCORRECT'
        """
        if problem.metadata.get("kind") == "definite":
            return check_answer(response, problem.answer, _parse_value, equal=_equal_value,
                                same=lambda a, b: equivalent(a, b) is True)
        integrand = on_positive_axis(parse_expression(problem.metadata["integrand"]))

        def derivative(value):
            return sp.diff(on_positive_axis(value), X_POSITIVE)

        return check_answer(response, problem.answer, _parse_antiderivative,
                            equal=lambda value, _gold: equivalent(derivative(value), integrand),
                            same=lambda a, b: equivalent(derivative(a), derivative(b)) is True)
