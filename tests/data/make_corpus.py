"""Writes ``verifier_corpus.jsonl``: labeled gold/response pairs for tests and benchmarks.

Labels are fixed by construction (each template says what its rendering is), not
by running any verifier, so the corpus can judge this project's verifiers and
math-verify alike. Run ``python tests/data/make_corpus.py`` to regenerate; the
output is deterministic.

Each line: ``{"subset", "gold", "response", "expected", "note"}`` where
``expected`` is CORRECT, INCORRECT or UNPARSEABLE.
"""

from __future__ import annotations

import json
import math
import random
from fractions import Fraction
from pathlib import Path

C, I, U = "CORRECT", "INCORRECT", "UNPARSEABLE"  # noqa: E741 - short labels keep the tables readable


def _numeric(rng: random.Random) -> list[tuple]:
    rows = []
    for _ in range(16):
        n = rng.choice([rng.randint(2, 99), rng.randint(100, 9999), rng.randint(10000, 999999)])
        commas = f"{n:,}"
        gold = rng.choice([f"So the total is {n}.\n#### {n}", f"#### {commas}", str(n)])
        rows += [
            (gold, f"The answer is \\boxed{{{n}}}.", C, "boxed"),
            (gold, f"Working...\nAnswer: {n}", C, "answer line"),
            (gold, f"\\boxed{{{commas}}}", C, "thousands separators"),
            (gold, f"\\boxed{{{n}.0}}", C, "zero fraction part"),
            (gold, f"\\boxed{{\\${n}}}", C, "dollar sign"),
            (gold, f"<answer>{n}</answer>", C, "answer tags"),
            (gold, f"\\boxed{{{n + 1}}}", I, "off by one"),
            (gold, f"\\boxed{{{-n}}}", I, "sign"),
            (gold, f"\\boxed{{1{n}}}", I, "substring gaming"),
            (gold, f"\\boxed{{{n}.0000001}}", I, "tolerance gaming"),
            (gold, f"\\boxed{{{n}}} \\boxed{{{n + 2}}}", I, "two answers"),
            (gold, f"I think it is {n}.", U, "no anchor"),
        ]
    return [("numeric",) + r for r in rows]


def _fraction(rng: random.Random) -> list[tuple]:
    rows = []
    for _ in range(14):
        q = rng.choice([2, 3, 4, 5, 7, 8, 9, 11, 12, 16, 20, 25])
        p = rng.randint(1, 3 * q)
        f = Fraction(p, q)
        if f.denominator == 1:
            f = Fraction(p, q + 1) if Fraction(p, q + 1).denominator != 1 else Fraction(1, 3)
        a, b = f.numerator, f.denominator
        gold = rng.choice([f"\\frac{{{a}}}{{{b}}}", f"{a}/{b}", f"\\dfrac{{{a}}}{{{b}}}"])
        rows += [
            (gold, f"\\boxed{{\\frac{{{a}}}{{{b}}}}}", C, "latex frac"),
            (gold, f"Answer: {a}/{b}", C, "slash"),
            (gold, f"\\boxed{{\\dfrac{{{a}}}{{{b}}}}}", C, "dfrac"),
            (gold, f"\\boxed{{\\frac{{{2 * a}}}{{{2 * b}}}}}", C, "unreduced equals the value"),
            (gold, f"\\boxed{{\\frac{{{b}}}{{{a}}}}}", I if a != b else C, "reciprocal"),
            (gold, f"\\boxed{{-\\frac{{{a}}}{{{b}}}}}", I, "sign"),
            (gold, f"\\boxed{{\\frac{{{a + 1}}}{{{b}}}}}", I, "numerator off by one"),
            (gold, f"\\boxed{{{a}}}", I, "numerator only"),
        ]
        if 1000 % b == 0 or b in (2, 4, 5, 8, 16, 20, 25):
            rows.append((gold, f"\\boxed{{{float(f)!r}}}", C, "exact decimal"))
        if a > b:
            whole, rest = divmod(a, b)
            if rest:
                rows.append((gold, f"\\boxed{{{whole}\\frac{{{rest}}}{{{b}}}}}", C, "mixed number"))
        rounded = round(float(f), 2)
        rows.append((gold, f"\\boxed{{{rounded}}}", _rounding_label(f, Fraction(str(rounded))), "rounded decimal"))
    return [("fraction",) + r for r in rows]


def _rounding_label(exact: Fraction, decimal: Fraction) -> str:
    """verify_math's rounding rule: exact match, or a 2-place rounding of a non-terminating
    value that states at least 3 significant digits."""
    if decimal == exact:
        return C
    if (exact * 100).denominator == 1 or len(str(abs(decimal.numerator * 100 // decimal.denominator)).lstrip("0")) < 3:
        return I
    return C if Fraction(math.floor(exact * 100 + Fraction(1, 2)), 100) == decimal else I


_SYMBOLIC = [
    # gold, correct renderings, near misses
    ("x^2 + 2x + 1", ["(x+1)^2", "x^2+2x+1", "(1+x)(x+1)", "x(x+2)+1"], ["x^2+1", "(x-1)^2", "x^2+2x", "(x+1)^3"]),
    ("x^2 - 9", ["(x-3)(x+3)", "x^2-9", "-(9-x^2)"], ["(x-3)^2", "x^2+9", "(x-9)(x+1)"]),
    ("2x + 3", ["3 + 2x", "2(x+1)+1", "x + x + 3"], ["2x - 3", "3x + 2", "2x+4"]),
    ("3x^2 - 4x", ["x(3x-4)", "3x^2-4x", "-4x+3x^2"], ["3x^2+4x", "x(3x+4)", "3x-4"]),
    ("\\frac{1}{x+1}", ["1/(x+1)", "(x+1)^{-1}", "\\frac{2}{2x+2}"], ["1/(x-1)", "x+1", "1/x + 1"]),
    ("\\frac{x}{x+1}", ["1 - 1/(x+1)", "x/(1+x)"], ["1/(x+1)", "(x+1)/x"]),
    ("6x^2 + 2", ["2(3x^2+1)", "2+6x^2"], ["6x^2", "6x^2+1", "12x"]),
    ("e^{x}(x+1)", ["xe^x + e^x", "(x+1)e^x", "e^x x + e^x"], ["xe^x", "e^x", "(x-1)e^x"]),
    ("\\cos(x) - x\\sin(x)", ["\\cos x - x\\sin x", "-x\\sin(x)+\\cos(x)"], ["\\cos x + x\\sin x", "-\\sin x"]),
    ("2\\sin(x)\\cos(x)", ["\\sin(2x)", "2\\cos x\\sin x"], ["\\sin(x)", "2\\sin(x)", "\\cos(2x)"]),
    ("1", ["\\sin^2 x + \\cos^2 x", "\\cos^2(x)+\\sin^2(x)"], ["\\sin^2 x - \\cos^2 x", "\\sin x + \\cos x"]),
    ("\\frac{1}{x}", ["x^{-1}", "1/x"], ["x", "-1/x", "1/x^2"]),
    ("\\ln(x) + 1", ["1 + \\ln x", "\\log(x)+1", "\\ln(ex)"], ["\\ln x", "\\ln(x+1)"]),
    ("x^3/3 + C", ["\\frac{x^3}{3} + C", "C + x^3/3"], ["x^3 + C", "3x^2 + C", "x^3/3"]),
    ("a^2 - b^2", ["(a-b)(a+b)", "-(b^2-a^2)"], ["(a-b)^2", "a^2+b^2"]),
    ("\\frac{2}{(x+1)^2}", ["2/(x+1)^2", "2(x+1)^{-2}", "\\frac{2}{x^2+2x+1}"], ["2/(x+1)", "2/(x^2+1)"]),
    ("4x^3 - 6x", ["2x(2x^2-3)", "-6x+4x^3"], ["4x^3+6x", "4x^2-6"]),
    ("\\tan(x)", ["\\sin x/\\cos x", "\\frac{\\sin(x)}{\\cos(x)}"], ["\\cot(x)", "\\cos x / \\sin x"]),
    ("\\sqrt{x}", ["x^{1/2}", "x^{0.5}"], ["x^2", "x^{1/3}"]),
    ("y = 2x + 1", ["y=1+2x"], ["y=2x-1"]),
]


def _symbolic() -> list[tuple]:
    rows = []
    for gold, good, bad in _SYMBOLIC:
        for response in good:
            rows.append(("symbolic", gold, f"\\boxed{{{response}}}", C, "equivalent form"))
        for response in bad:
            rows.append(("symbolic", gold, f"\\boxed{{{response}}}", I, "near miss"))
        rows.append(("symbolic", gold, f"Answer: {good[0]}", C, "answer line"))
    return rows


_LATEX = [
    ("\\frac{\\sqrt{3}}{2}", ["\\frac{\\sqrt3}{2}", "\\dfrac{\\sqrt{3}}{2}", "\\frac{1}{2}\\sqrt{3}", "\\sqrt{3}/2", "\\sqrt{\\frac{3}{4}}"],
     ["\\frac{\\sqrt{2}}{2}", "\\frac{\\sqrt{3}}{3}", "\\sqrt{3}", "\\frac{3}{2}"]),
    ("2\\sqrt{2}", ["\\sqrt{8}", "2\\sqrt2", "\\sqrt{2}\\cdot 2", "\\frac{4}{\\sqrt{2}}"], ["\\sqrt{2}", "4\\sqrt{2}", "2\\sqrt{3}"]),
    ("\\frac{\\pi}{4}", ["\\pi/4", "\\frac{1}{4}\\pi", "0.25\\pi"], ["\\frac{\\pi}{2}", "\\pi", "\\frac{4}{\\pi}"]),
    ("\\frac{\\pi}{3}", ["\\dfrac{\\pi}{3}", "\\frac{2\\pi}{6}"], ["\\frac{\\pi}{6}", "60"]),
    ("3\\sqrt{5}", ["\\sqrt{45}", "3 \\sqrt{5}"], ["5\\sqrt{3}", "\\sqrt{15}"]),
    ("\\frac{1}{\\sqrt{2}}", ["\\frac{\\sqrt{2}}{2}", "\\sqrt{2}/2", "2^{-1/2}"], ["\\sqrt{2}", "\\frac{1}{2}"]),
    ("e^{2}", ["e^2", "\\exp(2)", "e\\cdot e"], ["2e", "e^3"]),
    ("\\ln 2", ["\\log 2", "\\ln(2)", "-\\ln\\frac{1}{2}"], ["\\ln 3", "2"]),
    ("5 + 2\\sqrt{6}", ["(\\sqrt{2}+\\sqrt{3})^2", "2\\sqrt{6}+5"], ["5+\\sqrt{6}", "(\\sqrt{2}+\\sqrt{3})"]),
    ("\\sqrt[3]{2}", ["2^{1/3}", "2^{\\frac{1}{3}}"], ["\\sqrt{2}", "2^{3}"]),
    ("\\infty", ["\\infty"], ["-\\infty", "0"]),
    ("-\\frac{1}{2}", ["-0.5", "\\frac{-1}{2}", "-\\dfrac12"], ["\\frac{1}{2}", "-2"]),
    ("12\\pi", ["12 \\pi", "\\pi \\cdot 12", "\\frac{24\\pi}{2}"], ["12", "6\\pi", "12\\pi^2"]),
    ("\\frac{3}{5}", ["0.6", "\\tfrac{3}{5}", "\\frac{6}{10}"], ["\\frac{5}{3}", "0.65"]),
]


def _latex() -> list[tuple]:
    rows = []
    for gold, good, bad in _LATEX:
        wrapped = f"so the answer is $\\boxed{{{gold}}}$."  # MATH-style solution string
        for i, response in enumerate(good):
            rows.append(("latex", wrapped if i % 2 else gold, f"$\\boxed{{{response}}}$", C, "equivalent LaTeX"))
        for response in bad:
            rows.append(("latex", gold, f"\\boxed{{{response}}}", I, "near miss"))
    return rows


_OTHER = [
    ("(1, 2)", "\\boxed{(1,2)}", C, "tuple"), ("(1, 2)", "\\boxed{(2, 1)}", I, "tuple order"),
    ("(1, 2)", "\\boxed{\\left(1, 2\\right)}", C, "left right"), ("(3, -1)", "\\boxed{(3, 1)}", I, "tuple sign"),
    ("(\\frac{1}{2}, 3)", "\\boxed{(0.5, 3)}", C, "tuple of fractions"), ("(1, 2, 3)", "\\boxed{(1, 2)}", I, "tuple length"),
    ("1, 2", "\\boxed{2, 1}", C, "unordered solutions"), ("1, 2", "\\boxed{1, 3}", I, "unordered wrong"),
    ("-3, 2", "\\boxed{2, -3}", C, "roots any order"), ("\\{1, 2\\}", "\\boxed{\\{2, 1\\}}", C, "set"),
    ("[0, 1)", "\\boxed{[0, 1)}", C, "interval"), ("[0, 1)", "\\boxed{0 \\le x < 1}", C, "inequality"),
    ("[0, 1)", "\\boxed{[0, 1]}", I, "closed vs open"), ("(-\\infty, 3]", "\\boxed{x \\le 3}", C, "ray"),
    ("(-\\infty, 3]", "\\boxed{(-\\infty, 3)}", I, "ray open"), ("(1, 2) \\cup (3, \\infty)", "\\boxed{(3, \\infty) \\cup (1, 2)}", C, "union"),
    ("(1, 2) \\cup (3, \\infty)", "\\boxed{(1, \\infty)}", I, "union merged wrong"), ("x > 2", "\\boxed{(2, \\infty)}", C, "inequality gold"),
    ("\\text{Monday}", "\\boxed{\\text{monday}}", C, "text case"), ("\\text{Monday}", "\\boxed{Tuesday}", I, "text wrong"),
    ("\\text{(B)}", "\\boxed{B}", C, "choice"), ("\\text{(B)}", "\\boxed{C}", I, "choice wrong"),
    ("25\\%", "\\boxed{25}", C, "percent bare"), ("25\\%", "\\boxed{25\\%}", C, "percent"), ("25\\%", "\\boxed{0.25}", C, "percent as ratio (policy: one-sided % also matches the fraction)"),
    ("30^\\circ", "\\boxed{30}", C, "degrees"), ("30^\\circ", "\\boxed{30^{\\circ}}", C, "degrees both"), ("5 \\text{ cm}", "\\boxed{5}", C, "units"),
    ("x = 5", "\\boxed{5}", C, "assignment gold"), ("5", "\\boxed{x = 5}", C, "assignment response"), ("5", "\\boxed{x = 6}", I, "assignment wrong"),
    ("1.5 \\times 10^{3}", "\\boxed{1500}", C, "scientific"), ("1500", "\\boxed{1.5e3}", C, "e notation"),
    ("7", "\\boxed{}", U, "empty box"), ("7", "<answer></answer>", U, "empty tags"), ("7", "\\boxed{7} the answer above is correct", C, "grader text"),
    ("7", "\\boxed{\u0667}", U, "arabic-indic digit"), ("7", "\\boxed{\uff17}", C, "fullwidth digit"), ("-7", "\\boxed{\u22127}", C, "unicode minus"),
    ("12", "\\boxed{1\u200b2}", U, "zero width"), ("12", "\\boxed{\u202e21}", U, "rtl override"), ("0", "\\boxed{\u041e}", I, "cyrillic O is a word"),
    ("3", "\\boxed{3 or 4}", I, "two answers in words"), ("3", "<think>\\boxed{4}</think> \\boxed{3}", C, "retraction in thinking"),
    ("3", "\\boxed{4} no wait \\boxed{3}", I, "retraction outside thinking"), ("9", "\\boxed{9^{9^{9^{9}}}}", U, "tower"),
    ("9", "\\boxed{__import__('os').system('true')}", U, "injection"), ("1", "\\boxed{" + "(" * 200 + "1" + ")" * 200 + "}", U, "deep nesting"),
    ("4", "\\boxed{nan}", U, "nan"), ("4", "\\boxed{1e309}", U, "overflow"), ("4", "\\boxed{inf}", U, "inf"),
]


def build() -> list[dict]:
    rng = random.Random(20240601)
    rows = _numeric(rng) + _fraction(rng) + _symbolic() + _latex() + [("other",) + r for r in _OTHER]
    return [dict(zip(("subset", "gold", "response", "expected", "note"), row)) for row in rows]


if __name__ == "__main__":
    out = Path(__file__).with_name("verifier_corpus.jsonl")
    rows = build()
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    counts = {}
    for r in rows:
        counts[r["subset"]] = counts.get(r["subset"], 0) + 1
    print(f"wrote {len(rows)} pairs to {out}: {counts}")
