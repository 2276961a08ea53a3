"""The train/test split: disjoint by construction, honoured by every public API, distinct evaluation draws.

The central test is registry-parametrized over every family and level: problems drawn
with ``split="train"`` through each public way of drawing problems (``gym.make``, the
default env, ``TextbookEnv``, suites, vector envs, exports, split streams, the
learners' data) are never test-split problems. A control shows the check has teeth:
``split=None`` does pose test problems; and on a family whose whole problem space is
enumerable, the two splits partition it and the test stream yields exactly the test half.
"""

from __future__ import annotations

import gymnasium as gym
import numpy as np
import pytest

import textbook_gym
from textbook_gym import Family, Problem, TextbookEnv, export, splits
from textbook_gym.errors import UsageError
from textbook_gym.passk import wilson_interval
from textbook_gym.suites import get_suite
from textbook_gym.verdict import Verdict

LEVELS = range(1, 11)
CASES = [(name, level) for name in textbook_gym.list_families() for level in LEVELS]
RESETS = 24
"""Draws per API and level. With a test share of at least a tenth, an API that ignored the split
would pose a test problem at one level with probability 1 - 0.9**24 > 92%, and at one of a
family's ten levels with probability > 1 - 1e-10. (The calculus families take ~15 ms a problem.)"""


def _env_ids(env, seeds) -> list[Problem]:
    out = []
    for seed in seeds:
        _, info = env.reset(seed=int(seed))
        out.append(info["problem"])
    return out


def _drawn_with_train_split(name: str, level: int) -> dict[str, list[Problem]]:
    family = textbook_gym.get_family(name)
    seeds = range(1000 * level, 1000 * level + RESETS)
    drawn = {
        "gym.make(split='train')": _env_ids(gym.make(family.env_id, difficulty=level, split="train"), seeds),
        "gym.make() default": _env_ids(gym.make(family.env_id, difficulty=level), seeds),
        "TextbookEnv(split='train')": _env_ids(TextbookEnv(name, difficulty=level, split="train", max_attempts=2),
                                               seeds),
        "export.records(split='train')": [
            Problem.from_json(r["problem"])
            for r in export.records([name], "practice", RESETS, split="train", difficulty=level)
        ],
        "splits.iter_problems('train')": splits.problems(name, "train", RESETS, difficulty=level, seed=5),
    }
    suite_env = next(e for e in get_suite("all").make_envs(split="train") if e.family.name == name)
    drawn["Suite.make_envs(split='train')"] = [
        suite_env.reset(seed=s, options={"difficulty": level})[1]["problem"] for s in seeds
    ]
    vector = gym.vector.SyncVectorEnv(
        [lambda: gym.make(family.env_id, difficulty=level, split="train") for _ in range(3)]
    )
    try:
        vec = []
        for seed in range(level, level + RESETS // 3):
            _, infos = vector.reset(seed=seed)
            vec.extend(infos["problem"])
        drawn["SyncVectorEnv(split='train')"] = vec
    finally:
        vector.close()
    return drawn


@pytest.mark.parametrize(("name", "level"), CASES)
def test_no_public_api_draws_a_test_problem_with_split_train(name, level):
    for api, problems in _drawn_with_train_split(name, level).items():
        assert problems and all(p.difficulty == level for p in problems), api
        leaked = [p.id for p in problems if splits.split_of(p) != "train"]
        assert not leaked, f"{api} posed test problems of {name} level {level}: {leaked[:3]}"


@pytest.mark.parametrize("name", textbook_gym.list_families())
def test_control_split_none_and_test_do_pose_test_problems(name):
    family = textbook_gym.get_family(name)
    anything = gym.make(family.env_id, difficulty="1-10", split=None)
    posed = _env_ids(anything, range(100))
    assert any(splits.split_of(p) == "test" for p in posed), "split=None should pose both splits"
    held_out = gym.make(family.env_id, difficulty="1-10", split="test")
    assert all(splits.split_of(p) == "test" for p in _env_ids(held_out, range(10)))


def test_learner_data_streams_hold_train_problems_only():
    pytest.importorskip("torch")
    from textbook_gym.agents.learners import data

    for problem in data.problems(textbook_gym.list_families(), "train", 0, 120, "1-10"):
        assert splits.split_of(problem) == "train"
    with pytest.raises(ValueError, match="split"):
        data.split_problem("Arithmetic", None, 0, 1)


def test_a_train_env_refuses_to_pose_a_given_test_problem():
    test_problem = splits.problems("Arithmetic", "test", 1, difficulty=3)[0]
    with pytest.raises(UsageError, match="split='test'"):
        TextbookEnv("Arithmetic").reset(options={"problem": test_problem})
    _, info = TextbookEnv("Arithmetic", split="test").reset(options={"problem": test_problem})
    assert info["problem_id"] == test_problem.id and info["split"] == "test"
    assert TextbookEnv("Arithmetic").reset(seed=0)[1]["split"] == "train"
    _, info = TextbookEnv("Arithmetic", split=None).reset(options={"problem": test_problem})
    assert info["problem_id"] == test_problem.id


def test_split_argument_is_checked_everywhere():
    family = textbook_gym.get_family("Arithmetic")
    for make in (lambda: TextbookEnv("Arithmetic", split="validation"),
                 lambda: gym.make(family.env_id, split="dev"),
                 lambda: export.records(["Arithmetic"], "practice", 1, split="valid"),
                 lambda: next(splits.iter_problems("Arithmetic", "Train"))):
        with pytest.raises(UsageError, match="split must be 'train', 'test'"):
            make()


def test_make_env_data_sets_are_posed_whole_unless_a_split_is_asked():
    rows = [{"question": f"What is {i} + 1?", "answer": i + 1} for i in range(30)]
    env = textbook_gym.make_env(rows, lambda r, a: str(a) in r, sandbox=False)
    assert env.split is None
    posed = {env.reset(seed=s)[1]["problem_id"] for s in range(400)}
    assert len(posed) == 30
    train_only = textbook_gym.make_env(rows, lambda r, a: str(a) in r, sandbox=False, split="train")
    assert all(splits.split_of(train_only.reset(seed=s)[1]["problem"], train_only.family) == "train"
               for s in range(100))


# ---------------------------------------------------------------- test share and distinct draws
class Tiny(Family):
    """A family with ``SIZE`` problems at every level, and a known problem space."""

    name = "TinySplitProbe"
    version = 0
    SIZE = 40

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem:
        i = int(rng.integers(0, self.SIZE))
        return Problem(f"What is {i} + {difficulty}?", i + difficulty, self.name, self.version, difficulty)

    def worked_solution(self, problem: Problem) -> str:
        return f"\\boxed{{{problem.answer}}}"

    def exposition(self) -> list[str]:
        return ["Add the numbers."]

    def verify(self, problem: Problem, response: str) -> Verdict:
        return Verdict.right() if f"\\boxed{{{problem.answer}}}" in response else Verdict.wrong()

    def space_size(self, difficulty: int) -> tuple[int, bool]:
        return (self.SIZE, True)


class Unsized(Tiny):
    name = "TinyUnsizedProbe"

    def space_size(self, difficulty: int) -> None:
        return None


def _every_problem(family: Family, level: int) -> list[Problem]:
    return [Problem(f"What is {i} + {level}?", i + level, family.name, family.version, level)
            for i in range(family.SIZE)]


def test_small_problem_spaces_get_a_larger_test_share_up_to_half():
    assert splits.held_out_buckets(Unsized()) == 1  # unknown size: one bucket in ten, the default rule
    assert splits.held_out_buckets(Tiny()) == splits.MAX_TEST_BUCKETS
    big = type("Big", (Tiny,), {"space_size": lambda self, d: (10**6, False)})()
    assert splits.held_out_buckets(big) == 1
    medium = type("Medium", (Tiny,), {"space_size": lambda self, d: (300 if d == 4 else 10**6, True)})()
    assert splits.held_out_buckets(medium) == 3  # 65 expected test problems of 300 need 3 buckets of 10
    # The share is the family's, not the level's: a question posed at two levels has one split.
    problem = Problem("What is 1 + 1?", 2, "Medium", 0, 1)
    assert splits.split_of(problem, medium) == splits.split_of(
        Problem("What is 1 + 1?", 2, "Medium", 0, 9), medium)


def test_distinct_draws_use_every_test_problem_of_a_small_level_once():
    family = Tiny()
    for level in (1, 2):
        expected = {p.id for p in _every_problem(family, level) if splits.split_of(p, family) == "test"}
        draw = splits.distinct_problems(family, "test", level, 100)
        assert {p.id for p in draw.problems} == expected and len(draw.problems) == len(expected)
        assert draw.exhausted and draw.requested == 100
        train = splits.distinct_problems(family, "train", level, 100)
        assert not {p.id for p in train.problems} & expected
        assert len(train.problems) + len(expected) == family.SIZE  # the two splits partition the space
    big = splits.distinct_problems("Arithmetic", "test", 5, 30)
    assert len({p.id for p in big.problems}) == 30 and not big.exhausted


@pytest.fixture
def registered_tiny():
    from textbook_gym import registry

    family = Tiny()
    registry.register_family(family)
    yield family
    registry._FAMILIES.pop(family.name, None)
    gym.registry.pop(family.env_id, None)


def test_evaluate_counts_distinct_problems_and_says_when_a_level_ran_out(registered_tiny, capsys):
    family = registered_tiny
    held_out = [p for p in _every_problem(family, 1) if splits.split_of(p, family) == "test"]
    report = textbook_gym.evaluate(lambda prompts: ["\\boxed{0}"] * len(prompts), family.env_id, n=100,
                                   difficulty=1, name="zeros")
    row = report.results[family.env_id][1]
    assert row["n"] == len(held_out) < 100 and row["requested"] == 100 and row["exhausted"]
    assert len(set(report.meta["problem_ids"][family.env_id])) == len(report.meta["problem_ids"][family.env_id])
    assert report.meta["distinct"][family.env_id]["1"] == len(held_out)
    assert report.meta["name"] == "zeros" and report.meta["split"] == "test"
    note = f"the test split holds {len(held_out)} distinct problems"
    assert any(note in line for line in report.meta["notes"])
    assert note in capsys.readouterr().err
    # The interval is that of len(held_out) problems, not of 100 draws.
    lo, hi = row["ci95"]
    assert (lo, hi) == pytest.approx(wilson_interval(0, len(held_out)))
