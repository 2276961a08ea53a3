"""Exposition from a list of templates of which each round fills one, chosen at random.

Several families teach from one flat list of templates over a shared pool of values: a
round draws every value first (``values(rng)``), then fills one template picked with
:func:`.draw.choice` (:func:`one_template_round`, a ``render`` for
:func:`.passages.distinct_passages`). :func:`one_template_exposition` is such a family's
``exposition`` method in one line. (:mod:`.template_rounds` fills every template in each
round instead.)

>>> templates = ["{n} squared is {square}.", "{n} cubed is {cube}."]
>>> def values(rng):
...     n = int(rng.integers(2, 5))
...     return {"n": n, "square": n * n, "cube": n ** 3}
>>> one_template_round(np.random.default_rng(7), templates, values)
['4 cubed is 64.']
>>> class Powers:
...     exposition = one_template_exposition(7, 3, templates, values)
>>> Powers().exposition()
['4 cubed is 64.', '3 cubed is 27.', '4 squared is 16.']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from .draw import choice
from .passages import exposition_from


def one_template_round(rng: np.random.Generator, templates: Sequence[str],
                       values: Callable[[np.random.Generator], Mapping[str, Any] | None]) -> list[str]:
    """One passage: ``values(rng)`` drawn first, then one template (one :func:`.draw.choice`) filled with them.

    ``values`` may return ``None`` when its draw cannot serve the templates (a residue that came out
    0, say); the round then writes no passage and draws no template.
    """
    fields = values(rng)
    if fields is None:
        return []
    return [choice(rng, templates).format(**fields)]


def one_template_exposition(seed: int, count: int, templates: Sequence[str],
                            values: Callable[[np.random.Generator], Mapping[str, Any] | None]):
    """A family's ``exposition`` method: :func:`one_template_round` with ``seed`` until ``count`` distinct passages."""
    return exposition_from(seed, count, lambda rng: one_template_round(rng, templates, values))
