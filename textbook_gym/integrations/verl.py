"""Textbook families for verl: parquet rows in verl's schema and a custom reward function.

``export_rows`` / ``write_parquet`` write one row per problem in the schema verl's
``RLHFDataset`` reads, with the same keys for every family::

    data_source   "textbook/<Family>-v<N>"
    prompt        [{"role": "user", "content": <the environment's prompt>}]
    ability       the family's subject ("arithmetic", "algebra", ...)
    reward_model  {"style": "rule", "ground_truth": <the problem as JSON>}
    extra_info    {"split", "index", "family", "env_id", "difficulty", "seed", "problem_id"}

``compute_score(data_source, solution_str, ground_truth, extra_info=None, **kwargs)`` is the
function verl loads with ``reward.custom_reward_function.path=<this file>`` and
``reward.custom_reward_function.name=compute_score``; it returns verl's dict form
``{"score", "acc", "status", "extracted"}`` with the family's own verdict. It never raises:
a row it cannot read scores 0 with status ``ERROR`` and the reason in ``extracted``.

Multi-turn trial and error runs through verl's tool agent loop (``agent_name: tool_agent``)
with :func:`answer_tool_class`'s tool, which needs verl installed (see docs/integrations.md).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from textbook_gym.integrations.common import (
    Episode,
    EpisodeConfig,
    as_response,
    problem_from_row,
    task_row,
)
from textbook_gym.problem import Problem
from textbook_gym.registry import get_family
from textbook_gym.verdict import Status, Verdict

SCORE_KEYS = ("score", "acc", "status", "extracted")
"""The keys of every ``compute_score`` result (verl collects each key across a batch)."""
TOOL_NAME = "submit_answer"
EPISODE_KEY = "textbook_responses"
"""Key of the tool's episode (the answers submitted so far) in verl's per-trajectory ``extra_fields``."""
RESULT_KEY = "textbook_result"
"""Key of the last verdict (:func:`score_dict`) in ``extra_fields``; verl hands it back in ``extra_info``."""


def verl_row(problem: Problem, *, split: str | None, index: int) -> dict[str, Any]:
    """One verl row for ``problem``."""
    family = get_family(problem.family)
    return {
        "data_source": family.env_id,
        "prompt": [{"role": "user", "content": family.prompt(problem)}],
        "ability": family.subject,
        "reward_model": {"style": "rule", "ground_truth": problem.to_json()},
        "extra_info": task_row(problem, split=split, index=index),
    }


def export_rows(
    families: Sequence[str] | str,
    n: int,
    *,
    split: str = "train",
    seed: int = 0,
    difficulty: int | str | Sequence[int] = (1, 10),
    tool: bool = False,
) -> list[dict[str, Any]]:
    """``n`` verl rows per family from the project's split streams (train split by default).

    ``tool=True`` adds verl's ``tools_kwargs`` so the tool agent loop hands each row's
    problem to :func:`answer_tool_class`'s tool (multi-turn trial and error).
    """
    from textbook_gym.export import problems

    rows = []
    for name in [families] if isinstance(families, str) else families:
        family = get_family(name)
        for index, problem in enumerate(problems(family, split, n, seed=seed, difficulty=difficulty)):
            row = verl_row(problem, split=split, index=index)
            if tool:
                row["extra_info"]["tools_kwargs"] = {TOOL_NAME: {"create_kwargs": {"problem": problem.to_json()}}}
            rows.append(row)
    return rows


def write_parquet(rows: Sequence[Mapping[str, Any]], path: str | Path) -> Path:
    """Write verl rows as parquet (atomically: a temporary file, then a rename)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("writing parquet needs pyarrow: pip install 'textbook-gym[verl]'") from exc
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(pa.Table.from_pylist([dict(row) for row in rows]), tmp)
    tmp.replace(path)
    return path


def compute_score(
    data_source: str,
    solution_str: str,
    ground_truth: Any,
    extra_info: Mapping[str, Any] | None = None,
    **kwargs: Any,
) -> dict[str, Any]:
    """verl's custom reward: the family's verdict on ``solution_str`` (see the module docstring).

    In a tool-agent rollout verl passes the trajectory's ``extra_fields`` inside ``extra_info``;
    when the answer tool was called, the score is its last verdict (the episode's outcome),
    since the response text then holds tool calls and feedback rather than one answer.
    """
    if isinstance(extra_info, Mapping) and isinstance(extra_info.get(RESULT_KEY), Mapping):
        result = extra_info[RESULT_KEY]
        return {key: result[key] for key in SCORE_KEYS}
    try:
        row = {"problem": ground_truth}
        if isinstance(extra_info, Mapping) and extra_info.get("problem_id"):
            row["problem_id"] = extra_info["problem_id"]
        problem = problem_from_row(row)
        family = get_family(problem.family)
        if data_source and data_source not in (family.env_id, family.name):
            raise ValueError(f"data_source {data_source!r} does not match the problem's family {family.env_id}")
        verdict = family.verify(problem, str(solution_str))
    except Exception as exc:  # noqa: BLE001 - a reward function must not take the trainer down
        verdict = Verdict.error(f"could not score the row: {type(exc).__name__}: {exc}")
    return score_dict(verdict)


def score_dict(verdict: Verdict) -> dict[str, Any]:
    """A verdict in verl's dict form (always the keys of :data:`SCORE_KEYS`)."""
    extracted = verdict.extracted if verdict.status not in (Status.ERROR, Status.TIMEOUT) else verdict.reason
    return {
        "score": float(verdict.score),
        "acc": float(verdict.correct),
        "status": verdict.status.value,
        "extracted": extracted or "",
    }


@functools.cache
def answer_tool_class():
    """verl's ``BaseTool`` for multi-turn trial and error (imports verl; call only where it is installed).

    Register it in the tool config yaml as ``class_name: textbook_gym.integrations.verl.TextbookAnswerTool``
    with ``config: {type: native, max_attempts: 2, feedback: hint}``. verl's tool agent loop creates,
    executes and releases the tool on every call, so the episode lives in the trajectory's
    ``agent_data.extra_fields`` (the answers so far, replayed on each call, and the last verdict,
    which :func:`compute_score` then reports); each call returns the environment's feedback
    and, as the tool reward, the verdict's score.
    """
    from verl.tools.base_tool import BaseTool
    from verl.tools.schemas import OpenAIFunctionToolSchema, ToolResponse

    class _TextbookAnswerTool(BaseTool):
        def __init__(self, config: dict, tool_schema: OpenAIFunctionToolSchema | None = None):
            self._episode_config = EpisodeConfig(
                max_attempts=int(config.get("max_attempts", 1)), feedback=str(config.get("feedback", "verdict"))
            )
            self._created: dict[str, dict[str, Any]] = {}
            super().__init__(config, tool_schema or OpenAIFunctionToolSchema.model_validate(TOOL_SCHEMA))

        async def create(self, instance_id: str | None = None, **kwargs: Any):
            instance_id, response = await super().create(instance_id)
            self._created[instance_id] = dict(kwargs.get("create_kwargs") or {})
            return instance_id, response

        async def execute(self, instance_id: str, parameters: dict[str, Any], **kwargs: Any):
            agent_data = kwargs.get("agent_data")
            # Without verl's per-trajectory agent_data a call is an episode of its own.
            store = agent_data.extra_fields if agent_data is not None else {}
            problem = problem_from_row(self._created.get(instance_id, {}))
            # verl creates and releases the tool on every call and ships extra_fields between
            # processes, so the episode is kept as plain data (the responses so far) and replayed.
            episode = Episode(self._episode_config)
            episode.reset(problem)
            for response in store.get(EPISODE_KEY, []):
                episode.submit(response)
            if episode.done:
                return ToolResponse(text="The episode is over; no more answers are accepted."), 0.0, {}
            response = as_response(str(parameters.get("answer", "")))
            turn = episode.submit(response)
            store[EPISODE_KEY] = [*store.get(EPISODE_KEY, []), response]
            store[RESULT_KEY] = score_dict(turn.verdict)
            return ToolResponse(text=turn.feedback), turn.reward, score_dict(turn.verdict)

        async def calc_reward(self, instance_id: str, **kwargs: Any) -> float:
            return 0.0

        async def release(self, instance_id: str, **kwargs: Any) -> None:
            self._created.pop(instance_id, None)

    _TextbookAnswerTool.__name__ = _TextbookAnswerTool.__qualname__ = "TextbookAnswerTool"
    return _TextbookAnswerTool


TOOL_SCHEMA = {
    "type": "function",
    "function": {
        "name": TOOL_NAME,
        "description": "Submit a final answer to the problem and receive the verdict and feedback.",
        "parameters": {
            "type": "object",
            "properties": {"answer": {"type": "string", "description": "The final answer only, for example 42."}},
            "required": ["answer"],
        },
    },
}


def __getattr__(name: str):
    # verl's tool loader imports ``TextbookAnswerTool`` by name; building it imports verl, so lazily.
    if name == "TextbookAnswerTool":
        return answer_tool_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["SCORE_KEYS", "TOOL_SCHEMA", "answer_tool_class", "compute_score", "export_rows", "verl_row",
           "write_parquet"]
