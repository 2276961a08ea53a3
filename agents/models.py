"""The embedded default model: a tiny Llama with a character-level tokenizer.

textbook_gym must run end to end (pretrain, SFT, RL, evaluation) on a laptop
without downloading anything. :func:`build_tiny_model` therefore builds a
randomly initialised Llama-architecture model and a tokenizer whose vocabulary is
the textbook's alphabet, one token per character, and saves both in Hugging Face
format. Llama is the architecture every engine supports, so the same directory
loads in ``transformers`` and in ``vllm.LLM`` (and in ``vllm serve``) unchanged.

A character-level vocabulary keeps the embedding matrix small (about 130 rows),
so almost all of the parameters sit in the transformer blocks where they learn
arithmetic, and any text the families produce can be encoded: characters outside
the alphabet become ``<unk>`` instead of failing.

:func:`load_model` and :func:`load_tokenizer` go through the ordinary
``from_pretrained`` code paths, so a hub id works the same way for users with
network access.
"""

from __future__ import annotations

import json
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BOS, EOS, PAD, UNK = "<s>", "</s>", "<pad>", "<unk>"
ROLE_TOKENS = ("<|system|>", "<|user|>", "<|assistant|>")
"""One token per chat role, so the chat template costs one token per message header."""

MATH_SYMBOLS = "×÷−±≤≥≠≈√∞π°·…²³½¼¾∑∏∫∂∈∉⊂⊆∪∩∅→⇒⇔←∀∃¬∧∨αβγδεθλμσφωΔΣΩ’‘“”–—"
"""Non-ASCII characters that appear in textbook problems and solutions."""

ALPHABET = "\n\t" + "".join(ch for ch in string.printable if ch not in "\n\t\r\x0b\x0c") + MATH_SYMBOLS
"""Every character with its own token: newline, tab, printable ASCII, maths symbols."""

CHAT_TEMPLATE = (
    "{{ bos_token }}{% for message in messages %}"
    "<|{{ message['role'] }}|>{{ message['content'] }}"
    "{% if message['role'] == 'assistant' %}{{ eos_token }}{% endif %}{{ '\\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}<|assistant|>{% endif %}"
)
"""BOS, then per message: role token, content, newline; assistant turns end with ``</s>``,
which is what the model learns to emit to stop. As in Llama's templates the rendered
text starts with BOS, because chat servers (vLLM's ``/chat/completions``) tokenize the
rendered conversation without adding special tokens; plain text prompts get their BOS
from the tokenizer. :func:`textbook_gym.agents.backends.prompts.encode` makes sure a
prompt never gets two."""


@dataclass(frozen=True)
class TinyModelSpec:
    """Shape of an embedded model. Explicit ``head_dim`` keeps vLLM's attention kernels happy."""

    hidden_size: int
    """Width of the residual stream."""
    intermediate_size: int
    """Width of the SwiGLU MLP."""
    num_hidden_layers: int
    """Number of transformer blocks."""
    num_attention_heads: int
    """Query heads (key/value heads are the same number: no grouped-query attention)."""
    head_dim: int
    """Per-head width; ``num_attention_heads * head_dim == hidden_size``."""
    max_position_embeddings: int = 4096
    """Longest context; multi-attempt transcripts at one token per character need thousands."""


SIZES: dict[str, TinyModelSpec] = {
    "tiny": TinyModelSpec(hidden_size=128, intermediate_size=384, num_hidden_layers=4, num_attention_heads=4, head_dim=32),
    "small": TinyModelSpec(hidden_size=192, intermediate_size=768, num_hidden_layers=4, num_attention_heads=6, head_dim=32),
}
"""``tiny`` ≈ 0.9M parameters (tests, smoke runs); ``small`` ≈ 2.4M (the size that learns
3-digit addition from worked solutions in minutes on a CPU)."""


def build_tokenizer():
    """A character-level ``PreTrainedTokenizerFast`` over :data:`ALPHABET` with a chat template."""
    from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    specials = [PAD, BOS, EOS, UNK, *ROLE_TOKENS]
    vocab: dict[str, int] = {}
    for token in [*specials, *ALPHABET]:
        vocab.setdefault(token, len(vocab))
    core = Tokenizer(models.WordLevel(vocab=vocab, unk_token=UNK))
    # Every character is its own pre-token; [\s\S] also matches newlines.
    core.pre_tokenizer = pre_tokenizers.Split(Regex(r"[\s\S]"), behavior="isolated")
    core.decoder = decoders.Fuse()
    core.post_processor = processors.TemplateProcessing(
        single=f"{BOS} $A", pair=f"{BOS} $A {BOS} $B", special_tokens=[(BOS, vocab[BOS])]
    )
    core.add_special_tokens(specials)
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=core,
        bos_token=BOS,
        eos_token=EOS,
        pad_token=PAD,
        unk_token=UNK,
        additional_special_tokens=list(ROLE_TOKENS),
        padding_side="left",
        clean_up_tokenization_spaces=False,
    )
    tokenizer.chat_template = CHAT_TEMPLATE
    return tokenizer


def tiny_config(size: str = "tiny", vocab_size: int | None = None, **overrides: Any):
    """The ``LlamaConfig`` of an embedded model size (``overrides`` change any field)."""
    from transformers import LlamaConfig

    if size not in SIZES:
        raise ValueError(f"unknown model size {size!r}; choose one of {sorted(SIZES)}")
    spec = SIZES[size]
    tokenizer = build_tokenizer()
    fields = dict(
        vocab_size=vocab_size or len(tokenizer),
        hidden_size=spec.hidden_size,
        intermediate_size=spec.intermediate_size,
        num_hidden_layers=spec.num_hidden_layers,
        num_attention_heads=spec.num_attention_heads,
        num_key_value_heads=spec.num_attention_heads,
        head_dim=spec.head_dim,
        max_position_embeddings=spec.max_position_embeddings,
        rms_norm_eps=1e-5,
        rope_theta=10000.0,
        tie_word_embeddings=False,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        initializer_range=0.02,
    )
    fields.update(overrides)
    return LlamaConfig(**fields)


def build_tiny_model(size: str = "tiny", out_dir: str | Path = "tiny-model", *, seed: int = 0) -> Path:
    """Build a randomly initialised Llama + character tokenizer and save them to ``out_dir``.

    The directory holds ``config.json``, ``model.safetensors`` (float32),
    ``generation_config.json``, ``tokenizer.json`` and ``tokenizer_config.json`` (with the
    chat template), and loads with ``from_pretrained`` and ``vllm.LLM(model=out_dir)``.
    The same ``seed`` gives the same weights.
    """
    import torch
    from transformers import GenerationConfig, LlamaForCausalLM

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tokenizer = build_tokenizer()
    config = tiny_config(size, vocab_size=len(tokenizer))
    config.dtype = "float32"
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = LlamaForCausalLM(config).to(torch.float32)
    model.generation_config = GenerationConfig(
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    model.save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    (out / "textbook_gym.json").write_text(json.dumps({"size": size, "seed": seed}, indent=2) + "\n")
    return out


def count_parameters(model) -> int:
    """Number of parameters of a torch module."""
    return sum(p.numel() for p in model.parameters())


def default_dtype(device: str):
    """bf16 on CUDA (half the memory traffic, same range as fp32), fp32 on the CPU."""
    import torch

    return torch.bfloat16 if str(device).startswith("cuda") else torch.float32


def load_model(path: str | Path, device: str = "cpu", dtype=None):
    """Load a causal LM with ``AutoModelForCausalLM.from_pretrained``, in eval mode on ``device``.

    ``path`` is a local directory or a hub id. ``dtype`` defaults to bf16 on CUDA, fp32 on the CPU.
    """
    from transformers import AutoModelForCausalLM

    dtype = dtype or default_dtype(device)
    try:
        model = AutoModelForCausalLM.from_pretrained(str(path), dtype=dtype)
    except OSError as exc:
        raise OSError(
            f"could not load a model from {str(path)!r} ({exc}); pass a directory written by "
            "textbook_gym.agents.models.build_tiny_model or a hub id reachable from this machine"
        ) from exc
    return model.to(device).eval()


def load_tokenizer(path: str | Path):
    """Load the tokenizer with ``AutoTokenizer.from_pretrained``, padding on the left for generation."""
    from transformers import AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(str(path))
    except OSError as exc:
        raise OSError(
            f"could not load a tokenizer from {str(path)!r} ({exc}); pass a model directory or hub id"
        ) from exc
    tokenizer.padding_side = "left"
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


__all__ = [
    "ALPHABET",
    "CHAT_TEMPLATE",
    "SIZES",
    "TinyModelSpec",
    "build_tiny_model",
    "build_tokenizer",
    "count_parameters",
    "default_dtype",
    "load_model",
    "load_tokenizer",
    "tiny_config",
]
