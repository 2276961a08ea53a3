"""Re-measure the recorded problem-space sizes (textbook_gym/data/space_sizes.json) against the families as they are.

For every family and level, draws ``--draws`` problems (default: the number the recorded estimate came
from) on ``--repeats`` independent seed streams, counts the distinct problems, and computes the Chao1
estimate ``S + f1²/(2 f2)`` (``S + f1(f1-1)/2`` when no problem was drawn exactly twice), where ``S`` is
the number of distinct problems and ``f1``, ``f2`` those drawn once and twice. Reports, per level:

* exact levels: the distinct problems drawn may not exceed the recorded count (an error if they do),
  and where the count is at most a tenth of the draws, every problem should have been seen;
* estimated levels: the Chao1 estimate of each repeat, their spread, and the ratio of their mean to
  the recorded figure. A level where no problem repeated is at the estimator's ceiling (about n²/2)
  in every run, and is reported as such rather than as a ratio.

A level is flagged when a draw raises (reported with its seed), when an exact count is exceeded, or
when its estimate is off the recorded figure by more than ``--tolerance`` (default 2: a factor of two
either way), both runs being below the ceiling.
Chao1's own spread at a few thousand draws is what ``--repeats`` shows; the recorded figures came
from one run each, on seeds that were not recorded. Chao1 is biased low when the draws are few
beside the space, so compare at the recorded number of draws (the default); ``--draws`` is for a
quick look.

    python benchmarks/space_sizes.py [--families A B] [--draws N] [--repeats 2] [--workers 2] \\
        [--out benchmarks/results/space_sizes.json]

The figures depend only on the seeds (``(70_000 + repeat, level, i)``), not on the machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

LEVELS = range(1, 11)
SEED_BASE = 70_000
"""Seed streams ``(SEED_BASE + repeat, level, i)``: far from the seeds the tests and the splits use."""


def chao1(counts: Counter) -> tuple[int, float, bool]:
    """Distinct problems, the Chao1 estimate, and whether no problem repeated (the estimator's ceiling)."""
    frequencies = Counter(counts.values())
    distinct, once, twice = len(counts), frequencies[1], frequencies[2]
    if twice:
        return distinct, distinct + once * once / (2 * twice), False
    return distinct, distinct + once * (once - 1) / 2, once == distinct


def measure_level(name: str, level: int, draws: int, repeat: int) -> dict:
    import textbook_gym
    from textbook_gym.problem import generate_problem

    family = textbook_gym.get_family(name)
    counts: Counter = Counter()
    errors = []  # a draw that raises is a defect to report (its seed reproduces it), not a reason to stop
    for i in range(draws):
        seed = (SEED_BASE + repeat, level, i)
        try:
            counts[generate_problem(family, seed, level).id] += 1
        except Exception as exc:  # noqa: BLE001 - every failure is reported with its seed
            errors.append({"seed": list(seed), "error": f"{type(exc).__name__}: {exc}"})
    distinct, estimate, ceiling = chao1(counts)
    return {"family": name, "level": level, "repeat": repeat, "draws": draws, "distinct": distinct,
            "chao1": round(estimate), "ceiling": ceiling, "errors": errors}


def judge(recorded: tuple[int, bool], runs: list[dict], tolerance: float) -> dict:
    """One level's verdict from its recorded size and its measured runs."""
    count, exact = recorded
    distinct = max(run["distinct"] for run in runs)
    errors = [error for run in runs for error in run["errors"]]
    row = {"recorded": count, "exact": exact, "distinct": [run["distinct"] for run in runs],
           "chao1": [run["chao1"] for run in runs], "ceiling": all(run["ceiling"] for run in runs), "errors": errors}
    if exact:
        row["flag"] = bool(errors) or distinct > count or (count <= runs[0]["draws"] // 10 and distinct < count)
        return row
    mean = statistics.fmean(run["chao1"] for run in runs)
    row["ratio"] = round(mean / count, 3)
    row["spread"] = round((max(row["chao1"]) - min(row["chao1"])) / mean, 3) if len(runs) > 1 else None
    below_ceiling = not any(run["ceiling"] for run in runs)
    row["flag"] = bool(errors) or (below_ceiling and not (1 / tolerance <= row["ratio"] <= tolerance))
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--families", nargs="*", help="only these families (default: all built-in)")
    parser.add_argument("--draws", type=int, help="draws per level and run (default: as recorded)")
    parser.add_argument("--repeats", type=int, default=2, help="independent seed streams per level")
    parser.add_argument("--workers", type=int, default=2, help="processes")
    parser.add_argument("--tolerance", type=float, default=2.0, help="flag estimates off by more than this factor")
    parser.add_argument("--out", type=Path, help="JSON file for the figures")
    args = parser.parse_args()

    import textbook_gym
    from textbook_gym.sizes import load

    recorded = load()
    names = args.families or textbook_gym.list_families()
    jobs = []
    for name in names:
        family = textbook_gym.get_family(name)
        entry = recorded.get(family.env_id)
        if entry is None:
            print(f"{family.env_id}: no recorded sizes", flush=True)
            continue
        draws = args.draws or entry.get("estimated_from_draws", 3000)
        jobs += [(name, level, draws, repeat) for level in LEVELS for repeat in range(args.repeats)]
    started = time.perf_counter()
    runs: dict[tuple[str, int], list[dict]] = {}
    with ProcessPoolExecutor(args.workers) as pool:
        for done, run in enumerate(pool.map(measure_level, *zip(*jobs), chunksize=1), 1):
            runs.setdefault((run["family"], run["level"]), []).append(run)
            if done % 50 == 0 or done == len(jobs):
                print(f"  {done}/{len(jobs)} level runs, {time.perf_counter() - started:.0f} s", flush=True)

    report, flagged = {}, 0
    for name in dict.fromkeys(n for n, _ in runs):
        family = textbook_gym.get_family(name)
        rows = {level: judge(family.space_size(level), runs[name, level], args.tolerance) for level in LEVELS}
        report[family.env_id] = rows
        flagged += sum(row["flag"] for row in rows.values())
        shown = []
        for level, row in rows.items():
            if row["exact"]:
                text = f"L{level} exact {row['recorded']} (drawn {max(row['distinct'])})"
            elif row["ceiling"]:
                text = f"L{level} no repeat (ceiling)"
            else:
                text = f"L{level} x{row['ratio']}" + (f" ±{row['spread'] / 2:.0%}" if row["spread"] is not None else "")
            if row["errors"]:
                text += f" {len(row['errors'])} draws raised (first: seed {row['errors'][0]['seed']}, {row['errors'][0]['error']})"
            shown.append(text + (" FLAG" if row["flag"] else ""))
        print(f"{family.env_id}: " + "; ".join(shown), flush=True)
    ratios = [row["ratio"] for rows in report.values() for row in rows.values() if "ratio" in row and not row["ceiling"]]
    if ratios:
        print(f"estimated levels below the ceiling: {len(ratios)}; measured/recorded median {statistics.median(ratios):.2f}, "
              f"range {min(ratios):.2f}-{max(ratios):.2f}; flagged levels: {flagged}")
    if args.out:
        payload = {"command": "python " + " ".join(sys.argv), "repeats": args.repeats, "seed_base": SEED_BASE,
                   "tolerance": args.tolerance, "flagged": flagged, "families": report}
        args.out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
