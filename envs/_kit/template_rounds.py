"""Exposition from a plain list of templates: one passage per template in every round.

Several algebra families teach from a list of templates with shared placeholders: a
round of their exposition goes through the list in order and fills each template
with freshly drawn values (:func:`template_round`, a ``render`` for
:func:`.passages.distinct_passages`); :func:`template_exposition` is such a family's
``exposition`` method in one line. A template filled with negative numbers can read
``x + -3``; ``tidy`` (for example :func:`.polynomials.tidy_signs`) cleans each text.

>>> templates = ["{n} squared is {square}.", "{n} minus 5 is {less}."]
>>> def values(rng):
...     n = int(rng.integers(2, 5))
...     return {"n": n, "square": n * n, "less": n - 5}
>>> template_round(np.random.default_rng(7), templates, values)
['4 squared is 16.', '3 minus 5 is -2.']
>>> template_round(np.random.default_rng(7), templates, values, tidy=lambda text: text.replace(" is -", " is minus "))
['4 squared is 16.', '3 minus 5 is minus 2.']
>>> class Squares:
...     exposition = template_exposition(7, 2, templates, values)
>>> Squares().exposition()
['4 squared is 16.', '3 minus 5 is -2.']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from .passages import exposition_from


def template_round(rng: np.random.Generator, templates: Sequence[str],
                   values: Callable[[np.random.Generator], Mapping[str, Any]],
                   tidy: Callable[[str], str] | None = None) -> list[str]:
    """Every template in order, each filled with a fresh ``values(rng)`` and passed through ``tidy`` if given."""
    texts = [template.format(**values(rng)) for template in templates]
    return texts if tidy is None else [tidy(text) for text in texts]


def template_exposition(seed: int, count: int, templates: Sequence[str],
                        values: Callable[[np.random.Generator], Mapping[str, Any]],
                        tidy: Callable[[str], str] | None = None):
    """A family's ``exposition`` method: rounds of :func:`template_round` with ``seed`` until ``count`` distinct passages."""
    return exposition_from(seed, count, lambda rng: template_round(rng, templates, values, tidy))
