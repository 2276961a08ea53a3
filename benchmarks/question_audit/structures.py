"""Audit solvers (audit run g3): ListOps, MatrixOps, ModularArithmetic, PolynomialExpansion, PrimeFactorization,
Probability. solve_*(question) -> (mine, issues) and cmp_*(mine, gold); issues are well-posedness flags."""

import itertools
import math
import re
from fractions import Fraction

import sympy

from .common import IllPosed, Outcome, verdict

INT = r"-?\d+"


# ---------------------------------------------------------------- ListOps
def lo_tree(text):
    toks = re.findall(r"\[[A-Z]+|\]|-?\d+", text)
    stack, result, problems = [], None, []
    for t in toks:
        if t.startswith("["):
            stack.append([t[1:]])
            continue
        if t == "]":
            op, *args = stack.pop()
            if op == "MAX":
                v = max(args)
            elif op == "MIN":
                v = min(args)
            elif op == "SUM":
                v = sum(args)
            elif op == "SM":
                v = sum(args) % 10
            elif op == "MED":
                if len(args) % 2 == 0:
                    problems.append(f"MED with even count {args}")
                s = sorted(args)
                v = s[len(s) // 2]
            else:
                raise ValueError(op)
        else:
            v = int(t)
        if stack:
            stack[-1].append(v)
        else:
            result = v
    assert not stack
    return result, problems


def median(v):
    s = sorted(v)
    n = len(s)
    return Fraction(s[n // 2]) if n % 2 else Fraction(s[n // 2 - 1] + s[n // 2], 2)


def lo_step(step, cur):
    step = step.strip().rstrip(".")
    s = step[0].lower() + step[1:]
    m = re.fullmatch(r"(?:sort the list|arrange the entries) in (ascending|descending) order", s)
    if m:
        return sorted(cur, reverse=m.group(1) == "descending")
    m = re.fullmatch(
        r"(?:keep only (.+) \(in their current order\)|remove everything except (.+), keeping the order)", s
    )
    if m:
        what = m.group(1) or m.group(2)
        if what == "the even numbers":
            return [x for x in cur if x % 2 == 0]
        if what == "the odd numbers":
            return [x for x in cur if x % 2 != 0]
        mm = re.fullmatch(r"the numbers (greater|less) than (-?\d+)", what)
        if mm:
            a = int(mm.group(2))
            return [x for x in cur if (x > a if mm.group(1) == "greater" else x < a)]
        mm = re.fullmatch(r"the multiples of (\d+)", what)
        if mm:
            a = int(mm.group(1))
            return [x for x in cur if x % a == 0]
        raise ValueError(what)
    m = re.fullmatch(r"add (\d+) to every entry", s)
    if m:
        return [x + int(m.group(1)) for x in cur]
    m = re.fullmatch(r"subtract (\d+) from every entry", s)
    if m:
        return [x - int(m.group(1)) for x in cur]
    m = re.fullmatch(r"multiply every entry by (-?\d+)", s)
    if m:
        return [x * int(m.group(1)) for x in cur]
    m = re.fullmatch(r"(?:keep only the first (\d+) entries|cut the list down to its first (\d+) entries)", s)
    if m:
        return cur[: int(m.group(1) or m.group(2))]
    m = re.fullmatch(r"remove the first (\d+) entries", s)
    if m:
        return cur[int(m.group(1)) :]
    if s in ("reverse the list", "write the list backwards"):
        return cur[::-1]
    # v1 of the family says "(equal entries count separately)": repeats count with multiplicity, as computed here
    m = re.fullmatch(r"give the (\d+)(?:st|nd|rd|th) (smallest|largest) entry( \(equal entries count separately\))?", s)
    if m:
        k = int(m.group(1))
        srt = sorted(cur, reverse=m.group(2) == "largest")
        if k > len(cur):
            raise ValueError("k too large")
        if not m.group(3) and len(set(cur)) < len(cur):
            raise IllPosed("k-th entry of a list with repeats, wording does not say how repeats count")
        suf = {1: "st", 2: "nd", 3: "rd"}.get(k, "th")
        if not re.search(rf"\b{k}{suf}\b", s):
            raise ValueError("bad ordinal suffix " + s)
        return srt[k - 1]
    agg = {
        "give the sum of the entries": sum,
        "give the smallest entry": min,
        "give the largest entry": max,
        "give the median of the entries": median,
    }
    if s in agg:
        if not cur:
            raise ValueError("aggregate of empty list")
        v = agg[s](cur)
        return Fraction(v)
    raise ValueError("unknown step: " + s)


def solve_listops(q):
    issues = []
    if q.startswith("Evaluate the ListOps expression"):
        m = re.fullmatch(
            r"Evaluate the ListOps expression (\[.*\])\. MAX and MIN give the largest and smallest argument, "
            r"SUM the sum, SM the sum modulo 10, and MED the median \(the middle value after sorting\)\.",
            q,
        )
        assert m, q
        v, issues = lo_tree(m.group(1))
        return v, issues
    m = re.fullmatch(r"Start with the list \[([-\d, ]*)\]\. (.+)\. What is (the final list|the resulting number)\?", q)
    if m:
        steps = [m.group(2)]
    else:
        m = re.fullmatch(
            r"Start with the list \[([-\d, ]*)\] and apply these steps in order, each to the result of the "
            r"previous one: (.+)\. What is (the final list|the resulting number)\?",
            q,
        )
        assert m, q
        parts = re.split(r"(?:^|; )\((\d+)\) ", m.group(2))
        nums = parts[1::2]
        steps = parts[2::2]
        assert parts[0] == "" and nums == [str(i) for i in range(1, len(steps) + 1)], parts
    cur = [int(x) for x in m.group(1).split(",")]
    for i, st in enumerate(steps):
        if not isinstance(cur, list):
            raise ValueError("step after scalar")
        cur = lo_step(st, cur)
        if isinstance(cur, list) and not cur:
            issues.append(f"empty list after step {i + 1}")
    want = m.group(3)
    if isinstance(cur, list):
        if want != "the final list":
            issues.append("asks for number but result is list")
        return tuple(cur), issues
    if want != "the resulting number":
        issues.append("asks for list but result is number")
    return cur, issues


def cmp_listops(mine, gold):
    if isinstance(mine, tuple):
        return (
            isinstance(gold, tuple)
            and len(gold) == len(mine)
            and all(Fraction(a) == Fraction(b) for a, b in zip(mine, gold))
        )
    return not isinstance(gold, tuple) and Fraction(mine) == Fraction(gold)


# ---------------------------------------------------------------- MatrixOps
def parse_pm(s):
    rows = [r.strip() for r in s.split(r"\\")]
    out = []
    for r in rows:
        ent = []
        for e in r.split("&"):
            e = e.strip()
            mm = re.fullmatch(r"(-?)\\frac\{(\d+)\}\{(\d+)\}", e)
            ent.append(
                Fraction(int(mm.group(2)), int(mm.group(3))) * (-1 if mm.group(1) else 1) if mm else Fraction(int(e))
            )
        out.append(ent)
    assert len({len(r) for r in out}) == 1
    return sympy.Matrix(out)


def solve_matrix(q):
    issues = []
    m = re.fullmatch(
        r"Given \$A = \\begin\{pmatrix\} (.*?) \\end\{pmatrix\}\$(?: and \$B = \\begin\{pmatrix\} (.*?) \\end\{pmatrix\}\$)?, (.*)\.",
        q,
    )
    assert m, q
    A = parse_pm(m.group(1))
    B = parse_pm(m.group(2)) if m.group(2) else None
    ask = m.group(3)

    def need_b():
        if B is None:
            raise ValueError("B missing")

    if ask == "compute $A + B$":
        need_b()
        assert A.shape == B.shape
        R = A + B
    elif ask == "compute $A - B$":
        need_b()
        assert A.shape == B.shape
        R = A - B
    elif re.fullmatch(r"compute \$(-?\d+)A\$", ask):
        if B is not None:
            issues.append("B given but unused")
        R = int(re.fullmatch(r"compute \$(-?\d+)A\$", ask).group(1)) * A
    elif ask == "find the transpose $A^{T}$":
        R = A.T
    elif ask == "find the trace $\\operatorname{tr}(A)$":
        if A.rows != A.cols:
            issues.append("trace of non-square")
        R = A.trace()
    elif ask == "find the determinant $\\det(A)$":
        if A.rows != A.cols:
            issues.append("det of non-square")
        R = A.det(method="bareiss")
    elif ask == "compute the product $AB$":
        need_b()
        if A.cols != B.rows:
            issues.append("shape mismatch")
            return None, issues
        R = A * B
    elif ask == "find the inverse $A^{-1}$":
        if A.det() == 0:
            issues.append("singular")
            return None, issues
        R = A.inv()
    else:
        raise ValueError(ask)
    if isinstance(R, sympy.MatrixBase):
        return tuple(
            tuple(Fraction(int(sympy.fraction(v)[0]), int(sympy.fraction(v)[1])) for v in R.row(i))
            for i in range(R.rows)
        ), issues
    return Fraction(int(sympy.fraction(R)[0]), int(sympy.fraction(R)[1])), issues


def cmp_matrix(mine, gold):
    if mine is None:
        return False
    if isinstance(mine, tuple):
        if not isinstance(gold, tuple) or len(gold) != len(mine):
            return False
        for r1, r2 in zip(mine, gold):
            if len(r1) != len(r2):
                return False
            for a, b in zip(r1, r2):
                if Fraction(a) != Fraction(b):
                    return False
                if isinstance(b, Fraction) and b.denominator == 1:
                    return False  # stored type check (whole -> int)
        return True
    return not isinstance(gold, tuple) and Fraction(gold) == mine


# ---------------------------------------------------------------- ModularArithmetic
def solve_mod(q):
    issues = []
    m = re.fullmatch(r"What is (-?\d+) mod (\d+)\? Give the least non-negative residue\.", q)
    if m:
        return int(m.group(1)) % int(m.group(2)), issues
    m = re.fullmatch(r"Compute \((\d+) \+ (\d+)\) mod (\d+)\.", q)
    if m:
        return (int(m.group(1)) + int(m.group(2))) % int(m.group(3)), issues
    m = re.fullmatch(r"Compute \((\d+) × (\d+)\) mod (\d+)\.", q)
    if m:
        return (int(m.group(1)) * int(m.group(2))) % int(m.group(3)), issues
    m = re.fullmatch(r"Compute (\d+)\^(\d+) mod (\d+)\.", q)
    if m:
        a, k, mod = map(int, m.groups())
        # independent: sympy's Integer power modulo
        return int(sympy.Mod(sympy.Integer(a) ** k, mod)) if k < 2000 else pow(a, k, mod), issues
    m = re.fullmatch(
        r"Find the inverse of (\d+) modulo (\d+), that is the x in 0\.\.(\d+) with (\d+)x ≡ 1 \(mod (\d+)\)\.", q
    )
    if m:
        a, mod, hi, a2, mod2 = map(int, m.groups())
        if (a, mod, hi) != (a2, mod2, mod - 1):
            issues.append("inconsistent inverse text")
        sols = [x for x in range(0, hi + 1) if a * x % mod == 1 % mod]
        if len(sols) != 1:
            issues.append(f"{len(sols)} solutions")
        return (sols[0] if sols else None), issues
    m = re.fullmatch(r"Find the smallest non-negative integer x with (\d+)x ≡ (\d+) \(mod (\d+)\)\.", q)
    if m:
        a, b, mod = map(int, m.groups())
        sols = [x for x in range(mod) if (a * x - b) % mod == 0]
        if not sols:
            issues.append("no solution")
            return None, issues
        return sols[0], issues
    m = re.fullmatch(r"Let p = (\d+) \(a prime\)\. Compute (\d+)\^(\d+) · (\d+)\^\(-1\) mod p\.", q)
    if m:
        p, a, e, b = map(int, m.groups())
        if not sympy.isprime(p):
            issues.append("p not prime")
        if b % p == 0:
            issues.append("b not invertible")
            return None, issues
        binv = next(x for x in range(1, p) if b * x % p == 1)
        return pow(a, e, p) * binv % p, issues
    raise ValueError(q)


# ---------------------------------------------------------------- PolynomialExpansion
X, Y = sympy.symbols("x y")


def solve_poly(q):
    issues = []
    m = re.fullmatch(r"Expand and simplify: (.+)", q)
    assert m, q
    s = m.group(1)
    if not re.fullmatch(r"[-+ xy()\^\d]+", s):
        issues.append("unexpected characters: " + s)
    t = s.replace("^", "**")
    t = re.sub(r"(?<=[\dxy\)])\s*(?=[xy\(])", "*", t)
    t = re.sub(r"(?<=[xy\)])\s*(?=\d)", "*", t)  # should not occur, flag it
    if t != re.sub(r"(?<=[\dxy\)])\s*(?=[xy\(])", "*", s.replace("^", "**")):
        issues.append("digit after var/paren: " + s)
    expr = sympy.sympify(t, locals={"x": X, "y": Y})
    return sympy.expand(expr), issues


def cmp_poly(mine, gold):
    return sympy.expand(mine - gold) == 0


# ---------------------------------------------------------------- PrimeFactorization
def solve_prime(q):
    issues = []
    m = re.fullmatch(
        r"(?:Find the prime factorization of|Write as a product of primes:|Factor into primes:) (\d+)\.", q
    )
    assert m, q
    n = int(m.group(1))
    if sympy.isprime(n) or n < 4:
        issues.append("not composite")
    # own trial division
    fs, left, d = [], n, 2
    while d * d <= left:
        while left % d == 0:
            fs.append(d)
            left //= d
        d += 1
    if left > 1:
        fs.append(left)
    return tuple(sorted(fs)), issues


def cmp_prime(mine, gold):
    return tuple(sorted(gold)) == mine and all(sympy.isprime(g) for g in gold)


# ---------------------------------------------------------------- Probability
F = r"(\d+/\d+|\d+)"


def fr(s):
    return Fraction(s)


def is_prime(v):
    return v > 1 and all(v % d for d in range(2, v))


def dice_pred(text):
    m = re.fullmatch(r"the sum is at least (\d+)", text)
    if m:
        t = int(m.group(1))
        return lambda a, b: a + b >= t
    m = re.fullmatch(r"the sum is (\d+)", text)
    if m:
        t = int(m.group(1))
        return lambda a, b: a + b == t
    if text == "the two dice show the same number":
        return lambda a, b: a == b
    if text == "the first die is even":
        return lambda a, b: a % 2 == 0
    m = re.fullmatch(r"at least one die shows an? (\d+)", text)
    if m:
        t = int(m.group(1))
        return lambda a, b: a == t or b == t
    m = re.fullmatch(r"the first die shows at least (\d+)", text)
    if m:
        t = int(m.group(1))
        return lambda a, b: a >= t
    if text == "the first die shows more than the second":
        return lambda a, b: a > b
    raise ValueError(text)


def solve_prob(q):
    issues = []
    m = re.fullmatch(
        r"A fair (\d+)-sided die \(faces 1 to (\d+)\) is rolled\. What is the probability that it shows (.+)\?", q
    )
    if m:
        n, n2, ev = int(m.group(1)), int(m.group(2)), m.group(3)
        if n != n2:
            issues.append("faces mismatch")
        faces = range(1, n + 1)
        if mm := re.fullmatch(r"a number greater than (\d+)", ev):
            k = int(mm.group(1))
            good = [v for v in faces if v > k]
        elif mm := re.fullmatch(r"a number that is at most (\d+)", ev):
            k = int(mm.group(1))
            good = [v for v in faces if v <= k]
        elif mm := re.fullmatch(r"a multiple of (\d+)", ev):
            k = int(mm.group(1))
            good = [v for v in faces if v % k == 0]
        elif ev == "a prime number":
            good = [v for v in faces if is_prime(v)]
        elif mm := re.fullmatch(r"a number from (\d+) to (\d+)", ev):
            lo, hi = int(mm.group(1)), int(mm.group(2))
            good = [v for v in faces if lo <= v <= hi]
        else:
            raise ValueError(ev)
        return Fraction(len(good), n), issues
    m = re.fullmatch(
        r"A fair coin is flipped (\d+) times\. What is the probability of getting (exactly|at least|at most) (\d+) heads\?",
        q,
    )
    if m:
        n, how, k = int(m.group(1)), m.group(2), int(m.group(3))
        # count by dynamic programming over flips (independent of math.comb)
        counts = [1]
        for _ in range(n):
            counts = [a + b for a, b in zip(counts + [0], [0] + counts)]
        sel = {"exactly": [k], "at least": range(k, n + 1), "at most": range(0, k + 1)}[how]
        return Fraction(sum(counts[j] for j in sel), 2**n), issues
    m = re.fullmatch(
        r"A fair (\d+)-sided die and a fair (\d+)-sided die are rolled\. What is the probability that (.+)\?", q
    )
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        pred = dice_pred(m.group(3))
        pairs = list(itertools.product(range(1, a + 1), range(1, b + 1)))
        return Fraction(sum(pred(x, y) for x, y in pairs), len(pairs)), issues
    m = re.fullmatch(
        r"A bag holds (\d+) red, (\d+) blue and (\d+) green marbles\. One marble is drawn at random\. "
        r"What is the probability that it is (red|blue|green) or (red|blue|green)\?",
        q,
    )
    if m:
        c = {"red": int(m.group(1)), "blue": int(m.group(2)), "green": int(m.group(3))}
        if m.group(4) == m.group(5):
            issues.append("same colour twice")
        bag = [col for col, n in c.items() for _ in range(n)]
        return Fraction(sum(x in (m.group(4), m.group(5)) for x in bag), len(bag)), issues
    m = re.fullmatch(
        r"One card is drawn at random from a standard 52-card deck\. What is the probability that it is "
        r"(a card|a red card|a black card|a heart|a diamond|a club|a spade) with rank from (\d+) to (\d+) "
        r"\(ace = 1, jack = 11, queen = 12, king = 13\)(?: or a (heart|diamond|club|spade))?\?",
        q,
    )
    if m:
        suits = {
            "a card": {"H", "D", "C", "S"},
            "a red card": {"H", "D"},
            "a black card": {"C", "S"},
            "a heart": {"H"},
            "a diamond": {"D"},
            "a club": {"C"},
            "a spade": {"S"},
        }[m.group(1)]
        lo, hi = int(m.group(2)), int(m.group(3))
        extra = {"heart": "H", "diamond": "D", "club": "C", "spade": "S", None: None}[m.group(4)]
        deck = [(r, s) for r in range(1, 14) for s in "HDCS"]
        return Fraction(sum((s in suits and lo <= r <= hi) or s == extra for r, s in deck), 52), issues
    m = re.fullmatch(
        r"A bag holds (\d+) red and (\d+) blue marbles\. Two marbles are drawn at random without replacement\. "
        r"What is the probability that they are (both red|both blue|one of each)\?",
        q,
    )
    if m:
        bag = ["r"] * int(m.group(1)) + ["b"] * int(m.group(2))
        pairs = list(itertools.permutations(range(len(bag)), 2))
        test = {
            "both red": lambda u, v: u == v == "r",
            "both blue": lambda u, v: u == v == "b",
            "one of each": lambda u, v: u != v,
        }[m.group(3)]
        return Fraction(sum(test(bag[i], bag[j]) for i, j in pairs), len(pairs)), issues
    m = re.fullmatch(
        rf"Independent events A and B have P\(A\) = {F} and P\(B\) = {F}\. What is the probability that "
        r"(at least one of them happens|exactly one of them happens|neither happens|both happen)\?",
        q,
    )
    if m:
        p, r = fr(m.group(1)), fr(m.group(2))
        tot = Fraction(0)
        for a in (0, 1):
            for b in (0, 1):
                w = (p if a else 1 - p) * (r if b else 1 - r)
                ok = {
                    "at least one of them happens": a or b,
                    "exactly one of them happens": a + b == 1,
                    "neither happens": not a and not b,
                    "both happen": a and b,
                }[m.group(3)]
                tot += w if ok else 0
        return tot, issues
    m = re.fullmatch(
        rf"In each of (\d+) independent trials, (?:a fair die is rolled and shows a 6|a spinner lands on blue "
        rf"\(probability {F} each spin\))\. What is the probability that this happens in (exactly|at least) (\d+) "
        r"of the (\d+) trials\?",
        q,
    )
    if m:
        n, n2 = int(m.group(1)), int(m.group(5))
        if n != n2:
            issues.append("trial count mismatch")
        p = fr(m.group(2)) if m.group(2) else Fraction(1, 6)
        k, how = int(m.group(4)), m.group(3)
        tot = Fraction(0)
        for seq in itertools.product((0, 1), repeat=n):
            s = sum(seq)
            if (s == k) if how == "exactly" else (s >= k):
                w = Fraction(1)
                for x in seq:
                    w *= p if x else 1 - p
                tot += w
        return tot, issues
    m = re.fullmatch(
        r"(Two fair six-sided dice are|Two fair (\d+)-sided dice are|A fair (\d+)-sided die \(the first\) and a "
        r"fair (\d+)-sided die are) rolled\. Given that (.+), what is the probability that (.+)\?",
        q,
    )
    if m:
        if m.group(1).startswith("Two fair six"):
            a = b = 6
        elif m.group(2):
            a = b = int(m.group(2))
        else:
            a, b = int(m.group(3)), int(m.group(4))
        cond, targ = dice_pred(m.group(5)), dice_pred(m.group(6))
        pairs = [(x, y) for x in range(1, a + 1) for y in range(1, b + 1) if cond(x, y)]
        if not pairs:
            issues.append("empty condition")
            return None, issues
        return Fraction(sum(targ(x, y) for x, y in pairs), len(pairs)), issues
    m = re.fullmatch(
        rf"A condition affects {F} of a population\. A test detects it in {F} of people who have it, and gives a "
        rf"false positive for {F} of people who do not\. A random person tests positive\. What is the probability "
        r"that they have the condition\?",
        q,
    )
    if m:
        # population of 10^k people, integer counting
        pr, se, fp = map(fr, m.groups())
        N = math.lcm(pr.denominator * se.denominator, (pr.denominator) * fp.denominator) * 1
        sick = N * pr
        tp = sick * se
        fpp = (N - sick) * fp
        assert all(v.denominator == 1 for v in (sick, tp, fpp))
        return Fraction(tp, tp + fpp), issues
    m = re.fullmatch(
        rf"Urn 1 holds (\d+) red and (\d+) blue balls; urn 2 holds (\d+) red and (\d+) blue balls\. Urn 1 is "
        rf"chosen with probability {F}, otherwise urn 2, and one ball is drawn from it\. The ball is red\. "
        r"What is the probability that it came from urn 1\?",
        q,
    )
    if m:
        r1, b1, r2, b2 = map(int, m.groups()[:4])
        pk = fr(m.group(5))
        j1 = pk * Fraction(r1, r1 + b1)
        j2 = (1 - pk) * Fraction(r2, r2 + b2)
        return j1 / (j1 + j2), issues
    raise ValueError("unparsed: " + q)


def cmp_prob(mine, gold):
    return mine is not None and isinstance(gold, Fraction) and mine == gold and 0 < gold < 1


def _fr(v):
    v = Fraction(v)
    return str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"


def _render(name, mine):
    if name == "ListOps":
        return "[" + ", ".join(_fr(v) for v in mine) + "]" if isinstance(mine, tuple) else _fr(mine)
    if name == "MatrixOps":
        return (
            "[" + ", ".join("[" + ", ".join(_fr(v) for v in r) + "]" for r in mine) + "]"
            if isinstance(mine, tuple)
            else _fr(mine)
        )
    if name == "PolynomialExpansion":
        return str(mine)
    if name == "PrimeFactorization":
        from collections import Counter

        return " \\cdot ".join(f"{p}^{{{k}}}" if k > 1 else str(p) for p, k in sorted(Counter(mine).items()))
    return _fr(mine)


SOLVERS = {
    "ListOps": (solve_listops, cmp_listops),
    "MatrixOps": (solve_matrix, cmp_matrix),
    "ModularArithmetic": (solve_mod, cmp_mod := (lambda a, g: a is not None and type(g) is int and a == g)),
    "PolynomialExpansion": (solve_poly, cmp_poly),
    "PrimeFactorization": (solve_prime, cmp_prime),
    "Probability": (solve_prob, cmp_prob),
}


def _make_check(name):
    solve, cmp = SOLVERS[name]

    def check(fam, p, level):
        mine, issues = solve(p.question)
        problems, flags = [], list(issues)
        if not cmp(mine, p.answer):
            problems.append("audit answer differs from gold")
        if p.question not in fam.prompt(p):
            flags.append("question not in prompt")
        if mine is not None and verdict(fam, p, _render(name, mine)) != "CORRECT":
            problems.append(f"family verify rejects the audit answer {_render(name, mine)!r}")
        if verdict(fam, p, fam.answer_text(p)) != "CORRECT":
            problems.append("family verify rejects the gold answer_text")
        return Outcome(mine, problems, flags)

    return check


CHECKS = {name: _make_check(name) for name in SOLVERS}
