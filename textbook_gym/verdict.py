"""The verdict every verifier returns.

A verifier never raises. It answers with a :class:`Verdict` whose ``status`` says
*why* a response earned its score, so that a training run can count a parser
timeout or a crashing custom verifier apart from an honest wrong answer instead
of silently folding both into a reward of zero.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any


class Status(str, enum.Enum):
    """Why a response got its score."""

    CORRECT = "CORRECT"
    """The extracted answer equals the gold answer under the family's rules."""
    INCORRECT = "INCORRECT"
    """An answer was found and parsed, and it is wrong (or several answers conflict)."""
    UNPARSEABLE = "UNPARSEABLE"
    """No anchored answer, or the answer is not a valid rendering of the answer type."""
    TIMEOUT = "TIMEOUT"
    """Checking took longer than its deadline; the worker was killed."""
    ERROR = "ERROR"
    """The verifier itself failed (a bug or a broken custom verifier), not the model."""

    def __str__(self) -> str:  # so f-strings and JSON show the bare name
        return self.value


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking one response against one gold answer.

    ``score`` is the reward in [0, 1]; ``correct`` is true only for CORRECT, and only
    CORRECT pays: any other status with a nonzero score raises ValueError.
    ``extracted`` is the answer span taken from the response, ``parsed`` the typed
    value built from it (or ``None``), ``reason`` one short human-readable line.
    """

    status: Status
    score: float = 0.0
    extracted: str | None = None
    parsed: Any = None
    reason: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.status, Status):
            object.__setattr__(self, "status", Status(self.status))
        score = float(self.score)
        if not 0.0 <= score <= 1.0:  # also rejects nan
            raise ValueError(f"Verdict score must be in [0, 1], got {self.score!r}")
        if score != 0.0 and self.status is not Status.CORRECT:
            # The reward is the score, so a paid INCORRECT is a reward for a wrong answer (a
            # reasoning-gym adapter once passed its partial credit through this way).
            raise ValueError(f"a {self.status.value} verdict pays nothing, so its score must be 0, got {score!r}; "
                             "give partial credit as a CORRECT verdict with a score in (0, 1)")
        object.__setattr__(self, "score", score)

    @property
    def correct(self) -> bool:
        return self.status is Status.CORRECT

    # Small constructors keep call sites short and the score rules in one place.
    @classmethod
    def right(cls, extracted: str | None = None, parsed: Any = None, reason: str = "matches the answer") -> Verdict:
        return cls(Status.CORRECT, 1.0, extracted, parsed, reason)

    @classmethod
    def wrong(cls, extracted: str | None = None, parsed: Any = None, reason: str = "does not match the answer") -> Verdict:
        return cls(Status.INCORRECT, 0.0, extracted, parsed, reason)

    @classmethod
    def unparseable(cls, reason: str, extracted: str | None = None) -> Verdict:
        return cls(Status.UNPARSEABLE, 0.0, extracted, None, reason)

    @classmethod
    def timeout(cls, reason: str = "verification exceeded its deadline", extracted: str | None = None) -> Verdict:
        return cls(Status.TIMEOUT, 0.0, extracted, None, reason)

    @classmethod
    def error(cls, reason: str, extracted: str | None = None) -> Verdict:
        return cls(Status.ERROR, 0.0, extracted, None, reason)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; ``parsed`` becomes its ``repr`` (typed values are not all JSON)."""
        return {
            "status": self.status.value,
            "score": self.score,
            "correct": self.correct,
            "extracted": self.extracted,
            "parsed": None if self.parsed is None else _short_repr(self.parsed),
            "reason": self.reason,
        }


def _short_repr(value: Any, limit: int = 200) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
