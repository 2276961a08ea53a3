"""Audit solvers (audit run g4, part 1): Counting and WordProblems. Counting computes by other methods (DP,
generating functions, Stirling numbers, position counting) and, where small, by brute-force enumeration;
WordProblems parses the story sentence by sentence and computes with Fraction."""

import itertools
import re
from collections import Counter
from fractions import Fraction as F
from functools import lru_cache
from math import comb, factorial, prod

from .common import IllPosed, Outcome

# ------------------------------------------------------------------ Counting
brute_checks = Counter()  # how many brute-force cross-checks ran (informational)


def stirling2(n, k):
    S = [[0] * (k + 1) for _ in range(n + 1)]
    S[0][0] = 1
    for i in range(1, n + 1):
        for j in range(1, k + 1):
            S[i][j] = j * S[i - 1][j] + S[i - 1][j - 1]
    return S[n][k]


def contains_dp(q, t, n):
    # state: set of required letters seen so far (bitmask); each position: one of t required or q-t others
    dp = {0: 1}
    for _ in range(n):
        nd = Counter()
        for mask, c in dp.items():
            nd[mask] += c * (q - t)
            for i in range(t):
                nd[mask | (1 << i)] += c
        dp = nd
    return dp.get((1 << t) - 1, 0)


def bounded_gf(k, n, c):
    poly = [1]
    for _ in range(k):
        new = [0] * (len(poly) + c)
        for i, a in enumerate(poly):
            for j in range(c + 1):
                new[i + j] += a
        poly = new
    return poly[n] if n < len(poly) else 0


@lru_cache(None)
def seats_b(n, b, circle, rule):
    if rule == "together":
        # labelled seats 0..n-1: windows where the b named people occupy consecutive seats
        windows = n if circle else n - b + 1
        linear = windows * factorial(b) * factorial(n - b)
    else:  # pair apart
        adjacent_ordered_pairs = 2 * (n if circle else n - 1)
        linear = (n * (n - 1) - adjacent_ordered_pairs) * factorial(n - 2)
    ans = linear // n if circle else linear
    if n <= 8:  # brute force: enumerate seatings, identify rotations for the circle
        brute_checks["seats"] += 1
        ppl = list(range(n))
        named = list(range(b))
        seen = 0
        canon = set()
        for pmt in itertools.permutations(ppl):
            pos = {p: i for i, p in enumerate(pmt)}

            def adj(x, y, pos=pos):
                d = abs(pos[x] - pos[y])
                return d == 1 or (circle and d == n - 1)

            if rule == "together":
                ps = sorted(pos[x] for x in named)
                if circle:
                    ok = any(all(((s + j) % n) in set(ps) for j in range(b)) for s in range(n))
                else:
                    ok = ps[-1] - ps[0] == b - 1
            else:
                ok = not adj(0, 1)
            if ok:
                if circle:
                    i0 = pmt.index(0)
                    canon.add(pmt[i0:] + pmt[:i0])
                else:
                    seen += 1
        brute = len(canon) if circle else seen
        assert brute == ans, ("seat formula vs brute", n, b, circle, rule, brute, ans)
    return ans


def solve_counting(q):
    if m := re.fullmatch(
        r"An outfit is one of each kind of item\. With (.*), how many different outfits are there\?", q
    ):
        parts = re.split(r", | and (?=\d)", m[1])
        items = [re.fullmatch(r"(\d+) (shirts|pairs of trousers|hats|pairs of shoes)", p) for p in parts]
        assert len({i[2] for i in items}) == len(items)
        return prod(int(i[1]) for i in items)
    if m := re.fullmatch(r"In how many ways can (\d+) different [a-z]+ be arranged in a row\?", q):
        n = int(m[1])
        if n <= 7:
            brute_checks["perm"] += 1
            assert sum(1 for _ in itertools.permutations(range(n))) == factorial(n)
        return factorial(n)
    if m := re.fullmatch(
        r"An? [a-z]+ has (\d+) members\. In how many ways can it choose (an?) (.*) \(different people\)\?", q
    ):
        roles = re.split(r", | and ", m[3])
        assert len(set(roles)) == len(roles)
        assert (m[2] == "an") == (roles[0][0] in "aeiou"), "article"
        n, k = int(m[1]), len(roles)
        return prod(range(n - k + 1, n + 1))
    if m := re.fullmatch(
        r"In how many ways can an? [a-z ]+ of (\d+) be chosen from (\d+) [a-z]+ \(order does not matter\)\?", q
    ):
        k, n = int(m[1]), int(m[2])
        return comb(n, k)
    if m := re.fullmatch(
        r"An? ([a-z]+) is a string of (\d+) symbols, each chosen from (\d+) symbols, and symbols may repeat\. How many \1s are possible\?",
        q,
    ):
        return int(m[3]) ** int(m[2])
    if (
        m := re.fullmatch(
            r"How many distinct arrangements in a row are there of the letter tiles ([A-Z](?:, [A-Z])*)\?", q
        )
    ) or (m := re.fullmatch(r"How many distinct arrangements of the letters of the word ([A-Z]+) are there\?", q)):
        letters = m[1].replace(", ", "")
        if len(letters) <= 8:
            brute_checks["word"] += 1
            return len(set(itertools.permutations(letters)))
        c = Counter(letters)
        return factorial(len(letters)) // prod(factorial(v) for v in c.values())
    if m := re.fullmatch(
        r"A committee needs (\d+) of (\d+) teachers and (\d+) of (\d+) students\. How many different committees are possible\?",
        q,
    ):
        a, M, b, W = map(int, m.groups())
        return comb(M, a) * comb(W, b)
    if m := re.fullmatch(
        r"A group has (\d+) ([a-z]+) and (\d+) ([a-z]+)\. How many ways are there to choose (\d+) people that include at least one ([a-z]+)\?",
        q,
    ):
        g, o, k = int(m[1]), int(m[3]), int(m[5])
        assert m[2].startswith(m[6]), ("at least one of which group", m[2], m[6])
        # direct sum over the number i >= 1 of the group's members chosen
        return sum(comb(g, i) * comb(o, k - i) for i in range(1, min(g, k) + 1))
    if m := re.fullmatch(
        r"In how many ways can (\d+) people, including (.*), be seated (in a row|around a round table \(rotations count as the same seating\)) if \2 (sit next to each other as a group|do not sit next to each other|sit next to each other)\?",
        q,
    ):
        n = int(m[1])
        names = re.split(r", | and ", m[2])
        assert len(set(names)) == len(names) <= n
        rule = "apart" if m[4].startswith("do not") else "together"
        if rule == "apart":
            assert len(names) == 2
        if m[4] == "sit next to each other" and len(names) > 2:
            raise AssertionError("ambiguous 'next to each other' for >2")
        return seats_b(n, len(names), m[3] != "in a row", rule)
    if m := re.fullmatch(
        r"(Strings|Words|Passwords) of length (\d+) are formed from an alphabet of (\d+) letters that includes ([A-Z](?:, [A-Z])*) \(letters may repeat\)\. How many of them contain each of \4 at least once\?",
        q,
    ):
        n, qq, t = int(m[2]), int(m[3]), len(m[4].split(", "))
        return contains_dp(qq, t, n)
    if m := re.fullmatch(
        r"In how many ways can (\d+) different balls be put into (\d+) different boxes so that no box is empty\?", q
    ):
        n, k = int(m[1]), int(m[2])
        if k**n <= 200_000:
            brute_checks["onto"] += 1
            b = sum(1 for f in itertools.product(range(k), repeat=n) if len(set(f)) == k)
            assert b == factorial(k) * stirling2(n, k)
        return factorial(k) * stirling2(n, k)
    if m := re.fullmatch(
        r"How many solutions in non-negative integers does x_1 \+ \.\.\. \+ x_(\d+) = (\d+) have if every x_i is at most (\d+)\?",
        q,
    ):
        k, n, c = map(int, m.groups())
        return bounded_gf(k, n, c)
    raise ValueError("unparsed")


def check_counting(fam, p, level):
    mine = solve_counting(p.question)
    ok = mine == p.answer and str(mine) == fam.answer_text(p).replace(",", "")
    return Outcome(mine, [] if ok else ["audit answer differs from gold"])


# ------------------------------------------------------------------ WordProblems
FW = {"half": 2, "a third": 3, "a quarter": 4, "a fifth": 5}
NAME = r"[A-Z][a-z]+"
PR = r"(?:[Ss]he|[Hh]e)"
notes = Counter()  # informational counters of wording conventions met


def sentences(q):
    return re.split(r"(?<=[.?])\s+(?=[A-Z0-9])", q)


def chain(ss):
    m = re.fullmatch(rf"({NAME}) (?:has|starts the day with|owns) (\d+) ([a-z]+)\.", ss[0])
    if not m:
        return None
    name, count, many = m[1], int(m[2]), m[3]
    for s in ss[1:-1]:
        if (
            (m := re.fullmatch(rf"{NAME} gives (?:her|him) (\d+) more\.", s))
            or (m := re.fullmatch(rf"Then {PR} finds (\d+) more {many}\.", s))
            or (m := re.fullmatch(rf"{PR} wins (\d+) {many} in a game\.", s))
        ):
            count += int(m[1])
        elif (
            (m := re.fullmatch(rf"{PR} gives (\d+) [a-z]+ to {NAME}\.", s))
            or (m := re.fullmatch(rf"Then {PR} loses (\d+) [a-z]+\.", s))
            or (m := re.fullmatch(rf"{PR} uses up (\d+)\.", s))
        ):
            count -= int(m[1])
        elif (m := re.fullmatch(rf"{PR} buys (\d+) (?:packs|boxes|bags|jars) of (\d+) {many} each\.", s)) or (
            m := re.fullmatch(rf"Next {PR} gets (\d+) (?:packs|boxes|bags|jars) with (\d+) {many} in every one\.", s)
        ):
            count += int(m[1]) * int(m[2])
        elif (m := re.fullmatch(rf"{PR} gives away (half|a third|a quarter|a fifth) of (?:her|his) {many}\.", s)) or (
            m := re.fullmatch(rf"(Half|A third|A quarter|A fifth) of (?:her|his) {many} get lost\.", s)
        ):
            d = FW[m[1].lower()]
            if count % d:
                raise IllPosed(f"{count} not divisible by {d}")
            count -= count // d
        elif re.fullmatch(r"Then (?:her|his) collection doubles\.", s) or re.fullmatch(
            rf"{NAME} gives (?:her|him) as many {many} as {PR.lower()} has at that point\.", s
        ):
            count *= 2
        elif m := re.fullmatch(
            rf"{PR} shares (?:her|his) {many} equally between (?:herself|himself) and (\d+) friends?, keeping one share\.",
            s,
        ):
            k = int(m[1]) + 1
            if count % k:
                raise IllPosed(f"{count} not divisible by {k}")
            count //= k
        else:
            raise ValueError("chain sentence? " + s)
        if count < 0:
            raise IllPosed("negative count")
    last = ss[-1]
    assert re.fullmatch(
        rf"(?:How many {many} does {name} (?:have now|end up with)\?|After all this, how many {many} does {name} have\?)",
        last,
    ), last
    return F(count)


def shopping(ss):
    m = re.fullmatch(rf"({NAME}) buys (.*)\.", ss[0])
    if not m:
        return None
    items = re.findall(r"(\d+) ([a-z ]+?) at \$(\d+(?:\.\d\d)?) each", m[2])
    rebuilt = [f"{q} {w} at ${p} each" for q, w, p in items]
    joined = rebuilt[0] if len(rebuilt) == 1 else ", ".join(rebuilt[:-1]) + " and " + rebuilt[-1]
    assert joined == m[2], ("items", m[2])
    total = sum(int(q) * F(p) for q, _, p in items)  # dollars
    rest = ss[1:]
    if m := re.fullmatch(r"The shop takes (\d+)% off the whole bill\.", rest[0]):
        total -= total * int(m[1]) / 100
        rest = rest[1:]
    if len(rest) == 1:
        assert re.fullmatch(rf"How many dollars does (?:that cost altogether|{NAME} spend)\?", rest[0]), rest
        if total.denominator != 1:
            raise IllPosed("non-whole dollars")
        return total
    if m := re.fullmatch(rf"{PR} pays with a \$(\d+) bill\.", rest[0]):
        bill = F(m[1])
    elif m := re.fullmatch(rf"{PR} pays with (\d+) \$100 bills\.", rest[0]):
        bill = 100 * int(m[1])
    else:
        raise ValueError(rest[0])
    if bill < total:
        raise IllPosed("bill too small")
    change = bill - total
    q = rest[1]
    if re.fullmatch(
        rf"(?:How much change does {NAME} get, in cents\?|How many cents of change does {NAME} receive\?)", q
    ):
        c = change * 100
        if c.denominator != 1:
            raise IllPosed("fractional cents")
        return c
    assert re.fullmatch(
        rf"(?:How many dollars of change does {NAME} get\?|How much change, in dollars, does (?:she|he) get\?)", q
    ), q
    return change


def distance(ss):
    m = re.fullmatch(r"An? [a-z]+ travels at (.*)\.", ss[0])
    if m:
        legs = m[1].split(", then at ")
        km, hours = F(0), F(0)
        for leg in legs:
            lm = re.fullmatch(r"(\d+) km/h for (\d+) (hours?|minutes)", leg)
            t = F(int(lm[2]), 60) if lm[3] == "minutes" else F(int(lm[2]))
            if lm[3] == "hour" and lm[2] != "1" or lm[3] == "hours" and lm[2] == "1":
                notes["plural"] += 1
            km += int(lm[1]) * t
            hours += t
        q = ss[1]
        if q in ("How many kilometres does it travel in total?", "What is the total distance, in km?"):
            return km
        assert q == "What is its average speed over the whole trip, in km/h?", q
        return km / hours
    m = re.fullmatch(
        r"An? [a-z]+ goes (\d+) km to a town at (\d+) km/h(?:, stops there for (\d+) minutes,)? and comes back the same way at (\d+) km/h\.",
        ss[0],
    )
    if m:
        d, s1, s2 = int(m[1]), int(m[2]), int(m[4])
        stop = F(int(m[3] or 0), 60)
        assert ss[1] == "What is its average speed for the round trip, in km/h?"
        if stop:
            notes["round trip with stop (stop counted in time)"] += 1
        return F(2 * d) / (F(d, s1) + F(d, s2) + stop)
    return None


def ages(ss):
    q = " ".join(ss)
    if m := re.fullmatch(
        rf"({NAME}) is (\d+) years older than ({NAME})\. \3 is (\d+) years old\. How old will \1 be in (\d+) years\?", q
    ):
        return F(int(m[4]) + int(m[2]) + int(m[5]))
    if m := re.fullmatch(
        rf"({NAME}) is (\d+) times as old as ({NAME})\. In (\d+) years the sum of their ages will be (\d+)\. How old is \1 now\?",
        q,
    ):
        M, n, T = int(m[2]), int(m[4]), int(m[5])
        x = F(T - 2 * n, M + 1)
        if x.denominator != 1 or x <= 0:
            raise IllPosed("age not whole/positive")
        return M * x
    if m := re.fullmatch(
        rf"({NAME}) is (\d+) times as old as ({NAME})\. In (\d+) years \1 will be (\d+) times as old as \3\. How old is \3 now\?",
        q,
    ):
        M, n, K = int(m[2]), int(m[4]), int(m[5])
        x = F((K - 1) * n, M - K)  # M x + n = K (x + n)
        if x.denominator != 1 or x <= 0:
            raise IllPosed("age not whole/positive")
        return x
    return None


def ratio(ss):
    m = re.fullmatch(r"(.*) share \$(\d+) in the ratio (\d+(?::\d+)+)\.", ss[0])
    if not m:
        return None
    people = re.split(r", | and ", m[1])
    w = list(map(int, m[3].split(":")))
    assert len(people) == len(w) == len(set(people))
    total = int(m[2])
    shares = {p: F(total * wi, sum(w)) for p, wi in zip(people, w)}
    if any(s.denominator != 1 for s in shares.values()):
        raise IllPosed("non-whole share")
    if q := re.fullmatch(rf"How many dollars does ({NAME}) get\?", ss[1]):
        return shares[q[1]]
    g = re.fullmatch(rf"Then ({NAME}) gives \$(\d+) to ({NAME})\.", ss[1])
    if int(g[2]) > shares[g[1]]:
        raise IllPosed("gives more than own share")
    shares[g[1]] -= int(g[2])
    shares[g[3]] += int(g[2])
    q = re.fullmatch(rf"How many dollars does ({NAME}) have now\?", ss[2])
    return shares[q[1]]


def work(ss):
    q = " ".join(ss)
    if m := re.fullmatch(
        rf"({NAME}) can [a-z ]+ alone in (\d+) hours; ({NAME}) can do it alone in (\d+) hours\. Working together at these rates, how many hours do they take\?",
        q,
    ):
        return 1 / (F(1, int(m[2])) + F(1, int(m[4])))
    if m := re.fullmatch(
        rf"{NAME}, {NAME} and {NAME} can each [a-z ]+ alone in (\d+), (\d+) and (\d+) hours\. How many hours do the three take working together\?",
        q,
    ):
        return 1 / sum(F(1, int(m[i])) for i in (1, 2, 3))
    if m := re.fullmatch(
        r"A pipe fills a tank in (\d+) hours; a drain empties the full tank in (\d+) hours\. With the tank empty and both open, how many hours until it is full\?",
        q,
    ):
        r = F(1, int(m[1])) - F(1, int(m[2]))
        if r <= 0:
            raise IllPosed("never fills")
        return 1 / r
    if m := re.fullmatch(
        rf"({NAME}) can [a-z ]+ alone in (\d+) hours and ({NAME}) alone in (\d+) hours\. \1 works alone for (\d+) hours?, then \3 joins\. How many hours does the whole job take from the start\?",
        q,
    ):
        a, b, h = int(m[2]), int(m[4]), int(m[5])
        done = F(h, a)
        if done >= 1:
            raise IllPosed("job finished before partner joins")
        return h + (1 - done) / (F(1, a) + F(1, b))
    return None


def pizza(ss):
    q = " ".join(ss)
    if m := re.fullmatch(
        r"(\d+) pizzas, each cut into (\d+) equal slices, are shared equally among (\d+) friends\. What fraction of a pizza does each friend get\?",
        q,
    ):
        return F(int(m[1]), int(m[3]))
    if m := re.fullmatch(
        r"(\d+) pizzas, each cut into (\d+) equal slices, are shared equally among (\d+) friends\. Actually each friend eats only (\d+) slices?\. What fraction of all the pizza is left over\?",
        q,
    ):
        P, S, Fr, E = map(int, m.groups())
        if Fr * E > P * S:
            raise IllPosed("eat more than exists")
        return F(P * S - Fr * E, P * S)
    return None


def solve_word(q):
    ss = sentences(q)
    for f in (chain, shopping, distance, ages, ratio, work, pizza):
        r = f(ss)
        if r is not None:
            return r
    raise ValueError("unparsed")


def check_word(fam, p, level):
    mine = solve_word(p.question)
    return Outcome(mine, [] if mine == F(p.answer) else ["audit answer differs from gold"])


CHECKS = {"Counting": check_counting, "WordProblems": check_word}
