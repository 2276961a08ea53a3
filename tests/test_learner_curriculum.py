"""The success-rate curriculum moves sampling toward levels whose success rate is inside the band."""

import numpy as np
import pytest

from textbook_gym.agents.curriculum import Curriculum


def test_mastered_and_hopeless_levels_fade_out():
    cur = Curriculum("1-3", band=(0.3, 0.7))
    for _ in range(10):
        cur.update(1, 1.0)  # always solved
        cur.update(2, 0.5)  # learnable
        cur.update(3, 0.0)  # never solved
    w = cur.weights()
    assert w[1] > 0.9 and w[0] < 0.05 and w[2] < 0.05
    rng = np.random.default_rng(0)
    assert sum(cur.sample(rng) == 2 for _ in range(200)) > 180


def test_state_round_trips_for_resume():
    cur = Curriculum("2-4")
    cur.update(3, 0.9)
    other = Curriculum("2-4")
    other.load_state_dict(cur.state_dict())
    assert other.success == cur.success


def test_an_empty_band_is_refused():
    with pytest.raises(ValueError, match="band"):
        Curriculum("1-3", band=(0.8, 0.2))
