"""Textbook data for the stages: exposition text, worked pairs, practice and test problems.

Train and test follow the project's split rule (:mod:`textbook_gym.splits`): a
problem belongs to the test split when its content id falls in one of its family's
test buckets, train streams draw from seeds ``[0, seed, i]`` and test streams from
``[1, seed, i]``, each keeping only its own split. So no training problem of any stage can appear in
the held-out evaluation, even at levels with few distinct problems (one-digit sums).

Problem ``index`` of a split is item ``index`` of that stream; streams are memoized
per (family, split, difficulty, seed), so SFT, RL (which continues after the SFT problems)
and resumed runs see exactly the same problems. Several families are interleaved item by
item, each reading its own stream from the start (:func:`interleaved_problem`), so each
family visits every level of a difficulty range in turn, as a one-family run does.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from textbook_gym import get_family
from textbook_gym.agents.backends.prompts import PROMPT_SEPARATOR, has_chat_template, policy_prompt
from textbook_gym.problem import Problem
from textbook_gym.splits import check_split, iter_problems

_STREAMS: dict[tuple[str, str, str, int], tuple[Iterator[Problem], list[Problem]]] = {}


def split_problem(
    family: str, split: str, index: int, difficulty: str | int | Sequence[int], seed: int = 0
) -> Problem:
    """Problem ``index`` of ``split`` (``train`` or ``test``) of one family at a difficulty (range).

    ``seed`` picks the stream (:func:`textbook_gym.splits.iter_problems`); streams are read
    from their start and cached, so another seed, not a far index, is the cheap way to other problems.
    """
    split = check_split(split, allow_none=False)
    key = (family, split, str(difficulty), seed)
    if key not in _STREAMS:
        _STREAMS[key] = (iter_problems(family, split, seed=seed, difficulty=difficulty), [])
    stream, seen = _STREAMS[key]
    while len(seen) <= index:
        seen.append(next(stream))
    return seen[index]


def interleaved_problem(
    families: Sequence[str], split: str, index: int, difficulty: str | int | Sequence[int], seed: int = 0
) -> Problem:
    """Item ``index`` of the families interleaved: family ``index % F``, problem ``index // F`` of its stream.

    Each family reads its own stream in order, so its problems are the prefix of
    :func:`textbook_gym.splits.problems` and a difficulty range is visited level by level
    for every family. (Problem ``index`` of each family's stream would give family ``f``
    only the levels ``f`` modulo the number of levels: with three families at ``1-3``,
    one level each.) The map from items to (family, problem) is one to one, so items
    ``0 .. n-1`` and ``n ..`` (SFT, then RL) share no problem; one family reads item ``index``
    of its stream.
    """
    names = tuple(families)
    return split_problem(names[index % len(names)], split, index // len(names), difficulty, seed)


def problems(families: Sequence[str], split: str, start: int, count: int, difficulty, seed: int = 0) -> list[Problem]:
    """Items ``start .. start+count-1`` of the families interleaved (:func:`interleaved_problem`), stream ``seed``.

    For one family this is ``textbook_gym.splits.problems(family, split, start + count, seed=seed,
    difficulty=difficulty)[start:]``, read from a memoized stream so that the stages, which ask
    for a few items at a time, do not redraw the prefix.
    """
    return [interleaved_problem(families, split, i, difficulty, seed) for i in range(start, start + count)]


def worked_pairs(
    families: Sequence[str], count: int, difficulty, start: int = 0, chat: bool = True, seed: int = 0
) -> list[dict[str, Any]]:
    """SFT records ``{"prompt", "completion"}``: the env's prompt and the worked solution.

    The prompt is exactly what the environment shows (question plus answer-format
    instruction), so what SFT teaches is what RL and evaluation ask. With ``chat``
    the pair is a conversation (a user turn, an assistant turn) that TRL renders with
    the model's chat template, the same template the backends apply to the env's
    ``messages`` in RL and in :func:`textbook_gym.evaluate`; without it (models with
    no chat template) the prompt is the plain observation plus :data:`PROMPT_SEPARATOR`.
    """
    out = []
    for p in problems(families, "train", start, count, difficulty, seed):
        fam = get_family(p.family)
        prompt, solution = fam.prompt(p), fam.worked_solution(p)
        if chat:
            out.append(
                {
                    "prompt": [{"role": "user", "content": prompt}],
                    "completion": [{"role": "assistant", "content": solution}],
                }
            )
        else:
            out.append({"prompt": prompt + PROMPT_SEPARATOR, "completion": solution})
    return out


def exposition_texts(families: Sequence[str], repeats: int = 1) -> list[str]:
    """Every exposition passage of the families, ``repeats`` times (pretraining documents)."""
    texts = []
    for name in families:
        texts.extend(get_family(name).exposition())
    return texts * max(1, repeats)


def plain_worked_texts(families: Sequence[str], count: int, difficulty, seed: int = 0) -> list[str]:
    """Worked problems of train stream ``seed`` as plain documents (question, then solution)."""
    return [p["prompt"] + p["completion"] for p in worked_pairs(families, count, difficulty, chat=False, seed=seed)]


__all__ = [
    "PROMPT_SEPARATOR",
    "exposition_texts",
    "has_chat_template",
    "interleaved_problem",
    "plain_worked_texts",
    "policy_prompt",
    "problems",
    "split_problem",
    "worked_pairs",
]
