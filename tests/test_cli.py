"""The textbook-gym command line."""

from __future__ import annotations

import subprocess
import sys

import pytest

import textbook_gym
from textbook_gym.cli import main


def test_list_shows_families_and_suites(capsys):
    assert main(["list"]) == 0
    assert textbook_gym.get_family("Arithmetic").env_id in capsys.readouterr().out
    assert main(["list", "--suites"]) == 0
    out = capsys.readouterr().out
    assert "core" in out and "algebra" in out


def test_show_prints_problems_solutions_and_exposition(capsys):
    assert main(["show", "Arithmetic", "--difficulty", "4", "-n", "2"]) == 0
    out = capsys.readouterr().out
    assert out.count("Worked solution") == 2 and "\\boxed" in out and "exposition sample" in out


def test_demo_transcript_has_right_and_wrong_attempts(capsys):
    assert main(["demo", "--episodes", "3"]) == 0
    out = capsys.readouterr().out
    assert "CORRECT" in out and "INCORRECT" in out and "UNPARSEABLE" in out and "Hint:" in out


def test_play_reads_answers_from_stdin():
    script = "\\boxed{-1}\n" * 6
    out = subprocess.run(
        [sys.executable, "-m", "textbook_gym.cli", "play", "Arithmetic", "--episodes", "2", "--attempts", "3"],
        input=script, capture_output=True, text=True, timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("INCORRECT") == 6 and "Score: 0 / 2" in out.stdout


# --------------------------------------------------------------------------- reports and leaderboards
def _report(policy, name=None):
    from textbook_gym.evaluate import evaluate

    report = evaluate(policy, ["Arithmetic", "Counting"], n=2, difficulty="1-3", progress=False)
    if name is not None:
        report.meta["name"] = name  # what evaluate(name=...) records
    return report


def _right(prompts):
    return ["Answer: 0"] * len(prompts)


def test_leaderboard_labels_name_the_policy_and_tell_apart_unnamed_ones(tmp_path, capsys):
    named, unnamed_a, unnamed_b = _report(_right, "always-zero"), _report(_right), _report(_right)
    for directory, report in (("named", named), ("a", unnamed_a), ("b", unnamed_b)):
        report.save(tmp_path / directory)
    assert main(["compare", str(tmp_path / "named"), str(tmp_path / "a"), str(tmp_path / "b")]) == 0
    header = capsys.readouterr().out.splitlines()[0]
    assert "always-zero (callable)" in header
    assert "_right (callable) [a]" in header and "_right (callable) [b]" in header
    assert "# Evaluation: always-zero (callable)" in named.to_markdown()


def test_zero_scores_draw_a_visible_labelled_bar_and_difficulty_ticks_are_whole_levels():
    pytest.importorskip("matplotlib", reason="plots need the train extra: pip install 'textbook-gym[train]'")
    import matplotlib.pyplot as plt

    from textbook_gym.report import difficulty_figure, family_figure

    never = _report(lambda prompts: ["no answer"] * len(prompts), "never")
    assert never.summary["_suite"]["pass@1_macro"] == 0.0
    fig = family_figure([never], ["never"])
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.texts] == ["0.00", "0.00"]
    assert all(bar.get_linewidth() > 0 and bar.get_edgecolor()[3] > 0 for bar in ax.patches)
    assert ax.get_ylim()[0] < 0  # the outline of a zero bar sits above the lower edge of the plot
    plt.close(fig)
    fig = difficulty_figure([never], ["never"])
    for ax in fig.axes[:2]:
        assert list(ax.get_xticks()) == [1, 2, 3]
    plt.close(fig)
