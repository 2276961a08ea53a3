"""The verification service: Ray actors, each with its own killable sandbox pool.

:class:`RayVerifierPool` has the one method the batch API needs,
``verify_many(responses, golds, verifier, **options) -> list[Verdict]``, so it drops
into ``textbook_gym.verifiers.verify_many(..., executor=pool)`` and anything built on
it. Inside each actor the *local* machinery runs unchanged: the registry's
``verify_many`` with the actor's own :class:`~textbook_gym.verifiers.sandbox.SandboxPool`,
so deadlines (TIMEOUT), raising verifiers (ERROR) and odd return values (ERROR) give
exactly the verdicts a single process gives.

What the service adds is the failure of a whole actor (its process, or its node):
the actor is replaced, the items it had in flight are retried once, one item per
task so that an item that kills its actor cannot take its neighbours down twice,
and an item whose retry dies as well is answered with an ERROR verdict that names
the cause. No item is lost and none is answered twice; :attr:`RayVerifierPool.log`
says what was retried.

A verifier is resolved in the caller's process (a name registered there, by a
plug-in or a notebook, need not be registered on the cluster) and shipped to the
actors by value with Ray's cloudpickle, as the local sandbox ships functions.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from textbook_gym.distributed.dispatch import ActorSlots, JobLog, Task, run_tasks
from textbook_gym.verdict import Verdict

LOCAL_ONLY_OPTIONS = ("pool", "workers", "executor")
"""``verify_many`` options that name the caller's own machinery; they are not sent to the actors."""


@dataclass(frozen=True)
class VerifierPoolConfig:
    """Shape of the verification service."""

    actors: int = 2
    """Verification actors (each a process with its own sandbox pool)."""
    sandbox_workers: int = 1
    """Sandbox worker processes per actor; the actor verifies this many items at once."""
    num_cpus: float = 1.0
    """CPUs Ray reserves per actor (fractions pack several actors on a small test cluster)."""
    chunk_items: int = 16
    """Items per task: large enough to amortise a remote call, small enough to spread work."""
    memory_mb: int = 4096
    """Address-space limit of each sandbox worker, in MiB (as the local pool)."""
    preload: tuple[str, ...] = ("sympy", "textbook_gym.verifiers.equivalence")
    """Modules every sandbox worker imports at start, so the first check does not pay for them."""
    retries: int = 1
    """Times an item is retried after its actor died before it is answered with ERROR."""
    start_timeout: float = 300.0
    """Seconds the actors may take to be placed and start before the pool gives up with an error."""
    stall_timeout: float | None = None
    """Kill and replace an actor that returns nothing for this many seconds (``None``: never).
    Sandboxed verifiers are bounded by their deadlines already; this guards in-process ones."""


class VerifierActor:
    """One verification actor (a plain class; :class:`RayVerifierPool` makes it a Ray actor)."""

    def __init__(self, sandbox_workers: int, memory_mb: int, preload: tuple[str, ...]):
        from textbook_gym.verifiers import sandbox

        # The built-in checks send their slow stages to the process-wide pool; in this actor
        # that is the actor's own pool, of the configured size. Plug-in verifiers get the
        # process's separate custom-verifier pool, as in a local process.
        self.pool = sandbox.SandboxPool(workers=sandbox_workers, memory_mb=memory_mb, preload=preload)
        sandbox.set_default_pool(self.pool)
        self.threads = sandbox_workers

    def pid(self) -> int:
        return os.getpid()

    def node(self) -> str:
        import ray

        return ray.get_runtime_context().get_node_id()

    def warm(self) -> int:
        """Start the sandbox workers now (the first real check would otherwise pay for it)."""
        outcome = self.pool.call(os.getpid, deadline=120.0)
        return int(outcome.value) if outcome.ok else -1

    def verify(self, responses: list[str], golds: list[Any], verifier: Any, options: dict[str, Any]) -> list[Verdict]:
        from textbook_gym.verifiers.registry import verify_many

        return verify_many(responses, golds, verifier, workers=self.threads, **options)


def _resolve(verifier: Any) -> tuple[Any, Verdict | None]:
    """The object to ship for ``verifier``, or the ERROR verdict a local run would give."""
    from textbook_gym.verifiers.registry import RegisteredVerifier, get_verifier

    if isinstance(verifier, str):
        try:
            return get_verifier(verifier), None
        except KeyError as exc:
            return None, Verdict.error(str(exc.args[0]) if exc.args else str(exc))
    if isinstance(verifier, RegisteredVerifier) or callable(verifier):
        return verifier, None
    return None, Verdict.error(f"expected a verifier name or a callable, got {type(verifier).__name__}")


class RayVerifierPool:
    """The verification service; see the module docstring.

    >>> pool = RayVerifierPool(VerifierPoolConfig(actors=2))            # doctest: +SKIP
    >>> pool.verify_many(["\\\\boxed{4}"], ["4"], "math")[0].status.value  # doctest: +SKIP
    'CORRECT'
    """

    name = "verifiers"

    def __init__(self, config: VerifierPoolConfig | None = None, *, log: JobLog | None = None):
        from textbook_gym.distributed.cluster import require_ray

        ray = require_ray()
        self.config = config or VerifierPoolConfig()
        if self.config.chunk_items < 1 or self.config.sandbox_workers < 1:
            raise ValueError("chunk_items and sandbox_workers must be >= 1")
        self.log = log if log is not None else JobLog()
        remote = ray.remote(VerifierActor)
        cfg = self.config

        def factory(slot: int):
            # SPREAD: actors go to different nodes first, so losing a node costs the fewest of them.
            return remote.options(num_cpus=cfg.num_cpus, max_restarts=0, max_task_retries=0,
                                  scheduling_strategy="SPREAD").remote(
                cfg.sandbox_workers, cfg.memory_mb, cfg.preload)

        self.slots = ActorSlots(self.name, factory, cfg.actors, self.log, asks=f"{cfg.num_cpus:g} CPU",
                                start_timeout=cfg.start_timeout)

    @property
    def size(self) -> int:
        """Items verified at once across the service (actors x sandbox workers)."""
        return len(self.slots) * self.config.sandbox_workers

    @property
    def actors(self) -> list[Any]:
        """The live actor handles, slot by slot (a replaced actor's slot holds the new one)."""
        return list(self.slots.handles)

    def warm(self) -> None:
        """Start every actor's sandbox workers now, so a benchmark or a job's first batch does not pay for it."""
        import ray

        ray.get([h.warm.remote() for h in self.slots.handles])

    def verify_many(
        self,
        responses: Sequence[str],
        golds: Sequence[Any],
        verifier: Any = "math",
        **options: Any,
    ) -> list[Verdict]:
        """Verdicts for ``responses`` against ``golds`` in input order, as the registry's ``verify_many``."""
        if len(responses) != len(golds):
            raise ValueError(f"got {len(responses)} responses but {len(golds)} gold answers; pass one gold per response")
        if not responses:
            return []
        entry, refusal = _resolve(verifier)
        if refusal is not None:
            return [refusal] * len(responses)
        import ray

        options = {k: v for k, v in options.items() if k not in LOCAL_ONLY_OPTIONS}
        entry_ref = ray.put(entry)  # one copy in the object store, not one per task
        responses, golds = list(responses), list(golds)
        size = self.config.chunk_items
        chunks = [tuple(range(s, min(s + size, len(responses)))) for s in range(0, len(responses), size)]
        tasks = [Task(key=items, payload=items, items=items) for items in chunks]

        def submit(handle, items):
            return handle.verify.remote([responses[i] for i in items], [golds[i] for i in items], entry_ref, options)

        def split(task: Task) -> list[Task]:
            return [Task(key=(i,), payload=(i,), items=(i,)) for i in task.items]

        def fail(task: Task, cause: str) -> list[Verdict]:
            reason = f"the verification actor died twice while checking this item ({cause})"
            return [Verdict.error(reason) for _ in task.items]

        results = run_tasks(self.slots, tasks, submit, fail, split=split, retries=self.config.retries,
                            stall_timeout=self.config.stall_timeout)
        verdicts: list[Verdict | None] = [None] * len(responses)
        for items, values in results.items():
            for i, verdict in zip(items, values):
                verdicts[i] = verdict
        missing = [i for i, v in enumerate(verdicts) if v is None]
        if missing:  # run_tasks answers every task; this guards the merge itself
            raise RuntimeError(f"verification lost items {missing[:10]}; this is a bug in textbook_gym.distributed")
        return verdicts  # type: ignore[return-value]

    def close(self) -> None:
        """Stop the actors (their sandbox workers exit with them)."""
        self.slots.close()

    def __enter__(self) -> RayVerifierPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["LOCAL_ONLY_OPTIONS", "RayVerifierPool", "VerifierActor", "VerifierPoolConfig"]
