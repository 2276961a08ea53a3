"""WordProblems: the arithmetic in every narrated step is right, answers match independent formulas, renderings."""

import re
from fractions import Fraction

import numpy as np
import pytest

from textbook_gym.envs.word_problems import WordProblems
from textbook_gym.problem import Problem

FAM = WordProblems()
_NUM = r"\(?\$?\d+(?:\.\d+)?(?:/\d+)?\)?"
_FACT_RE = re.compile(rf"(?<![\w.$/(])({_NUM}(?: [+−×÷] {_NUM})+) = ({_NUM})(?![\d/.])")


def _value(text: str) -> Fraction:
    return Fraction(text.strip("()").lstrip("$"))


def _evaluate(chain: str) -> Fraction:
    """Evaluate ``a op b op c`` with × and ÷ before + and −."""
    tokens = chain.split(" ")
    terms, signs = [_value(tokens[0])], []
    for op, number in zip(tokens[1::2], tokens[2::2]):
        value = _value(number)
        if op == "×":
            terms[-1] *= value
        elif op == "÷":
            terms[-1] /= value
        else:
            signs.append(op)
            terms.append(value)
    total = terms[0]
    for op, term in zip(signs, terms[1:]):
        total = total + term if op == "+" else total - term
    return total


def _problems(difficulties=range(1, 11), seeds=range(80)):
    for difficulty in difficulties:
        for seed in seeds:
            yield FAM.generate(np.random.default_rng(seed), difficulty)


def test_every_arithmetic_fact_in_the_steps_is_true():
    checked = 0
    for p in _problems():
        for step in p.metadata["steps"]:
            for chain, result in _FACT_RE.findall(step):
                assert _evaluate(chain) == _value(result), step
                checked += 1
    assert checked > 800


def _numbers(text: str) -> list[int]:
    return [int(v) for v in re.findall(r"\d+", text)]


def _reference(p: Problem):
    """Recompute the answer from the question text alone, for the scenarios with a fixed sentence shape."""
    q, kind = p.question, p.metadata["scenario"]
    if kind == "work" and "pipe fills" in q:
        fill, drain = _numbers(q)[:2]
        return 1 / (Fraction(1, fill) - Fraction(1, drain))
    if kind == "work" and "works alone for" in q:
        ta, tb, head = _numbers(q)[:3]
        return head + (1 - Fraction(head, ta)) / (Fraction(1, ta) + Fraction(1, tb))
    if kind == "work":
        times = _numbers(q)
        return 1 / sum(Fraction(1, t) for t in times)
    if kind == "ratio":
        total = int(re.search(r"share \$(\d+)", q).group(1))
        weights = [int(w) for w in re.search(r"ratio ([\d:]+)", q).group(1).split(":")]
        names = re.search(r"^(.*) share", q).group(1).replace(" and ", ", ").split(", ")
        shares = {n: Fraction(total * w, sum(weights)) for n, w in zip(names, weights)}
        m = re.search(r"Then (\w+) gives \$(\d+) to (\w+)", q)
        if m:
            return shares[m.group(3)] + int(m.group(2))
        return shares[re.search(r"does (\w+) get", q).group(1)]
    if kind == "ages" and "sum of their ages" in q:
        m, n, total = _numbers(q)
        return Fraction(m * (total - 2 * n), m + 1)
    if kind == "ages" and "will be" in q and "times as old" in q:
        m, n, k = _numbers(q)
        return Fraction(n * (k - 1), m - k)
    if kind == "pizza":
        pizzas, slices, friends, *eat = _numbers(q)
        return Fraction(pizzas, friends) if not eat else Fraction(pizzas * slices - friends * eat[0], pizzas * slices)
    return None


def test_answers_agree_with_independent_formulas():
    compared = 0
    for p in _problems():
        expected = _reference(p)
        if expected is not None:
            assert p.answer == expected, p.question
            compared += 1
    assert compared > 150


def test_answers_are_integers_or_reduced_fractions():
    for p in _problems(seeds=range(30)):
        assert isinstance(p.answer, int) or (isinstance(p.answer, Fraction) and p.answer.denominator > 1)
        assert p.answer >= 0


WHOLE = Problem("...", 12, "WordProblems")
PART = Problem("...", Fraction(7, 3), "WordProblems")


@pytest.mark.parametrize("answer", ["12", "12 marbles", "\\$12", "$12$", "12 \\text{ dollars}", "12.", "12.0",
                                    "\\text{12 stamps}"])
def test_accepted_whole_renderings(answer):
    assert FAM.verify(WHOLE, f"\\boxed{{{answer}}}").correct


@pytest.mark.parametrize("answer", ["7/3", "\\frac{7}{3}", "\\dfrac{7}{3}", "2 1/3", "7/3 hours", "7/3 km/h",
                                    "7/3 \\text{ hours}"])
def test_accepted_fraction_renderings(answer):
    assert FAM.verify(PART, f"\\boxed{{{answer}}}").correct


@pytest.mark.parametrize("problem, answer", [(WHOLE, "11"), (WHOLE, "13"), (WHOLE, "-12"), (WHOLE, "120"),
                                             (PART, "3/7"), (PART, "2.33"), (PART, "-7/3"), (PART, "8/3")])
def test_near_misses_fail(problem, answer):
    assert FAM.verify(problem, f"\\boxed{{{answer}}}").status.value == "INCORRECT"


@pytest.mark.parametrize("answer", ["14/6", "12 or 13", "twelve", "7/3 or 3", "x = 7/3 and y"])
def test_unreduced_and_ambiguous_answers_are_refused(answer):
    problem = PART if "/" in answer else WHOLE
    assert FAM.verify(problem, f"\\boxed{{{answer}}}").status.value == "UNPARSEABLE"


def test_long_spans_do_not_hang():
    assert not FAM.verify(WHOLE, "\\boxed{" + "1 " * 1500 + "}").correct
    assert not FAM.verify(WHOLE, "\\boxed{" + "a" * 3000 + "1}").correct


def test_difficulty_grows_steps_and_scenarios():
    def mean_steps(d):
        return np.mean([len(p.metadata["steps"]) for p in _problems([d], range(100))])

    assert mean_steps(1) < mean_steps(3) < mean_steps(6) < mean_steps(10)
    kinds = {d: {p.metadata["scenario"] for p in _problems([d], range(60))} for d in (1, 4, 6)}
    assert kinds[1] == {"chain"} and {"ages", "ratio"} <= kinds[4] and "work" in kinds[6]
    assert all(isinstance(p.answer, int) for p in _problems([1, 2, 3, 4], range(40)))
    assert any(isinstance(p.answer, Fraction) for p in _problems([6], range(40)))


def test_wording_varies():
    openings = {p.question.split(".")[0].split(" ", 1)[1] for p in _problems([3], range(60))}
    assert len(openings) > 20
