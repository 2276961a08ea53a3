"""Groups of episodes on practice environments, sampled through a rollout backend: what RL trains on.

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

from textbook_gym.agents.backends.prompts import encode, policy_prompt, render
from textbook_gym.env import TextbookEnv
from textbook_gym.episodes import Episode as Played
from textbook_gym.episodes import play
from textbook_gym.problem import Problem
from textbook_gym.verdict import Status


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
    status: Status = Status.UNPARSEABLE
    """Verdict status of the last attempt (a :class:`~textbook_gym.verdict.Status`, equal to its name)."""
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

    The episodes are played by :func:`textbook_gym.episodes.play`, each problem's group
    one unit (its first attempt is one request with ``n=group_size``), with ``sampling``
    for every engine call. The envs pose ``split`` (``"train"``: the learner trains on
    training problems only, and a held-out problem handed in by mistake raises instead
    of being trained on).
    """
    tokenizer = backend.tokenizer
    chat = backend.has_chat_template
    units = []
    for g, problem in enumerate(problems):
        unit = []
        for _ in range(group_size):
            env = TextbookEnv(
                problem.family, difficulty=problem.difficulty, max_attempts=max_attempts, feedback=feedback,
                split=split,
            )
            obs, info = env.reset(options={"problem": problem})
            unit.append(Played(env=env, observation=obs, messages=info["messages"], tag=g))
        units.append(unit)
    played = play(
        units,
        backend.generate,
        prompt=lambda e: policy_prompt(e.observation, e.messages, chat),
        sampling=lambda n, call: dataclasses.replace(sampling, n=n),
    )
    rendered: dict[int, str] = {}  # a group's shared first prompt is rendered once, not per episode
    episodes = []
    for ep in played:
        turns = []
        for attempt in ep.attempts:
            key = id(attempt.prompt)
            if key not in rendered:
                rendered[key] = render(tokenizer, attempt.prompt)
            reported = attempt.prompt_token_ids
            prompt_ids = list(reported) if reported is not None else encode(tokenizer, attempt.prompt)
            turns.append(Turn(rendered[key], prompt_ids, list(attempt.token_ids), attempt.response,
                              attempt.finish_reason))
        episodes.append(Episode(
            group=ep.tag, problem=problems[ep.tag], turns=turns, status=ep.status, correct=ep.correct,
            reward=ep.reward * attempt_discount ** (len(turns) - 1),
        ))
    return episodes


def status_counts(episodes: list[Episode]) -> dict[str, int]:
    """How many episodes ended in each verdict status; TIMEOUT and ERROR stay apart from INCORRECT."""
    counts = Counter(Status(ep.status) for ep in episodes)
    return {status.value: counts.get(status, 0) for status in Status}
