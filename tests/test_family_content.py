"""Content digests: every family's problems, worked solutions, hints and passages, byte for byte.

The golden snapshots (test_golden.py) pin the first five prompts of each family
version; these digests pin everything a family writes for 10 levels x 12 seeds —
problem records, prompts, worked solutions, hint steps, canonical answers — and its
whole exposition. A refactor of a family (for example onto ``envs/_kit``) must keep
every digest; a family that changes its content on purpose bumps its version and
records the new digest with ``python tests/test_family_content.py --update``.
The digests are computed in a fresh interpreter with another hash seed, so they
also prove that the content does not depend on the process.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import textbook_gym

DIGESTS = Path(__file__).with_name("golden") / "content_digests.json"
SEEDS = 12


def _sha(rows) -> str:
    blob = json.dumps(rows, ensure_ascii=False, sort_keys=True, default=repr).encode()
    return hashlib.sha256(blob).hexdigest()


def family_digests(name: str) -> dict[str, str]:
    """The digests of one family: ``problems`` (records, prompts, answers, solutions, hints) and ``exposition``."""
    family = textbook_gym.get_family(name)
    rows = []
    for level in range(1, 11):
        for seed in range(SEEDS):
            problem = family.generate(np.random.default_rng([seed, level]), level)
            rows.append([problem.to_dict(), family.prompt(problem), family.answer_text(problem),
                         family.worked_solution(problem), family.solution_steps(problem)])
    return {"problems": _sha(rows), "exposition": _sha(family.exposition())}


def all_digests() -> dict[str, dict[str, str]]:
    out = {}
    for name in textbook_gym.list_families():
        family = textbook_gym.get_family(name)
        out[f"{family.name}-v{family.version}"] = family_digests(name)
    return out


@pytest.fixture(scope="module")
def fresh_process_digests() -> dict[str, dict[str, str]]:
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, __file__, "--print"], capture_output=True, text=True, env=env,
                         check=True, timeout=900)
    return json.loads(out.stdout)


@pytest.mark.parametrize("name", textbook_gym.list_families())
def test_family_content_matches_recorded_digest(name, fresh_process_digests):
    family = textbook_gym.get_family(name)
    key = f"{family.name}-v{family.version}"
    recorded = json.loads(DIGESTS.read_text())
    assert key in recorded, f"no content digest for {key}; record it with: python tests/test_family_content.py --update"
    assert fresh_process_digests[key] == recorded[key], (
        f"{key} writes different problems, solutions or passages than recorded. A refactor must keep them "
        "byte-identical; a deliberate change bumps the family's version and records a new digest.")


if __name__ == "__main__":
    if "--print" in sys.argv:
        print(json.dumps(all_digests()))
    elif "--update" in sys.argv:
        recorded = json.loads(DIGESTS.read_text()) if DIGESTS.exists() else {}
        current = all_digests()
        for key, value in current.items():
            if key not in recorded or "--force" in sys.argv:
                recorded[key] = value
                print("recorded", key)
        DIGESTS.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n")
