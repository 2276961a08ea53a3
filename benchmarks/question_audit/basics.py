"""Audit solvers (audit run g1): Arithmetic, ArithmeticGeometricSequences, Countdown, DecimalsPercents,
Divisibility, ExponentsRoots. Each parses p.question only and returns an Outcome; problems are mismatches."""

import math
import re
from collections import Counter
from fractions import Fraction as F

import sympy

from .common import Outcome, brace_group, evaluate

# ------------------------------------------------------------------ Arithmetic
ARITH_Q = re.compile(r"^(?:What is (.+)\?|Evaluate (.+)\.)$")


def check_arithmetic(fam, p, level):
    m = ARITH_Q.match(p.question)
    problems, v = [], None
    if not m:
        problems.append("question not parsed")
    else:
        expr = m.group(1) or m.group(2)
        try:
            v, parser = evaluate(expr)
            if v.denominator != 1:
                problems.append(f"non-integer value {v}")
            if parser.inexact_div:
                problems.append("a division in the text is not exact")
            if not isinstance(p.answer, int) or isinstance(p.answer, bool):
                problems.append(f"gold type {type(p.answer)}")
            if v != p.answer:
                problems.append(f"mine={v}")
            if fam.answer_text(p) != str(p.answer) and fam.answer_text(p).replace("−", "-") != str(p.answer):
                problems.append(f"answer_text {fam.answer_text(p)!r}")
        except ZeroDivisionError:
            problems.append("division by zero in text")
    return Outcome(v, problems)


# ------------------------------------------------------------------ Countdown
COUNTDOWN_Q = re.compile(
    r"^Using the numbers ([\d, ]+) \((each number at most once|each number at most as many times as it appears); "
    r"you need not use them all\), make (\d+) with (.+) and parentheses\.$"
)
OPSYM = {"+": "+", "−": "-", "×": "*", "÷": "/"}


def check_countdown(fam, p, level):
    probs = []
    m = COUNTDOWN_Q.match(p.question)
    target = None
    if not m:
        probs.append("unparsed")
    else:
        nums = [int(x) for x in m.group(1).split(", ")]
        rule, target = m.group(2), int(m.group(3))
        ops = {OPSYM[s] for s in m.group(4).split(", ")}
        repeated = len(set(nums)) < len(nums)
        if repeated != (rule != "each number at most once"):
            probs.append("rule phrase wrong")
        if target != p.answer:
            probs.append(f"target {target} != gold {p.answer}")
        if Counter(nums) != Counter(p.metadata["numbers"]):
            probs.append(f"metadata numbers {p.metadata['numbers']} != text")
        if target in nums:
            probs.append("target is a given number")
        sol = fam.answer_text(p)
        try:
            v, parser = evaluate(sol)
            if v != target:
                probs.append(f"reference solution {sol!r} = {v}")
            if Counter(parser.leaves) - Counter(nums):
                probs.append(f"solution uses numbers not given: {sol}")
            used = set(parser.ops)
            if "neg" in used:
                probs.append("unary minus in solution")
            if used - ops:
                probs.append(f"solution uses ops {used - ops} not allowed in text")
        except Exception as e:  # noqa: BLE001 - an unparsable reference solution is a finding
            probs.append(f"solution unparsable {e}")
        if fam.verify(p, f"\\boxed{{{sol}}}").status.value != "CORRECT":
            probs.append("family verifier rejects its own reference solution")
    return Outcome(target, probs)


# ------------------------------------------------------------------ DecimalsPercents
D = r"-?\d+(?:\.\d+)?"
FR = r"\d+/\d+"
SUFFIX = {
    " Give the answer as an exact number (integer or decimal).": "decimal",
    " Give the answer as a percentage.": "percent",
}


def mult(c):
    return 1 + F(c) / 100


def solve_decimals(q):
    form = None
    for suf, f in SUFFIX.items():
        if q.endswith(suf):
            q, form = q[: -len(suf)], f
    m = re.fullmatch(rf"Compute ({D}) ([-+×÷]) ({D})\.", q)
    if m:
        a, op, b = F(m.group(1)), m.group(2), F(m.group(3))
        return form, {"+": a + b, "-": a - b, "×": a * b, "÷": a / b}[op]
    m = re.fullmatch(rf"Write ({FR}|{D}%?) as (a decimal|a fraction in lowest terms|a percentage)\.", q)
    if m:
        assert form is None
        src = m.group(1)
        x = F(src[:-1]) / 100 if src.endswith("%") else F(src)
        target = {"a decimal": "decimal", "a fraction in lowest terms": "fraction", "a percentage": "percent"}[
            m.group(2)
        ]
        return target, x * 100 if target == "percent" else x
    m = re.fullmatch(rf"What is ({D})% of ({D})\?", q)
    if m:
        return form, F(m.group(1)) / 100 * F(m.group(2))
    m = re.fullmatch(rf"({D}) is what percent of ({D})\?", q)
    if m:
        return form, F(m.group(1)) / F(m.group(2)) * 100
    m = re.fullmatch(
        rf"A price (rises|falls) from ({D}) to ({D})\. What is the percent (increase|decrease) \(a positive number\)\?",
        q,
    )
    if m:
        old, new = F(m.group(2)), F(m.group(3))
        assert (m.group(1) == "rises") == (new > old) == (m.group(4) == "increase"), "direction words wrong"
        return form, abs(new - old) / old * 100
    m = re.fullmatch(
        rf"After a (\d+)% (increase|discount), an item costs ({D})\. What was the price before the change\?", q
    )
    if m:
        p, new = int(m.group(1)), F(m.group(3))
        return form, new / mult(p if m.group(2) == "increase" else -p)
    CH = r"((?:(?:increased|decreased) by \d+%(?:, then )?)+)"

    def changes(t):
        return [int(n) * (1 if w == "increased" else -1) for w, n in re.findall(r"(increased|decreased) by (\d+)%", t)]

    m = re.fullmatch(
        rf"A quantity is {CH}\. What is the overall percent change\? Give a signed percentage \(negative for a decrease\)\.",
        q,
    )
    if m:
        prod = F(1)
        for c in changes(m.group(1)):
            prod *= mult(c)
        return form, (prod - 1) * 100
    m = re.fullmatch(rf"A value of (\d+) is {CH}\. What is the final value, exactly\?", q)
    if m:
        v = F(m.group(1))
        for c in changes(m.group(2)):
            v *= mult(c)
        return form, v
    raise AssertionError("unparsed: " + q)


def terminating(x):
    d = x.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


def check_decimals(fam, p, level):
    probs = []
    form, mine = solve_decimals(p.question)
    if form is None:
        probs.append("no answer form in text")
    if form != p.metadata.get("form"):
        probs.append(f"text form {form} != metadata form {p.metadata.get('form')}")
    if mine != p.answer:
        probs.append(f"mine={mine}")
    if form in ("decimal", "percent") and not terminating(mine):
        probs.append("answer is not a terminating decimal")
    txt = fam.answer_text(p)
    back = F(txt[:-1]) if txt.endswith("%") else F(txt)
    if back != mine:
        probs.append(f"answer_text {txt!r} != {mine}")
    if form == "percent" and not txt.endswith("%"):
        probs.append("percent text without %")
    if form == "fraction" and "." in txt:
        probs.append("fraction text is decimal")
    return Outcome(mine, probs)


# ------------------------------------------------------------------ Divisibility
def divisors(n):
    out = []
    i = 1
    while i * i <= n:
        if n % i == 0:
            out.append(i)
            if i * i != n:
                out.append(n // i)
        i += 1
    return out


def factor(n):
    f, p = {}, 2
    while p * p <= n:
        while n % p == 0:
            f[p] = f.get(p, 0) + 1
            n //= p
        p += 1
    if n > 1:
        f[n] = f.get(n, 0) + 1
    return f


def vp_fact(n, p):
    """exponent of p in n! by adding the multiplicity of p in each of 1..n (no Legendre)."""
    tot = 0
    for i in range(p, n + 1, p):
        while i % p == 0:
            tot += 1
            i //= p
    return tot


def solve_divisibility(q):
    m = re.fullmatch(r"How many multiples of (\d+) are there among the integers 1, 2, \.\.\., (\d+)\?", q)
    if m:
        k, n = int(m.group(1)), int(m.group(2))
        return sum(1 for i in range(1, n + 1) if i % k == 0)
    m = re.fullmatch(r"What is the largest multiple of (\d+) that is less than or equal to (\d+)\?", q)
    if m:
        k, n = int(m.group(1)), int(m.group(2))
        return next(i for i in range(n, 0, -1) if i % k == 0)
    m = re.fullmatch(r"What is the smallest multiple of (\d+) that is greater than (\d+)\?", q)
    if m:
        k, n = int(m.group(1)), int(m.group(2))
        return next(i for i in range(n + 1, n + k + 1) if i % k == 0)
    m = re.fullmatch(r"What is the smallest integer greater than (\d+) that is divisible by (\d+)\?", q)
    if m:
        n, k = int(m.group(1)), int(m.group(2))
        return next(i for i in range(n + 1, n + k + 1) if i % k == 0)
    m = re.fullmatch(r"How many positive divisors does (\d+) have\?", q)
    if m:
        return len(divisors(int(m.group(1))))
    m = re.fullmatch(r"What is the sum of all positive divisors of (\d+) \(including 1 and (\d+)\)\?", q)
    if m:
        assert m.group(1) == m.group(2)
        return sum(divisors(int(m.group(1))))
    m = re.fullmatch(r"How many integers from 1 to (\d+) are divisible by (\d+) or by (\d+) \(or both\)\?", q)
    if m:
        n, a, b = map(int, m.groups())
        return sum(1 for i in range(1, n + 1) if i % a == 0 or i % b == 0)
    m = re.fullmatch(r"How many integers from 1 to (\d+) are divisible by none of (\d+), (\d+) and (\d+)\?", q)
    if m:
        n, a, b, c = map(int, m.groups())
        return sum(1 for i in range(1, n + 1) if i % a and i % b and i % c)
    m = re.fullmatch(r"What is the smallest positive integer k such that (\d+)·k is a perfect (square|cube)\?", q)
    if m:
        n, k = int(m.group(1)), {"square": 2, "cube": 3}[m.group(2)]
        ans = 1
        for p, e in factor(n).items():
            ans *= p ** ((-e) % k)
        r = round((n * ans) ** (1 / k))
        assert any((r + d) ** k == n * ans for d in (-1, 0, 1)), "not a perfect power"
        return ans
    m = re.fullmatch(r"What is the largest integer e such that (\d+)\^e divides (\d+)! \?", q)
    if m:
        base, n = int(m.group(1)), int(m.group(2))
        f = factor(base)
        assert len(f) == 1 and base > 1, f"base {base} not a prime power"
        ((p, k),) = f.items()
        e = vp_fact(n, p) // k
        fact = math.factorial(n)
        assert fact % base**e == 0 and fact % base ** (e + 1) != 0
        return e
    m = re.fullmatch(r"How many zeros does (\d+)! end with\?", q)
    if m:
        f, z = math.factorial(int(m.group(1))), 0
        while f % 10 == 0:
            f //= 10
            z += 1
        return z
    raise AssertionError("unparsed")


def check_divisibility(fam, p, level):
    mine = solve_divisibility(p.question)
    ok = mine == p.answer and fam.answer_text(p) == str(mine)
    return Outcome(mine, [] if ok else [f"mine={mine}"])


# ------------------------------------------------------------------ ExponentsRoots
LATEX_SYMBOLS = (("\\left(", "("), ("\\right)", ")"), ("\\cdot", "*"), ("\\div", "/"))


def latex_to_py(s):
    out, i = [], 0
    while i < len(s):
        symbol = next(((latex, plain) for latex, plain in LATEX_SYMBOLS if s.startswith(latex, i)), None)
        if symbol:
            out.append(symbol[1])
            i += len(symbol[0])
            continue
        if s.startswith("\\frac", i):
            a, i = brace_group(s, i + 5)
            b, i = brace_group(s, i)
            out.append(f"(({latex_to_py(a)})/({latex_to_py(b)}))")
            continue
        if s.startswith("\\sqrt", i):
            i += 5
            k = "2"
            if s[i] == "[":
                j = s.index("]", i)
                k = s[i + 1 : j]
                i = j + 1
            a, i = brace_group(s, i)
            if out and (out[-1][-1:].isdigit() or out[-1].endswith(")")):
                out.append("*")  # 3\sqrt{..}
            out.append(f"root(Integer({latex_to_py(a)}), {k})")
            continue
        if s[i] == "^":
            a, i = brace_group(s, i + 1)
            out.append(f"**({latex_to_py(a)})")
            continue
        if s[i] == "\\":
            raise ValueError("unknown command " + s[i : i + 10])
        out.append(s[i])
        i += 1
    return "".join(out)


def latex_value(latex):
    py = latex_to_py(latex)
    return sympy.sympify(py, locals={"root": sympy.root, "Integer": sympy.Integer}, rational=True), py


GOLD_RAD = re.compile(r"(-?)(\d*)(?:\\sqrt(?:\[(\d)\])?\{(\d+)\})?")


def parse_gold_radical(t):
    m = GOLD_RAD.fullmatch(t)
    assert m and (m.group(2) or m.group(4)), f"gold radical text {t!r}"
    c = int(m.group(2)) if m.group(2) else 1
    c = -c if m.group(1) else c
    if m.group(4) is None:
        return c, 1, 1
    return c, int(m.group(4)), int(m.group(3) or 2)


def simplest(c, n, k):
    if n == 1:
        return True
    if c == 0 or n < 1:
        return False
    return all(n % (p**k) for p in sympy.primerange(2, n + 1) if p**k <= n)


EXP_Q = re.compile(
    r"(Evaluate|Simplify) \$(.+)\$\.( Give an integer or a fraction in lowest terms\.| Write the answer in simplest radical form\.)?"
)


def check_exponents(fam, p, level):
    probs = []
    m = EXP_Q.fullmatch(p.question)
    assert m, "unparsed question"
    verb, latex, extra = m.groups()
    form = {
        None: "integer",
        " Give an integer or a fraction in lowest terms.": "fraction",
        " Write the answer in simplest radical form.": "radical",
    }[extra]
    if form != p.metadata["form"]:
        probs.append(f"text form {form} != metadata {p.metadata['form']}")
    if (verb == "Simplify") != (form == "radical"):
        probs.append("verb/form mismatch")
    v, py = latex_value(latex)
    if form in ("integer", "fraction"):
        if not v.is_Rational:
            probs.append(f"value {v} not rational")
        else:
            mine = F(int(v.p), int(v.q))
            if form == "integer" and mine.denominator != 1:
                probs.append(f"integer form but value {mine}")
            if mine != p.answer:
                probs.append(f"mine={mine} (py {py})")
            if F(fam.answer_text(p)) != mine:
                probs.append(f"answer_text {fam.answer_text(p)!r}")
    else:
        c, n, k = parse_gold_radical(p.answer)
        if not simplest(c, n, k):
            probs.append("gold not in simplest form")
        gold_val = c * sympy.root(sympy.Integer(n), k) if n != 1 else sympy.Integer(c)
        if sympy.simplify(gold_val - v) != 0:
            probs.append(f"mine={v} (py {py})")
        if v.is_Rational:
            probs.append("radical question has a rational value")
    return Outcome(v, probs)


# ------------------------------------------------------------------ ArithmeticGeometricSequences
NUM = r"-?\d+(?:/\d+)?"


def seq(text):
    return [F(x) for x in re.findall(NUM, text)]


def check_arith(v):
    d = v[1] - v[0]
    assert all(v[i + 1] - v[i] == d for i in range(len(v) - 1)), f"not arithmetic {v}"
    return v[0], d


def check_geo(v):
    assert v[0] != 0
    r = v[1] / v[0]
    assert all(v[i + 1] == v[i] * r for i in range(len(v) - 1)), f"not geometric {v}"
    return v[0], r


def real_root(q, k):
    """The real k-th roots of rational q that are rational; returns list."""
    out = []
    for cand_sign in (1, -1):
        num, den = abs(q.numerator), q.denominator
        a = round(num ** (1 / k))
        b = round(den ** (1 / k))
        for aa in (a - 1, a, a + 1):
            for bb in (b - 1, b, b + 1):
                if aa >= 0 and bb > 0 and F(aa, bb) ** k == abs(q):
                    r = cand_sign * F(aa, bb)
                    if r**k == q and r not in out:
                        out.append(r)
    return out


SEQ_PATS = [
    (
        "term_a",
        re.compile(r"^The arithmetic sequence (.+?) continues in the same way\. What is its term number (\d+)\?$"),
    ),
    (
        "term_g",
        re.compile(r"^The geometric sequence (.+?) continues in the same way\. What is its term number (\d+)\?$"),
    ),
    ("sum_a", re.compile(r"^Find the sum of the first (\d+) terms of the arithmetic sequence (.+)$")),
    ("sum_g", re.compile(r"^Find the sum of the first (\d+) terms of the geometric sequence (.+)$")),
    (
        "diff",
        re.compile(
            rf"^In an arithmetic sequence, a_(\d+) = ({NUM}) and a_(\d+) = ({NUM})\. What is the common difference\?$"
        ),
    ),
    ("two", re.compile(rf"^In an arithmetic sequence, a_(\d+) = ({NUM}) and a_(\d+) = ({NUM})\. Find a_(\d+)\.$")),
    (
        "ratio",
        re.compile(
            rf"^In a geometric sequence of real numbers, a_(\d+) = ({NUM}) and a_(\d+) = ({NUM})\. What is the common ratio\?$"
        ),
    ),
    ("inf", re.compile(r"^Find the sum of the infinite geometric series (.+) \+ \.\.\.$")),
    (
        "bound",
        re.compile(
            r"^What is the smallest n such that the sum of the first n terms of the arithmetic sequence (.+?) is greater than (\d+)\?$"
        ),
    ),
]


def solve_sequences(q):
    for kind, pat in SEQ_PATS:  # noqa: B007 - kind is used after the loop breaks
        m = pat.match(q)
        if m:
            break
    else:
        raise AssertionError("unparsed")
    g = m.groups()
    if kind in ("term_a", "term_g"):
        assert g[0].endswith(", ..."), g[0]
        v = seq(g[0])
        assert len(v) == 4
        n = int(g[1])
        if kind == "term_a":
            a, d = check_arith(v)
            return a + (n - 1) * d
        a, r = check_geo(v)
        return a * r ** (n - 1)
    if kind in ("sum_a", "sum_g"):
        assert g[1].endswith(", ..."), g[1]
        n = int(g[0])
        v = seq(g[1])
        assert len(v) == 4
        if kind == "sum_a":
            a, d = check_arith(v)
            return sum(a + i * d for i in range(n))
        a, r = check_geo(v)
        return sum(a * r**i for i in range(n))
    if kind == "diff":
        m_, am, n_, an = int(g[0]), F(g[1]), int(g[2]), F(g[3])
        assert n_ != m_
        return (an - am) / (n_ - m_)
    if kind == "two":
        p, ap, qq, aq, n = int(g[0]), F(g[1]), int(g[2]), F(g[3]), int(g[4])
        assert p != qq
        d = (aq - ap) / (qq - p)
        return ap + (n - p) * d
    if kind == "ratio":
        m_, am, n_, an = int(g[0]), F(g[1]), int(g[2]), F(g[3])
        k = n_ - m_
        assert am != 0 and k > 0
        roots = real_root(an / am, k)
        # real (not just rational) roots: for odd k exactly one real root; for even k and positive q two
        assert k % 2 == 1, f"even gap {k}: two real ratios"
        assert len(roots) == 1, f"rational roots {roots}"
        return roots[0]
    if kind == "inf":
        terms = [F(t.strip().strip("()")) for t in g[0].split(" + ")]
        assert len(terms) == 3
        a, r = check_geo(terms)
        assert abs(r) < 1, f"divergent r={r}"
        return a / (1 - r)
    # kind == "bound"
    assert g[0].endswith(", ...")
    v = seq(g[0])
    a, d = check_arith(v)
    bound = int(g[1])
    assert d > 0 or a > 0
    s, n = F(0), 0
    while True:
        n += 1
        s += a + (n - 1) * d
        if s > bound:
            return F(n)
        assert n < 10**6


def check_sequences(fam, p, level):
    mine = solve_sequences(p.question)
    ok = isinstance(p.answer, F) and mine == p.answer and F(fam.answer_text(p)) == mine
    return Outcome(mine, [] if ok else [f"mine={mine} text={fam.answer_text(p)!r}"])


CHECKS = {
    "Arithmetic": check_arithmetic,
    "ArithmeticGeometricSequences": check_sequences,
    "Countdown": check_countdown,
    "DecimalsPercents": check_decimals,
    "Divisibility": check_divisibility,
    "ExponentsRoots": check_exponents,
}
