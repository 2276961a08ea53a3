"""MatrixOps: matrix arithmetic with exact answers.

**Asked.** One operation on small integer matrices, e.g. ``Compute AB`` for given
``A`` and ``B``, ``Find \\det(A)``, ``Find A^{-1}``, ``Find the trace of A``.

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

**Answer type.** A matrix (tuple of rows of ``int`` or ``Fraction``) or a scalar
(``int``). Matrices are read by
:func:`~textbook_gym.verifiers.structures.parse_matrix` with rational entries:
``\\begin{pmatrix} 1 & \\frac{1}{2} \\\\ 3 & 4 \\end{pmatrix}`` (also ``bmatrix``,
``matrix``, ``array``) or ``[[1, 1/2], [3, 4]]``. A single scalar factor in front
of the matrix is accepted (``\\frac{1}{5}\\begin{pmatrix} ... \\end{pmatrix}``,
``-1/5 [[...]]``, as textbooks write inverses) and multiplied in. Entries are compared exactly; shape
must match. Scalars are read by
:func:`~textbook_gym.verifiers.numbers.parse_rational`.

**Worked solutions** compute each entry (row-times-column sums written out),
each cofactor with its sign and 2×2 minor, and for inverses the determinant,
the adjugate and the division. The last line holds ``\\boxed{answer}``.

**Problem-space sizes** (:meth:`MatrixOps.space_size`): estimates from 3,000 draws per level
(Chao1 estimator; a level where no problem repeated is given as the estimator's value,
a lower bound of the true size). Every level's test split holds at least 50 problems.

**Version history.** v0: first release.
"""

from __future__ import annotations

import functools
import re
from fractions import Fraction

import numpy as np

from textbook_gym.family import Family, check_difficulty
from textbook_gym.problem import Problem
from textbook_gym.registry import register_family
from textbook_gym.verdict import Verdict
from textbook_gym.verifiers import check_answer
from textbook_gym.verifiers.numbers import parse_rational
from textbook_gym.verifiers.structures import parse_matrix

NAMES = "ABC"


# --------------------------------------------------------------------------- exact linear algebra
def det(m) -> Fraction:
    """Determinant by cofactor expansion along the first row (sizes here are at most 4)."""
    if len(m) == 1:
        return Fraction(m[0][0])
    return sum(((-1) ** j * m[0][j] * det(minor(m, 0, j)) for j in range(len(m)) if m[0][j]), Fraction(0))


def minor(m, i: int, j: int):
    return [row[:j] + row[j + 1:] for k, row in enumerate(m) if k != i]


def matmul(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(len(b))) for j in range(len(b[0]))] for i in range(len(a))]


def _num(v) -> str:
    v = Fraction(v)
    if v.denominator == 1:
        return str(v.numerator)
    sign = "-" if v < 0 else ""
    return f"{sign}\\frac{{{abs(v.numerator)}}}{{{v.denominator}}}"


def _p(v) -> str:
    """A number in a product: negative numbers in parentheses."""
    text = _num(v)
    return f"({text})" if Fraction(v) < 0 else text


def mtex(m) -> str:
    rows = " \\\\ ".join(" & ".join(_num(v) for v in row) for row in m)
    return f"\\begin{{pmatrix}} {rows} \\end{{pmatrix}}"


def _plain(m):
    return tuple(tuple(int(v) if Fraction(v).denominator == 1 else Fraction(v) for v in row) for row in m)


# --------------------------------------------------------------------------- worked steps
def _det2_line(m, label: str) -> tuple[Fraction, str]:
    (a, b), (c, d) = m
    value = Fraction(a) * d - Fraction(b) * c
    return value, f"{label} = {_p(a)} \\cdot {_p(d)} - {_p(b)} \\cdot {_p(c)} = {_num(value)}"


def _best_line(m) -> tuple[str, int]:
    """The row or column with the most zeros (rows first on ties)."""
    n = len(m)
    options = [(sum(1 for v in m[i] if v == 0), 0, "row", i) for i in range(n)]
    options += [(sum(1 for i in range(n) if m[i][j] == 0), 1, "column", j) for j in range(n)]
    zeros, _, kind, index = max(options, key=lambda t: (t[0], -t[1], -t[3]))
    return kind, index


def det_steps(m, depth: int = 0) -> tuple[Fraction, list[str]]:
    n = len(m)
    if n == 2:
        value, line = _det2_line(m, f"\\det{mtex(m)}")
        return value, [f"${line}$."]
    kind, k = _best_line(m)
    line = [m[k][t] if kind == "row" else m[t][k] for t in range(n)]
    why = ", the line with the most zeros." if 0 in line else "."
    lines = [f"Expand $\\det{mtex(m)}$ along {kind} {k + 1}{why}"]
    terms, total = [], Fraction(0)
    for t in range(n):
        i, j = (k, t) if kind == "row" else (t, k)
        entry = m[i][j]
        if entry == 0:
            lines.append(f"Entry $({i + 1},{j + 1})$ is $0$, so its term vanishes.")
            continue
        sign = (-1) ** (i + j)
        sub_value, sub_lines = det_steps(minor(m, i, j), depth + 1)
        lines.extend(sub_lines)
        term = sign * entry * sub_value
        total += term
        terms.append(term)
        lines.append(f"Term $({i + 1},{j + 1})$: sign $(-1)^{{{i + j + 2}}} = {sign}$, entry ${_num(entry)}$, minor "
                     f"${_num(sub_value)}$, so ${'+' if sign > 0 else '-'}{_p(entry)} \\cdot {_p(sub_value)} = {_num(term)}$.")
    if len(terms) == 1:
        lines.append(f"Only one term is nonzero, so the determinant is ${_num(total)}$.")
    else:
        lines.append(f"Add the terms: ${' + '.join(_p(t) for t in terms)} = {_num(total)}$.")
    return total, lines


def product_steps(a, b) -> tuple[list, list[str]]:
    c = matmul(a, b)
    lines = [f"The product of a {len(a)}×{len(b)} and a {len(b)}×{len(b[0])} matrix is {len(a)}×{len(b[0])}; "
             "entry $(i,j)$ is row $i$ of the left matrix times column $j$ of the right one."]
    for i in range(len(a)):
        for j in range(len(b[0])):
            parts = " + ".join(f"{_p(a[i][k])} \\cdot {_p(b[k][j])}" for k in range(len(b)))
            lines.append(f"$c_{{{i + 1}{j + 1}}} = {parts} = {_num(c[i][j])}$.")
    return c, lines


def inverse_steps(m) -> tuple[list, list[str]]:
    n = len(m)
    if n == 2:
        (a, b), (c, d) = m
        value, line = _det2_line(m, "\\det A")
        inv = [[Fraction(d) / value, Fraction(-b) / value], [Fraction(-c) / value, Fraction(a) / value]]
        return inv, [
            f"First the determinant: ${line}$, which is not zero, so $A$ is invertible.",
            "For a 2×2 matrix, $A^{-1} = \\frac{1}{\\det A}\\begin{pmatrix} d & -b \\\\ -c & a \\end{pmatrix}$: swap the "
            "diagonal entries and negate the off-diagonal ones.",
            f"Swapping and negating gives ${mtex([[d, -b], [-c, a]])}$.",
            f"Divide every entry by ${_num(value)}$: $A^{{-1}} = {mtex(inv)}$.",
        ]
    value, lines = det_steps(m)
    lines = [*lines, f"So $\\det A = {_num(value)} \\ne 0$ and $A$ is invertible."]
    lines.append("Cofactors $C_{ij} = (-1)^{i+j} M_{ij}$, where $M_{ij}$ is the determinant left after deleting "
                 "row $i$ and column $j$:")
    cof = [[Fraction(0)] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            sub, line = _det2_line(minor(m, i, j), f"M_{{{i + 1}{j + 1}}}")
            cof[i][j] = (-1) ** (i + j) * sub
            lines.append(f"${line}$, so $C_{{{i + 1}{j + 1}}} = {_num(cof[i][j])}$.")
    adj = [[cof[j][i] for j in range(n)] for i in range(n)]
    inv = [[v / value for v in row] for row in adj]
    lines.append(f"The adjugate is the transpose of the cofactor matrix: $\\operatorname{{adj}} A = {mtex(adj)}$.")
    lines.append(f"Divide by $\\det A = {_num(value)}$: $A^{{-1}} = {mtex(inv)}$.")
    return inv, lines


# --------------------------------------------------------------------------- generation
def _mat(rng, rows: int, cols: int, lo: int, hi: int, zeros: float = 0.0):
    m = rng.integers(lo, hi + 1, size=(rows, cols))
    if zeros:
        m = np.where(rng.random((rows, cols)) < zeros, 0, m)
    return [[int(v) for v in row] for row in m]


def _sparse(rng, n: int, lo: int, hi: int, zeros: float, most: int):
    """A square matrix with some zeros but no zero line, and at most ``most`` zeros in any line."""
    while True:
        m = np.array(_mat(rng, n, n, lo, hi, zeros))
        counts = [*(m == 0).sum(axis=0), *(m == 0).sum(axis=1)]
        if max(counts) <= most:
            return [[int(v) for v in row] for row in m]


def _invertible(rng, n: int, lo: int, hi: int, max_det: int):
    while True:
        m = _mat(rng, n, n, lo, hi)
        if 0 < abs(det(m)) <= max_det:
            return m


def _draw(rng, level: int) -> dict:
    if level == 1:
        op = ["add", "sub", "scale"][int(rng.integers(0, 3))]
        params = {"op": op, "A": _mat(rng, 2, 2, -9, 9)}
        if op == "scale":
            params["k"] = int(rng.choice([-5, -4, -3, -2, 2, 3, 4, 5, 6, 7]))
        else:
            params["B"] = _mat(rng, 2, 2, -9, 9)
        return params
    if level == 2:
        if rng.random() < 0.6:
            shape = [(2, 3), (3, 2), (3, 3), (2, 4)][int(rng.integers(0, 4))]
            return {"op": "transpose", "A": _mat(rng, *shape, -20, 20)}
        n = int(rng.integers(3, 5))
        return {"op": "trace", "A": _mat(rng, n, n, -30, 30)}
    if level == 3:
        return {"op": "mul", "A": _mat(rng, 2, 2, -6, 6), "B": _mat(rng, 2, 2, -6, 6)}
    if level == 4:
        return {"op": "det", "A": _mat(rng, 2, 2, -12, 12)}
    if level == 5:
        (r, k, c) = [(2, 3, 2), (3, 2, 3), (3, 3, 1), (1, 3, 3), (2, 3, 3), (3, 2, 2)][int(rng.integers(0, 6))]
        return {"op": "mul", "A": _mat(rng, r, k, -6, 6), "B": _mat(rng, k, c, -6, 6)}
    if level == 6:
        return {"op": "det", "A": _sparse(rng, 3, -7, 7, 0.15, 1)}
    if level == 7:
        return {"op": "inv", "A": _invertible(rng, 2, -9, 9, 40)}
    if level == 8:
        return {"op": "mul", "A": _mat(rng, 3, 3, -12, 12), "B": _mat(rng, 3, 3, -12, 12)}
    if level == 9:
        return {"op": "inv", "A": _invertible(rng, 3, -4, 4, 12)}
    return {"op": "det", "A": _sparse(rng, 4, -6, 6, 0.25, 2)}


def solve(params: dict):
    """(question text, answer, worked lines) for the drawn parameters."""
    op, a = params["op"], params["A"]
    given = f"$A = {mtex(a)}$" + (f" and $B = {mtex(params['B'])}$" if "B" in params else "")
    if op in ("add", "sub"):
        b, s = params["B"], 1 if op == "add" else -1
        out = [[a[i][j] + s * b[i][j] for j in range(2)] for i in range(2)]
        sym = "+" if s > 0 else "-"
        lines = [f"Matrices of the same size are {'added' if s > 0 else 'subtracted'} entry by entry."]
        lines += [f"Entry $({i + 1},{j + 1})$: ${_num(a[i][j])} {sym} {_p(b[i][j])} = {_num(out[i][j])}$."
                  for i in range(2) for j in range(2)]
        return f"Given {given}, compute $A {sym} B$.", _plain(out), lines
    if op == "scale":
        k = params["k"]
        out = [[k * v for v in row] for row in a]
        lines = [f"Multiplying by the scalar ${k}$ multiplies every entry."]
        lines += [f"Entry $({i + 1},{j + 1})$: ${k} \\cdot {_p(a[i][j])} = {out[i][j]}$." for i in range(2) for j in range(2)]
        return f"Given {given}, compute ${k}A$.", _plain(out), lines
    if op == "transpose":
        out = [list(col) for col in zip(*a)]
        lines = [f"The transpose of a {len(a)}×{len(a[0])} matrix is {len(a[0])}×{len(a)}: row $i$ of $A$ becomes column $i$ of $A^{{T}}$."]
        lines += [f"Row {i + 1} $({', '.join(_num(v) for v in row)})$ becomes column {i + 1}." for i, row in enumerate(a)]
        return f"Given {given}, find the transpose $A^{{T}}$.", _plain(out), lines
    if op == "trace":
        diag = [a[i][i] for i in range(len(a))]
        total = sum(diag)
        lines = ["The trace is the sum of the diagonal entries $a_{11} + a_{22} + \\dots$; the other entries play no part.",
                 f"Diagonal: ${', '.join(_num(v) for v in diag)}$.",
                 f"Sum: ${' + '.join(_p(v) for v in diag)} = {total}$."]
        return f"Given {given}, find the trace $\\operatorname{{tr}}(A)$.", total, lines
    if op == "mul":
        out, lines = product_steps(a, params["B"])
        return f"Given {given}, compute the product $AB$.", _plain(out), lines
    if op == "det":
        value, lines = det_steps(a)
        if len(a) == 2:
            lines = ["For a 2×2 matrix, $\\det\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix} = ad - bc$.", *lines]
        return f"Given {given}, find the determinant $\\det(A)$.", int(value), lines
    out, lines = inverse_steps(a)
    return f"Given {given}, find the inverse $A^{{-1}}$.", _plain(out), lines


# --------------------------------------------------------------------------- answers
_SCALED_RE = re.compile(
    r"^(.*?)\s*(?:\\cdot|\\times|\*)?\s*((?:\\left\s*)?(?:[(\[]\s*[(\[]|[(\[]?\s*\\begin\{).*)$", re.DOTALL
)


def parse_matrix_answer(span: str):
    """A matrix with rational entries, optionally preceded by one scalar factor.

    >>> parse_matrix_answer("\\\\frac{1}{2}\\\\begin{pmatrix} 2 & 1 \\\\\\\\ 0 & 4 \\\\end{pmatrix}")
    ((Fraction(1, 1), Fraction(1, 2)), (Fraction(0, 1), Fraction(2, 1)))
    """
    match = _SCALED_RE.match(span.strip())
    if match and match.group(1).strip():
        factor = parse_rational(match.group(1))
        return tuple(tuple(factor * v for v in row) for row in parse_matrix(match.group(2), parse_rational))
    return parse_matrix(span, parse_rational)


def _equal_matrix(value, gold) -> bool:
    return len(value) == len(gold) and all(len(r) == len(g) and all(Fraction(v) == Fraction(w) for v, w in zip(r, g))
                                           for r, g in zip(value, gold))


# --------------------------------------------------------------------------- exposition
_TEXTS = [
    ("matrix addition", "Matrices of the same size add entry by entry: the (1,1) entry of A + B is a_{{11}} + b_{{11}}. "
     "For example {a} + {b} = {apb} in that position. Matrices of different sizes cannot be added."),
    ("scalar multiples", "Multiplying a matrix by a scalar k multiplies every entry: {k} times an entry {a} gives {ka}. "
     "A common slip is to scale only one row, which is a row operation, not scalar multiplication."),
    ("transpose", "The transpose A^{{T}} turns rows into columns: the entry in row i, column j of A^{{T}} is a_{{ji}}. "
     "A {r}×{c} matrix has a {c}×{r} transpose, and (A^{{T}})^{{T}} = A."),
    ("trace", "The trace of a square matrix is the sum of its diagonal entries. For diagonal entries {a}, {b} and {k} "
     "it is {tr}. The trace satisfies tr(A + B) = tr(A) + tr(B) and tr(AB) = tr(BA)."),
    ("matrix multiplication", "In AB, the (i, j) entry is row i of A times column j of B: multiply matching entries and add. "
     "With row ({a}, {b}) and column ({k}, {c}), the entry is {a}·{k} + {b}·{c} = {dot}."),
    ("matrix multiplication", "AB is defined only when A has as many columns as B has rows: {a_r} {r}×{c} matrix times {a_c} "
     "{c}×{k} matrix gives {a_r} {r}×{k} matrix. The inner sizes must match; the outer sizes give the shape of the product."),
    ("matrix multiplication", "Matrix multiplication is not commutative: in general AB \\ne BA, and one of them may not even "
     "be defined. Writing the factors in the wrong order is a frequent error."),
    ("determinants", "The determinant of a 2×2 matrix with rows (a, b) and (c, d) is ad - bc. With rows ({a}, {b}) and "
     "({k}, {c}) it is {a}·{c} - {b}·{k} = {d2}. A nonzero determinant means the matrix is invertible."),
    ("determinants", "Cofactor expansion: det A = \\sum_j (-1)^{{i+j}} a_{{ij}} M_{{ij}}, where M_{{ij}} is the determinant "
     "of A with row i and column j deleted. The sign pattern is a checkerboard starting with + in the top-left corner."),
    ("determinants", "Expand along the row or column with the most zeros: every zero entry removes a whole minor from the "
     "work. A 4×4 determinant with two zeros in a row needs only two 3×3 minors instead of four."),
    ("determinants", "Forgetting the checkerboard sign is the usual cofactor mistake: the (1,2) term carries a minus sign, "
     "so it is -a_{{12}} M_{{12}}. Here that is -({b})·M_{{12}}."),
    ("determinants", "Useful facts: det(AB) = det A · det B, det(A^{{T}}) = det A, swapping two rows flips the sign, and "
     "a matrix with a zero row has determinant 0. Scaling one row by {k} scales the determinant by {k}."),
    ("inverses", "A^{{-1}} is the matrix with A A^{{-1}} = A^{{-1}} A = I. It exists exactly when det A \\ne 0. "
     "For a 2×2 matrix, swap a and d, negate b and c, and divide everything by ad - bc."),
    ("inverses", "For the matrix with rows ({a}, {b}) and ({k}, {c}), the determinant is {d2}, and the inverse is "
     "\\frac{{1}}{{{d2}}} times the matrix with rows ({c}, {nb}) and ({nk}, {a})."),
    ("inverses", "For larger matrices, A^{{-1}} = \\frac{{1}}{{\\det A}} \\operatorname{{adj}} A, where the adjugate is the "
     "transpose of the matrix of cofactors. Forgetting to transpose is the classic error."),
    ("inverses", "Always check an inverse by multiplying: A A^{{-1}} should be the identity. If an entry comes out as "
     "{k} instead of 0 or 1, a cofactor sign or the transpose is wrong."),
    ("identity", "The identity matrix I has 1s on the diagonal and 0s elsewhere; AI = IA = A for every square A of the "
     "same size, just as {a}·1 = {a} for numbers."),
]


@functools.lru_cache(maxsize=1)
def _passages() -> tuple[str, ...]:
    rng = np.random.default_rng(20261204)
    passages: list[str] = []
    seen: set[str] = set()
    while len(passages) < 220:
        topic, template = _TEXTS[int(rng.integers(0, len(_TEXTS)))]
        a, b, c, k = (int(v) for v in rng.integers(1, 10, size=4))
        r = int(rng.integers(2, 5))
        values = {"a_r": "an" if r in (8, 11, 18) else "a", "a_c": "an" if c in (8, 11, 18) else "a",
                  "a": a, "b": b, "c": c, "k": k, "r": r, "apb": a + b, "ka": k * a, "tr": a + b + k, "dot": a * k + b * c,
                  "d2": a * c - b * k, "nb": -b, "nk": -k}
        text = f"{topic.capitalize()}. " + template.format(**values)
        if text not in seen:
            seen.add(text)
            passages.append(text)
    return tuple(passages)


# --------------------------------------------------------------------------- the family
@register_family
class MatrixOps(Family):
    name = "MatrixOps"
    version = 0
    answer_type = "matrix"
    subject = "linear algebra"
    space_sizes = {  # (count, exact) per level; see "Problem-space sizes" in the module docstring
        1: (4_500_000, False), 2: (4_500_000, False), 3: (4_500_000, False), 4: (210_000, False),
        5: (4_500_000, False), 6: (4_500_000, False), 7: (61_000, False), 8: (4_500_000, False),
        9: (4_500_000, False), 10: (4_500_000, False),
    }
    instruction = (
        "Give your final answer as \\boxed{ANSWER}: a number, or a matrix written as "
        "\\boxed{\\begin{pmatrix} 1 & \\frac{1}{2} \\\\ 3 & 4 \\end{pmatrix}} or \\boxed{[[1, 1/2], [3, 4]]}."
    )

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem:
        difficulty = check_difficulty(difficulty)
        params = _draw(rng, difficulty)
        question, answer, _ = solve(params)
        return Problem(question=question, answer=answer, family=self.name, version=self.version,
                       difficulty=difficulty, metadata=params)

    def worked_solution(self, problem: Problem) -> str:
        _, answer, lines = solve(problem.metadata)
        shown = mtex(answer) if isinstance(answer, tuple) else _num(answer)
        return "\n".join([*lines, f"The answer is $\\boxed{{{shown}}}$."])

    def exposition(self) -> list[str]:
        return list(_passages())

    def answer_text(self, problem: Problem) -> str:
        """A scalar, or a matrix as nested lists: ``[[1, 1/2], [3, 4]]``."""
        answer = problem.answer
        if isinstance(answer, tuple):
            return "[" + ", ".join("[" + ", ".join(str(Fraction(v)) for v in row) + "]" for row in answer) + "]"
        return str(Fraction(answer))

    def verify(self, problem: Problem, response: str) -> Verdict:
        """Exact comparison of a matrix (shape and every entry) or of a scalar.

        >>> fam = MatrixOps()
        >>> p = Problem("Find A^T.", ((1, 3), (2, 4)), "MatrixOps")
        >>> fam.verify(p, "\\\\boxed{[[1, 3], [2, 4]]}").status.value, fam.verify(p, "\\\\boxed{[[1, 2], [3, 4]]}").status.value
        ('CORRECT', 'INCORRECT')
        """
        if isinstance(problem.answer, tuple):
            return check_answer(response, problem.answer, parse_matrix_answer, equal=_equal_matrix, same=_equal_matrix)
        return check_answer(response, problem.answer, parse_rational)

