"""Calibrate a reference model on every family and level.

    python benchmarks/calibrate_reference.py --model runs/demo/final --name demo-tiny --n 50 --backend hf

Evaluates the model on the test split of each family, one family at a time, at levels
1-10 (``--difficulty``), and merges pass@1, n and the 95% interval per level into the
calibration file shipped with the package (``textbook_gym/data/calibration.json``,
``--out``) after each family, so an interrupted run keeps what it measured. The
model's earlier entry under ``--name`` is replaced on the first family (``--merge``
keeps it, to add families to a calibration). ``textbook-gym list --calibration``
shows the result (``--calibration-file FILE`` for another ``--out``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True, help="model directory or hub id")
    parser.add_argument("--name", required=True, help="name to record the calibration under, e.g. demo-tiny")
    parser.add_argument("--n", type=int, default=50, help="test problems per family and level")
    parser.add_argument("--backend", choices=("hf", "vllm"), default="hf")
    parser.add_argument("--envs", nargs="+", default=None, help="env ids or family names (default: all)")
    parser.add_argument("--difficulty", default="1-10", help="level N or range LO-HI")
    parser.add_argument("--max-tokens", type=int, default=256, help="most tokens per answer (evaluate's default)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dtype", choices=("auto", "float32", "bfloat16"), default="auto",
                        help="hf weights dtype (auto: bf16 on CUDA, fp32 on the CPU); float32 matches CPU results")
    parser.add_argument("--out", default=None, help="calibration file (default: the shipped one)")
    parser.add_argument("--merge", action="store_true", help="keep results already recorded under --name")
    args = parser.parse_args(argv)

    import textbook_gym
    from textbook_gym import calibration
    from textbook_gym.agents.backends import make_backend
    from textbook_gym.evaluate import evaluate

    out = Path(args.out) if args.out else calibration.DEFAULT_PATH
    env_ids = [textbook_gym.get_family(e).env_id for e in (args.envs or textbook_gym.list_env_ids())]
    print(f"calibrating {args.name} ({args.model}, {args.backend}) on {len(env_ids)} envs, levels "
          f"{args.difficulty}, n={args.n}, into {out}", flush=True)
    options = {}
    if args.backend == "hf" and args.dtype != "auto":
        import torch

        options["dtype"] = getattr(torch, args.dtype)
    backend = make_backend(args.backend, model=args.model, **options)
    t_all = time.perf_counter()
    try:
        for i, env_id in enumerate(env_ids):
            t0 = time.perf_counter()
            report = evaluate(backend, [env_id], n=args.n, difficulty=args.difficulty, max_tokens=args.max_tokens,
                              seed=args.seed, model=args.model, progress=False)
            calibration.record(report, args.name, out, replace=i == 0 and not args.merge)
            rates = " ".join(f"{level}:{row['pass@1']:.2f}" for level, row in report.results[env_id].items())
            print(f"[{i + 1:2d}/{len(env_ids)}] {env_id:45s} {rates}  ({time.perf_counter() - t0:.0f} s)",
                  flush=True)
    finally:
        backend.close()
    print(f"recorded {len(env_ids)} envs in {out} ({time.perf_counter() - t_all:.0f} s); see them with "
          f"`textbook-gym list --calibration-file {out}`", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
