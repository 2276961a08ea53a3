"""Exposition prose kept as text (envs/texts/*.toml): every file belongs to a family, every template is used."""

from __future__ import annotations

import importlib
import re
import string
from pathlib import Path

import pytest

import textbook_gym
from textbook_gym.envs._kit import texts
from textbook_gym.envs._kit.texts import exposition_texts

TEXTS = Path(textbook_gym.envs.__file__).with_name("texts")
STEMS = sorted(path.stem for path in TEXTS.glob("*.toml") if not path.stem.startswith("_"))


def template_pattern(template: str) -> re.Pattern:
    """The template's literal text with every ``{field}`` free: what a rendered passage must match."""
    parts = []
    for literal, field, _, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if field is not None:
            parts.append(r"[\s\S]*?")
    return re.compile("".join(parts))


def flat(templates) -> list[str]:
    if isinstance(templates, dict):
        return [text for texts_ in templates.values() for text in texts_]
    return [entry[1] if isinstance(entry, tuple) else entry for entry in templates]


def family_of(stem: str):
    module = importlib.import_module(f"textbook_gym.envs.{stem}")
    (cls,) = [value for value in vars(module).values()
              if isinstance(value, type) and value.__module__ == module.__name__ and hasattr(value, "draw")]
    return module, cls()


def test_every_family_keeps_its_prose_in_a_texts_file():
    families = {type(textbook_gym.get_family(name)).__module__.rsplit(".", 1)[-1] for name in textbook_gym.list_families()}
    assert families == set(STEMS)


@pytest.mark.parametrize("stem", STEMS)
def test_every_template_appears_in_the_exposition(stem):
    module, family = family_of(stem)
    passages = "\n\n".join(family.exposition())
    unused = [text[:70] for text in flat(exposition_texts(module.__name__)) if not template_pattern(text).search(passages)]
    assert not unused, f"templates in envs/texts/{stem}.toml that no passage uses: {unused}"


def test_a_missing_texts_file_names_the_file_to_write():
    with pytest.raises(FileNotFoundError, match=r"write envs/texts/no_such_family\.toml"):
        exposition_texts("textbook_gym.envs.no_such_family")


def test_a_texts_file_holds_exactly_one_shape():
    with pytest.raises(ValueError, match="exactly one of the keys templates, passages, topics"):
        texts.parse_texts("templates = ['a']\n[topics]\nx = ['b']\n", "two_shapes")


def test_literal_strings_keep_latex_backslashes():
    parsed = texts.parse_texts("templates = ['''\\frac{{1}}{{2}} of {n}''']", "latex")
    assert parsed == {"templates": ["\\frac{{1}}{{2}} of {n}"]}
    assert parsed["templates"][0].format(n=4) == "\\frac{1}{2} of 4"
