"""Named verifiers, plug-in verifiers and the batch API.

The contract of a verifier: ``fn(response: str, gold, **options)`` returns a
:class:`~textbook_gym.Verdict`, a bool, or a score in [0, 1]. Register one with::

    @register_verifier("units")
    def check_units(response, gold, **options):
        ...

A registered verifier runs under the same rules as the built-in ones: it is
called in a worker of the custom-verifier sandbox pool (never the built-in checks'
pool) with a deadline (``sandbox=True``, the default for plug-ins); an exception
becomes an ERROR verdict, an overrun a TIMEOUT verdict, an odd return value an
ERROR verdict, and its result is read in the worker and normalized
(:mod:`~textbook_gym.verifiers.user`). It never raises into the caller. Built-in
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
    builtin: bool = False
    """A built-in check: it returns a Verdict itself and sends only its slow stages to the sandbox."""

    def __call__(self, response: str, gold: Any, **options: Any) -> Verdict:
        return run_verifier(self, response, gold, **options)


_REGISTRY: dict[str, RegisteredVerifier] = {}


def register_verifier(name: str, *, sandbox: bool = True, deadline: float = 5.0, replace: bool = False):
    """Decorator that registers ``fn(response, gold, **options)`` under ``name``.

    Returns the function unchanged, so it stays usable directly.
    """
    from textbook_gym.verifiers.sandbox import check_deadline

    if not isinstance(name, str) or not name:
        raise TypeError("register_verifier needs a non-empty name, e.g. @register_verifier('units')")

    def decorate(fn: VerifierFn) -> VerifierFn:
        if not callable(fn):
            raise TypeError(f"{fn!r} is not callable; register a function fn(response, gold, **options)")
        if name in _REGISTRY and not replace and _REGISTRY[name].fn is not fn:
            raise ValueError(f"a verifier named {name!r} is already registered; pick another name or pass replace=True")
        _REGISTRY[name] = RegisteredVerifier(name, fn, sandbox, check_deadline(deadline))
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
    """Run one verifier on one response under the registry's deadline and error rules.

    Never raises on account of the response, the gold or the verifier: those give a
    verdict. An invalid ``deadline`` (not finite and positive) is the caller's mistake
    and raises ValueError at once. A plug-in's result is normalized (see
    :func:`textbook_gym.verifiers.user.verdict_from_result`).
    """
    from textbook_gym.verifiers.sandbox import check_deadline
    from textbook_gym.verifiers.user import run_user_verifier, verdict_from_result

    try:
        entry = _resolve(verifier)
    except (KeyError, TypeError) as exc:
        return Verdict.error(str(exc.args[0] if exc.args else exc))
    limit = check_deadline(entry.deadline if deadline is None else deadline)
    if not entry.sandbox:
        try:
            if entry.builtin:  # a built-in check returns a Verdict and honours deadline and pool itself
                extra = {key: value for key, value in (("deadline", deadline), ("pool", pool)) if value is not None}
                return entry.fn(response, gold, **options, **extra)
            return verdict_from_result(entry.fn(response, gold, **options))
        except Exception as exc:  # noqa: BLE001 - a verifier may raise anything
            return Verdict.error(f"verifier {entry.name!r} raised {type(exc).__name__}: {exc}"[:500])
    # Plug-ins run in the custom-verifier pool, never beside the built-in checks; the
    # function travels by value (cloudpickle), so closures and notebook functions work.
    return run_user_verifier(entry.fn, response, gold, deadline=limit, name=f"verifier {entry.name!r}", pool=pool,
                             **options)


def verify_many(
    responses: Sequence[str],
    golds: Sequence[Any],
    verifier: str | RegisteredVerifier | VerifierFn = "math",
    *,
    workers: int | None = None,
    executor: Any = None,
    **options: Any,
) -> list[Verdict]:
    """Verify many responses at once; results keep input order, one verdict per response.

    Sandboxed verifiers spread over the pool's workers; in-process verifiers run on
    a small thread pool so that their sandboxed stages overlap. ``executor`` hands the
    whole batch to another engine with the same contract, such as
    ``textbook_gym.distributed.RayVerifierPool`` (``executor.verify_many(responses,
    golds, verifier, **options)``).

    >>> [v.status.value for v in verify_many(["\\\\boxed{4}", "\\\\boxed{5}"], ["4", "4"])]
    ['CORRECT', 'INCORRECT']
    """
    if len(responses) != len(golds):
        raise ValueError(f"got {len(responses)} responses but {len(golds)} gold answers; pass one gold per response")
    if "deadline" in options and options["deadline"] is not None:
        from textbook_gym.verifiers.sandbox import check_deadline

        options["deadline"] = check_deadline(options["deadline"])
    if not responses:
        return []
    if executor is not None:
        return list(executor.verify_many(list(responses), list(golds), verifier, **options))
    if workers is None:
        from textbook_gym.verifiers.sandbox import default_pool

        workers = (options.get("pool") or default_pool()).size
    if workers <= 1 or len(responses) == 1:
        return [run_verifier(verifier, r, g, **options) for r, g in zip(responses, golds)]
    with ThreadPoolExecutor(max_workers=min(workers, len(responses))) as threads:
        return list(threads.map(lambda pair: run_verifier(verifier, pair[0], pair[1], **options), zip(responses, golds)))


def _builtin(name: str, fn: VerifierFn) -> None:
    _REGISTRY[name] = RegisteredVerifier(name, fn, sandbox=False, builtin=True)


def _gold_text(gold: Any) -> str:
    """The gold as text; Python's int-to-str limit (``10**5000``) is a hostile gold, reported as such."""
    try:
        return gold if isinstance(gold, str) else str(gold)
    except ValueError as exc:
        raise ValueError(f"the gold answer cannot be written as text ({exc})") from None


def _math(response: str, gold: Any, **options: Any) -> Verdict:
    from textbook_gym.verifiers.mathanswer import verify_math

    try:
        text = _gold_text(gold)
    except ValueError as exc:
        return Verdict.error(str(exc))
    # A registered verifier is a reward: the strict (anchored) policy unless the caller picks another.
    return verify_math(text, response, **{"policy": "strict", **options})


def _typed(parser_name: str) -> VerifierFn:
    def verify(response: str, gold: Any, **options: Any) -> Verdict:
        from textbook_gym import verifiers

        parse = getattr(verifiers, parser_name)
        if isinstance(gold, str):
            try:
                gold = parse(gold)
            except ValueError as exc:  # ParseError included: the data set's gold is at fault
                return Verdict.error(f"the gold answer could not be parsed: {exc}")
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
