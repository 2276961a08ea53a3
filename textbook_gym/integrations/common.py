"""What every trainer integration shares: task rows, problems rebuilt from rows, and episodes.

A *task row* names one practice problem by the fields that rebuild it exactly:
``family``, ``difficulty`` and ``seed`` (the seed :func:`textbook_gym.problem.generate_problem`
recorded), plus ``problem_id`` to check the rebuild, ``split`` and ``index``. Trainers copy
a row to every member of a GRPO group, so every member rebuilds the same problem in any
process, without shipping the problem itself. Rows come from the project's own split
streams (:func:`textbook_gym.export.problems`): training rows are train-split problems.

An :class:`Episode` plays one problem through the project's own
:class:`textbook_gym.TextbookEnv`, so prompts, verdicts and trial-and-error feedback are
the environment's, byte for byte.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from textbook_gym.env import FEEDBACK_MODES, TextbookEnv
from textbook_gym.problem import Problem, generate_problem
from textbook_gym.registry import get_family
from textbook_gym.verdict import Verdict

ROW_KEYS = ("family", "env_id", "difficulty", "seed", "split", "index", "problem_id")
"""The keys of every task row, the same for every family."""

@dataclass(frozen=True)
class EpisodeConfig:
    """How an integration plays a problem (the same knobs as :class:`textbook_gym.TextbookEnv`)."""

    max_attempts: int = 1
    """Attempts per problem; more than 1 is trial and error with feedback after each wrong attempt."""
    feedback: str = "verdict"
    """After a wrong attempt: ``"none"`` asks again, ``"verdict"`` says why it was wrong, ``"hint"`` reveals a step."""

    def __post_init__(self) -> None:
        if isinstance(self.max_attempts, bool) or not isinstance(self.max_attempts, int) or self.max_attempts < 1:
            raise ValueError(f"max_attempts must be an int >= 1, got {self.max_attempts!r}")
        if self.feedback not in FEEDBACK_MODES:
            raise ValueError(f"feedback must be one of {FEEDBACK_MODES}, got {self.feedback!r}")


def task_row(problem: Problem, *, split: str | None, index: int) -> dict[str, Any]:
    """The row that rebuilds ``problem`` (JSON- and parquet-friendly: the seed is a list of ints)."""
    family = get_family(problem.family)
    seed = problem.seed
    if seed is None:
        raise ValueError(f"problem {problem.id} has no seed; task rows need problems from generate_problem")
    return {
        "family": family.name,
        "env_id": family.env_id,
        "difficulty": int(problem.difficulty),
        "seed": [int(seed)] if isinstance(seed, int) else [int(v) for v in seed],
        "split": split,
        "index": int(index),
        "problem_id": problem.id,
    }


def task_rows(
    families: Sequence[str],
    n: int,
    *,
    split: str = "train",
    seed: int = 0,
    difficulty: int | str | Sequence[int] = (1, 10),
) -> list[dict[str, Any]]:
    """``n`` rows per family from the project's split streams (families in the order given)."""
    from textbook_gym.export import problems

    if isinstance(families, str):
        families = [families]
    rows = []
    for name in families:
        family = get_family(name)
        for index, problem in enumerate(problems(family, split, n, seed=seed, difficulty=difficulty)):
            rows.append(task_row(problem, split=split, index=index))
    return rows


def problem_from_row(row: Mapping[str, Any]) -> Problem:
    """Rebuild a row's problem: from ``problem`` (JSON, dict or Problem) if present, else from its seed.

    With ``problem_id`` in the row the rebuilt problem must carry that id; a mismatch means
    the family changed since the row was written (re-export the rows with this version).
    """
    stored = row.get("problem")
    if isinstance(stored, Problem):
        problem = stored
    elif isinstance(stored, str) and stored:
        problem = Problem.from_json(stored)
    elif isinstance(stored, Mapping):
        problem = Problem.from_dict(dict(stored))
    else:
        missing = [key for key in ("family", "difficulty", "seed") if row.get(key) is None]
        if missing:
            raise KeyError(
                f"the row lacks {', '.join(missing)}: a task row needs family, difficulty and seed "
                "(or a 'problem' JSON); build rows with textbook_gym.integrations.common.task_rows"
            )
        seed = row["seed"]
        seed = int(seed) if isinstance(seed, int) else tuple(int(v) for v in seed)
        problem = generate_problem(get_family(str(row["family"])), seed, int(row["difficulty"]))
    expected = row.get("problem_id")
    if expected and problem.id != expected:
        raise ValueError(
            f"the row names problem {expected} but its fields rebuild {problem.id}; the family changed since "
            "the rows were written: export them again with this version of textbook_gym"
        )
    return problem


def as_response(answer: str) -> str:
    """A tool's ``answer`` argument as a response the verifier reads: boxed unless already anchored."""
    from textbook_gym.verifiers.extract import extract_answers

    text = str(answer)
    extraction = extract_answers(text)
    # One rule with the verifier: text it already reads an answer from (or refuses) goes as is.
    return text if extraction.total or extraction.problem else f"\\boxed{{{text}}}"


@dataclass(frozen=True)
class Turn:
    """The outcome of one attempt."""

    verdict: Verdict
    """The family's verdict on the attempt."""
    reward: float
    """The verdict's score in [0, 1] (the environment's reward for the step)."""
    done: bool
    """True when the episode is over: solved, or out of attempts."""
    feedback: str
    """What the environment says next: its trial-and-error feedback, or a closing line when done."""


class Episode:
    """One problem at a time through :class:`textbook_gym.TextbookEnv` (one env per family, reused)."""

    def __init__(self, config: EpisodeConfig | None = None):
        self.config = config or EpisodeConfig()
        self._envs: dict[str, TextbookEnv] = {}
        self._env: TextbookEnv | None = None
        self.prompt = ""
        self.verdicts: list[Verdict] = []
        self.done = False

    def reset(self, problem: Problem) -> str:
        """Pose ``problem``; returns the environment's prompt."""
        env = self._envs.get(problem.family)
        if env is None:
            # split=None: the row's split was chosen when the rows were made; a posed problem is played as is.
            env = TextbookEnv(problem.family, max_attempts=self.config.max_attempts, feedback=self.config.feedback,
                              split=None)
            self._envs[problem.family] = env
        self._env = env
        self.prompt, _ = env.reset(options={"problem": problem})
        self.verdicts = []
        self.done = False
        return self.prompt

    @property
    def problem(self) -> Problem | None:
        return None if self._env is None else self._env.problem

    @property
    def messages(self) -> list[dict[str, str]]:
        """The episode as chat messages (the environment's own transcript)."""
        return [] if self._env is None else self._env.messages

    def submit(self, response: str) -> Turn:
        """Verify one attempt; raises ``RuntimeError`` before ``reset`` or after the episode ended."""
        if self._env is None:
            raise RuntimeError("no problem is posed: call reset(problem) first")
        if self.done:
            raise RuntimeError("this episode is over (solved or out of attempts); reset to a new problem")
        _, reward, terminated, _, info = self._env.step(str(response))
        verdict: Verdict = info["verdict"]
        self.verdicts.append(verdict)
        self.done = bool(terminated)
        if not terminated:
            feedback = self._env.messages[-1]["content"]
        elif verdict.correct:
            feedback = "Correct. The episode is over."
        else:
            feedback = f"Not solved ({verdict.status.value}: {verdict.reason}). No attempts left; the episode is over."
        return Turn(verdict=verdict, reward=float(reward), done=self.done, feedback=feedback)

    @property
    def reward(self) -> float:
        """The episode's reward: the last verdict's score (0 when nothing was submitted)."""
        return float(self.verdicts[-1].score) if self.verdicts else 0.0
