"""Textbook families as TRL environments (``trl.GRPOTrainer(environment_factory=...)``, TRL >= 1.9).

TRL makes one environment instance per rollout, calls ``reset(**row)`` with the data set
row and appends the returned text to the row's last user message; the environment's
public methods become tools the model may call; ``get_reward()`` scores the finished
rollout. :class:`TextbookToolEnv` rebuilds the row's problem from its stored fields (so
every member of a GRPO group gets the same problem), exposes one tool,
``submit_answer(answer)``, that verifies with the family's verifier and returns the
project environment's feedback (trial and error with hints inside TRL's tool loop), and
reports the last verdict's score as the reward.

Example::

    from trl import GRPOConfig, GRPOTrainer
    from textbook_gym.integrations.trl_env import environment_factory, train_dataset

    trainer = GRPOTrainer(
        model=..., args=GRPOConfig(max_tool_calling_iterations=2, ...),
        train_dataset=train_dataset(["Arithmetic", "Fractions"], n=1000),          # train split
        environment_factory=environment_factory(max_attempts=2, feedback="hint"),
    )

Mixed families work with one factory (each row names its family); TRL's ``{name: factory}``
form, :func:`environment_factories`, routes rows by an ``environment`` column instead.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from textbook_gym.integrations.common import Episode, EpisodeConfig, as_response, problem_from_row, task_rows

TOOL_INSTRUCTION = "Call the submit_answer tool with your final answer."
"""Appended to every prompt: TRL's tool loop reads answers only from tool calls."""


class TextbookToolEnv:
    """One TRL rollout of a textbook problem (see the module docstring).

    Args:
        max_attempts: attempts per problem; more than 1 is trial and error.
        feedback: ``"none"``, ``"verdict"`` or ``"hint"``, as in :class:`textbook_gym.TextbookEnv`.
    """

    def __init__(self, max_attempts: int = 1, feedback: str = "verdict"):
        self._episode = Episode(EpisodeConfig(max_attempts=max_attempts, feedback=feedback))

    def reset(self, **row: Any) -> str:
        """Pose the row's problem; returns the prompt text TRL appends to the row's user message."""
        problem = problem_from_row(row)
        return f"{self._episode.reset(problem)}\n{TOOL_INSTRUCTION}"

    def submit_answer(self, answer: str) -> str:
        """Submit a final answer to the problem and receive the verdict and feedback.

        Args:
            answer: The final answer only, for example 42 or 3/4.

        Returns:
            Whether the answer is correct and, after a wrong answer, feedback for the next attempt.
        """
        if self._episode.done:
            return "The episode is over; no more answers are accepted."
        return self._episode.submit(as_response(answer)).feedback

    def get_reward(self) -> float:
        """The rollout's reward: the score of the last verdict (0.0 when no answer was submitted)."""
        return self._episode.reward

    # Read by tests and logging; underscore names are not exposed to TRL as tools.
    @property
    def _verdicts(self):
        return list(self._episode.verdicts)

    @property
    def _problem(self):
        return self._episode.problem


def environment_factory(max_attempts: int = 1, feedback: str = "verdict"):
    """A picklable zero-argument factory of :class:`TextbookToolEnv` for ``environment_factory=``."""
    EpisodeConfig(max_attempts=max_attempts, feedback=feedback)  # fail here, not in the trainer
    return functools.partial(TextbookToolEnv, max_attempts=max_attempts, feedback=feedback)


def environment_factories(families: Sequence[str], max_attempts: int = 1, feedback: str = "verdict") -> dict:
    """TRL's multi-environment form: ``{family: factory}``; rows carry ``environment=<family>``."""
    from textbook_gym.registry import get_family

    return {get_family(name).name: environment_factory(max_attempts, feedback) for name in families}


def train_dataset(
    families: Sequence[str] | str,
    n: int,
    *,
    split: str = "train",
    seed: int = 0,
    difficulty: int | str | Sequence[int] = (1, 10),
    environment_column: bool = False,
    curriculum: bool = False,
):
    """A ``datasets.Dataset`` of task rows for :class:`TextbookToolEnv` (``n`` rows per family).

    Each row holds an empty user message as ``prompt`` (``reset`` supplies the problem) and
    the task-row fields. ``environment_column=True`` adds ``environment=<family>`` for
    :func:`environment_factories`; ``curriculum=True`` orders rows by difficulty (train
    with ``GRPOConfig(shuffle_dataset=False)`` to keep the order).
    """
    import datasets

    rows = [_dataset_row(row, environment_column) for row in task_rows(families, n, split=split, seed=seed,
                                                                         difficulty=difficulty)]
    if curriculum:
        rows.sort(key=lambda row: (row["difficulty"], row["index"]))
    return datasets.Dataset.from_list(rows)


def _dataset_row(row: dict[str, Any], environment_column: bool) -> dict[str, Any]:
    out = {"prompt": [{"role": "user", "content": ""}], **row}
    if environment_column:
        out["environment"] = row["family"]
    return out


__all__ = ["TOOL_INSTRUCTION", "TextbookToolEnv", "environment_factories", "environment_factory", "train_dataset"]
