"""LinearSystems: solve a system of linear equations in two or three unknowns.

**Asked.** ``Solve the system: 3x + 2y = 12, x - y = -1.`` Every system has exactly one solution (its determinant
is nonzero). The unknowns are ``x, y(, z)``, ``a, b(, c)``, ``p, q(, r)``, ``m, n`` or ``u, v, w``.

**Difficulty** changes the size and form of the system:

==  ==================================================================  ======================================
 1  two unknowns, sum and difference                                    ``x + y = 9, x - y = 3``
 2  two unknowns, one equation solved for a variable (substitution)     ``y = 2x - 3, 3x + 4y = 21``
 3  two unknowns, small coefficients, integer solution                  ``2a + 3b = 7, a - 2b = 0``
 4  two unknowns, coefficients up to 9, both equations scaled           ``5x + 3y = 1, 4x - 7y = 25``
 5  two unknowns, fractional solution                                   ``3p + 5q = 2, 2p - q = 4``
 6  two unknowns, equations not in standard form                        ``3x = 2y + 5, 4y - 1 = x + 7``
 7  three unknowns, sparse coefficients 0 and ±1                        ``x + y + z = 6, y - z = 1, z = 2``
 8  three unknowns, coefficients from -3 to 3, integer solution
 9  three unknowns, fractional solution
10  three unknowns, coefficients up to 5, not in standard form
==  ==================================================================  ======================================

**Answer type.** A tuple of :class:`fractions.Fraction` values in the order the unknowns are listed. Accepted
renderings: assignments ``x = 2, y = -1``, ``x = 2 and y = -1/3``, ``(x, y) = (2, -1)``, each value a rational in
lowest terms (``\\frac{1}{3}``, ``-1/3``, ``0.5``). Every unknown must be assigned exactly once; a missing, extra or
repeated unknown is UNPARSEABLE or INCORRECT, never credit.

**Worked solutions** rewrite the equations in standard form if needed, eliminate one unknown at a time by scaling
two equations to equal coefficients and adding or subtracting them (substitution at level 2), solve the last
equation, and back-substitute, one step per line.

**Version history.** v0: first release.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np

from textbook_gym.envs._kit import Family, Problem, Verdict, check_difficulty, register_family
from textbook_gym.envs._kit.answer_lines import stated_answer
from textbook_gym.envs._kit.draw import choice, integer
from textbook_gym.envs._kit.formats import fraction_text
from textbook_gym.envs._kit.matrices import solve_rational
from textbook_gym.envs._kit.polynomials import signed_sum, tidy_signs
from textbook_gym.envs._kit.template_rounds import template_exposition
from textbook_gym.envs._kit.texts import exposition_texts
from textbook_gym.verifiers import check_answer
from textbook_gym.verifiers.numbers import parse_lowest_terms
from textbook_gym.verifiers.structures import parse_assignments

NAMES = {2: (("x", "y"), ("a", "b"), ("p", "q"), ("m", "n")),
         3: (("x", "y", "z"), ("a", "b", "c"), ("p", "q", "r"), ("u", "v", "w"))}


def combination_text(coefs, names, const=0) -> str:
    """``3x - 2y + z`` (plus an optional constant) with the usual sign conventions."""
    return signed_sum(zip([*coefs, const], [*names, ""]))


def eq_text(eq, names) -> str:
    """An equation ``(coefficients, right side)`` in standard form: ``3x - 2y = 7``."""
    return f"{combination_text(eq[0], names)} = {fraction_text(eq[1])}"


# --------------------------------------------------------------------------- generation
def _matrix(rng: np.random.Generator, level: int, size: int) -> list[list[int]]:
    if level == 1:
        return [[1, 1], [1, -1]]
    if level == 7:  # sparse coefficients 0 and ±1, with 1 on the diagonal
        rows = [[int(v) for v in rng.choice([-1, 0, 1], size=size, p=[0.2, 0.35, 0.45])] for _ in range(size)]
        return [[1 if j == i else v for j, v in enumerate(row)] for i, row in enumerate(rows)]
    hi = {3: 4, 4: 9, 5: 7, 6: 6, 8: 3, 9: 4, 10: 5}[level]
    rows = [[int(v) for v in rng.integers(-hi, hi + 1, size=size)] for _ in range(size)]
    if level == 3:
        rows[1][0] = 1
    if level == 4:  # redrawn without small coefficients; the first draw stays because the draw order is content
        rows = [[integer(rng, 2, 9) * (1 if rng.random() < 0.6 else -1) for _ in range(size)] for _ in range(size)]
    return rows


def _system(rng: np.random.Generator, level: int) -> tuple[list[list[int]], list[int], list[Fraction]]:
    n = 3 if level >= 7 else 2
    fractional = level in (5, 9) or (level in (6, 10) and rng.random() < 0.5)
    for _ in range(2000):
        rows = _matrix(rng, level, n)
        zeros = sum(v == 0 for row in rows for v in row)
        if any(not any(row) for row in rows) or (zeros and level in (3, 4, 5, 6)) or (zeros > 1 and level >= 8):
            continue
        if fractional:  # right sides drawn, solution computed: keep it if some value is a small fraction
            rhs = [int(v) for v in rng.integers(-15, 16, size=n)]
            sol = solve_rational(rows, rhs)
            if sol and 1 < max(s.denominator for s in sol) <= 12 and max(abs(s.numerator) for s in sol) <= 60:
                return rows, rhs, sol
        else:  # solution drawn, right sides computed: keep it if the system is not singular
            sol = [Fraction(int(v)) for v in rng.integers(-9, 10, size=n)]
            rhs = [int(sum(a * s for a, s in zip(row, sol))) for row in rows]
            if solve_rational(rows, rhs) is not None:
                return rows, rhs, sol
    raise RuntimeError("could not build a system")  # pragma: no cover


def _substitution_system(rng: np.random.Generator) -> tuple[list[list[int]], list[int], list[Fraction], list]:
    """Level 2: the first equation already reads ``y = mx + b``; rows, right sides, solution and display."""
    m, b = integer(rng, -5, 5) or 2, integer(rng, -9, 9)
    sol = [Fraction(integer(rng, -9, 9))]
    sol.append(m * sol[0] + b)
    c = [integer(rng, 1, 6) * (1 if rng.random() < 0.7 else -1) for _ in range(2)]
    while c[0] + c[1] * m == 0:
        c[0] += 1
    rows, rhs = [[-m, 1], c], [b, int(c[0] * sol[0] + c[1] * sol[1])]
    return rows, rhs, sol, [[[[1, 1]], [[0, m]] + ([[-1, b]] if b else [])], _display(rng, c, rhs[1], False)]


def _display(rng: np.random.Generator, coefs: list[int], rhs: int, shuffle: bool) -> list[list[list[int]]]:
    """Two sides, each a list of [index, coef] (index -1 is the constant)."""
    left = [[i, c] for i, c in enumerate(coefs) if c]
    if not shuffle:
        return [left, [[-1, rhs]]]
    moved = [t for t in left if rng.random() < 0.45]
    if len(moved) == len(left):
        moved = moved[1:]
    left = [t for t in left if t not in moved]
    right = ([[-1, rhs]] if rhs else []) + [[i, -c] for i, c in moved]
    if right and right[0][0] == -1 and len(right) > 1 and rng.random() < 0.5:
        left.append([-1, -right[0][1]])
        right = right[1:]
    if rng.random() < 0.5:
        left, right = right, left
    return [left or [[-1, 0]], right or [[-1, 0]]]


# --------------------------------------------------------------------------- worked solutions
def _eliminate(e1, e2, unknown: int, labels: tuple[str, str], names, lines: list[str]):
    """Combine e1 and e2 so that the unknown with index ``unknown`` cancels; integer arithmetic throughout."""
    a, b = e1[0][unknown], e2[0][unknown]
    factors = [math.lcm(a, b) // abs(v) for v in (a, b)]
    s1, s2 = [([c * m for c in coefs], rhs * m) for (coefs, rhs), m in zip((e1, e2), factors)]
    for label, m, scaled in zip(labels, factors, (s1, s2)):
        if m != 1:
            lines.append(f"Multiply {label} by {m}: {eq_text(scaled, names)}")
    same = (a > 0) == (b > 0)  # equal signs cancel by subtracting, opposite signs by adding
    sign, verb, what = (-1, "Subtract", "the second from the first") if same else (1, "Add", "the two equations")
    coefs, rhs = [x + sign * y for x, y in zip(s1[0], s2[0])], s1[1] + sign * s2[1]
    lines.append(f"{verb} {what} to eliminate {names[unknown]}: {eq_text((coefs, rhs), names)}")
    g = math.gcd(*coefs, rhs) * (-1 if next(c for c in coefs if c) < 0 else 1)  # leading coefficient made positive
    if g != 1:
        coefs, rhs = [c // g for c in coefs], rhs // g
        verb = "Multiply by -1" if g == -1 else f"Divide by {g}"
        lines.append(f"{verb}: {eq_text((coefs, rhs), names)}")
    return coefs, rhs


def _back_substitute(eq, values: dict[int, Fraction], unknown: int, label: str, names, lines: list[str]) -> Fraction:
    coefs, rhs = eq
    a, name = coefs[unknown], names[unknown]
    known = [(i, c) for i, c in enumerate(coefs) if c and i != unknown]
    rest = sum((c * values[i] for i, c in known), Fraction(0))
    if known:
        plugged = [(c, f"({fraction_text(values[i])})") for i, c in known]
        lines.append(f"Substitute into {label}: {signed_sum([(a, name), *plugged])} = {rhs}")
        lines.append(f"So {signed_sum([(a, name)])} = {rhs} - ({fraction_text(rest)}) = {fraction_text(rhs - rest)}")
    value = (rhs - rest) / a
    if a != 1:
        lines.append(f"Divide by {a}: {name} = {fraction_text(value)}")
    return value


def _unknown_to_eliminate(eqs, candidates) -> int:
    """The unknown to eliminate: smallest lcm of its nonzero coefficients, then one that cancels by adding."""
    def cost(unknown):
        vals = [c[unknown] for c, _ in eqs if c[unknown]]
        same_signs = len({v > 0 for v in vals}) == 1
        return (math.lcm(*vals), same_signs, unknown)
    return min(candidates, key=cost)


def elimination(eqs, names, labels, lines: list[str], numbers) -> dict[int, Fraction]:
    """Eliminate one unknown, solve the smaller system, back-substitute; ``numbers`` labels each new equation."""
    n = len(eqs)
    active = [k for k in range(len(names)) if any(c[k] for c, _ in eqs)]
    if n == 1:
        (coefs, rhs), = eqs
        k = active[0]
        value = Fraction(rhs, coefs[k])
        if coefs[k] != 1:
            lines.append(f"Divide {labels[0]} by {coefs[k]}: {names[k]} = {fraction_text(value)}")
        return {k: value}
    k = _unknown_to_eliminate(eqs, active)
    pivot = min(range(n), key=lambda i: (eqs[i][0][k] == 0, abs(eqs[i][0][k]), i))
    reduced, new_labels = [], []
    for i in [i for i in range(n) if i != pivot]:
        if eqs[i][0][k] == 0:
            lines.append(f"{labels[i]} has no {names[k]} term already.")
            reduced.append(eqs[i])
            new_labels.append(labels[i])
            continue
        lines.append(f"Eliminate {names[k]} using {labels[pivot]} and {labels[i]}.")
        reduced.append(_eliminate(eqs[pivot], eqs[i], k, (labels[pivot], labels[i]), names, lines))
        new_labels.append(f"({next(numbers)})")
        lines.append(f"Call this {new_labels[-1]}: {eq_text(reduced[-1], names)}")
    values = elimination(reduced, names, new_labels, lines, numbers)
    values[k] = _back_substitute(eqs[pivot], values, k, labels[pivot], names, lines)
    return values


def substitution(eqs, names, lines: list[str]) -> dict[int, Fraction]:
    """Level 2: equation (1) reads y = m x + b."""
    (c1, b), (c2, r2) = eqs
    m = -c1[0]
    y_text = combination_text([m], [names[0]], b)
    lines.append(f"Equation (1) gives {names[1]} = {y_text}.")
    lines.append(tidy_signs(f"Substitute it into (2): {signed_sum([(c2[0], names[0])])} + {c2[1]}({y_text}) = {r2}"))
    a = c2[0] + c2[1] * m
    lines.append(f"Expand and collect: {combination_text([a], [names[0]], c2[1] * b)} = {r2}")
    lines.append(f"Move the constant: {signed_sum([(a, names[0])])} = {r2 - c2[1] * b}")
    x = Fraction(r2 - c2[1] * b, a)
    if a != 1:
        lines.append(f"Divide by {a}: {names[0]} = {fraction_text(x)}")
    y = m * x + b
    lines.append(f"Then {names[1]} = {m}({fraction_text(x)}) + ({b}) = {fraction_text(y)}")
    return {0: x, 1: y}


def _passage_values(rng: np.random.Generator) -> dict:
    """Fresh values for one template: the two unknowns, a solution (s1, s2) and coefficients a, b, k, l."""
    x, y = choice(rng, NAMES[2])
    s1, s2 = integer(rng, -9, 9), integer(rng, -9, 9)
    a, b, k, l_ = (int(v) for v in rng.integers(2, 10, size=4))
    c1 = integer(rng, -20, 20)
    return dict(x=x, y=y, s1=s1, s2=s2, sum=s1 + s2, dif=s1 - s2, sum2=2 * (s1 + s2), a=a, b=b, k=k, l=l_,
                lcm=math.lcm(a, b), ka=k * a, kb=k * b, c1=c1, kc1=k * c1, frac=fraction_text(Fraction(c1, a)),
                bk=b + k, det=a * l_ - b * k)


@register_family
class LinearSystems(Family):
    name = "LinearSystems"
    version = 0
    answer_type = "assignments"
    subject = "algebra"
    instruction = ("Give every unknown's value as assignments, like \\boxed{x = 2, y = -1/3}; "
                   "a final line 'Answer: x = 2, y = -1/3' is also accepted.")
    exposition = template_exposition(7302, 200, exposition_texts(__name__), _passage_values, tidy=tidy_signs)
    answer_line = stated_answer("solution")

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem:
        level = check_difficulty(difficulty)
        if level == 2:
            names = choice(rng, NAMES[2])
            rows, rhs, sol, display = _substitution_system(rng)
        else:
            rows, rhs, sol = _system(rng, level)
            names = choice(rng, NAMES[len(rows)])
            display = [_display(rng, row, r, level in (6, 10)) for row, r in zip(rows, rhs)]
        terms = [*names, ""]  # a side's index -1, its constant, has no name
        lines = [" = ".join(signed_sum((c, terms[i]) for i, c in side) for side in sides) for sides in display]
        question = f"Solve the system of equations for {', '.join(names)}:\n" + "\n".join(lines)
        return Problem(question, tuple(sol), self.name, self.version, level,
                       metadata={"names": list(names), "rows": rows, "rhs": rhs, "display": display, "equations": lines})

    def solution_lines(self, problem: Problem) -> list[str]:
        meta, names = problem.metadata, problem.metadata["names"]
        eqs = [(list(r), b) for r, b in zip(meta["rows"], meta["rhs"])]
        labels = [f"({i + 1})" for i in range(len(eqs))]
        lines = ["Number the equations: " + "; ".join(f"{lab} {e}" for lab, e in zip(labels, meta["equations"]))]
        if problem.difficulty == 2:
            values = substitution(eqs, names, lines)
        else:
            standard = [eq_text(e, names) for e in eqs]
            if standard != meta["equations"]:
                lines.append("Rewrite each equation in standard form (unknowns on the left, constant on the right): "
                             + "; ".join(f"{lab} {e}" for lab, e in zip(labels, standard)))
            values = elimination(eqs, names, labels, lines, itertools.count(len(eqs) + 1))
        for coefs, b in eqs:
            total = sum(c * values[i] for i, c in enumerate(coefs))
            lines.append(f"Check: {combination_text(coefs, names)} = {fraction_text(total)} (should be {b}).")
        return lines

    def answer_text(self, problem: Problem) -> str:
        """Assignments such as ``x = 2, y = -1/3``: the documented answer format."""
        return ", ".join(f"{n} = {fraction_text(v)}" for n, v in zip(problem.metadata["names"], problem.answer))

    def verify(self, problem: Problem, response: str) -> Verdict:
        """Every unknown must be assigned exactly its value.

        >>> fam = LinearSystems()
        >>> p = Problem("...", (Fraction(2), Fraction(-1, 3)), "LinearSystems", metadata={"names": ["x", "y"]})
        >>> fam.verify(p, "\\\\boxed{y = -1/3, x = 2}").status.value
        'CORRECT'
        >>> fam.verify(p, "\\\\boxed{x = 2}").status.value
        'INCORRECT'
        """
        names = problem.metadata.get("names", [])
        gold = dict(zip(names, problem.answer))
        return check_answer(response, gold, lambda span: parse_assignments(span, parse_lowest_terms, names))
