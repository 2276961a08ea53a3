"""The run report's reading of each stage: paired gains, per-level intervals and a plain paragraph."""

from __future__ import annotations

import pytest

from textbook_gym.agents import run_report


def _row(stage, title, outcomes, levels):
    by_level = {}
    for level, outcome in zip(levels, outcomes):
        by_level.setdefault(str(level), []).append(outcome)
    return {"stage": stage, "title": title, "accuracy": sum(outcomes) / len(outcomes),
            "by_difficulty": {lv: sum(v) / len(v) for lv, v in by_level.items()},
            "by_difficulty_n": {lv: len(v) for lv, v in by_level.items()}}


LEVELS = [1] * 100 + [2] * 100
EVALS = {
    "initial": {"outcomes": [0] * 200},
    "sft": {"outcomes": [1] * 80 + [0] * 20 + [1] * 10 + [0] * 90},
    "rl": {"outcomes": [1] * 80 + [0] * 20 + [1] * 11 + [0] * 89},
}
ROWS = [_row("initial", "random init", EVALS["initial"]["outcomes"], LEVELS),
        _row("sft", "after SFT", EVALS["sft"]["outcomes"], LEVELS),
        _row("rl", "after RL", EVALS["rl"]["outcomes"], LEVELS)]


def test_each_stage_is_compared_with_the_one_before_on_the_same_problems():
    gains = run_report.stage_gains(EVALS, ["initial", "sft", "rl"])
    assert gains["sft"]["over"] == "initial" and gains["sft"]["points"] == 45.0
    assert gains["rl"]["only_after"] == 1 and gains["rl"]["only_before"] == 0
    low, high = gains["sft"]["ci95_points"]
    assert 0 < low < 45 < high


def test_the_reading_says_when_a_difference_is_not_resolved():
    gains = run_report.stage_gains(EVALS, ["initial", "sft", "rl"])
    text = run_report.reading(ROWS, gains)
    assert "After SFT on worked solutions it solves 45.0%" in text
    assert "a gain" in text.split("After RL")[0]
    assert "no difference the test set can resolve" in text.split("After RL")[1]
    assert "level 1 is at 80.0% and level 2 at 10.0%" in text


def test_levels_carry_their_counts_and_intervals(tmp_path):
    table = run_report.level_table(ROWS)
    assert "level 1 (n=100)" in table and "80.0% (71.1–86.7)" in table
    pytest.importorskip("matplotlib", reason="the plot needs matplotlib (the [train] extra)")
    path = run_report.plot_stages(ROWS, tmp_path / "stages.png")
    assert path is not None and path.read_bytes()[:4] == b"\x89PNG"


# a run trained on level 1 and evaluated on levels 1-2: level 2 is "above" the worked problems
EVALS_WITH_LEVELS = {stage: {**ev, "levels": LEVELS} for stage, ev in EVALS.items()}


def test_trained_levels_and_the_levels_above_are_scored_apart():
    groups = run_report.level_groups(EVALS_WITH_LEVELS["sft"], (1, 1))
    assert groups["trained"]["levels"] == "1" and groups["trained"]["n"] == 100
    assert groups["trained"]["accuracy"] == 0.8 and groups["above"]["accuracy"] == 0.1
    low, high = groups["above"]["ci95"]
    assert low < 0.1 < high
    # evaluated on the trained levels only: no "above" group, and no extra table
    assert set(run_report.level_groups(EVALS_WITH_LEVELS["sft"], (1, 2))) == {"trained"}


def test_stage_gains_are_paired_within_each_group():
    gains = run_report.group_gains(EVALS_WITH_LEVELS, ["initial", "sft", "rl"], (1, 1))
    assert gains["sft"]["trained"]["points"] == 80.0 and gains["sft"]["above"]["points"] == 10.0
    assert gains["rl"]["trained"]["points"] == 0.0 and gains["rl"]["trained"]["only_after"] == 0
    assert gains["rl"]["above"]["only_after"] == 1 and gains["rl"]["above"]["over"] == "sft"
    # without per-problem levels (an old run's evaluation) there is nothing to split
    assert run_report.group_gains(EVALS, ["initial", "sft", "rl"], (1, 1)) == {}


def test_the_group_table_appears_only_when_levels_above_were_evaluated():
    rows = [{**row, "groups": run_report.level_groups(EVALS_WITH_LEVELS[row["stage"]], (1, 1))} for row in ROWS]
    table = run_report.group_table(rows)
    assert "levels 1 (trained, n=100)" in table and "levels 2 (above, n=100)" in table
    assert "| after SFT | 80.0% (71.1–86.7) | 10.0% (5.5–17.4) |" in table
    trained_only = [{**row, "groups": run_report.level_groups(EVALS_WITH_LEVELS[row["stage"]], (1, 2))}
                    for row in ROWS]
    assert run_report.group_table(trained_only) == ""
