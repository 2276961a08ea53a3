"""A pool of long-lived, killable worker processes for work that can hang.

Symbolic simplification, LaTeX parsing and users' own verifiers can run for an
unbounded time on hostile input. Python cannot interrupt a thread stuck in C code,
and ``signal.alarm`` only works in the main thread of the main interpreter, so the
only reliable deadline is a separate process that can be killed. The pool:

* starts workers with the ``spawn`` method (no forked locks, works beside threads
  and CUDA), lazily on first use, and shuts them down at interpreter exit;
* limits each worker's address space (``RLIMIT_AS``) so a memory bomb fails inside
  the worker instead of swapping the machine;
* enforces each call's deadline in the parent: a worker that overruns is killed and
  replaced, and the call returns a TIMEOUT outcome; the replacement starts at once,
  so the next calls do not pay for the kill;
* is safe to call from many threads at once and from asyncio (``acall``), and behaves
  the same from any of them.

Functions are shipped with cloudpickle, so lambdas and closures work; a function is
serialized once per pool and cached.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import multiprocessing as mp
import os
import queue
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
"""Seconds a call may run before its worker is killed."""
STARTUP_TIMEOUT = 120.0
"""Seconds a new worker may take to import and report ready."""


@dataclass(frozen=True)
class Outcome:
    """What happened to one call: ``kind`` is ``"ok"``, ``"error"`` or ``"timeout"``."""

    kind: str
    value: Any = None
    """The function's return value when ``kind == "ok"``."""
    error: str = ""
    """``"ExcType: message"`` when the function raised or the worker died."""
    seconds: float = 0.0
    """Wall time the call took in the worker, as seen by the parent."""

    @property
    def ok(self) -> bool:
        return self.kind == "ok"


def _worker_main(conn, memory_mb: int, preload: tuple[str, ...]) -> None:
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
    conn.send(("ready", os.getpid()))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        key, blob, args, kwargs = message
        try:
            fn = functions.get(key)
            if fn is None:
                fn = functions[key] = cloudpickle.loads(blob)
            result = ("ok", fn(*args, **kwargs))
        except MemoryError:
            result = ("error", "MemoryError: the call exceeded the worker's memory limit")
        except BaseException as exc:  # noqa: BLE001 - report everything to the parent
            tb = traceback.format_exception_only(type(exc), exc)[-1].strip()
            result = ("error", tb[:2000])
        try:
            conn.send(result)
        except Exception as exc:  # noqa: BLE001 - e.g. an unpicklable return value
            conn.send(("error", f"result could not be sent back: {type(exc).__name__}: {exc}"[:2000]))


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
        self.ready = False
        self.known: set[int] = set()

    def wait_ready(self) -> None:
        if self.ready:
            return
        if not self.conn.poll(STARTUP_TIMEOUT):
            self.kill()
            raise RuntimeError(f"a sandbox worker did not start within {STARTUP_TIMEOUT:.0f} s")
        try:
            tag, _ = self.conn.recv()
        except (EOFError, OSError) as exc:
            self.kill()
            raise RuntimeError(f"a sandbox worker died while starting ({type(exc).__name__})") from None
        if tag != "ready":
            raise RuntimeError(f"sandbox worker sent {tag!r} instead of 'ready'")
        self.ready = True

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, EOFError, BrokenPipeError):
            pass
        self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=2)


class SandboxPool:
    """A fixed-size pool of spawn-started worker processes with per-call deadlines."""

    def __init__(self, workers: int | None = None, memory_mb: int = DEFAULT_MEMORY_MB, preload: Iterable[str] = ()):
        self.size = int(workers or max(1, min(4, os.cpu_count() or 1)))
        self.memory_mb = int(memory_mb)
        self.preload = tuple(preload)
        self._ctx = mp.get_context("spawn")
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._started = False
        self._closed = False
        self._blobs: dict[int, tuple[Callable, bytes]] = {}
        self.kills = 0
        """How many workers were killed for overrunning a deadline (for tests and metrics)."""

    def _start(self) -> None:
        with self._lock:
            if self._closed:
                raise RuntimeError("this SandboxPool was closed; create a new one")
            if self._started:
                return
            for _ in range(self.size):
                self._idle.put(_Worker(self._ctx, self.memory_mb, self.preload))
            self._started = True
            atexit.register(self.close)

    def _blob(self, fn: Callable) -> tuple[int, bytes]:
        key = id(fn)
        cached = self._blobs.get(key)
        if cached is None or cached[0] is not fn:
            cached = (fn, cloudpickle.dumps(fn))
            self._blobs[key] = cached
        return key, cached[1]

    def call(self, fn: Callable, *args: Any, deadline: float = DEFAULT_DEADLINE, **kwargs: Any) -> Outcome:
        """Run ``fn(*args, **kwargs)`` in a worker; kill it if it runs past ``deadline`` seconds."""
        self._start()
        key, blob = self._blob(fn)
        worker = self._idle.get()
        try:
            worker.wait_ready()
        except RuntimeError as exc:
            self._idle.put(_Worker(self._ctx, self.memory_mb, self.preload))
            return Outcome("error", error=str(exc))
        started = time.perf_counter()
        try:
            worker.conn.send((key, None if key in worker.known else blob, args, kwargs))
            worker.known.add(key)
            if worker.conn.poll(deadline):
                kind, payload = worker.conn.recv()
                elapsed = time.perf_counter() - started
                self._idle.put(worker)
                if kind == "ok":
                    return Outcome("ok", value=payload, seconds=elapsed)
                return Outcome("error", error=payload, seconds=elapsed)
            outcome = Outcome("timeout", error=f"no answer within {deadline:g} s", seconds=time.perf_counter() - started)
        except (EOFError, OSError, BrokenPipeError) as exc:
            outcome = Outcome("error", error=f"sandbox worker died: {type(exc).__name__}: {exc}")
        except Exception as exc:  # noqa: BLE001 - e.g. arguments that cannot be pickled
            self._idle.put(worker)
            return Outcome("error", error=f"call could not be sent to the sandbox: {type(exc).__name__}: {exc}")
        # The worker overran or died: replace it before anyone else needs it.
        worker.kill()
        self.kills += 1
        self._idle.put(_Worker(self._ctx, self.memory_mb, self.preload))
        return outcome

    async def acall(self, fn: Callable, *args: Any, deadline: float = DEFAULT_DEADLINE, **kwargs: Any) -> Outcome:
        """:meth:`call` for asyncio code: runs in a thread so the event loop keeps going."""
        return await asyncio.to_thread(self.call, fn, *args, deadline=deadline, **kwargs)

    def map(self, fn: Callable, items: Iterable[tuple], deadline: float = DEFAULT_DEADLINE) -> list[Outcome]:
        """Call ``fn(*item)`` for every item, spread over all workers; results keep input order."""
        items = list(items)
        if not items:
            return []
        self._start()
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(self.size, len(items))) as threads:
            return list(threads.map(lambda item: self.call(fn, *item, deadline=deadline), items))

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


_default_pool: SandboxPool | None = None
_default_lock = threading.Lock()


def default_pool() -> SandboxPool:
    """The process-wide pool shared by built-in verifiers and custom verifiers."""
    global _default_pool
    with _default_lock:
        if _default_pool is None or _default_pool._closed:
            _default_pool = SandboxPool(preload=("sympy", "textbook_gym.verifiers.equivalence", "latex2sympy2_extended"))
        return _default_pool
