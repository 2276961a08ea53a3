"""The problem record shared by generators, environments, exports and evaluation."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from textbook_gym.answers import decode_answer, encode_answer


@dataclass(frozen=True)
class Problem:
    """One practice problem: what is asked and the canonical typed answer.

    Frozen so that a problem handed to a verifier, a worker process or a data set
    cannot drift from the one the model saw; picklable and JSON-serializable so it
    can cross process boundaries and be exported.
    """

    question: str
    """The problem statement shown to the model (without the answer-format instruction)."""
    answer: Any
    """Canonical typed answer (int, Fraction, tuple, frozenset, str, sympy expression ...)."""
    family: str
    """Name of the family that generated it, e.g. ``"Arithmetic"``."""
    version: int = 0
    """Family version; part of the env id ``textbook/<family>-v<version>``."""
    difficulty: int = 1
    """Difficulty level 1..10 it was generated at."""
    seed: int | tuple[int, ...] | None = None
    """Seed (an int or a tuple of ints) of the ``numpy.random.default_rng`` that regenerates this problem."""
    metadata: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    """Family-specific data the worked solution and verifier need (operands, steps ...)."""

    @functools.cached_property
    def id(self) -> str:
        """Stable content id: the same problem has the same id in every process."""
        digest = hashlib.sha256(f"{self.family}-v{self.version}\x00{self.question}".encode()).hexdigest()
        return f"{self.family}-v{self.version}-{digest[:16]}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "family": self.family,
            "version": self.version,
            "difficulty": self.difficulty,
            "seed": self.seed,
            "question": self.question,
            "answer": encode_answer(self.answer),
            "metadata": self.metadata,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Problem:
        return cls(
            question=data["question"],
            answer=decode_answer(data["answer"]),
            family=data["family"],
            version=int(data.get("version", 0)),
            difficulty=int(data.get("difficulty", 1)),
            seed=_seed(data.get("seed")),
            metadata=dict(data.get("metadata") or {}),
        )

    @classmethod
    def from_json(cls, text: str) -> Problem:
        return cls.from_dict(json.loads(text))


def _seed(value: Any) -> int | tuple[int, ...] | None:
    if value is None or isinstance(value, int):
        return value
    return tuple(int(v) for v in value)


def answer_of(family: Any, problem: Problem) -> str:
    """The canonical answer as users read it: ``family.answer_text(problem)``, in the family's
    documented answer format and never a Python repr (a family without that method: the typed
    answer rendered by :func:`textbook_gym.answers.answer_text`)."""
    method = getattr(family, "answer_text", None)
    if method is not None:
        return method(problem)
    from textbook_gym.answers import answer_text

    return answer_text(problem.answer)


def generate_problem(family: Any, seed: int | Sequence[int], difficulty: int) -> Problem:
    """Generate the problem that ``seed`` names and record the seed on it.

    Families never see seeds, only the Generator built from them; this is the one
    place that turns a seed into a reproducible, self-describing Problem.
    """
    key = seed if isinstance(seed, int) else tuple(int(v) for v in seed)
    problem = family.generate(np.random.default_rng(list(key) if isinstance(key, tuple) else key), difficulty)
    if problem.seed is None:
        # The problem is brand new and has not escaped yet, so filling in its seed cannot
        # surprise anyone; dataclasses.replace would cost as much as generating it.
        object.__setattr__(problem, "seed", key)
        return problem
    return dataclasses.replace(problem, seed=key)
