"""The kit's one-passage-per-template exposition (envs/_kit/template_rounds.py) and sign tidying."""

import numpy as np

from textbook_gym.envs._kit.passages import distinct_passages
from textbook_gym.envs._kit.polynomials import tidy_signs
from textbook_gym.envs._kit.template_rounds import template_exposition, template_round
from textbook_gym.registry import get_family

TEMPLATES = ["x + {a} is {b}.", "{a} times {b} is {product}."]


def _values(rng):
    a, b = (int(v) for v in rng.integers(-9, 10, size=2))
    return {"a": a, "b": b, "product": a * b}


def test_one_passage_per_template_in_order_with_fresh_values():
    rng = np.random.default_rng(3)
    expected = []
    for template in TEMPLATES:  # the same draws, by hand: values before each template
        expected.append(template.format(**_values(rng)))
    assert template_round(np.random.default_rng(3), TEMPLATES, _values) == expected


def test_tidy_is_applied_to_every_text():
    texts = template_round(np.random.default_rng(1), ["x + {a}"] * 20, _values, tidy=tidy_signs)
    assert not any("+ -" in text or "- -" in text for text in texts)
    assert any(" - " in text for text in texts)


def test_tidy_signs_resolves_double_signs():
    assert tidy_signs("2x + -3 - -4") == "2x - 3 + 4"
    assert tidy_signs("x - 3") == "x - 3"


def test_exposition_method_matches_distinct_passages_and_returns_copies():
    class Family:
        exposition = template_exposition(5, 30, TEMPLATES, _values)

    family = Family()
    passages = family.exposition()
    assert passages == list(distinct_passages(5, 30, lambda rng: template_round(rng, TEMPLATES, _values)))
    assert len(set(passages)) == len(passages) >= 30
    passages.clear()
    assert len(family.exposition()) >= 30


def test_families_teach_from_their_template_lists():
    for name in ("FunctionEvaluation", "Inequalities"):
        assert len(get_family(name).exposition()) >= 100
