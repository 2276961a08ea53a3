"""Exact matrices for the linear-algebra families: minors, a matrix and its entries written out, a rational
solver (MatrixOps, LinearSystems) and the parser of a matrix answer with an optional scalar factor in front.

Matrices are lists (or tuples) of rows of ``int`` or :class:`fractions.Fraction`; every function keeps the
arithmetic exact.

>>> from fractions import Fraction
>>> m = [[1, Fraction(1, 2)], [3, 4]]
>>> matrix_latex(m)
'\\\\begin{pmatrix} 1 & \\\\frac{1}{2} \\\\\\\\ 3 & 4 \\\\end{pmatrix}'
>>> factor(Fraction(-1, 2)), factor(3)
('(-\\\\frac{1}{2})', '3')
>>> matrix_text(m), exact_matrix([[Fraction(2), Fraction(1, 2)]]), minor([[1, 2, 3], [4, 5, 6], [7, 8, 9]], 1, 0)
('[[1, 1/2], [3, 4]]', ((2, Fraction(1, 2)),), [[2, 3], [8, 9]])
>>> solve_rational([[2, 1], [1, -1]], [4, -1]), solve_rational([[1, 2], [2, 4]], [1, 2])
([Fraction(1, 1), Fraction(2, 1)], None)
"""

from __future__ import annotations

import re
from fractions import Fraction

from textbook_gym.verifiers.numbers import parse_rational
from textbook_gym.verifiers.structures import parse_matrix

from .formats import fraction_latex, fraction_text


def minor(matrix, row: int, column: int):
    """``matrix`` without row ``row`` and column ``column``."""
    return [entries[:column] + entries[column + 1:] for k, entries in enumerate(matrix) if k != row]


def factor(value) -> str:
    """A number in LaTeX written as a factor of a product (an entry in a row-times-column sum): negatives in
    parentheses, ``(-\\frac{1}{2})``."""
    text = fraction_latex(value)
    return f"({text})" if Fraction(value) < 0 else text


def matrix_latex(matrix) -> str:
    """``\\begin{pmatrix} 1 & \\frac{1}{2} \\\\ 3 & 4 \\end{pmatrix}``: a matrix as questions and solutions show it."""
    rows = " \\\\ ".join(" & ".join(fraction_latex(v) for v in row) for row in matrix)
    return f"\\begin{{pmatrix}} {rows} \\end{{pmatrix}}"


def matrix_text(matrix) -> str:
    """A matrix as nested lists in plain text: ``[[1, 1/2], [3, 4]]``."""
    return "[" + ", ".join("[" + ", ".join(fraction_text(v) for v in row) + "]" for row in matrix) + "]"


def exact_matrix(matrix):
    """The matrix as an answer stores it: tuples of rows, whole entries as ``int``."""
    return tuple(tuple(int(v) if Fraction(v).denominator == 1 else Fraction(v) for v in row) for row in matrix)


def solve_rational(rows, rhs) -> list[Fraction] | None:
    """The solution of ``rows · x = rhs`` by Gauss-Jordan elimination over the rationals; None when singular."""
    n = len(rows)
    m = [[Fraction(v) for v in row] + [Fraction(b)] for row, b in zip(rows, rhs)]
    for col in range(n):
        pivot = next((r for r in range(col, n) if m[r][col] != 0), None)
        if pivot is None:
            return None
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col and m[r][col] != 0:
                f = m[r][col] / m[col][col]
                m[r] = [a - f * b for a, b in zip(m[r], m[col])]
    return [m[i][n] / m[i][i] for i in range(n)]


_MATRIX_START_RE = re.compile(
    r"\\left\s*(?:[(\[]\s*[(\[]|[(\[]?\s*\\begin\{)|[(\[]\s*(?:[(\[]|\\begin\{)|\\begin\{"
)
"""Where the matrix starts: ``[[``, ``((``, ``[\\begin{``, ``\\begin{`` or one of them after ``\\left``. Every
alternative opens with a fixed character, so a search stays linear in the answer's length (an earlier pattern
that let optional whitespace and a lazy prefix meet took 17 s on 600 spaces)."""
SCALAR_TIMES = ("\\cdot", "\\times", "*")
"""A product sign allowed between the scalar factor and the matrix."""


def parse_scaled_matrix(span: str):
    """A matrix with rational entries, optionally preceded by one scalar factor (as textbooks write inverses).

    >>> parse_scaled_matrix("\\\\frac{1}{2}\\\\begin{pmatrix} 2 & 1 \\\\\\\\ 0 & 4 \\\\end{pmatrix}")
    ((Fraction(1, 1), Fraction(1, 2)), (Fraction(0, 1), Fraction(2, 1)))
    """
    text = span.strip()
    start = _MATRIX_START_RE.search(text)
    scalar = text[: start.start()].rstrip() if start else ""
    sign = next((sign for sign in SCALAR_TIMES if scalar.endswith(sign)), "")
    scalar = scalar[: len(scalar) - len(sign)].strip()
    if not scalar:
        return parse_matrix(span, parse_rational)
    factor_value = parse_rational(scalar)
    return tuple(tuple(factor_value * v for v in row) for row in parse_matrix(text[start.start():], parse_rational))
