"""Export the three kinds of textbook material as training data.

* ``exposition`` — plain text passages (``{"text": ...}``) for pretraining;
* ``worked`` — prompt/completion pairs (``{"prompt", "completion"}``), the format
  TRL's ``SFTTrainer`` takes, with the worked solution as the completion;
* ``practice`` — prompts with answers (``{"prompt", "answer", "problem", ...}``), the
  format TRL's ``GRPOTrainer`` takes: extra columns reach the reward function as
  keyword arguments, and ``problem`` carries everything a verifier needs.

**The split rule.** A problem belongs to the *test* split when its content id (a
SHA-256 of family, version and question text) falls in bucket 0 of
:data:`SPLIT_BUCKETS`; every other problem is *train*. Train problems are drawn from
``numpy.random.default_rng([0, seed, i])`` and test problems from
``default_rng([1, seed, i])``, each stream keeping only problems of its own split.
So the splits are disjoint by construction — in seeds *and* in content, even for
families whose small levels have few distinct problems — and no exported training
problem can appear in an evaluation set.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

from textbook_gym.env import parse_difficulty
from textbook_gym.family import Family
from textbook_gym.problem import Problem, generate_problem
from textbook_gym.registry import get_family

Split = Literal["train", "test"]
Kind = Literal["exposition", "worked", "practice"]
KINDS = ("exposition", "worked", "practice")
SPLIT_BUCKETS = 10
"""One problem in this many (by content hash) is reserved for the test split."""
_STREAM = {"train": 0, "test": 1}
_MAX_TRIES_PER_PROBLEM = 2000


def split_of(problem: Problem) -> Split:
    """Which split a problem belongs to, by its content id alone."""
    digest = hashlib.sha256(problem.id.encode()).digest()
    return "test" if int.from_bytes(digest[:8], "big") % SPLIT_BUCKETS == 0 else "train"


def iter_problems(
    family: str | Family,
    split: Split,
    *,
    seed: int = 0,
    difficulty: int | str | Sequence[int] = (1, 10),
) -> Iterator[Problem]:
    """An endless, deterministic stream of problems of one split.

    Levels of a difficulty range are visited round-robin, so any prefix of the stream
    is balanced across levels.
    """
    if split not in _STREAM:
        raise ValueError(f"split must be 'train' or 'test', got {split!r}")
    fam = get_family(family) if isinstance(family, str) else family
    lo, hi = parse_difficulty(difficulty)
    levels = list(range(lo, hi + 1))
    index, emitted, misses = 0, 0, 0
    while True:
        level = levels[emitted % len(levels)]
        problem = generate_problem(fam, (_STREAM[split], seed, index), level)
        index += 1
        if split_of(problem) == split:
            emitted += 1
            misses = 0
            yield problem
        else:
            misses += 1
            if misses > _MAX_TRIES_PER_PROBLEM:
                raise RuntimeError(
                    f"{fam!r} at difficulty {level} produced no {split} problem in {_MAX_TRIES_PER_PROBLEM} draws; "
                    "its problem space at that level is too small to split"
                )


def problems(family: str | Family, split: Split, n: int, **kwargs: Any) -> list[Problem]:
    """The first ``n`` problems of :func:`iter_problems`."""
    stream = iter_problems(family, split, **kwargs)
    return [next(stream) for _ in range(n)]


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
        "answer": _answer_text(problem.answer),
        "problem": problem.to_json(),
        "id": problem.id,
        "env_id": family.env_id,
        "difficulty": problem.difficulty,
    }


def _answer_text(answer: Any) -> str:
    return answer if isinstance(answer, str) else str(answer)


def records(
    families: Sequence[str],
    kind: Kind,
    n: int,
    *,
    split: Split = "train",
    seed: int = 0,
    difficulty: int | str | Sequence[int] = (1, 10),
    chat: bool = False,
) -> list[dict[str, Any]]:
    """``n`` records of one kind per family (exposition: ``n`` passages in all)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
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
