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

**Version history.** v0: first release. A later fix, still v0: a mean such as 44763/640
(7 decimal places) made generation raise; it is now written as a fraction. Every seed that
generated a problem before gives the same bytes (problem, worked solution, exposition). v1: level 9's "mean score
of class B" is drawn so that class B's mean lies from 0 to 100; v0 asked for a mean below 0 or above 100 (one
answer was -38) in 24% of those questions (4,748 of 20,000 draws).
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from fractions import Fraction
from typing import NamedTuple

import numpy as np
import sympy

from textbook_gym.envs._kit import Family, Problem, Verdict, register_family
from textbook_gym.envs._kit.draw import choice, integer
from textbook_gym.envs._kit.formats import decimal_text, fraction_text
from textbook_gym.envs._kit.integers import prime_powers
from textbook_gym.envs._kit.kinds import Kind
from textbook_gym.envs._kit.passages import exposition_from
from textbook_gym.envs._kit.tables import listing
from textbook_gym.envs._kit.texts import exposition_texts
from textbook_gym.verifiers import check_answer
from textbook_gym.verifiers.errors import ParseError, VerificationTimeout
from textbook_gym.verifiers.symbolic import parse_expression

INSTRUCTION = (
    "Give the exact value as \\boxed{ANSWER}: a whole number, a fraction such as \\boxed{\\frac{37}{4}} or an "
    "exact decimal such as \\boxed{9.25}, or a radical such as \\boxed{\\frac{2\\sqrt{6}}{3}}. Rounded decimals are "
    "not accepted. A final line 'Answer: ANSWER' is also accepted."
)
POPULATION = "Use the population formula (divide by n, the number of values)."
EXACT_FORM = "Give it in simplest exact form."
SD_IS_ROOT = "The standard deviation is the square root of the variance."
INTROS = [
    "The numbers of emails received on {n} days were", "A teacher recorded the quiz scores of {n} students",
    "The numbers of goals scored in {n} matches were", "A runner logged the minutes run on {n} days",
    "The heights (in cm) of {n} seedlings were", "A shop counted the customers in each of {n} hours",
    "The numbers of pages read by {n} students last week were", "A data set has {n} values",
    "The ages of {n} people at a meeting were", "The numbers of books borrowed on {n} days were",
]
COLD_INTRO = "The midday temperatures (in °C) on {n} winter days were"
COMPONENTS = ["homework", "quizzes", "labs", "the midterm", "the project", "the final exam", "participation"]
FREQ_THINGS = [("number of siblings", "students"), ("number of goals scored", "matches"),
               ("number of pets", "households"), ("number of cars", "households"), ("number of errors", "pages")]


# --------------------------------------------------------------------------- exact numbers as text
class Radical(NamedTuple):
    """An exact answer ``coef·sqrt(root)`` with ``root`` square-free (``root == 1``: a rational)."""

    coef: Fraction
    root: int = 1

    def text(self) -> str:
        """Plain text for the steps: ``2·sqrt(17)``, ``sqrt(2290)/5``, ``-3·sqrt(2)/4``, ``-37/4``."""
        return self._written(f"sqrt({self.root})", "·", "{}/{}")

    def latex(self) -> str:
        """The canonical boxed rendering: ``\\frac{2\\sqrt{6}}{3}``, ``-\\frac{37}{4}``, ``5``."""
        return self._written(f"\\sqrt{{{self.root}}}", "", "\\frac{{{}}}{{{}}}")

    def _written(self, root: str, times: str, fraction: str) -> str:
        """Sign, then the numerator (times the ``root`` text unless the root is 1) over the denominator."""
        if self.coef == 0:
            return "0"
        whole, denominator = abs(self.coef.numerator), self.coef.denominator
        top = str(whole) if self.root == 1 else root if whole == 1 else f"{whole}{times}{root}"
        return ("-" if self.coef < 0 else "") + (top if denominator == 1 else fraction.format(top, denominator))

    def expr(self) -> sympy.Expr:
        return sympy.Rational(self.coef.numerator, self.coef.denominator) * sympy.sqrt(self.root)


def _terminates(value: Fraction) -> bool:
    """Whether ``value`` has a decimal of at most 6 places, the only decimals the steps write.

    A combined mean over 64 students has denominator 640 = 2^7·5 (7 places); it is
    written as a fraction.
    """
    return 10**6 % Fraction(value).denominator == 0


def _exact(value: Fraction | int) -> str:
    """The short decimal when there is one, else the fraction: ``9.25``, ``197/27``."""
    return decimal_text(value) if _terminates(value) else fraction_text(value)


def _with_decimal(value: Fraction) -> str:
    """A rational with its decimal value when that is short: ``37/4 = 9.25``."""
    value = Fraction(value)
    if value.denominator == 1 or not _terminates(value):
        return fraction_text(value)
    return f"{fraction_text(value)} = {decimal_text(value)}"


def _divided(total: Fraction | int, count: int) -> str:
    """``133/7 = 19``, ``30/4 = 15/2 = 7.5``, ``197/27``: a division written out and reduced."""
    total = Fraction(total)
    quotient = total / count
    text = f"{decimal_text(total)}/{count}" if _terminates(total) else f"({fraction_text(total)})/{count}"
    if total.denominator == 1 and quotient.denominator == count:
        return text if count == 1 or not _terminates(quotient) else f"{text} = {decimal_text(quotient)}"
    return f"{text} = {_with_decimal(quotient)}"


# --------------------------------------------------------------------------- steps shared by the kinds
def _sum_lines(values: list[int], what: str = "the values") -> tuple[list[str], int]:
    """Add the values one at a time, writing each partial sum."""
    total, steps = values[0], []
    for value in values[1:]:
        steps.append(f"{total} + {value if value >= 0 else f'({value})'} = {total + value}")
        total += value
    if not steps:
        return [f"The sum of {what} is {total}."], total
    return [f"Add {what} one at a time: " + "; ".join(steps) + f". The sum is {total}."], total


def _median_lines(ordered: list[int], label: str = "the data") -> tuple[list[str], Fraction]:
    count, label = len(ordered), label.capitalize()
    if count % 2:
        middle = (count + 1) // 2
        return [f"{label} has {count} values (odd), so the median is value number ({count} + 1)/2 = {middle}: "
                f"{ordered[middle - 1]}."], Fraction(ordered[middle - 1])
    middle = count // 2
    low, high = ordered[middle - 1], ordered[middle]
    median = Fraction(low + high, 2)
    return [f"{label} has {count} values (even), so the median is the average of values number {middle} and "
            f"{middle + 1}: ({low} + {high})/2 = {_with_decimal(median)}."], median


def _sqrt_lines(value: Fraction, name: str) -> tuple[list[str], Radical]:
    """Write ``sqrt(value)`` in simplest radical form ``coef·sqrt(root)``, step by step."""
    top, bottom = value.numerator, value.denominator
    lines = []
    if bottom > 1:
        lines.append(f"{name} = sqrt({top}/{bottom}) = sqrt({top} × {bottom})/{bottom} = sqrt({top * bottom})/{bottom} "
                     f"(multiply inside and outside by {bottom} to clear the root from the denominator).")
    radicand = top * bottom
    outside = math.prod(prime ** (exponent // 2) for prime, exponent in prime_powers(radicand))
    root = radicand // outside**2
    result = Radical(Fraction(outside, bottom), root)
    if root == 1:
        lines.append(f"{radicand} = {outside}^2 is a perfect square, so {name} = " +
                     (f"{outside}/{bottom} = {result.text()}." if bottom > 1 else f"{outside}."))
    elif outside > 1 and bottom > 1:
        lines.append(f"{radicand} = {outside}^2 × {root}, so sqrt({radicand}) = {outside}·sqrt({root}) and {name} = "
                     f"{outside}·sqrt({root})/{bottom}" +
                     ("." if result.coef.denominator == bottom else f" = {result.text()}."))
    elif outside > 1:
        lines.append(f"{radicand} = {outside}^2 × {root}, so {name} = {outside}·sqrt({root}).")
    else:
        lines.append(f"{radicand} has no square factor above 1, so {name} = {result.text()} is already simplest.")
    return lines, result


def _variance_lines(values: list[int], counts: list[int] | None = None) -> tuple[list[str], Fraction]:
    """Population variance with an integer mean: deviations, squares, their (weighted) sum, divide by n."""
    counts = counts or [1] * len(values)
    count = sum(counts)
    total = sum(value * times for value, times in zip(values, counts))
    mean = Fraction(total, count)
    parts, squares = [], 0
    for value, times in zip(values, counts):
        deviation = value - mean
        square = deviation * deviation
        parts.append(f"{value}: {value} - {fraction_text(mean)} = {fraction_text(deviation)}, squared "
                     f"{fraction_text(square)}" + (f", times {times} = {fraction_text(times * square)}" if times > 1 else ""))
        squares += times * square
    return [f"Mean: μ = {_divided(total, count)}.",
            "Deviations from the mean and their squares: " + "; ".join(parts) + ".",
            f"Sum of squared deviations: {fraction_text(squares)}.",
            f"Population variance: σ^2 = {_divided(squares, count)}."], Fraction(squares) / count


def _shortcut_lines(values: list[int]) -> tuple[list[str], Fraction]:
    """Population variance by σ² = (mean of the squares) - (mean)², for a fractional mean."""
    count, total, squares = len(values), sum(values), sum(value * value for value in values)
    mean, mean_square = Fraction(total, count), Fraction(squares, count)
    return [f"Sum: {' + '.join(str(value) for value in values)} = {total}, so μ = {_divided(total, count)}.",
            f"Sum of squares: {' + '.join(f'{value}^2' for value in values)} = {squares}.",
            f"Shortcut formula: σ^2 = {squares}/{count} - ({fraction_text(mean)})^2 = {fraction_text(mean_square)} - "
            f"{fraction_text(mean * mean)} = {fraction_text(mean_square - mean * mean)}."], mean_square - mean * mean


def _sd_lines(variance_lines: list[str], variance: Fraction, bridge: str = SD_IS_ROOT) -> tuple[list[str], Radical]:
    """The variance's steps, a bridging sentence, then its square root in simplest radical form."""
    root_lines, sd = _sqrt_lines(variance, "σ")
    return variance_lines + [bridge] + root_lines, sd


def _z_form(deviation: int, sd: Radical) -> Radical:
    """``deviation / sd`` with the root moved to the numerator: d/(q·sqrt(m)) = (d/(q·m))·sqrt(m)."""
    return Radical(Fraction(deviation) / sd.coef / sd.root, sd.root)


# --------------------------------------------------------------------------- drawing data
def _values(rng: np.random.Generator, count: int, lo: int, hi: int) -> list[int]:
    return [integer(rng, lo, hi) for _ in range(count)]


def _data(rng: np.random.Generator, sizes: tuple[int, int], lo: int, hi: int, accept=lambda values: True) -> list[int]:
    """A data set whose size is drawn from ``sizes``; size and values are redrawn until ``accept`` holds."""
    while True:
        values = _values(rng, integer(rng, *sizes), lo, hi)
        if accept(values):
            return values


def _whole_mean(rng: np.random.Generator, count: int, lo: int, hi: int) -> list[int]:
    """Values with a whole-number mean, not all equal."""
    while True:
        values = _values(rng, count, lo, hi)
        if sum(values) % count == 0 and len(set(values)) > 1:
            return values


def _listed(sizes: tuple[int, int], lo: int, hi: int, accept=lambda values: True):
    """The draw of a kind asked about one data set: ``{"data": _data(...)}``."""
    return lambda rng: {"data": _data(rng, sizes, lo, hi, accept)}


def _whole(sizes: tuple[int, int], lo: int, hi: int):
    """The draw of a kind whose data set has a whole-number mean."""
    return lambda rng: {"data": _whole_mean(rng, integer(rng, *sizes), lo, hi)}


def _one_mode(values: list[int]) -> bool:
    """Whether one value occurs more often than every other, and at least twice."""
    top = Counter(values).most_common()
    return top[0][1] >= 2 and (len(top) == 1 or top[1][1] < top[0][1])


def _draw_weighted(rng: np.random.Generator) -> dict:
    count = integer(rng, 3, 4)
    while True:
        weights = [5 * integer(rng, 2, 10) for _ in range(count)]
        if sum(weights) == 100:
            break
    names = [COMPONENTS[int(i)] for i in rng.choice(len(COMPONENTS), size=count, replace=False)]
    return {"items": [[name, integer(rng, 45, 100), weight] for name, weight in zip(names, weights)]}


def _draw_table(rng: np.random.Generator, sizes: tuple[int, int], span: int, most: int, whole_mean: bool) -> dict:
    """A frequency table: distinct values below ``span``, counts 1..``most`` (redrawn until the mean is whole)."""
    while True:
        count = integer(rng, *sizes)
        values = sorted(int(v) for v in rng.choice(span, size=count, replace=False))
        counts = _values(rng, count, 1, most)
        if not whole_mean or sum(value * times for value, times in zip(values, counts)) % sum(counts) == 0:
            return {"values": values, "counts": counts, "thing": integer(rng, 0, len(FREQ_THINGS) - 1)}


def _draw_change(rng: np.random.Generator) -> dict:
    data = _values(rng, integer(rng, 5, 9), 10, 90)
    operation = "add" if rng.random() < 0.5 else "remove"
    return {"data": data, "op": operation, "value": integer(rng, 5, 99) if operation == "add" else choice(rng, data)}


def _tenths(rng: np.random.Generator, lo: int, hi: int) -> str:
    """A mean score with one decimal: ``integer(rng, lo, hi) / 10`` as a decimal."""
    return decimal_text(Fraction(integer(rng, lo, hi), 10))


def _draw_correction(rng: np.random.Generator) -> dict:
    drawn = {"n": integer(rng, 8, 30), "mean": _tenths(rng, 400, 900),
             "wrong": integer(rng, 10, 99), "right": integer(rng, 10, 99)}
    while drawn["right"] == drawn["wrong"]:
        drawn["right"] = integer(rng, 10, 99)
    return drawn


def _draw_zscore(rng: np.random.Generator) -> dict:
    data = _whole_mean(rng, integer(rng, 5, 8), 1, 30)
    mean = sum(data) // len(data)
    return {"data": data, "x": choice(rng, sorted({value for value in data if value != mean}))}


# --------------------------------------------------------------------------- questions
def _head(params: dict) -> str:
    """The data set with its story: ``The ages of 5 people at a meeting were: 31, 28, 40, 35, 31.``"""
    return f"{_intro(params)}: {listing(params['data'])}."


def _intro(params: dict) -> str:
    return (COLD_INTRO if params["intro"] < 0 else INTROS[params["intro"]]).format(n=len(params["data"]))


def _table(params: dict) -> str:
    what, who = FREQ_THINGS[params["thing"]]
    rows = "; ".join(f"{value} -> {times}" for value, times in zip(params["values"], params["counts"]))
    return f"A survey of {sum(params['counts'])} {who} recorded the {what} for each. Table ({what} -> number of {who}): {rows}."


def _ask_weighted(params: dict) -> str:
    parts = "; ".join(f"{name} {score} (weight {weight}%)" for name, score, weight in params["items"])
    return f"A course grade is a weighted mean of these scores: {parts}. What is the course grade?"


def _ask_missing(params: dict) -> str:
    data = params["data"]
    return (f"{_intro(params)}: {listing(data[:-1])} and one more value that was lost. The mean of all "
            f"{len(data)} values is {decimal_text(Fraction(sum(data), len(data)))}. What is the missing value?")


def _ask_change(params: dict) -> str:
    value = params["value"]
    act = f"a new value {value} is added" if params["op"] == "add" else f"one of the values equal to {value} is removed"
    return f"{_head(params)} If {act}, what is the mean of the new data set?"


def _ask_iqr(params: dict) -> str:
    keep = "leave the median out of both halves" if params["rule"] == "exclusive" else "include the median in both halves"
    return (f"{_head(params)} What is the interquartile range? Use this quartile rule: order the data and split it "
            f"into a lower half and an upper half; when the number of values is odd, {keep}. Q1 is the median of the "
            "lower half and Q3 the median of the upper half.")


# --------------------------------------------------------------------------- solutions
Solved = tuple[list[str], Fraction | Radical]
"""The worked lines and the answer: a rational, or a :class:`Radical` for standard deviations and z-scores."""


def _solve_mean(params: dict) -> Solved:
    data = params["data"]
    lines, total = _sum_lines(data)
    return lines + [f"Divide by the number of values, {len(data)}: {_divided(total, len(data))}."], Fraction(
        total, len(data))


def _solve_range(params: dict) -> Solved:
    data = params["data"]
    low, high = min(data), max(data)
    return [f"Ordered: {listing(sorted(data))}.", f"Largest {high}, smallest {low}.",
            f"Range = {high} - {low} = {high - low}."], Fraction(high - low)


def _solve_median(params: dict) -> Solved:
    ordered = sorted(params["data"])
    lines, median = _median_lines(ordered)
    return [f"Order the data: {listing(ordered)}."] + lines, median


def _solve_mode(params: dict) -> Solved:
    counts = Counter(params["data"])
    tally = ", ".join(f"{value} ({counts[value]}×)" for value in sorted(counts))
    value, times = counts.most_common(1)[0]
    return [f"Tally each value: {tally}.",
            f"{value} occurs {times} times, more often than any other value, so it is the mode."], Fraction(value)


def _solve_weighted(params: dict) -> Solved:
    shares = [Fraction(score * weight, 100) for _, score, weight in params["items"]]
    products = [f"{score} × {weight}/100 = {fraction_text(share)}"
                for (_, score, weight), share in zip(params["items"], shares)]
    return [f"The weights add to {' + '.join(str(weight) for *_, weight in params['items'])} = 100%.",
            "Multiply each score by its weight: " + "; ".join(products) + ".",
            f"Add the weighted scores: {' + '.join(fraction_text(share) for share in shares)} "
            f"= {_with_decimal(sum(shares))}."], sum(shares)


def _solve_table_mean(params: dict) -> Solved:
    values, counts = params["values"], params["counts"]
    products = [value * times for value, times in zip(values, counts)]
    total, count = sum(products), sum(counts)
    return ["Multiply each value by its frequency: " + "; ".join(
                f"{value} × {times} = {value * times}" for value, times in zip(values, counts)) + ".",
            f"Sum of the products: {' + '.join(map(str, products))} = {total}.",
            f"Number of observations: {' + '.join(map(str, counts))} = {count}.",
            f"Mean = {_divided(total, count)}."], Fraction(total, count)


def _solve_missing(params: dict) -> Solved:
    data = params["data"]
    count, mean = len(data), Fraction(sum(data), len(data))
    lines, partial = _sum_lines(data[:-1], "the known values")
    total = mean * count
    return ([f"The total of all {count} values is mean × count = {decimal_text(mean)} × {count} = "
             f"{fraction_text(total)}."] + lines +
            [f"Missing value = {fraction_text(total)} - {partial} = {fraction_text(total - partial)}."]), total - partial


def _solve_change(params: dict) -> Solved:
    data, value = params["data"], params["value"]
    lines, total = _sum_lines(data)
    adding = params["op"] == "add"
    new_total, count = (total + value, len(data) + 1) if adding else (total - value, len(data) - 1)
    lines.append(f"{'Adding' if adding else 'Removing'} {value}: new sum {total} {'+' if adding else '-'} {value} = "
                 f"{new_total}, new count {count}.")
    return lines + [f"New mean = {_divided(new_total, count)}."], Fraction(new_total, count)


def _solve_iqr(params: dict) -> Solved:
    ordered = sorted(params["data"])
    count, half = len(ordered), len(ordered) // 2
    if count % 2 and params["rule"] == "inclusive":
        lower, upper, how = ordered[: half + 1], ordered[half:], "the median is included in both halves"
    else:
        lower, upper = ordered[:half], ordered[count - half:]
        how = "the median is left out of both halves" if count % 2 else "the halves split evenly"
    lower_lines, q1 = _median_lines(lower, "the lower half")
    upper_lines, q3 = _median_lines(upper, "the upper half")
    return [f"Order the data: {listing(ordered)}.",
            f"There are {count} values; {how}: lower half {listing(lower)}, upper half {listing(upper)}.",
            *lower_lines, f"So Q1 = {fraction_text(q1)}.", *upper_lines, f"So Q3 = {fraction_text(q3)}.",
            f"IQR = Q3 - Q1 = {fraction_text(q3)} - {fraction_text(q1)} = {_with_decimal(q3 - q1)}."], q3 - q1


def _solve_scaled(params: dict) -> Solved:
    scale = params["a"]
    lines, sd = _sd_lines(*_variance_lines(params["data"]), "Standard deviation of the original data: σ = sqrt(σ^2).")
    new = Radical(sd.coef * abs(scale), sd.root)
    return lines + [
        f"Adding {params['b']} shifts every value and the mean alike, so spread is unchanged; multiplying by {scale} "
        f"multiplies every deviation by {scale}, so the SD is multiplied by |{scale}| = {abs(scale)}.",
        f"New SD = {abs(scale)} × σ = {abs(scale)} × {sd.text()} = {new.text()}."], new


def _solve_groups(params: dict) -> Solved:
    """The combined mean of two classes, or class B's mean from the combined one: means back to totals."""
    size_a, size_b = params["n1"], params["n2"]
    total_a, other = size_a * Fraction(params["m1"]), Fraction(params["m2"])
    lines = [f"Total of class A: {size_a} × {params['m1']} = {_exact(total_a)}."]
    if params["kind"] == "combined":
        total = total_a + size_b * other
        return lines + [f"Total of class B: {size_b} × {params['m2']} = {_exact(size_b * other)}.",
                        f"All students: {_exact(total_a)} + {_exact(size_b * other)} = {_exact(total)} over {size_a} + "
                        f"{size_b} = {size_a + size_b} students.",
                        f"Combined mean = {_divided(total, size_a + size_b)}."], total / (size_a + size_b)
    total = (size_a + size_b) * other
    return lines + [f"Total of everyone: {size_a + size_b} × {params['m2']} = {_exact(total)}.",
                    f"Total of class B: {_exact(total)} - {_exact(total_a)} = {_exact(total - total_a)}.",
                    f"Mean of class B = {_divided(total - total_a, size_b)}."], (total - total_a) / size_b


def _solve_correction(params: dict) -> Solved:
    count, total = params["n"], params["n"] * Fraction(params["mean"])
    corrected = total - params["wrong"] + params["right"]
    return [f"Recorded total: {count} × {params['mean']} = {_exact(total)}.",
            f"Correct the total: {_exact(total)} - {params['wrong']} + {params['right']} = {_exact(corrected)}.",
            f"The count is still {count}, so the correct mean is {_divided(corrected, count)}."], corrected / count


def _solve_zscore(params: dict) -> Solved:
    data, value = params["data"], params["x"]
    lines, sd = _sd_lines(*_variance_lines(data))
    mean = sum(data) // len(data)
    deviation = value - mean
    z = _z_form(deviation, sd)
    line = f"z = (x - μ)/σ = ({value} - {mean})/({sd.text()}) = {deviation}/({sd.text()})"
    if sd.root > 1:
        over = Fraction(deviation) / sd.coef
        line += (f" = {fraction_text(over)}/sqrt({sd.root}); multiply top and bottom by sqrt({sd.root}): "
                 f"{fraction_text(over)}·sqrt({sd.root})/{sd.root}" +
                 ("." if z.coef.denominator == sd.root * over.denominator else f" = {z.text()}."))
    else:
        line += f" = {fraction_text(z.coef)}."
    return lines + [line], z


def _solve_joined_sd(params: dict) -> Solved:
    values = params["data"] + [params["value"]]
    lines, variance = _shortcut_lines(values)
    return _sd_lines([f"The new data set has {len(values)} values: {listing(values)}."] + lines, variance)


# --------------------------------------------------------------------------- the kinds, level by level
def _ask_about(question: str):
    """The question of a kind that asks one thing about a listed data set (``{x}`` fields filled from the params)."""
    return lambda params: f"{_head(params)} " + question.format(**params)


def _draw_groups(rng: np.random.Generator) -> dict:
    return {"n1": integer(rng, 5, 40), "n2": integer(rng, 5, 40), "m1": _tenths(rng, 500, 950),
            "m2": _tenths(rng, 500, 950)}


def _draw_reverse_groups(rng: np.random.Generator) -> dict:
    """Two classes whose combined mean leaves class B a possible mean score, from 0 to 100 (v0 asked for -38)."""
    while True:
        params = _draw_groups(rng)
        size_a, size_b = params["n1"], params["n2"]
        mean_b = ((size_a + size_b) * Fraction(params["m2"]) - size_a * Fraction(params["m1"])) / size_b
        if 0 <= mean_b <= 100:
            return params


MEAN = Kind(_whole((3, 6), 1, 20), _ask_about("What is the mean of the data?"), _solve_mean)
MEDIAN = Kind(_listed((5, 10), 1, 60), _ask_about("What is the median of the data?"), _solve_median)
SD = f"What is the population standard deviation? {POPULATION} {EXACT_FORM}"
LEVELS: dict[int, dict[str, Kind]] = {
    1: {"mean": MEAN,
        "range": Kind(_listed((5, 8), 1, 60), _ask_about("What is the range of the data?"), _solve_range)},
    2: {"median": MEDIAN, "mode": Kind(_listed((7, 12), 1, 15, _one_mode), _ask_about("What is the mode of the data?"),
                                       _solve_mode)},
    # Level 3 asks the same two statistics of harder data: only the draws differ.
    3: {"mean": dataclasses.replace(MEAN, draw=_listed((6, 10), 10, 99, lambda values: sum(values) % len(values) != 0)),
        "median": dataclasses.replace(MEDIAN, draw=lambda rng: {"data": _values(rng, 2 * integer(rng, 3, 6), -15, 25),
                                                                "intro": -1})},
    4: {"weighted": Kind(_draw_weighted, _ask_weighted, _solve_weighted),
        "freq": Kind(lambda rng: _draw_table(rng, (4, 6), 8, 12, whole_mean=False),
                     lambda params: f"{_table(params)} What is the mean {FREQ_THINGS[params['thing']][0]}?",
                     _solve_table_mean)},
    5: {"missing": Kind(_listed((5, 8), 20, 100, lambda values: (10 * Fraction(sum(values), len(values))).denominator == 1),
                        _ask_missing, _solve_missing),
        "change": Kind(_draw_change, _ask_change, _solve_change)},
    6: {"iqr": Kind(lambda rng: {"data": _data(rng, (8, 15), 1, 99),
                                 "rule": "exclusive" if rng.random() < 0.6 else "inclusive"}, _ask_iqr, _solve_iqr)},
    7: {"variance": Kind(_whole((4, 7), 1, 30), _ask_about(f"What is the population variance of the data? {POPULATION}"),
                         lambda params: _variance_lines(params["data"])),
        "freqvar": Kind(lambda rng: _draw_table(rng, (3, 4), 11, 6, whole_mean=True),
                        lambda params: f"{_table(params)} What is the population variance? {POPULATION}",
                        lambda params: _variance_lines(params["values"], params["counts"]))},
    8: {"sd": Kind(_whole((4, 8), 1, 40), _ask_about(SD), lambda params: _sd_lines(*_variance_lines(params["data"]))),
        "scaled": Kind(lambda rng: {"data": _whole_mean(rng, integer(rng, 4, 6), 1, 20),
                                    "a": integer(rng, 2, 5) * (1 if rng.random() < 0.6 else -1), "b": integer(rng, -20, 30)},
                       lambda params: f"{_head(params)} Every value x is replaced by {params['a']}x "
                                      f"{'+' if params['b'] >= 0 else '-'} {abs(params['b'])}. What is the population "
                                      f"standard deviation of the new values? {POPULATION} {EXACT_FORM}",
                       _solve_scaled)},
    9: {"combined": Kind(_draw_groups, lambda params: (
            f"Class A has {params['n1']} students with a mean score of {params['m1']}; class B has {params['n2']} "
            f"students with a mean score of {params['m2']}. What is the mean score of all "
            f"{params['n1'] + params['n2']} students together?"), _solve_groups),
        "reverse": Kind(_draw_reverse_groups, lambda params: (
            f"Class A has {params['n1']} students with a mean score of {params['m1']}. Together with the "
            f"{params['n2']} students of class B the mean score of all {params['n1'] + params['n2']} students is "
            f"{params['m2']}. What is the mean score of class B?"), _solve_groups),
        "correct": Kind(_draw_correction, lambda params: (
            f"The mean of {params['n']} measurements is {params['mean']}. Later it turns out that one value was "
            f"recorded as {params['wrong']} instead of {params['right']}. What is the correct mean?"),
            _solve_correction)},
    10: {"zscore": Kind(_draw_zscore, _ask_about("What is the z-score of the value {x}? Use the population standard "
                                                 f"deviation (divide by n). {EXACT_FORM}"), _solve_zscore),
         "sdafter": Kind(lambda rng: {"data": _whole_mean(rng, integer(rng, 4, 6), 1, 20), "value": integer(rng, 1, 30)},
                         lambda params: f"{_head(params)} A new value {params['value']} joins the data. What is the "
                                        f"population standard deviation of all {len(params['data']) + 1} values? "
                                        f"{POPULATION} {EXACT_FORM}", _solve_joined_sd)},
}
KINDS: dict[str, Kind] = {name: kind for table in LEVELS.values() for name, kind in table.items()}
"""Question and solution by kind name (the level-3 records share them with levels 1 and 2)."""


def _solved(params: dict) -> tuple[list[str], Radical]:
    """The worked lines of a stored problem and its answer as a :class:`Radical`."""
    lines, value = KINDS[params["kind"]].solve(params)
    return lines, value if isinstance(value, Radical) else Radical(Fraction(value))


# --------------------------------------------------------------------------- exposition
_TEMPLATES = exposition_texts(__name__)
MISTAKES = {3: ("raw3", "med5"), 9: ("wm", "plain"), 19: ("gcomb", "gplain")}
"""Templates about a common mistake, with the two fields that must differ for the mistake to show."""


def _passage_round(rng: np.random.Generator) -> list[str]:
    """One passage from a template picked at random (none when its "common mistake" would be right here)."""
    d5, d6, d7 = _values(rng, 5, 1, 40), _values(rng, 6, 1, 60), _values(rng, 9, 1, 50)
    o5, o6, o7 = sorted(d5), sorted(d6), sorted(d7)
    s5 = sum(d5)
    mode = integer(rng, 1, 9)
    pool = _values(rng, 4, 10, 20) + [mode] * 3
    modeset = [pool[int(i)] for i in rng.permutation(len(pool))]
    scores = _values(rng, 3, 50, 100)
    weights = [20, 30, 50] if rng.random() < 0.5 else [25, 25, 50]
    fv = sorted(int(v) for v in rng.choice(8, size=4, replace=False))
    fc = _values(rng, 4, 1, 9)
    vd = _whole_mean(rng, 5, 1, 20)
    vm = sum(vd) // 5
    vss = sum((v - vm) ** 2 for v in vd)
    _, sd = _sqrt_lines(Fraction(vss, 5), "σ")
    rp, rq = integer(rng, 2, 40), integer(rng, 2, 9)
    while math.gcd(rp, rq) != 1:
        rp += 1
    gn1, gn2, gm1, gm2 = integer(rng, 5, 30), integer(rng, 5, 30), integer(rng, 55, 90), integer(rng, 55, 90)
    zx, kk = integer(rng, 1, 30), integer(rng, 2, 5)
    n8, mm = integer(rng, 5, 9), integer(rng, 30, 70)
    known8 = mm * (n8 - 1) + integer(rng, -15, 15)
    add, big, wr, rt = integer(rng, 1, 60), integer(rng, 150, 400), integer(rng, 10, 99), integer(rng, 10, 99)
    q1x, q3x = Fraction(o7[1] + o7[2], 2), Fraction(o7[6] + o7[7], 2)  # the 4 values below / above the median
    q1i, q3i = Fraction(o7[2]), Fraction(o7[6])  # the 5 values up to / from the median
    values = {
        "d5": listing(d5), "o5": listing(o5), "s5": s5, "m5": _exact(Fraction(s5, 5)), "med5": o5[2],
        "raw3": d5[2], "o6": listing(o6), "a6": o6[2], "b6": o6[3], "med6": _exact(Fraction(o6[2] + o6[3], 2)),
        "modeset": listing(modeset), "mode": mode, "mtimes": Counter(modeset)[mode], "d6": listing(d6),
        "hi6": o6[-1], "lo6": o6[0], "rng6": o6[-1] - o6[0], "o7": listing(o7),
        "q1x": _exact(q1x), "q3x": _exact(q3x), "iqrx": _exact(q3x - q1x),
        "q1i": fraction_text(q1i), "q3i": fraction_text(q3i), "iqri": fraction_text(q3i - q1i),
        "w1": scores[0], "w2": scores[1], "w3": scores[2], "p1": weights[0], "p2": weights[1], "p3": weights[2],
        "wm": _exact(Fraction(sum(a * b for a, b in zip(scores, weights)), 100)), "plain": _exact(Fraction(sum(scores), 3)),
        "fv": listing(fv), "fc": listing(fc), "fsum": sum(a * b for a, b in zip(fv, fc)), "fn": sum(fc),
        "frows": 4, "fmean": _exact(Fraction(sum(a * b for a, b in zip(fv, fc)), sum(fc))),
        "n8": n8, "mm": mm, "tot8": mm * n8, "known8": known8, "miss8": mm * n8 - known8,
        "add": add, "newm": _exact(Fraction(s5 + add, 6)),
        "vd": listing(vd), "vm": vm, "vss": vss, "vn": 5, "vn1": 4, "vvar": _exact(Fraction(vss, 5)),
        "vsvar": _exact(Fraction(vss, 4)), "vsd": sd.text(), "ksd": Radical(sd.coef * kk, sd.root).text(), "kk": kk,
        "rp": rp, "rq": rq, "rpq": rp * rq, "rsd": _sqrt_lines(Fraction(rp, rq), "s")[1].text(),
        "msq": _exact(Fraction(sum(v * v for v in vd), 5)), "vm2": vm * vm,
        "gn1": gn1, "gn2": gn2, "gm1": gm1, "gm2": gm2, "gnn": gn1 + gn2,
        "gcomb": _exact(Fraction(gn1 * gm1 + gn2 * gm2, gn1 + gn2)), "gplain": _exact(Fraction(gm1 + gm2, 2)),
        "zm": vm, "zs": sd.text(), "zx": zx, "zz": _z_form(zx - vm, sd).text(), "big": big,
        "bigm": _exact(Fraction(s5 + big, 6)), "bigmed": _exact(Fraction(o5[2] + o5[3], 2)), "wr": wr, "rt": rt,
        "delta": rt - wr, "fixm": _exact(Fraction(mm * n8 - wr + rt, n8)),
    }
    pick = int(rng.integers(0, len(_TEMPLATES)))
    if pick in MISTAKES and values[MISTAKES[pick][0]] == values[MISTAKES[pick][1]]:
        return []  # the "common mistake" would give the right answer here
    return [_TEMPLATES[pick].format(**values)]


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
    approx, gold_approx = value.evalf(50), gold.evalf(50)
    if not (approx.is_real and approx.is_Number) or abs(approx - gold_approx) > sympy.Float(10) ** -35 * max(
            1, abs(gold_approx)):
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
    version = 1
    answer_type = "exact real (sympy: rational or q*sqrt(m))"
    subject = "statistics"
    instruction = INSTRUCTION

    exposition = exposition_from(2718, 180, _passage_round)

    def draw(self, rng: np.random.Generator, level: int) -> dict:
        kinds = LEVELS[level]
        name = choice(rng, list(kinds))
        return {"kind": name, "intro": integer(rng, 0, len(INTROS) - 1), **kinds[name].draw(rng)}

    def question(self, params: dict) -> str:
        return KINDS[params["kind"]].question(params)

    def solve(self, params: dict) -> tuple[list[str], sympy.Expr]:
        lines, answer = _solved(params)
        return lines, answer.expr()

    def answer_line(self, problem: Problem) -> str:
        return f"The answer is \\boxed{{{_solved(problem.metadata)[1].latex()}}}."

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
