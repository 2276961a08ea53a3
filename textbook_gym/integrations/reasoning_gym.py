"""Any reasoning-gym data set as a textbook practice environment.

``make_env("basic_arithmetic")`` (or, after importing this module,
``gym.make("textbook/rg-basic_arithmetic-v0")``) gives a
:class:`~textbook_gym.env.TextbookEnv` whose problems come from reasoning-gym's
generator and whose reward is reasoning-gym's own ``score_answer``. Answers are
taken with the project's shared extractor (anchored answers only; conflicting
answers are INCORRECT), and ``score_answer`` runs inside the sandbox pool with a
deadline, because some reasoning-gym scorers evaluate model text.

Each problem is the item at index 0 of a reasoning-gym data set seeded from the
episode's RNG, so the same seed gives the same problem in any process, and the
scorer rebuilds the item from that seed instead of shipping it. ``difficulty`` is
recorded but reasoning-gym's own ``config`` (passed through) decides the problem.
Reasoning-gym ships no worked solutions or exposition, so ``feedback="hint"`` and
``open_book`` are not available for these environments. Needs the ``bench`` extra.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import gymnasium as gym
import numpy as np

from textbook_gym.env import TextbookEnv
from textbook_gym.family import BOXED_INSTRUCTION, Family
from textbook_gym.problem import Problem
from textbook_gym.verdict import Status, Verdict
from textbook_gym.verifiers.extract import extract_answers
from textbook_gym.verifiers.sandbox import SandboxPool

DEADLINE = 10.0
"""Seconds a reasoning-gym scorer may take before its worker is killed (TIMEOUT)."""
ENV_PREFIX = "textbook/rg-"


def _import_reasoning_gym():
    try:
        import reasoning_gym
    except ImportError as exc:
        raise ImportError(
            "the reasoning-gym adapter needs the reasoning-gym package: pip install 'textbook-gym[bench]'"
        ) from exc
    return reasoning_gym


@functools.lru_cache(maxsize=256)
def _dataset(name: str, seed: int, config_json: str):
    reasoning_gym = _import_reasoning_gym()
    return reasoning_gym.create_dataset(name, size=1, seed=seed, **json.loads(config_json))


def _entry(name: str, seed: int, config_json: str) -> dict[str, Any]:
    return _dataset(name, seed, config_json)[0]


def _score(name: str, seed: int, config_json: str, answer: str) -> float:
    """Runs in a sandbox worker: rebuild the item from its seed and score with reasoning-gym."""
    dataset = _dataset(name, seed, config_json)
    return float(dataset.score_answer(answer=answer, entry=dataset[0]))


@functools.lru_cache(maxsize=1)
def _pool() -> SandboxPool:
    # A pool of its own that imports reasoning-gym before reporting ready, so the
    # import never counts against a scoring deadline.
    return SandboxPool(workers=1, preload=("reasoning_gym",))


class ReasoningGymFamily(Family):
    """A reasoning-gym data set behind the Family protocol (generation + scoring only)."""

    version = 0
    answer_type = "reasoning-gym"
    subject = "reasoning-gym"
    instruction = BOXED_INSTRUCTION

    def __init__(self, dataset: str, config: dict[str, Any] | None = None, deadline: float = DEADLINE):
        reasoning_gym = _import_reasoning_gym()
        from reasoning_gym.factory import DATASETS

        if dataset not in DATASETS:
            raise KeyError(f"reasoning-gym has no data set {dataset!r}; see reasoning_gym.factory.DATASETS")
        del reasoning_gym
        self.dataset = dataset
        self.name = f"rg-{dataset}"
        self.config_json = json.dumps(config or {}, sort_keys=True)
        self.deadline = float(deadline)

    def __reduce__(self):
        return (ReasoningGymFamily, (self.dataset, json.loads(self.config_json), self.deadline))

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem:
        seed = int(rng.integers(0, 2**31 - 1))
        entry = _entry(self.dataset, seed, self.config_json)
        return Problem(
            question=str(entry["question"]),
            answer=str(entry["answer"]),
            family=self.name,
            version=self.version,
            difficulty=difficulty,
            metadata={"rg_dataset": self.dataset, "rg_seed": seed, "rg_config": self.config_json},
        )

    def worked_solution(self, problem: Problem) -> str:
        raise LookupError(f"reasoning-gym's {self.dataset!r} ships no worked solutions")

    def solution_steps(self, problem: Problem) -> list[str]:
        return []

    def exposition(self) -> list[str]:
        return []

    def verify(self, problem: Problem, response: str) -> Verdict:
        extraction = extract_answers(response)
        if extraction.problem is not None:
            return Verdict.unparseable(extraction.problem)
        spans = [s for s in extraction.spans if s]
        if not spans:
            return Verdict.unparseable("no anchored answer (use \\boxed{...} or an 'Answer:' line)")
        if len(spans) > 1:
            return Verdict.wrong(spans[-1], None, "conflicting final answers: " + ", ".join(spans[:4]))
        meta = problem.metadata
        outcome = _pool().call(_score, meta["rg_dataset"], meta["rg_seed"], meta["rg_config"], spans[0],
                               deadline=self.deadline)
        if outcome.kind == "timeout":
            return Verdict.timeout(f"reasoning-gym scorer gave no answer within {self.deadline:g} s", spans[0])
        if outcome.kind == "error":
            return Verdict.error(f"reasoning-gym scorer failed: {outcome.error}", spans[0])
        score = outcome.value
        if not 0.0 <= score <= 1.0:
            return Verdict.error(f"reasoning-gym scorer returned {score!r}, outside [0, 1]", spans[0])
        if score == 1.0:
            return Verdict.right(spans[0], spans[0], "reasoning-gym score 1.0")
        return Verdict(Status.INCORRECT, score, spans[0], spans[0], f"reasoning-gym score {score:g}")


def make_env(name: str, *, config: dict[str, Any] | None = None, deadline: float = DEADLINE,
             **env_kwargs: Any) -> TextbookEnv:
    """A TextbookEnv over reasoning-gym's data set ``name`` (``env_kwargs``: max_attempts, feedback ...)."""
    if env_kwargs.get("feedback") == "hint" or env_kwargs.get("open_book"):
        raise ValueError("reasoning-gym data sets have no worked solutions or exposition: "
                         "use feedback='verdict' or 'none' and open_book=False")
    return TextbookEnv(ReasoningGymFamily(name, config, deadline), **env_kwargs)


def register_all() -> list[str]:
    """Register ``textbook/rg-<name>-v0`` for every reasoning-gym data set; returns the ids."""
    _import_reasoning_gym()
    from reasoning_gym.factory import DATASETS

    ids = []
    for name in sorted(DATASETS):
        env_id = f"{ENV_PREFIX}{name}-v0"
        if env_id not in gym.registry:
            gym.register(id=env_id, entry_point=f"{__name__}:make_env", kwargs={"name": name})
        ids.append(env_id)
    return ids


try:  # importing this module makes gym.make("textbook/rg-<name>-v0") work
    register_all()
except ImportError:  # the adapter's functions still explain what to install
    pass
