"""Problem-space sizes of the built-in families, as measured: ``textbook_gym/data/space_sizes.json``.

A level's size (how many distinct problems it can draw) decides how many distinct test problems it holds,
so evaluation and the split rule read it (:meth:`textbook_gym.Family.space_size`). The figures are
measurements, not code, so they live in one data file beside the calibration file, keyed by env id like
it: a family's next version counts as unmeasured until its own entry is added, and
``tests/test_space_sizes.py`` fails until then. Each entry holds::

    {"counts": [ten counts, levels 1 to 10], "exact_levels": [...], "estimated_from_draws": n,
     "counted": "what the exact levels enumerate"}

An exact level was counted by enumerating what it draws; every other level is the Chao1 estimate from
``estimated_from_draws`` draws of the level (two significant figures from 1,000 up). Where no problem
repeated in the n draws, the figure is Chao1's value then, about n²/2 (4,500,000 for 3,000 draws): a lower
bound of the true size rather than an estimate. ``benchmarks/space_sizes.py`` re-measures the file
against the families as they are now.

A family outside the package states its sizes in code instead (``Family.space_sizes``, as
``envs/_template.py`` does) or leaves them unknown.

>>> recorded_sizes("textbook/BaseConversion-v1")[1]
(1020, True)
>>> recorded_sizes("textbook/NoSuchFamily-v0") is None
True
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

DEFAULT_PATH = Path(__file__).with_name("data") / "space_sizes.json"
"""The sizes shipped with the package."""
LEVELS = range(1, 11)


@functools.cache
def load(path: Path = DEFAULT_PATH) -> dict[str, dict]:
    """Every entry of the sizes file, by env id, checked for shape (a malformed entry names itself)."""
    entries = json.loads(Path(path).read_text(encoding="utf-8"))["sizes"]
    for env_id, entry in entries.items():
        counts, exact = entry.get("counts"), entry.get("exact_levels", [])
        if not (isinstance(counts, list) and len(counts) == len(LEVELS) and all(isinstance(c, int) and c > 0 for c in counts)):
            raise ValueError(f"{path}: {env_id} needs 'counts', one positive integer for each of levels 1 to 10")
        if not set(exact) <= set(LEVELS):
            raise ValueError(f"{path}: {env_id} lists exact levels outside 1 to 10: {exact}")
        if len(exact) < len(LEVELS) and not isinstance(entry.get("estimated_from_draws"), int):
            raise ValueError(f"{path}: {env_id} estimates some levels but does not say from how many draws "
                             "('estimated_from_draws')")
    return entries


def recorded_sizes(env_id: str, path: Path = DEFAULT_PATH) -> dict[int, tuple[int, bool]] | None:
    """``{level: (count, exact)}`` recorded for ``env_id``, or None when the file has no entry for it."""
    entry = load(path).get(env_id)
    if entry is None:
        return None
    return {level: (count, level in entry["exact_levels"]) for level, count in zip(LEVELS, entry["counts"])}
