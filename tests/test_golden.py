"""Golden snapshots: the first problems of each family version never change silently.

A family that changes its problem distribution, prompt text or accepted answers must
bump its version (DESIGN.md), which gives it a new snapshot file. To write the
snapshot of a new family version: ``python tests/test_golden.py --update``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

import textbook_gym

GOLDEN = Path(__file__).with_name("golden")


def snapshot(name: str) -> list[dict]:
    family = textbook_gym.get_family(name)
    rows = []
    for i in range(5):
        difficulty = 1 + (2 * i) % 10
        problem = family.generate(np.random.default_rng([i]), difficulty)
        row = problem.to_dict()
        row["prompt"] = family.prompt(problem)
        rows.append(row)
    return rows


def path_for(name: str) -> Path:
    family = textbook_gym.get_family(name)
    return GOLDEN / f"{family.name}-v{family.version}.json"


@pytest.mark.parametrize("name", textbook_gym.list_families())
def test_first_five_problems_match_snapshot(name):
    path = path_for(name)
    assert path.exists(), f"no golden snapshot for {name}; write it with: python tests/test_golden.py --update"
    expected = json.loads(path.read_text())
    assert json.loads(json.dumps(snapshot(name), ensure_ascii=False)) == expected


if __name__ == "__main__":
    if "--update" in sys.argv:
        GOLDEN.mkdir(exist_ok=True)
        for name in textbook_gym.list_families():
            path = path_for(name)
            if not path.exists() or "--force" in sys.argv:
                path.write_text(json.dumps(snapshot(name), indent=1, ensure_ascii=False, sort_keys=True) + "\n")
                print("wrote", path)
