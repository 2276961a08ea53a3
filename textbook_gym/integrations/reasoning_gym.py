"""Any reasoning-gym data set as a textbook practice environment.

``make_env("basic_arithmetic")`` (or, after importing this module,
``gym.make("textbook/rg-basic_arithmetic-v0")``) gives a
:class:`~textbook_gym.env.TextbookEnv` whose problems come from reasoning-gym's
generator and whose reward is 1 when reasoning-gym's own ``score_answer`` gives the
answer full marks, else 0. Answers are taken with the project's shared rules
(anchored answers only; several different answers are INCORRECT; an answer that
does not have the gold's shape, such as ``72 or 73`` or ``9^{9^{9}}`` for 9, is
UNPARSEABLE, because many reasoning-gym scorers find the right answer anywhere in
the text: :mod:`textbook_gym.verifiers.answer_shape`), and
``score_answer`` runs inside the sandbox pool with a deadline, because some
reasoning-gym scorers evaluate model text. reasoning-gym's partial credit (0.01 for
any answer in many data sets, string similarity in others) is reported in the
verdict's reason, not paid: ``benchmarks/rg_integrity.py`` measures what it paid.

Each problem is the item at index 0 of a reasoning-gym data set seeded from the
episode's RNG, so the same seed gives the same problem in any process started with
the same ``PYTHONHASHSEED`` (three reasoning-gym generators depend on it; a
verifier that rebuilds a different problem from the seed says so with an ERROR
verdict rather than score the wrong one). ``difficulty`` is
recorded but reasoning-gym's own ``config`` (passed through) decides the problem.
Reasoning-gym ships no worked solutions or exposition, so ``feedback="hint"`` and
``open_book`` are not available for these environments. Needs the ``bench`` extra.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from typing import Any

import gymnasium as gym
import numpy as np

from textbook_gym.env import TextbookEnv
from textbook_gym.family import BOXED_INSTRUCTION, Family
from textbook_gym.problem import Problem
from textbook_gym.verdict import Verdict
from textbook_gym.verifiers import check_answer
from textbook_gym.verifiers.answer_shape import check_shape, truth_value
from textbook_gym.verifiers.errors import ParseError, VerificationTimeout
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


def _score(name: str, seed: int, config_json: str, entry: dict[str, Any], answer: str) -> float:
    """Runs in a sandbox worker: reasoning-gym's ``score_answer`` on the item the question was made from.

    The item travels from the verifying process rather than being rebuilt here: some
    reasoning-gym generators (``polynomial_multiplication``, ``isomorphic_strings``,
    ``ransom_note``) draw through set or dict order, so the same seed gives a different
    item in a process with another hash seed, and a worker is such a process.
    """
    return float(_dataset(name, seed, config_json).score_answer(answer=answer, entry=entry))


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
        """reasoning-gym's ``score_answer`` on the one anchored answer, paid only when it is 1.0.

        The answer goes through the project's shared rules first
        (:func:`~textbook_gym.verifiers.check_answer`): every anchored span counts, an empty
        one too, so several different answers are INCORRECT. Because many reasoning-gym
        scorers are lenient (the first number in the text, the right answer anywhere in
        it, a list scored by the positions it gets right), the answer must also have the
        gold's shape (:func:`~textbook_gym.verifiers.answer_shape.check_shape`: no added
        hedge, a number for a number, as many parts as the gold) or it is UNPARSEABLE. A
        truth value is compared here, and puzzle24's expression must use the puzzle's own
        numbers, because those two scorers pay wrong answers. reasoning-gym's partial
        scores (0.01 for any answer in many data sets, string similarity in others) are
        reported in the verdict's reason but not paid: an INCORRECT answer earns 0.
        """
        gold = str(problem.answer)
        meta = problem.metadata
        entry = _entry(meta["rg_dataset"], meta["rg_seed"], meta["rg_config"])
        if str(entry["question"]) != problem.question:
            return Verdict.error(
                f"reasoning-gym's {meta['rg_dataset']!r} built a different problem from seed {meta['rg_seed']} in this "
                "process than in the one that asked it (its generator depends on the hash seed): set the same "
                "PYTHONHASHSEED for every process that generates or verifies these problems")
        scores: list[float] = []

        def shaped_like_gold(span: str) -> str:
            shown = check_shape(span, gold)  # what the scorer sees: the span, or its number in plain digits
            extra = _DATASET_CHECKS.get(meta["rg_dataset"])
            if extra is not None:
                extra(span, entry)
            return shown

        def scored_one(span: str, _gold: str) -> bool:
            if truth_value(gold) is not None and truth_value(span) != truth_value(gold):
                return False  # game_of_life_halting's scorer pays any non-empty answer (bool("False") is True)
            if gold.endswith(".") and not span.endswith("."):
                span += "."  # the extractor drops an answer's closing full stop; a sentence's scorer wants it back
            outcome = _pool().call(_score, meta["rg_dataset"], meta["rg_seed"], meta["rg_config"], entry, span,
                                   deadline=self.deadline)
            if outcome.kind == "timeout":
                raise VerificationTimeout(f"reasoning-gym scorer gave no answer within {self.deadline:g} s")
            if outcome.kind == "error":
                raise RuntimeError(f"reasoning-gym scorer failed: {outcome.error}")
            score = outcome.value
            if not 0.0 <= score <= 1.0:
                raise RuntimeError(f"reasoning-gym scorer returned {score!r}, outside [0, 1]")
            scores.append(score)
            return score == 1.0

        verdict = check_answer(response, gold, shaped_like_gold, scored_one, _same_text)
        if scores:
            note = " (partial credit is not paid)" if 0 < scores[-1] < 1 else ""
            verdict = dataclasses.replace(verdict, reason=f"reasoning-gym score {scores[-1]:g}{note}")
        return verdict


def _uses_the_given_numbers(span: str, entry: dict[str, Any]) -> None:
    """puzzle24: reasoning-gym checks that the expression makes 24 from four numbers, not from *these* four."""
    given = sorted(int(number) for number in entry["metadata"]["numbers"])
    if sorted(int(number) for number in re.findall(r"[0-9]+", span)) != given:
        raise ParseError(f"the expression must use the numbers {', '.join(map(str, given))}, each once")


_DATASET_CHECKS = {"puzzle24": _uses_the_given_numbers}
"""Checks for data sets whose reasoning-gym scorer pays answers that do not solve *this* problem."""


def _same_text(first: str, second: str) -> bool:
    """Two anchored answers agree when they are the same text up to spacing."""
    return first.split() == second.split()


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
