"""Audit solvers (audit run g2): Factoring, Fractions, GcdLcm, Limits, LinearEquations, LinearSystems.
Written as check(p, fam, level) -> (ok, mine, note); CHECKS adapts them to Outcome."""

import math
import re
from fractions import Fraction

import sympy as sp
from sympy.parsing.sympy_parser import implicit_multiplication, parse_expr, standard_transformations

from .common import brace_group, from_ok_note

# ------------------------------------------------------------------ Factoring
x, y = sp.symbols("x y")


def factoring_to_sympy(text):
    t = text.replace("−", "-")
    t = re.sub(r"(\d)\s*([xy(])", r"\1*\2", t)
    t = re.sub(r"([xy)])\s*([xy(])", r"\1*\2", t)
    t = re.sub(r"([xy)])\s*([xy(])", r"\1*\2", t)
    t = t.replace("^", "**")
    return sp.sympify(t, locals={"x": x, "y": y})


def gold_factors(ans):
    """Split the gold text into (constant, [(factor expr, power)]) independently of the family."""
    m = re.fullmatch(r"(-?\d*)((?:x|y)(?:\^(\d+))?)?((?:\([^()]*\)(?:\^\d+)?)*)", ans.replace(" ", ""))
    assert m, f"gold not in expected product shape: {ans}"
    const = m.group(1)
    const = -1 if const == "-" else (1 if const == "" else int(const))
    facs = []
    if m.group(2):
        facs.append((x if m.group(2)[0] == "x" else y, int(m.group(3) or 1)))
    for body, pw in re.findall(r"\(([^()]*)\)(?:\^(\d+))?", m.group(4)):
        facs.append((factoring_to_sympy(body), int(pw or 1)))
    return const, facs


def check_factoring(p, fam, level):
    q = p.question
    m = re.fullmatch(r"Factor completely over the integers: (.+)", q)
    assert m, q
    poly = sp.expand(factoring_to_sympy(m.group(1)))
    notes = []
    # the verifier uses metadata["expanded"]; it must equal the shown polynomial
    meta = sum(c * x ** e[0] * y ** e[1] for e, c in p.metadata["expanded"])
    if sp.expand(meta - poly) != 0:
        notes.append(f"metadata expanded {meta} != question {poly}")
    const, facs = gold_factors(p.answer)
    prod = const
    for f, k in facs:
        prod *= f**k
        P = sp.Poly(f, x, y)
        if P.total_degree() < 1:
            notes.append(f"constant factor {f}")
        if any(not c.is_Integer for c in P.coeffs()) or sp.gcd_list([int(c) for c in P.coeffs()]) != 1:
            notes.append(f"factor {f} not primitive integer")
        if not P.is_irreducible:
            notes.append(f"factor {f} reducible")
    if sp.expand(prod - poly) != 0:
        notes.append(f"gold expands to {sp.expand(prod)} != question {poly}")
    # my own complete factorization for reference
    mine = sp.factor_list(poly)

    # compare multiset of irreducible factors up to sign
    def norm(f):
        P = sp.Poly(f, x, y)
        return P if P.LC() > 0 else -P

    gold_ms = sorted((str(norm(f).as_expr()), k) for f, k in facs)
    mine_ms = sorted((str(norm(f).as_expr()), k) for f, k in mine[1])
    if gold_ms != mine_ms:
        notes.append(f"factor multiset differs: gold {gold_ms} mine {mine_ms}")
    if sp.Poly(poly, x, y).is_zero or sp.Poly(poly, x, y).total_degree() < 1:
        notes.append("degenerate polynomial")
    return not notes, sp.factor(poly), "; ".join(notes)


# ------------------------------------------------------------------ Fractions
FRAC_TOK = re.compile(r"\s*(?:(?P<mixed>-?\d+ \d+/\d+)|(?P<frac>-?\d+/\d+)|(?P<int>-?\d+)|(?P<op>[+×÷()]|-(?=\s)))")


def operand(s):
    neg = s.startswith("-")
    s = s.lstrip("-")
    if " " in s:
        w, f = s.split(" ")
        n, d = f.split("/")
        assert 0 < int(n) < int(d), f"bad mixed part {s}"
        v = int(w) + Fraction(int(n), int(d))
    elif "/" in s:
        n, d = s.split("/")
        v = Fraction(int(n), int(d))
    else:
        v = Fraction(int(s))
    return -v if neg else v


def frac_tokens(expr):
    expr = expr.replace("−", "-")
    pos, out = 0, []
    while pos < len(expr):
        m = FRAC_TOK.match(expr, pos)
        assert m and m.end() > pos, f"cannot tokenize at {expr[pos:]!r}"
        pos = m.end()
        if m.group("op"):
            out.append(m.group("op"))
        else:
            out.append(operand(m.group(0).strip()))
    return out


def frac_evaluate(toks):
    """Recursive descent: expr := term (('+'|'-') term)*; term := atom (('×'|'÷') atom)*; atom := num | '(' expr ')'."""
    i = 0

    def atom():
        nonlocal i
        t = toks[i]
        if t == "(":
            i += 1
            v = expr()
            assert toks[i] == ")"
            i += 1
            return v
        assert isinstance(t, Fraction), f"expected number, got {t}"
        i += 1
        return t

    def term():
        nonlocal i
        v = atom()
        while i < len(toks) and toks[i] in ("×", "÷"):
            op = toks[i]
            i += 1
            r = atom()
            v = v * r if op == "×" else v / r
        return v

    def expr():
        nonlocal i
        v = term()
        while i < len(toks) and toks[i] in ("+", "-"):
            op = toks[i]
            i += 1
            r = term()
            v = v + r if op == "+" else v - r
        return v

    v = expr()
    assert i == len(toks), "trailing tokens"
    return v


def check_fractions(p, fam, level):
    q = p.question
    notes = []
    m = re.fullmatch(r"Write (\d+)/(\d+) in lowest terms\.", q)
    if m:
        n, d = int(m.group(1)), int(m.group(2))
        mine = Fraction(n, d)
        if math.gcd(n, d) == 1:
            notes.append("already in lowest terms")
    else:
        m = re.fullmatch(
            r"Compute (.+)\. Give the result as a fraction in lowest terms( \(a mixed number is fine\))?\.", q
        )
        assert m, q
        mine = frac_evaluate(frac_tokens(m.group(1)))
        if bool(m.group(2)) != (level in (7, 8, 10)):
            notes.append("mixed-number wording on unexpected level")
    if not isinstance(p.answer, Fraction) or p.answer != mine:
        notes.append("value differs")
    return not notes, mine, "; ".join(notes)


# ------------------------------------------------------------------ GcdLcm
def nums(s):
    return [int(v) for v in re.findall(r"\d+", s)]


def check_gcdlcm(p, fam, level):
    q = p.question
    notes = []
    if m := re.fullmatch(r"Find (gcd|lcm)\((\d+), (\d+)\)\.", q):
        a, b = int(m.group(2)), int(m.group(3))
        mine = math.gcd(a, b) if m.group(1) == "gcd" else math.lcm(a, b)
    elif m := re.fullmatch(r"Find the (greatest common divisor|least common multiple) of ((?:\d+, )+\d+ and \d+)\.", q):
        ns = nums(m.group(2))
        mine = math.gcd(*ns) if m.group(1).startswith("greatest") else math.lcm(*ns)
        if len(set(ns)) != len(ns):
            notes.append("repeated number")
    elif m := re.fullmatch(
        r"Several .+ on a schedule: one every ((?:\d+, )*\d+ and \d+) (\w+)\. They all happen together right now\. "
        r"After how many (\w+) will they next all happen together\?",
        q,
    ):
        ns = nums(m.group(1))
        mine = math.lcm(*ns)
        if m.group(2) != m.group(3):
            notes.append("unit mismatch")
    elif m := re.fullmatch(
        r"Two positive integers have greatest common divisor (\d+) and least common multiple (\d+)\. "
        r"One of them is (\d+)\. What is the other\?",
        q,
    ):
        g, lcm, a = (int(v) for v in m.groups())
        if (g * lcm) % a:
            notes.append("g*l not divisible by a")
        mine = g * lcm // a
        if math.gcd(a, mine) != g or math.lcm(a, mine) != lcm:
            notes.append("no consistent other number")
    else:
        raise AssertionError(f"unrecognised question: {q}")
    if p.answer != mine or not isinstance(p.answer, int) or mine <= 0:
        notes.append("value differs")
    return not notes, mine, "; ".join(notes)


# ------------------------------------------------------------------ Limits
FUNCS = {r"\sin": "sin", r"\cos": "cos", r"\tan": "tan", r"\ln": "log"}


def conv(s):
    """A small LaTeX -> sympy-source converter for the constructs these questions use."""
    out, i = [], 0
    while i < len(s):
        if s.startswith(r"\frac", i):
            a, i = brace_group(s, i + 5)
            b, i = brace_group(s, i)
            out.append(f"(({conv(a)})/({conv(b)}))")
        elif s.startswith(r"\sqrt", i):
            a, i = brace_group(s, i + 5)
            out.append(f"sqrt({conv(a)})")
        elif s.startswith(r"\left|", i):
            j = s.index(r"\right|", i)
            out.append(f"Abs({conv(s[i + 6 : j])})")
            i = j + 7
        elif s.startswith(r"\left(", i):
            out.append("(")
            i += 6
        elif s.startswith(r"\right)", i):
            out.append(")")
            i += 7
        elif any(s.startswith(f, i) for f in FUNCS):
            f = next(f for f in FUNCS if s.startswith(f, i))
            i += len(f)
            a, i = brace_group(s, i) if s[i] == "{" else (None, i)
            assert a is not None, f"function without braces in {s}"
            out.append(f" {FUNCS[f]}({conv(a)})")
        elif s[i] == "^":
            a, i = brace_group(s, i + 1)
            out.append(f"**({conv(a)})")
        elif s[i] == "{":
            a, i = brace_group(s, i)
            out.append(f"({conv(a)})")
        elif s[i] == "\\":
            raise AssertionError(f"unknown command at {s[i : i + 12]!r}")
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def to_expr(latex):
    src = conv(latex)
    src = re.sub(r"(?<![a-z])e\*\*", "E**", src)
    assert not re.search(r"[a-df-wyzA-DF-Z]", re.sub(r"\b(sin|cos|tan|log|sqrt|Abs|E)\b", "", src)), src
    return parse_expr(
        src,
        local_dict={
            "x": x,
            "E": sp.E,
            "sin": sp.sin,
            "cos": sp.cos,
            "tan": sp.tan,
            "log": sp.log,
            "sqrt": sp.sqrt,
            "Abs": sp.Abs,
        },
        transformations=standard_transformations + (implicit_multiplication,),
    )


def as_answer(v):
    if v == sp.oo:
        return "oo"
    if v == -sp.oo:
        return "-oo"
    if v.is_Rational:
        return Fraction(int(v.p), int(v.q))
    return v


def check_limits(p, fam, level):
    m = re.fullmatch(r"Find \$\\lim_\{x \\to (.+?)\} (.+)\$\.", p.question)
    assert m, p.question
    point, body = m.group(1), m.group(2)
    f = to_expr(body)
    notes = []
    if point in (r"\infty", r"-\infty"):
        mine = as_answer(sp.limit(f, x, sp.oo if point == r"\infty" else -sp.oo))
    else:
        pm = re.fullmatch(r"(-?\d+)(?:\^\{([+-])\})?", point)
        assert pm, point
        a = sp.Integer(int(pm.group(1)))
        if pm.group(2):
            mine = as_answer(sp.limit(f, x, a, dir=pm.group(2)))
        else:
            r, left = sp.limit(f, x, a, dir="+"), sp.limit(f, x, a, dir="-")
            mine = as_answer(r) if r == left else "DNE"
    if not (mine == p.answer and type(mine) is type(p.answer)):
        notes.append("value differs")
    return not notes, mine, "; ".join(notes) + f" | parsed f = {f}"


# ------------------------------------------------------------------ LinearEquations / LinearSystems
def linear_to_sympy(text, letters):
    t = text.replace("−", "-")
    assert re.fullmatch(r"[0-9a-z+\-*/() ]+", t), f"unexpected characters in {t!r}"
    used = set(re.findall(r"[a-z]", t))
    assert used <= set(letters), f"letters {used} not all unknowns {letters}"
    t = re.sub(r"(\d)\s*([a-z(])", r"\1*\2", t)
    t = re.sub(r"(\))\s*([a-z0-9(])", r"\1*\2", t)
    return sp.sympify(t, locals={c: sp.Symbol(c) for c in letters}, rational=True)


def check_eq(p, fam, level):
    m = re.fullmatch(r"Solve for ([a-z]): ([^=]+) = ([^=]+)", p.question)
    assert m, p.question
    v = m.group(1)
    lhs, rhs = linear_to_sympy(m.group(2), [v]), linear_to_sympy(m.group(3), [v])
    X = sp.Symbol(v)
    expr = sp.expand(lhs - rhs)
    poly = sp.Poly(expr, X)
    notes = []
    if poly.degree() != 1:
        notes.append(f"not a unique solution: lhs-rhs = {expr}")
        return False, None, "; ".join(notes)
    a, b = poly.all_coeffs()
    mine = Fraction(int(sp.fraction(-b / a)[0]), int(sp.fraction(-b / a)[1]))
    if v != p.metadata["variable"]:
        notes.append("variable differs from metadata")
    if level <= 4 or level == 6:
        if mine.denominator != 1:
            notes.append("spec says integer at this level but solution is fractional")
    if p.answer != mine:
        notes.append("value differs")
    return not notes, mine, "; ".join(notes)


def check_sys(p, fam, level):
    lines = p.question.split("\n")
    m = re.fullmatch(r"Solve the system of equations for ((?:[a-z], )+[a-z]):", lines[0])
    assert m, lines[0]
    names = m.group(1).split(", ")
    syms = [sp.Symbol(n) for n in names]
    eqs = []
    for line in lines[1:]:
        lhs, rhs = line.split(" = ")
        eqs.append(sp.Eq(linear_to_sympy(lhs, names), linear_to_sympy(rhs, names)))
    notes = []
    if len(eqs) != len(names):
        notes.append(f"{len(eqs)} equations for {len(names)} unknowns")
    A, bvec = sp.linear_eq_to_matrix(eqs, syms)
    if A.shape[0] != A.shape[1] or A.det() == 0:
        notes.append("not a unique solution")
        return False, None, "; ".join(notes)
    sol = A.LUsolve(bvec)
    mine = tuple(Fraction(int(sp.fraction(s)[0]), int(sp.fraction(s)[1])) for s in sol)
    if names != p.metadata["names"]:
        notes.append("names differ from metadata")
    if tuple(p.answer) != mine:
        notes.append("value differs")
    return not notes, mine, "; ".join(notes)


def _adapt(check):
    return lambda fam, p, level: from_ok_note(*check(p, fam, level))


CHECKS = {
    "Factoring": _adapt(check_factoring),
    "Fractions": _adapt(check_fractions),
    "GcdLcm": _adapt(check_gcdlcm),
    "Limits": _adapt(check_limits),
    "LinearEquations": _adapt(check_eq),
    "LinearSystems": _adapt(check_sys),
}
