"""WordProblems: templated multi-step grade-school stories.

**Asked.** A short story with a question, built from one of seven scenarios with
names, objects, vehicles and phrasings drawn from the rng:

* *chain* — a collection changes through events (buying packs, giving away, getting
  more, losing a fraction, doubling, sharing equally); how many at the end?
* *shopping* — quantities times prices, totals, change from a bill; at higher levels
  prices in cents and a percentage discount;
* *distance* — legs at given speeds (hours, then minutes), total distance, average
  speed for the whole trip, round trips;
* *ages* — "older by", "times as old", sums of ages in some years (solved by one
  linear equation);
* *ratio* — sharing an amount in a ratio of two or three parts, then transfers;
* *work* — two or three workers or pipes, combined rates, one starting alone;
* *pizza* — equal sharing that leaves fractions.

**Difficulty** sets the number of steps and the scenarios available:

==  =====================================================================  =====
lvl scenarios (complexity)                                                 steps
==  =====================================================================  =====
 1  chain with one event                                                   1
 2  chain (2 events), shopping (one item, total)                           1-2
 3  chain (3), shopping (two items and change), distance (two legs)        3-4
 4  chain (4), ages (older by), ratio (two parts), distance with minutes   2-5
 5  chain (4), shopping (three items), ages (times as old), ratio (three   1-5
    parts), pizza shares (a fraction)
 6  chain (5), work (two workers), average speed, shopping in cents,       2-6
    pizza left over
 7  chain (5), ages (two time points), pipes or three workers, ratio      3-6
    with a transfer, average speed
 8  chain (6), shopping with a discount, three legs, pipes, ages           3-7
 9  chain (7), one worker starting alone, round trips with a stop,         4-8
    ratio with a transfer, discounts
10  chain (8), the longest version of work, distance, shopping, ratio      5-8
==  =====================================================================  =====

Examples: level 1 ``Mia has 14 stickers. She gets 5 more from Leo. How many stickers
does Mia have now?`` -> ``19``; level 5 ``Ivy is 3 times as old as Sam. In 4 years
the sum of their ages will be 40. How old is Ivy now?`` -> ``24``; level 9 ``Kai
can paint the fence in 6 hours and Ana in 4. Kai works alone for 1 hour, then Ana
joins. How many hours does the whole job take?`` -> ``3``.

**Answer.** A number: an integer or an exact fraction in lowest terms (``7/3``,
``\\frac{7}{3}``, the mixed number ``2 1/3``, or an exact decimal such as ``2.5``).
A trailing unit word and a leading dollar sign are ignored (``12 marbles``,
``\\$12``, ``7/3 \\text{ hours}``). Unreduced fractions (``6/4``) are refused.

**Worked solutions** narrate each step in words with its arithmetic, in the order a
student computes them, and end with ``\\boxed{answer}``. The steps are stored in
``metadata["steps"]`` when the problem is generated.

**Problem-space sizes** (:meth:`WordProblems.space_size`): estimates from 3,000 draws per level
(Chao1 estimator; a level where no problem repeated is given as the estimator's value,
a lower bound of the true size). Every level's test split holds at least 50 problems.

**Version history.** v0: first release.
"""

from __future__ import annotations

import functools
import math
import re
from fractions import Fraction

import numpy as np

from textbook_gym.family import Family, check_difficulty
from textbook_gym.problem import Problem
from textbook_gym.registry import register_family
from textbook_gym.verdict import Verdict
from textbook_gym.verifiers import check_answer
from textbook_gym.verifiers.guards import guard_span
from textbook_gym.verifiers.normalize import normalize_span
from textbook_gym.verifiers.numbers import parse_rational
from textbook_gym.verifiers.units import UNITS, split_unit

NAMES = [("Ava", "f"), ("Ben", "m"), ("Mia", "f"), ("Leo", "m"), ("Zoe", "f"), ("Sam", "m"), ("Ivy", "f"),
         ("Kai", "m"), ("Ana", "f"), ("Omar", "m"), ("Lena", "f"), ("Ravi", "m"), ("Nora", "f"), ("Theo", "m"),
         ("Maya", "f"), ("Jack", "m"), ("Lucia", "f"), ("Hugo", "m"), ("Priya", "f"), ("Diego", "m")]
PRONOUNS = {"f": ("she", "her", "her"), "m": ("he", "him", "his")}
REFLEXIVE = {"her": "herself", "his": "himself"}
OBJECTS = [("marble", "marbles"), ("sticker", "stickers"), ("apple", "apples"), ("card", "cards"),
           ("pencil", "pencils"), ("shell", "shells"), ("stamp", "stamps"), ("cookie", "cookies"), ("bead", "beads"),
           ("ticket", "tickets"), ("balloon", "balloons"), ("crayon", "crayons"), ("coin", "coins")]
CONTAINERS = ["packs", "boxes", "bags", "jars"]
GOODS = [("notebook", "notebooks"), ("pen", "pens"), ("sandwich", "sandwiches"), ("juice box", "juice boxes"),
         ("ruler", "rulers"), ("cupcake", "cupcakes"), ("toy car", "toy cars"), ("comic", "comics")]
VEHICLES = ["a train", "a bus", "a cyclist", "a truck", "a car", "a ferry"]
JOBS = ["paint the fence", "fill the order", "mow the field", "clean the hall", "build the wall"]
FRACTIONS = {2: "half", 3: "a third", 4: "a quarter", 5: "a fifth"}


def fmt(value) -> str:
    value = Fraction(value)
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


def par(value) -> str:
    """A fraction in parentheses when it is not whole, so ``88 ÷ (5/4)`` reads unambiguously."""
    text = fmt(value)
    return f"({text})" if "/" in text else text


def listing(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def money(cents: int) -> str:
    return f"${cents // 100}.{cents % 100:02d}" if cents % 100 else f"${cents // 100}"


class Story:
    """Collects question sentences and solution steps while a scenario is built."""

    def __init__(self, rng: np.random.Generator):
        self.rng, self.text, self.steps, self.used = rng, [], [], set()

    def pick(self, options):
        return options[int(self.rng.integers(0, len(options)))]

    def int(self, lo: int, hi: int) -> int:
        return int(self.rng.integers(lo, hi + 1))

    def person(self):
        while True:
            name, gender = self.pick(NAMES)
            if name not in self.used:
                self.used.add(name)
                return (name, *PRONOUNS[gender])

    def say(self, sentence: str) -> None:
        self.text.append(sentence)

    def step(self, line: str) -> None:
        self.steps.append(line)


# --------------------------------------------------------------------------- scenarios
def chain(s: Story, events: int):
    name, she, her_obj, her = s.person()
    friend = s.person()[0]
    one, many = s.pick(OBJECTS)
    c = s.int(6, 20) if events <= 2 else s.int(12, 60)
    s.say(s.pick([f"{name} has {c} {many}.", f"{name} starts the day with {c} {many}.",
                  f"{name} owns {c} {many}."]))
    kinds = ["get", "give"] if events <= 2 else ["get", "give", "packs", "fraction", "double", "share"]
    done, last = 0, None
    while done < events:
        kind = s.pick(kinds)
        if kind == last:
            continue
        if kind == "get":
            r = s.int(2, 15)
            s.say(s.pick([f"{friend} gives {her_obj} {r} more.", f"Then {she} finds {r} more {many}.",
                          f"{she.capitalize()} wins {r} {many} in a game."]))
            s.step(f"{she.capitalize()} gains {r}: {c} + {r} = {c + r}.")
            c += r
        elif kind == "give":
            if c < 4:
                continue
            g = s.int(1, c - 2)
            s.say(s.pick([f"{she.capitalize()} gives {g} {many if g > 1 else one} to {friend}.",
                          f"Then {she} loses {g} {many if g > 1 else one}.", f"{she.capitalize()} uses up {g}."]))
            s.step(f"{she.capitalize()} loses {g}: {c} − {g} = {c - g}.")
            c -= g
        elif kind == "packs":
            k, m = s.int(2, 5), s.int(3, 12)
            box = s.pick(CONTAINERS)
            s.say(s.pick([f"{she.capitalize()} buys {k} {box} of {m} {many} each.",
                          f"Next {she} gets {k} {box} with {m} {many} in every one."]))
            s.step(f"{k} {box} of {m} make {k} × {m} = {k * m} {many}; {c} + {k * m} = {c + k * m}.")
            c += k * m
        elif kind == "fraction":
            divisors = [d for d in FRACTIONS if c % d == 0 and c > d]
            if not divisors:
                continue
            d = s.pick(divisors)
            s.say(s.pick([f"{she.capitalize()} gives away {FRACTIONS[d]} of {her} {many}.",
                          f"{FRACTIONS[d].capitalize()} of {her} {many} get lost."]))
            s.step(f"{FRACTIONS[d].capitalize()} of {c} is {c} ÷ {d} = {c // d}; {c} − {c // d} = {c - c // d}.")
            c -= c // d
        elif kind == "double":
            if c > 150:
                continue
            s.say(s.pick([f"Then {her} collection doubles.", f"{friend} gives {her_obj} as many {many} as "
                          f"{she} has at that point."]))
            s.step(f"Doubling: {c} × 2 = {2 * c}.")
            c *= 2
        else:
            parts = [p for p in (2, 3, 4) if c % p == 0]
            if not parts or c < 8:
                continue
            p = s.pick(parts)
            s.say(f"{she.capitalize()} shares {her} {many} equally between {REFLEXIVE[her]} and {p - 1} "
                  f"friend{'s' if p > 2 else ''}, keeping one share.")
            s.step(f"{p} equal shares of {c}: {c} ÷ {p} = {c // p}, and {she} keeps {c // p}.")
            c //= p
        last = kind
        done += 1
    s.say(s.pick([f"How many {many} does {name} have now?", f"How many {many} does {name} end up with?",
                  f"After all this, how many {many} does {name} have?"]))
    return c


def shopping(s: Story, level: int):
    name, she, _, _ = s.person()
    goods = [s.pick(GOODS)]
    wanted = level if level <= 3 else s.int(2, 3)
    while len(goods) < wanted:
        g = s.pick(GOODS)
        if g not in goods:
            goods.append(g)
    cents = level >= 4
    items = []
    for _one, many in goods:
        q = s.int(2, 6)
        p = s.int(4, 39) * 25 if cents else s.int(2, 15) * 100
        items.append((q, p, many))
    s.say(f"{name} buys {listing([f'{q} {many} at {money(p)} each' for q, p, many in items])}.")
    total = 0
    for q, p, many in items:
        s.step(f"The {many} cost {q} × {money(p)} = {money(q * p)}.")
        total += q * p
    if len(items) > 1:
        s.step(f"Together: {' + '.join(money(q * p) for q, p, _ in items)} = {money(total)}.")
    if level >= 5:
        percent = s.pick([p for p in (10, 20, 25, 50) if total * p % 100 == 0])  # whole cents; 20 always fits
        off = total * percent // 100
        s.say(f"The shop takes {percent}% off the whole bill.")
        s.step(f"The discount is {percent}% of {money(total)} = {money(off)}; {money(total)} − {money(off)} = "
               f"{money(total - off)}.")
        total -= off
    if level == 1:
        s.say(s.pick(["How many dollars does that cost altogether?", f"How many dollars does {name} spend?"]))
        return total // 100
    bill = next((b for b in (1000, 2000, 5000, 10000) if b > total), None)
    if bill is None:
        bill = (total // 10000 + 1) * 10000
        s.say(f"{she.capitalize()} pays with {bill // 10000} $100 bills.")
    else:
        s.say(f"{she.capitalize()} pays with a {money(bill)} bill.")
    s.step(f"The change is {money(bill)} − {money(total)} = {money(bill - total)}.")
    if cents:
        s.say(s.pick(["How much change does {n} get, in cents?", "How many cents of change does {n} receive?"])
              .format(n=name))
        s.step(f"In cents: {money(bill - total)} = {bill - total} cents.")
        return bill - total
    s.say(s.pick([f"How many dollars of change does {name} get?", f"How much change, in dollars, does {she} get?"]))
    return (bill - total) // 100


def distance(s: Story, level: int):
    vehicle = s.pick(VEHICLES)
    legs = 3 if level >= 4 else 2
    if level == 5:
        d, v1 = s.int(2, 12) * 12, s.int(3, 9) * 10
        v2 = s.pick([v for v in range(20, 100, 10) if v != v1])
        stop = s.pick([0, 15, 30, 45])
        wait = f", stops there for {stop} minutes," if stop else ""
        s.say(f"{vehicle.capitalize()} goes {d} km to a town at {v1} km/h{wait} and comes back the same way at "
              f"{v2} km/h.")
        t1, t2, t3 = Fraction(d, v1), Fraction(d, v2), Fraction(stop, 60)
        s.step(f"Time there: {d} ÷ {v1} = {fmt(t1)} hours.")
        s.step(f"Time back: {d} ÷ {v2} = {fmt(t2)} hours.")
        if stop:
            s.step(f"The stop lasts {stop} minutes = {stop}/60 = {fmt(t3)} hour, and it counts as travel time.")
        total_t = t1 + t2 + t3
        shown = " + ".join(fmt(t) for t in (t1, t2, t3) if t)
        s.step(f"Total distance {d} + {d} = {2 * d} km; total time {shown} = {fmt(total_t)} hours.")
        answer = Fraction(2 * d) / total_t
        s.step(f"Average speed = total distance ÷ total time = {2 * d} ÷ {par(total_t)} = {fmt(answer)} km/h.")
        s.say("What is its average speed for the round trip, in km/h?")
        return answer
    total_d, total_t = 0, Fraction(0)
    parts = []
    for i in range(legs):
        minutes = level >= 2 and i % 2 == 1
        m = s.pick([15, 30, 45, 20, 40])
        v = s.int(3, 15) * ((4 if m in (15, 45) else 3 if m in (20, 40) else 2) if minutes else 5)
        t = Fraction(m, 60) if minutes else Fraction(s.int(1, 4))
        leg = v * t
        shown = f"{int(t * 60)} minutes" if minutes else f"{t} hour{'s' if t > 1 else ''}"
        parts.append(f"{v} km/h for {shown}")
        if minutes:
            s.step(f"{int(t * 60)} minutes is {int(t * 60)}/60 = {fmt(t)} hour; {v} × {fmt(t)} = {fmt(leg)} km.")
        else:
            s.step(f"Leg {i + 1}: {v} km/h × {fmt(t)} h = {fmt(leg)} km.")
        total_d += leg
        total_t += t
    s.say(f"{vehicle.capitalize()} travels at {', then at '.join(parts)}.")
    s.step(f"Total distance: {fmt(total_d)} km.")
    if level >= 3:
        answer = total_d / total_t
        s.step(f"Total time: {fmt(total_t)} hours. Average speed = {fmt(total_d)} ÷ {par(total_t)} = {fmt(answer)} km/h.")
        s.say("What is its average speed over the whole trip, in km/h?")
        return answer
    s.say(s.pick(["How many kilometres does it travel in total?", "What is the total distance, in km?"]))
    return total_d


def ages(s: Story, level: int):
    (a, _, _, _), (b, _, _, _) = s.person(), s.person()
    if level == 1:
        d, now, n = s.int(2, 12), s.int(4, 30), s.int(2, 10)
        s.say(f"{a} is {d} years older than {b}. {b} is {now} years old. How old will {a} be in {n} years?")
        s.step(f"{a} is now {now} + {d} = {now + d}.")
        s.step(f"In {n} years: {now + d} + {n} = {now + d + n}.")
        return now + d + n
    if level == 2:
        m, x, n = s.int(2, 5), s.int(3, 14), s.int(2, 9)
        total = m * x + x + 2 * n
        s.say(f"{a} is {m} times as old as {b}. In {n} years the sum of their ages will be {total}. "
              f"How old is {a} now?")
        s.step(f"Let {b}'s age be x; then {a} is {m}x, and together they are {m + 1}x now.")
        s.step(f"In {n} years each is {n} older, so the sum grows by 2 × {n} = {2 * n}: {m + 1}x + {2 * n} = {total}.")
        s.step(f"{m + 1}x = {total} − {2 * n} = {total - 2 * n}, so x = {total - 2 * n} ÷ {m + 1} = {x}.")
        s.step(f"{a} is {m} × {x} = {m * x}.")
        return m * x
    while True:
        k, m, x = s.int(2, 3), s.int(4, 6), s.int(2, 15)
        n, rest = divmod(x * (m - k), k - 1)
        if not rest and 1 <= n <= 20:
            break
    s.say(f"{a} is {m} times as old as {b}. In {n} years {a} will be {k} times as old as {b}. How old is {b} now?")
    s.step(f"Let {b}'s age be x; {a} is {m}x.")
    s.step(f"In {n} years: {m}x + {n} = {k}(x + {n}) = {k}x + {k * n}.")
    s.step(f"Subtract {k}x and {n} from both sides: {m - k}x = {k * n} − {n} = {k * n - n}.")
    s.step(f"x = {k * n - n} ÷ {m - k} = {x}. Check: {m * x} + {n} = {m * x + n} and {k} × ({x} + {n}) = "
           f"{k * (x + n)}.")
    return x


def ratio(s: Story, level: int):
    people = [s.person()[0] for _ in range(3 if level >= 2 else 2)]
    weights = [s.int(1, 6) for _ in people]
    while len(set(weights)) == 1 or math.gcd(*weights) > 1:
        weights = [s.int(1, 6) for _ in people]
    unit = s.int(2, 25)
    parts = sum(weights)
    total = unit * parts
    names = ", ".join(people[:-1]) + f" and {people[-1]}"
    s.say(f"{names} share ${total} in the ratio {':'.join(map(str, weights))}.")
    s.step(f"The ratio has {' + '.join(map(str, weights))} = {parts} parts.")
    s.step(f"One part is ${total} ÷ {parts} = ${unit}.")
    shares = [w * unit for w in weights]
    for person, w, share in zip(people, weights, shares):
        s.step(f"{person} gets {w} × ${unit} = ${share}.")
    if level >= 3:
        g = s.int(1, shares[0] - 1) if shares[0] > 1 else 0
        s.say(f"Then {people[0]} gives ${g} to {people[1]}. How many dollars does {people[1]} have now?")
        s.step(f"{people[1]} now has ${shares[1]} + ${g} = ${shares[1] + g}.")
        return shares[1] + g
    who = s.int(0, len(people) - 1)
    s.say(f"How many dollars does {people[who]} get?")
    return shares[who]


def work(s: Story, level: int):
    job = s.pick(JOBS)
    if level == 1:
        (a, _, _, _), (b, _, _, _) = s.person(), s.person()
        ta, tb = s.int(2, 12), s.int(2, 12)
        s.say(f"{a} can {job} alone in {ta} hours; {b} can do it alone in {tb} hours. Working together at these "
              "rates, how many hours do they take?")
        return _together(s, [(a, ta), (b, tb)])
    if level == 2:
        if s.rng.random() < 0.5:
            crew = [(s.person()[0], s.int(2, 12)) for _ in range(3)]
            s.say(f"{crew[0][0]}, {crew[1][0]} and {crew[2][0]} can each {job} alone in {crew[0][1]}, {crew[1][1]} "
                  f"and {crew[2][1]} hours. How many hours do the three take working together?")
            return _together(s, crew)
        fill, drain = s.int(2, 9), 0
        while drain <= fill:
            drain = s.int(3, 20)
        s.say(f"A pipe fills a tank in {fill} hours; a drain empties the full tank in {drain} hours. With the tank "
              "empty and both open, how many hours until it is full?")
        rate = Fraction(1, fill) - Fraction(1, drain)
        s.step(f"The pipe fills 1/{fill} of the tank per hour and the drain removes 1/{drain}.")
        s.step(f"Net rate: 1/{fill} − 1/{drain} = {fmt(rate)} of the tank per hour.")
        s.step(f"Time = 1 ÷ {par(rate)} = {fmt(1 / rate)} hours.")
        return 1 / rate
    (a, _, _, _), (b, _, _, _) = s.person(), s.person()
    ta, tb = s.int(3, 12), s.int(2, 12)
    head = s.int(1, ta - 1)
    s.say(f"{a} can {job} alone in {ta} hours and {b} alone in {tb} hours. {a} works alone for {head} "
          f"hour{'s' if head > 1 else ''}, then {b} joins. How many hours does the whole job take from the start?")
    done = Fraction(head, ta)
    s.step(f"{a} does 1/{ta} of the job per hour, so in {head} hour{'s' if head > 1 else ''} {fmt(done)} is done.")
    s.step(f"Left: 1 − {fmt(done)} = {fmt(1 - done)} of the job.")
    rate = Fraction(1, ta) + Fraction(1, tb)
    s.step(f"Together they do 1/{ta} + 1/{tb} = {fmt(rate)} per hour.")
    rest = (1 - done) / rate
    s.step(f"The rest takes {par(1 - done)} ÷ {par(rate)} = {fmt(rest)} hours.")
    s.step(f"In total: {head} + {fmt(rest)} = {fmt(head + rest)} hours.")
    return head + rest


def _together(s: Story, crew: list[tuple[str, int]]):
    for who, t in crew:
        s.step(f"{who} does 1/{t} of the job per hour.")
    rate = sum(Fraction(1, t) for _, t in crew)
    s.step(f"Together: {' + '.join(f'1/{t}' for _, t in crew)} = {fmt(rate)} of the job per hour.")
    s.step(f"Time = 1 ÷ {par(rate)} = {fmt(1 / rate)} hours.")
    return 1 / rate


def pizza(s: Story, level: int):
    pizzas, friends = s.int(2, 9), s.int(3, 12)
    while pizzas % friends == 0:
        friends = s.int(3, 12)
    slices = s.pick([6, 8, 10, 12])
    s.say(f"{pizzas} pizzas, each cut into {slices} equal slices, are shared equally among {friends} friends.")
    if level > 1:
        s.step(f"There are {pizzas} × {slices} = {pizzas * slices} slices in all.")
    if level == 1:
        share = Fraction(pizzas, friends)
        s.step(f"Each friend gets {pizzas} ÷ {friends} = {fmt(share)} of a pizza.")
        s.say("What fraction of a pizza does each friend get?")
        return share
    total = pizzas * slices
    eat = s.int(1, max(1, total // friends - 1))
    s.say(f"Actually each friend eats only {eat} slice{'s' if eat > 1 else ''}. What fraction of all the pizza "
          "is left over?")
    s.step(f"The friends eat {friends} × {eat} = {friends * eat} slices.")
    s.step(f"Left over: {total} − {friends * eat} = {total - friends * eat} slices.")
    left = Fraction(total - friends * eat, total)
    s.step(f"As a fraction of all the pizza: {total - friends * eat}/{total} = {fmt(left)}.")
    return left


KINDS = {"chain": chain, "shopping": shopping, "distance": distance, "ages": ages, "ratio": ratio, "work": work,
         "pizza": pizza}
LEVELS = {
    1: [("chain", 1)],
    2: [("chain", 2), ("shopping", 1)],
    3: [("chain", 3), ("shopping", 2), ("distance", 1)],
    4: [("chain", 4), ("ages", 1), ("ratio", 1), ("distance", 2)],
    5: [("chain", 4), ("shopping", 3), ("ages", 2), ("ratio", 2), ("pizza", 1)],
    6: [("chain", 5), ("work", 1), ("distance", 3), ("shopping", 4), ("pizza", 2)],
    7: [("chain", 5), ("ages", 3), ("work", 2), ("ratio", 3), ("distance", 3)],
    8: [("chain", 6), ("shopping", 5), ("work", 2), ("distance", 4), ("ages", 3)],
    9: [("chain", 7), ("work", 3), ("distance", 5), ("ratio", 3), ("shopping", 5)],
    10: [("chain", 8), ("work", 3), ("distance", 4), ("shopping", 5), ("ratio", 3)],
}


# --------------------------------------------------------------------------- answers
# A trailing word is a unit only when it names one (``hours``, ``\\text{ cm}``, ``apples``) or a
# thing the question counts; anything else stays part of the answer, so ``25 \\text{ or more}``
# is not the number 25 (stripping any trailing words once paid that hedge).
_TRAILING_WORDS_RE = re.compile(
    r"(?<=[0-9}.)])(?:\\[,;:! ]|~|\s){0,4}(?:\\(?:text|mathrm|textbf|mbox)\s{0,3}\{\s{0,3}([A-Za-z][A-Za-z /]{0,40})\}"
    r"|([A-Za-z][A-Za-z /]{0,40}))\s{0,3}$"
)
_HEDGE_WORDS = frozenset("or and not more less than least most about approximately maybe perhaps nearly almost "
                         "over under is isn t answer".split())
_DOLLAR_RE = re.compile(r"^\\?\$\s*(?=[0-9])")


def _strip_unit(text: str, nouns: frozenset[str]) -> str:
    rest, unit = split_unit(text)
    if unit is not None:
        return rest
    m = _TRAILING_WORDS_RE.search(text) if len(text) <= 200 else None
    if m is None:
        return text
    words = (m.group(1) or m.group(2)).lower().replace("/", " ").split()
    if words and all((word in UNITS or word in nouns) and word not in _HEDGE_WORDS for word in words):
        return text[: m.start()].rstrip()
    return text


def parse_amount(span: str, nouns: frozenset[str] = frozenset()) -> Fraction:
    """A number with an optional leading dollar sign and trailing unit; lowest terms required.

    The unit is a known unit word (:mod:`textbook_gym.verifiers.units`) or one of
    ``nouns`` (the words of the question); any other trailing text is refused.
    """
    text = _strip_unit(_DOLLAR_RE.sub("", normalize_span(guard_span(span))), nouns)
    return parse_rational(text, require_lowest_terms=True)


def _nouns(question: str) -> frozenset[str]:
    return frozenset(word for word in re.findall(r"[a-z]+", question.lower()) if word not in _HEDGE_WORDS)


# --------------------------------------------------------------------------- exposition
_TOPICS = {
    "Reading the problem": [
        "Read a word problem twice: once for the story, once for the numbers. Write down what is known ({name} has "
        "{a} {many}, gets {b} more) and what is asked (how many now), then choose the operations: {a} + {b} = {ab}.",
        "Underline the question before computing. A story may mention {a} {many} and {b} {many} but ask for the "
        "difference, {a} − {b} = {amb}, not the sum.",
        "Key words are hints, not rules: 'more' often means adding, but 'how many more' asks for a difference. "
        "If {name} has {a} and {friend} has {b}, {name} has {amb} more.",
    ],
    "Groups and multiplication": [
        "Equal groups mean multiplication: {k} boxes of {m} {many} hold {k} × {m} = {km} {many}. Adding the same "
        "number again and again is the slow way to the same answer.",
        "Sharing equally means division: {km} {many} shared among {k} children give each {km} ÷ {k} = {m}. Check by "
        "multiplying back.",
        "A fraction of a quantity: {frac_word} of {fq} is {fq} ÷ {d} = {fpart}. If {name} gives that away, "
        "{fq} − {fpart} = {fleft} remain.",
    ],
    "Money": [
        "To find a total cost, multiply each quantity by its price and add: {k} items at ${m} each cost ${km}. "
        "Change is the amount paid minus the cost: ${bill} − ${km} = ${change}.",
        "Work in cents when prices have cents: $3.25 is 325 cents. Whole numbers of cents avoid rounding slips.",
        "A discount of {pct}% on ${base} is {pct}/100 × {base} = ${disc}, so the price becomes ${after}. A common "
        "mistake is to subtract {pct} dollars instead of {pct} percent.",
    ],
    "Distance, speed and time": [
        "Distance = speed × time. At {v} km/h for {t} hours a car covers {v} × {t} = {vt} km. Make sure the time "
        "is in hours when the speed is in km per hour: 30 minutes is 1/2 hour.",
        "Average speed is total distance divided by total time, not the average of the speeds. Going {d} km at "
        "{v} km/h and back at {w} km/h gives an average of {avg} km/h, not {naive}.",
        "Time = distance ÷ speed: {vt} km at {v} km/h takes {vt} ÷ {v} = {t} hours.",
    ],
    "Ages": [
        "Age problems become equations. If {name} is {k} times as old as {friend} and {friend} is x, then {name} "
        "is {k}x. In n years both ages grow by n, so their sum grows by 2n.",
        "Check an age answer in the story: if {friend} is {x} and {name} is {k} × {x} = {kx}, then in {n} years "
        "they are {xn} and {kxn}, with sum {sum_n}.",
        "A common slip in age problems is to add the years to only one person. Everyone ages at the same rate: "
        "the difference between two ages never changes.",
    ],
    "Ratios": [
        "To share {total} in the ratio {r1}:{r2}, count the parts ({r1} + {r2} = {parts}), find one part "
        "({total} ÷ {parts} = {unit}), then multiply: {r1} parts are {s1} and {r2} parts are {s2}.",
        "A ratio compares shares, not amounts: {r1}:{r2} with one part worth {unit} means {s1} and {s2}. The shares "
        "add back to {total}, a quick check.",
        "A common mistake with ratios is dividing the total by one of the ratio numbers instead of by the number "
        "of parts. With {r1}:{r2} there are {parts} parts.",
    ],
    "Working together": [
        "Work problems add rates, not times. If a job takes {a} hours alone, the rate is 1/{a} of the job per "
        "hour. Two workers at 1/{a} and 1/{b} together do {rate} per hour and finish in {together} hours.",
        "The time together is always shorter than either time alone: {together} hours is less than {a} and {b}. "
        "Averaging the times, a common mistake, would give a longer time.",
        "A drain works against a pipe: subtract its rate. Filling at 1/{a} and draining at 1/{c} leaves "
        "{net} per hour when the pipe is faster.",
    ],
}


@functools.lru_cache(maxsize=1)
def _passages() -> tuple[str, ...]:
    rng = np.random.default_rng(31337)
    passages: list[str] = []
    seen: set[str] = set()
    while len(passages) < 200:
        for topic, templates in _TOPICS.items():
            name, friend = (NAMES[int(i)][0] for i in rng.choice(len(NAMES), size=2, replace=False))
            many = OBJECTS[int(rng.integers(0, len(OBJECTS)))][1]
            a, b = int(rng.integers(20, 80)), int(rng.integers(2, 19))
            k, m = int(rng.integers(2, 7)), int(rng.integers(2, 13))
            d = int(rng.integers(2, 6))
            fq = d * int(rng.integers(2, 15))
            v, w, t = 10 * int(rng.integers(3, 9)), 10 * int(rng.integers(2, 9)), int(rng.integers(2, 5))
            dist = v * w // 10
            r1, r2, unit = int(rng.integers(1, 6)), int(rng.integers(1, 6)), int(rng.integers(3, 20))
            x, n = int(rng.integers(3, 15)), int(rng.integers(2, 9))
            ta, tb, tc = int(rng.integers(2, 9)), int(rng.integers(2, 9)), int(rng.integers(9, 16))
            pct, base = int(rng.choice([10, 20, 25, 50])), 20 * int(rng.integers(2, 20))
            values = {
                "name": name, "friend": friend, "many": many, "a": a, "b": b, "ab": a + b, "amb": a - b, "k": k,
                "m": m, "km": k * m, "frac_word": FRACTIONS[d], "d": d, "fq": fq, "fpart": fq // d,
                "fleft": fq - fq // d, "bill": 100 * (k * m // 100 + 1), "change": 100 * (k * m // 100 + 1) - k * m,
                "pct": pct, "base": base, "disc": fmt(Fraction(base * pct, 100)),
                "after": fmt(base - Fraction(base * pct, 100)), "v": v, "t": t, "vt": v * t, "w": w,
                "avg": fmt(Fraction(2 * v * w, v + w)), "naive": fmt(Fraction(v + w, 2)), "kx": k * x, "x": x,
                "n": n, "xn": x + n, "kxn": k * x + n, "sum_n": k * x + x + 2 * n, "total": unit * (r1 + r2),
                "r1": r1, "r2": r2, "parts": r1 + r2, "unit": unit, "s1": r1 * unit, "s2": r2 * unit,
                "rate": fmt(Fraction(1, ta) + Fraction(1, tb)), "together": fmt(1 / (Fraction(1, ta) + Fraction(1, tb))),
                "c": tc, "net": fmt(Fraction(1, ta) - Fraction(1, tc)),
            }
            values["d"] = dist if topic == "Distance, speed and time" else d
            values["a"], values["b"] = (ta, tb) if topic == "Working together" else (a, b)
            template = templates[int(rng.integers(0, len(templates)))]
            text = f"{topic}. " + template.format(**values)
            if text not in seen:
                seen.add(text)
                passages.append(text)
    return tuple(passages)


# --------------------------------------------------------------------------- the family
@register_family
class WordProblems(Family):
    name = "WordProblems"
    version = 0
    answer_type = "rational"
    subject = "word problems"
    space_sizes = {  # (count, exact) per level; see "Problem-space sizes" in the module docstring
        1: (2_200_000, False), 2: (100_000, False), 3: (300_000, False), 4: (750_000, False),
        5: (42_000, False), 6: (43_000, False), 7: (69_000, False), 8: (88_000, False), 9: (230_000, False),
        10: (4_500_000, False),
    }
    instruction = (
        "Give your final answer as a number in \\boxed{...}; write a non-integer as a fraction in lowest terms, "
        "e.g. \\boxed{7/3}. A final line 'Answer: ...' is also accepted."
    )

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem:
        difficulty = check_difficulty(difficulty)
        options = LEVELS[difficulty]
        kind, complexity = options[int(rng.integers(0, len(options)))]
        story = Story(rng)
        answer = Fraction(KINDS[kind](story, complexity))
        answer = answer.numerator if answer.denominator == 1 else answer
        return Problem(
            question=" ".join(story.text),
            answer=answer,
            family=self.name,
            version=self.version,
            difficulty=difficulty,
            metadata={"scenario": kind, "complexity": complexity, "steps": story.steps},
        )

    def worked_solution(self, problem: Problem) -> str:
        lines = [f"Step {i}: {step}" for i, step in enumerate(problem.metadata["steps"], 1)]
        lines.append(f"The answer is \\boxed{{{fmt(problem.answer)}}}.")
        return "\n".join(lines)

    def exposition(self) -> list[str]:
        return list(_passages())

    def verify(self, problem: Problem, response: str) -> Verdict:
        """Compare the number exactly; units and a dollar sign are ignored, fractions must be reduced.

        >>> fam = WordProblems()
        >>> p = Problem("...", Fraction(12, 5), "WordProblems")
        >>> [fam.verify(p, f"\\\\boxed{{{a}}}").status.value for a in ("12/5", "2 2/5 hours", "2.4", "24/10")]
        ['CORRECT', 'CORRECT', 'CORRECT', 'UNPARSEABLE']
        """
        nouns = _nouns(problem.question)
        return check_answer(response, problem.answer, lambda span: parse_amount(span, nouns))
