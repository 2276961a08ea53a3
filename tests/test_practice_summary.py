"""benchmarks/practice.py's summary: each arm is compared with its controls problem by problem, per level group.

The arms' training is the pipeline's (tested elsewhere); what this file checks is the
bookkeeping a reader trusts: that the trained levels and the levels above them are split
by each problem's own level, that the pairs are the same problems, and that an arm left
out (``--arms``) is left out of the comparisons rather than failing or counting as zero.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def practice():
    spec = importlib.util.spec_from_file_location("practice_bench", ROOT / "benchmarks" / "practice.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


LEVELS = [1, 1, 2, 2, 4, 4, 5, 5]


def score(outcomes):
    by_level: dict[str, list[int]] = {}
    for outcome, level in zip(outcomes, LEVELS):
        by_level.setdefault(str(level), []).append(outcome)
    return {"outcomes": outcomes, "levels": LEVELS, "accuracy": sum(outcomes) / len(outcomes),
            "by_difficulty": {lv: sum(v) / len(v) for lv, v in by_level.items()},
            "by_difficulty_n": {lv: len(v) for lv, v in by_level.items()}}


def run(arms):
    return {"seed": 0, "seconds": {"sft": 10.0, "rl": 2.0, "sft_more": 2.0}, "sft_more_steps": 5,
            "scores": {name: score(outcomes) for name, outcomes in arms.items()}}


def test_arms_are_paired_with_their_controls_on_each_level_group(practice):
    result = run({"sft": [1, 1, 1, 0, 0, 0, 0, 0],
                  "rl": [1, 1, 1, 1, 0, 0, 0, 0],       # one more trained-level problem
                  "sft_more": [1, 1, 0, 0, 0, 0, 0, 0],  # one fewer
                  "rl_beyond": [1, 1, 1, 0, 1, 0, 0, 0]})  # one more problem above the trained levels
    row = practice.summarize([result], {1, 2, 3}, {4, 5})["per_seed"][0]
    assert row["rl_vs_sft_train"]["points"] == 25.0 and row["rl_vs_sft_above"]["points"] == 0.0
    assert row["rl_vs_sft_more_train"]["only_after"] == 2 and row["rl_vs_sft_more_train"]["only_before"] == 0
    assert row["rl_beyond_vs_sft_above"]["points"] == 25.0 and row["rl_beyond_vs_sft_train"]["points"] == 0.0
    assert row["sft"]["by_level"] == {"1": 1.0, "2": 0.5, "4": 0.0, "5": 0.0}


def test_an_arm_left_out_is_left_out_of_the_comparisons(practice, capsys):
    result = run({"sft": [1, 0, 1, 0, 0, 0, 0, 0], "rl": [1, 1, 1, 0, 0, 0, 0, 0], "sft_more": [1, 0, 1, 0, 0, 0, 0, 0]})
    summary = practice.summarize([result], {1, 2, 3}, {4, 5})
    row = summary["per_seed"][0]
    assert not any(key.startswith("rl_beyond") for key in row)
    assert row["rl_vs_sft_more_train"]["points"] == 25.0
    practice.print_summary(summary)
    assert "rl_beyond" not in capsys.readouterr().out


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "benchmarks" / "configs").glob("practice_*.yaml")))
def test_each_measured_family_config_applies_on_top_of_the_preset(practice, name):
    """The configs the results cite load, validate, and change family, levels and budget consistently."""
    pytest.importorskip("yaml")
    from textbook_gym.agents.config import validate

    args = practice.argparse.Namespace(preset="demo", config=ROOT / "benchmarks" / "configs" / name, seeds=[0],
                                       eval_difficulty=None, eval_problems=None, max_tokens=None, rl_steps=None)
    cfg = validate(practice.seed_config(args, seed=7))
    assert cfg.data.families != ("Arithmetic",)
    assert cfg.seed == cfg.model.seed == 7
    # practice on the worked levels and test on them: the comparison is RL against continued SFT
    assert cfg.rl.difficulty == cfg.data.difficulty == cfg.eval.difficulty
    # room for the longest worked answer in both the practice and the test answers
    from textbook_gym.agents.learners.data import worked_pairs

    longest = max(len(pair["completion"]) for pair in worked_pairs(cfg.data.families, 200, cfg.data.difficulty,
                                                                   chat=False))
    assert min(cfg.rl.max_tokens, cfg.eval.max_tokens) > longest
