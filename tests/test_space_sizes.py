"""Problem-space sizes and test-split sizes, for every family and level.

``family.space_size(level)`` says how many distinct problems a level holds (exact or a
documented estimate). The split rule puts about one problem in ten into the test split
(:func:`textbook_gym.export.split_of`), and evaluation draws distinct test problems, so
every level must hold at least :data:`MIN_TEST_PROBLEMS` distinct test problems. That is
measured here by drawing from the test stream, not taken from the stated sizes.
"""

from __future__ import annotations

import itertools
import json

import pytest

import textbook_gym
from textbook_gym import sizes
from textbook_gym.export import iter_problems
from textbook_gym.family import MAX_DIFFICULTY, MIN_DIFFICULTY
from textbook_gym.problem import generate_problem

FAMILIES = textbook_gym.list_families()
LEVELS = range(MIN_DIFFICULTY, MAX_DIFFICULTY + 1)
MIN_TEST_PROBLEMS = 50
MAX_TEST_DRAWS = 600
"""Draws from the test stream allowed to find the distinct problems: a level with 60
test problems shows 50 of them within about 110 draws; 600 leaves a wide margin."""


@pytest.mark.parametrize("name", FAMILIES)
def test_every_level_states_its_space_size(name):
    family = textbook_gym.get_family(name)
    for level in LEVELS:
        size = family.space_size(level)
        assert size is not None, f"{name} level {level}: space_size is unknown"
        count, exact = size
        assert isinstance(count, int) and count >= 1 and isinstance(exact, bool), (name, level, size)


@pytest.mark.parametrize("name", FAMILIES)
def test_stated_space_sizes_bound_what_is_drawn(name):
    """Exact sizes are upper bounds on distinct draws; estimates are not far below them."""
    family = textbook_gym.get_family(name)
    for level in LEVELS:
        count, exact = family.space_size(level)
        draws = 300
        distinct = len({generate_problem(family, (23, level, i), level).id for i in range(draws)})
        if exact:
            assert distinct <= count, f"{name} level {level}: {distinct} distinct problems but the exact size is {count}"
            if count <= draws // 10:
                assert distinct == count, f"{name} level {level}: only {distinct} of the exact {count} problems drawn"
        else:
            assert distinct <= 2 * count, f"{name} level {level}: {distinct} distinct in {draws} draws, estimate {count}"


@pytest.mark.parametrize("name", FAMILIES)
def test_every_level_has_enough_distinct_test_problems(name):
    family = textbook_gym.get_family(name)
    short = []
    for level in LEVELS:
        stream = iter_problems(family, "test", seed=0, difficulty=level)
        seen: set[str] = set()
        for problem in itertools.islice(stream, MAX_TEST_DRAWS):
            seen.add(problem.id)
            if len(seen) >= MIN_TEST_PROBLEMS:
                break
        if len(seen) < MIN_TEST_PROBLEMS:
            short.append((level, len(seen)))
    assert not short, f"{name}: (level, distinct test problems) below {MIN_TEST_PROBLEMS}: {short}"


def test_every_built_in_family_has_recorded_sizes_for_its_version():
    """The sizes file holds exactly the current env ids: a version bump cannot keep the last version's sizes."""
    current = {textbook_gym.get_family(name).env_id for name in FAMILIES}
    recorded = set(sizes.load())
    assert current - recorded == set(), "add these to textbook_gym/data/space_sizes.json"
    assert recorded - current == set(), "no family has these env ids any more"
    for name in FAMILIES:
        family = textbook_gym.get_family(name)
        assert not family.space_sizes, f"{name}: built-in sizes belong in the sizes file, not in the class"
        assert family.space_size(1) == sizes.recorded_sizes(family.env_id)[1]


@pytest.mark.parametrize(
    "entry, complaint",
    [({"counts": [1] * 9}, "one positive integer"), ({"counts": [1] * 10, "exact_levels": [11]}, "outside 1 to 10"),
     ({"counts": [1] * 10, "exact_levels": [1]}, "estimated_from_draws"), ({"counts": [0] * 10}, "one positive integer")],
)
def test_a_malformed_sizes_entry_names_itself(tmp_path, entry, complaint):
    path = tmp_path / "space_sizes.json"
    path.write_text(json.dumps({"sizes": {"textbook/Broken-v0": entry}}), encoding="utf-8")
    with pytest.raises(ValueError, match=f"textbook/Broken-v0.*{complaint}"):
        sizes.load(path)


def test_a_family_outside_the_package_states_its_sizes_in_code():
    class Outside(textbook_gym.Family):
        name = "OutsideSizes"
        space_sizes = {level: (level * 100, True) for level in LEVELS}

        def exposition(self):
            return []

    assert Outside().space_size(3) == (300, True)
    Outside.space_sizes = {}
    assert Outside().space_size(3) is None  # no recorded entry: unknown
