"""The run configuration is checked whole, up front: in ``validate``, in ``--dump-config`` and before any stage."""

from __future__ import annotations

import dataclasses

import pytest

pytest.importorskip("torch", reason="the pipeline needs the [train] extra: pip install 'textbook-gym[train]'")

from textbook_gym.agents import config as C
from textbook_gym.agents.pipeline import run_pipeline
from textbook_gym.cli import main
from textbook_gym.errors import UnknownNameError, UsageError


@pytest.mark.parametrize("name", sorted(C.PRESETS))
def test_every_preset_is_valid(name):
    assert C.validate(C.preset(name)) == C.preset(name)


def bad(**sections) -> C.RunConfig:
    """The default run with some fields of some sections replaced (no checks: frozen dataclasses take anything)."""
    cfg = C.RunConfig()
    changes = {}
    for section, values in sections.items():
        if isinstance(values, dict):
            changes[section] = dataclasses.replace(getattr(cfg, section), **values)
        else:
            changes[section] = values
    return dataclasses.replace(cfg, **changes)


@pytest.mark.parametrize(
    ("cfg", "message"),
    [
        (bad(rl={"algorithm": "dpo"}), "rl.algorithm must be one of grpo, ppo, got 'dpo'"),
        (bad(rl={"steps": -3}), "rl.steps must be at least 1, got -3"),
        (bad(rl={"steps": 0}), "rl.steps must be at least 1, got 0"),
        (bad(rl={"lr_schedule": "wsd"}), "rl.lr_schedule must be one of constant, linear, cosine"),
        (bad(sft={"lr_schedule": "cosne"}), "sft.lr_schedule must be one of cosine, linear, constant, wsd, got 'cosne' "
                                            "(did you mean 'cosine'?)"),
        (bad(pretrain={"decay_ratio": 0.0}), "pretrain.decay_ratio must lie in (0, 1]"),
        (bad(pretrain={"lr": float("nan")}), "pretrain.lr must lie in (0, inf]"),
        (bad(sft={"warmup_ratio": 1.5}), "sft.warmup_ratio must lie in [0, 1]"),
        (bad(data={"families": ("Arithmetc",)}), "data.families: unknown family 'Arithmetc'; did you mean 'Arithmetic'"),
        (bad(data={"families": ()}), "data.families is empty"),
        (bad(data={"difficulty": "0-3"}), "data.difficulty must be a level N or a range LO-HI within 1-10"),
        (bad(data={"difficulty": ""}), "data.difficulty is empty"),
        (bad(eval={"difficulty": "4-2"}), "eval.difficulty must be a level N or a range"),
        (bad(eval={"problems": 0}), "eval.problems must be at least 1"),
        (bad(rl={"group_size": 1}), "rl.group_size must be at least 2"),
        (bad(rl={"feedback": "loud"}), "rl.feedback must be one of none, verdict, hint"),
        (bad(rl={"negative_credit": "token"}), "rl.negative_credit must be one of sequence, divergence"),
        (bad(rl={"loss_norm": "mean"}), "rl.loss_norm must be one of token, sequence, fixed"),
        (bad(rl={"backend": "openai"}), "rl.backend must be one of hf, vllm"),
        (bad(rl={"top_p": 0.0}), "rl.top_p must lie in (0, 1]"),
        (bad(rl={"curriculum_band": (0.9, 0.1)}), "rl.curriculum_band must be two rates"),
        (bad(model={"dtype": "fp16"}), "model.dtype must be one of auto, float32, bfloat16"),
        (bad(model={"size": "huge"}), "model.size must be one of tiny, small"),
        (bad(model={"path": "runs/nowhere/final"}), "model.path runs/nowhere/final: no such directory"),
        (bad(seed=-1), "seed must be at least 0"),
        (bad(checkpoint_every=0), "checkpoint_every must be at least 1"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_validate_names_the_field_the_rule_and_the_value(cfg, message):
    with pytest.raises(UsageError) as caught:
        C.validate(cfg)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_validate_reports_every_problem_at_once():
    with pytest.raises(UsageError, match="has 3 problems") as caught:
        C.validate(bad(rl={"algorithm": "dpo", "steps": -3}, data={"families": ("Nope",)}))
    for field in ("rl.algorithm", "rl.steps", "data.families"):
        assert field in str(caught.value)


def test_ppo_may_sample_one_answer_per_problem():
    C.validate(bad(rl={"algorithm": "ppo", "group_size": 1}))


def test_a_model_path_must_be_a_saved_model(tiny_model_dir, tmp_path):
    C.validate(bad(model={"path": str(tiny_model_dir)}))
    (tmp_path / "empty").mkdir()
    with pytest.raises(UsageError, match="holds no config.json"):
        C.validate(bad(model={"path": str(tmp_path / "empty")}))
    (tmp_path / "file").write_text("x")
    with pytest.raises(UsageError, match="is a file"):
        C.validate(bad(model={"path": str(tmp_path / "file")}))


@pytest.mark.parametrize(
    "cfg",
    [bad(rl={"algorithm": "dpo"}), bad(rl={"steps": -3}), bad(data={"families": ("Nope",)})],
    ids=["algorithm", "steps", "family"],
)
def test_a_bad_run_fails_before_any_stage_writes_anything(tmp_path, cfg):
    out = tmp_path / "run"
    with pytest.raises(UsageError):
        run_pipeline(cfg, out)
    assert not out.exists() and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--rl.algorithm", "dpo"], "rl.algorithm must be one of grpo, ppo"),
        (["--rl.steps", "-3"], "rl.steps must be at least 1"),
        (["--data.families", "Nope"], "unknown family 'Nope'"),
        (["--rl.curriculum-band", "0.5"], "rl.curriculum_band expects 2 values"),
        (["--rl.curriculum", "maybe"], "rl.curriculum expects true or false"),
    ],
)
def test_dump_config_rejects_what_a_run_would_reject(flags, message, capsys):
    assert main(["train", *flags, "--dump-config"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and message in captured.err and len(captured.err.splitlines()) == 1


def test_dump_config_prints_a_valid_configuration_that_loads_back(tmp_path, capsys):
    assert main(["train", "--preset", "smoke", "--rl.algorithm", "ppo", "--dump-config"]) == 0
    path = tmp_path / "dumped.yaml"
    path.write_text(capsys.readouterr().out)
    loaded = C.validate(C.load_yaml(path))
    assert loaded.rl.algorithm == "ppo" and loaded == C.merge(C.preset("smoke"), {"rl": {"algorithm": "ppo"}})


def test_merge_errors_are_usage_errors_that_old_callers_still_catch():
    with pytest.raises(KeyError, match=r"rl has no field 'grup_size' \(did you mean 'group_size'\?\)"):
        C.merge(C.RunConfig(), {"rl": {"grup_size": 3}})
    with pytest.raises(UnknownNameError):
        C.merge(C.RunConfig(), {"nope": 1})
    with pytest.raises(UsageError, match="rl is a section"):
        C.merge(C.RunConfig(), {"rl": 3})
    with pytest.raises(UsageError, match="rl.steps expects a whole number, got 2.5"):
        C.merge(C.RunConfig(), {"rl": {"steps": 2.5}})
    with pytest.raises(UsageError, match="rl.lr expects a number, got True"):
        C.merge(C.RunConfig(), {"rl": {"lr": True}})
    with pytest.raises(UsageError, match="data.difficulty expects text"):
        C.merge(C.RunConfig(), {"data": {"difficulty": {"lo": 1}}})
    with pytest.raises(KeyError, match="unknown preset 'huge'"):
        C.preset("huge")


def test_bad_yaml_files_are_usage_errors(tmp_path):
    with pytest.raises(UsageError, match="does not exist"):
        C.load_yaml(tmp_path / "missing.yaml")
    (tmp_path / "bad.yaml").write_text("rl:\n  lr: [1, 2\n")
    with pytest.raises(UsageError, match="is not valid YAML at line 3"):
        C.load_yaml(tmp_path / "bad.yaml")
    (tmp_path / "scalar.yaml").write_text("42\n")
    with pytest.raises(UsageError, match="expected a mapping of sections"):
        C.load_yaml(tmp_path / "scalar.yaml")


def test_save_yaml_replaces_the_file_whole_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("old: true\n")
    C.save_yaml(C.preset("smoke"), path)
    assert C.load_yaml(path) == C.preset("smoke")
    assert [p.name for p in tmp_path.iterdir()] == ["config.yaml"]
