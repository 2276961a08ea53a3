"""verify_math's answer-type rules and extraction policies, each with near-miss negatives.

The rules are documented in verify_math's docstring and tests/data/grading/README.md.
"""

from __future__ import annotations

import importlib.util
import time

import pytest

from textbook_gym.verdict import Status
from textbook_gym.verifiers import verify_math
from textbook_gym.verifiers.mathanswer import gold_span
from textbook_gym.verifiers.policies import extract

NEEDS_LATEX_EXTRA = pytest.mark.skipif(importlib.util.find_spec("latex2sympy2_extended") is None,
                                       reason="read by the LaTeX fallback: pip install 'textbook-gym[latex]'")

C, INC = Status.CORRECT, Status.INCORRECT

CASES = {
    "intervals vs pairs vs sets": [
        ("(0, 1)", "\\boxed{(0, 1)}", C), ("(0, 1)", "\\boxed{0 < x < 1}", C), ("(0, 1)", "\\boxed{[0, 1]}", INC),
        ("(0, 1)", "\\boxed{[0, 1)}", INC), ("(0, 1)", "\\boxed{\\{0, 1\\}}", INC), ("(-1, 5)", "\\boxed{\\{-1, 5\\}}", INC),
        ("\\{-1, 5\\}", "\\boxed{(-1, 5)}", INC), ("\\{-1, 5\\}", "\\boxed{5, -1}", C), ("[2, 5]", "\\boxed{2 \\le x \\le 5}", C),
        ("[2, 5]", "\\boxed{2 < x \\le 5}", INC), ("(1, 2)", "\\boxed{(2, 1)}", INC), ("(1, 2, 3)", "\\boxed{[1, 2, 3]}", C),
        ("(1, 2, 3)", "\\boxed{\\{1, 2, 3\\}}", INC), ("\\{1, 2, 3\\}", "\\boxed{(1, 2, 3)}", INC),
        ("(-\\infty, 3] \\cup [5, \\infty)", "\\boxed{x \\le 3 \\text{ or } x \\ge 5}", C),
        ("(-\\infty, 3] \\cup [5, \\infty)", "\\boxed{x < 3 \\text{ or } x \\ge 5}", INC),
    ],
    "relations": [
        ("x \\ge 5", "\\boxed{x >= 5}", C), ("x \\ge 5", "\\boxed{5 \\le x}", C), ("x \\ge 5", "\\boxed{x > 5}", INC),
        ("x < 1", "\\boxed{-x > -1}", C), ("x < 1", "\\boxed{-x < -1}", INC), ("x \\neq 2", "\\boxed{x \\ne 2}", C),
        ("x \\neq 2", "\\boxed{x = 2}", INC), ("x > 3", "\\boxed{x \\gt 3}", C), ("x < 3", "\\boxed{x \\lt 3}", C),
        ("y > 2x + 1", "\\boxed{2x + 1 < y}", C), ("y > 2x + 1", "\\boxed{y \\ge 2x + 1}", INC),
    ],
    "equations": [
        ("2x+4y-3=0", "\\boxed{y = -\\frac{x}{2} + \\frac{3}{4}}", C), ("2x+4y-3=0", "\\boxed{y = -2x + \\frac34}", INC),
        ("y = 2x + 3", "\\boxed{2x - y + 3 = 0}", C), ("y = 2x + 3", "\\boxed{2x + 3}", C), ("y = 2x + 3", "\\boxed{x = 2y + 3}", INC),
        ("7 = 11a + c", "\\boxed{11a + c}", INC), ("x = 11", "\\boxed{x = 5 + 5 + 1 = 11}", C), ("72", "\\boxed{8 \\cdot 9 = 72}", C),
        ("72", "\\boxed{8 \\cdot 9 = 81}", INC), ("\\frac13", "\\boxed{x = \\frac13 \\approx 0.33}", C), ("11", "\\boxed{x \\approx 11}", C),
    ],
    "lists and pm": [
        ("1, 2", "\\boxed{x = 1 \\text{ or } x = 2}", C), ("1, 2", "\\boxed{x = 1}", INC), ("1 \\pm \\sqrt{2}", "\\boxed{1+\\sqrt2, 1-\\sqrt2}", C),
        ("1 \\pm \\sqrt{2}", "\\boxed{1+\\sqrt2}", INC), ("\\pm 3", "\\boxed{-3, 3}", C), ("\\pm 3", "\\boxed{3}", INC),
        ("\\{1 \\pm \\sqrt{5}, -2\\}", "\\boxed{-2, 1 - \\sqrt 5, 1 + \\sqrt 5}", C), ("19, 46, and 82", "\\boxed{19, 46, 82}", C),
        ("(2, -3)", "\\boxed{x = 2, y = -3}", C), ("(2, -3)", "\\boxed{x = -3, y = 2}", INC),
    ],
    "matrices": [
        ("\\begin{pmatrix}1 & 2\\\\3 & 4\\end{pmatrix}", "\\boxed{\\begin{bmatrix}1 & 2\\\\3 & 4\\end{bmatrix}}", C),
        ("\\begin{pmatrix}1 & 2\\\\3 & 4\\end{pmatrix}", "$\\left[\\begin{array}{cc}1 & 2\\\\3 & 4\\end{array}\\right]$", C),
        ("\\begin{pmatrix}1 & 2\\\\3 & 4\\end{pmatrix}", "\\boxed{\\begin{pmatrix}1 & 3\\\\2 & 4\\end{pmatrix}}", INC),
        ("\\begin{pmatrix}-1\\\\2\\end{pmatrix}", "\\boxed{(-1, 2)}", C), ("\\begin{pmatrix}-1\\\\2\\end{pmatrix}", "\\boxed{(2, -1)}", INC),
    ],
    "numbers": [
        ("\\frac{1}{3}", "\\boxed{0.\\overline{3}}", C), ("\\frac{1}{3}", "\\boxed{0.333}", C), ("\\frac{1}{3}", "\\boxed{0.33}", INC),
        ("\\frac{1}{3}", "\\boxed{0.334}", INC), ("2", "\\boxed{2.0000001}", INC), ("\\sqrt{2}", "\\boxed{1.414}", C),
        ("\\sqrt{2}", "\\boxed{1.415}", INC), ("5", "The answer is five.", C), ("5", "The answer is six.", INC),
        ("1000000", "\\boxed{1\\,000\\,000}", C), ("1000000", "\\boxed{1\\,000\\,00}", None), ("3.5", "\\boxed{3{,}5}", C),
        ("2.74", "\\boxed{2,74}", C), ("0,111", "\\boxed{0.111}", C), ("1,250", "\\boxed{1250}", C), ("1250", "\\boxed{12,50}", INC),
    ],
    "percent units degrees": [
        ("25\\%", "\\boxed{25}", C), ("25\\%", "\\boxed{0.25}", C), ("25", "\\boxed{0.25}", INC), ("28\\%", "\\boxed{28 pct}", C),
        ("5 \\text{ cm}", "\\boxed{50 \\text{ mm}}", C), ("5 \\text{ cm}", "\\boxed{5 \\text{ kg}}", INC), ("5 \\text{ cm}", "\\boxed{5}", C),
        ("72", "\\boxed{72 \\text{ or more}}", None), ("72", "\\boxed{72 \\text{ is not the answer}}", None),
        ("72", "\\boxed{72 \\text{ apples}}", C), ("30^\\circ", "\\boxed{\\frac{\\pi}{6}}", C), ("30^\\circ", "\\boxed{\\frac{\\pi}{3}}", INC),
        ("30^\\circ", "\\boxed{30}", C), ("\\$1.50", "\\boxed{150 \\text{ cents}}", C), ("\\$1.50", "\\boxed{150}", INC),
    ],
    "bases and text": [
        ("204_5", "\\boxed{204_{5}}", C), ("204_5", "\\boxed{204}", C), ("204_5", "\\boxed{54}", INC), ("204_5", "\\boxed{402_5}", INC),
        ("\\text{Monday}", "\\boxed{\\text{monday}}", C), ("\\text{Monday}", "The answer is the Monday.", C),
        ("\\text{Monday}", "\\boxed{Tuesday}", INC), ("\\text{(C)}", "\\boxed{C}", C), ("\\text{(C)}", "\\boxed{B}", INC),
        ("\\text{even}", "\\boxed{\\text{Even}}", C), ("\\text{even}", "\\boxed{\\text{odd}}", INC),
        ("f(2) < f(1) < f(4)", "\\boxed{f(2) < f(1) < f(4)}", C), ("f(2) < f(1) < f(4)", "\\boxed{f(1) < f(2) < f(4)}", INC),
    ],
}


@pytest.mark.parametrize("group", sorted(CASES))
def test_answer_type_rules_and_near_misses(group):
    wrong = []
    for gold, response, expected in CASES[group]:
        verdict = verify_math(gold, response)
        ok = not verdict.correct if expected is None else verdict.status is expected
        if not ok:
            wrong.append((gold, response, expected, verdict.status, verdict.reason))
    assert not wrong, wrong


def test_question_context_makes_a_pair_a_point():
    assert verify_math("(0, 1)", "\\boxed{0 < x < 1}", question="Find the interval where f < 0.").correct
    assert not verify_math("(0, 1)", "\\boxed{0 < x < 1}", question="Find the ordered pair (x, y).").correct


def test_precision_option_turns_the_rounding_rule_off_or_tightens_it():
    assert verify_math("\\frac{1}{3}", "\\boxed{0.333}").correct
    assert not verify_math("\\frac{1}{3}", "\\boxed{0.333}", precision=None).correct
    assert not verify_math("\\frac{1}{3}", "\\boxed{0.333}", precision=4).correct
    assert verify_math("\\frac{1}{3}", "\\boxed{0.3333}", precision=4).correct


POLICY_CASES = [
    # (gold, response, strict, last, flexible)
    ("4", "\\boxed{3}. Wait, I mis-added: the total is \\boxed{4}", False, True, True),
    ("3", "\\boxed{3}. Wait, I mis-added: the total is \\boxed{4}", False, False, False),
    ("4", "It is \\boxed{3} or \\boxed{4}.", False, False, False),
    ("4", "\\boxed{4}\\boxed{5?}", False, False, False),
    ("72", "She sold 72 clips.", False, False, True),
    ("72", "#### 72", False, False, True),
    ("72", "The answer is $72$.", False, False, True),
    ("72", "So we get \\(72\\).", False, False, True),
    ("72", "Thus\n$$\n72\n$$", False, False, True),
    ("72", "Thus \\[ 8 \\cdot 9 = 72 \\]", False, False, True),
    ("72", "<think>maybe \\boxed{72}</think> I think it is 71.", False, False, False),
    ("72", "<think>maybe 71</think> \\boxed{72}", True, True, True),
    ("28\\%", "Final Answer: The final answer is $28\\%$. I hope it is correct.", False, True, True),
    ("120", "Final Answer: The volume of $ABCD$ is 120. I hope it is correct.", False, True, True),
    ("2", "The code AZYUK2A is not a number.", False, False, False),
    ("73", "It is 72 or 73.", False, False, False),
    ("73", "It is 72 or maybe 73", False, False, False),
]


@pytest.mark.parametrize("gold,response,strict,last,flexible", POLICY_CASES)
def test_extraction_policies(gold, response, strict, last, flexible):
    got = tuple(verify_math(gold, response, policy=p).correct for p in ("strict", "last", "flexible"))
    assert got == (strict, last, flexible)


def test_unknown_policy_is_an_error_verdict():
    assert verify_math("1", "\\boxed{1}", policy="lenient").status is Status.ERROR
    with pytest.raises(ValueError, match="unknown extraction policy"):
        extract("1", "lenient")


def test_gold_forms_are_read():
    assert gold_span("Natalia sold 72 clips.\n#### 72") == "72"
    assert gold_span("The roots are $\\boxed{2}$ and $\\boxed{3}$.") == "2, 3"
    assert verify_math("The roots are $\\boxed{2}$ and $\\boxed{3}$.", "\\boxed{3, 2}").correct
    assert not verify_math("The roots are $\\boxed{2}$ and $\\boxed{3}$.", "\\boxed{3}").correct
    assert verify_math("$x=1/5$, or $\\boxed{20}$ percent.", "\\boxed{20\\%}").correct
    assert verify_math("$\\\\left(\\\\frac{1}{5},\\\\frac{1}{6}\\\\right)$", "\\boxed{(0.2, \\frac16)}").correct
    assert verify_math("So the total is 4000 dollars.", "\\boxed{4000}").correct  # prose gold: flexible reading
    assert verify_math("$125$ miles", "\\boxed{125\\textnormal{ miles}}").correct


def test_unreadable_gold_is_an_error_that_names_the_cause():
    verdict = verify_math("x" * 5000, "\\boxed{1}")
    assert verdict.status is Status.ERROR and "gold" in verdict.reason
    assert verify_math(12, "\\boxed{12}").status is Status.ERROR


def test_hostile_answers_never_earn_credit_under_any_policy():
    for policy in ("strict", "last", "flexible"):
        for response in ("\\boxed{e^{1000}}", "\\boxed{72 \\text{ or more}}", "\\boxed{72}\\boxed{73?}",
                         "\\boxed{9^9^9^9}", "\\boxed{(10^{300})!}", "It is 72 or 73.", "\\boxed{[72, 73]}"):
            assert not verify_math("72", response, policy=policy, deadline=2.0).correct, (policy, response)


ADVERSARIAL = {
    "spaces": " " * (1 << 20),
    "answer is": "the answer is " * 70_000,
    "dollars": "$" * (1 << 20),
    "math": "$1$ " * 250_000,
    "digits": "1," * 500_000,
    "brackets": "\\[" * 400_000,
    "think": "</think>" * 100_000,
    "words": "seven " * 170_000,
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_flexible_extraction_is_linear_on_megabyte_inputs(name):
    big = ADVERSARIAL[name]
    small = big[: len(big) // 8]
    timings = []
    for text in (small, big):
        started = time.perf_counter()
        extract(text, "flexible")
        timings.append(time.perf_counter() - started)
    # eight times the input: a linear scan takes about eight times as long; allow a wide margin, far below quadratic
    assert timings[1] < 30 * max(timings[0], 0.005), timings


def test_broken_boxes_and_garbage_around_an_equals_sign_earn_nothing():
    # a box that never closes must not fall through to "the last number in the text"
    assert not verify_math("7", "\\boxed{[(&^\\circ{7(}").correct
    assert not verify_math("7", "\\boxed{:|{<7|}").correct
    # box content is never re-read as a sentence, and "garbage = 7" is not a labeled value
    assert not verify_math("7", "\\boxed{=%7maybe  not }").correct
    assert not verify_math("7", "\\boxed{,|^=7}").correct
    assert verify_math("72", "\\boxed{\\text{Total} = 72}").correct
    assert verify_math("\\text{(A)}", "\\boxed{\\textbf{(A) }12}").correct
    assert verify_math("f^{-1}(x) = \\frac{x-3}{2}", "\\boxed{\\frac{x-3}{2}}").correct


@pytest.mark.parametrize("gold,response,expected", [
    ("40/9", "The answer is 4 4/9.", True), ("4", "The answer is 4 4/9.", False), ("40/9", "we get 4 4/9", True),
    ("11", "11 6/6", False), ("103/9", "11.0 4/9", False), ("2", "4 4/9 2", True), ("40/900", "4 4/9%", True),
    ("7/25", "28%", True), ("1000", "1 000", True), ("4/9", "There are 4 objects and 4/9 remain.", True),
])
def test_mixed_numbers_and_numbers_side_by_side(gold, response, expected):
    assert verify_math(gold, response).correct is expected


@pytest.mark.parametrize("gold,response,expected", [
    ("\\log_2 3", "\\boxed{\\frac{\\ln 3}{\\ln 2}}", True), ("\\sin 30^\\circ", "\\boxed{\\frac12}", True),
    ("\\cos 60^\\circ", "\\boxed{\\frac{\\sqrt3}{2}}", False), ("\\text{Devon and Sam}", "\\boxed{Sam and Devon}", True),
    ("\\text{Devon and Sam}", "\\boxed{Sam}", False),
    pytest.param("\\binom{5}{2}", "\\boxed{10}", True, marks=NEEDS_LATEX_EXTRA),
    ("\\binom{5}{2}", "\\boxed{20}", False),
])
def test_degrees_inside_functions_logs_binomials_and_name_lists(gold, response, expected):
    assert verify_math(gold, response).correct is expected
