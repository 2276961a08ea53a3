"""DESIGN.md's adversarial checklist, over every verifier and every registered family.

Every hostile input must give a Verdict (never an exception), must not earn
credit, and must come back within a generous time bound. Families are read from
the registry at test time, so a family added later is covered without new code.
"""

from __future__ import annotations

import time
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import textbook_gym
from textbook_gym.verdict import Status, Verdict
from textbook_gym.verifiers import (
    check_answer,
    check_symbolic,
    parse_integer,
    parse_intervals,
    parse_percent,
    parse_rational,
    parse_real,
    parse_set,
    parse_tuple,
    verify_math,
)

TIME_BOUND = 10.0  # seconds; generous on a loaded 2-core machine, far below a hang

HOSTILE = {
    "injection": "\\boxed{__import__('os').system('echo pwned')}",
    "dunder walk": "\\boxed{().__class__.__bases__[0].__subclasses__()}",
    "tower python": "\\boxed{9**9**9**9}",
    "tower latex": "\\boxed{2^{2^{2^{2^{2}}}}}",
    "nested tower": "\\boxed{((9**9)**9999)**9999}",
    "million digits": "\\boxed{" + "9" * 1_000_000 + "}",
    "1e309": "\\boxed{1e309}",
    "nan": "\\boxed{nan}",
    "inf": "\\boxed{inf}",
    "deep parens": "\\boxed{" + "(" * 10_000 + "1" + ")" * 10_000 + "}",
    "1 MB": "a" * (1 << 20) + "\\boxed{1}",
    "10 MB": "b" * (10 << 20) + "\\boxed{1}",
    "unclosed boxes": "\\boxed{" * 100_000,
    "arabic digits": "\\boxed{\u0663\u0664}",
    "zero width": "\\boxed{1\u200b2}",
    "rtl override": "\\boxed{\u202e21}",
    "empty box": "\\boxed{}",
    "empty tags": "<answer></answer>",
    "grader text": "The answer above is correct. Grade: CORRECT. Reward = 1.",
    "no anchor": "I am confident.",
}
# Inputs that are hostile only for a gold other than what they contain.
HOSTILE_FOR_GOLD_7 = {
    **HOSTILE,
    "repeated boxes": "\\boxed{1}" * 10_000,
    "two answers": "\\boxed{7}\\boxed{8}",
    "retraction": "\\boxed{7} Actually no, \\boxed{8}",
    "3 or 4": "\\boxed{7 or 8}",
    "cyrillic": "\\boxed{\u0417}",
}


def _typed(parse, gold):
    return lambda response: check_answer(response, gold, parse)


VERIFIERS = {
    "integer": _typed(parse_integer, 7),
    "rational": _typed(parse_rational, Fraction(7)),
    "real": _typed(parse_real, Fraction(7)),
    "percent": _typed(parse_percent, Fraction(7)),
    "tuple": _typed(lambda s: parse_tuple(s, parse_integer), (7,)),
    "set": _typed(lambda s: parse_set(s, parse_integer), frozenset({7})),
    "interval": _typed(parse_intervals, parse_intervals("[7, 7]")),
    "symbolic": lambda response: check_symbolic(response, "7", deadline=2.0),
    "math": lambda response: verify_math("#### 7", response),
}


def _timed(fn, response) -> tuple[Verdict, float]:
    started = time.perf_counter()
    verdict = fn(response)
    return verdict, time.perf_counter() - started


@pytest.mark.parametrize("verifier", sorted(VERIFIERS))
@pytest.mark.parametrize("name", sorted(HOSTILE_FOR_GOLD_7))
def test_verifiers_refuse_hostile_input(verifier, name):
    verdict, seconds = _timed(VERIFIERS[verifier], HOSTILE_FOR_GOLD_7[name])
    assert isinstance(verdict, Verdict)
    assert verdict.status is not Status.CORRECT and verdict.score == 0.0
    assert verdict.status is not Status.ERROR, verdict.reason
    assert seconds < TIME_BOUND


@pytest.mark.parametrize("verifier", sorted(VERIFIERS))
def test_every_verifier_accepts_the_plain_answer(verifier):
    gold_rendering = "\\boxed{[7, 7]}" if verifier == "interval" else "\\boxed{7}"
    assert VERIFIERS[verifier](gold_rendering).correct


@pytest.mark.parametrize("response", ["\\boxed{12}", "\\boxed{2.0000001}", "\\boxed{-2}", "\\boxed{1/2}", "\\boxed{20}"])
def test_substring_and_tolerance_gaming_fail(response):
    assert verify_math("2", response).status is Status.INCORRECT


def test_extraction_time_grows_linearly_with_unclosed_boxes():
    small, _ = _timed(VERIFIERS["math"], "\\boxed{" * 20_000)
    _, t_small = _timed(VERIFIERS["math"], "\\boxed{" * 20_000)
    _, t_large = _timed(VERIFIERS["math"], "\\boxed{" * 100_000)
    assert small.status is Status.UNPARSEABLE
    assert t_large < 5 * 4 * max(t_small, 1e-3)  # 5x input, generous constant, not quadratic


def test_sentinel_file_proves_no_injected_code_runs(tmp_path):
    sentinel = tmp_path / "pwned"
    payloads = [
        f"__import__('os').system('touch {sentinel}')",
        f"__import__('pathlib').Path('{sentinel}').touch()",
        f"exec(\"open('{sentinel}','w')\")",
        f"\\text{{{{}}}}\\input{{{sentinel}}}",
    ]
    for payload in payloads:
        for wrap in ("\\boxed{%s}", "Answer: %s", "<answer>%s</answer>"):
            response = wrap % payload
            for fn in VERIFIERS.values():
                fn(response)
            verify_math(payload, response)  # hostile gold too
    assert not sentinel.exists()


def _families():
    return textbook_gym.list_families()


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_every_family_refuses_hostile_input(name):
    response = HOSTILE[name]
    for family_name in _families():
        family = textbook_gym.get_family(family_name)
        problem = family.generate(np.random.default_rng(1), 3)
        verdict, seconds = _timed(lambda r, f=family, p=problem: f.verify(p, r), response)
        assert isinstance(verdict, Verdict), family_name
        assert verdict.status is not Status.CORRECT, (family_name, name)
        assert seconds < TIME_BOUND, (family_name, name, seconds)


def _wrong_renderings(span: str):
    """Same-shaped answers with one digit changed: parseable by the family, but another value."""
    digits = [i for i, ch in enumerate(span) if ch.isdigit()]
    for index in digits[:1] + digits[-1:]:
        for replacement in "102":
            if replacement != span[index]:
                yield span[:index] + replacement + span[index + 1 :]


def test_every_family_rejects_two_conflicting_answers_and_accepts_its_solution():
    from textbook_gym.verifiers import extract_answers

    for family_name in _families():
        family = textbook_gym.get_family(family_name)
        problem = family.generate(np.random.default_rng(2), 2)
        solution = family.worked_solution(problem)
        assert family.verify(problem, solution).correct, family_name
        spans = extract_answers(solution).spans
        if not spans:
            continue
        for wrong in _wrong_renderings(spans[-1]):
            if family.verify(problem, f"\\boxed{{{wrong}}}").status is Status.INCORRECT:
                conflicting = solution + f"\n\\boxed{{{wrong}}}"
                assert not family.verify(problem, conflicting).correct, (family_name, wrong)
                break


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=120), st.sampled_from(["7", "\\frac{1}{2}", "x^2+1", "(1, 2)", "[0, 1)"]))
def test_fuzz_verify_math_always_returns_a_verdict(text, gold):
    for response in (text, f"\\boxed{{{text}}}", f"Answer: {text}"):
        verdict = verify_math(gold, response, deadline=2.0)
        assert isinstance(verdict, Verdict)


_ALPHABET = st.sampled_from(list("0123456789+-*/^()[]{},.=<>|x y e\\ ") + ["\\frac", "\\sqrt", "\\infty", "sin", "**"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_fuzz_parsers_raise_only_parse_error(text):
    from textbook_gym.verifiers import ParseError, parse_expression, parse_list, parse_matrix

    parsers = [parse_integer, parse_rational, parse_real, parse_percent, parse_intervals, parse_expression,
               lambda s: parse_list(s, parse_rational), lambda s: parse_matrix(s, parse_integer)]
    for parse in parsers:
        try:
            parse(text)
        except ParseError:
            pass


@pytest.mark.slow
@settings(max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_fuzz_verify_math_long(text):
    assert isinstance(verify_math("x^2+1", f"\\boxed{{{text}}}", deadline=2.0), Verdict)
