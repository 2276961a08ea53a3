"""``verify_math``: grade a model's free-form math answer against a data set's gold answer.

See :func:`verify_math` for the rules, with runnable examples. The pieces:
:mod:`~textbook_gym.verifiers.policies` (which part of the response is the answer),
:mod:`~textbook_gym.verifiers.values` (what type of answer it is),
:mod:`~textbook_gym.verifiers.matching` (when two answers agree),
:mod:`~textbook_gym.verifiers.units`, :mod:`~textbook_gym.verifiers.numforms` and
:mod:`~textbook_gym.verifiers.relations`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from textbook_gym.verdict import Verdict
from textbook_gym.verifiers.check import check_answer
from textbook_gym.verifiers.equivalence import DEFAULT_DEADLINE
from textbook_gym.verifiers.errors import LimitError, ParseError, VerificationTimeout
from textbook_gym.verifiers.extract import extract_answers
from textbook_gym.verifiers.matching import compare
from textbook_gym.verifiers.policies import POLICIES, extract, is_prose
from textbook_gym.verifiers.values import Raw, raw, read_value

MAX_RAW_GOLD = 200
"""Longest gold answer kept as plain text when no reader accepts it (longer is an ERROR)."""
DEFAULT_PRECISION = 3
"""Significant digits a rounded decimal must state to match an exact non-terminating gold."""
_POINT_RE = re.compile(r"ordered pair|\bpoint\b|coordinates|\bvertex\b|\bvector\b|\(x,\s?y\)", re.IGNORECASE)
_INTERVAL_RE = re.compile(r"interval notation|\binterval\b|\brange\b|\bdomain\b|inequalit", re.IGNORECASE)


def parse_math_value(span: str) -> Any:
    """Read one answer span into a typed value (:mod:`~textbook_gym.verifiers.values`)."""
    return read_value(span)


def gold_span(gold: str) -> str:
    """The answer part of a gold string: after ``####``, the boxed answer(s), or all of it.

    A MATH solution with several distinct boxes (``\\boxed{2}`` and ``\\boxed{3}``) answers
    with all of them, as an unordered list.

    >>> gold_span("48/2 = 24 clips in May. #### 72")
    '72'
    >>> gold_span("so the answer is $\\\\boxed{\\\\frac{1}{2}}$.")
    '\\\\frac{1}{2}'
    >>> gold_span("The roots are $\\\\boxed{2}$ and $\\\\boxed{3}$.")
    '2, 3'
    """
    if "####" in gold:
        return gold.rsplit("####", 1)[1].strip()
    if "\\boxed" in gold or "\\fbox" in gold:
        spans = extract_answers(gold).spans
        if len(spans) > 1:
            return ", ".join(spans)
        if spans:
            return spans[0]
    return gold.strip()


@lru_cache(maxsize=16384)
def _parsed_gold(gold: str) -> Any:
    """The gold's value; a gold that is prose around an answer is read with the flexible policy;
    a gold no reader accepts is kept as normalized text (:class:`~textbook_gym.verifiers.values.Raw`)."""
    span = gold_span(gold)
    if is_prose(span) and any(ch.isdigit() for ch in span):
        found = extract(span, "flexible").spans  # "So the total is 4000 dollars."
        if found:
            try:
                return read_value(found[-1])
            except LimitError:
                raise
            except ParseError:
                pass
    try:
        return read_value(span)
    except LimitError:
        raise
    except ParseError as exc:
        found = extract(gold, "flexible").spans if is_prose(gold) else ()
        if found and found[-1] != span:
            try:
                return read_value(found[-1])
            except LimitError:
                raise
            except ParseError:
                pass
        if len(span) > MAX_RAW_GOLD or not span.strip() or span.strip().lower().lstrip("+-") in ("nan", "inf", "infinity"):
            raise exc
        return raw(span)


def _context(question: str | None) -> str | None:
    if not question:
        return None
    if _POINT_RE.search(question):
        return "point"
    if _INTERVAL_RE.search(question):
        return "interval"
    return None


def verify_math(
    gold: str,
    response: str,
    *,
    policy: str = "flexible",
    precision: int | None = DEFAULT_PRECISION,
    question: str | None = None,
    deadline: float = DEFAULT_DEADLINE,
    rel_tol: float = 0.0,
    abs_tol: float = 0.0,
    pool: Any = None,
) -> Verdict:
    """Check ``response`` against a GSM8K-, MATH- or plain-style ``gold`` string; never raises.

    **Gold answers.** ``"... #### 72"`` (GSM8K), a MATH solution (its boxed answer; several
    distinct boxes form an unordered list), or a bare answer in any form below. A gold
    that is prose around an answer is read with the flexible policy. A gold that still
    cannot be read is an ERROR verdict naming the cause (the data set is at fault).

    **Extraction** (``policy``; :mod:`~textbook_gym.verifiers.policies`): ``flexible``
    (the default, for grading other models' text), ``last`` (anchored answers, the last
    one wins), or ``strict`` (anchored answers only; conflicting anchored answers are
    INCORRECT; what environments use for rewards).

    >>> verify_math("Natalia sold 48 + 24 = 72 clips. #### 72", "... so \\\\boxed{72}").status.value
    'CORRECT'
    >>> verify_math("72", "So she sold 72 clips in total.").status.value
    'CORRECT'
    >>> verify_math("72", "So she sold 72 clips in total.", policy="strict").status.value
    'UNPARSEABLE'
    >>> verify_math("4", "\\\\boxed{3}. Wait, I mis-added: \\\\boxed{4}").status.value
    'CORRECT'
    >>> verify_math("4", "\\\\boxed{3}. Wait, I mis-added: \\\\boxed{4}", policy="strict").status.value
    'INCORRECT'
    >>> verify_math("\\\\frac{3}{4}", "The final answer is $0.75$. I hope it is correct.").status.value
    'CORRECT'
    >>> verify_math("4", "It is $\\\\boxed{3}$ or $\\\\boxed{4}$.").reason
    'hedged between two answers'
    >>> verify_math("1, -2", "The integers are $\\\\boxed{-2}$ and $\\\\boxed{1}$.").status.value
    'CORRECT'
    >>> verify_math("120", "Final Answer: The volume of $ABCD$ is 120. I hope it is correct.").status.value
    'CORRECT'

    **Numbers** compare exactly: ``2`` never matches ``2.0000001`` or ``12``.

    >>> verify_math("2", "\\\\boxed{12}").status.value
    'INCORRECT'
    >>> verify_math("1000000", "\\\\boxed{1\\\\,000\\\\,000}").status.value
    'CORRECT'
    >>> verify_math("\\\\frac{1}{3}", "\\\\boxed{0.\\\\overline{3}}").status.value
    'CORRECT'
    >>> verify_math("5", "The answer is five.").status.value
    'CORRECT'

    *Rounding*: a decimal with ``d`` places matches an exact gold that is not a terminating
    decimal when the gold rounds to it and it states at least ``precision`` significant
    digits (default 3; ``precision=None``: exact only).

    >>> verify_math("\\\\frac{1}{3}", "\\\\boxed{0.333}").status.value
    'CORRECT'
    >>> verify_math("\\\\frac{1}{3}", "\\\\boxed{0.33}").status.value
    'INCORRECT'
    >>> verify_math("\\\\frac{1}{3}", "\\\\boxed{0.333}", precision=None).status.value
    'INCORRECT'

    *Percentages*: ``25\\%`` matches ``25`` (the question asked for a percent) and, when only
    one side carries the sign, ``0.25``. *Units*: only known unit words are dropped; units on
    both sides are converted; ``\\text{ or more}`` is not a unit. *Degrees*: a degree sign on one
    side converts radians.

    >>> verify_math("25\\\\%", "\\\\boxed{0.25}").status.value
    'CORRECT'
    >>> verify_math("5 \\\\text{ cm}", "\\\\boxed{50 \\\\text{ mm}}").status.value
    'CORRECT'
    >>> verify_math("72", "\\\\boxed{72 \\\\text{ or more}}").status.value
    'UNPARSEABLE'
    >>> verify_math("30^\\\\circ", "\\\\boxed{\\\\frac{\\\\pi}{6}}").status.value
    'CORRECT'

    **Intervals, pairs and sets** are told apart by their brackets: a pair ``(a, b)``
    matches an inequality for the interval it writes, never the other brackets; a set
    ``\\{..\\}`` never matches a pair. ``question`` gives context ("ordered pair", "point"
    make a pair a point, never an interval).

    >>> verify_math("(0, 1)", "\\\\boxed{[0, 1]}").status.value
    'INCORRECT'
    >>> verify_math("(0, 1)", "\\\\boxed{0 < x < 1}").status.value
    'CORRECT'
    >>> verify_math("(0, 1)", "\\\\boxed{0 < x < 1}", question="Find the point (x, y).").status.value
    'INCORRECT'
    >>> verify_math("(-1, 5)", "\\\\boxed{\\\\{-1, 5\\\\}}").status.value
    'INCORRECT'
    >>> verify_math("(1, 2)", "\\\\boxed{(2, 1)}").status.value
    'INCORRECT'
    >>> verify_math("[0, 1)", "\\\\boxed{0 \\\\le x < 1}").status.value
    'CORRECT'

    **Relations and equations**: inequalities compare as sets (``x \\ge 5`` = ``5 \\le x``,
    ``-x > -1`` = ``x < 1``); equations in several variables match when proportional;
    ``\\approx`` and chains ``a = b = c`` give their final value; ``x = 1 \\text{ or } x = 2``
    and ``\\pm`` are unordered lists.

    >>> verify_math("x \\\\ge 5", "\\\\boxed{5 \\\\le x}").status.value
    'CORRECT'
    >>> verify_math("x < 1", "\\\\boxed{-x > -1}").status.value
    'CORRECT'
    >>> verify_math("2x+4y-3=0", "\\\\boxed{y = -\\\\frac{x}{2} + \\\\frac{3}{4}}").status.value
    'CORRECT'
    >>> verify_math("1, 2", "\\\\boxed{x = 2 \\\\text{ or } x = 1}").status.value
    'CORRECT'
    >>> verify_math("1 \\\\pm \\\\sqrt{2}", "\\\\boxed{1+\\\\sqrt{2}, 1-\\\\sqrt{2}}").status.value
    'CORRECT'
    >>> verify_math("72", "\\\\boxed{8 \\\\cdot 9 = 72}").status.value
    'CORRECT'

    **Matrices** (``pmatrix``, ``bmatrix``, ``array``, ``\\left[..\\right]``) compare element-wise;
    **base subscripts** keep their digits (``204_5`` is not ``54``); **text** is compared after
    normalizing case, articles and LaTeX text commands.

    >>> verify_math("\\\\begin{pmatrix}1\\\\\\\\2\\\\end{pmatrix}", "\\\\boxed{\\\\begin{bmatrix}1\\\\\\\\2\\\\end{bmatrix}}").status.value
    'CORRECT'
    >>> verify_math("204_5", "\\\\boxed{204}").status.value
    'CORRECT'
    >>> verify_math("204_5", "\\\\boxed{54}").status.value
    'INCORRECT'
    >>> verify_math("\\\\text{Monday}", "The answer is the monday.").status.value
    'CORRECT'

    ``rel_tol``/``abs_tol`` allow a tolerance on numbers (default exact); ``deadline`` bounds
    sandboxed work per comparison; ``pool`` overrides the default sandbox pool.
    """
    if not isinstance(gold, str):
        return Verdict.error(f"gold must be a str, got {type(gold).__name__}")
    if policy not in POLICIES:
        return Verdict.error(f"unknown extraction policy {policy!r}; use one of {', '.join(POLICIES)}")
    try:
        gold_value = _parsed_gold(gold)
    except ParseError as exc:
        return Verdict.error(f"the gold answer could not be parsed: {exc}")
    except Exception as exc:  # noqa: BLE001 - never raise
        return Verdict.error(f"the gold answer could not be parsed: {type(exc).__name__}")
    options = {
        "deadline": float(deadline), "rel_tol": rel_tol, "abs_tol": abs_tol, "pool": pool,
        "precision": precision, "context": _context(question),
    }

    def equal(value: Any, gold_value: Any) -> bool:
        result = compare(value, gold_value, options, remote=True)
        if result is None:
            raise VerificationTimeout("equivalence could not be decided")
        return result

    def same(a: Any, b: Any) -> bool:
        return a == b or compare(a, b, options, remote=False) is True

    parse = parse_math_value
    if isinstance(gold_value, Raw):
        def parse(span: str) -> Any:
            return raw(span)

    if policy == "strict":
        return check_answer(response, gold_value, parse, equal=equal, same=same)
    return _grade_one(response, policy, gold_value, equal, parse)


def _grade_one(response: str, policy: str, gold_value: Any, equal: Any, parse: Any) -> Verdict:
    """The single-answer pipeline of the ``last`` and ``flexible`` policies (never raises)."""
    try:
        extraction = extract(response, policy)
        if extraction.problem is not None:
            if len(extraction.spans) > 1:
                return Verdict.wrong(None, None, extraction.problem)
            return Verdict.unparseable(extraction.problem)
        if not extraction.spans:
            return Verdict.unparseable("no answer found in the response")
        span = extraction.spans[-1]
        try:
            value = parse(span)
        except ParseError as exc:
            return Verdict.unparseable(str(exc), span)
        except (ValueError, OverflowError, RecursionError) as exc:
            return Verdict.unparseable(f"answer could not be parsed ({type(exc).__name__})", span)
        try:
            decision = equal(value, gold_value)
        except VerificationTimeout as exc:
            return Verdict.timeout(str(exc), span)
        except ParseError as exc:
            return Verdict.unparseable(str(exc), span)
        return Verdict.right(span, value) if decision else Verdict.wrong(span, value)
    except MemoryError:
        return Verdict.error("verifier ran out of memory")
    except Exception as exc:  # noqa: BLE001 - the contract is: never raise
        return Verdict.error(f"verifier failed: {type(exc).__name__}: {exc}")
