"""What a policy that always gives the same answer earns, per family and level.

A degenerate policy's first discovery is the most common answer. For each family and
level, this draws problems and reports the share held by the most common answer: the
accuracy, and the reward, of a constant policy that guessed it. Figures above a few
percent say a level's answers are lopsided and an evaluation there should be read
against that floor.

    python benchmarks/constant_answer.py --draws 200 --out benchmarks/results/constant_answer.json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from textbook_gym import get_family
from textbook_gym.registry import list_families


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=200, help="problems drawn per family and level")
    parser.add_argument("--show", type=int, default=15, help="print the levels with the largest shares")
    parser.add_argument("--out", default="", help="write every family and level as JSON here")
    args = parser.parse_args()
    rows = []
    for name in list_families():
        family = get_family(name)
        for level in range(1, 11):
            rng = np.random.default_rng([7, level])
            problems = [family.generate(rng, level) for _ in range(args.draws)]
            answer, count = Counter(family.answer_text(problem) for problem in problems).most_common(1)[0]
            # The share counts verified answers: the constant answer is sent to each problem's own verifier.
            paid = sum(family.verify(problem, f"\\boxed{{{answer}}}").correct for problem in problems)
            rows.append({"family": name, "level": level, "answer": answer, "share": count / args.draws,
                         "paid": paid / args.draws})
    rows.sort(key=lambda row: -row["paid"])
    for row in rows[: args.show]:
        print(f"{row['paid']:6.1%}  {row['family']:30s} level {row['level']:2d}  {row['answer'][:40]!r}")
    if args.out:
        meta = {"command": "python " + " ".join(sys.argv), "draws": args.draws, "seed": "[7, level]"}
        Path(args.out).write_text(json.dumps({"meta": meta, "rows": rows}, indent=1) + "\n")


if __name__ == "__main__":
    main()
