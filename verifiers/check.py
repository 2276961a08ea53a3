"""The verification pipeline every typed verifier shares.

``extract -> parse each distinct span -> reject conflicts and hedges -> compare with gold``,
wrapped so that it never raises: parser refusals become UNPARSEABLE, a bug in a
parser or comparator becomes ERROR (counted apart from INCORRECT), and Python's
own limits (recursion, the int-to-str digit limit, memory) are caught too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textbook_gym.verdict import Verdict
from textbook_gym.verifiers.errors import GoldError, ParseError, VerificationTimeout
from textbook_gym.verifiers.extract import Extraction, extract_answers

T = TypeVar("T")


def _extract(response: str, policy: str) -> Extraction:
    if policy == "strict":
        return extract_answers(response)
    from textbook_gym.verifiers.policies import extract

    return extract(response, policy)


def check_answer(
    response: str,
    gold: Any,
    parse: Callable[[str], T],
    equal: Callable[[T, Any], bool] | None = None,
    same: Callable[[T, T], bool] | None = None,
    *,
    policy: str = "strict",
) -> Verdict:
    """Verify ``response`` against ``gold`` with a typed ``parse`` function.

    ``equal(parsed, gold)`` decides correctness (default ``==``); it may return None
    or raise :class:`~textbook_gym.verifiers.errors.VerificationTimeout` when it
    cannot decide in time, which gives a TIMEOUT verdict, or raise
    :class:`~textbook_gym.verifiers.errors.GoldError` when the gold cannot be used,
    which gives an ERROR verdict. ``same(a, b)`` decides whether two parsed answers
    in one response agree (default: ``==``).

    Every distinct anchored answer counts, parsed or not: a response whose answers
    disagree, or that adds an answer the parser refuses to one it accepts
    (``\\boxed{72}\\boxed{73?}``), is INCORRECT ("conflicting final answers"): a
    hedge never earns credit for the answer it hedges. A single answer the parser
    refuses is UNPARSEABLE. ``policy`` picks the extraction rule
    (:mod:`~textbook_gym.verifiers.policies`): ``strict`` (the default), ``last`` or
    ``flexible``.

    >>> from textbook_gym.verifiers.integers import parse_integer
    >>> check_answer("\\\\boxed{12}", 12, parse_integer).status.value
    'CORRECT'
    >>> check_answer("\\\\boxed{3}\\\\boxed{4}", 4, parse_integer).reason
    'conflicting final answers: 3, 4'
    >>> check_answer("\\\\boxed{12}\\\\boxed{13?}", 12, parse_integer).status.value
    'INCORRECT'
    """
    equal = equal or _eq
    same = same or _eq
    try:
        extraction = _extract(response, policy)
        if extraction.problem is not None:
            if extraction.spans and len(extraction.spans) > 1:
                return Verdict.wrong(None, None, extraction.problem)
            return Verdict.unparseable(extraction.problem)
        if not extraction.spans:
            return Verdict.unparseable("no anchored answer (use \\boxed{...} or an 'Answer:' line)")
        parsed: list[tuple[str, T]] = []
        refused: list[tuple[str, str]] = []
        for span in extraction.spans:
            try:
                if not span:
                    raise ParseError("empty answer")
                value = parse(span)
            except (ParseError, ValueError, OverflowError, RecursionError) as exc:
                # ValueError covers Python's int-to-str digit limit; a parser should have
                # caught these itself, but the span still counts as an answer given.
                reason = str(exc) if isinstance(exc, ParseError) else f"answer could not be parsed ({type(exc).__name__})"
                refused.append((span, reason))
                continue
            if not any(same(value, other) for _, other in parsed):
                parsed.append((span, value))
        if refused and (parsed or len(refused) > 1):
            shown = ", ".join(_clip(span) for span in extraction.spans[:4])
            return Verdict.wrong(extraction.spans[-1], None, f"conflicting final answers: {shown} "
                                 f"({len(refused)} of them not a valid answer: {refused[0][1]})")
        if not parsed:
            return Verdict.unparseable(refused[0][1] if refused else "no parseable answer", extraction.spans[-1])
        if len(parsed) > 1:
            shown = ", ".join(_clip(span) for span, _ in parsed[:4])
            return Verdict.wrong(parsed[-1][0], None, f"conflicting final answers: {shown}")
        span, value = parsed[0]
        try:
            decision = equal(value, gold)
        except VerificationTimeout as exc:
            return Verdict.timeout(str(exc), span)
        except GoldError as exc:
            return Verdict.error(f"the gold answer cannot be used: {exc}", span)
        except ParseError as exc:  # a comparator that parses lazily (e.g. in the sandbox)
            return Verdict.unparseable(str(exc), span)
        if decision is None:
            return Verdict.timeout("the comparison could not be decided in time", span)
        if decision:
            return Verdict.right(span, value)
        return Verdict.wrong(span, value)
    except MemoryError:
        return Verdict.error("verifier ran out of memory")
    except Exception as exc:  # noqa: BLE001 - the contract is: never raise
        return Verdict.error(f"verifier failed: {type(exc).__name__}: {exc}"[:500])


def _clip(span: str, limit: int = 40) -> str:
    return span if len(span) <= limit else span[: limit - 3] + "..."


def _eq(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b if isinstance(a, bool) or isinstance(b, bool) else a == b
