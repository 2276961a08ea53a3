"""Textbook families as a SkyRL text environment (``skyrl_gym.envs.base_text_env.BaseTextEnv``).

SkyRL builds one environment per trajectory with ``skyrl_gym.make(env_class,
env_config=..., extras=<the data set row's fields>)``; rows from :func:`export_rows` name
``env_class="textbook"`` and carry the problem as ``reward_spec.ground_truth`` (JSON), so
every member of a group plays the same problem. Each ``step`` verifies the response with the
family's verifier through the project's own environment; a wrong attempt returns the
environment's feedback as the next user message until the attempts
(``env_config.max_attempts``, default 1) run out. Call :func:`register_env` once (it is
idempotent) before SkyRL makes environments.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from skyrl_gym.envs.base_text_env import BaseTextEnv, BaseTextEnvStepOutput

from textbook_gym.integrations.common import Episode, EpisodeConfig, problem_from_row
from textbook_gym.integrations.verl import export_rows as _verl_rows

ENV_CLASS = "textbook"


class TextbookSkyRLEnv(BaseTextEnv):
    """One SkyRL trajectory of one textbook problem."""

    def __init__(self, env_config: Any = None, extras: Mapping[str, Any] | None = None):
        super().__init__()
        config = env_config if env_config is not None else {}
        extras = extras or {}
        spec = extras.get("reward_spec") or {}
        if "ground_truth" not in spec:
            raise KeyError("the row needs reward_spec.ground_truth (the problem JSON); build rows with "
                           "textbook_gym.integrations.skyrl.export_rows")
        info = extras.get("extra_info") or {}
        problem = problem_from_row({"problem": spec["ground_truth"], "problem_id": info.get("problem_id")})
        self.episode = Episode(EpisodeConfig(max_attempts=int(config.get("max_attempts", 1)),
                                             feedback=str(config.get("feedback", "verdict"))))
        self.episode.reset(problem)
        self.max_turns = self.episode.config.max_attempts

    def step(self, action: str) -> BaseTextEnvStepOutput:
        self.turns += 1
        turn = self.episode.submit(str(action))
        observations = [] if turn.done else [{"role": "user", "content": turn.feedback}]
        return BaseTextEnvStepOutput(observations=observations, reward=turn.reward, done=turn.done,
                                     metadata={"verdict": turn.verdict.to_dict(), "attempt": len(self.episode.verdicts)})


def register_env() -> str:
    """Register :class:`TextbookSkyRLEnv` as ``env_class="textbook"`` (idempotent); returns the id."""
    from skyrl_gym.envs.registration import register, registry

    if ENV_CLASS not in registry:
        register(id=ENV_CLASS, entry_point=f"{__name__}:TextbookSkyRLEnv")
    return ENV_CLASS


def export_rows(families: Sequence[str] | str, n: int, **kwargs: Any) -> list[dict[str, Any]]:
    """SkyRL data set rows: verl's rows (same problems and splits) with ``env_class`` and ``reward_spec``."""
    rows = []
    for row in _verl_rows(families, n, **kwargs):
        spec = row.pop("reward_model")
        rows.append({**row, "env_class": ENV_CLASS, "reward_spec": {"method": "rule",
                                                                     "ground_truth": spec["ground_truth"]}})
    return rows
