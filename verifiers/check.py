"""The verification pipeline every typed verifier shares.

``extract -> parse each distinct span -> reject conflicts -> compare with gold``,
wrapped so that it never raises: parser refusals become UNPARSEABLE, a bug in a
parser or comparator becomes ERROR (counted apart from INCORRECT), and Python's
own limits (recursion, the int-to-str digit limit, memory) are caught too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textbook_gym.verdict import Verdict
from textbook_gym.verifiers.errors import ParseError, VerificationTimeout
from textbook_gym.verifiers.extract import extract_answers

T = TypeVar("T")


def check_answer(
    response: str,
    gold: Any,
    parse: Callable[[str], T],
    equal: Callable[[T, Any], bool] | None = None,
    same: Callable[[T, T], bool] | None = None,
) -> Verdict:
    """Verify ``response`` against ``gold`` with a typed ``parse`` function.

    ``equal(parsed, gold)`` decides correctness (default ``==``); it may return None
    or raise :class:`~textbook_gym.verifiers.errors.VerificationTimeout` when it
    cannot decide in time, which gives a TIMEOUT verdict. ``same(a, b)``
    decides whether two parsed answers in one response agree (default: ``equal``
    applied symmetrically, i.e. ``==``). Spans the parser refuses are ignored when
    another span parses; if none parses the verdict is UNPARSEABLE.

    >>> from textbook_gym.verifiers.integers import parse_integer
    >>> check_answer("\\\\boxed{12}", 12, parse_integer).status.value
    'CORRECT'
    >>> check_answer("\\\\boxed{3}\\\\boxed{4}", 4, parse_integer).reason
    'conflicting final answers: 3, 4'
    """
    equal = equal or _eq
    same = same or _eq
    try:
        extraction = extract_answers(response)
        if extraction.problem is not None:
            if extraction.spans and len(extraction.spans) > 1:
                return Verdict.wrong(None, None, extraction.problem)
            return Verdict.unparseable(extraction.problem)
        if not extraction.spans:
            return Verdict.unparseable("no anchored answer (use \\boxed{...} or an 'Answer:' line)")
        parsed: list[tuple[str, T]] = []
        first_error = ""
        for span in extraction.spans:
            if not span:
                first_error = first_error or "empty answer"
                continue
            try:
                value = parse(span)
            except ParseError as exc:
                first_error = first_error or str(exc)
                continue
            except (ValueError, OverflowError, RecursionError) as exc:
                # ValueError covers Python's int-to-str digit limit; a parser should have
                # caught these itself, but an unparseable verdict is still the right one.
                first_error = first_error or f"answer could not be parsed ({type(exc).__name__})"
                continue
            if not any(same(value, other) for _, other in parsed):
                parsed.append((span, value))
        if not parsed:
            return Verdict.unparseable(first_error or "no parseable answer", extraction.spans[-1])
        if len(parsed) > 1:
            shown = ", ".join(span for span, _ in parsed[:4])
            return Verdict.wrong(parsed[-1][0], None, f"conflicting final answers: {shown}")
        span, value = parsed[0]
        try:
            decision = equal(value, gold)
        except VerificationTimeout as exc:
            return Verdict.timeout(str(exc), span)
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
        return Verdict.error(f"verifier failed: {type(exc).__name__}: {exc}")


def _eq(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b if isinstance(a, bool) or isinstance(b, bool) else a == b
