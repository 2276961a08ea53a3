"""Training data of the textbook stages: which problems each stage reads."""

from __future__ import annotations

import pytest

pytest.importorskip("torch")

from textbook_gym.agents.config import DataConfig, PretrainConfig  # noqa: E402
from textbook_gym.agents.learners.data import exposition_texts, problems  # noqa: E402
from textbook_gym.agents.learners.pretrain import PRETRAIN_WORKED_STREAM, pretrain_records  # noqa: E402


def test_pretraining_mixes_worked_problems_from_a_stream_of_their_own():
    data = DataConfig(families=("Arithmetic",), difficulty="3", exposition_repeats=1)
    docs = [r["text"] for r in pretrain_records(data, PretrainConfig(mix_worked=0.5))]
    expository = exposition_texts(data.families, 1)
    worked = docs[len(expository):]
    assert docs[: len(expository)] == expository and len(worked) == len(expository)  # half of the documents
    mixed = problems(data.families, "train", 0, len(worked), "3", seed=PRETRAIN_WORKED_STREAM)
    assert all(doc.startswith(p.question) for doc, p in zip(worked, mixed))
    sft = {p.question for p in problems(data.families, "train", 0, len(worked), "3")}  # the SFT stage's stream
    assert len(sft & {p.question for p in mixed}) <= len(worked) // 20


def test_streams_of_other_seeds_are_other_problems_and_cached_apart():
    first = problems(("Arithmetic",), "train", 0, 5, "2-3")
    other = problems(("Arithmetic",), "train", 0, 5, "2-3", seed=1)
    assert [p.id for p in first] != [p.id for p in other]
    assert [p.id for p in problems(("Arithmetic",), "train", 0, 5, "2-3")] == [p.id for p in first]


def test_one_family_reads_its_split_stream_in_order():
    """For one family the stage data is the prefix of :func:`textbook_gym.splits.problems` (no second stream rule)."""
    from textbook_gym.splits import problems as split_stream

    stream = split_stream("Arithmetic", "train", 12, seed=0, difficulty="1-3")
    assert [p.id for p in problems(("Arithmetic",), "train", 0, 12, "1-3")] == [p.id for p in stream]
    assert [p.id for p in problems(("Arithmetic",), "train", 5, 7, "1-3")] == [p.id for p in stream[5:]]


def test_interleaved_families_each_see_every_level_of_a_range():
    """Several families interleaved: each reads its own stream from the start, so each visits every level in turn.

    (Reading family ``i % F`` at stream index ``i`` gave each family only the levels congruent to it: with three
    families at difficulty 1-3 every family saw a single level.)
    """
    from collections import Counter

    from textbook_gym.splits import problems as split_stream

    families = ("Arithmetic", "Counting", "GcdLcm")
    mixed = problems(families, "train", 0, 36, "1-3")
    assert [p.family for p in mixed] == [families[i % 3] for i in range(36)]
    for family in families:
        own = [p for p in mixed if p.family == family]
        assert Counter(p.difficulty for p in own) == {1: 4, 2: 4, 3: 4}
        assert [p.id for p in own] == [p.id for p in split_stream(family, "train", 12, difficulty="1-3")]


def test_rl_draws_the_families_as_sft_reads_them():
    """RL's next problems are the interleaved items after SFT's: every family visits every level of the range."""
    from collections import Counter
    from types import SimpleNamespace

    from textbook_gym.agents.learners.rl import RLLearner

    families = ("Arithmetic", "Counting", "GcdLcm")
    state = SimpleNamespace(families=families, difficulty="1-3", curriculum=None, next_problem=36, first_problem=36,
                            level_next={})
    drawn = RLLearner.draw_problems(state, 36, None)
    assert [p.id for p in drawn] == [p.id for p in problems(families, "train", 36, 36, "1-3")]
    assert Counter((p.family, p.difficulty) for p in drawn) == {(f, level): 4 for f in families for level in (1, 2, 3)}
    assert not {p.id for p in drawn} & {p.id for p in problems(families, "train", 0, 36, "1-3")}  # none of SFT's
