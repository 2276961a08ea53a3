"""MatrixOps: matrix arithmetic with exact answers.

**Asked.** One operation on given integer matrices: ``Compute AB``, ``Find \\det(A)``, ``Find A^{-1}``, ``Find tr(A)``.

**Difficulty** grows in size and in the operation:

==  =========================================================  ===================================
 1  sum, difference or scalar multiple of 2×2 matrices          ``A + B``, ``3A``
 2  transpose of a 2×3, 3×2 or 3×3 matrix, or a trace           ``A^{T}``, ``\\operatorname{tr}(A)``
 3  product of two 2×2 matrices                                 ``AB``
 4  2×2 determinant                                             ``\\det A = ad - bc``
 5  non-square products (2×3 by 3×2, 3×3 by 3×1, ...)           ``AB`` with ``A`` 2×3
 6  3×3 determinant by cofactor expansion                       ``\\det A``
 7  inverse of a 2×2 matrix (rational entries)                  ``A^{-1}``
 8  product of two 3×3 matrices with larger entries            ``AB``
 9  inverse of a 3×3 matrix by cofactors and the adjugate       ``A^{-1}``
10  4×4 determinant by cofactor expansion along a sparse line  ``\\det A``
==  =========================================================  ===================================

**Answer.** A matrix (tuple of rows of ``int`` or ``Fraction``) or a scalar (``int``). Matrices are read by
:func:`~textbook_gym.envs._kit.matrices.parse_scaled_matrix` with rational entries:
``\\begin{pmatrix} 1 & \\frac{1}{2} \\\\ 3 & 4 \\end{pmatrix}`` (also ``bmatrix``, ``matrix``, ``array``) or
``[[1, 1/2], [3, 4]]``; one scalar factor in front, as textbooks write inverses
(``\\frac{1}{5}\\begin{pmatrix} ... \\end{pmatrix}``, ``-1/5 [[...]]``), is multiplied in. Shape and every entry
must match exactly. Scalars are read by :func:`~textbook_gym.verifiers.numbers.parse_rational`.

**Worked solutions** compute each entry (row-times-column sums written out), each cofactor with its sign and 2×2
minor, and for inverses the determinant, the adjugate and the division. The last line holds ``\\boxed{answer}``.

**Version history.** v0: first release.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from textbook_gym.envs._kit import Family, Problem, Verdict, register_family
from textbook_gym.envs._kit.draw import choice, integer
from textbook_gym.envs._kit.formats import fraction_latex, fraction_text
from textbook_gym.envs._kit.matrices import exact_matrix, factor, matrix_latex, matrix_text, minor, parse_scaled_matrix
from textbook_gym.envs._kit.passages import exposition_from
from textbook_gym.envs._kit.texts import exposition_texts
from textbook_gym.verifiers import check_answer
from textbook_gym.verifiers.numbers import parse_rational


# --------------------------------------------------------------------------- worked steps
def _det2_line(matrix, label: str) -> tuple[Fraction, str]:
    (a, b), (c, d) = matrix
    value = Fraction(a) * d - Fraction(b) * c
    return value, f"{label} = {factor(a)} \\cdot {factor(d)} - {factor(b)} \\cdot {factor(c)} = {fraction_latex(value)}"


def det_steps(matrix) -> tuple[Fraction, list[str]]:
    """The determinant and its worked lines: ``ad - bc`` for 2×2, else cofactor expansion along the line with the most
    zeros (the first such row, else the first such column)."""
    n = len(matrix)
    if n == 2:
        value, line = _det2_line(matrix, f"\\det{matrix_latex(matrix)}")
        return value, [f"${line}$."]
    candidates = [("row", k, list(row)) for k, row in enumerate(matrix)]
    candidates += [("column", k, list(column)) for k, column in enumerate(zip(*matrix))]
    kind, k, line = max(candidates, key=lambda candidate: candidate[2].count(0))  # max keeps the first of equals
    why = ", the line with the most zeros." if 0 in line else "."
    lines = [f"Expand $\\det{matrix_latex(matrix)}$ along {kind} {k + 1}{why}"]
    terms, total = [], Fraction(0)
    for t, entry in enumerate(line):
        i, j = (k, t) if kind == "row" else (t, k)
        if entry == 0:
            lines.append(f"Entry $({i + 1},{j + 1})$ is $0$, so its term vanishes.")
            continue
        sign = (-1) ** (i + j)
        sub_value, sub_lines = det_steps(minor(matrix, i, j))
        lines.extend(sub_lines)
        term = sign * entry * sub_value
        total += term
        terms.append(term)
        lines.append(f"Term $({i + 1},{j + 1})$: sign $(-1)^{{{i + j + 2}}} = {sign}$, entry ${fraction_latex(entry)}$, "
                     f"minor ${fraction_latex(sub_value)}$, so ${'+' if sign > 0 else '-'}{factor(entry)} \\cdot "
                     f"{factor(sub_value)} = {fraction_latex(term)}$.")
    if len(terms) == 1:
        lines.append(f"Only one term is nonzero, so the determinant is ${fraction_latex(total)}$.")
    else:
        lines.append(f"Add the terms: ${' + '.join(factor(t) for t in terms)} = {fraction_latex(total)}$.")
    return total, lines


def product_steps(left, right) -> tuple[list[str], tuple]:
    product = [[sum(left[i][k] * right[k][j] for k in range(len(right))) for j in range(len(right[0]))]
               for i in range(len(left))]
    lines = [f"The product of a {len(left)}×{len(right)} and a {len(right)}×{len(right[0])} matrix is "
             f"{len(left)}×{len(right[0])}; entry $(i,j)$ is row $i$ of the left matrix times column $j$ of the right one."]
    for i in range(len(left)):
        for j in range(len(right[0])):
            parts = " + ".join(f"{factor(left[i][k])} \\cdot {factor(right[k][j])}" for k in range(len(right)))
            lines.append(f"$c_{{{i + 1}{j + 1}}} = {parts} = {fraction_latex(product[i][j])}$.")
    return lines, exact_matrix(product)


def inverse_steps(matrix) -> tuple[list[str], tuple]:
    n = len(matrix)
    if n == 2:
        (a, b), (c, d) = matrix
        value, line = _det2_line(matrix, "\\det A")
        inverse = [[Fraction(d) / value, Fraction(-b) / value], [Fraction(-c) / value, Fraction(a) / value]]
        return [
            f"First the determinant: ${line}$, which is not zero, so $A$ is invertible.",
            "For a 2×2 matrix, $A^{-1} = \\frac{1}{\\det A}\\begin{pmatrix} d & -b \\\\ -c & a \\end{pmatrix}$: swap the "
            "diagonal entries and negate the off-diagonal ones.",
            f"Swapping and negating gives ${matrix_latex([[d, -b], [-c, a]])}$.",
            f"Divide every entry by ${fraction_latex(value)}$: $A^{{-1}} = {matrix_latex(inverse)}$.",
        ], exact_matrix(inverse)
    value, lines = det_steps(matrix)
    lines = [*lines, f"So $\\det A = {fraction_latex(value)} \\ne 0$ and $A$ is invertible.",
             "Cofactors $C_{ij} = (-1)^{i+j} M_{ij}$, where $M_{ij}$ is the determinant left after deleting "
             "row $i$ and column $j$:"]
    cofactors = [[Fraction(0)] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            sub, line = _det2_line(minor(matrix, i, j), f"M_{{{i + 1}{j + 1}}}")
            cofactors[i][j] = (-1) ** (i + j) * sub
            lines.append(f"${line}$, so $C_{{{i + 1}{j + 1}}} = {fraction_latex(cofactors[i][j])}$.")
    adjugate = [[cofactors[j][i] for j in range(n)] for i in range(n)]
    inverse = [[v / value for v in row] for row in adjugate]
    lines.append(f"The adjugate is the transpose of the cofactor matrix: $\\operatorname{{adj}} A = {matrix_latex(adjugate)}$.")
    lines.append(f"Divide by $\\det A = {fraction_latex(value)}$: $A^{{-1}} = {matrix_latex(inverse)}$.")
    return lines, exact_matrix(inverse)


# --------------------------------------------------------------------------- the operations
def _entrywise(params, sign: int):
    a, b = params["A"], params["B"]
    out = [[a[i][j] + sign * b[i][j] for j in range(2)] for i in range(2)]
    symbol = "+" if sign > 0 else "-"
    lines = [f"Matrices of the same size are {'added' if sign > 0 else 'subtracted'} entry by entry."]
    lines += [f"Entry $({i + 1},{j + 1})$: ${fraction_latex(a[i][j])} {symbol} {factor(b[i][j])} = "
              f"{fraction_latex(out[i][j])}$." for i in range(2) for j in range(2)]
    return lines, exact_matrix(out)


def _scale(params):
    a, k = params["A"], params["k"]
    out = [[k * v for v in row] for row in a]
    lines = [f"Multiplying by the scalar ${k}$ multiplies every entry."]
    lines += [f"Entry $({i + 1},{j + 1})$: ${k} \\cdot {factor(a[i][j])} = {out[i][j]}$." for i in range(2) for j in range(2)]
    return lines, exact_matrix(out)


def _transpose(params):
    a = params["A"]
    lines = [f"The transpose of a {len(a)}×{len(a[0])} matrix is {len(a[0])}×{len(a)}: row $i$ of $A$ becomes "
             "column $i$ of $A^{T}$."]
    lines += [f"Row {i + 1} $({', '.join(fraction_latex(v) for v in row)})$ becomes column {i + 1}." for i, row in enumerate(a)]
    return lines, exact_matrix(zip(*a))


def _trace(params):
    diagonal = [params["A"][i][i] for i in range(len(params["A"]))]
    lines = ["The trace is the sum of the diagonal entries $a_{11} + a_{22} + \\dots$; the other entries play no part.",
             f"Diagonal: ${', '.join(fraction_latex(v) for v in diagonal)}$.",
             f"Sum: ${' + '.join(factor(v) for v in diagonal)} = {sum(diagonal)}$."]
    return lines, sum(diagonal)


def _determinant(params):
    value, lines = det_steps(params["A"])
    if len(params["A"]) == 2:
        lines = ["For a 2×2 matrix, $\\det\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix} = ad - bc$.", *lines]
    return lines, int(value)


OPERATIONS = {
    "add": ("compute $A + B$", lambda params: _entrywise(params, 1)),
    "sub": ("compute $A - B$", lambda params: _entrywise(params, -1)),
    "scale": ("compute ${k}A$", _scale),
    "transpose": ("find the transpose $A^{{T}}$", _transpose),
    "trace": ("find the trace $\\operatorname{{tr}}(A)$", _trace),
    "det": ("find the determinant $\\det(A)$", _determinant),
    "mul": ("compute the product $AB$", lambda params: product_steps(params["A"], params["B"])),
    "inv": ("find the inverse $A^{{-1}}$", lambda params: inverse_steps(params["A"])),
}
"""Per operation: what is asked (a template filled in with the parameters) and its solve: params -> (lines, answer)."""


# --------------------------------------------------------------------------- generation
def _random_matrix(rng, rows: int, cols: int, lo: int, hi: int):
    return [[int(v) for v in row] for row in rng.integers(lo, hi + 1, size=(rows, cols))]


def _sparse(rng, n: int, lo: int, hi: int, zeros: float, most: int):
    """A square matrix, each entry zero with probability ``zeros``, with at most ``most`` zeros in any line."""
    while True:
        entries = rng.integers(lo, hi + 1, size=(n, n))  # drawn before the zero mask: the draw order is content
        matrix = np.where(rng.random((n, n)) < zeros, 0, entries)
        if max(*(matrix == 0).sum(axis=0), *(matrix == 0).sum(axis=1)) <= most:
            return [[int(v) for v in row] for row in matrix]


def _invertible(rng, n: int, lo: int, hi: int, max_det: int):
    while True:
        matrix = _random_matrix(rng, n, n, lo, hi)
        if 0 < abs(det_steps(matrix)[0]) <= max_det:
            return matrix


def _sum_or_multiple(rng) -> dict:
    op, a = choice(rng, ["add", "sub", "scale"]), _random_matrix(rng, 2, 2, -9, 9)
    if op == "scale":
        return {"op": op, "A": a, "k": choice(rng, [-5, -4, -3, -2, 2, 3, 4, 5, 6, 7])}
    return {"op": op, "A": a, "B": _random_matrix(rng, 2, 2, -9, 9)}


def _transpose_or_trace(rng) -> dict:
    if rng.random() < 0.6:
        return {"op": "transpose", "A": _random_matrix(rng, *choice(rng, [(2, 3), (3, 2), (3, 3), (2, 4)]), -20, 20)}
    n = integer(rng, 3, 4)
    return {"op": "trace", "A": _random_matrix(rng, n, n, -30, 30)}


def _rectangular_product(rng) -> dict:
    rows, inner, cols = choice(rng, [(2, 3, 2), (3, 2, 3), (3, 3, 1), (1, 3, 3), (2, 3, 3), (3, 2, 2)])
    return {"op": "mul", "A": _random_matrix(rng, rows, inner, -6, 6), "B": _random_matrix(rng, inner, cols, -6, 6)}


LEVELS = {  # dict displays evaluate in order, so A is drawn before B as the digests require
    1: _sum_or_multiple,
    2: _transpose_or_trace,
    3: lambda rng: {"op": "mul", "A": _random_matrix(rng, 2, 2, -6, 6), "B": _random_matrix(rng, 2, 2, -6, 6)},
    4: lambda rng: {"op": "det", "A": _random_matrix(rng, 2, 2, -12, 12)},
    5: _rectangular_product,
    6: lambda rng: {"op": "det", "A": _sparse(rng, 3, -7, 7, 0.15, 1)},
    7: lambda rng: {"op": "inv", "A": _invertible(rng, 2, -9, 9, 40)},
    8: lambda rng: {"op": "mul", "A": _random_matrix(rng, 3, 3, -12, 12), "B": _random_matrix(rng, 3, 3, -12, 12)},
    9: lambda rng: {"op": "inv", "A": _invertible(rng, 3, -4, 4, 12)},
    10: lambda rng: {"op": "det", "A": _sparse(rng, 4, -6, 6, 0.25, 2)},
}
"""Per level: draws the parameters (JSON data, stored as the problem's metadata)."""


_TEXTS = exposition_texts(__name__)


def _render_passage(rng: np.random.Generator) -> list[str]:
    topic, template = choice(rng, _TEXTS)
    a, b, c, k = (int(v) for v in rng.integers(1, 10, size=4))
    r = integer(rng, 2, 4)
    values = {"a_c": "an" if c == 8 else "a", "a": a, "b": b, "c": c, "k": k, "r": r, "apb": a + b, "ka": k * a,
              "tr": a + b + k, "dot": a * k + b * c, "d2": a * c - b * k, "nb": -b, "nk": -k}
    return [f"{topic.capitalize()}. " + template.format(**values)]


@register_family
class MatrixOps(Family):
    name = "MatrixOps"
    version = 0
    answer_type = "matrix"
    subject = "linear-algebra"
    instruction = ("Give your final answer as \\boxed{ANSWER}: a number, or a matrix written as "
                   "\\boxed{\\begin{pmatrix} 1 & \\frac{1}{2} \\\\ 3 & 4 \\end{pmatrix}} or \\boxed{[[1, 1/2], [3, 4]]}.")
    exposition = exposition_from(20261204, 220, _render_passage)

    def draw(self, rng: np.random.Generator, level: int) -> dict:
        return LEVELS[level](rng)

    def question(self, params: dict) -> str:
        given = f"$A = {matrix_latex(params['A'])}$" + (f" and $B = {matrix_latex(params['B'])}$" if "B" in params else "")
        return f"Given {given}, {OPERATIONS[params['op']][0].format(**params)}."

    def solve(self, params: dict) -> tuple[list[str], int | tuple]:
        return OPERATIONS[params["op"]][1](params)

    def answer_line(self, problem: Problem) -> str:
        """The boxed answer in LaTeX (a ``pmatrix`` for a matrix), between dollar signs."""
        answer = problem.answer
        return f"The answer is $\\boxed{{{matrix_latex(answer) if isinstance(answer, tuple) else fraction_latex(answer)}}}$."

    def answer_text(self, problem: Problem) -> str:
        """A scalar, or a matrix as nested lists: ``[[1, 1/2], [3, 4]]``."""
        return matrix_text(problem.answer) if isinstance(problem.answer, tuple) else fraction_text(problem.answer)

    def verify(self, problem: Problem, response: str) -> Verdict:
        """Exact comparison of a matrix (shape and every entry) or of a scalar, by the gold's type.

        >>> fam = MatrixOps()
        >>> p = Problem("Find A^T.", ((1, 3), (2, 4)), "MatrixOps")
        >>> fam.verify(p, "\\\\boxed{[[1, 3], [2, 4]]}").status.value, fam.verify(p, "\\\\boxed{[[1, 2], [3, 4]]}").status.value
        ('CORRECT', 'INCORRECT')
        """
        parse = parse_scaled_matrix if isinstance(problem.answer, tuple) else parse_rational
        return check_answer(response, problem.answer, parse)
