"""Every textbook family as an OpenEnv environment server, with a client.

``textbook-gym serve --families Arithmetic Fractions --port 8000`` (or :func:`serve_main`)
serves the families through ``openenv-core``'s FastAPI server: each WebSocket connection
to ``/ws`` is one session with its own :class:`TextbookEnvironment`, sessions run
concurrently (``--max-sessions``), and a session plays any number of episodes::

    from textbook_gym.integrations.openenv_server import TextbookAction, TextbookClient

    async with TextbookClient(base_url="http://127.0.0.1:8000") as env:
        result = await env.reset(family="Arithmetic", difficulty=3, max_attempts=2, feedback="hint", seed=7)
        result = await env.step(TextbookAction(response="\\\\boxed{42}"))
        result.reward, result.done, result.observation.prompt   # score, episode over?, feedback

``reset`` takes ``family`` (default: the first served), ``difficulty`` (1..10, default 1),
``max_attempts``, ``feedback``, ``split`` (``"train"`` by default) and ``seed``: the
problem is the first of the project's ``split`` stream for that seed, so the same
arguments give the same problem in every session and process (no seed: a fresh random
one). A task row (``family``, ``difficulty``, ``seed`` as a list, ``problem_id``) poses
exactly that row's problem. ``step`` takes the response text and returns the family's
verdict, its score as the reward, and the environment's feedback as the next prompt.

Bad input gets an error message naming the cause and the fix, and leaves the session
(and every other session) as it was: malformed JSON, an unknown message type, an unknown
family or level, an answer over :data:`MAX_ANSWER_CHARS`, a step before reset or after
the end. A client that disconnects mid-episode only ends its own session.
"""

from __future__ import annotations

import argparse
import functools
import json
import secrets
from collections.abc import Sequence
from typing import Any

from openenv.core.client_types import StepResult
from openenv.core.env_client import EnvClient
from openenv.core.env_server import Environment, create_fastapi_app
from openenv.core.env_server.types import Action, Observation, State
from pydantic import Field, field_validator

from textbook_gym.env import parse_difficulty
from textbook_gym.integrations.common import Episode, EpisodeConfig, problem_from_row
from textbook_gym.registry import get_family, list_families

MAX_ANSWER_CHARS = 65_536
"""Longest response a step accepts; longer ones are refused with an error (the session stays usable)."""
MAX_ATTEMPTS_LIMIT = 32
"""Most attempts an episode may ask for."""
RESET_KEYS = ("family", "difficulty", "max_attempts", "feedback", "split", "seed", "problem_id", "index")


class TextbookAction(Action):
    """One attempt: the model's response text."""

    response: str = Field(..., description="The response; its anchored final answer is verified.")

    @field_validator("response", mode="before")
    @classmethod
    def _scalar_as_text(cls, value: Any) -> Any:
        # Clients that JSON-decode a model's reply (verifiers' OpenEnv taskset does) turn "42" into 42;
        # a JSON scalar is taken back as its JSON text. Lists and objects stay a validation error.
        if value is None or isinstance(value, (bool, int, float)):
            return json.dumps(value)
        return value


class TextbookObservation(Observation):
    """What the model sees next and how the last attempt went (``reward``/``done`` are inherited)."""

    prompt: str = Field("", description="The problem (after reset) or the environment's feedback (after a step).")
    family: str = Field("", description="Family of the current problem.")
    problem_id: str = Field("", description="Content id of the current problem.")
    difficulty: int = Field(0, description="Level of the current problem.")
    split: str | None = Field(None, description="Split the problem was drawn from.")
    attempt: int = Field(0, description="Attempts made so far in this episode.")
    max_attempts: int = Field(1, description="Attempts this episode allows.")
    verdict: dict[str, Any] | None = Field(None, description="The family's verdict on the last attempt.")


class TextbookEnvironment(Environment[TextbookAction, TextbookObservation, State]):
    """One session's environment: a textbook episode at a time over the served families."""

    SUPPORTS_CONCURRENT_SESSIONS = True

    def __init__(self, families: Sequence[str] | None = None):
        super().__init__()
        names = list(families) if families else list_families()
        self.families = tuple(get_family(name).name for name in names)
        self._episode: Episode | None = None
        self._state = State()
        self._split: str | None = None

    def reset(self, seed: int | None = None, episode_id: str | None = None, **kwargs: Any) -> TextbookObservation:
        unknown = sorted(set(kwargs) - set(RESET_KEYS))
        if unknown:
            raise ValueError(f"reset got unknown field(s) {unknown}; it takes seed, episode_id and {list(RESET_KEYS)}")
        family = self._family(kwargs.get("family"))
        lo, hi = parse_difficulty(kwargs.get("difficulty", 1))
        if lo != hi:
            raise ValueError(f"difficulty must be one level 1..10 for a served episode, got {lo}-{hi}")
        split = kwargs.get("split", "train")
        if split not in ("train", "test"):
            raise ValueError(f"split must be 'train' or 'test', got {split!r}")
        attempts = kwargs.get("max_attempts", 1)
        if isinstance(attempts, bool) or not isinstance(attempts, int) or not 1 <= attempts <= MAX_ATTEMPTS_LIMIT:
            raise ValueError(f"max_attempts must be an integer 1..{MAX_ATTEMPTS_LIMIT}, got {attempts!r}")
        config = EpisodeConfig(max_attempts=attempts, feedback=kwargs.get("feedback", "verdict"))
        problem = self._problem(family, lo, split, seed, kwargs)
        episode = Episode(config)  # built fully before it replaces the session's episode
        prompt = episode.reset(problem)
        self._episode = episode
        self._split = split
        self._state = State(episode_id=episode_id or secrets.token_hex(8), step_count=0)
        return self._observation(prompt, reward=None, done=False)

    def step(self, action: TextbookAction, timeout_s: float | None = None, **kwargs: Any) -> TextbookObservation:
        if self._episode is None:
            raise RuntimeError("no episode in this session: send a reset first")
        if self._episode.done:
            raise RuntimeError("this episode is over (solved or out of attempts): send a reset for a new problem")
        response = action.response
        if len(response) > MAX_ANSWER_CHARS:
            raise ValueError(
                f"the response has {len(response)} characters, over the {MAX_ANSWER_CHARS}-character limit; "
                "send a shorter response (the episode is unchanged)"
            )
        turn = self._episode.submit(response)
        self._state.step_count += 1
        return self._observation(turn.feedback, reward=turn.reward, done=turn.done, verdict=turn.verdict.to_dict())

    @property
    def state(self) -> State:
        return self._state

    # ------------------------------------------------------------------ helpers
    def _family(self, name: Any) -> str:
        if name is None:
            return self.families[0]
        if not isinstance(name, str):
            raise ValueError(f"family must be a family name, got {type(name).__name__}")
        try:
            family = get_family(name).name
        except (KeyError, ValueError):  # the registry's unknown-name error is both
            family = None
        if family not in self.families:
            raise ValueError(f"unknown family {name!r}; this server serves: {', '.join(self.families)}")
        return family

    def _problem(self, family: str, level: int, split: str, seed: Any, kwargs: dict[str, Any]):
        if isinstance(seed, list):  # a task row: family, difficulty, seed list (and problem_id)
            row = {"family": family, "difficulty": level, "seed": seed, "problem_id": kwargs.get("problem_id")}
            return problem_from_row(row)
        if seed is None:
            seed = secrets.randbits(62)
        if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
            raise ValueError(f"seed must be a non-negative integer or a task row's seed list, got {seed!r}")
        from textbook_gym.export import problems

        return problems(family, split, 1, seed=seed, difficulty=level)[0]

    def _observation(self, prompt: str, *, reward: float | None, done: bool,
                     verdict: dict[str, Any] | None = None) -> TextbookObservation:
        episode = self._episode
        problem = episode.problem
        return TextbookObservation(
            prompt=prompt, reward=reward, done=done, family=problem.family, problem_id=problem.id,
            difficulty=problem.difficulty, split=self._split, attempt=len(episode.verdicts),
            max_attempts=episode.config.max_attempts, verdict=verdict,
        )


class TextbookClient(EnvClient[TextbookAction, TextbookObservation, State]):
    """The async OpenEnv client for a textbook server (``.sync()`` gives the synchronous one)."""

    def _step_payload(self, action: TextbookAction) -> dict[str, Any]:
        return {"response": action.response}

    def _parse_result(self, payload: dict[str, Any]) -> StepResult[TextbookObservation]:
        fields = dict(payload.get("observation") or {})
        observation = TextbookObservation(**fields, reward=payload.get("reward"), done=bool(payload.get("done")))
        return StepResult(observation=observation, reward=payload.get("reward"), done=bool(payload.get("done")))

    def _parse_state(self, payload: dict[str, Any]) -> State:
        return State(**payload)


def create_app(families: Sequence[str] | None = None, max_sessions: int = 64):
    """The FastAPI app serving ``families`` (all by default) with up to ``max_sessions`` WebSocket sessions."""
    names = list(families) if families else list_families()
    for name in names:
        get_family(name)  # an unknown family fails at start, not in the first session
    factory = functools.partial(TextbookEnvironment, tuple(names))
    factory.__name__ = "TextbookEnvironment"  # openenv names the factory in its errors
    return create_fastapi_app(factory, TextbookAction, TextbookObservation, max_concurrent_envs=max_sessions)


def serve_main(argv: list[str] | None = None) -> int:
    """``textbook-gym serve``: run the server until interrupted."""
    parser = argparse.ArgumentParser(prog="textbook-gym serve", description="Serve textbook families over OpenEnv.")
    parser.add_argument("--families", nargs="*", default=None, help="families to serve (default: all)")
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument("--max-sessions", type=int, default=64, help="concurrent WebSocket sessions (default 64)")
    args = parser.parse_args(argv)
    import uvicorn

    app = create_app(args.families, args.max_sessions)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", ws_max_size=4 * MAX_ANSWER_CHARS + 65_536)
    return 0


__all__ = ["MAX_ANSWER_CHARS", "TextbookAction", "TextbookClient", "TextbookEnvironment", "TextbookObservation",
           "create_app", "serve_main"]
