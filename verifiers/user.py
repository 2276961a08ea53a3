"""Users' verifiers: how their results are read, and how they run in the sandbox.

A user's verifier ``fn(response, gold, **options)`` may return a bool, a score in
[0, 1] or a :class:`~textbook_gym.Verdict`. :func:`verdict_from_result` reads that
into a consistent Verdict, whatever the verifier claimed:

* ``True`` or ``1.0`` is CORRECT with score 1; ``False`` or ``0.0`` is INCORRECT;
* a score strictly between 0 and 1 is partial credit: CORRECT with that score
  (the reward is the score; ``verdict.score`` says how much);
* a Verdict is checked: CORRECT pays its score, which must be in (0, 1];
  INCORRECT, UNPARSEABLE, TIMEOUT and ERROR pay 0 (a ``Verdict(ERROR, 1.0)`` once
  paid a reward of 1; such a Verdict can no longer be built, so a verifier that
  tries gets an ERROR);
* anything else (NaN, a score outside [0, 1], another type) is an ERROR.

In the sandbox the verifier runs inside :class:`UserVerifierCall`, which reads its
result *in the worker* and sends back only the verdict's plain fields
(:func:`verdict_to_plain`); the parent rebuilds and re-checks the Verdict with
:func:`verdict_from_plain`. So nothing a user's verifier returns is unpickled in the
training process.

>>> verdict_from_result(True).status.value, verdict_from_result(0.25).score
('CORRECT', 0.25)
>>> from textbook_gym.verdict import Status, Verdict
>>> verdict_from_result(Verdict(Status.CORRECT, 0.0)).status.value
'ERROR'
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from numbers import Real
from typing import Any

from textbook_gym.verdict import Status, Verdict

_REASON_CHARS = 500
_EXTRACTED_CHARS = 2000


def _clip(text: Any, limit: int) -> str | None:
    if text is None:
        return None
    text = str(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def verdict_from_result(result: Any) -> Verdict:
    """Read a user verifier's return value into a consistent Verdict; anything odd is an ERROR."""
    if isinstance(result, Verdict):
        return _normalized(result)
    if isinstance(result, bool) or type(result).__name__ == "bool_":
        return Verdict.right(reason="verifier returned True") if result else Verdict.wrong(reason="verifier returned False")
    if isinstance(result, Real):
        try:
            score = float(result)
        except (TypeError, ValueError, OverflowError):
            return Verdict.error(f"verifier returned {type(result).__name__} that is not a usable number")
        if math.isnan(score) or not 0.0 <= score <= 1.0:
            return Verdict.error(f"verifier returned {score!r}; a score must be a number in [0, 1]")
        if score == 0.0:
            return Verdict.wrong(reason="verifier returned 0.0")
        if score == 1.0:
            return Verdict.right(reason="verifier returned 1.0")
        return Verdict(Status.CORRECT, score, reason=f"verifier gave partial credit {score:g}")
    return Verdict.error(
        f"verifier returned {type(result).__name__}; expected bool, a float in [0, 1] or a textbook_gym.Verdict"
    )


def _normalized(verdict: Verdict) -> Verdict:
    extracted = _clip(verdict.extracted, _EXTRACTED_CHARS)
    reason = _clip(verdict.reason, _REASON_CHARS) or ""
    if verdict.status is Status.CORRECT:
        if verdict.score <= 0.0:
            return Verdict.error("verifier returned CORRECT with score 0; a CORRECT verdict pays a score in (0, 1]",
                                 extracted)
        return Verdict(Status.CORRECT, verdict.score, extracted, verdict.parsed, reason)
    return Verdict(verdict.status, 0.0, extracted, verdict.parsed, reason)  # a Verdict pays only when CORRECT


def verdict_to_plain(verdict: Verdict) -> dict[str, Any]:
    """The fields of a Verdict as plain data (``parsed`` as a short repr) for the trip out of a worker."""
    return {
        "status": verdict.status.value,
        "score": verdict.score,
        "extracted": _clip(verdict.extracted, _EXTRACTED_CHARS),
        "parsed": None if verdict.parsed is None else _clip(repr(verdict.parsed), 200),
        "reason": _clip(verdict.reason, _REASON_CHARS) or "",
    }


def verdict_from_plain(data: Any) -> Verdict:
    """Rebuild (and re-check) a Verdict from :func:`verdict_to_plain`'s fields; anything malformed is an ERROR."""
    if not isinstance(data, dict):
        return Verdict.error(f"the sandbox sent back {type(data).__name__} instead of a verdict")
    try:
        status = Status(data.get("status"))
        score = float(data.get("score"))
        verdict = Verdict(status, score, _clip(data.get("extracted"), _EXTRACTED_CHARS), data.get("parsed"),
                          _clip(data.get("reason"), _REASON_CHARS) or "")
    except (ValueError, TypeError) as exc:
        return Verdict.error(f"the sandbox sent back a malformed verdict ({exc})")
    return _normalized(verdict)


class UserVerifierCall:
    """Runs a user's verifier in a sandbox worker and returns its verdict as plain data."""

    def __init__(self, fn: Callable[..., Any]):
        self.fn = fn

    def __call__(self, response: str, gold: Any, **options: Any) -> dict[str, Any]:
        try:
            result = self.fn(response, gold, **options)
        except Exception as exc:  # noqa: BLE001 - a user's verifier may raise anything
            return verdict_to_plain(Verdict.error(f"verifier raised {type(exc).__name__}: {exc}"))
        return verdict_to_plain(verdict_from_result(result))


_calls: dict[int, tuple[Callable[..., Any], UserVerifierCall]] = {}
_calls_lock = threading.Lock()


def user_call(fn: Callable[..., Any]) -> UserVerifierCall:
    """The sandbox wrapper of ``fn``, one per function, so the pool serializes it once."""
    with _calls_lock:
        cached = _calls.get(id(fn))
        if cached is None or cached[0] is not fn:
            if len(_calls) > 1024:
                _calls.clear()
            cached = _calls[id(fn)] = (fn, UserVerifierCall(fn))
        return cached[1]


def run_user_verifier(fn: Callable[..., Any], response: str, gold: Any, *, deadline: float, name: str = "verifier",
                      pool: Any = None, **options: Any) -> Verdict:
    """Run a user's verifier in the custom-verifier pool (or ``pool``); never raises on the verifier's account."""
    from textbook_gym.verifiers.sandbox import custom_pool

    outcome = (pool or custom_pool()).call(user_call(fn), response, gold, deadline=deadline, **options)
    if outcome.kind == "timeout":
        return Verdict.timeout(f"{name} gave no answer: {outcome.error}")
    if outcome.kind == "error":
        return Verdict.error(f"{name} failed in the sandbox: {outcome.error}"[:_REASON_CHARS])
    return verdict_from_plain(outcome.value)
