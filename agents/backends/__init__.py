"""Rollout backends behind one interface: ``hf``, ``vllm`` and ``openai``.

::

    from textbook_gym.agents.backends import SamplingConfig, make_backend

    backend = make_backend("hf", model="path/to/model")            # transformers generate
    backend = make_backend("vllm", model="path/to/model")          # offline vllm.LLM engine
    backend = make_backend("openai", model="served-name", base_url="http://127.0.0.1:8000/v1")
    outputs = backend.generate(["2+2=?"], SamplingConfig(n=4, max_tokens=32), return_logprobs=True)

Engines are imported only when their backend is made, so ``textbook_gym.agents``
imports without vLLM or the openai client installed.
"""

from __future__ import annotations

from typing import Any

from textbook_gym.agents.backends.base import DEFAULT_SAMPLING, Backend, Completion, SamplingConfig

BACKENDS = {
    "hf": "textbook_gym.agents.backends.hf:HFBackend",
    "vllm": "textbook_gym.agents.backends.vllm:VLLMBackend",
    "openai": "textbook_gym.agents.backends.openai:OpenAIBackend",
}
"""Backend name -> ``module:class``; imported lazily."""


def backend_class(name: str) -> type[Backend]:
    """The class registered under ``name`` (imports its module)."""
    import importlib

    if name not in BACKENDS:
        raise ValueError(f"unknown backend {name!r}; choose one of {sorted(BACKENDS)}")
    module, _, attr = BACKENDS[name].partition(":")
    return getattr(importlib.import_module(module), attr)


def make_backend(name: str, model: Any = None, **options: Any) -> Backend:
    """Create a backend: ``name`` is ``"hf"``, ``"vllm"`` or ``"openai"``; ``model`` a path or hub id.

    ``options`` go to the backend's constructor (see :class:`~.hf.HFBackend`,
    :class:`~.vllm.VLLMBackend`, :class:`~.openai.OpenAIBackend`), e.g. ``device="cuda"``
    for hf, ``max_model_len=2048`` for vllm, ``base_url=...`` for openai.
    """
    return backend_class(name)(model, **options)


__all__ = ["BACKENDS", "DEFAULT_SAMPLING", "Backend", "Completion", "SamplingConfig", "backend_class", "make_backend"]
