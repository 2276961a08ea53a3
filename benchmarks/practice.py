"""What practice adds: RL against continued SFT at equal wall time, and RL beyond the worked levels.

For each seed, one model goes through the preset's pretraining and SFT (worked problems of
the training levels, ``data.difficulty``), and three arms start from that same SFT model:

* ``rl``: the preset's RL stage (practice problems of ``rl.difficulty``, answers only);
* ``sft_more``: SFT continued on worked problems of the training levels for the wall time the
  ``rl`` arm took (steps = that time / the SFT stage's seconds per step), with the SFT stage's
  schedule at ``--continue-lr``; the control that asks whether the time would have been better
  spent on more worked problems;
* ``rl_beyond``: the same RL stage practising levels ``--beyond`` (default 1-5), so it meets
  levels that no worked solution showed (the *beyond the worked problems* arm).

The SFT model and the three arms are scored greedily on the same distinct test problems,
by default the preset's held-out evaluation (the demo's: levels 1-5 with answers up to 400
tokens), so the SFT model and the ``rl`` arm are the preset's run; the ``rl_beyond`` arm
practises with the evaluation's token limit, since the higher levels' answers are longer.
Every arm is compared with the SFT model and with ``sft_more`` problem by problem (paired
95% intervals), on the training levels and on the levels above them. Seeds change the
initial weights, the data order and the sampling.

::

    python benchmarks/practice.py --preset demo --seeds 0 1 2 --out benchmarks/results/practice_demo.json

Other families take a YAML file of overrides on top of the preset (``--config``); those measured
are in ``benchmarks/configs/`` with their commands at the top.

Each seed runs in its own process (``--jobs`` at a time, one torch thread each), so seeds
run side by side on a 2-core machine; wall times are then those of a loaded machine, and the
``rl`` and ``sft_more`` arms of one seed are matched in the same conditions.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import time
import typing
from pathlib import Path

ARMS = ("rl", "sft_more", "rl_beyond")


def seed_config(args: argparse.Namespace, seed: int):
    from textbook_gym.agents import config as C

    cfg = C.load_yaml(args.config, base=C.preset(args.preset)) if args.config else C.preset(args.preset)
    # unset evaluation options keep the preset's, so the SFT model and the rl arm are scored as its run scores them
    evaluation = {name: value for name, value in (("difficulty", args.eval_difficulty),
                                                  ("problems", args.eval_problems),
                                                  ("max_tokens", args.max_tokens)) if value is not None}
    rl = cfg.rl if args.rl_steps is None else dataclasses.replace(cfg.rl, steps=args.rl_steps)
    return dataclasses.replace(
        cfg,
        seed=seed,
        model=dataclasses.replace(cfg.model, seed=seed),
        rl=rl,
        eval=dataclasses.replace(cfg.eval, **evaluation),
        progress=False,
    )


def run_seed(args: argparse.Namespace, seed: int) -> dict:
    """SFT once, then the three arms; every model scored on the same test problems."""
    import torch

    from textbook_gym.agents import config as C
    from textbook_gym.agents.learners.sft import sft
    from textbook_gym.agents.pipeline import evaluate_model, run_pipeline, run_rl

    torch.set_num_threads(1)
    cfg = seed_config(args, seed)
    work = args.work / f"seed{seed}"
    base_cfg = dataclasses.replace(cfg, rl=dataclasses.replace(cfg.rl, enabled=False), evaluate_stages=False)
    base = run_pipeline(base_cfg, work / "base", resume=(work / "base" / "config.yaml").exists())
    sft_rows = {r["stage"]: r for r in base["rows"]}
    sft_model = str(work / "base" / "sft" / "final")
    sft_seconds = sft_rows["sft"]["train_seconds"]
    models = {"sft": sft_model}
    seconds: dict[str, float] = {"sft": sft_seconds}

    rl = run_rl(sft_model, work / "rl", cfg, "cpu")
    models["rl"], seconds["rl"] = rl["model"], rl["train_seconds"]
    # the levels above the worked ones have longer answers (Arithmetic: up to 375 characters at level 5)
    if "rl_beyond" in args.arms:
        beyond_cfg = dataclasses.replace(cfg, rl=dataclasses.replace(
            cfg.rl, difficulty=args.beyond, max_tokens=max(cfg.rl.max_tokens, cfg.eval.max_tokens)))
        beyond = run_rl(sft_model, work / "rl_beyond", beyond_cfg, "cpu")
        models["rl_beyond"], seconds["rl_beyond"] = beyond["model"], beyond["train_seconds"]

    per_step = sft_seconds / cfg.sft.steps
    more_steps = max(1, round(seconds["rl"] / per_step))
    more_cfg = dataclasses.replace(cfg.sft, steps=more_steps, lr=args.continue_lr)
    t0 = time.perf_counter()
    more = sft(sft_model, work / "sft_more", cfg.data, more_cfg, seed=seed, device="cpu", dtype=cfg.model.dtype,
               checkpoint_every=10**9, resume=False, progress=False)
    models["sft_more"], seconds["sft_more"] = more["model"], time.perf_counter() - t0

    scores = {name: evaluate_model(path, cfg, "cpu") for name, path in models.items()}
    return {"seed": seed, "seconds": seconds, "sft_more_steps": more_steps, "scores": scores,
            "config": C.to_dict(cfg), "beyond": args.beyond}


def levels_of(score: dict, levels: set[int]) -> list[int]:
    """The outcomes (1 = solved) of the test problems at ``levels``, in the evaluation's order."""
    return [outcome for outcome, level in zip(score["outcomes"], score["levels"]) if level in levels]


def summarize(runs: list[dict], train_levels: set[int], above_levels: set[int]) -> dict:
    from textbook_gym.passk import paired_difference

    out: dict = {"per_seed": [], "train_levels": sorted(train_levels), "above_levels": sorted(above_levels)}
    for run in runs:
        row: dict = {"seed": run["seed"], "seconds": run["seconds"], "sft_more_steps": run["sft_more_steps"]}
        for name, score in run["scores"].items():
            row[name] = {"all": score["accuracy"], "by_level": score["by_difficulty"], "n_by_level": score["by_difficulty_n"]}
        for group, levels in (("train", train_levels), ("above", above_levels)):
            if not levels:
                continue
            for arm, control in (("rl", "sft"), ("sft_more", "sft"), ("rl_beyond", "sft"), ("rl", "sft_more"),
                                 ("rl_beyond", "sft_more")):
                if arm not in run["scores"]:
                    continue
                row[f"{arm}_vs_{control}_{group}"] = paired_difference(
                    levels_of(run["scores"][control], levels), levels_of(run["scores"][arm], levels))
        out["per_seed"].append(row)
    return out


def print_summary(summary: dict) -> None:
    for row in summary["per_seed"]:
        print(f"seed {row['seed']}: seconds " + ", ".join(f"{k} {v:.0f}" for k, v in row["seconds"].items())
              + f"; sft_more {row['sft_more_steps']} steps")
        for name in ("sft", *(arm for arm in ARMS if arm in row)):
            levels = "  ".join(f"L{k} {v:.0%}" for k, v in sorted(row[name]["by_level"].items()))
            print(f"  {name:10s} {row[name]['all']:6.1%}  {levels}")
        for key, diff in row.items():
            if "_vs_" in key:
                low, high = diff["ci95_points"]
                print(f"  {key:28s} {diff['points']:+6.1f} points [{low:+.1f}, {high:+.1f}]"
                      f" ({diff['only_after']} only after, {diff['only_before']} only before)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--preset", default="demo")
    ap.add_argument("--config", type=Path, default=None,
                    help="YAML overrides on top of the preset (another family, levels or budget; "
                         "benchmarks/configs/ has the ones measured)")
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    ap.add_argument("--beyond", default="1-5", help="practice levels of the rl_beyond arm")
    ap.add_argument("--arms", default="rl,sft_more,rl_beyond",
                    help="comma list of arms (rl and sft_more always run: sft_more's time is rl's)")
    ap.add_argument("--rl-steps", type=int, default=None,
                    help="RL steps of the rl and rl_beyond arms (default: the preset's); sft_more follows rl's time")
    ap.add_argument("--continue-lr", type=float, default=5e-4, help="peak learning rate of the continued SFT")
    ap.add_argument("--eval-difficulty", default=None, help="test levels (default: the preset's evaluation)")
    ap.add_argument("--eval-problems", type=int, default=None, help="test problems (default: the preset's)")
    ap.add_argument("--max-tokens", type=int, default=None,
                    help="answer length limit of the evaluation and of the rl_beyond arm (default: the preset's "
                         "evaluation limit); it must fit the worked answers of every evaluated level")
    ap.add_argument("--jobs", type=int, default=3, help="seeds run side by side, one process each")
    ap.add_argument("--work", type=Path, default=Path("runs/practice-bench"))
    ap.add_argument("--out", type=Path, default=Path("benchmarks/results/practice.json"))
    ap.add_argument("--one-seed", type=int, help=argparse.SUPPRESS)  # a worker process: run this seed only
    args = ap.parse_args(argv)
    args.arms = {"rl", "sft_more", *(arm.strip() for arm in args.arms.split(",") if arm.strip())}
    if not args.arms <= set(ARMS):
        ap.error(f"--arms takes {', '.join(ARMS)}, got {', '.join(sorted(args.arms - set(ARMS)))}")

    if args.one_seed is not None:
        result = run_seed(args, args.one_seed)
        path = args.work / f"seed{args.one_seed}.json"
        path.write_text(json.dumps(result, indent=2))
        return 0

    from textbook_gym.env import parse_difficulty

    args.work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    pending = list(args.seeds)
    running: list[tuple[subprocess.Popen, typing.IO]] = []
    base = [sys.executable, __file__, *(argv if argv is not None else sys.argv[1:])]
    while pending or running:
        while pending and len(running) < args.jobs:
            seed = pending.pop(0)
            if (args.work / f"seed{seed}.json").exists():
                continue
            log = open(args.work / f"seed{seed}.log", "w")  # closed when the process ends
            running.append((subprocess.Popen([*base, "--one-seed", str(seed)], env=env, stdout=log, stderr=log), log))
        time.sleep(5)
        for proc, log in [entry for entry in running if entry[0].poll() is not None]:
            running.remove((proc, log))
            log.close()
            if proc.returncode:
                print(f"a seed failed (exit {proc.returncode}); see {args.work}/seed*.log", file=sys.stderr)
    runs = [json.loads((args.work / f"seed{seed}.json").read_text()) for seed in args.seeds
            if (args.work / f"seed{seed}.json").exists()]
    cfg = seed_config(args, 0)
    train_lo, train_hi = parse_difficulty(cfg.data.difficulty)
    eval_lo, eval_hi = parse_difficulty(cfg.eval.difficulty or cfg.data.difficulty)
    train = set(range(train_lo, train_hi + 1))
    summary = summarize(runs, train, set(range(eval_lo, eval_hi + 1)) - train)
    summary.update({"command": "python benchmarks/practice.py " + " ".join(argv if argv is not None else sys.argv[1:]),
                    "date": time.strftime("%Y-%m-%d"), "runs": runs})
    print_summary(summary)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
