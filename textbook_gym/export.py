"""Export the three kinds of textbook material as training data.

* ``exposition`` — plain text passages (``{"text": ...}``) for pretraining;
* ``worked`` — prompt/completion pairs (``{"prompt", "completion"}``), the format
  TRL's ``SFTTrainer`` takes, with the worked solution as the completion;
* ``practice`` — prompts with answers (``{"prompt", "answer", "problem", ...}``), the
  format TRL's ``GRPOTrainer`` takes: extra columns reach the reward function as
  keyword arguments, and ``problem`` carries everything a verifier needs.

**Splits.** ``records(..., split="train")`` (the default) exports training
problems, ``split="test"`` held-out ones and ``split=None`` both; the rule that
decides a problem's split lives in :mod:`textbook_gym.splits` (a content hash, so
the splits are disjoint by construction and no exported training problem can
appear in an evaluation set). ``split_of``, ``iter_problems`` and ``problems`` are
re-exported here for callers that imported them from this module.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

from textbook_gym.errors import UsageError
from textbook_gym.family import Family
from textbook_gym.problem import Problem, answer_of
from textbook_gym.registry import get_family
from textbook_gym.splits import SPLIT_BUCKETS, Split, check_split, iter_problems, problems, split_of

Kind = Literal["exposition", "worked", "practice"]
KINDS = ("exposition", "worked", "practice")


def exposition_records(families: Iterable[str], n: int | None = None) -> list[dict[str, Any]]:
    rows = []
    for name in families:
        fam = get_family(name)
        for i, text in enumerate(fam.exposition()):
            rows.append({"text": text, "family": fam.name, "index": i})
    return rows if n is None else rows[:n]


def worked_record(family: Family, problem: Problem, chat: bool = False) -> dict[str, Any]:
    prompt, completion = family.prompt(problem), family.worked_solution(problem)
    if chat:
        prompt = [{"role": "user", "content": prompt}]
        completion = [{"role": "assistant", "content": completion}]
    return {
        "prompt": prompt,
        "completion": completion,
        "id": problem.id,
        "env_id": family.env_id,
        "difficulty": problem.difficulty,
    }


def practice_record(family: Family, problem: Problem, chat: bool = False) -> dict[str, Any]:
    prompt = family.prompt(problem)
    return {
        "prompt": [{"role": "user", "content": prompt}] if chat else prompt,
        "answer": answer_of(family, problem),
        "problem": problem.to_json(),
        "id": problem.id,
        "env_id": family.env_id,
        "difficulty": problem.difficulty,
    }


def records(
    families: Sequence[str],
    kind: Kind,
    n: int,
    *,
    split: Split | None = "train",
    seed: int = 0,
    difficulty: int | str | Sequence[int] = (1, 10),
    chat: bool = False,
) -> list[dict[str, Any]]:
    """``n`` records of one kind per family (exposition: ``n`` passages in all).

    ``split`` is ``"train"`` (the default), ``"test"`` or ``None`` (both splits).
    """
    if kind not in KINDS:
        raise UsageError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise UsageError(f"n must be a whole number of records >= 1, got {n!r}")
    split = check_split(split)
    families = [get_family(name).name for name in families]  # unknown names fail here, before any work
    if kind == "exposition":
        return exposition_records(families, n)
    build = worked_record if kind == "worked" else practice_record
    rows = []
    for name in families:
        fam = get_family(name)
        for problem in problems(fam, split, n, seed=seed, difficulty=difficulty):
            rows.append(build(fam, problem, chat))
    return rows


def write_jsonl(rows: Iterable[dict[str, Any]], path: str | Path) -> Path:
    """Write rows as JSON lines atomically (temporary file, then rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return path


def to_dataset(rows: list[dict[str, Any]]):
    """The rows as a Hugging Face ``datasets.Dataset`` (needs the ``train`` extra)."""
    try:
        import datasets
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("to_dataset needs the 'datasets' package: pip install 'textbook-gym[train]'") from exc
    return datasets.Dataset.from_list(rows)


__all__ = [
    "KINDS",
    "SPLIT_BUCKETS",
    "Kind",
    "Split",
    "answer_of",
    "exposition_records",
    "iter_problems",
    "practice_record",
    "problems",
    "records",
    "split_of",
    "to_dataset",
    "worked_record",
    "write_jsonl",
]
