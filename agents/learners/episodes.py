"""Groups of episodes on practice environments, sampled through a rollout backend.

A GRPO group is ``group_size`` episodes of the *same* problem. The first attempt
of a group is one ``generate`` call with ``n=group_size`` (engines share the
prompt's work across the group); later attempts of multi-attempt episodes
(trial and error: the environment keeps the episode open after a wrong answer
and its next observation carries feedback) are sampled for the episodes still
open, one completion each. Every attempt becomes a :class:`Turn` to train on;
the episode's reward is the verifier's score of its last attempt, discounted by
the attempt number so that getting it right first time is worth most.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from textbook_gym.agents.backends.prompts import encode, policy_prompt, render
from textbook_gym.env import TextbookEnv
from textbook_gym.problem import Problem


@dataclass
class Turn:
    """One attempt: the text the model saw and the tokens it produced."""

    prompt: str
    prompt_ids: list[int]
    completion_ids: list[int]
    text: str
    finish_reason: str


@dataclass
class Episode:
    """One episode of one problem, with the verdict of its last attempt."""

    group: int
    """Index of the group (problem) within the batch."""
    problem: Problem
    turns: list[Turn] = field(default_factory=list)
    reward: float = 0.0
    """Training reward: last verdict score times ``attempt_discount ** (attempts - 1)``."""
    status: str = "UNPARSEABLE"
    """Verdict status of the last attempt (CORRECT, INCORRECT, UNPARSEABLE, TIMEOUT, ERROR)."""
    correct: bool = False

    @property
    def first_try(self) -> bool:
        return self.correct and len(self.turns) == 1


def run_groups(
    problems: list[Problem],
    backend,
    sampling,
    group_size: int,
    max_attempts: int = 1,
    feedback: str = "verdict",
    attempt_discount: float = 1.0,
    split: str | None = "train",
) -> list[Episode]:
    """Play ``group_size`` episodes of every problem; episodes come back group after group.

    The envs pose ``split`` (``"train"``: the learner trains on training problems only, and
    a held-out problem handed in by mistake raises instead of being trained on).
    """
    tokenizer = backend.tokenizer
    chat = backend.has_chat_template
    episodes: list[Episode] = []
    envs: list[TextbookEnv] = []
    observations: list[str] = []
    conversations: list[list[dict[str, str]]] = []
    for g, problem in enumerate(problems):
        for _ in range(group_size):
            env = TextbookEnv(
                problem.family, difficulty=problem.difficulty, max_attempts=max_attempts, feedback=feedback,
                split=split,
            )
            obs, info = env.reset(options={"problem": problem})
            envs.append(env)
            observations.append(obs)
            conversations.append(info["messages"])
            episodes.append(Episode(group=g, problem=problem))

    open_ids = list(range(len(episodes)))
    for attempt in range(max_attempts):
        if not open_ids:
            break
        if attempt == 0:
            prompts = [
                policy_prompt(observations[g * group_size], conversations[g * group_size], chat)
                for g in range(len(problems))
            ]
            outs = backend.generate(prompts, dataclasses.replace(sampling, n=group_size))
            completions = [c for group in outs for c in group]
            prompt_of = [prompts[i // group_size] for i in range(len(episodes))]
            rendered = [render(tokenizer, p) for p in prompts]  # once per group, not per episode
            text_of = [rendered[i // group_size] for i in range(len(episodes))]
        else:
            prompt_of = {i: policy_prompt(observations[i], conversations[i], chat) for i in open_ids}
            text_of = {i: render(tokenizer, prompt_of[i]) for i in open_ids}
            outs = backend.generate([prompt_of[i] for i in open_ids], dataclasses.replace(sampling, n=1))
            completions = [None] * len(episodes)
            for i, group in zip(open_ids, outs):
                completions[i] = group[0]
        prompt_ids = _prompt_ids(tokenizer, {i: prompt_of[i] for i in open_ids}, {i: completions[i] for i in open_ids})
        still_open = []
        for i in open_ids:
            c, ep = completions[i], episodes[i]
            ep.turns.append(Turn(text_of[i], prompt_ids[i], list(c.token_ids), c.text, c.finish_reason))
            obs, reward, terminated, _, info = envs[i].step(c.text)
            observations[i] = obs
            conversations[i] = info["messages"]
            ep.status = info["status"]
            ep.correct = bool(info["correct"])
            ep.reward = float(reward) * attempt_discount ** (len(ep.turns) - 1)
            if not terminated:
                still_open.append(i)
        open_ids = still_open
    return episodes


def _prompt_ids(tokenizer, prompts: dict[int, Any], completions: dict) -> dict[int, list[int]]:
    """Prompt token ids as the engine saw them (from the completion when the backend reports them,
    else encoded here exactly as the local backends encode: template, one BOS)."""
    out: dict[int, list[int]] = {}
    for i, prompt in prompts.items():
        reported = getattr(completions[i], "prompt_token_ids", None)
        out[i] = list(reported) if reported is not None else encode(tokenizer, prompt)
    return out


def status_counts(episodes: list[Episode]) -> dict[str, int]:
    """How many episodes ended in each verdict status; TIMEOUT and ERROR stay apart from INCORRECT."""
    counts = Counter(ep.status for ep in episodes)
    return {s: counts.get(s, 0) for s in ("CORRECT", "INCORRECT", "UNPARSEABLE", "TIMEOUT", "ERROR")}
