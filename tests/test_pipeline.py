"""The textbook pipeline end to end on a tiny budget, its report, resume, and the generated CLI."""

import argparse
import dataclasses
import json

import pytest

pytest.importorskip("torch", reason="the pipeline needs the [train] extra: pip install 'textbook-gym[train]'")

from textbook_gym.agents import config as C
from textbook_gym.agents.pipeline import run_pipeline
from textbook_gym.agents.train_cli import add_train_arguments, config_from_args
from textbook_gym.cli import main as cli_main
from textbook_gym.errors import UsageError


def tiny_run() -> C.RunConfig:
    return C.RunConfig(
        data=C.DataConfig(difficulty="1", train_problems=32),
        pretrain=C.PretrainConfig(steps=2, batch_size=2, max_length=64),
        sft=C.SFTStageConfig(steps=2, batch_size=4),
        rl=C.RLConfig(steps=2, problems_per_step=2, group_size=2, max_tokens=12, dynamic_sampling=False),
        eval=C.HeldOutConfig(problems=6, max_tokens=12),
        checkpoint_every=1,
        progress=False,
    )


@pytest.fixture(scope="module")
def finished_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    return out, run_pipeline(tiny_run(), out)


def test_pipeline_evaluates_every_stage_on_the_held_out_set(finished_run):
    _, report = finished_run
    assert [r["stage"] for r in report["rows"]] == ["initial", "pretrain", "sft", "rl"]
    for row in report["rows"]:
        assert row["n"] == 6 and sum(row["statuses"].values()) == 6
        assert 0.0 <= row["ci95"][0] <= row["accuracy"] <= row["ci95"][1] <= 1.0
    assert "rl_over_sft_points" in report["gains"]


def test_pipeline_writes_report_metrics_curves_and_final_models(finished_run):
    out, _ = finished_run
    assert "| after RL |" in (out / "report.md").read_text()
    assert json.loads((out / "report.json").read_text())["eval"]["decoding"] == "greedy"
    for stage in ("pretrain", "sft", "rl"):
        assert (out / stage / "final" / "config.json").exists()
        assert (out / stage / "metrics.jsonl").read_text().strip()
    rl_log = [json.loads(line) for line in (out / "rl" / "metrics.jsonl").read_text().splitlines()]
    assert {"reward", "accuracy", "statuses", "entropy", "clip_fraction", "gen_tokens_per_s", "step_time"} <= set(
        rl_log[-1]
    )
    assert (out / "rl" / "curves.png").stat().st_size > 0


def test_resume_skips_finished_stages(finished_run):
    out, report = finished_run
    before = json.loads((out / "pipeline.json").read_text())["stages"]
    again = run_pipeline(tiny_run(), out, resume=True)
    assert json.loads((out / "pipeline.json").read_text())["stages"] == before
    assert [r["accuracy"] for r in again["rows"]] == [r["accuracy"] for r in report["rows"]]


def test_without_stage_evaluations_the_final_model_is_still_scored(tmp_path):
    cfg = dataclasses.replace(
        tiny_run(),
        pretrain=C.PretrainConfig(enabled=False),
        rl=C.RLConfig(enabled=False),
        evaluate_stages=False,
    )
    report = run_pipeline(cfg, tmp_path)
    assert [r["stage"] for r in report["rows"]] == ["sft"] and report["rows"][0]["n"] == 6
    assert "| after SFT |" in (tmp_path / "report.md").read_text()


def test_skipped_stages_are_not_scored_but_the_final_model_is(tmp_path):
    cfg = dataclasses.replace(
        tiny_run(),
        pretrain=C.PretrainConfig(enabled=False),
        rl=C.RLConfig(enabled=False),
        eval=dataclasses.replace(tiny_run().eval, skip_stages=("initial", "sft")),
    )
    report = run_pipeline(cfg, tmp_path)
    assert [r["stage"] for r in report["rows"]] == ["sft"]  # the final model, skipped or not
    assert set(json.loads((tmp_path / "pipeline.json").read_text())["evals"]) == {"sft"}
    with pytest.raises(UsageError, match="eval.skip_stages names initial, pretrain, sft or rl, got 'sfft'"):
        C.validate(C.merge(tiny_run(), {"eval": {"skip_stages": ["sfft"]}}))


def test_resume_with_a_different_configuration_is_refused(finished_run):
    out, _ = finished_run
    before = snapshot(out)
    changed = C.merge(tiny_run(), {"rl": {"lr": 1.0}})
    with pytest.raises(UsageError, match=r"cannot resume .* rl.lr \(2e-05 -> 1.0: stage rl has finished\)"):
        run_pipeline(changed, out, resume=True)
    with pytest.raises(UsageError, match="eval.problems .*the recorded evaluations and stages used it"):
        run_pipeline(C.merge(tiny_run(), {"eval": {"problems": 7}}), out, resume=True)
    assert snapshot(out) == before


def test_a_run_directory_is_never_overwritten_without_being_asked(finished_run):
    out, _ = finished_run
    before = snapshot(out)
    with pytest.raises(UsageError, match="already holds a run; pass --resume to continue it, --overwrite"):
        run_pipeline(tiny_run(), out)
    with pytest.raises(UsageError, match="pass only one"):
        run_pipeline(tiny_run(), out, resume=True, overwrite=True)
    assert snapshot(out) == before


def test_the_cli_refuses_to_overwrite_a_run_in_one_line(finished_run, capsys):
    out, _ = finished_run
    before = snapshot(out)
    assert cli_main(["train", "--preset", "smoke", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("textbook-gym: error: ") and "already holds a run" in err and len(err.splitlines()) == 1
    assert snapshot(out) == before


def test_overwrite_replaces_only_the_runs_own_files(tmp_path):
    cfg = dataclasses.replace(
        tiny_run(), pretrain=C.PretrainConfig(enabled=False), rl=C.RLConfig(enabled=False), evaluate_stages=False
    )
    run_pipeline(cfg, tmp_path)
    (tmp_path / "notes.txt").write_text("the user's own file\n")
    (tmp_path / "sft" / "final" / "config.json").write_text("{}")  # damage the old run: it must be rebuilt
    report = run_pipeline(cfg, tmp_path, overwrite=True)
    assert (tmp_path / "notes.txt").read_text() == "the user's own file\n"
    assert json.loads((tmp_path / "sft" / "final" / "config.json").read_text())  # a real model config again
    assert report["rows"][0]["stage"] == "sft"


def test_a_run_stopped_before_rl_resumes_with_changed_rl_settings(tmp_path):
    """The issue's case: pretraining and SFT done, RL never started; fixing RL's settings must not cost them."""
    stopped = dataclasses.replace(tiny_run(), rl=dataclasses.replace(tiny_run().rl, enabled=False))
    run_pipeline(stopped, tmp_path)
    done = json.loads((tmp_path / "pipeline.json").read_text())
    assert set(done["stages"]) == {"pretrain", "sft"}
    sft_model = (tmp_path / "sft" / "final" / "model.safetensors").read_bytes()

    corrected = C.merge(tiny_run(), {"rl": {"lr": 1e-4, "steps": 1}})
    with pytest.raises(UsageError, match="already holds a run"):
        run_pipeline(corrected, tmp_path)  # without --resume: refused, nothing touched
    report = run_pipeline(corrected, tmp_path, resume=True)

    state = json.loads((tmp_path / "pipeline.json").read_text())
    assert state["stages"]["pretrain"] == done["stages"]["pretrain"] and state["stages"]["sft"] == done["stages"]["sft"]
    assert state["evals"]["sft"] == done["evals"]["sft"]
    assert state["stages"]["rl"]["steps"] == 1
    assert state["config_changes"] == [{"rl.enabled": [False, True], "rl.lr": [2e-5, 1e-4], "rl.steps": [2, 1]}]
    assert (tmp_path / "sft" / "final" / "model.safetensors").read_bytes() == sft_model
    assert [r["stage"] for r in report["rows"]] == ["initial", "pretrain", "sft", "rl"]
    assert C.load_yaml(tmp_path / "config.yaml") == corrected

    with pytest.raises(UsageError, match=r"sft.lr .*stage sft has finished"):
        run_pipeline(C.merge(corrected, {"sft": {"lr": 0.5}}), tmp_path, resume=True)


def test_resume_needs_a_run_to_resume(tmp_path):
    with pytest.raises(UsageError, match="nothing to resume"):
        run_pipeline(tiny_run(), tmp_path / "new", resume=True)
    assert not (tmp_path / "new").exists()


def snapshot(root):
    return {str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns) if p.is_file() else "dir"
            for p in sorted(root.rglob("*"))}


def parse(argv):
    parser = argparse.ArgumentParser()
    add_train_arguments(parser)
    return config_from_args(parser.parse_args(argv))


def test_flags_are_generated_from_the_dataclasses_with_docstrings():
    parser = argparse.ArgumentParser()
    add_train_arguments(parser)
    help_text = parser.format_help()
    assert "--rl.group-size" in help_text and "Episodes sampled per problem" in help_text
    cfg = parse(
        ["--preset", "demo", "--rl.group-size", "4", "--rl.curriculum", "true", "--data.families", "Arithmetic"]
    )
    assert cfg.rl.group_size == 4 and cfg.rl.curriculum is True and cfg.data.families == ("Arithmetic",)
    assert cfg.sft.steps == C.preset("demo").sft.steps


def test_yaml_overrides_the_preset_and_flags_override_yaml(tmp_path):
    path = tmp_path / "run.yaml"
    path.write_text("preset: demo\nrl:\n  lr: 1.0e-4\n  steps: 7\n")
    cfg = parse(["--config", str(path), "--rl.steps", "9"])
    assert cfg.rl.lr == 1e-4 and cfg.rl.steps == 9 and cfg.sft == C.preset("demo").sft
    assert C.load_yaml(path) == C.merge(C.preset("demo"), {"rl": {"lr": 1e-4, "steps": 7}})


def test_bad_configuration_errors_name_the_field_and_the_fix(tmp_path):
    with pytest.raises(KeyError, match="rl has no field 'group'"):
        C.merge(C.RunConfig(), {"rl": {"group": 3}})
    with pytest.raises(ValueError, match="rl.steps expects a whole number"):
        C.merge(C.RunConfig(), {"rl": {"steps": "many"}})
    with pytest.raises(KeyError, match="unknown preset"):
        C.preset("huge")
    with pytest.raises(UsageError, match="rl.algorithm must be one of grpo, ppo"):
        C.validate(parse(["--rl.algorithm", "dpo"]))


def test_every_config_field_has_a_docstring():
    for section in (
        C.RunConfig,
        C.ModelConfig,
        C.DataConfig,
        C.PretrainConfig,
        C.SFTStageConfig,
        C.RLConfig,
        C.HeldOutConfig,
    ):
        docs = C.field_docs(section)
        missing = [f.name for f in C.fields(section) if not docs.get(f.name)]
        assert not missing, f"{section.__name__}: {missing}"


def test_sft_schedule_names_map_to_transformers_schedulers():
    from textbook_gym.agents.learners.trl_stage import _scheduler_kwargs, _scheduler_name

    assert _scheduler_name("constant") == "constant_with_warmup"
    assert _scheduler_name("cosine") == "cosine"
    assert _scheduler_name("wsd") == "warmup_stable_decay"
    assert _scheduler_kwargs("wsd", 500, 0.3) == {"num_decay_steps": 150, "decay_type": "linear"}
    assert _scheduler_kwargs("cosine", 500, 0.3) == {}
    with pytest.raises(ValueError, match="lr_schedule must be one of"):
        _scheduler_name("exponential")


def test_report_gives_rls_gain_with_a_paired_interval_over_the_same_problems(finished_run):
    out, report = finished_run
    gains = report["gains"]
    low, high = gains["rl_over_sft_ci95_points"]
    assert low <= gains["rl_over_sft_points"] <= high
    assert gains["only_rl_solves"] - gains["only_sft_solves"] == round(gains["rl_over_sft_points"] * 6 / 100)
    assert "paired 95% CI" in (out / "report.md").read_text()
