"""Adversarial answer spans up to the guard's length limit, against every family's verifier.

A regular expression or parser over model text that backtracks turns a few hundred characters of
whitespace into minutes of verification (a MatrixOps answer with 600 spaces once took 17 s, in-process,
with no deadline). The extraction floods in ``tests/test_reward_integrity.py`` stop before the typed
parsers, whose spans the guard caps at 2,000 characters, so this script attacks the parsers themselves.

For each family, the gold answers of problems at levels 2, 5 and 9 are taken apart, and floods of up to
1,990 characters are built from them: a run of one character (every character of the answer and the
usual operators), the same with spaces between, the answer's characters pulled apart by whitespace, the
answer repeated with separators, a whitespace run between the answer and a stray token, runs of LaTeX
commands, long numerals. Each flood is verified inside ``\\boxed{}`` and after ``Answer:``, in one child
process per family under a wall-clock limit, so a hang is reported (with the flood that caused it)
instead of stalling the run.

Prints, per family, the number of floods, the slowest verification and its flood; writes every
verification slower than ``--slow`` seconds to the JSON file.

    python benchmarks/parser_floods.py [--limit 120] [--slow 0.25] [--out benchmarks/results/parser_floods.json]

Timings depend on the machine (this repository's figures: a 2-core CPU machine); which floods are slow
does not.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

SPAN = 1990
"""Flood length: just under the guard's 2,000-character cap, so every flood reaches the parser."""
LEVELS = (2, 5, 9)
"""Levels whose gold answers seed the floods (three problems per family)."""
OPERATORS = " \t\n,;:=()[]{}\\^_-+*/.|<>!%'x"


def floods(gold: str) -> dict[str, str]:
    """Named adversarial spans built from one gold answer text."""
    found: dict[str, str] = {}
    for char in sorted(set(gold) | set(OPERATORS)):
        found[f"run {char!r}"] = char * SPAN
        found[f"run {char!r}+space"] = (char + " ") * (SPAN // 2)
    for ws in (" ", "\n", " \t"):
        gap = SPAN // max(len(gold), 1) // len(ws)
        found[f"answer pulled apart by {ws!r}"] = (ws * gap).join(gold)[:SPAN]
        found[f"answer, {ws!r} run, token"] = gold + ws * ((SPAN - len(gold) - 1) // len(ws)) + "x"
        found[f"token, {ws!r} run, answer"] = "1" + ws * ((SPAN - len(gold) - 1) // len(ws)) + gold
    for sep in (", ", " ", " = ", "; ", "\\cdot ", " and "):
        unit = gold + sep
        found[f"answer repeated with {sep!r}"] = unit * max(SPAN // len(unit), 1)
    for command in ("\\frac{1}{2}", "\\cdot ", "\\left( ", "\\sqrt{2}", "\\times ", "\\,", "\\text{ }", "x^{2}"):
        found[f"latex run {command!r}"] = command * (SPAN // len(command))
    found["long numeral"] = "9" * 990
    found["long decimal"] = "0." + "3" * 990
    found["signs then 1"] = "-" * (SPAN - 1) + "1"
    found["spaced signs then 1"] = "- " * (SPAN // 2 - 1) + "1"
    return found


CHILD = r"""
import json, sys, time
import numpy as np
import textbook_gym
from benchmarks.parser_floods import LEVELS, floods

family = textbook_gym.get_family(sys.argv[1])
for level in LEVELS:
    problem = family.generate(np.random.default_rng([2026, level]), level)
    gold = family.answer_text(problem)
    for name, span in floods(gold).items():
        for wrap, response in (("boxed", "\\boxed{" + span + "}"), ("answer line", "Answer: " + span)):
            print(json.dumps({"start": [level, name, wrap]}), flush=True)
            started = time.perf_counter()
            verdict = family.verify(problem, response)
            seconds = time.perf_counter() - started
            print(json.dumps({"level": level, "flood": name, "wrap": wrap, "seconds": seconds,
                              "status": verdict.status.value}), flush=True)
"""


def run_family(name: str, limit: float) -> dict:
    """Every flood against one family in a child process; a hang is reported with the flood that caused it."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, name], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=Path(__file__).resolve().parents[1])
    try:
        out, err = proc.communicate(timeout=limit)
        hung = None
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        hung = "unknown"
    results, last_start = [], None
    for line in out.splitlines():
        record = json.loads(line)
        if "start" in record:
            last_start = record["start"]
        else:
            results.append(record)
            last_start = None
    if hung is not None and last_start is not None:
        hung = {"level": last_start[0], "flood": last_start[1], "wrap": last_start[2], "seconds": f"> {limit}"}
    if proc.returncode not in (0, -9) and hung is None:
        raise RuntimeError(f"{name}: the child failed: {err.strip().splitlines()[-1] if err.strip() else proc.returncode}")
    statuses = sorted({r["status"] for r in results})
    slowest = max(results, key=lambda r: r["seconds"]) if results else None
    return {"family": name, "floods": len(results), "hung": hung, "slowest": slowest, "statuses": statuses,
            "correct": [r for r in results if r["status"] == "CORRECT"],
            "wall_seconds": round(time.perf_counter() - started, 1), "records": results}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=float, default=120.0, help="wall-clock seconds per family")
    parser.add_argument("--slow", type=float, default=0.25, help="report every verification slower than this")
    parser.add_argument("--families", nargs="*", help="only these families (default: all)")
    parser.add_argument("--out", type=Path, help="JSON file for the figures")
    args = parser.parse_args()

    import textbook_gym

    names = args.families or textbook_gym.list_families()
    summary = []
    for name in names:
        result = run_family(name, args.limit)
        slowest = result["slowest"]
        shown = f"{slowest['seconds']:.3f} s ({slowest['flood']}, {slowest['wrap']}, L{slowest['level']})" if slowest else "-"
        print(f"{name:32s} {result['floods']:5d} floods  slowest {shown}"
              + (f"  HUNG on {result['hung']}" if result["hung"] else "")
              + (f"  {len(result['correct'])} CORRECT" if result["correct"] else ""), flush=True)
        slow = [r for r in result.pop("records") if r["seconds"] > args.slow]
        summary.append(result | {"slow": slow})
    if args.out:
        payload = {"command": "python benchmarks/parser_floods.py" + (f" --families {' '.join(args.families)}" if args.families else ""),
                   "span_chars": SPAN, "levels": LEVELS, "slow_threshold_s": args.slow, "families": summary}
        args.out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return 1 if any(r["hung"] for r in summary) else 0


if __name__ == "__main__":
    sys.exit(main())
