"""Many concurrent JSON requests from synchronous code: the plumbing of the ``openai`` backend.

A seeded rollout batch becomes one request per prompt (see :mod:`.openai`), and the
server only batches what is in flight together, so every request of a ``generate``
call must go out at once. Threads would cost one each; here one event loop, in one
daemon thread (:class:`LoopThread`), runs them all, and ``generate`` blocks on the
result, which also works from code that runs an event loop of its own (a notebook).

Two transports post the requests:

* :class:`AiohttpTransport` (used when ``aiohttp`` is installed; vLLM depends on it):
  plain JSON over an aiohttp connection pool. Per request it costs about a tenth of the
  client CPU time of the SDK over httpx (whose connection pool does work quadratic in
  the number of open connections), and on a small machine that client time is taken
  from the server sharing the CPU.
* :class:`SDKTransport`: the ``openai`` package's ``AsyncOpenAI.post`` (its documented
  way to send a raw request), for machines without aiohttp.

Both retry like the SDK (connection errors, 408, 409, 429 and 5xx; two retries with
backoff) and answer with the decoded JSON body.
"""

from __future__ import annotations

import asyncio
import json
import random
import threading
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504})
"""HTTP statuses worth another try (the openai SDK's list)."""


class ServerError(RuntimeError):
    """The server answered a request with an HTTP error status."""

    def __init__(self, message: str, status_code: int, body: Any = None):
        super().__init__(message)
        self.status_code = status_code
        self.body = body


class LoopThread:
    """An asyncio event loop running forever in a daemon thread; :meth:`run` blocks on a coroutine there."""

    def __init__(self, name: str = "backend-loop") -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self._serve, name=name, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    @property
    def running(self) -> bool:
        return self.thread.is_alive() and not self.loop.is_closed()

    def run(self, coroutine: Awaitable[Any], timeout: float | None = None) -> Any:
        """Run ``coroutine`` on the loop and return its result (or raise its exception) here."""
        if threading.current_thread() is self.thread:
            coroutine.close()  # type: ignore[attr-defined]
            raise RuntimeError("a blocking backend call was made from the backend's own event loop thread")
        if not self.running:
            coroutine.close()  # type: ignore[attr-defined]
            raise RuntimeError("this backend is closed; make a new one")
        future = asyncio.run_coroutine_threadsafe(coroutine, self.loop)  # type: ignore[arg-type]
        try:
            return future.result(timeout)
        except BaseException:  # Ctrl-C or a timeout here: stop the requests there too
            future.cancel()
            raise

    def stop(self) -> None:
        """Stop the loop and join its thread. Idempotent."""
        if self.loop.is_closed():
            return
        if self.thread.is_alive():
            self.loop.call_soon_threadsafe(self.loop.stop)
            if threading.current_thread() is not self.thread:
                self.thread.join(timeout=10)
        if not self.thread.is_alive():
            self.loop.close()


def shutdown(loop: LoopThread, transport: AiohttpTransport | SDKTransport | None) -> None:
    """Close ``transport`` on ``loop``, then stop the loop. Safe to call more than once."""
    if transport is not None and loop.running:
        try:
            loop.run(transport.close(), timeout=10)
        except Exception:  # noqa: BLE001 - closing must not fail on a broken connection or a dead loop
            pass
    loop.stop()


async def gather_limited(requests: Sequence[Callable[[], Awaitable[Any]]], limit: int) -> list[Any]:
    """Start every request (at most ``limit`` at a time); results in order. If one fails, the others
    are cancelled and its exception is raised."""
    if len(requests) == 1:
        return [await requests[0]()]
    semaphore = asyncio.Semaphore(limit)

    async def limited(request: Callable[[], Awaitable[Any]]) -> Any:
        async with semaphore:
            return await request()

    tasks = [asyncio.ensure_future(limited(request)) for request in requests]
    try:
        return await asyncio.gather(*tasks)
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


class AiohttpTransport:
    """POST JSON to ``base_url + path`` through one aiohttp session, created on first use in the loop."""

    def __init__(self, base_url: str, api_key: str, *, timeout: float, max_retries: int, connections: int):
        import aiohttp

        self._aiohttp = aiohttp
        self.base_url = base_url.rstrip("/")
        self.headers = {"Authorization": f"Bearer {api_key}", "Content-Type": "application/json"}
        self.timeout = timeout
        self.max_retries = max_retries
        self.connections = connections
        self._session: Any = None

    async def post(self, path: str, body: dict[str, Any]) -> Any:
        aiohttp = self._aiohttp
        if self._session is None:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self.connections),
                timeout=aiohttp.ClientTimeout(total=self.timeout),
                headers=self.headers,
            )
        url = self.base_url + path
        data = json.dumps(body)
        for attempt in range(self.max_retries + 1):
            last = attempt == self.max_retries
            try:
                async with self._session.post(url, data=data) as response:
                    payload = await response.read()
                    status = response.status
            except (aiohttp.ClientConnectionError, asyncio.TimeoutError, OSError) as exc:
                if last:
                    raise ConnectionError(str(exc) or type(exc).__name__) from exc
                await _backoff(attempt)
                continue
            if status < 400:
                return json.loads(payload)
            if status in RETRY_STATUSES and not last:
                await _backoff(attempt)
                continue
            raise _server_error(status, payload, url)
        raise AssertionError("unreachable")

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


class SDKTransport:
    """POST JSON through the openai SDK's ``AsyncOpenAI.post`` (for machines without aiohttp)."""

    def __init__(self, openai: Any, base_url: str, api_key: str, *, timeout: float, max_retries: int,
                 connections: int):
        self._openai = openai
        self.client = openai.AsyncOpenAI(
            base_url=base_url,
            api_key=api_key,
            timeout=timeout,
            max_retries=max_retries,
            http_client=_sdk_http_client(openai, connections),
        )

    async def post(self, path: str, body: dict[str, Any]) -> Any:
        try:
            return await self.client.post(path, body=body, cast_to=object)
        except self._openai.APIConnectionError as exc:
            raise ConnectionError(str(exc)) from exc
        except self._openai.APIStatusError as exc:
            url = str(self.client.base_url).rstrip("/") + path
            raise _server_error(exc.status_code, json.dumps(exc.body).encode(), url) from exc

    async def close(self) -> None:
        await self.client.close()


def make_transport(kind: str, openai: Any, base_url: str, api_key: str, *, timeout: float, max_retries: int,
                   connections: int) -> AiohttpTransport | SDKTransport:
    """``kind``: ``"aiohttp"``, ``"openai"`` (the SDK) or ``"auto"`` (aiohttp when installed)."""
    if kind not in ("auto", "aiohttp", "openai"):
        raise ValueError(f"transport must be 'auto', 'aiohttp' or 'openai', got {kind!r}")
    options = dict(timeout=timeout, max_retries=max_retries, connections=connections)
    if kind != "openai":
        try:
            return AiohttpTransport(base_url, api_key, **options)
        except ImportError:
            if kind == "aiohttp":
                raise ImportError("transport='aiohttp' needs aiohttp: `pip install aiohttp`") from None
    return SDKTransport(openai, base_url, api_key, **options)


async def _backoff(attempt: int) -> None:
    """The SDK's schedule: 0.5 s doubling, at most 8 s, with up to 25% jitter off."""
    delay = min(0.5 * 2**attempt, 8.0)
    await asyncio.sleep(delay * (1 - 0.25 * random.random()))


def _server_error(status: int, payload: bytes, url: str) -> ServerError:
    try:
        body = json.loads(payload)
    except ValueError:
        body = payload.decode(errors="replace")
    message = body
    if isinstance(body, dict):
        error = body.get("error", body)
        message = error.get("message", error) if isinstance(error, dict) else error
    hint = {
        400: " (a prompt longer than the server's max_model_len, or a field the server does not know: "
        "try vllm_extras=False for servers other than vLLM)",
        401: " (check api_key / $OPENAI_API_KEY)",
        404: " (check base_url, which should end in /v1, and the model name)",
    }.get(status, "")
    return ServerError(f"{url} answered HTTP {status}: {message}{hint}", status, body)


def _sdk_http_client(openai: Any, connections: int) -> Any:
    """The SDK's default async HTTP client, keeping ``connections`` connections alive (the SDK keeps 100),
    so a large batch does not reconnect on every call; ``None`` (the SDK's default) if its HTTP library
    cannot be found."""
    import importlib

    try:
        base = next(c for c in type.mro(openai.DefaultAsyncHttpxClient)[1:] if c.__name__ == "AsyncClient")
        http = importlib.import_module(base.__module__.partition(".")[0])
        limits = http.Limits(max_connections=connections, max_keepalive_connections=connections)
        return openai.DefaultAsyncHttpxClient(limits=limits)
    except Exception:  # noqa: BLE001 - an SDK without these names still works with its defaults
        return None


__all__ = ["AiohttpTransport", "LoopThread", "SDKTransport", "ServerError", "gather_limited", "make_transport",
           "shutdown"]
