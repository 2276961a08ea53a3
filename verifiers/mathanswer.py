"""``verify_math``: the general-purpose checker for users' own math data sets.

Gold answers come as strings in the usual data-set styles: GSM8K (``"... #### 72"``),
MATH (a solution ending in ``\\boxed{\\frac{3}{4}}``), or a bare answer
(``"\\frac{3}{4}"``, ``"(1, 2)"``, ``"x^2 + 1"``). The response goes through the
shared extractor (anchored answers only, conflicting answers are INCORRECT).

Both sides are read into a typed value with the cheapest parser that accepts
them, in this order:

1. a real number (integer, fraction, mixed number, decimal, scientific, percent,
   thousands separators, ``\\$``, units in ``\\text{}``, degrees): exact Fraction;
2. a comma list: ``(1, 2)`` is an ordered tuple, ``\\{1, 2\\}`` and a bare ``1, 2``
   are unordered (each item read recursively);
3. an interval, union or inequality (:mod:`~textbook_gym.verifiers.intervals`);
4. an expression through the project's bounded parser; a leading ``x =`` is dropped;
5. other LaTeX: deferred to ``latex2sympy2_extended`` inside the sandbox;
6. otherwise normalized text.

Numbers compare exactly (``rel_tol``/``abs_tol`` opt into a tolerance), expressions
by :func:`~textbook_gym.verifiers.equivalence.equivalent`. Work that can hang runs
in the sandbox pool with ``deadline`` seconds; running out gives TIMEOUT.

>>> verify_math("Natalia sold 48 + 24 = 72 clips. #### 72", "... so \\\\boxed{72}").status.value
'CORRECT'
>>> verify_math("\\\\frac{3}{4}", "Answer: 0.75").status.value
'CORRECT'
>>> verify_math("2", "\\\\boxed{12}").status.value
'INCORRECT'
>>> verify_math("x^2+2x+1", "\\\\boxed{(x+1)^2}").status.value
'CORRECT'
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache
from typing import Any

import sympy

from textbook_gym.verdict import Verdict
from textbook_gym.verifiers.check import check_answer
from textbook_gym.verifiers.equivalence import DEFAULT_DEADLINE, quick_equivalent
from textbook_gym.verifiers.errors import LimitError, ParseError, VerificationTimeout
from textbook_gym.verifiers.extract import extract_answers
from textbook_gym.verifiers.guards import guard_span, split_top_level
from textbook_gym.verifiers.intervals import parse_intervals
from textbook_gym.verifiers.normalize import normalize_span
from textbook_gym.verifiers.numbers import parse_real, real_close
from textbook_gym.verifiers.structures import normalize_text
from textbook_gym.verifiers.symbolic import parse_expression

_UNIT_RE = re.compile(r"\s*\\(?:text|mbox|mathrm)\s*\{\s*[A-Za-z][A-Za-z .]*\}\s*$")
_DEGREE_RE = re.compile(r"\^\s*\{?\s*\\circ\s*\}?|°|\\degree")
_DOLLAR_RE = re.compile(r"\\\$|\$")
_PERCENT_RE = re.compile(r"\s*(?:\\%|%)\s*$")
_ASSIGN_RE = re.compile(r"^[A-Za-z](?:_\{?[A-Za-z0-9]+\}?)?\s*=\s*([^=]+)$")
_SPACING_RE = re.compile(r"\\[,;:!]|\\q?quad|\\left|\\right|\\displaystyle")
_WORDS_RE = re.compile(r"[^\W\d_][\w\s().,'-]*", re.UNICODE)
_INTERVALISH_RE = re.compile(r"\\cup|∪|\\infty|\boo\b|<|>|\\le|\\ge|\\neq|\\mathbb")

Value = tuple  # ("num", Fraction) | ("expr", Expr) | ("list", ordered, items) | ("set", Set) | ("latex", str) | ("text", str)


def _clean(span: str) -> str:
    text = normalize_span(guard_span(span))
    text = _DOLLAR_RE.sub("", text)
    text = _DEGREE_RE.sub("", text)
    text = _UNIT_RE.sub("", text)
    text = _SPACING_RE.sub(" ", text).strip()
    assign = _ASSIGN_RE.match(text)
    if assign:
        text = assign.group(1).strip()
    if not text:
        raise ParseError("empty answer")
    return text


def parse_math_value(span: str, _depth: int = 0) -> Value:
    """Read one answer span into the tagged value described in the module docstring."""
    text = _clean(span) if _depth == 0 else span.strip()
    if not text:
        raise ParseError("empty item in the answer")
    number_text = _PERCENT_RE.sub("", text)
    try:
        return ("num", parse_real(number_text))
    except LimitError:
        raise
    except ParseError:
        pass
    if _depth == 0 and _INTERVALISH_RE.search(text) or _mismatched_brackets(text):
        try:
            return ("set", parse_intervals(text))
        except ParseError:
            pass
    if _depth == 0:
        listed = _as_list(text)
        if listed is not None:
            return listed
    try:
        expr = parse_expression(text)
        if expr.is_Rational:
            return ("num", Fraction(int(expr.p), int(expr.q)))
        return ("expr", expr)
    except LimitError:
        raise  # a refused bomb must not reach the slower LaTeX parser
    except ParseError as exc:
        refusal = exc
    if "\\" in text or "{" in text:
        return ("latex", text)
    if not _WORDS_RE.fullmatch(text):
        raise refusal
    normalized = normalize_text(text)
    if not normalized:
        raise ParseError("empty answer")
    if normalized.lstrip("+-") in ("nan", "inf", "infinity"):
        raise ParseError(f"{text!r} is not a finite number; write \\infty for infinity")
    return ("text", normalized)


def _mismatched_brackets(text: str) -> bool:
    return len(text) > 2 and text[0] in "([" and text[-1] in ")]" and (text[0] + text[-1]) in ("(]", "[)")


def _as_list(text: str) -> Value | None:
    ordered = False
    body = text
    if text.startswith("\\{") and text.endswith("\\}"):
        body = text[2:-2]
    elif text[:1] + text[-1:] in ("()", "[]") and len(split_top_level(text[1:-1], ",")) > 1:
        body, ordered = text[1:-1], True
    parts = split_top_level(body, ",")
    if len(parts) < 2 and body == text:
        return None
    items = tuple(parse_math_value(part, 1) for part in parts)
    return ("list", ordered, items)


def _to_sympy(value: Value) -> Any:
    if value[0] == "num":
        return sympy.Rational(value[1].numerator, value[1].denominator)
    return value[1]


def _compare(a: Value, gold: Value, options: dict[str, Any], remote: bool) -> bool | None:
    """Compare a response value with the gold value; None when it needs the sandbox and ``remote`` is off."""
    kind, gold_kind = a[0], gold[0]
    if kind == "num" and gold_kind == "num":
        if options["rel_tol"] or options["abs_tol"]:
            return real_close(a[1], gold[1], rel_tol=options["rel_tol"], abs_tol=options["abs_tol"])
        return a[1] == gold[1]
    if kind in ("num", "expr") and gold_kind in ("num", "expr"):
        quick = quick_equivalent(_to_sympy(a), _to_sympy(gold))
        if quick is not None or not remote:
            return quick
        return _sandbox(_to_sympy(a), _to_sympy(gold), options)
    if kind == "list" and gold_kind == "list":
        return _compare_lists(a, gold, options, remote)
    if kind == "set" and gold_kind == "set":
        return a[1] == gold[1]
    if kind == "text" and gold_kind == "text":
        return a[1] == gold[1]
    if "latex" in (kind, gold_kind) and {kind, gold_kind} <= {"latex", "num", "expr", "set"}:
        if not remote:
            return None
        left = a[1] if kind == "latex" else _to_sympy(a)
        right = gold[1] if gold_kind == "latex" else _to_sympy(gold)
        return _sandbox_latex(left, right, options)
    return False


def _compare_lists(a: Value, gold: Value, options: dict[str, Any], remote: bool) -> bool | None:
    items, gold_items = a[2], gold[2]
    if len(items) != len(gold_items):
        return False
    if a[1] and gold[1]:
        results = [_compare(x, y, options, remote) for x, y in zip(items, gold_items)]
        return None if None in results and False not in results else all(results)
    remaining = list(gold_items)
    for item in items:
        for index, candidate in enumerate(remaining):
            if _compare(item, candidate, options, remote):
                del remaining[index]
                break
        else:
            return False
    return True


def _sandbox(a: Any, gold: Any, options: dict[str, Any]) -> bool:
    from textbook_gym.verifiers.equivalence import decide

    outcome = _pool(options).call(decide, a, gold, deadline=options["deadline"])
    if outcome.ok and outcome.value is not None:
        return bool(outcome.value)
    raise VerificationTimeout(_why(outcome, options))


def _sandbox_latex(a: Any, gold: Any, options: dict[str, Any]) -> bool:
    from textbook_gym.verifiers.latex import latex_decide

    outcome = _pool(options).call(latex_decide, gold, a, deadline=options["deadline"])
    if not outcome.ok:
        raise VerificationTimeout(_why(outcome, options))
    status, decision = outcome.value
    if status == "unparseable":
        raise ParseError("the answer is neither a number nor an expression this verifier can read")
    if status == "gold":
        raise RuntimeError("the gold answer could not be parsed; check the data set entry")
    if decision is None:
        raise VerificationTimeout("equivalence could not be decided")
    return bool(decision)


def _why(outcome: Any, options: dict[str, Any]) -> str:
    if outcome.kind == "timeout":
        return f"equivalence undecided within {options['deadline']:g} s"
    if outcome.kind == "ok":
        return "equivalence could not be decided"
    return f"the sandbox could not decide ({outcome.error[:120]})"


def _pool(options: dict[str, Any]) -> Any:
    if options.get("pool") is not None:
        return options["pool"]
    from textbook_gym.verifiers.sandbox import default_pool

    return default_pool()


def gold_span(gold: str) -> str:
    """The answer part of a gold string: after ``####``, the last ``\\boxed{}``, or all of it.

    >>> gold_span("48/2 = 24 clips in May. #### 72")
    '72'
    >>> gold_span("so the answer is $\\\\boxed{\\\\frac{1}{2}}$.")
    '\\\\frac{1}{2}'
    """
    if "####" in gold:
        return gold.rsplit("####", 1)[1].strip()
    if "\\boxed" in gold or "\\fbox" in gold:
        spans = extract_answers(gold).spans
        if spans:
            return spans[-1]
    return gold.strip()


@lru_cache(maxsize=4096)
def _parsed_gold(gold: str) -> Value:
    return parse_math_value(gold_span(gold))


def verify_math(
    gold: str,
    response: str,
    *,
    deadline: float = DEFAULT_DEADLINE,
    rel_tol: float = 0.0,
    abs_tol: float = 0.0,
    pool: Any = None,
) -> Verdict:
    """Check ``response`` against a GSM8K- or MATH-style ``gold`` string; never raises.

    ``rel_tol``/``abs_tol`` allow a tolerance on numeric answers (default: exact).
    ``deadline`` bounds sandboxed work per comparison; ``pool`` overrides the
    default sandbox pool. A gold answer that cannot be read gives an ERROR verdict
    (the data set is at fault, not the model).

    >>> verify_math("(1, 2)", "\\\\boxed{(2, 1)}").status.value
    'INCORRECT'
    >>> verify_math("[0, 1)", "\\\\boxed{0 \\\\le x < 1}").status.value
    'CORRECT'
    """
    if not isinstance(gold, str):
        return Verdict.error(f"gold must be a str, got {type(gold).__name__}")
    try:
        gold_value = _parsed_gold(gold)
    except ParseError as exc:
        return Verdict.error(f"the gold answer could not be parsed: {exc}")
    except Exception as exc:  # noqa: BLE001 - never raise
        return Verdict.error(f"the gold answer could not be parsed: {type(exc).__name__}")
    options = {"deadline": float(deadline), "rel_tol": rel_tol, "abs_tol": abs_tol, "pool": pool}

    def equal(value: Value, gold_value: Value) -> bool:
        result = _compare(value, gold_value, options, remote=True)
        if result is None:
            raise VerificationTimeout("equivalence could not be decided")
        return result

    def same(a: Value, b: Value) -> bool:
        return a == b or _compare(a, b, options, remote=False) is True

    return check_answer(response, gold_value, parse_math_value, equal=equal, same=same)
