"""Data export and the train/test split rule."""

from __future__ import annotations

import json

import pytest

import textbook_gym
from textbook_gym import export
from textbook_gym.cli import main


def test_test_split_never_appears_in_exported_training_data(tmp_path):
    out = tmp_path / "train.jsonl"
    main(["export", "Arithmetic", "--kind", "practice", "--n", "3000", "--difficulty", "1-4", "--out", str(out)])
    train_ids = {json.loads(line)["id"] for line in out.read_text().splitlines()}
    test_ids = {p.id for p in export.problems("Arithmetic", "test", 2000, difficulty="1-4")}
    assert len(train_ids) > 500 and len(test_ids) > 100
    assert not train_ids & test_ids


def test_splits_are_decided_by_content_and_streams_are_deterministic():
    a = export.problems("Arithmetic", "test", 50, seed=3)
    b = export.problems("Arithmetic", "test", 50, seed=3)
    assert [p.to_json() for p in a] == [p.to_json() for p in b]
    assert all(export.split_of(p) == "test" for p in a)
    assert [p.difficulty for p in a[:10]] == list(range(1, 11))


@pytest.mark.parametrize("name", textbook_gym.list_families())
def test_worked_records_are_prompt_completion_pairs_that_verify(name):
    family = textbook_gym.get_family(name)
    for row in export.records([name], "worked", 5, difficulty="1-10"):
        assert set(row) >= {"prompt", "completion"}
        assert row["prompt"].endswith(family.instruction)
    practice = export.records([name], "practice", 5)
    for row in practice:
        problem = textbook_gym.Problem.from_json(row["problem"])
        assert family.verify(problem, family.worked_solution(problem)).correct


def test_chat_format_and_exposition_records():
    row = export.records(["Arithmetic"], "worked", 1, chat=True)[0]
    assert row["prompt"][0]["role"] == "user" and row["completion"][0]["role"] == "assistant"
    texts = export.records(["Arithmetic"], "exposition", 50)
    assert len(texts) == 50 and all(set(r) == {"text", "family", "index"} for r in texts)


def test_dataset_format_loads_in_trl_shape(tmp_path):
    datasets = pytest.importorskip("datasets")
    main(["export", "Arithmetic", "--kind", "worked", "--n", "20", "--format", "dataset", "--out", str(tmp_path / "d")])
    ds = datasets.load_from_disk(str(tmp_path / "d"))
    assert len(ds) == 20 and {"prompt", "completion"} <= set(ds.column_names)


def test_bad_kind_and_split_raise():
    with pytest.raises(ValueError, match="kind"):
        export.records(["Arithmetic"], "quiz", 1)
    with pytest.raises(ValueError, match="split"):
        next(export.iter_problems("Arithmetic", "validation"))
