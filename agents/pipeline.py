"""The textbook pipeline: exposition -> worked problems -> practice, measured after each stage.

``run_pipeline`` takes a model (the embedded one, built from scratch, by default)
through the three stages a textbook offers and evaluates it on the same
held-out test problems before training and after every stage, so the report
shows what each kind of material adds:

==============  =====================================  ======================
stage           data                                   learner
==============  =====================================  ======================
pretrain        ``exposition()`` passages              TRL ``SFTTrainer``, full-sequence loss
sft             ``worked_solution()`` pairs            TRL ``SFTTrainer``, completion-only loss
rl              practice environments + verifier       project GRPO (or PPO)
==============  =====================================  ======================

Each stage writes its final model atomically and records itself in
``pipeline.json`` when done; ``resume=True`` skips finished stages and resumes
the unfinished one from its newest checkpoint. The run directory ends with
``report.md`` and ``report.json``. The configuration is validated and the
directory checked (:func:`plan_run_dir`: no run is overwritten unless asked,
what may change on resume) before anything is loaded or written.
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textbook_gym.agents import checkpoint as ckpt
from textbook_gym.agents import run_report
from textbook_gym.agents.config import RunConfig, save_yaml, to_dict, validate
from textbook_gym.agents.learners.device import resolve_device, use_bf16
from textbook_gym.agents.learners.evaluate import evaluate, paired_difference
from textbook_gym.env import parse_difficulty
from textbook_gym.errors import UsageError

STAGES = ("pretrain", "sft", "rl")
STAGE_TITLES = {
    "initial": "random initial model",
    "pretrain": "after pretraining",
    "sft": "after SFT",
    "rl": "after RL",
}


def eval_difficulty(cfg: RunConfig) -> str:
    return cfg.eval.difficulty or cfg.data.difficulty


def evaluate_model(model_dir: str | Path, cfg: RunConfig, device: str) -> dict[str, Any]:
    """Held-out greedy accuracy of a saved model (the hf backend; deterministic)."""
    from textbook_gym.agents.backends import make_backend

    options = {}
    if cfg.model.dtype in ("float32", "bfloat16"):  # else the backend's default: bf16 on CUDA, fp32 on the CPU
        import torch

        options["dtype"] = getattr(torch, cfg.model.dtype)
    backend = make_backend("hf", model=str(model_dir), device=device, batch_size=cfg.eval.batch_size, **options)
    try:
        return evaluate(
            backend,
            cfg.data.families,
            eval_difficulty(cfg),
            cfg.eval.problems,
            cfg.eval.max_tokens,
            cfg.eval.batch_size,
            cfg.eval.seed,
            threads=cfg.generation_threads if device == "cpu" else 0,
        )
    finally:
        backend.close()


def initial_model(cfg: RunConfig, out: Path) -> Path:
    """The starting model: ``model.path`` if given, else the embedded model built from scratch."""
    if cfg.model.path:
        return Path(cfg.model.path) if Path(cfg.model.path).exists() else cfg.model.path
    from textbook_gym.agents.models import build_tiny_model

    target = out / "initial"
    if not (target / "config.json").exists():
        ckpt.atomic_dir(target, lambda tmp: build_tiny_model(cfg.model.size, tmp, seed=cfg.model.seed))
    return target


def run_rl(model_dir, out_dir: Path, cfg: RunConfig, device: str, resume: bool = False, **kw) -> dict[str, Any]:
    """Stage 3: GRPO or PPO from ``model_dir``; saves ``out_dir/final`` atomically."""
    import torch

    from textbook_gym.agents.backends import make_backend
    from textbook_gym.agents.learners.grpo import GRPOLearner
    from textbook_gym.agents.learners.ppo import PPOLearner
    from textbook_gym.agents.models import load_model, load_tokenizer

    learners = {"grpo": GRPOLearner, "ppo": PPOLearner}
    if cfg.rl.algorithm not in learners:
        raise ValueError(f"rl.algorithm must be one of {sorted(learners)}, got {cfg.rl.algorithm!r}")
    tokenizer = load_tokenizer(model_dir)
    model = load_model(model_dir, device=device, dtype=torch.float32).train()
    if cfg.rl.backend == "hf":  # samples from the very module being trained: weight sync is free
        backend = make_backend("hf", model=model, tokenizer=tokenizer, batch_size=cfg.rl.sampling_batch_size)
    else:
        backend = make_backend(cfg.rl.backend, model=str(model_dir))
    learner = learners[cfg.rl.algorithm](
        model,
        tokenizer,
        backend,
        cfg.rl,
        cfg.data.families,
        cfg.rl.difficulty or cfg.data.difficulty,
        out_dir,
        first_problem=cfg.data.train_problems,
        seed=cfg.seed,
        device=device,
        bf16=use_bf16(device, cfg.model.dtype),
        checkpoint_every=cfg.checkpoint_every,
        progress=cfg.progress,
        generation_threads=cfg.generation_threads if device == "cpu" else 0,
    )
    t0 = time.perf_counter()
    try:
        last = learner.train(resume=resume, stop_after=kw.get("stop_after"))
    finally:
        backend.close()
    if learner.step < cfg.rl.steps:
        return {"interrupted_at": learner.step}
    final = ckpt.save_pretrained_atomic(model, tokenizer, out_dir / "final")
    return {"model": str(final), "steps": learner.step, "train_seconds": time.perf_counter() - t0, "last": last}


def run_stage(stage: str, model_dir, out: Path, cfg: RunConfig, device: str, resume: bool) -> dict[str, Any]:
    run = dict(
        seed=cfg.seed,
        device=device,
        dtype=cfg.model.dtype,
        checkpoint_every=cfg.checkpoint_every,
        resume=resume,
        progress=cfg.progress,
    )
    if stage == "pretrain":
        from textbook_gym.agents.learners.pretrain import pretrain

        return pretrain(model_dir, out / stage, cfg.data, cfg.pretrain, **run)
    if stage == "sft":
        from textbook_gym.agents.learners.sft import sft

        return sft(model_dir, out / stage, cfg.data, cfg.sft, **run)
    return run_rl(model_dir, out / stage, cfg, device, resume=resume)


def run_pipeline(cfg: RunConfig, out: str | Path, resume: bool = False, overwrite: bool = False) -> dict[str, Any]:
    """Run the enabled stages with held-out evaluation around them; returns the report dict.

    Before anything is loaded or written, the configuration is validated and the run
    directory checked against :func:`plan_run_dir`'s rules: a directory that holds a
    run is continued only with ``resume`` and replaced only with ``overwrite``.
    """
    from textbook_gym.agents.learners.trl_stage import quiet_hub_progress

    validate(cfg)
    out = Path(out)
    plan = plan_run_dir(cfg, out, resume=resume, overwrite=overwrite)
    try:
        device = resolve_device(cfg.model.device)
    except RuntimeError as exc:  # e.g. cuda asked for on a machine without one: the user's to fix
        raise UsageError(str(exc)) from None
    quiet_hub_progress()
    out.mkdir(parents=True, exist_ok=True)
    for path in plan.remove:
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    state = plan.state
    if plan.changes:
        state.setdefault("config_changes", []).append(plan.changes)
    state["config"] = to_dict(cfg)
    state.setdefault("stages", {})
    state.setdefault("evals", {})
    state.setdefault("seconds", 0.0)
    save_yaml(cfg, out / "config.yaml")
    t_start = time.perf_counter() - state["seconds"]

    def save_state() -> None:
        state["seconds"] = time.perf_counter() - t_start
        ckpt.atomic_write_text(state_file, json.dumps(state, indent=2))

    state_file = out / "pipeline.json"
    current: Any = initial_model(cfg, out)
    if cfg.evaluate_stages and "initial" not in cfg.eval.skip_stages and "initial" not in state["evals"]:
        state["evals"]["initial"] = evaluate_model(current, cfg, device)
        save_state()
    for stage in STAGES:
        if not getattr(cfg, stage).enabled:
            continue
        done = state["stages"].get(stage)
        if done is None:
            t0 = time.perf_counter()
            done = run_stage(stage, current, out, cfg, device, resume)
            done["wall_seconds"] = time.perf_counter() - t0
            state["stages"][stage] = done
            save_state()
        current = done["model"]
        if cfg.evaluate_stages and stage not in cfg.eval.skip_stages and stage not in state["evals"]:
            state["evals"][stage] = evaluate_model(current, cfg, device)
            save_state()
    final = next((s for s in reversed(STAGES) if getattr(cfg, s).enabled), "initial")
    if final not in state["evals"]:  # without stage evaluations the report still scores the final model
        state["evals"][final] = evaluate_model(current, cfg, device)
    save_state()
    report = build_report(state, cfg, device, current)
    write_report(report, out)
    return report


# --------------------------------------------------------------------------- the run directory
RUN_MARKERS = ("pipeline.json", "config.yaml")
"""A directory holding either of these holds a run (``config.yaml`` is written first)."""
RUN_ENTRIES = ("pipeline.json", "config.yaml", "report.md", "report.json", "stages.png", "initial", *STAGES)
"""What a run writes into its directory; ``overwrite`` removes exactly these and nothing else."""
DISPLAY_ONLY = ("progress",)
"""Config fields that change what a run shows, not what it computes: they may change on any resume."""


@dataclass
class RunDirPlan:
    """What :func:`run_pipeline` will do to its directory, decided before anything is written."""

    state: dict[str, Any]
    """The recorded ``pipeline.json`` to continue (empty for a new run)."""
    remove: list[Path] = field(default_factory=list)
    """Entries to delete first: the old run's (``overwrite``), or leftovers of a reconfigured stage."""
    changes: dict[str, list[Any]] = field(default_factory=dict)
    """Fields changed on resume, ``{dotted name: [old, new]}`` (recorded in ``pipeline.json``)."""


def plan_run_dir(cfg: RunConfig, out: Path, *, resume: bool, overwrite: bool) -> RunDirPlan:
    """Check ``out`` against the overwrite and resume rules; raise a UsageError or say what to do. Writes nothing.

    * A missing or empty directory starts a new run (``resume`` is refused: there is nothing to continue).
    * A non-empty directory that holds no run is refused: nothing in it is touched.
    * A directory that holds a run is refused unless ``resume`` (continue it) or
      ``overwrite`` (delete the run's own files and start again) is given.
    * On resume the configuration may differ from the recorded one only in fields
      that cannot change what has been computed: :data:`DISPLAY_ONLY` fields, and the
      section of any stage that has not started (no checkpoint, not finished) when no
      later stage has started either. Everything else (model, data, eval, seed,
      the sections of started stages) must stay as recorded. While nothing at all has
      been recorded (no evaluation, no stage started) any field may change.
    """
    if resume and overwrite:
        raise UsageError("--resume continues the run in --out and --overwrite discards it; pass only one")
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file; give a directory for the run")
    if not out.exists() or not any(out.iterdir()):
        if resume:
            raise UsageError(f"nothing to resume: {out} holds no run; drop --resume to start a new one")
        return RunDirPlan(state={})
    if not any((out / marker).exists() for marker in RUN_MARKERS):
        raise UsageError(f"--out {out} is not empty and holds no run; choose a new or empty directory "
                         "(nothing in it was touched)")
    if overwrite:
        return RunDirPlan(state={}, remove=[out / e for e in RUN_ENTRIES if (out / e).exists()])
    if not resume:
        raise UsageError(f"--out {out} already holds a run; pass --resume to continue it, --overwrite to discard "
                         "it and start again, or choose another --out")
    state = _read_state(out)
    recorded = state.get("config") or _read_config_yaml(out)
    old, new = _flat(recorded), _flat(to_dict(cfg))
    changed = {key: [old[key], new[key]] for key in new if key in old and old[key] != new[key]}
    started = [s for s in STAGES if stage_started(out, s, state)]
    anything_recorded = bool(state.get("evals") or state.get("stages") or started)
    blocked = []
    for key in changed:
        section = key.split(".")[0]
        if key in DISPLAY_ONLY or not anything_recorded:
            continue
        if section in STAGES:
            later = [s for s in STAGES[STAGES.index(section):] if s in started]
            if not later:
                continue
            why = f"stage {later[0]} has {'finished' if later[0] in state.get('stages', {}) else 'started'}"
        else:
            why = "the recorded evaluations and stages used it"
        blocked.append(f"{key} ({changed[key][0]!r} -> {changed[key][1]!r}: {why})")
    if blocked:
        free = [s for s in STAGES if not any(t in started for t in STAGES[STAGES.index(s):])]
        allowed = f"fields of {', '.join(free)}" if free else "only display fields (progress)"
        raise UsageError(
            f"cannot resume {out} with a changed {'; '.join(blocked)}; resume with the recorded values (see "
            f"{out / 'config.yaml'}; {allowed} may change), pass --overwrite to start again, or choose another --out")
    remove = []
    if not anything_recorded and any(k.startswith("model.") for k in changed) and (out / "initial").exists():
        remove.append(out / "initial")  # built from the old model settings
    for stage in STAGES:
        if any(k.startswith(stage + ".") for k in changed) and (out / stage).exists():
            remove.append(out / stage)  # metrics and staging of a stage that never reached a checkpoint
    return RunDirPlan(state=state, remove=remove, changes=changed)


def stage_started(out: Path, stage: str, state: dict[str, Any]) -> bool:
    """Finished, or has written a checkpoint (the TRL stages' ``checkpoint-N``, RL's ``step-N``)."""
    if stage in state.get("stages", {}):
        return True
    checkpoints = out / stage / "checkpoints"
    return bool(ckpt.trainer_checkpoints(checkpoints) or ckpt.list_checkpoints(checkpoints))


def _read_state(out: Path) -> dict[str, Any]:
    path = out / "pipeline.json"
    if not path.exists():
        return {}
    try:
        state = json.loads(path.read_text())
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path} is damaged ({exc}); pass --overwrite to start the run again") from None
    if not isinstance(state, dict):
        raise UsageError(f"{path} is not a run record; pass --overwrite to start the run again")
    return state


def _read_config_yaml(out: Path) -> dict[str, Any]:
    import yaml

    try:
        data = yaml.safe_load((out / "config.yaml").read_text())
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _flat(config: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in (config or {}).items():
        if isinstance(value, dict):
            out.update(_flat(value, f"{prefix}{key}."))
        else:
            out[prefix + key] = value
    return out


def build_report(state: dict[str, Any], cfg: RunConfig, device: str, final_model) -> dict[str, Any]:
    trained = parse_difficulty(cfg.data.difficulty)
    rows = []
    for key in ("initial", *STAGES):
        ev = state["evals"].get(key)
        if ev is None:
            continue
        rows.append(
            {
                "stage": key,
                "title": STAGE_TITLES[key],
                "accuracy": ev["accuracy"],
                "ci95": ev["ci95"],
                "n": ev["n"],
                "statuses": ev["statuses"],
                "by_difficulty": ev["by_difficulty"],
                # distinct problems per level, and levels whose test split ran out (#16)
                "by_difficulty_n": ev.get("by_difficulty_n"),
                "requested": ev.get("requested"),
                "exhausted": ev.get("exhausted"),
                "train_seconds": state["stages"].get(key, {}).get("wall_seconds"),
                # the trained levels and the evaluated levels above them, each with its interval
                "groups": {name: {k: v for k, v in group.items() if k != "outcomes"}
                           for name, group in run_report.level_groups(ev, trained).items()},
            }
        )
    accs = {r["stage"]: r["accuracy"] for r in rows}
    gains = {}
    if "sft" in accs and "rl" in accs:
        gains["rl_over_sft_points"] = 100 * (accs["rl"] - accs["sft"])
        before, after = state["evals"]["sft"].get("outcomes"), state["evals"]["rl"].get("outcomes")
        if before and after and len(before) == len(after):  # runs evaluated before outcomes were kept lack them
            paired = paired_difference(before, after)
            gains["rl_over_sft_ci95_points"] = paired["ci95_points"]
            gains["only_rl_solves"] = paired["only_after"]
            gains["only_sft_solves"] = paired["only_before"]
    present = [key for key in ("initial", *STAGES) if key in state["evals"]]
    return {
        "rows": rows,
        "gains": gains,
        # every stage's paired gain over the stage before it, on the same test problems
        "stage_gains": run_report.stage_gains(state["evals"], present),
        # the same, separately on the trained levels and on the levels above them
        "group_gains": run_report.group_gains(state["evals"], present, trained),
        "total_seconds": state["seconds"],
        "device": device,
        "final_model": str(final_model),
        "eval": {
            "problems": cfg.eval.problems,
            "difficulty": eval_difficulty(cfg),
            "split": "test split of textbook_gym.splits (content-hash buckets), distinct problems per level",
            "decoding": "greedy",
            "families": list(cfg.data.families),
        },
        "config": to_dict(cfg),
    }


def markdown_table(report: dict[str, Any]) -> str:
    lines = [
        "| stage | held-out accuracy | 95% CI | unparseable | timeout/error | stage time |",
        "|---|---|---|---|---|---|",
    ]
    for r in report["rows"]:
        s = r["statuses"]
        t = r["train_seconds"]
        lines.append(
            f"| {r['title']} | {100 * r['accuracy']:.1f}% | {100 * r['ci95'][0]:.1f}–{100 * r['ci95'][1]:.1f}% "
            f"| {s['UNPARSEABLE']} | {s['TIMEOUT'] + s['ERROR']} | {'' if t is None else f'{t / 60:.1f} min'} |"
        )
    return "\n".join(lines)


def gain_text(gains: dict[str, Any]) -> str:
    """``+5.6 points (paired 95% CI +3.5 to +7.7; 80 problems only RL solves, 24 only SFT)``."""
    text = f"{gains['rl_over_sft_points']:+.1f} points"
    if "rl_over_sft_ci95_points" in gains:
        low, high = gains["rl_over_sft_ci95_points"]
        text += (
            f" (paired 95% CI {low:+.1f} to {high:+.1f} on the same test problems; "
            f"{gains['only_rl_solves']} solved only after RL, {gains['only_sft_solves']} only after SFT)"
        )
    return text


def write_report(report: dict[str, Any], out: Path) -> None:
    ev = report["eval"]
    last = report["rows"][-1] if report["rows"] else {}
    distinct = last.get("n", ev["problems"])
    md = [
        "# textbook_gym pipeline report",
        "",
        f"Held-out: {distinct} distinct test problems (of {ev['problems']} requested) of {', '.join(ev['families'])} "
        f"at difficulty {ev['difficulty']}, {ev['split']}, {ev['decoding']} decoding. Device: {report['device']}. "
        f"Total wall time: {report['total_seconds'] / 60:.1f} min.",
        "",
        markdown_table(report),
        "",
    ]
    if last.get("exhausted"):
        md += ["Levels whose test split holds fewer problems than their share of the budget (all were used): "
               + "; ".join(last["exhausted"]) + ".", ""]
    by_level = run_report.level_table(report["rows"])
    if by_level:
        md += ["Accuracy by level with 95% intervals (n: distinct test problems; plotted in stages.png):", "",
               by_level, ""]
    groups = run_report.group_table(report["rows"])
    if groups:
        md += ["Accuracy on the trained levels and on the evaluated levels above them (95% intervals):", "",
               groups, ""]
    if report["gains"]:
        md += [f"RL over SFT: {gain_text(report['gains'])}.", ""]
    for group, gain in report.get("group_gains", {}).get("rl", {}).items():
        md += [f"RL over SFT on levels {gain['levels']} ({group}): {run_report.gain_phrase(gain)}.", ""]
    reading = run_report.reading(report["rows"], report.get("stage_gains", {}))
    if reading:
        md += ["What each stage contributed: " + reading]
    ckpt.atomic_write_text(out / "report.md", "\n".join(md) + "\n")
    run_report.plot_stages(report["rows"], out / "stages.png")
    ckpt.atomic_write_text(out / "report.json", json.dumps(report, indent=2))


def print_report(report: dict[str, Any]) -> None:
    """The accuracy table on the terminal (rich)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Held-out accuracy ({report['eval']['problems']} test problems, greedy, 95% CI)")
    last = report["rows"][-1].get("groups", {}) if report["rows"] else {}
    # with levels above the trained ones evaluated too, each group gets its own column
    groups = [name for name in ("trained", "above") if name in last] if "above" in last else []
    columns = ("stage", "accuracy", "95% CI", *(f"levels {last[g]['levels']}" for g in groups),
               "unparseable", "stage time")
    for col in columns:
        table.add_column(col, justify="right" if col != "stage" else "left")
    for r in report["rows"]:
        t = r["train_seconds"]
        cells = [f"{100 * r['groups'][g]['accuracy']:.1f}%" if g in r.get("groups", {}) else "-" for g in groups]
        table.add_row(
            r["title"],
            f"{100 * r['accuracy']:.1f}%",
            f"{100 * r['ci95'][0]:.1f}–{100 * r['ci95'][1]:.1f}%",
            *cells,
            str(r["statuses"]["UNPARSEABLE"]),
            "" if t is None else f"{t / 60:.1f} min",
        )
    console = Console()
    console.print(table)
    if report["gains"]:
        console.print(f"RL over SFT: {gain_text(report['gains'])}")
    for group, gain in report.get("group_gains", {}).get("rl", {}).items():
        console.print(f"RL over SFT on levels {gain['levels']} ({group}): {run_report.gain_phrase(gain)}")
    console.print(f"total wall time {report['total_seconds'] / 60:.1f} min on {report['device']}")
