"""Question texts for a table of kinds: a question that only fills in the drawn values.

Many kinds of a multi-kind family (:mod:`.kinds`) ask a fixed sentence with the drawn
parameters in it. :func:`filled` makes such a ``Kind.question`` from the template
itself, so the table shows the question as the student reads it. Fields use
:meth:`str.format` syntax, including an index into a list parameter (``{sides[0]}``).

>>> ask = filled("A bag holds {red} red and {blue} blue marbles; urn 2 holds {urn[0]} red.")
>>> ask({"red": 3, "blue": 5, "urn": [4, 1]})
'A bag holds 3 red and 5 blue marbles; urn 2 holds 4 red.'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def filled(template: str) -> Callable[[dict[str, Any]], str]:
    """A ``Kind.question``: ``template`` with the problem's parameters filled in by name."""
    return lambda params: template.format(**params)
