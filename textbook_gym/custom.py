"""Your own problems and verifier as a textbook environment.

``make_env(problems, verifier)`` turns any data set of question/answer mappings and
any checking function into a :class:`~textbook_gym.env.TextbookEnv` with the same
trial-and-error options as the built-in families. The verifier runs in the
sandbox pool with a deadline, so a verifier that raises, hangs or returns nonsense
costs one ERROR or TIMEOUT verdict (zero reward, reported in ``info``), never the
training run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from textbook_gym.env import TextbookEnv
from textbook_gym.family import BOXED_INSTRUCTION, Family
from textbook_gym.problem import Problem
from textbook_gym.verdict import Verdict
from textbook_gym.verifiers.sandbox import check_deadline
from textbook_gym.verifiers.user import run_user_verifier, verdict_from_result

__all__ = ["DatasetFamily", "make_env", "verdict_from_result"]

UserVerifier = Callable[[str, Any], "bool | float | Verdict"]


class DatasetFamily(Family):
    """A family backed by a user's data set and verifier instead of a generator.

    A *sequence* of problems is sampled by index from the episode's RNG (seeded runs
    repeat); any other iterable is consumed in order, one item per episode.
    """

    version = 0
    answer_type = "custom"
    subject = "custom"

    def __init__(
        self,
        problems: Sequence[Mapping[str, Any]] | Iterable[Mapping[str, Any]],
        verifier: UserVerifier,
        *,
        name: str = "Custom",
        question_key: str = "question",
        answer_key: str = "answer",
        solution_key: str = "solution",
        exposition: Sequence[str] = (),
        instruction: str = BOXED_INSTRUCTION,
        deadline: float = 5.0,
        sandbox: bool = True,
    ):
        if not callable(verifier):
            raise TypeError(f"verifier must be callable as verifier(response, answer), got {verifier!r}")
        if isinstance(problems, (str, bytes, Mapping)):
            raise TypeError("problems must be a sequence or iterable of mappings, not a single string or mapping")
        self.name = name
        self.instruction = instruction
        self._sequence = problems if isinstance(problems, Sequence) else None
        self._iterator: Iterator | None = None if self._sequence is not None else iter(problems)
        if self._sequence is not None and len(self._sequence) == 0:
            raise ValueError("problems is empty; pass at least one {question, answer} mapping")
        self.verifier = verifier
        self.keys = (question_key, answer_key, solution_key)
        self._exposition = list(exposition)
        self.deadline = check_deadline(deadline)
        self.sandbox = bool(sandbox)

    def __reduce__(self):  # registered families pickle by name; a data set pickles by value
        if self._sequence is None:
            raise TypeError("a DatasetFamily over a one-shot iterator cannot be pickled; pass a list instead")
        kwargs = {
            "name": self.name, "question_key": self.keys[0], "answer_key": self.keys[1], "solution_key": self.keys[2],
            "exposition": self._exposition, "instruction": self.instruction, "deadline": self.deadline,
            "sandbox": self.sandbox,
        }
        return (_rebuild_dataset_family, (self._sequence, self.verifier, kwargs))

    def _item(self, rng: np.random.Generator) -> tuple[int, Mapping[str, Any]]:
        if self._sequence is not None:
            index = int(rng.integers(0, len(self._sequence)))
            return index, self._sequence[index]
        try:
            return -1, next(self._iterator)
        except StopIteration:
            raise RuntimeError("the problems iterable is exhausted; pass a sequence or a longer stream") from None

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem:
        index, item = self._item(rng)
        question_key, answer_key, solution_key = self.keys
        try:
            question, answer = item[question_key], item[answer_key]
        except (KeyError, TypeError):
            raise KeyError(
                f"problem {index} lacks {question_key!r}/{answer_key!r}; pass question_key=/answer_key= to make_env"
            ) from None
        metadata = {"index": index}
        if item.get(solution_key) if isinstance(item, Mapping) else None:
            metadata["solution"] = str(item[solution_key])
        return Problem(str(question), answer, self.name, self.version, difficulty, index, metadata)

    def worked_solution(self, problem: Problem) -> str:
        solution = problem.metadata.get("solution")
        if solution is None:
            raise LookupError(f"problem {problem.id} has no worked solution (no {self.keys[2]!r} field)")
        return solution

    def solution_steps(self, problem: Problem) -> list[str]:
        return super().solution_steps(problem) if "solution" in problem.metadata else []

    def exposition(self) -> list[str]:
        return list(self._exposition)

    def verify(self, problem: Problem, response: str) -> Verdict:
        if not self.sandbox:
            try:
                return verdict_from_result(self.verifier(response, problem.answer))
            except Exception as exc:  # noqa: BLE001 - user code may raise anything
                return Verdict.error(f"verifier raised {type(exc).__name__}: {exc}")
        # A worker of the custom-verifier pool runs it and reads its result there; only the
        # verdict's plain fields come back, so nothing it returns is unpickled here.
        return run_user_verifier(self.verifier, response, problem.answer, deadline=self.deadline)


def _rebuild_dataset_family(problems, verifier, kwargs) -> DatasetFamily:
    return DatasetFamily(problems, verifier, **kwargs)


def make_env(
    problems: Sequence[Mapping[str, Any]] | Iterable[Mapping[str, Any]],
    verifier: UserVerifier,
    *,
    name: str = "Custom",
    question_key: str = "question",
    answer_key: str = "answer",
    solution_key: str = "solution",
    exposition: Sequence[str] = (),
    instruction: str = BOXED_INSTRUCTION,
    deadline: float = 5.0,
    sandbox: bool = True,
    **env_kwargs: Any,
) -> TextbookEnv:
    """An environment over your own problems, checked by your own verifier.

    ``verifier(response, answer)`` returns ``True``/``False``, a score in [0, 1] or a
    :class:`~textbook_gym.Verdict`. It runs in a sandbox worker with ``deadline``
    seconds (``sandbox=False`` runs it in-process: faster, but a hang cannot be
    stopped). ``env_kwargs`` are TextbookEnv's: ``max_attempts``, ``feedback``,
    ``open_book``, ``render_mode``. ``feedback="hint"`` uses each problem's
    ``solution`` field when present.

    To give it a Gymnasium id::

        gym.register("my/Quiz-v0", entry_point=lambda **kw: make_env(DATA, check, **kw))

    >>> env = make_env([{"question": "2+2?", "answer": "4"}], lambda r, a: a in r, sandbox=False)
    >>> _ = env.reset(seed=0)
    >>> env.step("4")[1]
    1.0
    """
    family = DatasetFamily(
        problems,
        verifier,
        name=name,
        question_key=question_key,
        answer_key=answer_key,
        solution_key=solution_key,
        exposition=exposition,
        instruction=instruction,
        deadline=deadline,
        sandbox=sandbox,
    )
    return TextbookEnv(family, **env_kwargs)
