"""A Unicode text space for prompts and responses.

Gymnasium's ``spaces.Text`` validates against a character set (62 alphanumerics by
default), which would reject ``×``, ``\\boxed{}``, newlines and every non-Latin
script. Language-model observations and actions are arbitrary Unicode strings, so
this space checks only what matters: the type and the length.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from gymnasium.spaces import Space

# Characters `sample()` draws from: printable ASCII, whitespace and some maths symbols.
_SAMPLE_ALPHABET = (
    [chr(c) for c in range(32, 127)] + ["\n", "\t"] + list("−×÷·²³√πθ∞≤≥≠ΣΔαβ…éüß漢字")
)


class UnicodeText(Space[str]):
    """Any ``str`` of at most ``max_length`` characters (and at least ``min_length``)."""

    def __init__(self, max_length: int, *, min_length: int = 0, seed: int | np.random.Generator | None = None):
        if not 0 <= min_length <= max_length:
            raise ValueError(f"need 0 <= min_length <= max_length, got {min_length} and {max_length}")
        self.min_length = int(min_length)
        self.max_length = int(max_length)
        super().__init__(dtype=str, seed=seed)

    def sample(self, mask: Any = None, probability: Any = None) -> str:
        """A random string from a mixed alphabet; length uniform in [min_length, min(max_length, 256)]."""
        if mask is not None or probability is not None:
            raise NotImplementedError("UnicodeText.sample does not support masks")
        high = min(self.max_length, max(self.min_length, 256))
        length = int(self.np_random.integers(self.min_length, high + 1))
        idx = self.np_random.integers(0, len(_SAMPLE_ALPHABET), size=length)
        return "".join(_SAMPLE_ALPHABET[i] for i in idx)

    def contains(self, x: Any) -> bool:
        return isinstance(x, str) and self.min_length <= len(x) <= self.max_length

    @property
    def is_np_flattenable(self) -> bool:
        return False

    def __repr__(self) -> str:
        return f"UnicodeText(max_length={self.max_length}, min_length={self.min_length})"

    def __eq__(self, other: Any) -> bool:
        return (
            isinstance(other, UnicodeText)
            and other.max_length == self.max_length
            and other.min_length == self.min_length
        )

    def __hash__(self) -> int:
        return hash((UnicodeText, self.max_length, self.min_length))
