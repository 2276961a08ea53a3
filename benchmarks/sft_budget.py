"""How far SFT alone gets in a time budget: held-out accuracy per level against SFT steps.

The demo preset (#21) is chosen for the best held-out accuracy in about 15 minutes on
2 CPU cores. This measures the SFT part of that choice: one pipeline run with the
preset's pretraining and an SFT stage of ``--steps`` (RL off) that saves a checkpoint
every ``--every`` steps, of which the trainer keeps the newest two (the stages' checkpoint
rule); afterwards those two are scored greedily on distinct
test-split problems of levels ``--eval-difficulty`` (default 1-5: the demo's levels
1-3 and the two above them), with the training wall time at that step from the
trainer's log. Under ``wsd`` the checkpoints before the decay sit at the peak rate,
so they understate what a run of that length (which decays at its own end) reaches;
the last checkpoint is the run's final model.

::

    python benchmarks/sft_budget.py --size tiny --steps 900 --every 150 --out benchmarks/results/sft_budget_tiny.json
    python benchmarks/sft_budget.py --size small --steps 600 --every 150 --out benchmarks/results/sft_budget_small.json

Wall times depend on the machine and its load; the JSON records the torch thread
count and the load average at the start so two files can be compared.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import time
from pathlib import Path

from textbook_gym.agents import config as C
from textbook_gym.agents.learners.trl_stage import log_records
from textbook_gym.agents.pipeline import evaluate_model, run_pipeline


def budget_config(args: argparse.Namespace) -> C.RunConfig:
    demo = C.preset("demo")
    return dataclasses.replace(
        demo,
        seed=args.seed,
        model=dataclasses.replace(demo.model, size=args.size, seed=args.seed),
        sft=dataclasses.replace(demo.sft, steps=args.steps, lr=args.lr, batch_size=args.batch_size,
                                lr_schedule=args.schedule),
        rl=dataclasses.replace(demo.rl, enabled=False),
        eval=dataclasses.replace(demo.eval, difficulty=args.eval_difficulty, problems=args.eval_problems),
        checkpoint_every=args.every,
        evaluate_stages=False,
    )


def seconds_at(log: list[dict], step: int) -> float:
    """Training wall seconds up to ``step``: the logged seconds per step times the steps each log covers."""
    total, previous = 0.0, 0
    for record in sorted((r for r in log if "step_time" in r), key=lambda r: r["step"]):
        if record["step"] > step:
            break
        total += record["step_time"] * (record["step"] - previous)
        previous = record["step"]
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", default="tiny")
    parser.add_argument("--steps", type=int, default=900)
    parser.add_argument("--every", type=int, default=150)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--schedule", default="wsd")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--eval-difficulty", default="1-5")
    parser.add_argument("--eval-problems", type=int, default=1000)
    parser.add_argument("--workdir", default="runs/sft_budget")
    parser.add_argument("--out", default="benchmarks/results/sft_budget.json")
    args = parser.parse_args()

    import torch

    cfg = budget_config(args)
    work = Path(args.workdir) / f"{args.size}_s{args.steps}_lr{args.lr:g}_b{args.batch_size}_{args.schedule}_seed{args.seed}"
    started = {"load_average": os.getloadavg()[0], "torch_threads": torch.get_num_threads(), "date": time.strftime("%Y-%m-%d")}
    report = run_pipeline(cfg, work, resume=(work / "config.yaml").exists())
    log = log_records(work / "sft" / "metrics.jsonl")
    checkpoints = sorted((work / "sft" / "checkpoints").glob("checkpoint-*"), key=lambda p: int(p.name.split("-")[-1]))
    points = []
    for path in checkpoints:
        step = int(path.name.split("-")[-1])
        result = evaluate_model(path, cfg, "cpu")
        points.append({"step": step, "train_seconds": seconds_at(log, step), "accuracy": result["accuracy"],
                       "ci95": result["ci95"], "by_difficulty": result["by_difficulty"],
                       "by_difficulty_n": result["by_difficulty_n"], "statuses": result.get("statuses")})
        print(f"step {step:5d}  {points[-1]['train_seconds']:7.0f}s  held-out {result['accuracy']:.1%}  "
              + "  ".join(f"L{k} {v:.0%}" for k, v in sorted(result["by_difficulty"].items())), flush=True)
    out = {"command": "python benchmarks/sft_budget.py " + " ".join(f"--{k.replace('_', '-')} {v}" for k, v in vars(args).items()),
           "config": C.to_dict(cfg), "machine": started,
           "stage_seconds": {row["stage"]: row.get("train_seconds") for row in report["rows"]}, "points": points}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
