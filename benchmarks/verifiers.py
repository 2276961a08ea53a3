"""This project's verify_math against math-verify on the same labeled pairs, in one run.

For each subset of ``tests/data/verifier_corpus.jsonl`` (numeric, fraction,
symbolic, LaTeX, other) both checkers verify every pair, single process and
sequentially (the sandbox pool is warmed first so worker start-up is not timed):

* checks per second, and the ratio ours / math-verify;
* agreement with the labels: a pair counts as agreeing when the checker's
  "correct" matches ``expected == "CORRECT"``.

math-verify is called as its README shows: ``verify(parse(gold), parse(response))``,
with the gold's answer part wrapped in ``$...$`` (prepared before timing) so that it
gets its best reading of bare answers and GSM8K ``####`` strings.
Results go to ``benchmarks/results/verifiers.json`` and a table is printed::

    python benchmarks/verifiers.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "verifier_corpus.jsonl"
RESULTS = ROOT / "benchmarks" / "results" / "verifiers.json"
SUBSETS = ("numeric", "fraction", "symbolic", "latex", "other")


def _ours(rows):
    from textbook_gym.verifiers import verify_math

    return [verify_math(r["gold"], r["response"]).correct for r in rows]


def _peer_gold(gold: str) -> str:
    """The gold as math-verify expects it: the answer part, in math delimiters (its README's form)."""
    from textbook_gym.verifiers.mathanswer import gold_span

    return f"${gold_span(gold)}$"


def _math_verify(rows):
    from math_verify import parse, verify

    out = []
    for r in rows:
        try:
            out.append(bool(verify(parse(r["peer_gold"]), parse(r["response"]))))
        except Exception:  # noqa: BLE001 - a peer's failure counts as "not correct"
            out.append(False)
    return out


def _measure(fn, rows, repeat):
    best = float("inf")
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn(rows)
        best = min(best, time.perf_counter() - started)
    agree = sum(got == (r["expected"] == "CORRECT") for got, r in zip(result, rows)) / len(rows)
    return len(rows) / best, agree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed passes per subset; the best is kept")
    args = parser.parse_args()
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    for row in rows:  # prepared outside the timed region, so math-verify is not charged for it
        row["peer_gold"] = _peer_gold(row["gold"])
    from textbook_gym.verifiers import verify_math

    verify_math("x", "\\boxed{\\sin(x)^2+\\cos(x)^2 - 1 + x}")  # start the sandbox workers before timing
    verify_math("\\begin{pmatrix}1\\end{pmatrix}", "\\boxed{\\begin{pmatrix}1\\end{pmatrix}}")
    _math_verify(rows[:5])
    results = {}
    for subset in SUBSETS:
        part = [r for r in rows if r["subset"] == subset]
        ours_rate, ours_agree = _measure(_ours, part, args.repeat)
        peer_rate, peer_agree = _measure(_math_verify, part, args.repeat)
        results[subset] = {
            "pairs": len(part),
            "ours_checks_per_s": round(ours_rate, 1),
            "math_verify_checks_per_s": round(peer_rate, 1),
            "speed_ratio": round(ours_rate / peer_rate, 2),
            "ours_agreement": round(ours_agree, 4),
            "math_verify_agreement": round(peer_agree, 4),
        }
    report = {
        "corpus": str(CORPUS.relative_to(ROOT)),
        "machine": f"{platform.machine()} {platform.python_version()}",
        "repeat": args.repeat,
        "subsets": results,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    header = f"{'subset':<10}{'pairs':>6}{'ours/s':>10}{'mv/s':>9}{'ratio':>8}{'ours agree':>12}{'mv agree':>10}"
    print(header)
    print("-" * len(header))
    for subset, r in results.items():
        print(
            f"{subset:<10}{r['pairs']:>6}{r['ours_checks_per_s']:>10.0f}{r['math_verify_checks_per_s']:>9.0f}"
            f"{r['speed_ratio']:>7.1f}x{r['ours_agreement']:>12.1%}{r['math_verify_agreement']:>10.1%}"
        )
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
