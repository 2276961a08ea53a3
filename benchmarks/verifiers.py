"""verify_math against math-verify on the same labeled pairs, in one run, per answer type and policy.

Two corpora, both written in this project:

* ``tests/data/grading/corpus.jsonl``: model-style responses (reasoning chains, every
  math delimiter, think blocks, self-corrections, hedges, prose) labeled by what a
  careful human grader decides (policy in ``tests/data/grading/README.md``);
* ``tests/data/verifier_corpus.jsonl``: short answers in the project's own format
  (anchored answers), labeled for the strict policy (UNPARSEABLE counts as not correct).
  Its "false positives" under ``last``/``flexible`` are answers the strict format refuses
  by design (an unanchored "I think it is 7562.", a retraction outside a think block).

For every answer type, verify_math runs under each extraction policy (``strict``,
``last``, ``flexible``) and math-verify runs once (it has one extraction rule), all
single-process and sequential; the sandbox pool is warmed first so worker start-up is
not timed. Reported per type and in total:

* agreement: the checker's "correct" equals ``label == CORRECT``;
* false-positive rate: credited among the pairs labeled INCORRECT;
* false-negative rate: not credited among the pairs labeled CORRECT;
* checks per second (best of ``--repeat`` passes) and the speed ratio to math-verify.

math-verify is called as its README shows, ``verify(parse(gold), parse(response))``:
a gold with ``\\boxed`` is given whole (math-verify extracts the box itself); any other
gold's answer part is wrapped in ``$...$`` before timing. Results go to
``benchmarks/results/verifiers.json``::

    .venv/bin/python benchmarks/verifiers.py [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = {
    "grading": ROOT / "tests" / "data" / "grading" / "corpus.jsonl",
    "strict-format": ROOT / "tests" / "data" / "verifier_corpus.jsonl",
}
RESULTS = ROOT / "benchmarks" / "results" / "verifiers.json"
POLICIES = ("strict", "last", "flexible")


def _rows(name: str, path: Path) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for row in rows:
        row.setdefault("label", "CORRECT" if row.get("expected") == "CORRECT" else "INCORRECT")
        row.setdefault("type", row.get("subset", "other"))
        row["peer_gold"] = _peer_gold(row["gold"])  # prepared outside the timed region
        row["corpus"] = name
    return rows


def _peer_gold(gold: str) -> str:
    from textbook_gym.verifiers.mathanswer import gold_span

    if "\\boxed" in gold:
        return gold
    return f"${gold_span(gold)}$"


def _ours(policy: str):
    from textbook_gym.verifiers import verify_math

    def run(rows):
        return [verify_math(r["gold"], r["response"], policy=policy).correct for r in rows]

    return run


def _math_verify(rows):
    from math_verify import parse, verify

    out = []
    for r in rows:
        try:
            out.append(bool(verify(parse(r["peer_gold"]), parse(r["response"]))))
        except Exception:  # noqa: BLE001 - a peer's failure counts as "not correct"
            out.append(False)
    return out


def _measure(fn, rows, repeat: int) -> dict:
    best = float("inf")
    result = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn(rows)
        best = min(best, time.perf_counter() - started)
    positives = [got for got, r in zip(result, rows) if r["label"] == "CORRECT"]
    negatives = [got for got, r in zip(result, rows) if r["label"] != "CORRECT"]
    agree = sum(got == (r["label"] == "CORRECT") for got, r in zip(result, rows))
    return {
        "pairs": len(rows),
        "agreement": round(agree / len(rows), 4),
        "false_positive_rate": round(sum(negatives) / len(negatives), 4) if negatives else 0.0,
        "false_positives": sum(negatives),
        "false_negative_rate": round(positives.count(False) / len(positives), 4) if positives else 0.0,
        "checks_per_s": round(len(rows) / best, 1),
    }


def _table(title: str, block: dict) -> None:
    print(f"\n{title}")
    header = f"{'type':<14}{'pairs':>6}" + "".join(f"{name:>24}" for name in (*POLICIES, "math-verify")) + f"{'speed':>8}"
    print(header)
    print(f"{'':<20}" + "".join(f"{'agree  FP   FN   chk/s':>24}" for _ in range(4)))
    print("-" * len(header))
    for kind, entry in block.items():
        cells = ""
        for name in (*POLICIES, "math-verify"):
            r = entry[name]
            cells += (f"{r['agreement']:>8.1%}{r['false_positive_rate']:>5.0%}"
                      f"{r['false_negative_rate']:>5.0%}{r['checks_per_s']:>6.0f}")
        ratio = entry["flexible"]["checks_per_s"] / max(entry["math-verify"]["checks_per_s"], 1e-9)
        print(f"{kind:<14}{entry['flexible']['pairs']:>6}{cells}{ratio:>7.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="timed passes per measurement; the best is kept")
    args = parser.parse_args()
    from textbook_gym.verifiers import verify_math

    verify_math("x", "\\boxed{\\sin(x)^2+\\cos(x)^2 - 1 + x}")  # start the sandbox workers before timing
    verify_math("6", "\\boxed{3!}")
    verify_math("\\pi", "\\boxed{3.142}")
    report = {"machine": f"{platform.machine()} {platform.python_version()}", "repeat": args.repeat, "corpora": {}}
    for name, path in CORPORA.items():
        rows = _rows(name, path)
        for policy in POLICIES:  # warm the gold cache, as a grading run over a data set would
            _ours(policy)(rows)
        _math_verify(rows[:5])
        kinds = sorted({r["type"] for r in rows})
        block = {}
        for kind in [*kinds, "ALL"]:
            part = rows if kind == "ALL" else [r for r in rows if r["type"] == kind]
            entry = {policy: _measure(_ours(policy), part, args.repeat) for policy in POLICIES}
            entry["math-verify"] = _measure(_math_verify, part, args.repeat)
            block[kind] = entry
        report["corpora"][name] = {"path": str(path.relative_to(ROOT)), "types": block}
        _table(f"{name}: {path.relative_to(ROOT)} (agreement, false-positive rate, false-negative rate, checks/s)", block)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
