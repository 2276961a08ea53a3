"""Statistics: gold agrees with Python's ``statistics`` module on exact Fractions; near misses fail."""

import doctest
import re
import statistics
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
import sympy

from textbook_gym.problem import Problem
from textbook_gym.registry import get_family

FAM = get_family("Statistics")


def _problems(level, n=40):
    return [FAM.generate(np.random.default_rng([seed, level]), level) for seed in range(n)]


def _fr(values):
    return [Fraction(v) for v in values]


def _expand(values, counts):
    return [v for v, c in zip(values, counts) for _ in range(c)]


def _median_of(values):
    return Fraction(statistics.median(_fr(values)))


def _quartiles(data, rule):
    ordered, n = sorted(data), len(data)
    if n % 2 and rule == "inclusive":
        lower, upper = ordered[: n // 2 + 1], ordered[n // 2 :]
    else:
        lower, upper = ordered[: n // 2], ordered[(n + 1) // 2 :]
    return _median_of(lower), _median_of(upper)


def _square_and_sign(answer):
    """(answer², sign) as exact rationals, for answers of the form q·sqrt(m)."""
    return Fraction(str(sympy.nsimplify(answer**2))), int(bool(answer > 0)) - int(bool(answer < 0))


def _reference(x):
    """An exact rational reference; for root answers the reference is (square, sign)."""
    kind, data = x["kind"], x.get("data")
    if kind == "mean":
        return Fraction(statistics.mean(_fr(data)))
    if kind == "range":
        return Fraction(max(data) - min(data))
    if kind == "median":
        return _median_of(data)
    if kind == "mode":
        assert len(statistics.multimode(data)) == 1
        return Fraction(statistics.mode(data))
    if kind == "weighted":
        scores = [Fraction(s) for _, s, _ in x["items"]]
        weights = [w for *_, w in x["items"]]
        return Fraction(statistics.mean(_expand(scores, weights)))  # integer weights: repeat each score w times
    if kind == "freq":
        return Fraction(statistics.mean(_fr(_expand(x["values"], x["counts"]))))
    if kind == "missing":
        return Fraction(data[-1])
    if kind == "change":
        new = list(data)
        if x["op"] == "add":
            new.append(x["value"])
        else:
            new.remove(x["value"])
        return Fraction(statistics.mean(_fr(new)))
    if kind == "iqr":
        q1, q3 = _quartiles(data, x["rule"])
        return q3 - q1
    if kind == "variance":
        return Fraction(statistics.pvariance(_fr(data)))
    if kind == "freqvar":
        return Fraction(statistics.pvariance(_fr(_expand(x["values"], x["counts"]))))
    if kind == "sd":
        return Fraction(statistics.pvariance(_fr(data))), 1
    if kind == "scaled":
        return Fraction(statistics.pvariance([x["a"] * v + x["b"] for v in _fr(data)])), 1
    if kind == "combined":
        group = [Fraction(x["m1"])] * x["n1"] + [Fraction(x["m2"])] * x["n2"]
        return Fraction(statistics.mean(group))
    if kind == "reverse":
        total = Fraction(x["m2"]) * (x["n1"] + x["n2"])
        return (total - Fraction(x["m1"]) * x["n1"]) / x["n2"]
    if kind == "correct":
        n, mean = x["n"], Fraction(x["mean"])
        rest = (n * mean - x["wrong"]) / (n - 1)
        values = [Fraction(x["wrong"])] + [rest] * (n - 1)
        assert statistics.mean(values) == mean
        values[0] = Fraction(x["right"])
        return Fraction(statistics.mean(values))
    if kind == "zscore":
        mu, var = statistics.mean(_fr(data)), statistics.pvariance(_fr(data))
        dev = x["x"] - mu
        return dev * dev / var, (dev > 0) - (dev < 0)
    return Fraction(statistics.pvariance(_fr(data + [x["value"]]))), 1


@pytest.mark.parametrize("level", range(1, 11))
def test_gold_agrees_with_the_statistics_module(level):
    for p in _problems(level):
        ref = _reference(p.metadata)
        if isinstance(ref, tuple):
            assert _square_and_sign(p.answer) == ref, p.question
        else:
            assert p.answer.is_Rational and Fraction(p.answer.p, p.answer.q) == ref, p.question


@pytest.mark.parametrize("level", range(1, 11))
def test_question_shows_the_data_of_the_metadata(level):
    for p in _problems(level, 20):
        x = p.metadata
        if "data" in x:
            head = p.question.split(":", 1)[1].split(".")[0]
            shown = [int(v) for v in re.findall(r"-?\d+", head)]
            assert shown == (x["data"][:-1] if x["kind"] == "missing" else x["data"]), p.question
        if x["kind"] == "missing":
            stated = Fraction(re.search(r"values is (-?[\d.]+)\.", p.question).group(1))
            assert stated == statistics.mean(_fr(x["data"]))


def _renderings(answer):
    """Ways a student may write the exact answer."""
    coef, root = answer.as_coeff_Mul()
    coef = Fraction(coef.p, coef.q)
    out = [sympy.latex(answer), str(answer)]
    if root == 1:
        out += [f"{coef.numerator}/{coef.denominator}", f"\\dfrac{{{coef.numerator}}}{{{coef.denominator}}}",
                f"{2 * coef.numerator}/{2 * coef.denominator}"]
        if all(q in (2, 5) for q in sympy.factorint(coef.denominator)):
            out.append(str(Decimal(coef.numerator) / Decimal(coef.denominator)))
    else:
        square = coef * coef * int(root**2)
        sign = "-" if coef < 0 else ""
        out += [f"{sign}\\sqrt{{\\frac{{{square.numerator}}}{{{square.denominator}}}}}",
                f"{sign}\\sqrt{{{square.numerator * square.denominator}}}/{square.denominator}"]
    return out


@pytest.mark.parametrize("level", [1, 3, 4, 6, 8, 9, 10])
def test_accepted_renderings(level):
    for p in _problems(level, 25):
        for text in _renderings(p.answer):
            assert FAM.verify(p, f"\\boxed{{{text}}}").correct, (p.answer, text)


def _sample_variance(values):
    return Fraction(statistics.variance(_fr(values)))


def _wrong_median(values):
    ordered, n = sorted(values), len(values)
    return Fraction(ordered[n // 2 - 1]) if n % 2 else Fraction(ordered[n // 2])  # one position off


def _near_misses(p):
    x, a = p.metadata, p.answer
    kind, data = x["kind"], x.get("data")
    wrong = [a + 1, a - 1, -a if a != 0 else sympy.Integer(1), 2 * a]
    if kind == "median":
        wrong.append(_wrong_median(data))
    if kind == "variance":
        wrong.append(_sample_variance(data))
    if kind == "freqvar":
        wrong.append(_sample_variance(_expand(x["values"], x["counts"])))
    if kind in ("sd", "zscore"):
        sd_sample = sympy.sqrt(sympy.Rational(str(_sample_variance(data))))
        wrong.append(sd_sample if kind == "sd" else (x["x"] - sympy.Rational(sum(data), len(data))) / sd_sample)
        wrong.append(a**2 if kind == "sd" else -a)  # the variance instead of its root
    if kind == "iqr":
        other = "inclusive" if x["rule"] == "exclusive" else "exclusive"
        q1, q3 = _quartiles(data, other)
        wrong.append(q3 - q1)
    if kind == "combined":
        wrong.append((Fraction(x["m1"]) + Fraction(x["m2"])) / 2)
    if kind == "freq":
        wrong.append(Fraction(sum(v * c for v, c in zip(x["values"], x["counts"])), len(x["values"])))
    if kind == "scaled":
        wrong.append(a * abs(x["a"]))
    as_sympy = [sympy.Rational(w.numerator, w.denominator) if isinstance(w, Fraction) else w for w in wrong]
    return [w for w in as_sympy if w != a]


def _text(value):
    return sympy.latex(value)


@pytest.mark.parametrize("level", range(1, 11))
def test_near_misses_fail(level):
    for p in _problems(level, 25):
        for w in _near_misses(p):
            assert not FAM.verify(p, f"\\boxed{{{_text(w)}}}").correct, (p.question, w, p.answer)


def test_population_formula_is_the_one_accepted():
    for p in _problems(7, 30):
        if p.metadata["kind"] == "variance":
            data = _fr(p.metadata["data"])
            assert FAM.verify(p, f"\\boxed{{{_text(_sym(statistics.pvariance(data)))}}}").correct
            assert not FAM.verify(p, f"\\boxed{{{_text(_sym(statistics.variance(data)))}}}").correct


def _sym(q):
    return sympy.Rational(q.numerator, q.denominator)


def test_rounded_decimals_fail_and_exact_decimals_pass():
    sd = Problem("SD?", 2 * sympy.sqrt(6) / 3, "Statistics")
    assert not FAM.verify(sd, "\\boxed{1.633}").correct
    assert not FAM.verify(sd, "\\boxed{1.6329931618554520654648560498039275946}").correct
    mean = Problem("Mean?", sympy.Rational(10, 3), "Statistics")
    assert not FAM.verify(mean, "\\boxed{3.33}").correct
    assert not FAM.verify(mean, "\\boxed{3.333333333333333333333333333333333333333333333333}").correct
    quarter = Problem("Mean?", sympy.Rational(37, 4), "Statistics")
    assert FAM.verify(quarter, "\\boxed{9.25}").correct and FAM.verify(quarter, "Answer: 9.250").correct


def test_unusual_exact_forms_are_decided_exactly():
    sd = Problem("SD?", 2 * sympy.sqrt(6) / 3, "Statistics")
    assert FAM.verify(sd, "\\boxed{\\frac{(\\sqrt{2}+\\sqrt{3})^2 - 5}{3}}").correct
    tiny = "0." + "0" * 45 + "1"
    assert not FAM.verify(sd, f"\\boxed{{\\frac{{(\\sqrt{{2}}+\\sqrt{{3}})^2 - 5}}{{3}} + {tiny}}}").correct


@pytest.mark.parametrize("text", ["x", "\\pi", "\\sigma = 2", "\\sqrt{-6}", "sin(1)", "2, 3", ""])
def test_non_numbers_are_unparseable(text):
    p = Problem("Mean?", sympy.Integer(2), "Statistics")
    assert FAM.verify(p, f"\\boxed{{{text}}}").status.value == "UNPARSEABLE"


def test_mode_questions_have_a_unique_mode():
    for p in _problems(2, 80):
        if p.metadata["kind"] == "mode":
            assert statistics.multimode(p.metadata["data"]) == [int(p.answer)]


def test_one_answer_type_that_round_trips():
    for level in range(1, 11):
        for p in _problems(level, 10):
            assert isinstance(p.answer, sympy.Expr) and not p.answer.free_symbols
            back = Problem.from_json(p.to_json())
            assert back.answer == p.answer and back.metadata == p.metadata


def test_difficulty_changes_the_problem():
    kinds = {level: sorted({p.metadata["kind"] for p in _problems(level, 40)}) for level in range(1, 11)}
    assert kinds[1] == ["mean", "range"] and kinds[2] == ["median", "mode"] and kinds[6] == ["iqr"]
    assert kinds[10] == ["sdafter", "zscore"]
    irrational = {level: np.mean([not p.answer.is_Rational for p in _problems(level, 40)]) for level in (1, 5, 8, 10)}
    assert irrational[1] == irrational[5] == 0 and irrational[8] > 0.5 and irrational[10] > 0.5
    steps = {level: np.mean([len(FAM.worked_solution(p).splitlines()) for p in _problems(level, 30)]) for level in (1, 10)}
    assert steps[10] > 2 * steps[1]


def test_doctests():
    from textbook_gym.envs import statistics as module

    assert doctest.testmod(module).failed == 0


def test_class_b_has_a_possible_mean_score():
    # v0 drew both means freely, so "the mean score of class B" came out below 0 or above 100 in about a
    # quarter of these questions (Class A: 30 students, mean 82.4; all 35: 65.2; class B: -38).
    answers = [p.answer for p in _problems(9, 400) if p.metadata["kind"] == "reverse"]
    assert len(answers) > 80 and all(0 <= answer <= 100 for answer in answers)


def test_level_9_generates_for_every_seed():
    """A combined mean over 64 students (denominator 640, 7 decimal places) once made generation raise."""
    for seed in range(3000):
        FAM.generate(np.random.default_rng([seed, 9, 1]), 9)


def test_mean_with_seven_decimal_places_is_written_as_a_fraction():
    x = {"kind": "combined", "intro": 0, "n1": 31, "n2": 33, "m1": "70.1", "m2": "70"}
    p = Problem("combined mean", sympy.Rational(44831, 640), "Statistics", metadata=x)
    solution = FAM.worked_solution(p)
    assert solution.endswith("\\boxed{\\frac{44831}{640}}.") and FAM.verify(p, solution).correct


def test_short_decimals_are_exactly_the_ones_written_as_decimals():
    from textbook_gym.envs.statistics import _exact

    for den in range(1, 5000):
        q = Fraction(7, den) if den % 7 else Fraction(1, den)
        text = _exact(q)
        short = (q * 10**6).denominator == 1  # at most 6 decimal places (640 = 2^7·5 needs 7)
        assert ("/" not in text) == short, q
        assert Fraction(text) == q, (q, text)
