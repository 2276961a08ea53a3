"""Textbook data for the stages: exposition text, worked pairs, practice and test problems.

Train and test follow the project's split rule (:mod:`textbook_gym.export`): a
problem belongs to the test split when its content id falls in the test bucket,
train streams draw from seeds ``[0, seed, i]`` and test streams from ``[1, seed, i]``,
each keeping only its own split. So no training problem of any stage can appear in
the held-out evaluation, even at levels with few distinct problems (one-digit sums).

Problem ``index`` of a split is item ``index`` of that stream; streams are memoized
per (family, split, difficulty), so SFT, RL (which continues after the SFT problems)
and resumed runs see exactly the same problems.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from textbook_gym import get_family
from textbook_gym.export import iter_problems
from textbook_gym.problem import Problem

_STREAMS: dict[tuple[str, str, str], tuple[Iterator[Problem], list[Problem]]] = {}


def split_problem(family: str, split: str, index: int, difficulty: str | int | Sequence[int]) -> Problem:
    """Problem ``index`` of ``split`` (``train`` or ``test``) of one family at a difficulty (range)."""
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test', got {split!r}")
    key = (family, split, str(difficulty))
    if key not in _STREAMS:
        _STREAMS[key] = (iter_problems(family, split, difficulty=difficulty), [])
    stream, seen = _STREAMS[key]
    while len(seen) <= index:
        seen.append(next(stream))
    return seen[index]


def problems(families: Sequence[str], split: str, start: int, count: int, difficulty) -> list[Problem]:
    """Problems ``start .. start+count-1`` of a split, families interleaved by index."""
    fams = list(families)
    return [split_problem(fams[i % len(fams)], split, i, difficulty) for i in range(start, start + count)]


def worked_pairs(families: Sequence[str], count: int, difficulty, start: int = 0) -> list[dict[str, str]]:
    """SFT records ``{"prompt", "completion"}``: the env's prompt and the worked solution.

    The prompt is exactly what the environment shows (question plus answer-format
    instruction), so what SFT teaches is what RL and evaluation ask.
    """
    out = []
    for p in problems(families, "train", start, count, difficulty):
        fam = get_family(p.family)
        out.append({"prompt": model_input(fam.prompt(p)), "completion": fam.worked_solution(p)})
    return out


def exposition_texts(families: Sequence[str], repeats: int = 1) -> list[str]:
    """Every exposition passage of the families, ``repeats`` times (pretraining documents)."""
    texts = []
    for name in families:
        texts.extend(get_family(name).exposition())
    return texts * max(1, repeats)


def plain_worked_texts(families: Sequence[str], count: int, difficulty, start: int = 0) -> list[str]:
    """Worked problems as plain documents (question, then solution) for mixing into pretraining."""
    return [p["prompt"] + p["completion"] for p in worked_pairs(families, count, difficulty, start)]


PROMPT_SEPARATOR = "\n"
"""Appended to every prompt: the model answers on a fresh line (RL and evaluation use the same)."""


def model_input(observation: str) -> str:
    """The text a model is given for an environment observation (identical in SFT, RL and evaluation)."""
    return observation + PROMPT_SEPARATOR
