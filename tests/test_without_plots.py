"""Evaluation and training logs work without matplotlib (the core install has none).

The test hides matplotlib the way a missing package looks to ``import`` (a ``None``
entry in ``sys.modules`` makes the import raise ImportError).
"""

from __future__ import annotations

import json
import sys

import pytest

from textbook_gym import evaluate


@pytest.fixture
def no_matplotlib(monkeypatch):
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)


def test_an_evaluation_report_is_saved_without_plots(no_matplotlib, tmp_path):
    report = evaluate(lambda prompts: ["\\boxed{0}"] * len(prompts), ["textbook/Arithmetic-v1"], n=3, difficulty=1,
                      progress=False)
    with pytest.warns(UserWarning, match="matplotlib is not installed"):
        report.save(tmp_path)
    assert json.loads((tmp_path / "report.json").read_text())["summary"]
    assert (tmp_path / "report.md").read_text().strip()
    assert not list(tmp_path.glob("*.png"))


def test_training_curves_are_skipped_without_plots(no_matplotlib, tmp_path):
    from textbook_gym.agents.metrics import plot_curves

    log = tmp_path / "metrics.jsonl"
    log.write_text("".join(json.dumps({"step": step, "loss": 1.0 / (step + 1)}) + "\n" for step in range(3)))
    with pytest.warns(UserWarning, match="matplotlib is not installed"):
        assert plot_curves(log, ["loss"], tmp_path / "curves.png") is None
    assert not (tmp_path / "curves.png").exists()
