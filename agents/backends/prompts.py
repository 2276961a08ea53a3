"""Turning prompts and conversations into the exact token ids an engine sees.

Every local backend encodes prompts here, so transformers and vLLM see the same
ids for the same conversation and their outputs can be compared token for token.
Chat conversations go through the tokenizer's chat template when it has one;
without one they fall back to the plain transcript (contents separated by blank
lines), which is what ``TextbookEnv`` observations look like.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from textbook_gym.agents.backends.base import Prompt, SamplingConfig


def is_chat(prompt: Prompt) -> bool:
    """True for a conversation (a sequence of role/content dicts), False for plain text."""
    if isinstance(prompt, str):
        return False
    if isinstance(prompt, Sequence) and all(isinstance(m, dict) and "content" in m for m in prompt):
        return True
    raise TypeError(
        f"a prompt must be a string or a list of {{'role': ..., 'content': ...}} dicts, got {type(prompt).__name__}"
    )


def render(tokenizer: Any, prompt: Prompt) -> str:
    """The prompt as text: a conversation through the chat template (with the assistant header)."""
    if not is_chat(prompt):
        return prompt
    if tokenizer is not None and getattr(tokenizer, "chat_template", None):
        return tokenizer.apply_chat_template(list(prompt), tokenize=False, add_generation_prompt=True)
    return "\n\n".join(m["content"] for m in prompt)


def encode(tokenizer: Any, prompt: Prompt) -> list[int]:
    """Token ids of a prompt, with exactly one BOS whether or not the chat template writes one."""
    text = render(tokenizer, prompt)
    bos = getattr(tokenizer, "bos_token", None)
    add_special = not (bos and text.startswith(bos))
    return tokenizer(text, add_special_tokens=add_special)["input_ids"]


def encode_all(tokenizer: Any, prompts: Sequence[Prompt]) -> list[list[int]]:
    """:func:`encode` over a batch; plain-text batches go through the tokenizer in one call."""
    if isinstance(prompts, str):
        raise TypeError("prompts must be a list of prompts; wrap a single prompt as [prompt]")
    return [encode(tokenizer, p) for p in prompts]


PROMPT_SEPARATOR = "\n"
"""Appended to a plain (no chat template) prompt: the model answers on a fresh line."""


def has_chat_template(tokenizer: Any) -> bool:
    """Whether prompts for this tokenizer are conversations (see :func:`policy_prompt`)."""
    return bool(getattr(tokenizer, "chat_template", None))


def policy_prompt(observation: str, messages: Sequence[dict[str, str]], chat: bool) -> Prompt:
    """What a policy is given for an environment state: the same in SFT, RL and every evaluation.

    With a chat template (``chat``): the env's conversation, which :func:`render` turns
    into text with the template, exactly as TRL does with conversational records.
    Without one: the plain observation (the whole transcript, for later attempts)
    plus :data:`PROMPT_SEPARATOR`.
    """
    return [dict(m) for m in messages] if chat else observation + PROMPT_SEPARATOR


def cut_at_stop(text: str, stop: Sequence[str]) -> tuple[str, bool]:
    """``text`` up to the earliest stop string, and whether one was found."""
    cut = min((i for i in (text.find(s) for s in stop) if i >= 0), default=-1)
    return (text, False) if cut < 0 else (text[:cut], True)


def engine_n(sampling: SamplingConfig) -> int:
    """Completions to ask an engine for: 1 when greedy (vLLM refuses ``n > 1`` without sampling,
    and greedy copies are identical anyway); :func:`fan_out` then repeats the one answer ``n`` times."""
    return 1 if sampling.greedy else sampling.n


def fan_out(completions: list, sampling: SamplingConfig) -> list:
    """``sampling.n`` completions from the engine's answer (independent copies for greedy requests)."""
    if len(completions) >= sampling.n or not completions:
        return completions
    first = completions[0]
    return [first] + [replace(first, token_ids=list(first.token_ids)) for _ in range(sampling.n - 1)]


def prompt_seeds(sampling: SamplingConfig, count: int) -> list[int | None]:
    """One seed per prompt (``seed + index``), so that identical prompts in a batch still differ."""
    if sampling.seed is None:
        return [None] * count
    return [(sampling.seed + i) % (2**63) for i in range(count)]


__all__ = [
    "PROMPT_SEPARATOR",
    "cut_at_stop",
    "encode",
    "encode_all",
    "engine_n",
    "fan_out",
    "has_chat_template",
    "is_chat",
    "policy_prompt",
    "prompt_seeds",
    "render",
]
