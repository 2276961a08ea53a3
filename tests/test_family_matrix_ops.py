"""MatrixOps: gold matches sympy's matrices, renderings verify, near misses fail."""

import doctest
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from textbook_gym.envs import matrix_ops
from textbook_gym.envs._kit.formats import fraction_latex
from textbook_gym.registry import get_family

FAM = get_family("MatrixOps")
LEVELS = range(1, 11)


def _problems(level, n=20):
    return [FAM.generate(np.random.default_rng([seed, level]), level) for seed in range(n)]


def _reference(params):
    """The same operation computed by sympy's exact matrices."""
    a = sp.Matrix(params["A"])
    b = sp.Matrix(params["B"]) if "B" in params else None
    value = {
        "add": lambda: a + b, "sub": lambda: a - b, "scale": lambda: params["k"] * a, "transpose": lambda: a.T,
        "trace": lambda: a.trace(), "mul": lambda: a * b, "det": lambda: a.det(), "inv": lambda: a.inv(),
    }[params["op"]]()
    if isinstance(value, sp.MatrixBase):
        return tuple(tuple(Fraction(int(v.p), int(v.q)) for v in value.row(i)) for i in range(value.rows))
    return int(value)


@pytest.mark.parametrize("level", LEVELS)
def test_gold_matches_sympy(level):
    for p in _problems(level, 30):
        assert _reference(p.metadata) == p.answer


def _latex(m, env="pmatrix"):
    return f"\\begin{{{env}}}" + " \\\\ ".join(" & ".join(fraction_latex(v) for v in row) for row in m) + f"\\end{{{env}}}"


def _plain(m):
    return "[" + ", ".join("[" + ", ".join(str(Fraction(v)) for v in row) + "]" for row in m) + "]"


@pytest.mark.parametrize("level", [1, 2, 3, 5, 7, 8, 9])
def test_matrix_renderings_verify(level):
    for p in _problems(level, 6):
        if not isinstance(p.answer, tuple):
            continue
        for text in (_latex(p.answer), _latex(p.answer, "bmatrix"), _plain(p.answer)):
            assert FAM.verify(p, f"\\boxed{{{text}}}").correct, text


@pytest.mark.parametrize("level", [7, 9])
def test_inverse_with_a_scalar_factor_in_front_verifies(level):
    for p in _problems(level, 6):
        det = int(sp.Matrix(p.metadata["A"]).det())
        adj = [[v * det for v in row] for row in p.answer]
        sign = "-" if det < 0 else ""
        one_over = f"{sign}\\frac{{1}}{{{abs(det)}}}"
        for text in (f"{one_over}{_latex(adj)}", f"{one_over} \\cdot {_latex(adj)}", f"{sign}1/{abs(det)} {_plain(adj)}"):
            assert FAM.verify(p, f"\\boxed{{{text}}}").correct, text
        assert not FAM.verify(p, f"\\boxed{{{_latex(adj)}}}").correct or abs(det) == 1


@pytest.mark.parametrize("level", [4, 6, 10, 2])
def test_scalar_renderings(level):
    for p in _problems(level, 10):
        if isinstance(p.answer, tuple):
            continue
        for text in (str(p.answer), f"{p.answer}.0", f"\\frac{{{2 * p.answer}}}{{2}}"):
            assert FAM.verify(p, f"\\boxed{{{text}}}").correct, text
        for wrong in (p.answer + 1, p.answer - 1, -p.answer if p.answer else 1):
            assert FAM.verify(p, f"\\boxed{{{wrong}}}").status.value == "INCORRECT"


@pytest.mark.parametrize("level", [1, 3, 5, 7, 8, 9])
def test_matrix_near_misses_fail(level):
    for p in _problems(level, 8):
        gold = [list(row) for row in p.answer]
        bumped = [row[:] for row in gold]
        bumped[-1][0] += 1
        negated = [[-v for v in row] for row in gold]
        wrong = [bumped, negated, [row[:-1] for row in gold] if len(gold[0]) > 1 else gold + gold]
        if len(gold) == len(gold[0]):
            transposed = [list(col) for col in zip(*gold)]
            if transposed != gold:
                wrong.append(transposed)
        for m in wrong:
            assert FAM.verify(p, f"\\boxed{{{_plain(m)}}}").status.value == "INCORRECT", m


def test_wrong_order_product_fails():
    for p in _problems(3, 20):
        ba = sp.Matrix(p.metadata["B"]) * sp.Matrix(p.metadata["A"])
        if ba.tolist() != [list(r) for r in p.answer]:
            assert not FAM.verify(p, f"\\boxed{{{_plain(ba.tolist())}}}").correct


def test_adjugate_without_transpose_fails():
    for p in _problems(9, 10):
        a = sp.Matrix(p.metadata["A"])
        cof_over_det = a.cofactor_matrix() / a.det()
        if cof_over_det != a.inv():
            assert not FAM.verify(p, f"\\boxed{{{_plain(cof_over_det.tolist())}}}").correct


def test_vmatrix_and_text_are_refused():
    p = _problems(3, 1)[0]
    assert FAM.verify(p, f"\\boxed{{{_latex(p.answer, 'vmatrix')}}}").status.value == "UNPARSEABLE"
    assert FAM.verify(p, "\\boxed{the identity}").status.value == "UNPARSEABLE"


def test_difficulty_grows_in_size_and_operation():
    ops = {level: {p.metadata["op"] for p in _problems(level)} for level in LEVELS}
    sizes = {level: max(len(p.metadata["A"]) * len(p.metadata["A"][0]) for p in _problems(level)) for level in LEVELS}
    assert ops[1] <= {"add", "sub", "scale"} and ops[4] == ops[6] == ops[10] == {"det"}
    assert ops[7] == ops[9] == {"inv"}
    assert sizes[4] == 4 and sizes[6] == 9 and sizes[10] == 16 and sizes[7] == 4 and sizes[9] == 9
    assert sum(row.count(0) for p in _problems(10) for row in p.metadata["A"]) > 0


def test_docstring_examples():
    assert doctest.testmod(matrix_ops).failed == 0


@pytest.mark.parametrize("flood", [" " * 20_000, "\t \n" * 7_000])
def test_a_whitespace_flood_after_a_scalar_gets_a_verdict(flood):
    # The scalar-factor pattern once let a lazy prefix and optional whitespace meet: 600 spaces took 17 s and
    # 900 whitespace characters 84 s, in-process, with no deadline. The search is linear now.
    problem = FAM.generate(np.random.default_rng([7, 0]), 7)
    assert FAM.verify(problem, "\\boxed{1" + flood + "x}").status.value == "UNPARSEABLE"
    assert FAM.verify(problem, f"\\boxed{{{FAM.answer_text(problem)}}}").status.value == "CORRECT"
