"""OpenRLHF agent file for multi-turn trial and error: ``--train.agent_func_path <path to this file>``.

OpenRLHF (0.11) loads this file by path, takes its ``AgentExecutor`` class and, for every
prompt, creates one ``AgentInstance`` (no arguments), calls ``reset({"observation": prompt,
"label": label})`` and then, after each generation, ``step({"observation_text",
"action_text", "label", "sampling_params"})``. The label is the problem as JSON (rows from
:func:`export_jsonl`), so every member of a group plays the same problem. Each step
verifies the response with the family's verifier through the project's own environment and
returns the environment's feedback as text to append, until the problem is solved or the
attempts run out.

OpenRLHF builds the instance without arguments, so the episode settings come from the
environment: ``TEXTBOOK_GYM_MAX_ATTEMPTS`` (default 2), ``TEXTBOOK_GYM_FEEDBACK`` (default
``hint``) and ``TEXTBOOK_GYM_TURN_TEMPLATE``, the text put between the feedback and the next
attempt (default: the project's transcript form, ``"\\n\\nFeedback: {feedback}\\n\\nAttempt
{attempt}:\\n"``; a chat model wants its own turn markers there).

The reward of a step is the verdict's score on that attempt; OpenRLHF sums the step
rewards, and since the episode ends at the first correct attempt, the sum is 1 for a
solved problem and 0 otherwise. ``scores`` is the same.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from textbook_gym.integrations.common import Episode, EpisodeConfig, problem_from_row, task_row
from textbook_gym.registry import get_family

try:  # OpenRLHF's bases where it is installed (its trainer checks issubclass against them)
    from openrlhf.utils.agent import AgentExecutorBase, AgentInstanceBase, MultiTurnAgentExecutor
except ImportError:  # textbook_gym without OpenRLHF: the same contract, so the file loads and can be driven

    class AgentInstanceBase:  # type: ignore[no-redef]
        """Stand-in for ``openrlhf.utils.agent.AgentInstanceBase`` (async ``reset``/``step``)."""

    class AgentExecutorBase:  # type: ignore[no-redef]
        """Stand-in for ``openrlhf.utils.agent.AgentExecutorBase``."""

    class MultiTurnAgentExecutor(AgentExecutorBase):  # type: ignore[no-redef]
        """Stand-in for OpenRLHF's executor: it holds the instance class (running it needs OpenRLHF)."""

        def __init__(self, agent_instance_cls):
            self.agent_instance_cls = agent_instance_cls


DEFAULT_TURN_TEMPLATE = "\n\nFeedback: {feedback}\n\nAttempt {attempt}:\n"


def _settings() -> tuple[EpisodeConfig, str]:
    attempts = os.environ.get("TEXTBOOK_GYM_MAX_ATTEMPTS", "2")
    try:
        max_attempts = int(attempts)
    except ValueError:
        raise ValueError(f"TEXTBOOK_GYM_MAX_ATTEMPTS must be an integer >= 1, got {attempts!r}") from None
    config = EpisodeConfig(max_attempts=max_attempts, feedback=os.environ.get("TEXTBOOK_GYM_FEEDBACK", "hint"))
    return config, os.environ.get("TEXTBOOK_GYM_TURN_TEMPLATE", DEFAULT_TURN_TEMPLATE)


class AgentInstance(AgentInstanceBase):
    """One OpenRLHF rollout of one textbook problem (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any):
        config, self.turn_template = _settings()
        self.episode = Episode(config)

    async def reset(self, states: dict, **kwargs: Any) -> dict:
        self.episode.reset(problem_from_row({"problem": states["label"]}))
        return {"observation": states["observation"]}

    async def step(self, states: dict, **kwargs: Any) -> dict:
        import torch

        if self.episode.problem is None or self.episode.done:
            raise RuntimeError("step() needs a reset() first and an episode that has not ended")
        turn = self.episode.submit(str(states["action_text"]))
        feedback = "" if turn.done else self.turn_template.format(
            feedback=turn.feedback, attempt=len(self.episode.verdicts) + 1
        )
        return {
            "rewards": torch.tensor(turn.reward),
            "scores": torch.tensor(turn.reward),
            "environment_feedback": feedback,
            "done": turn.done,
            "sampling_params": states.get("sampling_params"),
            "extra_logs": {
                "acc": torch.tensor(float(turn.verdict.correct)),
                "attempts": torch.tensor(float(len(self.episode.verdicts))),
            },
        }


class AgentExecutor(MultiTurnAgentExecutor):
    """What OpenRLHF instantiates from ``--train.agent_func_path``."""

    def __init__(self):
        super().__init__(AgentInstance)


def export_jsonl(
    families: Sequence[str] | str,
    n: int,
    path: str | Path,
    *,
    split: str = "train",
    seed: int = 0,
    difficulty: int | str | Sequence[int] = (1, 10),
    chat: bool = True,
) -> Path:
    """Write OpenRLHF prompt rows: ``prompt`` (chat messages or text), ``label`` (the problem JSON), task fields."""
    from textbook_gym.export import problems, write_jsonl

    rows = []
    for name in [families] if isinstance(families, str) else families:
        family = get_family(name)
        for index, problem in enumerate(problems(family, split, n, seed=seed, difficulty=difficulty)):
            text = family.prompt(problem)
            rows.append({
                "prompt": [{"role": "user", "content": text}] if chat else text,
                "label": problem.to_json(),
                **task_row(problem, split=split, index=index),
            })
    return write_jsonl(rows, path)
