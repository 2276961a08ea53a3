"""Lists of values as text, and exposition drawn from a table of topics.

Data sets, number lists and ListOps arguments are written the same way in questions,
worked solutions and passages: values separated by ``", "`` (:func:`listing`), in
brackets when the list itself is the object (:func:`bracketed`).

Several families teach through a table of topics, each with a few templates: a round
of their exposition draws the values for each topic in turn, picks one template of
it and writes ``"<topic>. <text>"`` (:func:`topic_round`, a ``render`` for
:func:`.passages.distinct_passages`); :func:`topic_exposition` is such a family's
``exposition`` method in one line. Exact values among a passage's fields are written
the family's way by :func:`fractions_written`.

>>> listing([4, -2, 7]), bracketed([4, -2, 7]), bracketed(())
('4, -2, 7', '[4, -2, 7]', '[]')
>>> topics = {"Squares": ["{n} squared is {square}."], "Cubes": ["{n} cubed is {cube}."]}
>>> def values(rng, topic):
...     n = int(rng.integers(2, 5))
...     return {"n": n, "square": n * n, "cube": n ** 3}
>>> topic_round(np.random.default_rng(7), topics, values)
['Squares. 4 squared is 16.', 'Cubes. 3 cubed is 27.']
>>> class Powers:
...     exposition = topic_exposition(7, 2, topics, values)
>>> Powers().exposition()
['Squares. 4 squared is 16.', 'Cubes. 3 cubed is 27.']
>>> fractions_written({"n": 3, "half": Fraction(3, 2)}, lambda value: f"{float(value)}")
{'n': 3, 'half': '1.5'}
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from .passages import exposition_from


def listing(values: Iterable[Any]) -> str:
    """The values separated by commas: ``4, -2, 7``."""
    return ", ".join(str(value) for value in values)


def bracketed(values: Iterable[Any]) -> str:
    """The values as a list in square brackets: ``[4, -2, 7]``."""
    return f"[{listing(values)}]"


def topic_round(rng: np.random.Generator, topics: Mapping[str, Sequence[str]],
                values: Callable[[np.random.Generator, str], Mapping[str, Any]]) -> list[str]:
    """One passage per topic, in table order: draw ``values(rng, topic)``, then one template (one ``rng.integers``)."""
    texts = []
    for topic, templates in topics.items():
        fields = values(rng, topic)
        template = templates[int(rng.integers(0, len(templates)))]
        texts.append(f"{topic}. " + template.format(**fields))
    return texts


def topic_exposition(seed: int, count: int, topics: Mapping[str, Sequence[str]],
                     values: Callable[[np.random.Generator, str], Mapping[str, Any]]):
    """A family's ``exposition`` method: rounds of :func:`topic_round` with ``seed`` until ``count`` distinct passages."""
    return exposition_from(seed, count, lambda rng: topic_round(rng, topics, values))


def fractions_written(values: Mapping[str, Any], writer: Callable[[Fraction], str]) -> dict[str, Any]:
    """A passage's fields with every :class:`~fractions.Fraction` written by ``writer``; other values unchanged."""
    return {key: writer(value) if isinstance(value, Fraction) else value for key, value in values.items()}
