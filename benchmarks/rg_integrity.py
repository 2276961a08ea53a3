"""The reasoning-gym adapter audited as a policy would probe it: what its reward pays, per data set.

For every reasoning-gym data set, a few problems are drawn through the adapter
(``textbook_gym.integrations.reasoning_gym``) and each is sent

- the right answer in three anchorings (``\\boxed{}``, ``<answer>``, ``Answer:``): these must be paid;
- every hack of :func:`textbook_gym.verifiers.adversary.hack_responses` built around the right answer
  and a wrong one (another problem's answer): none of these may be paid;
- the right answer listed beside the wrong one (``, ``, ``;``, a space, a newline; both orders): a
  scorer that takes the first or any candidate pays these, and a policy can learn to list;
- one plain wrong answer (the other problem's answer, boxed): reasoning-gym often gives it partial
  credit, which the adapter must not pay as reward.

Prints one line per data set and a total; ``--out`` writes every paid hack with its verdict.

    python benchmarks/rg_integrity.py --problems 3 --out benchmarks/results/rg_integrity.json
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

LIST_SEPARATORS = (", ", "; ", " ", "\n")
"""How a policy might list candidate answers in one anchor (no hedge word)."""


def _other_answer(family, gold: str, seed: int) -> str:
    """A wrong answer of the right kind: the answer of another problem from the same data set."""
    for offset in range(1, 20):
        candidate = str(family.generate(np.random.default_rng(10_000 + seed * 31 + offset), 1).answer)
        if candidate.strip() != gold.strip():
            return candidate
    return "0" if gold.strip() != "0" else "1"


def _both_orders_paid(paid: list[dict]) -> bool:
    """Whether one problem's listing was paid with the right answer first and also with it last (any-candidate scoring)."""
    orders: dict[tuple[int, str], set[str]] = {}
    for row in paid:
        orders.setdefault((row["problem"], row["separator"]), set()).add(row["right"])
    return any(len(seen) == 2 for seen in orders.values())


def audit_dataset(name: str, problems: int) -> dict:
    from textbook_gym.integrations.reasoning_gym import ReasoningGymFamily
    from textbook_gym.verifiers.adversary import hack_responses

    family = ReasoningGymFamily(name)
    row = {"dataset": name, "gold_paid": 0, "gold_sent": 0, "gold_missed": [], "hacks_sent": 0, "hacks_paid": [],
           "lists_sent": 0, "lists_paid": [], "wrong_sent": 0, "wrong_paid": 0, "wrong_partial_scores": 0}
    for seed in range(problems):
        problem = family.generate(np.random.default_rng(seed), 1)
        gold = str(problem.answer)
        other = _other_answer(family, gold, seed)
        for form in (f"\\boxed{{{gold}}}", f"<answer>{gold}</answer>", f"Answer: {gold}"):
            verdict = family.verify(problem, form)
            row["gold_sent"] += 1
            if verdict.score == 1.0 and verdict.correct:
                row["gold_paid"] += 1
            else:
                row["gold_missed"].append({"response": form[:200], "status": str(verdict.status),
                                           "reason": verdict.reason[:200]})
        for category, response in hack_responses(gold, other):
            verdict = family.verify(problem, response)
            row["hacks_sent"] += 1
            if verdict.score > 0 or verdict.correct:
                row["hacks_paid"].append({"category": category, "response": response[:200], "gold": gold[:100],
                                          "status": str(verdict.status), "score": verdict.score,
                                          "reason": verdict.reason[:200]})
        for separator in LIST_SEPARATORS:  # the right answer listed beside a wrong one, both orders
            for right, (first, second) in (("first", (gold, other)), ("last", (other, gold))):
                verdict = family.verify(problem, f"\\boxed{{{first}{separator}{second}}}")
                row["lists_sent"] += 1
                if verdict.score > 0:
                    row["lists_paid"].append({"response": f"{first}{separator}{second}"[:200], "problem": seed,
                                              "separator": separator, "right": right,
                                              "status": str(verdict.status), "reason": verdict.reason[:200]})
        verdict = family.verify(problem, f"\\boxed{{{other}}}")
        row["wrong_sent"] += 1
        row["wrong_paid"] += verdict.score > 0
        row["wrong_partial_scores"] += "partial" in verdict.reason or (0 < verdict.score < 1)
    return row


EXAMPLES = 5
"""Paid responses kept per data set in the JSON (every one is counted)."""


def _shortened(row: dict) -> dict:
    """The row with its lists of paid responses cut to :data:`EXAMPLES`, their counts kept beside them."""
    out = dict(row)
    for key in ("gold_missed", "hacks_paid", "lists_paid"):
        out[f"{key}_count"] = len(row[key])
        out[key] = row[key][:EXAMPLES]
    out["hacks_paid_by_category"] = dict(Counter(hack["category"] for hack in row["hacks_paid"]))
    out["hacks_paid_correct"] = sum(hack["status"] == "CORRECT" for hack in row["hacks_paid"])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--problems", type=int, default=3, help="problems per data set")
    parser.add_argument("--only", nargs="*", default=None, help="data sets to audit (default: all)")
    parser.add_argument("--out", default="", help="write the per-data-set results as JSON here")
    args = parser.parse_args()
    from reasoning_gym.factory import DATASETS

    import textbook_gym

    names = sorted(args.only or DATASETS)
    rows, failed = [], {}
    started = time.perf_counter()
    for name in names:
        try:
            row = audit_dataset(name, args.problems)
        except Exception as exc:  # noqa: BLE001 - a data set that cannot build here (missing optional dependency) is reported
            failed[name] = f"{type(exc).__name__}: {exc}"[:200]
            print(f"{name:32s} could not run: {failed[name]}", flush=True)
            continue
        rows.append(row)
        paid = Counter(hack["category"] for hack in row["hacks_paid"])
        print(f"{name:32s} gold {row['gold_paid']}/{row['gold_sent']}  hacks paid {len(row['hacks_paid'])}/"
              f"{row['hacks_sent']} {dict(paid) or ''}  lists paid {len(row['lists_paid'])}/{row['lists_sent']}  wrong paid {row['wrong_paid']}/{row['wrong_sent']}",
              flush=True)
    total = {
        "datasets": len(rows), "could_not_run": failed,
        "gold_paid": sum(r["gold_paid"] for r in rows), "gold_sent": sum(r["gold_sent"] for r in rows),
        "hacks_paid": sum(len(r["hacks_paid"]) for r in rows), "hacks_sent": sum(r["hacks_sent"] for r in rows),
        "hacks_paid_correct": sum(h["status"] == "CORRECT" for r in rows for h in r["hacks_paid"]),
        "datasets_with_paid_hacks": sum(bool(r["hacks_paid"]) for r in rows),
        "lists_paid": sum(len(r["lists_paid"]) for r in rows), "lists_sent": sum(r["lists_sent"] for r in rows),
        "datasets_paying_both_orders_of_a_list": sorted(
            r["dataset"] for r in rows if _both_orders_paid(r["lists_paid"])),
        "wrong_paid": sum(r["wrong_paid"] for r in rows), "wrong_sent": sum(r["wrong_sent"] for r in rows),
        "paid_hacks_by_category": dict(Counter(h["category"] for r in rows for h in r["hacks_paid"])),
    }
    print(json.dumps(total, indent=1))
    if args.out:
        meta = {"command": "python " + " ".join(sys.argv), "reasoning_gym": importlib.metadata.version("reasoning-gym"),
                "textbook_gym": textbook_gym.__version__, "seconds": round(time.perf_counter() - started, 1)}
        Path(args.out).write_text(json.dumps({"meta": meta, "total": total,
                                              "per_dataset": [_shortened(row) for row in rows]}, indent=1) + "\n")


if __name__ == "__main__":
    main()
