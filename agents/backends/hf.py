"""The ``hf`` backend: transformers ``generate`` in batches, on the CPU or a GPU.

It needs nothing beyond torch and transformers, so it is the backend that always
works: a laptop CPU, a GPU box without vLLM, or a learner that wants to sample
from the very module it trains (pass the model object and ``update_weights`` with
its own parameters costs nothing).

Throughput comes from batching: all ``len(prompts) * n`` rows are sorted by
length, cut into batches of ``batch_size`` rows, left-padded (so every row's next
token sits in the last column and the KV cache stays aligned) and generated in
one ``generate`` call each.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from textbook_gym.agents.backends.base import DEFAULT_SAMPLING, Backend, Completion, Prompt, SamplingConfig
from textbook_gym.agents.backends.prompts import cut_at_stop, encode_all, engine_n, fan_out


class HFBackend(Backend):
    """Sample with ``model.generate``.

    Args:
        model: a local directory, a hub id, or an already loaded ``PreTrainedModel`` (shared, not copied).
        tokenizer: a tokenizer or its path; defaults to the one saved with the model.
        device: ``"cpu"``, ``"cuda"``, ``"cuda:1"`` ...; defaults to CUDA when available.
        dtype: torch dtype for a model loaded from a path; bf16 on CUDA and fp32 on the CPU by default.
        batch_size: most rows (prompt copies) per ``generate`` call; lower it if memory runs out.
    """

    name = "hf"

    def __init__(
        self,
        model: Any,
        *,
        tokenizer: Any = None,
        device: str | None = None,
        dtype: Any = None,
        batch_size: int = 256,
    ):
        import torch

        from textbook_gym.agents.models import load_model, load_tokenizer

        if model is None:
            raise ValueError("the hf backend needs model=PATH_OR_HUB_ID or a loaded transformers model")
        if isinstance(model, (str, Path)):
            device = device or ("cuda" if torch.cuda.is_available() else "cpu")
            self.model = load_model(model, device=device, dtype=dtype)
            tokenizer = tokenizer if tokenizer is not None else model
        else:
            self.model = model
            if device is not None:
                self.model.to(device)
            if tokenizer is None:
                source = getattr(model, "name_or_path", None) or getattr(model.config, "_name_or_path", None)
                if not source:
                    raise ValueError("pass tokenizer=... when handing the hf backend a model object")
                tokenizer = source
        self._tokenizer = load_tokenizer(tokenizer) if isinstance(tokenizer, (str, Path)) else tokenizer
        self._tokenizer.padding_side = "left"
        if self._tokenizer.pad_token_id is None:
            self._tokenizer.pad_token = self._tokenizer.eos_token
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        self.batch_size = batch_size
        self._eos_ids = _eos_ids(self.model, self._tokenizer)

    @property
    def tokenizer(self) -> Any:
        return self._tokenizer

    @property
    def device(self):
        return next(self.model.parameters()).device

    # ------------------------------------------------------------------ generate
    def generate(
        self,
        prompts: Sequence[Prompt],
        sampling: SamplingConfig = DEFAULT_SAMPLING,
        return_logprobs: bool = False,
    ) -> list[list[Completion]]:
        import torch

        prompt_ids = encode_all(self._tokenizer, prompts)
        n = engine_n(sampling)
        rows = [i for i in range(len(prompt_ids)) for _ in range(n)]
        # Longest first: similar lengths share a batch, so little compute goes to padding.
        order = sorted(range(len(rows)), key=lambda r: -len(prompt_ids[rows[r]]))
        results: list[Completion | None] = [None] * len(rows)
        devices = [self.device] if self.device.type == "cuda" else []
        with torch.random.fork_rng(devices=devices, enabled=sampling.seed is not None), torch.inference_mode():
            if sampling.seed is not None:
                torch.manual_seed(sampling.seed)
            for start in range(0, len(order), self.batch_size):
                batch = order[start : start + self.batch_size]
                outs = self._generate_batch([prompt_ids[rows[r]] for r in batch], sampling, return_logprobs)
                for r, out in zip(batch, outs):
                    out.prompt_token_ids = prompt_ids[rows[r]]
                    results[r] = out
        return [fan_out(results[i * n : (i + 1) * n], sampling) for i in range(len(prompt_ids))]

    def generation_config(self, sampling: SamplingConfig, return_logprobs: bool = False):
        """The ``GenerationConfig`` equivalent of ``sampling`` (also used by the benchmark's raw baseline)."""
        from transformers import GenerationConfig

        fields: dict[str, Any] = dict(
            max_new_tokens=sampling.max_tokens,
            do_sample=not sampling.greedy,
            pad_token_id=self._tokenizer.pad_token_id,
            # ignore_eos: an empty list (not None, which generate fills from the model's config) means no
            # token ends a row, so EOS is still sampled but generation goes on, as in vLLM.
            eos_token_id=[] if sampling.ignore_eos else sorted(self._eos_ids),
            bos_token_id=self._tokenizer.bos_token_id,
            return_dict_in_generate=True,
            output_logits=return_logprobs,
            use_cache=True,
        )
        if not sampling.greedy:  # greedy with sampling knobs set makes transformers warn
            fields.update(temperature=sampling.temperature, top_p=sampling.top_p, top_k=sampling.top_k)
        else:
            fields.update(temperature=None, top_p=None, top_k=None)
        if sampling.stop:
            fields["stop_strings"] = list(sampling.stop)
        return GenerationConfig(**fields)

    def _generate_batch(
        self, batch_ids: list[list[int]], sampling: SamplingConfig, return_logprobs: bool
    ) -> list[Completion]:
        import torch

        width = max(len(ids) for ids in batch_ids)
        pad = self._tokenizer.pad_token_id
        input_ids = torch.full((len(batch_ids), width), pad, dtype=torch.long)
        attention = torch.zeros((len(batch_ids), width), dtype=torch.long)
        for row, ids in enumerate(batch_ids):
            input_ids[row, width - len(ids) :] = torch.tensor(ids, dtype=torch.long)
            attention[row, width - len(ids) :] = 1
        device = self.device
        extra = {"tokenizer": self._tokenizer} if sampling.stop else {}
        out = self.model.generate(
            input_ids=input_ids.to(device),
            attention_mask=attention.to(device),
            generation_config=self.generation_config(sampling, return_logprobs),
            **extra,
        )
        generated = out.sequences[:, width:]
        token_rows = generated.tolist()
        logprob_rows = None
        if return_logprobs and out.logits:
            steps = generated.shape[1]
            picked = torch.empty(generated.shape, dtype=torch.float32, device=generated.device)
            for t in range(steps):  # one step at a time: never a (batch, steps, vocab) copy
                step = out.logits[t].float().log_softmax(-1)
                picked[:, t] = step.gather(1, generated[:, t : t + 1]).squeeze(1)
            logprob_rows = picked.tolist()
        lengths, stopped = [], []
        eos_ids = set() if sampling.ignore_eos else self._eos_ids
        for tokens in token_rows:
            length, hit_eos = _trim(tokens, eos_ids, pad if sampling.stop else None)
            lengths.append(length)
            stopped.append(hit_eos)
        texts = self._tokenizer.batch_decode(
            [tokens[:length] for tokens, length in zip(token_rows, lengths)], skip_special_tokens=True
        )
        completions = []
        for row, (tokens, length, text) in enumerate(zip(token_rows, lengths, texts)):
            text, hit_stop = cut_at_stop(text, sampling.stop) if sampling.stop else (text, False)
            completions.append(
                Completion(
                    text=text,
                    token_ids=tokens[:length],
                    logprobs=None if logprob_rows is None else logprob_rows[row][:length],
                    finish_reason="stop" if stopped[row] or hit_stop else "length",
                )
            )
        return completions

    # ------------------------------------------------------------------ weights
    def update_weights(self, named_parameters: Iterable[tuple[str, Any]]) -> None:
        """Copy learner parameters into the model in place (a tensor that already is the parameter is skipped)."""
        import torch

        params = dict(self.model.named_parameters())
        with torch.no_grad():
            for name, tensor in named_parameters:
                target = params.get(name)
                if target is None:
                    raise KeyError(
                        f"update_weights got parameter {name!r}, which the served model does not have; "
                        "pass names from the same architecture's named_parameters()"
                    )
                if tensor.data_ptr() == target.data_ptr():
                    continue
                if tensor.shape != target.shape:
                    raise ValueError(f"parameter {name!r}: shape {tuple(tensor.shape)} != served {tuple(target.shape)}")
                target.copy_(tensor.detach().to(device=target.device, dtype=target.dtype))

    def close(self) -> None:
        self.model = None  # type: ignore[assignment]


def _eos_ids(model: Any, tokenizer: Any) -> set[int]:
    """All end-of-sequence ids: the tokenizer's and the generation config's (some models list several)."""
    ids: set[int] = set()
    for source in (getattr(model, "generation_config", None), getattr(model, "config", None)):
        value = getattr(source, "eos_token_id", None) if source is not None else None
        if isinstance(value, int):
            ids.add(value)
        elif isinstance(value, (list, tuple)):
            ids.update(int(v) for v in value)
    if tokenizer.eos_token_id is not None:
        ids.add(tokenizer.eos_token_id)
    return ids


def _trim(tokens: list[int], eos_ids: set[int], pad: int | None) -> tuple[int, bool]:
    """Length of the real completion in a padded row, and whether it ended with end-of-sequence.

    ``generate`` fills finished rows with the pad token; the completion ends at the
    first EOS (kept), or, when stop strings stopped it, before the trailing pads.
    """
    for i, token in enumerate(tokens):
        if token in eos_ids:
            return i + 1, True
    length = len(tokens)
    if pad is not None:
        while length and tokens[length - 1] == pad:
            length -= 1
    return length, False


__all__ = ["HFBackend"]
