"""Statistics: descriptive statistics of small data sets, with exact answers.

**Asked.** One summary of a data set drawn at random: mean, median, mode, range,
interquartile range (under a quartile rule stated in the question), weighted mean,
mean of a frequency table, a missing value given the mean, the mean after a value is
added, removed or corrected, combined means of two groups, population variance,
population standard deviation, and z-scores. For example ``The numbers of emails
received on 5 days were: 12, 7, 9, 15, 7. What is the mean?`` (``10``).

**Difficulty** changes the statistic and the number of steps, not only the numbers:

==  ======================================================================  =========================
 1  mean of 3-6 small whole numbers (whole-number mean), or the range           ``4, 9, 2, 5 -> 5``
 2  median of 5-10 unsorted values, or the (unique) mode of 7-12 values         ``median 7.5``
 3  mean of 6-10 two-digit values (fractional mean), median with negatives      ``\\frac{263}{6}``
 4  weighted mean (percentage weights) or the mean of a frequency table         ``Σ f·x / Σ f``
 5  missing value given the mean, or the mean after adding/removing a value     ``n·mean - sum``
 6  interquartile range, 8-15 values, quartile rule declared in the question    ``Q3 - Q1``
 7  population variance (divide by n) of raw data or of a frequency table      ``\\frac{35}{4}``
 8  population standard deviation in simplest radical form, or the SD after     ``\\frac{2\\sqrt{6}}{3}``
    every value is transformed by ``a·x + b`` (``|a|·σ``)
 9  combined mean of two groups, one group's mean from the combined mean, or    ``(n₁m₁ + n₂m₂)/(n₁+n₂)``
    the mean after a value is corrected
10  z-score of a value in a data set (mean, SD, then ``(x - μ)/σ``), or the      ``-\\frac{3\\sqrt{2}}{4}``
    population SD after one more value joins the data (shortcut formula)
==  ======================================================================  =========================

Examples: level 1 "The numbers of goals scored in 4 matches were: 3, 1, 4, 4. What is the
mean?" (3); level 6 "... 14, 3, 9, 22, 17, 8, 11, 5, 30. What is the interquartile range?
Use this quartile rule: order the data, leave the median out of both halves when the
count is odd, Q1 = median of the lower half, Q3 = median of the upper half." (13);
level 10 "... 2, 4, 4, 6, 9. What is the z-score of 9? Use the population standard
deviation." (``\\frac{2\\sqrt{35}}{7}``).

Variance and standard deviation are always *population* statistics (divide by n, not
n - 1); the question says so. Data sets for variance, SD and z-scores have a whole-number
mean (except after a value joins at level 10), so deviations stay readable.

**Answer type.** Always one exact real number stored as a sympy expression: a
``sympy.Rational`` (integer or fraction), or ``q·sqrt(m)`` with ``q`` rational and ``m``
square-free for standard deviations and z-scores. Any exact rendering with the same
value is accepted: ``37/4``, ``\\frac{37}{4}``, ``9.25`` (an exact decimal), ``\\frac{2\\sqrt{6}}{3}``,
``\\sqrt{24}/3``, ``\\sqrt{8/3}``, ``4/\\sqrt{6}``. Rounded decimals are INCORRECT
(``3.33`` for ``10/3``, ``1.633`` for ``2\\sqrt{6}/3``: the comparison is exact, not
within a tolerance). Answers that are not a number built from integers, decimals,
fractions, powers and roots (a variable, ``\\pi``, an equation) are UNPARSEABLE.
The answer is read by the bounded parser :func:`textbook_gym.verifiers.symbolic.parse_expression`;
equality is structural after sympy's canonical simplification, with an exact
``minimal_polynomial`` check in the sandbox pool for unusual forms such as
``(\\sqrt{2}+\\sqrt{3})^2 - 5`` (a TIMEOUT verdict if that cannot finish in time).

**Worked solutions** sort the data, add the values one at a time, divide, pick the middle
position(s), tally counts, list each deviation and its square, and simplify the square
root step by step. The last line holds ``\\boxed{answer}``.

**Problem-space sizes** (:meth:`Statistics.space_size`): estimates from 3,000 draws per level
(Chao1 estimator; a level where no problem repeated is given as the estimator's value,
a lower bound of the true size). Every level's test split holds at least 50 problems.

**Version history.** v0: first release. A later fix, still v0: a mean such as 44763/640
(7 decimal places) made generation raise; it is now written as a fraction. Every seed that
generated a problem before gives the same bytes (problem, worked solution, exposition).
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from fractions import Fraction

import numpy as np
import sympy

from textbook_gym.family import Family, check_difficulty
from textbook_gym.problem import Problem
from textbook_gym.registry import register_family
from textbook_gym.verdict import Verdict
from textbook_gym.verifiers import check_answer
from textbook_gym.verifiers.errors import ParseError, VerificationTimeout
from textbook_gym.verifiers.symbolic import parse_expression

INSTRUCTION = (
    "Give the exact value as \\boxed{ANSWER}: a whole number, a fraction such as \\boxed{\\frac{37}{4}} or an "
    "exact decimal such as \\boxed{9.25}, or a radical such as \\boxed{\\frac{2\\sqrt{6}}{3}}. Rounded decimals are "
    "not accepted. A final line 'Answer: ANSWER' is also accepted."
)
POPULATION = "Use the population formula (divide by n, the number of values)."
INTROS = [
    "The numbers of emails received on {n} days were",
    "A teacher recorded the quiz scores of {n} students",
    "The numbers of goals scored in {n} matches were",
    "A runner logged the minutes run on {n} days",
    "The heights (in cm) of {n} seedlings were",
    "A shop counted the customers in each of {n} hours",
    "The numbers of pages read by {n} students last week were",
    "A data set has {n} values",
    "The ages of {n} people at a meeting were",
    "The numbers of books borrowed on {n} days were",
]
COLD_INTRO = "The midday temperatures (in °C) on {n} winter days were"
COMPONENTS = ["homework", "quizzes", "labs", "the midterm", "the project", "the final exam", "participation"]
FREQ_THINGS = [("number of siblings", "students"), ("number of goals scored", "matches"),
               ("number of pets", "households"), ("number of cars", "households"), ("number of errors", "pages")]
KINDS = {1: ("mean", "range"), 2: ("median", "mode"), 3: ("mean", "median"), 4: ("weighted", "freq"),
         5: ("missing", "change"), 6: ("iqr",), 7: ("variance", "freqvar"), 8: ("sd", "scaled"),
         9: ("combined", "reverse", "correct"), 10: ("zscore", "sdafter")}


def _int(rng: np.random.Generator, lo: int, hi: int) -> int:
    return int(rng.integers(lo, hi + 1))


def _f(q: Fraction | int) -> str:
    """Plain text for a rational in the steps: ``7``, ``-37/4``."""
    q = Fraction(q)
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


def _dec(q: Fraction) -> str:
    """A terminating decimal for ``q`` (the generator only calls this when one exists)."""
    q = Fraction(q)
    for places in range(0, 7):
        scaled = q * 10**places
        if scaled.denominator == 1:
            whole = abs(scaled.numerator)
            text = str(whole).rjust(places + 1, "0")
            text = text if places == 0 else f"{text[:-places]}.{text[-places:]}"
            return ("-" if q < 0 else "") + text
    raise ValueError(f"{q} has no short terminating decimal")


def _terminates(q: Fraction) -> bool:
    """Whether ``q`` has a decimal of at most 6 places, the ones :func:`_dec` writes.

    The two must agree: a combined mean over 64 students has denominator 640 = 2^7·5
    (7 places), which is written as a fraction, not handed to ``_dec``.
    """
    return 10**6 % Fraction(q).denominator == 0


def _fv(q: Fraction) -> str:
    """A rational with its decimal value when that is short: ``37/4 = 9.25``."""
    q = Fraction(q)
    return _f(q) if q.denominator == 1 or not _terminates(q) else f"{_f(q)} = {_dec(q)}"


def _div(num: Fraction | int, den: int) -> str:
    """``133/7 = 19``, ``30/4 = 15/2 = 7.5``, ``197/27``: a division written out and reduced."""
    q = Fraction(num) / den
    num = Fraction(num)
    text = f"{_frac_dec(num)}/{den}" if _terminates(num) else f"({_f(num)})/{den}"
    if num.denominator == 1 and q.denominator == den:
        return text if q.denominator == 1 or not _terminates(q) else f"{text} = {_dec(q)}"
    return f"{text} = {_fv(q)}"


def _rad(coef: Fraction, m: int) -> str:
    """Plain-text radical for the steps: ``2·sqrt(17)``, ``sqrt(2290)/5``, ``-3·sqrt(2)/4``."""
    if m == 1 or coef == 0:
        return _f(coef)
    a, q = abs(coef.numerator), coef.denominator
    top = f"sqrt({m})" if a == 1 else f"{a}·sqrt({m})"
    return ("-" if coef < 0 else "") + (top if q == 1 else f"{top}/{q}")


def _listing(values) -> str:
    return ", ".join(str(v) for v in values)


def _sum_lines(values, what: str = "the values") -> tuple[list[str], int]:
    """Add the values one at a time, writing each partial sum."""
    total = values[0]
    steps = []
    for v in values[1:]:
        steps.append(f"{total} + {v if v >= 0 else f'({v})'} = {total + v}")
        total += v
    if not steps:
        return [f"The sum of {what} is {total}."], total
    return [f"Add {what} one at a time: " + "; ".join(steps) + f". The sum is {total}."], total


def _median_lines(ordered: list[int], label: str = "the data") -> tuple[list[str], Fraction]:
    n = len(ordered)
    if n % 2:
        k = (n + 1) // 2
        return [f"{label.capitalize()} has {n} values (odd), so the median is value number ({n} + 1)/2 = {k}: "
                f"{ordered[k - 1]}."], Fraction(ordered[k - 1])
    k = n // 2
    a, b = ordered[k - 1], ordered[k]
    med = Fraction(a + b, 2)
    return [f"{label.capitalize()} has {n} values (even), so the median is the average of values number {k} and "
            f"{k + 1}: ({a} + {b})/2 = {_fv(med)}."], med


def _sqrt_lines(value: Fraction, name: str) -> tuple[list[str], Fraction, int]:
    """Write ``sqrt(value)`` in simplest radical form ``coef·sqrt(m)``, step by step."""
    p, q = value.numerator, value.denominator
    lines = []
    if q > 1:
        lines.append(f"{name} = sqrt({p}/{q}) = sqrt({p} × {q})/{q} = sqrt({p * q})/{q} (multiply inside and "
                     f"outside by {q} to clear the root from the denominator).")
    radicand = p * q
    outside, m = 1, radicand
    for f in range(2, int(math.isqrt(radicand)) + 1):
        while m % (f * f) == 0:
            m //= f * f
            outside *= f
    coef = Fraction(outside, q)
    if m == 1:
        lines.append(f"{radicand} = {outside}^2 is a perfect square, so {name} = {outside}/{q} = {_f(coef)}."
                     if q > 1 else f"{radicand} = {outside}^2 is a perfect square, so {name} = {outside}.")
    elif outside > 1:
        lines.append(f"{radicand} = {outside}^2 × {m}, so sqrt({radicand}) = {outside}·sqrt({m}) and {name} = "
                     f"{outside}·sqrt({m})/{q}" + ("." if coef.denominator == q else f" = {_rad(coef, m)}.") if q > 1 else
                     f"{radicand} = {outside}^2 × {m}, so {name} = {outside}·sqrt({m}).")
    else:
        lines.append(f"{radicand} has no square factor above 1, so {name} = {_rad(coef, m)} is already simplest.")
    return lines, coef, m


def _variance_lines(values: list[int], counts: list[int] | None = None) -> tuple[list[str], Fraction]:
    """Population variance with an integer mean: deviations, squares, their (weighted) sum, divide by n."""
    counts = counts or [1] * len(values)
    n = sum(counts)
    total = sum(v * c for v, c in zip(values, counts))
    mean = Fraction(total, n)
    lines = [f"Mean: μ = {_div(total, n)}."]
    parts, ss = [], 0
    for v, c in zip(values, counts):
        d = v - mean
        parts.append(f"{v}: {v} - {_f(mean)} = {_f(d)}, squared {_f(d * d)}" + (f", times {c} = {_f(c * d * d)}"
                                                                           if c > 1 else ""))
        ss += c * d * d
    lines.append("Deviations from the mean and their squares: " + "; ".join(parts) + ".")
    lines.append(f"Sum of squared deviations: {_f(ss)}.")
    var = Fraction(ss) / n
    lines.append(f"Population variance: σ^2 = {_div(ss, n)}.")
    return lines, var


def _shortcut_lines(values: list[int]) -> tuple[list[str], Fraction]:
    """Population variance by σ² = (mean of the squares) - (mean)², for a fractional mean."""
    n = len(values)
    total, squares = sum(values), sum(v * v for v in values)
    mean = Fraction(total, n)
    lines = [f"Sum: {' + '.join(str(v) for v in values)} = {total}, so μ = {_div(total, n)}.",
             f"Sum of squares: {' + '.join(f'{v}^2' for v in values)} = {squares}.",
             f"Shortcut formula: σ^2 = {squares}/{n} - ({_f(mean)})^2 = {_f(Fraction(squares, n))} - "
             f"{_f(mean * mean)} = {_f(Fraction(squares, n) - mean * mean)}."]
    return lines, Fraction(squares, n) - mean * mean


# --------------------------------------------------------------------------- generation
def _values(rng, n: int, lo: int, hi: int) -> list[int]:
    return [_int(rng, lo, hi) for _ in range(n)]


def _whole_mean(rng, n: int, lo: int, hi: int) -> list[int]:
    while True:
        vals = _values(rng, n, lo, hi)
        if sum(vals) % n == 0 and len(set(vals)) > 1:
            return vals


def _draw(rng: np.random.Generator, d: int) -> dict:
    kinds = KINDS[d]
    kind = kinds[_int(rng, 0, len(kinds) - 1)]
    x: dict = {"kind": kind, "intro": _int(rng, 0, len(INTROS) - 1)}
    if d == 1:
        x["data"] = _whole_mean(rng, _int(rng, 3, 6), 1, 20) if kind == "mean" else _values(rng, _int(rng, 5, 8), 1, 60)
    elif d == 2 and kind == "median":
        x["data"] = _values(rng, _int(rng, 5, 10), 1, 60)
    elif d == 2:
        while True:
            vals = _values(rng, _int(rng, 7, 12), 1, 15)
            top = Counter(vals).most_common()
            if top[0][1] >= 2 and (len(top) == 1 or top[1][1] < top[0][1]):
                x["data"] = vals
                break
    elif d == 3 and kind == "mean":
        while True:
            vals = _values(rng, _int(rng, 6, 10), 10, 99)
            if sum(vals) % len(vals):
                x["data"] = vals
                break
    elif d == 3:
        x["data"], x["intro"] = _values(rng, 2 * _int(rng, 3, 6), -15, 25), -1
    elif kind == "weighted":
        k = _int(rng, 3, 4)
        while True:
            weights = [5 * _int(rng, 2, 10) for _ in range(k)]
            if sum(weights) == 100:
                break
        names = [COMPONENTS[int(i)] for i in rng.choice(len(COMPONENTS), size=k, replace=False)]
        x["items"] = [[name, _int(rng, 45, 100), w] for name, w in zip(names, weights)]
    elif kind == "freq":
        k = _int(rng, 4, 6)
        x["values"] = sorted(int(v) for v in rng.choice(8, size=k, replace=False))
        x["counts"] = _values(rng, k, 1, 12)
        x["thing"] = _int(rng, 0, len(FREQ_THINGS) - 1)
    elif kind == "missing":
        while True:
            vals = _values(rng, _int(rng, 5, 8), 20, 100)
            if (Fraction(sum(vals), len(vals)) * 10).denominator == 1:
                x["data"] = vals
                break
    elif kind == "change":
        x["data"] = _values(rng, _int(rng, 5, 9), 10, 90)
        x["op"] = "add" if rng.random() < 0.5 else "remove"
        x["value"] = _int(rng, 5, 99) if x["op"] == "add" else x["data"][_int(rng, 0, len(x["data"]) - 1)]
    elif kind == "iqr":
        x["data"] = _values(rng, _int(rng, 8, 15), 1, 99)
        x["rule"] = "exclusive" if rng.random() < 0.6 else "inclusive"
    elif kind == "variance" or kind == "sd":
        x["data"] = _whole_mean(rng, _int(rng, 4, 7 if kind == "variance" else 8), 1, 30 if kind == "variance" else 40)
    elif kind == "freqvar":
        while True:
            k = _int(rng, 3, 4)
            values = sorted(int(v) for v in rng.choice(11, size=k, replace=False))
            counts = _values(rng, k, 1, 6)
            if sum(v * c for v, c in zip(values, counts)) % sum(counts) == 0:
                x["values"], x["counts"], x["thing"] = values, counts, _int(rng, 0, len(FREQ_THINGS) - 1)
                break
    elif kind == "scaled":
        x["data"] = _whole_mean(rng, _int(rng, 4, 6), 1, 20)
        x["a"] = _int(rng, 2, 5) * (1 if rng.random() < 0.6 else -1)
        x["b"] = _int(rng, -20, 30)
    elif kind in ("combined", "reverse"):
        x["n1"], x["n2"] = _int(rng, 5, 40), _int(rng, 5, 40)
        x["m1"], x["m2"] = _dec(Fraction(_int(rng, 500, 950), 10)), _dec(Fraction(_int(rng, 500, 950), 10))
    elif kind == "correct":
        x["n"], x["mean"] = _int(rng, 8, 30), _dec(Fraction(_int(rng, 400, 900), 10))
        x["wrong"], x["right"] = _int(rng, 10, 99), _int(rng, 10, 99)
        while x["right"] == x["wrong"]:
            x["right"] = _int(rng, 10, 99)
    elif kind == "zscore":
        x["data"] = _whole_mean(rng, _int(rng, 5, 8), 1, 30)
        mean = sum(x["data"]) // len(x["data"])
        choices = sorted({v for v in x["data"] if v != mean})
        x["x"] = choices[_int(rng, 0, len(choices) - 1)]
    else:  # sdafter
        x["data"] = _whole_mean(rng, _int(rng, 4, 6), 1, 20)
        x["value"] = _int(rng, 1, 30)
    return x


def _intro(x: dict, n: int) -> str:
    return (COLD_INTRO if x["intro"] < 0 else INTROS[x["intro"]]).format(n=n)


def _rule_text(rule: str) -> str:
    keep = "leave the median out of both halves" if rule == "exclusive" else "include the median in both halves"
    return (f"Use this quartile rule: order the data and split it into a lower half and an upper half; when the "
            f"number of values is odd, {keep}. Q1 is the median of the lower half and Q3 the median of the upper half.")


def _table(values: list[int], counts: list[int], thing: int) -> str:
    what, who = FREQ_THINGS[thing]
    rows = "; ".join(f"{v} -> {c}" for v, c in zip(values, counts))
    return f"A survey of {sum(counts)} {who} recorded the {what} for each. Table ({what} -> number of {who}): {rows}."


def _question(x: dict) -> str:
    kind = x["kind"]
    if "data" in x and kind not in ("missing",):
        head = f"{_intro(x, len(x['data']))}: {_listing(x['data'])}."
    if kind in ("mean", "range", "median", "mode"):
        return f"{head} What is the {kind} of the data?"
    if kind == "weighted":
        parts = "; ".join(f"{name} {score} (weight {w}%)" for name, score, w in x["items"])
        return f"A course grade is a weighted mean of these scores: {parts}. What is the course grade?"
    if kind == "freq":
        return f"{_table(x['values'], x['counts'], x['thing'])} What is the mean {FREQ_THINGS[x['thing']][0]}?"
    if kind == "missing":
        known, n = x["data"][:-1], len(x["data"])
        mean = _dec(Fraction(sum(x["data"]), n))
        return (f"{_intro(x, n)}: {_listing(known)} and one more value that was lost. The mean of all {n} values is "
                f"{mean}. What is the missing value?")
    if kind == "change":
        act = f"a new value {x['value']} is added" if x["op"] == "add" else f"one of the values equal to {x['value']} is removed"
        return f"{head} If {act}, what is the mean of the new data set?"
    if kind == "iqr":
        return f"{head} What is the interquartile range? {_rule_text(x['rule'])}"
    if kind == "variance":
        return f"{head} What is the population variance of the data? {POPULATION}"
    if kind == "freqvar":
        return f"{_table(x['values'], x['counts'], x['thing'])} What is the population variance? {POPULATION}"
    if kind == "sd":
        return f"{head} What is the population standard deviation? {POPULATION} Give it in simplest exact form."
    if kind == "scaled":
        sign = "+" if x["b"] >= 0 else "-"
        return (f"{head} Every value x is replaced by {x['a']}x {sign} {abs(x['b'])}. What is the population standard "
                f"deviation of the new values? {POPULATION} Give it in simplest exact form.")
    if kind == "combined":
        return (f"Class A has {x['n1']} students with a mean score of {x['m1']}; class B has {x['n2']} students with a "
                f"mean score of {x['m2']}. What is the mean score of all {x['n1'] + x['n2']} students together?")
    if kind == "reverse":
        return (f"Class A has {x['n1']} students with a mean score of {x['m1']}. Together with the {x['n2']} students of "
                f"class B the mean score of all {x['n1'] + x['n2']} students is {x['m2']}. What is the mean score of "
                f"class B?")
    if kind == "correct":
        return (f"The mean of {x['n']} measurements is {x['mean']}. Later it turns out that one value was recorded as "
                f"{x['wrong']} instead of {x['right']}. What is the correct mean?")
    if kind == "zscore":
        return (f"{head} What is the z-score of the value {x['x']}? Use the population standard deviation "
                f"(divide by n). Give it in simplest exact form.")
    return (f"{head} A new value {x['value']} joins the data. What is the population standard deviation of all "
            f"{len(x['data']) + 1} values? {POPULATION} Give it in simplest exact form.")


def _solve(x: dict) -> tuple[list[str], Fraction, int]:
    """Steps and the answer ``coef·sqrt(m)`` (``m == 1`` for a rational answer)."""
    kind, data = x["kind"], x.get("data")
    lines: list[str] = []
    if kind == "mean":
        step, total = _sum_lines(data)
        mean = Fraction(total, len(data))
        return step + [f"Divide by the number of values, {len(data)}: {_div(total, len(data))}."], mean, 1
    if kind == "range":
        lo, hi = min(data), max(data)
        return [f"Ordered: {_listing(sorted(data))}.", f"Largest {hi}, smallest {lo}.",
                f"Range = {hi} - {lo} = {hi - lo}."], Fraction(hi - lo), 1
    if kind == "median":
        ordered = sorted(data)
        step, med = _median_lines(ordered)
        return [f"Order the data: {_listing(ordered)}."] + step, med, 1
    if kind == "mode":
        counts = Counter(data)
        tally = ", ".join(f"{v} ({counts[v]}×)" for v in sorted(counts))
        value, times = counts.most_common(1)[0]
        return [f"Tally each value: {tally}.",
                f"{value} occurs {times} times, more often than any other value, so it is the mode."], Fraction(value), 1
    if kind == "weighted":
        parts = [f"{s} × {w}/100 = {_f(Fraction(s * w, 100))}" for _, s, w in x["items"]]
        total = sum(Fraction(s * w, 100) for _, s, w in x["items"])
        lines = [f"The weights add to {' + '.join(str(w) for *_, w in x['items'])} = 100%.",
                 "Multiply each score by its weight: " + "; ".join(parts) + ".",
                 f"Add the weighted scores: {' + '.join(_f(Fraction(s * w, 100)) for _, s, w in x['items'])} "
                 f"= {_fv(total)}."]
        return lines, total, 1
    if kind == "freq":
        vals, cnts = x["values"], x["counts"]
        n = sum(cnts)
        prods = [v * c for v, c in zip(vals, cnts)]
        mean = Fraction(sum(prods), n)
        lines = ["Multiply each value by its frequency: " + "; ".join(f"{v} × {c} = {v * c}" for v, c in zip(vals, cnts)) + ".",
                 f"Sum of the products: {' + '.join(map(str, prods))} = {sum(prods)}.",
                 f"Number of observations: {' + '.join(map(str, cnts))} = {n}.",
                 f"Mean = {_div(sum(prods), n)}."]
        return lines, mean, 1
    if kind == "missing":
        n, known = len(data), data[:-1]
        mean = Fraction(sum(data), n)
        step, partial = _sum_lines(known, "the known values")
        need = mean * n
        return ([f"The total of all {n} values is mean × count = {_dec(mean)} × {n} = {_f(need)}."] + step +
                [f"Missing value = {_f(need)} - {partial} = {_f(need - partial)}."]), need - partial, 1
    if kind == "change":
        step, total = _sum_lines(data)
        if x["op"] == "add":
            new_total, n = total + x["value"], len(data) + 1
            lines = step + [f"Adding {x['value']}: new sum {total} + {x['value']} = {new_total}, new count {n}."]
        else:
            new_total, n = total - x["value"], len(data) - 1
            lines = step + [f"Removing {x['value']}: new sum {total} - {x['value']} = {new_total}, new count {n}."]
        mean = Fraction(new_total, n)
        return lines + [f"New mean = {_div(new_total, n)}."], mean, 1
    if kind == "iqr":
        ordered, n = sorted(data), len(data)
        half = n // 2
        if n % 2 and x["rule"] == "inclusive":
            lower, upper, how = ordered[: half + 1], ordered[half:], "the median is included in both halves"
        else:
            lower, upper = ordered[:half], ordered[n - half:]
            how = "the median is left out of both halves" if n % 2 else "the halves split evenly"
        l1, q1 = _median_lines(lower, "the lower half")
        l3, q3 = _median_lines(upper, "the upper half")
        lines = [f"Order the data: {_listing(ordered)}.",
                 f"There are {n} values; {how}: lower half {_listing(lower)}, upper half {_listing(upper)}."]
        lines += l1 + [f"So Q1 = {_f(q1)}."] + l3 + [f"So Q3 = {_f(q3)}."]
        return lines + [f"IQR = Q3 - Q1 = {_f(q3)} - {_f(q1)} = {_fv(q3 - q1)}."], q3 - q1, 1
    if kind in ("variance", "freqvar"):
        lines, var = _variance_lines(data) if kind == "variance" else _variance_lines(x["values"], x["counts"])
        return lines, var, 1
    if kind == "sd":
        lines, var = _variance_lines(data)
        root, coef, m = _sqrt_lines(var, "σ")
        return lines + ["The standard deviation is the square root of the variance."] + root, coef, m
    if kind == "scaled":
        lines, var = _variance_lines(data)
        root, coef, m = _sqrt_lines(var, "σ")
        a = x["a"]
        lines += ["Standard deviation of the original data: σ = sqrt(σ^2)."] + root
        lines.append(f"Adding {x['b']} shifts every value and the mean alike, so spread is unchanged; multiplying by "
                     f"{a} multiplies every deviation by {a}, so the SD is multiplied by |{a}| = {abs(a)}.")
        new = coef * abs(a)
        return lines + [f"New SD = {abs(a)} × σ = {abs(a)} × {_rad(coef, m)} = {_rad(new, m)}."], new, m
    if kind in ("combined", "reverse"):
        n1, n2, m1, m2 = x["n1"], x["n2"], Fraction(x["m1"]), Fraction(x["m2"])
        t1 = n1 * m1
        lines.append(f"Total of class A: {n1} × {x['m1']} = {_frac_dec(t1)}.")
        if kind == "combined":
            t2 = n2 * m2
            mean = (t1 + t2) / (n1 + n2)
            lines += [f"Total of class B: {n2} × {x['m2']} = {_frac_dec(t2)}.",
                      f"All students: {_frac_dec(t1)} + {_frac_dec(t2)} = {_frac_dec(t1 + t2)} over {n1} + {n2} = {n1 + n2} students.",
                      f"Combined mean = {_div(t1 + t2, n1 + n2)}."]
            return lines, mean, 1
        total = (n1 + n2) * m2
        mean = (total - t1) / n2
        lines += [f"Total of everyone: {n1 + n2} × {x['m2']} = {_frac_dec(total)}.",
                  f"Total of class B: {_frac_dec(total)} - {_frac_dec(t1)} = {_frac_dec(total - t1)}.",
                  f"Mean of class B = {_div(total - t1, n2)}."]
        return lines, mean, 1
    if kind == "correct":
        n, mean = x["n"], Fraction(x["mean"])
        total = n * mean
        new = total - x["wrong"] + x["right"]
        return [f"Recorded total: {n} × {x['mean']} = {_frac_dec(total)}.",
                f"Correct the total: {_frac_dec(total)} - {x['wrong']} + {x['right']} = {_frac_dec(new)}.",
                f"The count is still {n}, so the correct mean is {_div(new, n)}."], new / n, 1
    if kind == "zscore":
        lines, var = _variance_lines(data)
        root, coef, m = _sqrt_lines(var, "σ")
        mean = sum(data) // len(data)
        lines += ["The standard deviation is the square root of the variance."] + root
        dev = x["x"] - mean
        z, zm = _z_form(dev, coef, m)
        line = f"z = (x - μ)/σ = ({x['x']} - {mean})/({_rad(coef, m)}) = {dev}/({_rad(coef, m)})"
        if m > 1:
            over = Fraction(dev) / coef
            line += (f" = {_f(over)}/sqrt({m}); multiply top and bottom by sqrt({m}): "
                     f"{_f(over)}·sqrt({m})/{m}" + ("." if z.denominator == m * over.denominator else f" = {_rad(z, m)}."))
        else:
            line += f" = {_f(z)}."
        lines.append(line)
        return lines, z, zm
    values = data + [x["value"]]
    lines, var = _shortcut_lines(values)
    lines.insert(0, f"The new data set has {len(values)} values: {_listing(values)}.")
    root, coef, m = _sqrt_lines(var, "σ")
    return lines + ["The standard deviation is the square root of the variance."] + root, coef, m


def _latex(coef: Fraction, m: int) -> str:
    """``\\frac{2\\sqrt{6}}{3}``, ``-\\frac{37}{4}``, ``5``: the canonical boxed rendering."""
    if coef == 0:
        return "0"
    sign = "-" if coef < 0 else ""
    a, q = abs(coef.numerator), coef.denominator
    top = str(a) if m == 1 else f"{'' if a == 1 else a}\\sqrt{{{m}}}"
    return sign + (top if q == 1 else f"\\frac{{{top}}}{{{q}}}")


def _expr(coef: Fraction, m: int) -> sympy.Expr:
    return sympy.Rational(coef.numerator, coef.denominator) * sympy.sqrt(m)


# --------------------------------------------------------------------------- exposition
_TEMPLATES = [
    "Definition. The mean of a data set is the sum of the values divided by how many there are. For {d5} the sum "
    "is {s5} and there are 5 values, so the mean is {s5}/5 = {m5}.",
    "The median is the middle value once the data are in order. Ordered, {d5} reads {o5}; with 5 values the middle "
    "one is the 3rd, so the median is {med5}.",
    "With an even number of values there are two middle values and the median is their average. The ordered data "
    "{o6} have middle values {a6} and {b6}, so the median is ({a6} + {b6})/2 = {med6}.",
    "Common mistake: taking the middle entry of the data as written. In {d5} the third entry is {raw3}, but the "
    "median is the middle of the ORDERED list {o5}, which is {med5}.",
    "The mode is the value that occurs most often. In {modeset} the value {mode} appears {mtimes} times, more than "
    "any other, so the mode is {mode}. A data set can have no mode or several; a question asking for 'the' mode "
    "needs one value to win outright.",
    "The range measures spread crudely: largest minus smallest. For {d6} it is {hi6} - {lo6} = {rng6}. One extreme "
    "value changes it completely, which is why the interquartile range is often preferred.",
    "Quartiles need a declared rule because textbooks differ. One common rule: order the data, split it into lower "
    "and upper halves, leaving the median out when the count is odd; Q1 and Q3 are the medians of the halves. For "
    "{o7} this gives Q1 = {q1x}, Q3 = {q3x} and IQR = {iqrx}.",
    "Another quartile rule includes the median in both halves when the count is odd. For {o7} it gives Q1 = {q1i} "
    "and Q3 = {q3i}, so the IQR is {iqri} instead of {iqrx}. Always use the rule the question states.",
    "A weighted mean multiplies each value by its weight, adds, and divides by the total weight. Scores {w1} "
    "(weight {p1}%), {w2} ({p2}%) and {w3} ({p3}%) give {w1}×{p1}/100 + {w2}×{p2}/100 + {w3}×{p3}/100 = {wm}.",
    "Common mistake with weights: averaging the scores as if they counted equally. Scores {w1}, {w2}, {w3} have "
    "plain mean {plain}, but with weights {p1}%, {p2}%, {p3}% the weighted mean is {wm}.",
    "A frequency table lists each value with how often it occurs. The mean is Σ(value × frequency) / Σ(frequency). "
    "Values {fv} with frequencies {fc} give {fsum}/{fn} = {fmean}.",
    "Common mistake with a frequency table: dividing by the number of rows instead of the number of observations. "
    "The table with values {fv} and frequencies {fc} has {fn} observations, not {frows}; its mean is {fmean}.",
    "A missing value can be recovered from the mean, because mean × count = total. If {n8} values have mean {mm} "
    "the total is {tot8}; if the known values add to {known8}, the missing one is {tot8} - {known8} = {miss8}.",
    "Adding a value above the mean raises the mean, a value below it lowers it. The data {d5} have mean {m5}; adding "
    "{add} gives ({s5} + {add})/6 = {newm}.",
    "Population variance is the mean of the squared deviations from the mean: σ^2 = Σ(x - μ)^2 / n. For {vd} the "
    "mean is {vm}, the squared deviations add to {vss}, and σ^2 = {vss}/{vn} = {vvar}.",
    "Common mistake: dividing by n - 1. That gives the sample variance, an estimate used when the data are a sample "
    "from a larger population. For {vd} the population variance is {vvar}, while dividing by {vn1} gives {vsvar}.",
    "The standard deviation is the square root of the variance, in the same units as the data. For {vd} it is "
    "sqrt({vvar}) = {vsd} in simplest radical form.",
    "Simplest radical form: sqrt(p/q) = sqrt(p·q)/q, then move square factors outside. For example sqrt({rp}/{rq}) "
    "= sqrt({rpq})/{rq} = {rsd}.",
    "The shortcut formula σ^2 = (mean of the squares) - (mean)^2 avoids fractional deviations. For {vd}: the mean "
    "of the squares is {msq} and μ^2 = {vm2}, so σ^2 = {msq} - {vm2} = {vvar}.",
    "Combining groups: the overall mean weights each group mean by its size. {gn1} students averaging {gm1} and {gn2} "
    "averaging {gm2} have overall mean ({gn1}×{gm1} + {gn2}×{gm2})/{gnn} = {gcomb}, not the plain average {gplain}.",
    "A z-score tells how many standard deviations a value lies from the mean: z = (x - μ)/σ. With μ = {zm} and σ = "
    "{zs}, the value {zx} has z = ({zx} - {zm})/({zs}) = {zz}. Negative z-scores lie below the mean.",
    "Shifting every value by a constant moves the mean by that constant and leaves the standard deviation alone; "
    "multiplying every value by k multiplies both the mean and the standard deviation (by |k| for the SD). Data "
    "with SD {vsd} become data with SD {ksd} after x -> {kk}x + 7.",
    "Mean versus median: one extreme value pulls the mean but hardly moves the median. Adding {big} to {d5} moves "
    "the mean from {m5} to {bigm} but the median only from {med5} to {bigmed}.",
    "Correcting a recorded value: fix the total, keep the count. If {n8} values have mean {mm} and a value {wr} "
    "should have been {rt}, the total changes by {delta} and the mean becomes {fixm}.",
]


def _frac_dec(q: Fraction) -> str:
    return _dec(q) if _terminates(q) else _f(q)


@functools.lru_cache(maxsize=1)
def _passages() -> tuple[str, ...]:
    rng = np.random.default_rng(2718)
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < 180:
        d5, d6, d7 = _values(rng, 5, 1, 40), _values(rng, 6, 1, 60), _values(rng, 9, 1, 50)
        o5, o6, o7 = sorted(d5), sorted(d6), sorted(d7)
        s5 = sum(d5)
        mode = _int(rng, 1, 9)
        pool = _values(rng, 4, 10, 20) + [mode] * 3
        modeset = [pool[int(i)] for i in rng.permutation(len(pool))]
        w = _values(rng, 3, 50, 100)
        p = [20, 30, 50] if rng.random() < 0.5 else [25, 25, 50]
        fv = sorted(int(v) for v in rng.choice(8, size=4, replace=False))
        fc = _values(rng, 4, 1, 9)
        vd = _whole_mean(rng, 5, 1, 20)
        vm = sum(vd) // 5
        vss = sum((v - vm) ** 2 for v in vd)
        _, coef, m = _sqrt_lines(Fraction(vss, 5), "σ")
        rp, rq = _int(rng, 2, 40), _int(rng, 2, 9)
        while math.gcd(rp, rq) != 1:
            rp += 1
        _, rc, rm = _sqrt_lines(Fraction(rp, rq), "s")
        gn1, gn2, gm1, gm2 = _int(rng, 5, 30), _int(rng, 5, 30), _int(rng, 55, 90), _int(rng, 55, 90)
        zx = _int(rng, 1, 30)
        kk = _int(rng, 2, 5)
        n8, known8 = _int(rng, 5, 9), 0
        mm = _int(rng, 30, 70)
        known8 = mm * (n8 - 1) + _int(rng, -15, 15)
        add, big, wr, rt = _int(rng, 1, 60), _int(rng, 150, 400), _int(rng, 10, 99), _int(rng, 10, 99)
        l7 = o7[:4], o7[5:]
        li = o7[:5], o7[4:]
        q1x, q3x = Fraction(l7[0][1] + l7[0][2], 2), Fraction(l7[1][1] + l7[1][2], 2)
        q1i, q3i = Fraction(li[0][2]), Fraction(li[1][2])
        values = {
            "d5": _listing(d5), "o5": _listing(o5), "s5": s5, "m5": _frac_dec(Fraction(s5, 5)), "med5": o5[2],
            "raw3": d5[2], "o6": _listing(o6), "a6": o6[2], "b6": o6[3], "med6": _frac_dec(Fraction(o6[2] + o6[3], 2)),
            "modeset": _listing(modeset), "mode": mode, "mtimes": Counter(modeset)[mode], "d6": _listing(d6),
            "hi6": o6[-1], "lo6": o6[0], "rng6": o6[-1] - o6[0], "o7": _listing(o7),
            "q1x": _frac_dec(q1x), "q3x": _frac_dec(q3x), "iqrx": _frac_dec(q3x - q1x),
            "q1i": _f(q1i), "q3i": _f(q3i), "iqri": _f(q3i - q1i),
            "w1": w[0], "w2": w[1], "w3": w[2], "p1": p[0], "p2": p[1], "p3": p[2],
            "wm": _frac_dec(Fraction(sum(a * b for a, b in zip(w, p)), 100)), "plain": _frac_dec(Fraction(sum(w), 3)),
            "fv": _listing(fv), "fc": _listing(fc), "fsum": sum(a * b for a, b in zip(fv, fc)), "fn": sum(fc),
            "frows": 4, "fmean": _frac_dec(Fraction(sum(a * b for a, b in zip(fv, fc)), sum(fc))),
            "n8": n8, "mm": mm, "tot8": mm * n8, "known8": known8, "miss8": mm * n8 - known8,
            "add": add, "newm": _frac_dec(Fraction(s5 + add, 6)),
            "vd": _listing(vd), "vm": vm, "vss": vss, "vn": 5, "vn1": 4, "vvar": _frac_dec(Fraction(vss, 5)),
            "vsvar": _frac_dec(Fraction(vss, 4)), "vsd": _rad(coef, m), "ksd": _rad(coef * kk, m), "kk": kk,
            "rp": rp, "rq": rq, "rpq": rp * rq, "rsd": _rad(rc, rm),
            "msq": _frac_dec(Fraction(sum(v * v for v in vd), 5)), "vm2": vm * vm,
            "gn1": gn1, "gn2": gn2, "gm1": gm1, "gm2": gm2, "gnn": gn1 + gn2,
            "gcomb": _frac_dec(Fraction(gn1 * gm1 + gn2 * gm2, gn1 + gn2)), "gplain": _frac_dec(Fraction(gm1 + gm2, 2)),
            "zm": vm, "zs": _rad(coef, m), "zx": zx,
            "zz": _rad(*_z_form(zx - vm, coef, m)), "big": big, "bigm": _frac_dec(Fraction(s5 + big, 6)),
            "bigmed": _frac_dec(Fraction(o5[2] + o5[3], 2)), "wr": wr, "rt": rt, "delta": rt - wr,
            "fixm": _frac_dec(Fraction(mm * n8 - wr + rt, n8)),
        }
        pick = int(rng.integers(0, len(_TEMPLATES)))
        if (pick == 3 and d5[2] == o5[2]) or (pick in (9, 19) and values["wm" if pick == 9 else "gcomb"] == values[
                "plain" if pick == 9 else "gplain"]):
            continue  # the "common mistake" would give the right answer here
        text = _TEMPLATES[pick].format(**values)
        if text not in seen:
            seen.add(text)
            out.append(text)
    return tuple(out)


def _z_form(dev: int, coef: Fraction, m: int) -> tuple[Fraction, int]:
    """``dev / (coef·sqrt(m))`` as ``c·sqrt(m)``."""
    if dev == 0:
        return Fraction(0), 1
    return (Fraction(dev) / coef / m, m) if m > 1 else (Fraction(dev) / coef, 1)


# --------------------------------------------------------------------------- verification
def _parse(span: str) -> sympy.Expr:
    """An exact real number built from integers, decimals, fractions, powers and roots."""
    expr = parse_expression(span)
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, sympy.Rational | sympy.Add | sympy.Mul):
            continue
        if isinstance(node, sympy.Pow) and node.exp.is_Rational:
            continue
        raise ParseError(f"expected an exact number (fractions, decimals, roots), got {str(node)[:40]!r}")
    return expr


def _is_zero(expr: sympy.Expr) -> bool:
    """Exact test, run in the sandbox: an algebraic number is 0 iff its minimal polynomial is t."""
    t = sympy.Symbol("t")
    return sympy.minimal_polynomial(expr, t) == t


def _equal(value: sympy.Expr, gold: sympy.Expr) -> bool:
    if value == gold:
        return True
    if value.is_Rational:  # gold is rational (then == decided it) or q·sqrt(m), irrational
        return False
    a, b = value.evalf(50), gold.evalf(50)
    if not (a.is_real and a.is_Number) or abs(a - b) > sympy.Float(10) ** -35 * max(1, abs(b)):
        return False
    from textbook_gym.verifiers.sandbox import default_pool

    outcome = default_pool().call(_is_zero, value - gold, deadline=2.0)
    if not outcome.ok:
        raise VerificationTimeout(f"exact comparison undecided in the sandbox ({outcome.error[:80]})")
    return bool(outcome.value)


# --------------------------------------------------------------------------- the family
@register_family
class Statistics(Family):
    name = "Statistics"
    version = 0
    answer_type = "exact real (sympy: rational or q*sqrt(m))"
    subject = "combinatorics"
    space_sizes = {  # (count, exact) per level; see "Problem-space sizes" in the module docstring
        1: (1_500_000, False), 2: (4_500_000, False), 3: (4_500_000, False), 4: (4_500_000, False),
        5: (4_500_000, False), 6: (4_500_000, False), 7: (260_000, False), 8: (4_500_000, False),
        9: (4_500_000, False), 10: (4_500_000, False),
    }
    instruction = INSTRUCTION

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem:
        difficulty = check_difficulty(difficulty)
        data = _draw(rng, difficulty)
        _, coef, m = _solve(data)
        return Problem(_question(data), _expr(coef, m), self.name, self.version, difficulty, metadata=data)

    def worked_solution(self, problem: Problem) -> str:
        lines, coef, m = _solve(problem.metadata)
        return "\n".join(lines + [f"The answer is \\boxed{{{_latex(coef, m)}}}."])

    def exposition(self) -> list[str]:
        return list(_passages())

    def verify(self, problem: Problem, response: str) -> Verdict:
        """Exact value; any exact rendering is accepted, rounded decimals are not.

        >>> import sympy
        >>> fam = Statistics()
        >>> p = Problem("SD?", 2 * sympy.sqrt(6) / 3, "Statistics")
        >>> fam.verify(p, "\\\\boxed{\\\\frac{2\\\\sqrt{6}}{3}}").status.value
        'CORRECT'
        >>> fam.verify(p, "\\\\boxed{\\\\sqrt{8/3}}").status.value
        'CORRECT'
        >>> fam.verify(p, "\\\\boxed{1.633}").status.value
        'INCORRECT'
        >>> fam.verify(Problem("Mean?", sympy.Rational(37, 4), "Statistics"), "\\\\boxed{9.25}").status.value
        'CORRECT'
        """
        return check_answer(response, problem.answer, _parse, equal=_equal)
