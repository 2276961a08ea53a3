"""Held-out evaluation: greedy answers to distinct test-split problems, with a 95% interval.

The test problems come from the test split (see :mod:`textbook_gym.splits`), which
no training stage draws from. They are *distinct*: the budget of problems is spread
evenly over every (family, level) and each share is drawn without replacement, so a
level whose test split holds fewer problems than its share is evaluated on all it
holds, and ``n``, the interval and ``by_difficulty_n`` count distinct problems.
Decoding is greedy, so an evaluation is a deterministic function of the weights.
The episodes are played by :func:`textbook_gym.episodes.play`, the runner RL and
:func:`textbook_gym.evaluate` use, with the prompts training gives the model.
Every verdict status is counted: a model that stops writing ``\\boxed{}`` shows up
as UNPARSEABLE, not as INCORRECT, and TIMEOUT or ERROR would point at the verifier.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from textbook_gym import get_family
from textbook_gym.agents.backends.prompts import policy_prompt
from textbook_gym.agents.learners.device import cpu_threads
from textbook_gym.env import TextbookEnv, parse_difficulty
from textbook_gym.episodes import Episode, play
from textbook_gym.passk import paired_difference, wilson_interval
from textbook_gym.problem import Problem
from textbook_gym.splits import distinct_problems
from textbook_gym.verdict import Status

__all__ = ["evaluate", "paired_difference", "test_problems", "wilson_interval"]


def test_problems(families: Sequence[str], difficulty, n_problems: int, start: int = 0) -> dict[str, Any]:
    """Distinct test problems for an evaluation of ``n_problems``, and what each (family, level) held.

    The budget ``start + n_problems`` is split evenly over the (family, level) cells,
    level by level (the first cells get one more when it does not divide); each cell
    draws its share without replacement from test stream 0, and problems
    ``start ..`` of the whole list are kept. Returns ``{"problems", "requested",
    "cells": [{"family", "level", "requested", "distinct", "exhausted"}]}``.
    """
    lo, hi = parse_difficulty(difficulty)
    cells = [(family, level) for level in range(lo, hi + 1) for family in families]
    total = start + n_problems
    chosen: list[Problem] = []
    report = []
    for i, (family, level) in enumerate(cells):
        share = total // len(cells) + (1 if i < total % len(cells) else 0)
        if share == 0:
            continue
        draw = distinct_problems(family, "test", level, share, seed=0)
        chosen.extend(draw.problems)
        report.append({"family": get_family(family).name, "level": level, "requested": share,
                       "distinct": len(draw.problems), "exhausted": draw.exhausted})
    return {"problems": chosen[start:], "requested": n_problems, "cells": report}


def evaluate(
    backend,
    families: tuple[str, ...],
    difficulty: str,
    n_problems: int = 1000,
    max_tokens: int = 160,
    batch_size: int = 250,
    seed: int = 0,
    start: int = 0,
    threads: int = 0,
) -> dict[str, Any]:
    """Accuracy of ``backend``'s greedy answers on up to ``n_problems`` distinct test problems.

    ``outcomes`` lists 1 or 0 per problem in order and ``levels`` each problem's level, so two
    evaluations of the same problems can be compared problem by problem (:func:`paired_difference`),
    on all of them or on some levels.
    ``n`` counts distinct problems (fewer than ``n_problems`` where levels ran out, as
    ``exhausted`` lists); ``by_difficulty_n`` gives the distinct problems per level.
    """
    from textbook_gym.agents.backends import SamplingConfig

    drawn = test_problems(families, difficulty, n_problems, start)
    tests = drawn["problems"]
    greedy = SamplingConfig(n=1, temperature=0.0, max_tokens=max_tokens, seed=seed)
    chat = backend.has_chat_template

    def generate(prompts, sampling):
        with cpu_threads(threads):
            return backend.generate(prompts, sampling)

    t0 = time.perf_counter()
    # One attempt per problem, batch_size problems per engine call, in order.
    episodes = play(_posed(tests), generate, prompt=lambda e: policy_prompt(e.observation, e.messages, chat),
                    sampling=lambda n, call: greedy, batch_size=batch_size)
    statuses: Counter[Status] = Counter(e.status for e in episodes)
    outcomes = [int(e.correct) for e in episodes]
    by_level: dict[int, list[int]] = {}
    for problem, outcome in zip(tests, outcomes):
        by_level.setdefault(problem.difficulty, []).append(outcome)
    lengths = [e.tokens for e in episodes]
    examples = [{"question": p.question, "response": e.attempts[0].response, "status": e.status.value}
                for p, e in zip(tests[:3], episodes)]
    correct = statuses.get(Status.CORRECT, 0)
    n = len(tests)
    low, high = wilson_interval(correct, n)
    return {
        "n": n,
        "correct": correct,
        "accuracy": correct / max(n, 1),
        "ci95": [low, high],
        "statuses": {s.value: statuses.get(s, 0) for s in Status},
        "requested": n_problems,
        "by_difficulty": {str(k): sum(v) / len(v) for k, v in sorted(by_level.items())},
        "by_difficulty_n": {str(k): len(v) for k, v in sorted(by_level.items())},
        "exhausted": [f"{c['family']} level {c['level']}: {c['distinct']} distinct of {c['requested']}"
                      for c in drawn["cells"] if c["exhausted"]],
        "mean_tokens": sum(lengths) / max(len(lengths), 1),
        "seconds": time.perf_counter() - t0,
        "examples": examples,
        "outcomes": outcomes,
        "levels": [problem.difficulty for problem in tests],
    }


def _posed(tests: list[Problem]) -> Iterator[list[Episode]]:
    """One single-attempt test-split episode per problem, posed as the runner has room."""
    for problem in tests:
        env = TextbookEnv(problem.family, difficulty=problem.difficulty, split="test")
        observation, info = env.reset(options={"problem": problem})
        yield [Episode(env, observation, info["messages"])]
