"""The textbook-gym command line."""

from __future__ import annotations

import subprocess
import sys

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
