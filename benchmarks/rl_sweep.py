"""RL settings side by side: many GRPO/PPO configurations from one SFT checkpoint, in parallel.

Each configuration is the ``demo`` preset (or ``--preset``) with a few overrides
(``rl.lr``, ``rl.temperature``, ...). Every one starts from the same SFT model,
trains in its own process, and is scored on the same held-out test problems with
greedy decoding, so the table compares settings and nothing else. Processes run
``--jobs`` at a time with an equal share of the CPU threads; on a GPU machine they
share the card (a tiny model uses a sliver of it), which turns an afternoon of
sequential CPU runs into minutes.

Weights stay float32 on every device (``model.dtype=float32``), so a setting chosen
on a GPU behaves the same way in the CPU demo; sampling seeds are fixed per step.

::

    python benchmarks/rl_sweep.py --sft runs/demo/sft/final --device cuda --jobs 16
    python benchmarks/rl_sweep.py --sft runs/demo/sft/final --grid my_grid.json   # {"name": {"rl.lr": 5e-5}}

Writes ``OUT/results.jsonl`` (one line per configuration, with its overrides,
held-out accuracy, 95% interval, per-level accuracy and wall time), ``OUT/sweep.png``
and prints the table sorted by accuracy.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

DEFAULT_GRID: dict[str, dict[str, Any]] = {
    "sft-baseline": {"rl.steps": 0},
    "demo": {},
    "lr5e-5-b32": {"rl.lr": 5e-5, "rl.problems_per_step": 32},
    "lr1e-4-b32": {"rl.lr": 1e-4, "rl.problems_per_step": 32},
    "lr2e-5-b64": {"rl.lr": 2e-5, "rl.problems_per_step": 64},
    "lr5e-5-b64": {"rl.lr": 5e-5, "rl.problems_per_step": 64},
    "lr1e-4-b64": {"rl.lr": 1e-4, "rl.problems_per_step": 64},
    "lr5e-5-b32-L23": {"rl.lr": 5e-5, "rl.problems_per_step": 32, "rl.difficulty": "2-3"},
    "lr1e-4-b32-L23": {"rl.lr": 1e-4, "rl.problems_per_step": 32, "rl.difficulty": "2-3"},
    "lr2e-4-b32-L23": {"rl.lr": 2e-4, "rl.problems_per_step": 32, "rl.difficulty": "2-3"},
    "lr5e-5-b64-L23": {"rl.lr": 5e-5, "rl.problems_per_step": 64, "rl.difficulty": "2-3"},
    "lr5e-5-b32-T0.7": {"rl.lr": 5e-5, "rl.problems_per_step": 32, "rl.temperature": 0.7},
    "lr5e-5-b32-kl": {"rl.lr": 5e-5, "rl.problems_per_step": 32, "rl.kl_coef": 0.05},
    "lr5e-5-b32-drgrpo": {"rl.lr": 5e-5, "rl.problems_per_step": 32, "rl.scale_rewards": False,
                          "rl.loss_norm": "fixed"},
    "lr5e-5-b16-g16": {"rl.lr": 5e-5, "rl.problems_per_step": 16, "rl.group_size": 16},
    "lr5e-5-b32-ep2": {"rl.lr": 5e-5, "rl.problems_per_step": 32, "rl.epochs": 2, "rl.minibatch_size": 128},
}
"""Name -> dotted overrides of the preset; 40 steps each unless set (10k-20k sampled answers, the demo's CPU budget)."""


def parse_args(argv=None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sft", type=Path, required=True, help="the SFT model directory every run starts from")
    ap.add_argument("--preset", default="demo", help="run configuration the overrides apply to")
    ap.add_argument("--grid", type=Path, default=None, help="JSON file {name: {dotted.key: value}}")
    ap.add_argument("--only", default="", help="comma list of grid names to run (default: all)")
    ap.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    ap.add_argument("--jobs", type=int, default=1, help="configurations trained at once")
    ap.add_argument("--eval-problems", type=int, default=None, help="held-out problems (default: the preset's)")
    ap.add_argument("--out", type=Path, default=Path("runs/rl_sweep"))
    ap.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--overrides", default="{}", help=argparse.SUPPRESS)
    return ap.parse_args(argv)


def nest(overrides: dict[str, Any]) -> dict[str, Any]:
    """``{"rl.lr": 1e-4}`` -> ``{"rl": {"lr": 1e-4}}`` (the shape :func:`config.merge` takes)."""
    out: dict[str, Any] = {}
    for key, value in overrides.items():
        node = out
        *path, leaf = key.split(".")
        for part in path:
            node = node.setdefault(part, {})
        node[leaf] = value
    return out


def run_worker(args: argparse.Namespace) -> None:
    """One configuration: RL from the SFT model, then the held-out evaluation, in this process."""
    import torch

    from textbook_gym.agents import config as C
    from textbook_gym.agents.backends import make_backend
    from textbook_gym.agents.learners.evaluate import evaluate
    from textbook_gym.agents.pipeline import eval_difficulty, run_rl

    overrides = json.loads(args.overrides)
    cfg = C.merge(C.preset(args.preset), nest(overrides))
    extra = {"progress": False, "model": {"dtype": "float32", "device": args.device}}
    if args.eval_problems:
        extra["eval"] = {"problems": args.eval_problems}
    cfg = C.merge(cfg, extra)
    out = args.out / args.worker
    t0 = time.perf_counter()
    model = str(args.sft)
    last: dict[str, Any] = {}
    if cfg.rl.steps > 0:
        result = run_rl(args.sft, out, cfg, args.device)
        model, last = result["model"], result.get("last", {})
    train_seconds = time.perf_counter() - t0
    backend = make_backend("hf", model=model, device=args.device, dtype=torch.float32,
                           batch_size=cfg.eval.batch_size)
    try:
        ev = evaluate(backend, cfg.data.families, eval_difficulty(cfg), cfg.eval.problems, cfg.eval.max_tokens,
                      cfg.eval.batch_size, cfg.eval.seed, threads=cfg.generation_threads if args.device == "cpu" else 0)
    finally:
        backend.close()
    row = {
        "name": args.worker,
        "overrides": overrides,
        "accuracy": ev["accuracy"],
        "ci95": ev["ci95"],
        "by_difficulty": ev["by_difficulty"],
        "statuses": ev["statuses"],
        "train_seconds": train_seconds,
        "last_train_reward": last.get("reward"),
        "device": args.device,
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "result.json").write_text(json.dumps(row, indent=2))


def run_driver(args: argparse.Namespace) -> list[dict[str, Any]]:
    grid = json.loads(args.grid.read_text()) if args.grid else DEFAULT_GRID
    if args.only:
        grid = {name: grid[name] for name in args.only.split(",")}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "partial.jsonl").unlink(missing_ok=True)
    threads = max(1, (os.cpu_count() or 1) // max(1, args.jobs))
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads), TOKENIZERS_PARALLELISM="false")
    pending = list(grid.items())
    running: list[tuple[str, subprocess.Popen, float]] = []
    rows: list[dict[str, Any]] = []
    print(f"{len(pending)} configurations, {args.jobs} at a time, {threads} threads each, on {args.device}", flush=True)
    while pending or running:
        while pending and len(running) < args.jobs:
            name, overrides = pending.pop(0)
            log = open(args.out / f"{name}.log", "w")
            cmd = [sys.executable, __file__, "--worker", name, "--overrides", json.dumps(overrides),
                   "--sft", str(args.sft), "--preset", args.preset, "--device", args.device, "--out", str(args.out)]
            if args.eval_problems:
                cmd += ["--eval-problems", str(args.eval_problems)]
            running.append((name, subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env),
                            time.perf_counter()))
        time.sleep(1.0)
        for item in list(running):
            name, proc, started = item
            if proc.poll() is None:
                continue
            running.remove(item)
            result = args.out / name / "result.json"
            if proc.returncode == 0 and result.exists():
                row = json.loads(result.read_text())
                row["wall_seconds"] = time.perf_counter() - started
                rows.append(row)
                with open(args.out / "partial.jsonl", "a") as f:  # survives a driver killed at a deadline
                    f.write(json.dumps(row) + "\n")
                print(f"  {name:28s} {100 * row['accuracy']:5.1f}%  ({row['wall_seconds']:.0f} s)", flush=True)
            else:
                print(f"  {name:28s} FAILED (exit {proc.returncode}); see {args.out / (name + '.log')}", flush=True)
                rows.append({"name": name, "overrides": grid[name], "failed": proc.returncode})
    ok = sorted((r for r in rows if "accuracy" in r), key=lambda r: -r["accuracy"])
    with open(args.out / "results.jsonl", "w") as f:
        for row in ok + [r for r in rows if "accuracy" not in r]:
            f.write(json.dumps(row) + "\n")
    print_table(ok)
    plot(ok, args.out / "sweep.png")
    return rows


def print_table(rows: list[dict[str, Any]]) -> None:
    base = next((r["accuracy"] for r in rows if r["overrides"].get("rl.steps") == 0), None)
    print(f"\n{'configuration':28s} {'held-out':>8s} {'95% CI':>13s} {'vs SFT':>7s}  per level")
    for r in rows:
        gain = "" if base is None else f"{100 * (r['accuracy'] - base):+6.1f}"
        levels = " ".join(f"{k}:{100 * v:.0f}" for k, v in r["by_difficulty"].items())
        print(f"{r['name']:28s} {100 * r['accuracy']:7.1f}% {100 * r['ci95'][0]:5.1f}-{100 * r['ci95'][1]:5.1f}% "
              f"{gain:>7s}  {levels}")


def plot(rows: list[dict[str, Any]], path: Path) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return
    if not rows:
        return
    names = [r["name"] for r in rows]
    acc = [100 * r["accuracy"] for r in rows]
    err = [[100 * (r["accuracy"] - r["ci95"][0]) for r in rows], [100 * (r["ci95"][1] - r["accuracy"]) for r in rows]]
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(rows) + 1.2))
    ax.barh(names[::-1], acc[::-1], xerr=[e[::-1] for e in err], color="#4C72B0")
    ax.set_xlabel("held-out accuracy (%), greedy, 95% CI")
    ax.set_title("RL settings from one SFT checkpoint")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def main(argv=None) -> None:
    args = parse_args(argv)
    if args.worker:
        run_worker(args)
    else:
        run_driver(args)


if __name__ == "__main__":
    main()
