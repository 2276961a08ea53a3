"""The one interface every rollout backend implements.

Learners, the rollout runner and the evaluator talk to a :class:`Backend` and never
to an engine directly, so the same training script runs on transformers on a
laptop CPU, on the offline vLLM engine on a GPU, or against any OpenAI-compatible
server, and switching is one argument to
:func:`textbook_gym.agents.backends.make_backend`.

The contract:

* ``generate`` takes plain prompt strings or chat conversations (lists of
  ``{"role", "content"}`` dicts; the tokenizer's chat template renders them when it
  has one) and returns, for each prompt, ``sampling.n`` :class:`Completion` objects.
* A completion carries the generated token ids and, on request, the log-probability
  of each generated token under the model's unmodified distribution (before
  temperature, top-k and top-p), which is the quantity a policy-gradient learner
  recomputes; vLLM reports the same quantity by default.
* ``update_weights`` loads new parameters from a learner into the running engine,
  keyed by the names of the transformers model's ``named_parameters()``.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

Message = dict[str, str]
Prompt = str | Sequence[Message]
"""A plain text prompt, or a chat conversation rendered with the tokenizer's chat template."""

FINISH_REASONS = ("stop", "length")
"""``stop``: the model emitted end-of-sequence or a stop string; ``length``: ``max_tokens`` was reached."""


@dataclass(frozen=True)
class SamplingConfig:
    """How to sample completions; the same fields mean the same thing on every backend."""

    n: int = 1
    """Completions per prompt (a GRPO group samples several answers to one prompt)."""
    temperature: float = 1.0
    """Softmax temperature; ``0`` means greedy decoding (argmax at every step)."""
    top_p: float = 1.0
    """Nucleus sampling: keep the smallest set of tokens whose probability sums to ``top_p``; 1.0 is off."""
    top_k: int = 0
    """Keep only the ``top_k`` most likely tokens; ``0`` is off (overrides any model default)."""
    max_tokens: int = 256
    """Most tokens generated per completion; a completion cut here finishes with ``"length"``."""
    stop: tuple[str, ...] = ()
    """Strings that end a completion; the returned text stops before the first one (OpenAI convention),
    while ``token_ids`` keep the tokens that were generated up to and including it."""
    seed: int | None = None
    """Makes a call reproducible: the same prompts in the same order with the same seed give the same
    completions on the same backend and hardware. ``None`` draws fresh randomness."""
    ignore_eos: bool = False
    """Keep generating past end-of-sequence up to ``max_tokens``, as vLLM's benchmarks do: every completion
    is exactly ``max_tokens`` tokens long (stop strings still end it), so throughput measurements compare
    equal work. End-of-sequence tokens the model samples stay in ``token_ids``; for measurements, not training."""

    def __post_init__(self) -> None:
        if isinstance(self.stop, str):  # a lone string is a common slip: stop="\n"
            object.__setattr__(self, "stop", (self.stop,))
        else:
            object.__setattr__(self, "stop", tuple(self.stop))
        if not isinstance(self.n, int) or self.n < 1:
            raise ValueError(f"SamplingConfig.n must be an int >= 1, got {self.n!r}")
        if self.temperature < 0:
            raise ValueError(f"SamplingConfig.temperature must be >= 0 (0 = greedy), got {self.temperature!r}")
        if not 0 < self.top_p <= 1:
            raise ValueError(f"SamplingConfig.top_p must be in (0, 1], got {self.top_p!r}")
        if self.top_k < 0:
            raise ValueError(f"SamplingConfig.top_k must be >= 0 (0 = off), got {self.top_k!r}")
        if self.max_tokens < 1:
            raise ValueError(f"SamplingConfig.max_tokens must be >= 1, got {self.max_tokens!r}")
        if any(not isinstance(s, str) or not s for s in self.stop):
            raise ValueError(f"SamplingConfig.stop must hold non-empty strings, got {self.stop!r}")

    @property
    def greedy(self) -> bool:
        return self.temperature == 0


@dataclass
class Completion:
    """One generated continuation of one prompt."""

    text: str
    """Decoded text, without special tokens and cut before the first stop string."""
    token_ids: list[int]
    """Generated token ids, including the end-of-sequence token when the model emitted one."""
    logprobs: list[float] | None
    """Log-probability of each token in ``token_ids`` (``None`` unless requested)."""
    finish_reason: str
    """``"stop"`` (end-of-sequence or a stop string) or ``"length"`` (hit ``max_tokens``)."""
    prompt_token_ids: list[int] | None = field(default=None, repr=False)
    """The prompt as the engine saw it, when the backend knows it (learners train on prompt + completion)."""


DEFAULT_SAMPLING = SamplingConfig()


class Backend(abc.ABC):
    """A text generator the rollout runner and learners drive; see the module docstring."""

    name: str = "base"
    """Short backend name: ``hf``, ``vllm`` or ``openai``."""

    @property
    @abc.abstractmethod
    def tokenizer(self) -> Any:
        """The Hugging Face tokenizer of the served model (``None`` if the backend has no local copy)."""

    @property
    def has_chat_template(self) -> bool:
        """Whether chat conversations are rendered with a chat template (otherwise pass plain text)."""
        from textbook_gym.agents.backends.prompts import has_chat_template

        return has_chat_template(self.tokenizer)

    @abc.abstractmethod
    def generate(
        self,
        prompts: Sequence[Prompt],
        sampling: SamplingConfig = DEFAULT_SAMPLING,
        return_logprobs: bool = False,
    ) -> list[list[Completion]]:
        """For each prompt, ``sampling.n`` completions (in prompt order)."""

    def update_weights(self, named_parameters: Iterable[tuple[str, Any]]) -> None:
        """Load new parameters (``(name, tensor)`` pairs as in ``model.named_parameters()``) in place."""
        raise NotImplementedError(
            f"the {self.name!r} backend cannot load weights in place; restart it from a saved checkpoint"
        )

    def close(self) -> None:
        """Release the engine (GPU memory, server connections). Idempotent."""
        return None

    def __enter__(self) -> Backend:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"


__all__ = ["DEFAULT_SAMPLING", "FINISH_REASONS", "Backend", "Completion", "Message", "Prompt", "SamplingConfig"]
