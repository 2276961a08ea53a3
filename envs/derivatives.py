"""Derivatives: differentiate a function of one variable symbolically.

**Asked.** ``Find the derivative f'(x) of f(x) = x^{3} \\sin{\\left(x \\right)}.`` The function is built from a
small expression tree (sums, constant multiples, powers, products, quotients, ``sin``, ``cos``, ``e^{u}``, ``ln``),
so every problem names the rules a student needs.

**Difficulty** changes which rules are needed:

==  =================================================================  ==================================
 1  one power term, power and constant-multiple rules                  ``-4 x^{7}``
 2  polynomial with three or four terms (sum and constant rules)       ``3 x^{5} - 2 x^{2} + 7 x - 9``
 3  negative and fractional exponents                                  ``\\frac{5}{x^{2}} + 4 \\sqrt{x}``
 4  sums of sin, cos, e^x, ln x and a power                            ``3 \\sin x - 2 e^{x} + x^{4}``
 5  product rule: a power or polynomial times sin/cos/e^x/ln           ``(x^{2} + 3) e^{x}``
 6  quotient rule                                                      ``\\frac{2x + 1}{x - 3}``
 7  chain rule with one inner function                                 ``(3 x^{2} - 1)^{5}``, ``\\ln(x^2+4)``
 8  product rule with a chain-rule factor                              ``x^{3} e^{-2x}``
 9  quotient rule with a chain-rule numerator or denominator           ``\\frac{\\sin 3x}{x^{2} + 1}``
10  nested chain rule (three layers) or a chain inside a product       ``\\sin^{3}(2x + 1)``, ``e^{\\cos 4x}``
==  =================================================================  ==================================

**Answer type.** A symbolic expression in ``x``, read by the project's bounded parser
:func:`textbook_gym.verifiers.symbolic.parse_expression` (plain ``3*x**2``, ``3x^2`` and LaTeX such as
``\\frac{...}{...}``, ``\\sin``, ``e^{...}``, ``\\ln``). Any algebraically equivalent form is accepted: the verifier
checks symbolic equivalence with the gold derivative (``check_symbolic``); an equivalence that the checker cannot
decide within its deadline is a TIMEOUT verdict. The comparison takes ``x > 0`` (the real domain of ``\\sqrt{x}``,
``x^{1/3}`` and ``\\ln x``), so ``\\frac{1}{3\\sqrt[3]{x^{2}}}`` and ``\\frac{1}{3} x^{-2/3}`` are the same answer. One
leading ``f'(x) =``, ``f^{\\prime}(x) =``, ``y' =``, ``dy/dx =`` or ``\\frac{dy}{dx} =`` is dropped before parsing; any
other text around the expression is refused.

**Worked solutions** name every rule as it is used (constant, power, constant multiple, sum, product, quotient,
chain), differentiate the inner pieces first, then combine and simplify. The last line holds ``\\boxed{f'(x)}``.

**Version history.** v0: first release. v1: level 1 uses powers 2..20 and coefficients ±1..±20 (760 problems
instead of 192, so its test split holds about 76).
"""

from __future__ import annotations

import re

import numpy as np
import sympy as sp

from textbook_gym.envs._kit import Family, Problem, Verdict, check_difficulty, register_family
from textbook_gym.verifiers import check_answer
from textbook_gym.verifiers.equivalence import equivalent
from textbook_gym.verifiers.symbolic import parse_expression

from ._kit.draw import choice, integer, signed
from ._kit.expressions import FUNCTIONS, X, on_positive_axis, stored, tex, topic_passage, tree_expression
from ._kit.formats import fraction_text
from ._kit.passages import exposition_from
from ._kit.texts import exposition_texts


# --------------------------------------------------------------------------- differentiation rules
def differentiate(tree: list) -> tuple[sp.Expr, list[str]]:
    """The derivative of an expression tree (envs/_kit/expressions.py) and the lines that justify it, inner pieces
    first; every rule below has this signature."""
    return _RULES.get(tree[0], _function_rule)(tree)


def _constant_multiple_rule(tree: list) -> tuple[sp.Expr, list[str]]:
    f, c, inner = tree_expression(tree), sp.Rational(tree[1]), tree[2]
    if inner[0] == "pow" and inner[1] == ["x"]:
        n = sp.Rational(inner[2])
        result = c * n * X ** (n - 1)
        return result, [f"Power rule with a constant multiple: $\\frac{{d}}{{dx}}\\left[{tex(f)}\\right] = "
                        f"{tex(c)} \\cdot {tex(n)} x^{{{tex(n - 1)}}} = {tex(result)}$."]
    du, lines = differentiate(inner)
    result = c * du
    return result, [*lines, f"Constant multiple rule: $\\frac{{d}}{{dx}}\\left[{tex(f)}\\right] = "
                            f"{tex(c)} \\cdot \\left({tex(du)}\\right) = {tex(result)}$."]


def _sum_rule(tree: list) -> tuple[sp.Expr, list[str]]:
    terms = [differentiate(term) for term in tree[1:]]
    result = sp.Add(*[derivative for derivative, _ in terms])
    return result, [f"Sum rule: differentiate ${tex(tree_expression(tree))}$ term by term.",
                    *[line for _, lines in terms for line in lines],
                    f"Adding the term derivatives: ${tex(result)}$."]


def _power_rule(tree: list) -> tuple[sp.Expr, list[str]]:
    f, base, n = tree_expression(tree), tree[1], sp.Rational(tree[2])
    if base == ["x"]:
        result = n * X ** (n - 1)
        shown = f"{tex(n)} x^{{{tex(n - 1)}}}"
        tail = "" if shown == tex(result) else f" = {tex(result)}"
        return result, [f"Power rule: $\\frac{{d}}{{dx}} {tex(f)} = {shown}{tail}$."]
    u = tree_expression(base)
    du, lines = differentiate(base)
    result = n * u ** (n - 1) * du
    return result, [f"Chain rule: ${tex(f)}$ is $y^{{{tex(n)}}}$ with inner function $y = {tex(u)}$; "
                    f"the outer derivative is ${tex(n)} y^{{{tex(n - 1)}}}$.",
                    *lines,
                    f"Inner derivative: $\\frac{{d}}{{dx}}\\left[{tex(u)}\\right] = {tex(du)}$.",
                    f"Multiply outer by inner: $\\frac{{d}}{{dx}} {tex(f)} = {tex(n)} "
                    f"\\left({tex(u)}\\right)^{{{tex(n - 1)}}} \\cdot \\left({tex(du)}\\right) = {tex(result)}$."]


_OUTER_DERIVATIVES = {  # name: (derivative at u, the fact a student memorizes)
    "sin": (sp.cos, "\\frac{d}{dx}\\sin x = \\cos x"),
    "cos": (lambda u: -sp.sin(u), "\\frac{d}{dx}\\cos x = -\\sin x"),
    "exp": (sp.exp, "\\frac{d}{dx}e^{x} = e^{x}"),
    "ln": (lambda u: 1 / u, "\\frac{d}{dx}\\ln x = \\frac{1}{x}"),
}


def _function_rule(tree: list) -> tuple[sp.Expr, list[str]]:
    inner, (derivative, fact) = tree[1], _OUTER_DERIVATIVES[tree[0]]
    u = tree_expression(inner)
    outer = derivative(u)
    if inner == ["x"]:
        return outer, [f"Basic derivative: ${fact}$."]
    du, lines = differentiate(inner)
    result = outer * du
    return result, [
        f"Chain rule: ${tex(tree_expression(tree))}$ has outer function from ${fact}$ and inner function $u = {tex(u)}$.",
        *lines,
        f"Inner derivative: $u' = {tex(du)}$.",
        f"Outer derivative at $u$ times $u'$: $\\left({tex(outer)}\\right) \\cdot \\left({tex(du)}\\right) = {tex(result)}$.",
    ]


def _two_factor_rule(tree: list) -> tuple[sp.Expr, list[str]]:
    """The product rule (``prod``) or the quotient rule (``quot``)."""
    u, v = tree_expression(tree[1]), tree_expression(tree[2])
    (du, lines_u), (dv, lines_v) = differentiate(tree[1]), differentiate(tree[2])
    factors = [*lines_u, f"So $u' = {tex(du)}$.", *lines_v, f"So $v' = {tex(dv)}$."]
    if tree[0] == "prod":
        result = du * v + u * dv
        return result, [f"Product rule with $u = {tex(u)}$ and $v = {tex(v)}$: $(uv)' = u'v + uv'$.",
                        *factors,
                        f"Combine: $u'v + uv' = \\left({tex(du)}\\right)\\left({tex(v)}\\right) "
                        f"+ \\left({tex(u)}\\right)\\left({tex(dv)}\\right) = {tex(result)}$."]
    numerator = sp.expand(du * v - u * dv)
    result = numerator / v**2
    return result, [f"Quotient rule with numerator $u = {tex(u)}$ and denominator $v = {tex(v)}$: "
                    "$\\left(\\frac{u}{v}\\right)' = \\frac{u'v - uv'}{v^{2}}$.",
                    *factors,
                    f"Numerator: $u'v - uv' = \\left({tex(du)}\\right)\\left({tex(v)}\\right) - \\left({tex(u)}\\right)"
                    f"\\left({tex(dv)}\\right) = {tex(numerator)}$.",
                    f"Divide by $v^{{2}} = \\left({tex(v)}\\right)^{{2}}$: ${tex(result)}$."]


_RULES = {
    "x": lambda tree: (sp.Integer(1), []),
    "c": lambda tree: (sp.Integer(0), [f"Constant rule: the derivative of the constant ${tex(tree_expression(tree))}$ is $0$."]),
    "mul": _constant_multiple_rule, "add": _sum_rule, "pow": _power_rule, "prod": _two_factor_rule, "quot": _two_factor_rule,
}


def tidy(expr: sp.Expr) -> sp.Expr:
    """A readable final form: the shortest of the raw, expanded, factored and combined forms."""
    candidates = [expr]
    if expr.is_rational_function(X):
        candidates += [sp.expand(expr), sp.factor(expr)]
    num, den = sp.fraction(sp.together(expr))
    if den != 1:
        candidates.append(sp.expand(num) / sp.factor(den))
    return min(candidates, key=sp.count_ops)


# --------------------------------------------------------------------------- generation
def _coefficient(rng: np.random.Generator, hi: int = 9) -> int:
    return signed(rng, 1, hi, negative=0.35)


def _monomial(rng: np.random.Generator, power: int, coefficient: int | None = None) -> list:
    coefficient = _coefficient(rng) if coefficient is None else coefficient
    if power == 0:
        return ["c", fraction_text(coefficient)]
    node = ["x"] if power == 1 else ["pow", ["x"], fraction_text(power)]
    return node if coefficient == 1 else ["mul", fraction_text(coefficient), node]


def _x_power(rng: np.random.Generator, hi: int) -> list:
    """``x^n`` for a uniform ``n`` in ``[1, hi]``."""
    return _monomial(rng, integer(rng, 1, hi), 1)


def _polynomial(rng: np.random.Generator, degree: int, terms: int) -> list:
    powers = sorted({degree, *(int(p) for p in rng.choice(degree, size=terms - 1, replace=False))}, reverse=True)
    nodes = [_monomial(rng, p, integer(rng, 1, 9) if i == 0 else None) for i, p in enumerate(powers)]
    return nodes[0] if len(nodes) == 1 else ["add", *nodes]


def _linear(rng: np.random.Generator, with_constant: bool = True) -> list:
    a = integer(rng, 1, 6)  # a positive slope keeps sympy from pulling signs out of sin/cos
    b = _coefficient(rng) if with_constant and rng.random() < 0.7 else 0
    ax = ["x"] if a == 1 else ["mul", fraction_text(a), ["x"]]
    return ax if b == 0 else ["add", ax, ["c", fraction_text(b)]]


def _quadratic_inner(rng: np.random.Generator) -> list:
    """a x^2 + b with a > 0 and b > 0, so logs and roots of it are defined everywhere."""
    return ["add", _monomial(rng, 2, integer(rng, 1, 5)), ["c", _integer_text(rng, 1, 9)]]


def _integer_text(rng: np.random.Generator, lo: int, hi: int) -> str:
    """A uniform integer in ``[lo, hi]`` written for a tree (an exponent or a constant)."""
    return fraction_text(integer(rng, lo, hi))


def _level_3(rng: np.random.Generator) -> list:
    kinds = [
        lambda: _monomial(rng, -integer(rng, 1, 4)),
        lambda: ["mul", fraction_text(_coefficient(rng)), ["pow", ["x"], choice(rng, ["1/2", "3/2", "1/3", "2/3", "5/2"])]],
        lambda: _monomial(rng, integer(rng, 1, 4)),
    ]
    order = rng.permutation(3)[: integer(rng, 2, 3)]  # two or three of the kinds, so always a root or a 1/x^n
    return ["add", *[kinds[int(i)]() for i in sorted(order)]]


def _level_4(rng: np.random.Generator) -> list:
    names = [str(n) for n in rng.choice(list(FUNCTIONS), size=integer(rng, 2, 3), replace=False)]
    terms = [["mul", fraction_text(_coefficient(rng)), [name, ["x"]]] for name in sorted(names)]
    return ["add", *terms, _monomial(rng, integer(rng, 2, 5))]


def _level_8(rng: np.random.Generator) -> list:
    power = _x_power(rng, 4)
    return choice(rng, [  # a power of x times a chain-rule factor (the last shape ignores the power)
        lambda: ["prod", power, [choice(rng, _TRIG_EXP), _linear(rng)]],
        lambda: ["prod", power, ["ln", _quadratic_inner(rng)]],
        lambda: ["prod", power, ["pow", _linear(rng), _integer_text(rng, 2, 5)]],
        lambda: ["prod", ["exp", _linear(rng, False)], [choice(rng, ["sin", "cos"]), _linear(rng, False)]],
    ])()


def _one_of(*shapes):
    """A level that draws one of its function shapes uniformly, then the shape's own numbers."""
    return lambda rng: choice(rng, shapes)(rng)


_TRIG_EXP = ["sin", "cos", "exp"]
_LEVELS = {  # level: how to draw the tree of its function
    1: lambda rng: _monomial(rng, integer(rng, 2, 20), _coefficient(rng, 20)),
    2: lambda rng: _polynomial(rng, integer(rng, 3, 6), integer(rng, 3, 4)),
    3: _level_3, 4: _level_4,
    5: lambda rng: ["prod", _x_power(rng, 4) if rng.random() < 0.5 else _polynomial(rng, 2, 2),
                    [choice(rng, list(FUNCTIONS)), ["x"]]],
    6: _one_of(lambda rng: ["quot", _linear(rng), _linear(rng)],
               lambda rng: ["quot", _polynomial(rng, 2, 2), _linear(rng)],
               lambda rng: ["quot", [choice(rng, _TRIG_EXP), ["x"]], _x_power(rng, 3)],
               lambda rng: ["quot", ["exp", ["x"]], ["add", ["x"], ["c", _integer_text(rng, 1, 8)]]],
               lambda rng: ["quot", ["ln", ["x"]], _x_power(rng, 3)]),
    7: _one_of(lambda rng: ["pow", _polynomial(rng, 2, 2), _integer_text(rng, 3, 7)],
               lambda rng: ["pow", _linear(rng), _integer_text(rng, 4, 9)],
               lambda rng: [choice(rng, _TRIG_EXP), _linear(rng)],
               lambda rng: [choice(rng, _TRIG_EXP), _polynomial(rng, 2, 2)],
               lambda rng: ["ln", _quadratic_inner(rng)],
               lambda rng: ["pow", _quadratic_inner(rng), choice(rng, ["1/2", "-1/2", "3/2", "-1"])]),
    8: _level_8,
    9: _one_of(lambda rng: ["quot", ["exp", _linear(rng, False)], _quadratic_inner(rng)],
               lambda rng: ["quot", [choice(rng, ["sin", "cos"]), _linear(rng, False)], _polynomial(rng, 2, 2)],
               lambda rng: ["quot", ["ln", _linear(rng)], _x_power(rng, 3)],
               lambda rng: ["quot", _x_power(rng, 3), ["pow", _quadratic_inner(rng), _integer_text(rng, 2, 3)]]),
    10: _one_of(lambda rng: ["pow", [choice(rng, ["sin", "cos"]), _linear(rng)], _integer_text(rng, 2, 5)],
                lambda rng: ["exp", [choice(rng, ["sin", "cos"]), _linear(rng, False)]],
                lambda rng: [choice(rng, ["sin", "cos"]), ["pow", _linear(rng), _integer_text(rng, 2, 4)]],
                lambda rng: ["ln", ["add", _quadratic_inner(rng), ["exp", _linear(rng, False)]]],
                lambda rng: ["pow", ["add", ["c", _integer_text(rng, 1, 5)], ["pow", ["sin", _linear(rng, False)], "2"]],
                             "1/2"],
                lambda rng: ["prod", _x_power(rng, 3), ["exp", ["sin", _linear(rng, False)]]]),
}


# --------------------------------------------------------------------------- exposition
_TEXTS = exposition_texts(__name__)


def _passage_values(rng: np.random.Generator) -> dict:
    """The numbers of one passage, drawn after its template."""
    a, b, c = integer(rng, 2, 9), integer(rng, 2, 9), integer(rng, 1, 19)
    b = b if b != a else a % 9 + 2  # (x + a)/(x + a) is the constant 1: no quotient rule to show
    n = integer(rng, 2, 8)
    return {"a": a, "b": b, "c": c, "n": n, "n1": n - 1, "n1p": n + 1, "an": a * n, "a2": 2 * a,
            "ba": b - a, "a2b": 2 * a * b, "nb": n * b ** (n - 1)}


# --------------------------------------------------------------------------- answers
_LHS_RE = re.compile(r"^\s*(?:f\s*(?:'|\^\{?\\prime\}?)\s*\(\s*x\s*\)|y\s*'|\\frac\s*\{\s*dy\s*\}\s*\{\s*dx\s*\}|dy\s*/\s*dx)\s*=")


def parse_derivative(span: str) -> sp.Expr:
    """The derivative as an expression; a leading ``f'(x) =``, ``y' =`` or ``\\frac{dy}{dx} =`` is dropped.

    >>> parse_derivative("f'(x) = 3x^2")
    3*x**2
    """
    return parse_expression(_LHS_RE.sub("", span, count=1))


# --------------------------------------------------------------------------- the family
@register_family
class Derivatives(Family):
    name = "Derivatives"
    version = 1
    answer_type = "expression"
    subject = "calculus"
    exposition = exposition_from(20261201, 220, lambda rng: topic_passage(rng, _TEXTS, _passage_values))

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem:
        """Draw the function's tree; the answer is sympy's derivative (the worked rules come later, on demand)."""
        level = check_difficulty(difficulty)
        tree = _LEVELS[level](rng)
        f = tree_expression(tree)
        return Problem(f"Find the derivative $f'(x)$ of $f(x) = {tex(f)}$.", stored(sp.diff(f, X)), self.name,
                       self.version, level, metadata={"tree": tree, "function": sp.sstr(f, order="lex")})

    def worked_solution(self, problem: Problem) -> str:
        tree = problem.metadata["tree"]
        raw, lines = differentiate(tree)
        final = tidy(raw)
        simplified = [f"Simplify: $f'(x) = {tex(final)}$."] if final != raw else []
        return "\n".join([f"We differentiate $f(x) = {tex(tree_expression(tree))}$.", *lines, *simplified,
                          f"$f'(x) = \\boxed{{{tex(final)}}}$"])

    def verify(self, problem: Problem, response: str) -> Verdict:
        """Accept any expression symbolically equivalent to the derivative (compared on x > 0).

        >>> fam = Derivatives()
        >>> p = Problem("Find the derivative of x^3.", 3 * X**2, "Derivatives")
        >>> fam.verify(p, "\\\\boxed{3x^2}").status.value
        'CORRECT'
        >>> fam.verify(p, "\\\\boxed{x^3}").status.value
        'INCORRECT'
        """
        return check_answer(response, on_positive_axis(problem.answer), parse_derivative, equal=equivalent,
                            same=lambda a, b: equivalent(a, on_positive_axis(b)) is True)
