"""A family's exposition prose, kept as text beside its code: ``envs/texts/<module>.toml``.

Exposition passages are templates with ``{placeholders}`` that the family's
``_render_passage`` fills in with ``str.format`` (so ``{{`` and ``}}`` are literal
braces, as LaTeX needs). The prose lives in a TOML file rather than in the module so
that a writer edits text without touching Python and the module reads as the family's
spec and skill. TOML's ``'''`` strings are literal: a backslash is a backslash.

A file holds one of three shapes, matching how the family picks a passage:

- ``templates = ['''...''', ...]``: one list (a ``list[str]``);
- ``[[passages]]`` tables with ``topic`` and ``text``: ``(topic, template)`` pairs, in order;
- a ``[topics]`` table with a list of templates per topic name (a ``dict[str, list[str]]``).

>>> templates = exposition_texts("textbook_gym.envs.gcd_lcm")
>>> isinstance(templates, list) and all("{" in text for text in templates)
True
"""

from __future__ import annotations

import functools
from importlib import resources

import tomllib

SHAPES = ("templates", "passages", "topics")
"""The one top-level key a texts file holds; see the module docstring."""


@functools.cache
def _load(stem: str) -> dict:
    path = resources.files("textbook_gym.envs").joinpath("texts", f"{stem}.toml")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(f"no exposition texts for the family module {stem!r}: write envs/texts/{stem}.toml "
                                f"(one of the keys {', '.join(SHAPES)}; see envs/_kit/texts.py)") from None
    return parse_texts(text, stem)


def parse_texts(text: str, stem: str) -> dict:
    """The TOML ``text`` of ``envs/texts/<stem>.toml``, checked to hold exactly one of :data:`SHAPES`."""
    data = tomllib.loads(text)
    if len(data) != 1 or next(iter(data)) not in SHAPES:
        raise ValueError(f"envs/texts/{stem}.toml must hold exactly one of the keys {', '.join(SHAPES)}, "
                         f"not {sorted(data)}")
    return data


def exposition_texts(module: str) -> list[str] | list[tuple[str, str]] | dict[str, list[str]]:
    """The templates of the family module ``module`` (pass ``__name__``), in file order; a fresh copy per call."""
    data = _load(module.rsplit(".", 1)[-1])
    if "templates" in data:
        return list(data["templates"])
    if "passages" in data:
        return [(entry["topic"], entry["text"]) for entry in data["passages"]]
    return {topic: list(templates) for topic, templates in data["topics"].items()}
