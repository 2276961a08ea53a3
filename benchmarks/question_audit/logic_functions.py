"""Audit solvers (audit run g5, part 1): BaseConversion (own numeral parser), BooleanLogic (own recursive-descent
parser and evaluator), FunctionEvaluation (sympy exact values; solve/inverse need a unique solution off the poles),
Inequalities (sympy solveset of the parsed inequality, compared as sets with the parsed gold intervals)."""

import itertools
import re
from fractions import Fraction

import numpy as np
import sympy as sp
from sympy.parsing.sympy_parser import implicit_multiplication_application, parse_expr, standard_transformations

from .common import Outcome

T = standard_transformations + (implicit_multiplication_application,)

# ------------------------------------------------------------------ BaseConversion
D = "0123456789ABCDEF"


def val(numeral, base):
    assert numeral and all(c in D[:base] for c in numeral), (numeral, base)  # digits legal in that base
    v = 0
    for c in numeral:
        v = v * base + D.index(c)
    return v


def num_tok(tok):
    m = re.fullmatch(r"([0-9A-F]+)_\{(\d+)\}", tok)
    if m:
        return val(m[1], int(m[2])), int(m[2])
    assert re.fullmatch(r"[0-9]+", tok), tok
    return int(tok), 10


def solve_base(q):
    m = re.fullmatch(r"Convert (\S+) to base (\d+)\.", q)
    if m:
        v, _ = num_tok(m[1])
        return v, int(m[2])
    m = re.fullmatch(r"Compute (\S+) ([+\-×]) (\S+)\. Give the answer in base (\d+)\.", q)
    assert m, q
    (a, ba), (b, bb), t = num_tok(m[1]), num_tok(m[3]), int(m[4])
    assert ba == bb == t, q
    r = {"+": a + b, "-": a - b, "×": a * b}[m[2]]
    assert r >= 0, q
    return r, t


def check_base(fam, p, level):
    v, t = solve_base(p.question)
    g = p.answer
    issues = []
    if not re.fullmatch(r"[0-9A-F]+", g) or not all(c in D[:t] for c in g):
        issues.append(f"gold not a base-{t} numeral")
    elif val(g, t) != v:
        issues.append("MISMATCH")
    if len(g) > 1 and g[0] == "0":
        issues.append("leading zero")
    if p.metadata["base"] != t:
        issues.append("metadata base != asked base")
    if fam.answer_text(p) != g:
        issues.append("answer_text differs")
    return Outcome(np.base_repr(v, t), issues)


# ------------------------------------------------------------------ BooleanLogic
OPS = {
    "∧": lambda a, b: a and b,
    "∨": lambda a, b: a or b,
    "→": lambda a, b: (not a) or b,
    "↔": lambda a, b: a == b,
    "⊕": lambda a, b: a != b,
}


def tokens(s):
    t = [c for c in s if c != " "]
    assert all(c in "pqrstuv()¬" or c in OPS for c in t), s
    return t


def parse_formula(s):
    t = tokens(s)
    pos = [0]

    def unary():
        c = t[pos[0]]
        pos[0] += 1
        if c == "¬":
            return ("not", unary())
        if c == "(":
            e = binary()
            assert t[pos[0]] == ")", s
            pos[0] += 1
            return e
        assert c in "pqrstuv", (s, c)
        return c

    def binary():  # at most ONE binary connective per level: no precedence needed / allowed
        a = unary()
        if pos[0] < len(t) and t[pos[0]] in OPS:
            op = t[pos[0]]
            pos[0] += 1
            b = unary()
            assert not (pos[0] < len(t) and t[pos[0]] in OPS), "ambiguous chain: " + s
            return (op, a, b)
        return a

    e = binary()
    assert pos[0] == len(t), s
    return e


def ev(e, env):
    if isinstance(e, str):
        return env[e]
    if e[0] == "not":
        return not ev(e[1], env)
    return OPS[e[0]](ev(e[1], env), ev(e[2], env))


LEG = "(¬ not, ∧ and, ∨ or"


def solve_boolean(q):
    m = re.fullmatch(
        r"Let (.*) \(T true, F false\)\. Find the truth value of each formula \((.*?)\):\n(.*)\nAnswer with the bit string of the values of F1 to F(\d+) in order \(1 = true, 0 = false\)\.",
        q,
        re.S,
    )
    if m:
        env = {}
        for a in m[1].split(", "):
            k, v = a.split(" = ")
            assert v in "TF"
            env[k] = v == "T"
        lines = m[3].split("\n")
        assert len(lines) == int(m[4])
        out = ""
        for i, ln in enumerate(lines):
            mm = re.fullmatch(r"F(\d+): (.*)", ln)
            assert int(mm[1]) == i + 1
            f = parse_formula(mm[2])
            out += "1" if ev(f, env) else "0"
            assert set(re.findall("[pqrstuv]", mm[2])) <= set(env), q
        return "evaluate", out, m[2], mm
    m = re.fullmatch(
        r"Give the truth table column of F: (.*) \((.*?)\) over the variables ([a-z, ]+)\. List the (\d+) rows in the standard order, counting up in binary from all false to all true with (\w) the most significant variable \(row 1: (.*?); row 2: (.*?); \.\.\.\), as a bit string with 1 = true\.",
        q,
    )
    if m:
        names = m[3].split(", ")
        assert int(m[4]) == 2 ** len(names) and m[5] == names[0]
        assert (
            m[6] == ", ".join(f"{n} = F" for n in names)
            and m[7] == ", ".join(f"{n} = F" for n in names[:-1]) + f", {names[-1]} = T"
        )
        f = parse_formula(m[1])
        assert set(re.findall("[pqrstuv]", m[1])) <= set(names)
        return (
            "table",
            "".join(
                "1" if ev(f, dict(zip(names, vals))) else "0"
                for vals in itertools.product([False, True], repeat=len(names))
            ),
            m[2],
            m,
        )
    m = re.fullmatch(
        r"How many of the (\d+) assignments of truth values to ([a-z, ]+) make the formula (.*) true\? \((.*)\)", q
    )
    assert m, q
    names = m[2].split(", ")
    assert int(m[1]) == 2 ** len(names)
    f = parse_formula(m[3])
    assert set(re.findall("[pqrstuv]", m[3])) <= set(names)
    return (
        "count",
        sum(ev(f, dict(zip(names, v))) for v in itertools.product([False, True], repeat=len(names))),
        m[4],
        m,
    )


def check_boolean(fam, p, level):
    kind, mine, legend, _ = solve_boolean(p.question)
    issues = []
    if mine != p.answer:
        issues.append("MISMATCH")
    if str(p.answer) != fam.answer_text(p):
        issues.append("answer_text differs")
    used = set(c for c in p.question if c in "¬∧∨→↔⊕")
    legend_syms = set(c for c in legend if c in "¬∧∨→↔⊕")
    if not used <= legend_syms:
        issues.append("connective used but not in legend")
    return Outcome(mine, issues)


# ------------------------------------------------------------------ FunctionEvaluation
x = sp.Symbol("x")


def fe_expr(s):
    assert re.fullmatch(r"[0-9x+\-*/()^ ]+", s), s
    return parse_expr(s.replace("^", "**"), local_dict={"x": x}, transformations=T)


def num(s):
    assert re.fullmatch(r"-?\d+(/\d+)?", s), s
    return sp.Rational(s)


def value_at(f, a):
    n, d = sp.fraction(sp.together(f))
    dv = d.subs(x, a)
    assert dv != 0, ("undefined", f, a)
    return n.subs(x, a) / dv


def unique_solution(eq_lhs, k):
    n, d = sp.fraction(sp.together(eq_lhs - k))
    sols = [s for s in sp.solve(sp.Eq(n, 0), x) if d.subs(x, s) != 0]
    assert sp.expand(n) != 0, "identity"
    assert len(sols) == 1, ("not unique", eq_lhs, k, sols)
    return sols[0]


def solve_funceval(q):
    m = re.fullmatch(r"Let f\(x\) = (.*?)(?: and g\(x\) = (.*?))?\. (.*)", q)
    assert m, q
    f = fe_expr(m[1])
    g = fe_expr(m[2]) if m[2] else None
    ask = m[3]
    if mm := re.fullmatch(r"Find f\((-?\d+(?:/\d+)?)\)\.", ask):
        assert g is None
        return "eval", value_at(f, num(mm[1]))
    if mm := re.fullmatch(r"Find f\(([fg])\((-?\d+(?:/\d+)?)\)\)\.", ask):
        inner = f if mm[1] == "f" else g
        assert inner is not None and (mm[1] == "f") == (g is None), q
        return "compose", value_at(f, value_at(inner, num(mm[2])))
    if mm := re.fullmatch(r"Find the value of x for which f\(x\) = (-?\d+(?:/\d+)?)\.", ask):
        assert g is None
        return "solve", unique_solution(f, num(mm[1]))
    if mm := re.fullmatch(r"The function f is one-to-one\. Find f\^\{-1\}\((-?\d+(?:/\d+)?)\)\.", ask):
        assert g is None
        # one-to-one check: f' never identically zero and f(x1)=f(x2) => x1=x2 for (ax+b)/(cx+d): ad-bc != 0
        n, d = sp.fraction(sp.together(f))
        assert sp.degree(n, x) <= 1 and sp.degree(d, x) <= 1
        assert sp.simplify(sp.diff(f, x)) != 0
        return "inverse", unique_solution(f, num(mm[1]))
    if mm := re.fullmatch(r"Find the value of x for which f\(g\(x\)\) = (-?\d+(?:/\d+)?)\.", ask):
        assert g is not None
        return "solve_compose", unique_solution(f.subs(x, g), num(mm[1]))
    raise AssertionError(q)


def check_funceval(fam, p, level):
    # an AssertionError (no unique solution off the poles, unparsed text) is reported by the runner as a mismatch
    kind, mine = solve_funceval(p.question)
    g = p.answer
    issues = []
    if not isinstance(g, Fraction) or sp.Rational(g.numerator, g.denominator) != mine:
        issues.append("MISMATCH")
    if kind != p.metadata["kind"]:
        issues.append("kind")
    return Outcome(mine, issues)


# ------------------------------------------------------------------ Inequalities
xr = sp.Symbol("x", real=True)
REL = {"<": sp.Lt, "≤": sp.Le, ">": sp.Gt, "≥": sp.Ge}
PREFIX = "Solve for x and give the solution set in interval notation: "


def ineq_expr(s):
    s = s.strip().replace("^", "**")
    assert re.fullmatch(r"[0-9x+\-*/() ]+", s), s
    return parse_expr(s, local_dict={"x": xr}, transformations=T)


def parse_ans(a):
    out = sp.EmptySet
    for piece in a.split(r" \cup "):
        m = re.fullmatch(r"([\[(])(.+), (.+)([\])])", piece.strip())
        lo = -sp.oo if m[2] == r"-\infty" else sp.Rational(m[2])
        hi = sp.oo if m[3] == r"\infty" else sp.Rational(m[3])
        out = sp.Union(out, sp.Interval(lo, hi, m[1] == "(", m[4] == ")"))
    return out


def solve_ineq(q):
    assert q.startswith(PREFIX), q
    d = q[len(PREFIX) :]
    parts = re.split(r"\s*([<>≤≥])\s*", d)
    if len(parts) == 3:
        lhs, rhs = ineq_expr(parts[0]), ineq_expr(parts[2])
        return sp.solveset(REL[parts[1]](lhs, rhs), xr, sp.S.Reals), d
    assert len(parts) == 5, d
    a, m, b = ineq_expr(parts[0]), ineq_expr(parts[2]), ineq_expr(parts[4])
    s1 = sp.solveset(REL[parts[1]](a, m), xr, sp.S.Reals)
    s2 = sp.solveset(REL[parts[3]](m, b), xr, sp.S.Reals)
    return sp.Intersection(s1, s2), d


def check_ineq(fam, p, level):
    mine, d = solve_ineq(p.question)
    gold = parse_ans(p.answer)
    issues, flags = [], []
    if fam.answer_text(p) != p.answer:
        issues.append("answer_text differs")
    if sp.simplify(sp.Complement(mine, gold)) != sp.EmptySet or sp.simplify(sp.Complement(gold, mine)) != sp.EmptySet:
        issues.append("MISMATCH")
    if mine in (sp.EmptySet, sp.S.Reals):
        flags.append("DEGENERATE(empty/all reals)")
    if p.metadata.get("display") != d:
        issues.append("DISPLAY!=metadata")
    return Outcome(mine, issues, flags)


CHECKS = {
    "BaseConversion": check_base,
    "BooleanLogic": check_boolean,
    "FunctionEvaluation": check_funceval,
    "Inequalities": check_ineq,
}
