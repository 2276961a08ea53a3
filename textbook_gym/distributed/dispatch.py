"""Work queues over Ray actors that survive a dying actor.

Every distributed job here (verification, generation, rollouts) has the same shape:
a list of independent tasks, a few actors, and the rule from the issue: an actor
that dies is replaced and its in-flight tasks are retried once; a task whose retry
dies too becomes a failure *result* (an ERROR verdict, an exception), never a lost
item. :func:`run_tasks` is that loop, written once:

* each actor has at most ``per_actor`` tasks in flight (two: the next task is queued
  on the actor while the current one runs, so no actor waits for the driver), handed
  out round robin;
* a retried task runs alone on an idle actor, so an innocent item is never killed
  twice by a poisonous neighbour;
* a task's result is keyed, so results come back in task order whatever the actor
  or the timing, and the caller's merge is deterministic;
* ``ray.exceptions.RayActorError`` (the process died, its node died, it was killed)
  replaces the actor in its slot once per incarnation, however many of its tasks
  fail with it, and requeues those tasks at the front of the queue;
* an optional watchdog kills an actor that has had work in flight and returned
  nothing for ``stall_timeout`` seconds (a verifier stuck in C code outside any
  sandbox); its tasks then take the same retry path;
* an exception raised *by the task's code* is not a fault of the actor: it
  propagates to the caller unchanged.

The :class:`JobLog` records what was retried, what failed and how many actors were
replaced, for the report.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

MAX_CAUSE_CHARS = 400
"""A dead actor's error text is cut to this many characters in logs and verdicts."""


@dataclass
class JobLog:
    """What a distributed job had to redo; goes into reports as ``meta["cluster"]``."""

    retried: list[dict[str, Any]] = field(default_factory=list)
    """One entry per task resubmitted after its actor died: ``pool``, ``items`` (task keys), ``cause``."""
    failed: list[dict[str, Any]] = field(default_factory=list)
    """Tasks whose retry died too: ``pool``, ``items``, ``cause`` (reported as ERROR or raised)."""
    replaced: dict[str, int] = field(default_factory=dict)
    """Actors started to replace dead ones, per pool."""

    def mark(self) -> tuple[int, int, dict[str, int]]:
        """A bookmark: :meth:`since` gives what was logged after it (one job's share of a shared log)."""
        return len(self.retried), len(self.failed), dict(self.replaced)

    def since(self, mark: tuple[int, int, dict[str, int]]) -> JobLog:
        retried, failed, replaced = mark
        return JobLog([dict(e) for e in self.retried[retried:]], [dict(e) for e in self.failed[failed:]],
                      {k: v - replaced.get(k, 0) for k, v in self.replaced.items() if v - replaced.get(k, 0)})

    def merged(self, other: JobLog) -> JobLog:
        if other is self:
            return JobLog(list(self.retried), list(self.failed), dict(self.replaced))
        replaced = dict(self.replaced)
        for k, v in other.replaced.items():
            replaced[k] = replaced.get(k, 0) + v
        return JobLog(self.retried + other.retried, self.failed + other.failed, replaced)

    def retried_items(self, pool: str | None = None) -> int:
        return sum(len(e["items"]) for e in self.retried if pool is None or e["pool"] == pool)

    def to_dict(self) -> dict[str, Any]:
        return {"retried": [dict(e) for e in self.retried], "failed": [dict(e) for e in self.failed],
                "replaced": dict(self.replaced), "retried_items": self.retried_items()}


@dataclass
class Task:
    """One unit of work: ``key`` orders the results, ``items`` names what it covers in the log."""

    key: Any
    payload: Any
    items: tuple[Any, ...]
    tries: int = 0


class ActorSlots:
    """A fixed number of actor slots; a dead actor is replaced in its slot by ``factory(slot)``.

    ``on_replace(handle)`` runs on every replacement before it gets work (an engine
    loads the current weights there). ``generation[slot]`` counts incarnations, so
    several failed tasks of one dead actor replace it once.
    """

    def __init__(self, pool: str, factory: Callable[[int], Any], size: int, log: JobLog,
                 on_replace: Callable[[Any], None] | None = None, *, asks: str = "", start_timeout: float = 600.0):
        if size < 1:
            raise ValueError(f"{pool}: need at least one actor, got {size}")
        self.pool = pool
        self.factory = factory
        self.log = log
        self.on_replace = on_replace
        self.asks = asks
        self.start_timeout = start_timeout
        self.handles = [factory(slot) for slot in range(size)]
        self.generation = [0] * size
        self.wait_ready(self.handles)

    def wait_ready(self, handles: list) -> None:
        """Block until ``handles`` have started; an actor that cannot be placed is an error, not a hang."""
        import ray

        refs = [h.pid.remote() for h in handles]
        ready, pending = ray.wait(refs, num_returns=len(refs), timeout=self.start_timeout)
        if pending:
            raise RuntimeError(
                f"{self.pool}: {len(pending)} of {len(refs)} actors did not start within {self.start_timeout:g} s. "
                f"Each asks for {self.asks or 'its resources'}; the cluster has {ray.available_resources()} free "
                "now. Ask for less per actor (num_cpus, num_gpus), start fewer actors, close other pools or add nodes"
            )
        ray.get(ready)  # an actor whose constructor raised (a bad model path, say) raises here

    def __len__(self) -> int:
        return len(self.handles)

    def replace(self, slot: int, generation: int) -> None:
        if self.generation[slot] != generation:  # another failed task of the same actor did it already
            return
        import ray

        try:
            ray.kill(self.handles[slot], no_restart=True)
        except Exception:  # noqa: BLE001 - it is dead already; killing is only to be sure
            pass
        handle = self.factory(slot)
        self.wait_ready([handle])
        if self.on_replace is not None:
            self.on_replace(handle)
        self.handles[slot] = handle
        self.generation[slot] += 1
        self.log.replaced[self.pool] = self.log.replaced.get(self.pool, 0) + 1

    def kill(self, slot: int) -> None:
        """Kill the actor in ``slot`` (the watchdog; tests use it as a fault)."""
        import ray

        ray.kill(self.handles[slot], no_restart=True)

    def close(self) -> None:
        import ray

        for handle in self.handles:
            try:
                ray.kill(handle, no_restart=True)
            except Exception:  # noqa: BLE001 - closing must not fail on an actor that already died
                pass
        self.handles = []


def short_cause(exc: BaseException) -> str:
    """``ExcType: first lines`` of a Ray error, short enough for a verdict's reason."""
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}"[:MAX_CAUSE_CHARS]


def run_tasks(
    slots: ActorSlots,
    tasks: Sequence[Task],
    submit: Callable[[Any, Any], Any],
    fail: Callable[[Task, str], Any],
    *,
    split: Callable[[Task], list[Task]] | None = None,
    retries: int = 1,
    per_actor: int = 2,
    stall_timeout: float | None = None,
    on_result: Callable[[Task, Any], None] | None = None,
) -> dict[Any, Any]:
    """Run every task on the slots' actors; returns ``{task.key: result}`` (see the module docstring).

    ``submit(handle, payload)`` returns an ObjectRef. ``fail(task, cause)`` makes the
    result of a task that died ``retries + 1`` times (or raises). ``split(task)`` turns
    a dying task into the tasks to retry (single items, so one poisonous item does not
    take its neighbours down with it); by default the task is retried whole.
    ``on_result(task, value)`` is called as results arrive (progress bars).
    """
    import ray
    from ray.exceptions import GetTimeoutError, RayActorError

    queue: deque[Task] = deque(tasks)
    running: dict[Any, tuple[Task, int, int]] = {}
    inflight = [0] * len(slots)
    last_progress = [time.monotonic()] * len(slots)
    killed: dict[tuple[int, int], str] = {}
    results: dict[Any, Any] = {}
    alone = [False] * len(slots)  # the slot runs a retried task, with nothing queued behind it
    while queue or running:
        placed = True
        while queue and placed:  # round robin, one task per slot per pass, so work spreads evenly
            placed = False
            for slot in range(len(slots)):
                if not queue or alone[slot] or inflight[slot] >= per_actor:
                    continue
                if queue[0].tries and inflight[slot]:
                    continue  # a retry runs on an idle actor only: it must not die of a neighbour's fault
                task = queue.popleft()
                if inflight[slot] == 0:
                    last_progress[slot] = time.monotonic()
                ref = submit(slots.handles[slot], task.payload)
                running[ref] = (task, slot, slots.generation[slot])
                inflight[slot] += 1
                alone[slot] = bool(task.tries)
                placed = True
        wait = 1.0 if stall_timeout is None else min(1.0, stall_timeout / 4)
        ready, _ = ray.wait(list(running), num_returns=1, timeout=wait)
        if not ready:
            if stall_timeout is not None:
                now = time.monotonic()
                for slot in range(len(slots)):
                    key = (slot, slots.generation[slot])
                    if inflight[slot] and now - last_progress[slot] > stall_timeout and key not in killed:
                        killed[key] = f"the actor returned nothing for {stall_timeout:g} s and was killed"
                        slots.kill(slot)
            continue
        for ref in ready:
            task, slot, generation = running.pop(ref)
            if generation == slots.generation[slot]:
                inflight[slot] -= 1
                alone[slot] = False if task.tries else alone[slot]
                last_progress[slot] = time.monotonic()
            try:
                value = ray.get(ref, timeout=60)
            except (RayActorError, GetTimeoutError) as exc:
                cause = killed.get((slot, generation)) or short_cause(exc)
                if generation == slots.generation[slot]:
                    inflight[slot] = 0  # every task of the dead incarnation fails; the new one starts empty
                    alone[slot] = False
                slots.replace(slot, generation)
                if task.tries < retries:
                    again = split(task) if split is not None else [task]
                    for retry in again:
                        retry.tries = task.tries + 1
                    queue.extendleft(reversed(again))
                    slots.log.retried.append({"pool": slots.pool, "items": list(task.items), "cause": cause})
                else:
                    results[task.key] = fail(task, cause)
                    slots.log.failed.append({"pool": slots.pool, "items": list(task.items), "cause": cause})
                continue
            results[task.key] = value
            if on_result is not None:
                on_result(task, value)
    return results


__all__ = ["ActorSlots", "JobLog", "Task", "run_tasks", "short_cause"]
