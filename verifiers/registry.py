"""Named verifiers, plug-in verifiers and the batch API.

The contract of a verifier: ``fn(response: str, gold, **options)`` returns a
:class:`~textbook_gym.Verdict`, a bool, or a score in [0, 1]. Register one with::

    @register_verifier("units")
    def check_units(response, gold, **options):
        ...

A registered verifier runs under the same rules as the built-in ones: it is
called in a sandbox worker with a deadline (``sandbox=True``, the default for
plug-ins), an exception becomes an ERROR verdict, an overrun a TIMEOUT verdict,
an odd return value an ERROR verdict. It never raises into the caller. Built-in
verifiers (``math``, ``integer``, ``rational``, ``real``, ``symbolic``) guard their
own input and send only their slow stages to the sandbox, so they run in process.

>>> run_verifier("math", "\\\\boxed{1/2}", "0.5").status.value
'CORRECT'
>>> sorted(list_verifiers())[:3]
['integer', 'math', 'rational']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from textbook_gym.verdict import Verdict
from textbook_gym.verifiers.check import check_answer

VerifierFn = Callable[..., Any]


@dataclass(frozen=True)
class RegisteredVerifier:
    """A verifier and how to run it."""

    name: str
    """Registry name, used by ``run_verifier``, ``verify_many`` and the TRL reward."""
    fn: VerifierFn
    """``fn(response, gold, **options) -> Verdict | bool | float``."""
    sandbox: bool = True
    """Run in a sandbox worker (needed for untrusted or possibly slow code)."""
    deadline: float = 5.0
    """Seconds a sandboxed call may take before its verdict is TIMEOUT."""

    def __call__(self, response: str, gold: Any, **options: Any) -> Verdict:
        return run_verifier(self, response, gold, **options)


_REGISTRY: dict[str, RegisteredVerifier] = {}


def register_verifier(name: str, *, sandbox: bool = True, deadline: float = 5.0, replace: bool = False):
    """Decorator that registers ``fn(response, gold, **options)`` under ``name``.

    Returns the function unchanged, so it stays usable directly.
    """
    if not isinstance(name, str) or not name:
        raise TypeError("register_verifier needs a non-empty name, e.g. @register_verifier('units')")

    def decorate(fn: VerifierFn) -> VerifierFn:
        if not callable(fn):
            raise TypeError(f"{fn!r} is not callable; register a function fn(response, gold, **options)")
        if name in _REGISTRY and not replace and _REGISTRY[name].fn is not fn:
            raise ValueError(f"a verifier named {name!r} is already registered; pick another name or pass replace=True")
        _REGISTRY[name] = RegisteredVerifier(name, fn, sandbox, float(deadline))
        return fn

    return decorate


def get_verifier(name: str) -> RegisteredVerifier:
    """The registered verifier called ``name``."""
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise KeyError(f"unknown verifier {name!r}; registered verifiers: {known}") from None


def list_verifiers() -> list[str]:
    return sorted(_REGISTRY)


def _as_verdict(result: Any) -> Verdict:
    from textbook_gym.custom import verdict_from_result

    return verdict_from_result(result)


def _resolve(verifier: str | RegisteredVerifier | VerifierFn) -> RegisteredVerifier:
    if isinstance(verifier, RegisteredVerifier):
        return verifier
    if isinstance(verifier, str):
        return get_verifier(verifier)
    if callable(verifier):
        return RegisteredVerifier(getattr(verifier, "__name__", "custom"), verifier)
    raise TypeError(f"expected a verifier name or a callable, got {type(verifier).__name__}")


def run_verifier(
    verifier: str | RegisteredVerifier | VerifierFn,
    response: str,
    gold: Any,
    *,
    deadline: float | None = None,
    pool: Any = None,
    **options: Any,
) -> Verdict:
    """Run one verifier on one response under the registry's deadline and error rules."""
    try:
        entry = _resolve(verifier)
    except (KeyError, TypeError) as exc:
        return Verdict.error(str(exc))
    limit = entry.deadline if deadline is None else float(deadline)
    if not entry.sandbox:
        try:
            return _as_verdict(entry.fn(response, gold, **options))
        except Exception as exc:  # noqa: BLE001 - a verifier may raise anything
            return Verdict.error(f"verifier {entry.name!r} raised {type(exc).__name__}: {exc}")
    if pool is None:
        from textbook_gym.verifiers.sandbox import default_pool

        pool = default_pool()
    # The function itself goes through the pool's cloudpickle path, so closures and
    # functions defined in a test or notebook work too.
    outcome = pool.call(entry.fn, response, gold, deadline=limit, **options)
    if outcome.kind == "timeout":
        return Verdict.timeout(f"verifier {entry.name!r} gave no answer within {limit:g} s")
    if outcome.kind == "error":
        return Verdict.error(f"verifier {entry.name!r} raised {outcome.error}")
    return _as_verdict(outcome.value)


def verify_many(
    responses: Sequence[str],
    golds: Sequence[Any],
    verifier: str | RegisteredVerifier | VerifierFn = "math",
    *,
    workers: int | None = None,
    **options: Any,
) -> list[Verdict]:
    """Verify many responses at once; results keep input order.

    Sandboxed verifiers spread over the pool's workers; in-process verifiers run on
    a small thread pool so that their sandboxed stages overlap.

    >>> [v.status.value for v in verify_many(["\\\\boxed{4}", "\\\\boxed{5}"], ["4", "4"])]
    ['CORRECT', 'INCORRECT']
    """
    if len(responses) != len(golds):
        raise ValueError(f"got {len(responses)} responses but {len(golds)} gold answers; pass one gold per response")
    if not responses:
        return []
    if workers is None:
        from textbook_gym.verifiers.sandbox import default_pool

        workers = (options.get("pool") or default_pool()).size
    if workers <= 1 or len(responses) == 1:
        return [run_verifier(verifier, r, g, **options) for r, g in zip(responses, golds)]
    with ThreadPoolExecutor(max_workers=min(workers, len(responses))) as threads:
        return list(threads.map(lambda pair: run_verifier(verifier, pair[0], pair[1], **options), zip(responses, golds)))


def _builtin(name: str, fn: VerifierFn) -> None:
    _REGISTRY[name] = RegisteredVerifier(name, fn, sandbox=False)


def _math(response: str, gold: Any, **options: Any) -> Verdict:
    from textbook_gym.verifiers.mathanswer import verify_math

    return verify_math(str(gold), response, **options)


def _typed(parser_name: str) -> VerifierFn:
    def verify(response: str, gold: Any, **options: Any) -> Verdict:
        from textbook_gym import verifiers

        parse = getattr(verifiers, parser_name)
        if isinstance(gold, str):
            gold = parse(gold)
        return check_answer(response, gold, parse)

    verify.__name__ = parser_name.replace("parse_", "")
    return verify


def _symbolic(response: str, gold: Any, **options: Any) -> Verdict:
    from textbook_gym.verifiers.equivalence import check_symbolic

    return check_symbolic(response, gold, **options)


_builtin("math", _math)
_builtin("integer", _typed("parse_integer"))
_builtin("rational", _typed("parse_rational"))
_builtin("real", _typed("parse_real"))
_builtin("symbolic", _symbolic)
