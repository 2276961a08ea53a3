"""verifiers / prime-rl through the OpenEnv server.

verifiers 0.4 (the ``verifiers.v1`` stack prime-rl consumes) ships an ``openenv`` taskset:
each task is one set of arguments for an OpenEnv server's ``reset``, the model's reply is
sent as the action (a reply that is not a JSON object fills the action's one required
field, here ``response``), and the task's reward is the sum of the step rewards. Pointed
at ``textbook-gym serve``, every task is one textbook episode: the problem of a task row
(same problems and splits as every other integration), the family's verdicts, and, with
``max_attempts > 1``, the environment's feedback as the next user turn. The sum of the
step rewards is 1 for a problem solved within its attempts and 0 otherwise.

    textbook-gym serve --families Arithmetic Fractions --port 8000
    # taskset section of a vf-eval / prime-rl config (TOML), from taskset_config(...):
    # [env.taskset]  id = "openenv"  base_url = "http://127.0.0.1:8000"  resets = [...]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textbook_gym.integrations.common import EpisodeConfig, task_rows

TASKSET_ID = "openenv"
"""The verifiers taskset that drives OpenEnv servers."""


def openenv_resets(
    families: Sequence[str] | str,
    n: int,
    *,
    split: str = "train",
    seed: int = 0,
    difficulty: int | str | Sequence[int] = (1, 10),
    max_attempts: int = 1,
    feedback: str = "verdict",
) -> list[dict[str, Any]]:
    """One ``reset`` argument set per task row (``n`` per family): the server poses exactly that row's problem."""
    EpisodeConfig(max_attempts=max_attempts, feedback=feedback)  # fail here, not in the server
    return [
        {
            "family": row["family"],
            "difficulty": row["difficulty"],
            "seed": row["seed"],
            "problem_id": row["problem_id"],
            "split": row["split"],
            "max_attempts": max_attempts,
            "feedback": feedback,
        }
        for row in task_rows(families, n, split=split, seed=seed, difficulty=difficulty)
    ]


def taskset_config(base_url: str, families: Sequence[str] | str, n: int, **kwargs: Any) -> dict[str, Any]:
    """The ``env.taskset`` section for verifiers' ``openenv`` taskset (``kwargs`` go to :func:`openenv_resets`)."""
    return {"id": TASKSET_ID, "base_url": base_url, "resets": openenv_resets(families, n, **kwargs)}


__all__ = ["TASKSET_ID", "openenv_resets", "taskset_config"]
