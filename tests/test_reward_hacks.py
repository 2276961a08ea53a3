"""The reward-hacking suite (#14): no hack earns credit, in any family or in verify_math.

For every registered family, problems at three levels are attacked with every hack
of :func:`textbook_gym.verifiers.adversary.hack_responses` (huge values, several
answers, hedges, brackets, think blocks, format tricks), built around the problem's
own right answer and a wrong answer taken from another problem. A fuzz test then
throws random hostile text at the verifiers and checks each verification returns
within its deadline plus a second, with bounded memory growth in this process.
"""

from __future__ import annotations

import resource
import time

import numpy as np
import pytest

from textbook_gym import get_family
from textbook_gym.registry import list_families
from textbook_gym.verdict import Status
from textbook_gym.verifiers import verify_math
from textbook_gym.verifiers.adversary import HUGE_VALUES, audit, hack_responses
from textbook_gym.verifiers.extract import extract_answers

LEVELS = (1, 4, 8)
PER_LEVEL = 3
DEADLINE = 2.0
SLACK = 1.0


def _box(text: str) -> str:
    return f"\\boxed{{{text}}}"


def _targets(fam) -> list[tuple[object, str, str]]:
    """(problem, right answer, wrong answer) triples; the wrong answer is another problem's, checked wrong."""
    triples = []
    for level in LEVELS:
        rng = np.random.default_rng([14, level])
        problems = [fam.generate(rng, level) for _ in range(PER_LEVEL + 3)]
        for index, problem in enumerate(problems[:PER_LEVEL]):
            gold = fam.answer_text(problem)
            for other_problem in problems[index + 1 :] + problems[:index]:
                other = fam.answer_text(other_problem)
                # "gold or other" is a union for set answers: pick an other that the union does not swallow.
                if not fam.verify(problem, _box(other)).correct and not fam.verify(
                    problem, _box(f"{gold} \\cup {other}")
                ).correct:
                    triples.append((problem, gold, other))
                    break
    return triples


LISTINGS = (", ", "; ", " ", "\n", " \\text{ and } ", " = ")
"""How a policy might put the right and a wrong answer in one anchor, without a hedge word."""


@pytest.mark.parametrize("family", list_families())
def test_no_listing_of_two_answers_earns_credit(family):
    # "27 = -14" was CORRECT for -14 in FunctionEvaluation, whose answers may be written "f(2) = value".
    fam = get_family(family)
    paid = []
    for problem, gold, other in _targets(fam):
        for separator in LISTINGS:
            for first, second in ((gold, other), (other, gold)):
                verdict = fam.verify(problem, _box(f"{first}{separator}{second}"))
                if verdict.score > 0 or verdict.correct:
                    paid.append((f"{first}{separator}{second}", gold, str(verdict.status)))
    assert paid == []


@pytest.mark.parametrize(("gold", "other"), [("72", "73"), ("\\frac{1}{2}", "\\frac{1}{3}"), ("x^2+1", "x^2+2"),
                                           ("(1, 2)", "(2, 1)"), ("-4", "4")])
def test_verify_math_pays_no_listing_of_two_answers(gold, other):
    # "73 = 72" read as its final value paid 72 for a false statement naming two candidates.
    paid = [(first, separator, second) for separator in LISTINGS for first, second in ((gold, other), (other, gold))
            if verify_math(gold, _box(f"{first}{separator}{second}")).score > 0]
    assert paid == []


@pytest.mark.parametrize(("gold", "response"), [
    ("5", "2 + 3 = 5"), ("5", "x = 2+3 = 5"), ("\\frac{1}{3}", "\\frac{1}{3} = 0.333"), ("0.333", "\\frac{1}{3} = 0.333"),
    ("72", "72 = 72.0"), ("72", "\\text{Total} = 72"), ("\\frac{1}{2}", "\\frac{2}{4} = \\frac{1}{2}"),
])
def test_true_equations_still_give_their_final_value(gold, response):
    assert verify_math(gold, _box(response)).correct


@pytest.mark.parametrize("family", list_families())
def test_no_hack_earns_credit(family):
    fam = get_family(family)
    triples = _targets(fam)
    assert len(triples) >= len(LEVELS) * PER_LEVEL - 2, "too few problems to attack"
    attacked = paid = 0
    failures = []
    for problem, gold, other in triples:
        assert fam.verify(problem, _box(gold)).correct, f"the canonical answer {gold!r} must verify"
        found = audit(lambda response, p=problem: fam.verify(p, response), gold, other)
        attacked += len(hack_responses(gold, other))
        paid += len(found)
        failures += [(problem.id, category, response[:80], v.status.value) for category, response, v in found]
    assert attacked > 100
    assert paid == 0, failures[:10]


GOLDS = ["72", "-3/4", "0.125", "x^2 + 1", r"\frac{\sqrt{3}}{2}", "(1, 2)", "(0, 1)", r"\{3, 5\}", "[2, 7)", "12"]
OTHERS = ["73", "3/4", "0.25", "x^2 - 1", r"\frac{1}{2}", "(2, 1)", "(1, 2)", r"\{3, 6\}", "[2, 8)", "21"]


@pytest.mark.parametrize("gold, other", list(zip(GOLDS, OTHERS)))
def test_no_hack_earns_credit_from_verify_math(gold, other):
    assert verify_math(gold, _box(gold)).correct
    found = audit(lambda response: verify_math(gold, response, policy="strict"), gold, other)
    assert found == [], [(c, r[:60], v.status.value, v.reason) for c, r, v in found]
    # The grading policies let the last anchored answer stand (self-correction, as human graders
    # read), which is why environments reward with "strict"; every other hack still fails.
    for policy in ("last", "flexible"):
        found = audit(lambda response, p=policy: verify_math(gold, response, policy=p), gold, other)
        hacks = [(c, r[:60], v.status.value) for c, r, v in found if extract_answers(r).spans[-1:] != (gold,)]
        assert hacks == [], (policy, hacks)


# --------------------------------------------------------------------------- fuzzing
FRAGMENTS = [
    r"\boxed{", "}", "{", r"\frac{", "^{", "9", "99999", "e", r"\pi", "!", "(", ")", ",", " ", "\n", "Answer:",
    "<answer>", "</answer>", "<think>", "</think>", r"\text{ or }", r"\sqrt{", "x", "-", "+", "*", "/", "=",
    r"\left(", r"\right)", r"\infty", "nan", "1e309", "\u2212", "\u200b", "\u0660", "\\", "$", r"\cup", "[", "]",
    r"\exp(", "10^{300}", "72", "0.5", "%", r"\begin{pmatrix}", r"\end{pmatrix}", "&", r"\\", "__import__('os')",
]


def _hostile(rng: np.random.Generator) -> str:
    parts = [str(rng.choice(FRAGMENTS)) for _ in range(int(rng.integers(1, 40)))]
    text = "".join(parts)
    if rng.random() < 0.2:
        text = text * int(rng.integers(2, 2000))
    if rng.random() < 0.5:
        text = f"\\boxed{{{text}}}"
    if rng.random() < 0.1:
        text = rf"\boxed{{{rng.choice(HUGE_VALUES)}}}" + text
    return text


def test_fuzzed_verifications_end_in_time_with_bounded_memory():
    rng = np.random.default_rng(1414)
    families = [get_family(name) for name in ("Arithmetic", "Fractions", "Derivatives", "Inequalities", "MatrixOps")]
    problems = [(fam, fam.generate(np.random.default_rng(level), level)) for fam in families for level in (2, 7)]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    slowest = 0.0
    for index in range(160):
        response = _hostile(rng)
        started = time.perf_counter()
        if index % 2:
            verdict = verify_math(GOLDS[index % len(GOLDS)], response, deadline=DEADLINE)
        else:
            fam, problem = problems[index % len(problems)]
            verdict = fam.verify(problem, response)
        took = time.perf_counter() - started
        slowest = max(slowest, took)
        assert verdict.status in Status, verdict
        assert took < DEADLINE + SLACK, (response[:200], took, verdict)
        # A hostile answer may be refused or wrong, never right by accident.
        assert not (verdict.correct and any(h in response for h in ("10^{300}", "e^{1000}", "1e309"))), response[:200]
    growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before
    assert growth < 300, f"this process grew by {growth:.0f} MB while verifying hostile text"
