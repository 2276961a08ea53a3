"""Textbook data for the stages: exposition text, worked pairs, practice and test problems.

Train and test never share a problem seed. Problem ``i`` of a split is generated
from ``numpy.random.default_rng([SPLIT_IDS[split], i])``; the split id is the first
word of the seed sequence, so no index of one split can reproduce another split's
generator state. (Tiny problem spaces, such as one-digit addition, repeat
*contents* across splits anyway: there are only 100 of them.)

:func:`split_problem` is the one place that rule is implemented here; when
``textbook_gym.export`` provides the same rule, it takes over (same name).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from textbook_gym import get_family
from textbook_gym.env import parse_difficulty
from textbook_gym.problem import Problem

SPLIT_IDS = {"train": 0, "test": 1}
"""First word of every problem's seed sequence, per split."""


def split_problem(family: str, split: str, index: int, difficulty: str | int | Sequence[int]) -> Problem:
    """Problem ``index`` of ``split`` (``train`` or ``test``) of one family at a difficulty (range).

    A difficulty range picks the level from the same generator, so the level is as
    reproducible as the problem.
    """
    if split not in SPLIT_IDS:
        raise ValueError(f"split must be one of {sorted(SPLIT_IDS)}, got {split!r}")
    rng = np.random.default_rng([SPLIT_IDS[split], int(index)])
    lo, hi = parse_difficulty(difficulty)
    level = lo if lo == hi else int(rng.integers(lo, hi + 1))
    return get_family(family).generate(rng, level)


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
