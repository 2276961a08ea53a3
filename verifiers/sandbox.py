"""A pool of long-lived, killable worker processes for work that can hang.

Symbolic simplification, LaTeX parsing and users' own verifiers can run for an
unbounded time on hostile input. Python cannot interrupt a thread stuck in C code,
and ``signal.alarm`` only works in the main thread of the main interpreter, so the
only reliable deadline is a separate process that can be killed. The protocol:

* workers start with ``spawn`` (no forked locks; works beside threads and CUDA),
  each in a process group of its own, with an address-space limit (``RLIMIT_AS``);
  killing a worker kills its whole group, so processes it forked die with it;
* the deadline counts from the call: waiting for a free worker, a replacement
  worker that is still starting and the work itself all come out of it, and a call
  that runs out returns a TIMEOUT outcome that says how long it took. The one
  exception is a pool's first start (spawning and importing, seconds on a busy
  machine), which the first calls wait for (:meth:`SandboxPool.warm`, bounded by
  :data:`STARTUP_TIMEOUT`) so that a cold pool does not turn right answers into
  TIMEOUTs; call ``warm()`` to pay it up front;
* every request carries an id and a reply is accepted only for its own request; a
  worker whose reply is late, missing, oversized or for another request is killed
  and never handed to another caller (a replacement starts at once);
* replies cross back as plain data (JSON: None, bool, int, float, str, lists and
  str-keyed dicts of them), at most :data:`MAX_REPLY_BYTES`; nothing the worker
  sends is unpickled in the parent, so a hostile return value cannot run code here;
* an interrupt (``KeyboardInterrupt``, ``SystemExit``, asyncio cancellation) while a
  call waits kills the busy worker, starts a replacement and re-raises;
* ``recycle_after`` replaces a worker after that many calls, so state one call
  leaves behind (a patched module, a changed sympy setting) has a bounded life.

Built-in checks use :func:`default_pool`; users' verifiers use :func:`custom_pool`,
whose workers are never shared with the built-in checks.

Requests travel to the worker with cloudpickle (the parent trusts itself), so
lambdas and closures work; a function is serialized once per pool and cached.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import itertools
import json
import math
import multiprocessing as mp
import os
import queue
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import cloudpickle

DEFAULT_MEMORY_MB = 4096
"""Address-space limit of each worker, in MiB."""
DEFAULT_DEADLINE = 5.0
"""Seconds a call may take, from the call to the reply, before it is a TIMEOUT."""
MAX_DEADLINE = 24 * 3600.0
"""The longest deadline accepted: a deadline is a bound, not a way to wait forever."""
STARTUP_TIMEOUT = 120.0
"""Seconds a new worker may take to import and report ready before it is replaced."""
MAX_REPLY_BYTES = 1 << 20
"""Largest reply (JSON bytes) a worker may send; a larger result is an error outcome."""
_POLL_SLICE = 0.05
"""How often a call that can be cancelled checks for cancellation, in seconds."""


def check_deadline(deadline: Any) -> float:
    """Return ``deadline`` as a float if it is a finite number of seconds in (0, MAX_DEADLINE].

    Raises ValueError otherwise: an infinite or NaN deadline once left a request in
    flight on a pooled worker, whose late reply then answered other callers.
    """
    try:
        value = float(deadline)
    except (TypeError, ValueError):
        raise ValueError(f"deadline must be a number of seconds, got {deadline!r}") from None
    if not (math.isfinite(value) and 0 < value <= MAX_DEADLINE):
        raise ValueError(f"deadline must be finite and in (0, {MAX_DEADLINE:g}] seconds, got {deadline!r}")
    return value


@dataclass(frozen=True)
class Outcome:
    """What happened to one call: ``kind`` is ``"ok"``, ``"error"`` or ``"timeout"``."""

    kind: str
    value: Any = None
    """The function's return value as plain data (tuples arrive as lists) when ``kind == "ok"``."""
    error: str = ""
    """``"ExcType: message"`` when the function raised, the worker died or the reply was refused."""
    seconds: float = 0.0
    """Wall time from the call to its outcome, waiting for a worker included."""

    @property
    def ok(self) -> bool:
        return self.kind == "ok"


# --------------------------------------------------------------------------- worker side
def _plain(value: Any, depth: int = 0) -> Any:
    """``value`` as JSON-ready plain data, or raise TypeError naming what is not plain."""
    if depth > 20:
        raise TypeError("the result nests deeper than 20 levels")
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, (list, tuple)):
        return [_plain(item, depth + 1) for item in value]
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        return {key: _plain(item, depth + 1) for key, item in value.items()}
    # numpy scalars and sympy's true/false are common and harmless: convert them by value.
    if type(value).__name__ in ("bool_", "BooleanTrue", "BooleanFalse"):
        return bool(value)
    if type(value).__module__ == "numpy" and type(value).__name__ != "ndarray" and hasattr(value, "item"):
        return _plain(value.item(), depth + 1)
    raise TypeError(f"a {type(value).__name__} cannot cross back as plain data (None, bool, int, float, str, list, dict)")


def _encode(request_id: int, kind: str, payload: Any) -> bytes:
    try:
        data = json.dumps([request_id, kind, _plain(payload) if kind == "ok" else str(payload)[:2000]])
    except (TypeError, ValueError, RecursionError) as exc:
        data = json.dumps([request_id, "error", f"result could not be sent back: {exc}"[:2000]])
    if len(data) > MAX_REPLY_BYTES:
        data = json.dumps([request_id, "error", f"result is {len(data)} bytes; the limit is {MAX_REPLY_BYTES}"])
    return data.encode()


def _worker_main(conn, memory_mb: int, preload: tuple[str, ...]) -> None:
    with contextlib.suppress(OSError):
        os.setsid()  # a process group of our own: the parent kills it whole, children included
    # Ctrl-C at a terminal goes to the parent, which decides; the worker ignores it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform: run without it
        pass
    for name in preload:
        try:
            __import__(name)
        except Exception:  # noqa: BLE001 - a failed preload is retried on use
            pass
    functions: dict[int, Callable] = {}
    conn.send_bytes(json.dumps(["ready", os.getpid()]).encode())
    while True:
        try:
            message = conn.recv_bytes()
        except (EOFError, OSError):
            return
        if not message:
            return
        request_id = -1
        try:
            request_id, key, blob, args, kwargs = cloudpickle.loads(message)
            fn = functions.get(key)
            if fn is None:
                fn = functions[key] = cloudpickle.loads(blob)
            reply = _encode(request_id, "ok", fn(*args, **kwargs))
        except MemoryError:
            reply = _encode(request_id, "error", "MemoryError: the call exceeded the worker's memory limit")
        except BaseException as exc:  # noqa: BLE001 - report everything (SystemExit too) to the parent
            reply = _encode(request_id, "error", traceback.format_exception_only(type(exc), exc)[-1].strip())
        # A timer a call armed must not fire during the next call (it would kill an innocent one).
        with contextlib.suppress(OSError, ValueError):
            signal.setitimer(signal.ITIMER_REAL, 0)
        try:
            conn.send_bytes(reply)
        except (OSError, ValueError):
            return


# --------------------------------------------------------------------------- parent side
_main_lock = threading.Lock()


@contextlib.contextmanager
def _without_main_module():
    """Start a spawn child without re-running the caller's ``__main__`` script.

    ``spawn`` normally re-imports the main module in the child, which fails (or
    re-runs a whole training script) when it lacks an ``if __name__ == "__main__"``
    guard. Workers never need it: functions travel by value with cloudpickle. So the
    main module's file and spec are hidden for the moment the child is launched.
    """
    main = sys.modules.get("__main__")
    with _main_lock:
        saved = {name: getattr(main, name) for name in ("__file__", "__spec__") if hasattr(main, name)}
        try:
            for name in saved:
                if name == "__file__":
                    delattr(main, name)
                else:
                    setattr(main, name, None)
            yield
        finally:
            for name, value in saved.items():
                setattr(main, name, value)


class _Worker:
    def __init__(self, ctx, memory_mb: int, preload: tuple[str, ...]):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, memory_mb, preload), daemon=True)
        with _without_main_module():
            self.process.start()
        child.close()
        self.born = time.monotonic()
        self.ready = False
        self.calls = 0
        self.known: set[int] = set()

    def wait_ready(self, timeout: float) -> bool:
        """True once the worker reported ready; False if it has not within ``timeout`` seconds."""
        if self.ready:
            return True
        if not self.conn.poll(max(0.0, timeout)):
            if time.monotonic() - self.born > STARTUP_TIMEOUT:
                raise RuntimeError(f"a sandbox worker did not start within {STARTUP_TIMEOUT:.0f} s")
            return False
        try:
            tag = json.loads(self.conn.recv_bytes(1024))[0]
        except (EOFError, OSError, ValueError) as exc:
            raise RuntimeError(f"a sandbox worker died while starting ({type(exc).__name__})") from None
        if tag != "ready":
            raise RuntimeError(f"a sandbox worker sent {tag!r} instead of 'ready'")
        self.ready = True
        return True

    def kill(self) -> None:
        pid = self.process.pid
        if pid is not None:
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)  # the worker and everything it forked
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.conn.send_bytes(b"")
        self.process.join(timeout=2)
        self.kill()


class _Lease:
    """One call's hold on a worker: ``holding`` (nothing sent), ``in_flight`` (request sent), ``released``."""

    def __init__(self, worker: _Worker):
        self.worker = worker
        self.state = "holding"

    def give_back(self, pool: SandboxPool) -> None:
        self.state = "released"
        pool._idle.put(self.worker)

    def discard(self, pool: SandboxPool, killed: bool = True) -> None:
        self.state = "released"
        pool._replace(self.worker, count=killed)


class SandboxPool:
    """A fixed-size pool of spawn-started worker processes with per-call deadlines.

    ``recycle_after`` replaces a worker after that many calls (None: never).
    """

    def __init__(
        self,
        workers: int | None = None,
        memory_mb: int = DEFAULT_MEMORY_MB,
        preload: Iterable[str] = (),
        recycle_after: int | None = None,
    ):
        self.size = int(workers or max(1, min(4, os.cpu_count() or 1)))
        if self.size < 1:
            raise ValueError(f"a SandboxPool needs at least one worker, got workers={workers!r}")
        self.memory_mb = int(memory_mb)
        self.preload = tuple(preload)
        self.recycle_after = recycle_after
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._started = False
        self._warmed = threading.Event()
        self._warm_lock = threading.Lock()
        self._closed = False
        self._blobs: dict[int, tuple[Callable, bytes]] = {}
        self.kills = 0
        """How many workers were killed (overrun, interrupt, bad reply), for tests and metrics."""

    def _start(self) -> None:
        with self._lock:
            if self._closed:
                raise RuntimeError("this SandboxPool was closed; create a new one")
            if self._started:
                return
            for _ in range(self.size):
                self._idle.put(self._new_worker())
            self._started = True
            atexit.register(self.close)

    def _new_worker(self) -> _Worker:
        return _Worker(self._ctx, self.memory_mb, self.preload)

    def _replace(self, worker: _Worker, count: bool = True) -> None:
        """Kill ``worker`` and put a fresh one in its place (it starts in the background)."""
        worker.kill()
        self.kills += int(count)
        if not self._closed:
            self._idle.put(self._new_worker())

    def _blob(self, fn: Callable) -> tuple[int, bytes]:
        key = id(fn)
        cached = self._blobs.get(key)
        if cached is None or cached[0] is not fn:
            cached = (fn, cloudpickle.dumps(fn))
            self._blobs[key] = cached
        return key, cached[1]

    def warm(self, timeout: float = STARTUP_TIMEOUT) -> None:
        """Start every worker now and wait until they are ready (the first call does this itself).

        Raises RuntimeError if no worker becomes ready within ``timeout`` seconds.
        """
        with self._warm_lock:
            if self._warmed.is_set():
                return
            self._start()
            workers = [self._idle.get() for _ in range(self.size)]
            end = time.monotonic() + timeout
            ready = 0
            try:
                for index, worker in enumerate(workers):
                    try:
                        ready += worker.wait_ready(end - time.monotonic())
                    except RuntimeError:
                        worker.kill()
                        workers[index] = self._new_worker()
            finally:
                for worker in workers:
                    self._idle.put(worker)
            if not ready:
                raise RuntimeError(f"no sandbox worker started within {timeout:.0f} s; is the machine overloaded?")
            self._warmed.set()

    def call(
        self,
        fn: Callable,
        *args: Any,
        deadline: float = DEFAULT_DEADLINE,
        cancel: threading.Event | None = None,
        **kwargs: Any,
    ) -> Outcome:
        """Run ``fn(*args, **kwargs)`` in a worker; the outcome comes within ``deadline`` seconds of the call.

        ``cancel``, when set by another thread, abandons the call (its worker is
        killed) and returns an error outcome; :meth:`acall` uses it for cancellation.
        """
        deadline = check_deadline(deadline)
        try:
            request = (fn, args, kwargs, self._blob(fn))
        except Exception as exc:  # noqa: BLE001 - e.g. a closure over a lock cannot be pickled
            return Outcome("error", error=f"the call cannot be sent to a worker: {type(exc).__name__}: {exc}"[:2000])
        if not self._warmed.is_set():
            try:
                self.warm()
            except RuntimeError as exc:
                return Outcome("error", error=str(exc))
        started = time.monotonic()
        end = started + deadline
        try:
            worker = self._idle.get(timeout=deadline)
        except queue.Empty:
            seconds = time.monotonic() - started
            return Outcome("timeout", error=f"no free sandbox worker: all {self.size} busy "
                           f"(deadline {deadline:g} s, took {seconds:.2f} s)", seconds=seconds)
        lease = _Lease(worker)
        try:
            outcome = self._run(lease, request, end, cancel)
        finally:
            # Reached with the lease still held only on an exception or interrupt. A worker
            # that may hold our request must never answer another caller: it is replaced.
            if lease.state == "in_flight":
                self._replace(worker)
            elif lease.state == "holding":
                self._idle.put(worker)
        seconds = time.monotonic() - started
        if outcome.kind == "timeout":
            return Outcome("timeout", error=f"{outcome.error} (deadline {deadline:g} s, took {seconds:.2f} s)",
                           seconds=seconds)
        return Outcome(outcome.kind, outcome.value, outcome.error, seconds)

    def _run(self, lease: _Lease, request, end: float, cancel: threading.Event | None) -> Outcome:
        """Send one request on the leased worker and read its reply; releases the lease on every normal exit."""
        worker = lease.worker
        fn, args, kwargs, (key, blob) = request
        try:
            if not worker.wait_ready(end - time.monotonic()):
                lease.give_back(self)  # still starting, nothing sent: it stays usable
                return Outcome("timeout", error="the sandbox worker was still starting")
        except RuntimeError as exc:
            lease.discard(self)
            return Outcome("error", error=str(exc))
        request_id = next(self._ids)
        try:
            message = cloudpickle.dumps((request_id, key, None if key in worker.known else blob, args, kwargs))
        except Exception as exc:  # noqa: BLE001 - unpicklable arguments: nothing was sent
            lease.give_back(self)
            return Outcome("error", error=f"the arguments cannot be sent to a worker: {type(exc).__name__}: {exc}"[:2000])
        lease.state = "in_flight"
        try:
            worker.conn.send_bytes(message)
        except (OSError, ValueError) as exc:
            lease.discard(self)
            return Outcome("error", error=f"sandbox worker died: {type(exc).__name__}: {exc}")
        worker.known.add(key)
        while True:
            remaining = end - time.monotonic()
            if remaining <= 0:
                lease.discard(self)
                return Outcome("timeout", error="no answer from the sandbox worker")
            if cancel is not None and cancel.is_set():
                lease.discard(self)
                return Outcome("error", error="the call was cancelled")
            try:
                if worker.conn.poll(min(remaining, _POLL_SLICE) if cancel is not None else remaining):
                    data = worker.conn.recv_bytes(MAX_REPLY_BYTES)
                    break
            except (EOFError, OSError) as exc:
                lease.discard(self)
                return Outcome("error", error=f"sandbox worker died or sent an oversized reply ({type(exc).__name__})")
        try:
            reply_id, kind, payload = json.loads(data)
        except (ValueError, TypeError):
            lease.discard(self)
            return Outcome("error", error="the sandbox worker sent a malformed reply")
        if reply_id != request_id or kind not in ("ok", "error"):
            lease.discard(self)
            return Outcome("error", error=f"the sandbox worker answered request {reply_id!r}, not {request_id}")
        worker.calls += 1
        if self.recycle_after is not None and worker.calls >= self.recycle_after:
            lease.discard(self, killed=False)
        else:
            lease.give_back(self)
        if kind == "ok":
            return Outcome("ok", value=payload)
        return Outcome("error", error=str(payload))

    async def acall(self, fn: Callable, *args: Any, deadline: float = DEFAULT_DEADLINE, **kwargs: Any) -> Outcome:
        """:meth:`call` for asyncio code: runs in a thread; cancelling the task kills the busy worker."""
        cancel = threading.Event()
        try:
            return await asyncio.to_thread(self.call, fn, *args, deadline=deadline, cancel=cancel, **kwargs)
        except asyncio.CancelledError:
            cancel.set()
            raise

    def map(self, fn: Callable, items: Iterable[tuple], deadline: float = DEFAULT_DEADLINE) -> list[Outcome]:
        """Call ``fn(*item)`` for every item, spread over all workers; results keep input order.

        Each item's deadline counts from the start of the map, so the whole map
        returns within ``deadline`` seconds (items still queued then are TIMEOUTs).
        """
        items = list(items)
        if not items:
            return []
        deadline = check_deadline(deadline)
        end = time.monotonic() + deadline
        self._start()
        from concurrent.futures import ThreadPoolExecutor

        def run(item: tuple) -> Outcome:
            remaining = end - time.monotonic()
            if remaining <= 0:
                return Outcome("timeout", error=f"no free sandbox worker within {deadline:g} s")
            return self.call(fn, *item, deadline=remaining)

        with ThreadPoolExecutor(max_workers=min(self.size, len(items))) as threads:
            return list(threads.map(run, items))

    def close(self) -> None:
        """Stop all workers. Safe to call twice; called at interpreter exit."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            if not self._started:
                return
            while True:
                try:
                    worker = self._idle.get_nowait()
                except queue.Empty:
                    break
                worker.stop()

    def __enter__(self) -> SandboxPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_pools: dict[str, SandboxPool] = {}
_pools_lock = threading.Lock()
CUSTOM_RECYCLE_AFTER = 200
"""Calls after which a worker of the custom-verifier pool is replaced."""


def _shared(name: str, make: Callable[[], SandboxPool]) -> SandboxPool:
    with _pools_lock:
        pool = _pools.get(name)
        if pool is None or pool._closed:
            pool = _pools[name] = make()
        return pool


def default_pool() -> SandboxPool:
    """The process-wide pool of the built-in checks (symbolic equivalence, LaTeX parsing)."""
    return _shared(
        "builtin",
        lambda: SandboxPool(preload=("sympy", "textbook_gym.verifiers.equivalence", "latex2sympy2_extended")),
    )


def custom_pool() -> SandboxPool:
    """The process-wide pool of users' verifiers: never shared with the built-in checks.

    Its workers are recycled every :data:`CUSTOM_RECYCLE_AFTER` calls, so a verifier
    that leaves state behind (patched modules, global settings) affects only other
    user verifiers, and only for a bounded number of calls.
    """
    return _shared(
        "custom",
        lambda: SandboxPool(workers=max(1, min(2, os.cpu_count() or 1)), preload=("textbook_gym.verifiers.user",),
                            recycle_after=CUSTOM_RECYCLE_AFTER),
    )


def set_default_pool(pool: SandboxPool) -> None:
    """Make ``pool`` the built-in checks' pool in this process (a Ray actor uses this for its own pool)."""
    with _pools_lock:
        _pools["builtin"] = pool
