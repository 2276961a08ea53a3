"""``TextbookEnv``: one Gymnasium environment class for every problem family.

An episode is one practice problem. The observation is text (the prompt, then the
conversation so far), the action is the model's response text, and the reward is
the verifier's score. With ``max_attempts > 1`` a wrong answer keeps the episode
open and the next observation carries feedback, so trial and error is part of the
environment rather than something every training script re-implements.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import gymnasium as gym
import numpy as np

from textbook_gym.errors import UsageError
from textbook_gym.family import MAX_DIFFICULTY, MIN_DIFFICULTY, Family, check_difficulty
from textbook_gym.problem import Problem, answer_of, generate_problem
from textbook_gym.spaces import UnicodeText
from textbook_gym.splits import MAX_TRIES_PER_PROBLEM, TRAIN_DEFAULT, check_split, split_of
from textbook_gym.verdict import Status, Verdict
from textbook_gym.verifiers.extract import MAX_RESPONSE_CHARS

Feedback = Literal["none", "verdict", "hint"]
FEEDBACK_MODES = ("none", "verdict", "hint")

MAX_PROMPT_CHARS = 16_384
"""Upper bound on the first observation (exposition passage + question + instruction)."""
TRANSCRIPT_RESPONSE_CHARS = 4_096
"""A response is quoted back in later observations up to this many characters."""
_FEEDBACK_CHARS = 2_048
RESET_OPTIONS = ("difficulty", "problem")
"""The keys ``reset(options=...)`` understands."""
AUTO_SPLIT = "auto"
"""The default ``split``: ``"train"``, except ``None`` for an env over your own data set (``make_env``)."""


def parse_difficulty(difficulty: int | str | Sequence[int]) -> tuple[int, int]:
    """``3`` -> (3, 3); ``"2-5"`` or ``(2, 5)`` -> (2, 5): a range sampled per episode."""
    if isinstance(difficulty, str):
        lo, sep, hi = difficulty.partition("-")
        try:
            bounds = (int(lo), int(hi) if sep else int(lo))
        except ValueError:
            raise ValueError(f"difficulty {difficulty!r} is not 'N' or 'LO-HI' with integers") from None
    elif isinstance(difficulty, Sequence):
        if len(difficulty) != 2:
            raise ValueError(f"a difficulty range needs two bounds (lo, hi), got {difficulty!r}")
        bounds = (difficulty[0], difficulty[1])
    else:
        bounds = (difficulty, difficulty)
    lo, hi = check_difficulty(bounds[0]), check_difficulty(bounds[1])
    if lo > hi:
        raise ValueError(f"difficulty range {lo}-{hi} is empty; write it low-high")
    return lo, hi


class TextbookEnv(gym.Env[str, str]):
    """Practice problems of one family as a Gymnasium environment.

    Args:
        family: a registered family name (``"Arithmetic"``) or a Family instance.
        difficulty: level 1..10, or a range ``(lo, hi)`` / ``"lo-hi"`` sampled per episode.
        max_attempts: attempts per problem; more than 1 enables trial and error.
        feedback: after a wrong attempt, ``"none"`` just asks again, ``"verdict"`` says
            wrong or unparseable (with the reason), ``"hint"`` reveals the next step of
            the worked solution.
        open_book: put an exposition passage of the family in front of the question.
        render_mode: ``"ansi"`` (``render()`` returns the transcript) or ``"human"`` (prints it).
        split: which problems the env poses: ``"train"`` (the default: an env is made for
            training, so it never poses a held-out problem), ``"test"`` (the held-out problems
            that :func:`textbook_gym.evaluate` scores) or ``None`` (both). The rule is in
            :mod:`textbook_gym.splits`. An env over your own data set (``make_env``, a
            :class:`~textbook_gym.DatasetFamily`) poses all of it unless you pass ``split``:
            the data set is yours to split.

    ``info`` holds ``problem`` (the :class:`Problem`, with the typed answer), ``answer``
    (its text), ``problem_id``, ``seed``, ``difficulty``, ``split`` (the problem's: ``"train"``
    or ``"test"``), ``attempt``, ``messages`` and,
    after a step, ``verdict``, ``status`` and ``correct``.

    ``reset(options={"difficulty": d})`` overrides the level for one episode (curricula);
    ``reset(options={"problem": problem})`` poses a given :class:`Problem` (evaluation sets),
    which must belong to the env's split. Other keys raise a :class:`~textbook_gym.errors.UsageError`.
    """

    metadata = {"render_modes": ["ansi", "human"], "render_fps": 1}

    def __init__(
        self,
        family: str | Family,
        difficulty: int | str | Sequence[int] = 1,
        max_attempts: int = 1,
        feedback: Feedback = "verdict",
        open_book: bool = False,
        render_mode: str | None = None,
        split: str | None = AUTO_SPLIT,
    ):
        from textbook_gym.registry import get_family

        self.family = get_family(family) if isinstance(family, str) else family
        if not isinstance(self.family, Family):
            raise TypeError(f"family must be a family name or a textbook_gym.Family, got {family!r}")
        self.split = _resolve_split(self.family, split)
        self.difficulty_range = parse_difficulty(difficulty)
        if isinstance(max_attempts, bool) or not isinstance(max_attempts, (int, np.integer)) or max_attempts < 1:
            raise ValueError(f"max_attempts must be an int >= 1, got {max_attempts!r}")
        self.max_attempts = int(max_attempts)
        if feedback not in FEEDBACK_MODES:
            raise ValueError(f"feedback must be one of {FEEDBACK_MODES}, got {feedback!r}")
        self.feedback = feedback
        self.open_book = bool(open_book)
        if render_mode is not None and render_mode not in self.metadata["render_modes"]:
            raise ValueError(f"render_mode must be one of {self.metadata['render_modes']} or None, got {render_mode!r}")
        self.render_mode = render_mode
        self._passages: list[str] | None = None
        if self.open_book and not self._exposition():
            raise ValueError(f"open_book=True needs exposition passages, but {self.family!r} has none")

        per_attempt = TRANSCRIPT_RESPONSE_CHARS + _FEEDBACK_CHARS
        self.observation_space = UnicodeText(MAX_PROMPT_CHARS + self.max_attempts * per_attempt)
        self.action_space = UnicodeText(MAX_RESPONSE_CHARS)
        self.reward_range = (0.0, 1.0)

        self._problem: Problem | None = None
        self._problem_split = ""
        self._prompt = ""
        self._messages: list[dict[str, str]] = []
        self._attempt = 0
        self._done = False

    # ------------------------------------------------------------------ episode
    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None) -> tuple[str, dict[str, Any]]:
        options = _check_options(options)
        super().reset(seed=seed)
        problem = options.get("problem")
        if problem is None:
            if options.get("difficulty") is not None:
                level = check_difficulty(options["difficulty"])
            else:
                lo, hi = self.difficulty_range
                level = lo if lo == hi else int(self.np_random.integers(lo, hi + 1))
            problem = self._draw(level)
        elif not isinstance(problem, Problem):
            raise TypeError(f"options['problem'] must be a textbook_gym.Problem, got {type(problem).__name__}")
        elif self.split is not None and split_of(problem, self.family) != self.split:
            raise UsageError(
                f"options['problem'] ({problem.id}) is a {split_of(problem, self.family)}-split problem, but this "
                f"env poses split={self.split!r}; make the env with split={split_of(problem, self.family)!r} "
                "(or split=None) to pose it"
            )
        self._problem = problem
        self._problem_split = split_of(problem, self.family)
        prompt = self.family.prompt(problem)
        if self.open_book:
            passages = self._exposition()
            prompt = f"{passages[int(self.np_random.integers(0, len(passages)))]}\n\n{prompt}"
        if len(prompt) > MAX_PROMPT_CHARS:
            raise RuntimeError(
                f"{self.family!r} produced a {len(prompt)}-character prompt, over the {MAX_PROMPT_CHARS} limit; "
                "this is a bug in the family's generator or exposition"
            )
        self._prompt = prompt
        self._messages = [{"role": "user", "content": prompt}]
        self._attempt = 0
        self._done = False
        obs = prompt
        if self.render_mode == "human":
            self.render()
        return obs, self._info(None)

    def step(self, action: str) -> tuple[str, float, bool, bool, dict[str, Any]]:
        return self.step_with_verdict(action, None)

    def step_with_verdict(self, action: str, verdict: Verdict | None) -> tuple[str, float, bool, bool, dict[str, Any]]:
        """:meth:`step`, judged by ``verdict`` when it was computed elsewhere (a verification service).

        ``verdict`` must be the family's verdict on this problem and ``action`` (as a
        :class:`textbook_gym.distributed.RayVerifierPool` computes it); None verifies here.
        """
        if self._problem is None:
            raise gym.error.ResetNeeded("TextbookEnv.step() called before reset(); call env.reset() first")
        if self._done:
            raise gym.error.ResetNeeded("this episode has ended (answered or out of attempts); call env.reset()")
        if not isinstance(action, str):
            raise TypeError(f"the action must be the response text (str), got {type(action).__name__}")
        if verdict is None:
            verdict = self._verify(action)
        elif not isinstance(verdict, Verdict):
            raise TypeError(f"verdict must be a textbook_gym.Verdict or None, got {type(verdict).__name__}")
        self._attempt += 1
        terminated = verdict.correct or self._attempt >= self.max_attempts
        self._done = terminated
        self._messages.append({"role": "assistant", "content": _clip(action, TRANSCRIPT_RESPONSE_CHARS)})
        if not terminated:
            self._messages.append({"role": "user", "content": self._feedback_text(verdict)})
        obs = self._transcript()
        if self.render_mode == "human":
            self.render()
        return obs, float(verdict.score), terminated, False, self._info(verdict)

    def render(self) -> str | None:
        text = self._transcript()
        if self.render_mode == "human":
            print(text + "\n")
            return None
        return text

    # ------------------------------------------------------------------ helpers
    def _draw(self, level: int) -> Problem:
        """A problem of the env's split at ``level``, from the episode's RNG (rejecting the other split)."""
        for _ in range(MAX_TRIES_PER_PROBLEM):
            problem = generate_problem(self.family, int(self.np_random.integers(0, 2**63 - 1)), level)
            if self.split is None or split_of(problem, self.family) == self.split:
                return problem
        raise RuntimeError(
            f"{self.family!r} at difficulty {level} produced no {self.split} problem in {MAX_TRIES_PER_PROBLEM} "
            "draws; its problem space at that level is too small to split (pass split=None to pose any problem)"
        )

    @property
    def problem(self) -> Problem | None:
        """The problem of the current episode (``None`` before the first reset)."""
        return self._problem

    @property
    def messages(self) -> list[dict[str, str]]:
        """The episode as chat messages (user prompt, assistant attempts, user feedback)."""
        return [dict(m) for m in self._messages]

    def _exposition(self) -> list[str]:
        if self._passages is None:
            self._passages = list(self.family.exposition())
        return self._passages

    def _verify(self, response: str) -> Verdict:
        try:
            verdict = self.family.verify(self._problem, response)
        except Exception as exc:  # noqa: BLE001 - a verifier must never take the env down
            return Verdict.error(f"{self.family!r}.verify raised {type(exc).__name__}: {exc}")
        if not isinstance(verdict, Verdict):
            return Verdict.error(f"{self.family!r}.verify returned {type(verdict).__name__}, not a Verdict")
        return verdict

    def _feedback_text(self, verdict: Verdict) -> str:
        left = self.max_attempts - self._attempt
        tries = f"{left} attempt{'s' if left != 1 else ''} left."
        if self.feedback == "none":
            return f"Try again. {tries}"
        if verdict.status is Status.UNPARSEABLE:
            head = f"I could not read a final answer ({_clip(verdict.reason, 300)})."
        elif verdict.status in (Status.TIMEOUT, Status.ERROR):
            head = "Your answer could not be checked."
        else:
            head = "That answer is incorrect."
        if self.feedback == "hint":
            steps = self.family.solution_steps(self._problem)
            if self._attempt - 1 < len(steps):
                head += f" Hint: {_clip(steps[self._attempt - 1], _FEEDBACK_CHARS - 400)}"
            else:
                head += " No more hints are available."
        return f"{head} Try again. {tries}\n\n{self.family.instruction}"

    def _transcript(self) -> str:
        if not self._messages:
            return ""
        parts = [self._messages[0]["content"]]
        attempt = 0
        for message in self._messages[1:]:
            if message["role"] == "assistant":
                attempt += 1
                parts.append(f"Attempt {attempt}:\n{message['content']}")
            else:
                parts.append(f"Feedback: {message['content']}")
        return "\n\n".join(parts)

    def _info(self, verdict: Verdict | None) -> dict[str, Any]:
        problem = self._problem
        info: dict[str, Any] = {
            "problem_id": problem.id,
            "seed": problem.seed,
            "difficulty": problem.difficulty,
            "answer": answer_of(self.family, problem),
            "problem": problem,
            "split": self._problem_split,
            "attempt": self._attempt,
            "max_attempts": self.max_attempts,
            # A new list of the same message dicts: the env never mutates a message after
            # appending it, so copying each dict on every step would only cost time.
            "messages": list(self._messages),
        }
        if verdict is not None:
            info["verdict"] = verdict
            info["status"] = verdict.status.value
            info["correct"] = verdict.correct
        return info


def _resolve_split(family: Family, split: Any) -> str | None:
    if split == AUTO_SPLIT:
        from textbook_gym.custom import DatasetFamily

        return None if isinstance(family, DatasetFamily) else TRAIN_DEFAULT
    return check_split(split)


def _check_options(options: Any) -> dict[str, Any]:
    if options is None:
        return {}
    if not isinstance(options, dict):
        raise TypeError(f"reset(options=...) takes a dict with keys {RESET_OPTIONS}, got {type(options).__name__}")
    unknown = sorted(str(key) for key in options if key not in RESET_OPTIONS)
    if unknown:
        raise UsageError(
            f"reset(options=...) does not understand {', '.join(repr(k) for k in unknown)}; the allowed keys are "
            f"'difficulty' (a level for this episode) and 'problem' (a textbook_gym.Problem to pose)"
        )
    return options


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + " …[truncated]"


__all__ = [
    "AUTO_SPLIT", "FEEDBACK_MODES", "MAX_DIFFICULTY", "MIN_DIFFICULTY", "RESET_OPTIONS", "TextbookEnv",
    "parse_difficulty",
]
