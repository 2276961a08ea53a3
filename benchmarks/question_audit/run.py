"""Question audit: is each problem's gold answer the right answer to the question AS WRITTEN?

For every family and level 1-10 it draws N problems with np.random.default_rng([level, seed, 99]), seed 0..N-1,
and runs an independent solver that parses p.question (not the metadata, not the family's own functions).
Writes DIR/question_audit.json and prints one line per family and a summary; exits 0 either way.

    .venv/bin/python benchmarks/question_audit/run.py --draws 20 --out /tmp/qa
    .venv/bin/python -m benchmarks.question_audit.run --draws 200 --families Limits,Integrals --out /tmp/qa
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import importlib.util
import json
import re
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `question_audit` importable from benchmarks/
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "question_audit"

import numpy as np  # noqa: E402

import textbook_gym  # noqa: E402

from .common import IllPosed, Outcome  # noqa: E402

# family -> (solver module, third-party packages it needs besides numpy/sympy)
FAMILIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "Arithmetic": ("basics", ()),
    "ArithmeticGeometricSequences": ("basics", ()),
    "Countdown": ("basics", ()),
    "DecimalsPercents": ("basics", ()),
    "Divisibility": ("basics", ()),
    "ExponentsRoots": ("basics", ()),
    "Factoring": ("algebra", ()),
    "Fractions": ("algebra", ()),
    "GcdLcm": ("algebra", ()),
    "Limits": ("algebra", ()),
    "LinearEquations": ("algebra", ()),
    "LinearSystems": ("algebra", ()),
    "ListOps": ("structures", ()),
    "MatrixOps": ("structures", ()),
    "ModularArithmetic": ("structures", ()),
    "PolynomialExpansion": ("structures", ()),
    "PrimeFactorization": ("structures", ()),
    "Probability": ("structures", ()),
    "Counting": ("counting_words", ()),
    "WordProblems": ("counting_words", ()),
    "QuadraticEquations": ("measures", ()),
    "RoundingEstimation": ("measures", ()),
    "Statistics": ("measures", ()),
    "UnitConversion": ("measures", ()),
    "BaseConversion": ("logic_functions", ()),
    "BooleanLogic": ("logic_functions", ()),
    "FunctionEvaluation": ("logic_functions", ()),
    "Inequalities": ("logic_functions", ()),
    "Derivatives": ("calculus", ("latex2sympy2_extended",)),
    "Integrals": ("calculus", ("latex2sympy2_extended", "mpmath")),
}
MAX_EXAMPLES = 50  # per family and level, for each of mismatches and flags; the counts are always complete


def missing_packages(packages):
    return [name for name in packages if importlib.util.find_spec(name) is None]


def mutate(question):
    """Negative control: add 1 to the middle number of the question text (the gold stays as it was)."""
    nums = list(re.finditer(r"\d+", question))
    if not nums:
        return question
    m = nums[len(nums) // 2]
    return question[: m.start()] + str(int(m.group()) + 1) + question[m.end() :]


def check_one(check, fam, p, level) -> Outcome:
    try:
        return check(fam, p, level)
    except IllPosed as e:
        return Outcome(None, [], [f"ill-posed: {e}"])
    except Exception as e:  # noqa: BLE001 - a question the solver cannot read is reported, never passed
        return Outcome(None, [f"solver error {type(e).__name__}: {e}"])


def audit_family(name, draws, levels, mutated=False):
    module_name, packages = FAMILIES[name]
    missing = missing_packages(packages)
    if missing:
        return {"status": f"skipped: {', '.join(missing)} not installed"}
    check = importlib.import_module(f"{__package__}.{module_name}").CHECKS[name]
    fam = textbook_gym.get_family(name)
    per_level = {}
    for level in levels:
        rec = {"draws": 0, "mismatches": 0, "flagged": 0, "mismatch_examples": [], "flag_examples": []}
        for seed in range(draws):
            p = fam.generate(np.random.default_rng([level, seed, 99]), level)
            if mutated:
                p = dataclasses.replace(p, question=mutate(p.question))
            out = check_one(check, fam, p, level)
            rec["draws"] += 1
            base = {
                "seed": seed,
                "question": p.question,
                "gold": repr(p.answer),
                "gold_text": fam.answer_text(p),
                "audit_answer": repr(out.answer),
            }
            if out.problems:
                rec["mismatches"] += 1
                if len(rec["mismatch_examples"]) < MAX_EXAMPLES:
                    rec["mismatch_examples"].append({**base, "problems": [str(s) for s in out.problems]})
            if out.flags:
                rec["flagged"] += 1
                if len(rec["flag_examples"]) < MAX_EXAMPLES:
                    rec["flag_examples"].append({**base, "flags": [str(s) for s in out.flags]})
        per_level[str(level)] = rec
    return {"status": "checked", "levels": per_level}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--draws", type=int, default=20, help="problems per family and level (seeds 0..N-1)")
    ap.add_argument("--out", required=True, help="directory for question_audit.json")
    ap.add_argument("--families", default="", help="comma-separated family names (default: all 30)")
    ap.add_argument("--levels", default="1-10", help="levels, e.g. 1-10 or 3,8")
    ap.add_argument(
        "--mutate",
        action="store_true",
        help="negative control: bump one number in each question; most draws should then mismatch",
    )
    args = ap.parse_args(argv)
    names = [n.strip() for n in args.families.split(",") if n.strip()] or list(FAMILIES)
    unknown = [n for n in names if n not in FAMILIES]
    if unknown:
        ap.error(f"unknown families {unknown}; known: {', '.join(FAMILIES)}")
    if "-" in args.levels:
        lo, hi = map(int, args.levels.split("-"))
        levels = list(range(lo, hi + 1))
    else:
        levels = [int(v) for v in args.levels.split(",")]

    report = {
        "draws_per_level": args.draws,
        "levels": levels,
        "rng": "np.random.default_rng([level, seed, 99])",
        "mutated_questions": args.mutate,
        "families": {},
    }
    t_all = time.time()
    for name in names:
        t0 = time.time()
        res = audit_family(name, args.draws, levels, args.mutate)
        res["seconds"] = round(time.time() - t0, 1)
        report["families"][name] = res
        if res["status"] == "checked":
            lv = res["levels"].values()
            print(
                f"{name:30s} draws {sum(r['draws'] for r in lv):6d}  mismatches {sum(r['mismatches'] for r in lv):4d}  "
                f"flagged {sum(r['flagged'] for r in lv):4d}  {res['seconds']:6.1f}s",
                flush=True,
            )
        else:
            print(f"{name:30s} {res['status']}", flush=True)
    checked = {n: r for n, r in report["families"].items() if r["status"] == "checked"}
    total = {
        k: sum(r[k] for f in checked.values() for r in f["levels"].values()) for k in ("draws", "mismatches", "flagged")
    }
    skipped = sorted(set(report["families"]) - set(checked))
    bad = sorted(n for n, f in checked.items() if any(r["mismatches"] for r in f["levels"].values()))
    report["summary"] = {
        **total,
        "families_checked": len(checked),
        "families_skipped": skipped,
        "families_with_mismatches": bad,
        "seconds": round(time.time() - t_all, 1),
    }
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "question_audit.json"
    path.write_text(json.dumps(report, indent=1, ensure_ascii=False))
    print(
        f"SUMMARY{' (NEGATIVE CONTROL, mutated questions)' if args.mutate else ''}: {len(checked)} families checked ({len(skipped)} skipped{': ' + ', '.join(skipped) if skipped else ''}), "
        f"{total['draws']} draws, {total['mismatches']} mismatches"
        f"{' in ' + ', '.join(bad) if bad else ''}, {total['flagged']} well-posedness flags -> {path}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
