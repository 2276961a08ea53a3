"""Problems evaluated per second through each backend, for the same suite and model, in one run.

    python benchmarks/eval.py [--model DIR] [--n 20] [--backends hf vllm]

Builds the embedded tiny model when no --model is given. Writes
benchmarks/results/eval.json and prints a table. On a 1M-parameter model on a CPU the
vLLM engine's scheduling overhead dominates; on real model sizes and GPUs it wins.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).with_name("results")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=None)
    parser.add_argument("--suite", default="arithmetic")
    parser.add_argument("--n", type=int, default=20,
                        help="distinct problems per env and level (a level whose split holds fewer uses them all)")
    parser.add_argument("--split", default="test", choices=("train", "test"), help="problems to pose")
    parser.add_argument("--difficulty", default="1-4")
    parser.add_argument("--max-tokens", type=int, default=64)
    parser.add_argument("--backends", nargs="+", default=["hf", "vllm"])
    args = parser.parse_args()

    from textbook_gym import evaluate
    from textbook_gym.agents.backends import make_backend
    from textbook_gym.agents.models import build_tiny_model

    model = args.model or str(build_tiny_model("tiny", Path(tempfile.mkdtemp()) / "tiny", seed=0))
    rows = []
    for name in args.backends:
        backend = make_backend(name, model=model)
        try:
            evaluate(backend, args.suite, n=2, difficulty=args.difficulty, max_tokens=8, progress=False,
                     split=args.split)  # warm-up
            t0 = time.perf_counter()
            report = evaluate(backend, args.suite, n=args.n, difficulty=args.difficulty, max_tokens=args.max_tokens,
                              progress=True, split=args.split)
            seconds = time.perf_counter() - t0
        finally:
            backend.close()
        problems = report.summary["_suite"]["n"]
        tokens = sum(row["mean_tokens"] * row["n"] for levels in report.results.values() for row in levels.values())
        # "problems" counts distinct problems: levels whose split holds fewer than --n contribute all they hold.
        rows.append({"backend": name, "problems": problems, "seconds": seconds, "problems_per_s": problems / seconds,
                     "tokens_per_s": tokens / seconds, "pass@1": report.summary["_suite"]["pass@1_micro"],
                     "problem_set_sha256": report.meta["problem_set_sha256"], "notes": report.meta["notes"]})
    base = rows[0]["problems_per_s"]
    print(f"{'backend':8} {'problems':>8} {'seconds':>8} {'problems/s':>11} {'tokens/s':>9} {'ratio':>6}")
    for row in rows:
        row["ratio_to_first"] = row["problems_per_s"] / base
        print(f"{row['backend']:8} {row['problems']:8d} {row['seconds']:8.1f} {row['problems_per_s']:11.1f} "
              f"{row['tokens_per_s']:9.0f} {row['ratio_to_first']:6.2f}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "eval.json").write_text(json.dumps({"suite": args.suite, "split": args.split, "model": model,
                                                   "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
