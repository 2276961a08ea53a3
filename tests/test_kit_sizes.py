"""The kit's space-size table (envs/_kit/sizes.py): one entry per level, exact only where named."""

import pytest

from textbook_gym.envs._kit.sizes import level_sizes
from textbook_gym.registry import get_family

COUNTS = (1020, 1016, 7900, 6900, 8000, 190_000, 420_000, 110_000, 66_000, 110_000)


def test_levels_one_to_ten_in_order():
    sizes = level_sizes(*COUNTS)
    assert list(sizes) == list(range(1, 11))
    assert [count for count, _ in sizes.values()] == list(COUNTS)
    assert not any(exact for _, exact in sizes.values())


def test_exact_levels_are_marked_exact():
    sizes = level_sizes(*COUNTS, exact_levels=(1, 2))
    assert [level for level, (_, exact) in sizes.items() if exact] == [1, 2]


@pytest.mark.parametrize("counts", [COUNTS[:9], (*COUNTS, 5)])
def test_a_missing_or_extra_level_is_refused(counts):
    with pytest.raises(ValueError, match="one count for each of the 10 levels"):
        level_sizes(*counts)


def test_a_family_reads_its_sizes_from_the_table():
    assert get_family("UnitConversion").space_size(10) == (3000, False)
