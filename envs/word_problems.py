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

**Version history.** v0: first release.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from textbook_gym.envs._kit import Family, Problem, Verdict, check_difficulty, register_family, wording
from textbook_gym.envs._kit.formats import fraction_text, parenthesized
from textbook_gym.envs._kit.tables import topic_exposition
from textbook_gym.envs._kit.texts import exposition_texts
from textbook_gym.envs._kit.wording import Story, money, parse_amount, plural, question_nouns, series
from textbook_gym.verifiers import check_answer


# --------------------------------------------------------------------------- scenarios
def chain(story: Story, events: int):
    name, she, her_obj, her = story.person()
    She = she.capitalize()  # the pronoun that starts a sentence
    friend = story.person().name
    one, many = story.pick(wording.OBJECTS)
    count = story.integer(6, 20) if events <= 2 else story.integer(12, 60)
    story.say(story.pick([f"{name} has {count} {many}.", f"{name} starts the day with {count} {many}.",
                          f"{name} owns {count} {many}."]))
    kinds = ["get", "give"] if events <= 2 else ["get", "give", "packs", "fraction", "double", "share"]
    done, last = 0, None
    while done < events:  # an event that does not fit the count (halving 7) is drawn again
        kind = story.pick(kinds)
        if kind == last:
            continue
        if kind == "get":
            more = story.integer(2, 15)
            story.say(story.pick([f"{friend} gives {her_obj} {more} more.", f"Then {she} finds {more} more {many}.",
                                  f"{She} wins {more} {many} in a game."]))
            story.step(f"{She} gains {more}: {count} + {more} = {count + more}.")
            count += more
        elif kind == "give":
            if count < 4:
                continue
            fewer = story.integer(1, count - 2)
            things = many if fewer > 1 else one
            story.say(story.pick([f"{She} gives {fewer} {things} to {friend}.", f"Then {she} loses {fewer} {things}.",
                                  f"{She} uses up {fewer}."]))
            story.step(f"{She} loses {fewer}: {count} − {fewer} = {count - fewer}.")
            count -= fewer
        elif kind == "packs":
            packs, each = story.integer(2, 5), story.integer(3, 12)
            box = story.pick(wording.CONTAINERS)
            story.say(story.pick([f"{She} buys {packs} {box} of {each} {many} each.",
                                  f"Next {she} gets {packs} {box} with {each} {many} in every one."]))
            story.step(f"{packs} {box} of {each} make {packs} × {each} = {packs * each} {many}; "
                       f"{count} + {packs * each} = {count + packs * each}.")
            count += packs * each
        elif kind == "fraction":
            divisors = [d for d in wording.FRACTION_WORDS if count % d == 0 and count > d]
            if not divisors:
                continue
            divisor = story.pick(divisors)
            part, words = count // divisor, wording.FRACTION_WORDS[divisor]
            story.say(story.pick([f"{She} gives away {words} of {her} {many}.",
                                  f"{words.capitalize()} of {her} {many} get lost."]))
            story.step(f"{words.capitalize()} of {count} is {count} ÷ {divisor} = {part}; {count} − {part} = "
                       f"{count - part}.")
            count -= part
        elif kind == "double":
            if count > 150:
                continue
            story.say(story.pick([f"Then {her} collection doubles.",
                                  f"{friend} gives {her_obj} as many {many} as {she} has at that point."]))
            story.step(f"Doubling: {count} × 2 = {2 * count}.")
            count *= 2
        else:
            shares = [p for p in (2, 3, 4) if count % p == 0]
            if not shares or count < 8:
                continue
            share = story.pick(shares)
            story.say(f"{She} shares {her} {many} equally between {wording.REFLEXIVE[her]} and {share - 1} "
                      f"{plural(share - 1, 'friend')}, keeping one share.")
            story.step(f"{share} equal shares of {count}: {count} ÷ {share} = {count // share}, and {she} keeps "
                       f"{count // share}.")
            count //= share
        last = kind
        done += 1
    story.say(story.pick([f"How many {many} does {name} have now?", f"How many {many} does {name} end up with?",
                          f"After all this, how many {many} does {name} have?"]))
    return count


def shopping(story: Story, level: int):
    name, she, _, _ = story.person()
    goods = [story.pick(wording.GOODS)]
    wanted = level if level <= 3 else story.integer(2, 3)
    while len(goods) < wanted:
        item = story.pick(wording.GOODS)
        if item not in goods:
            goods.append(item)
    cents = level >= 4
    items = []  # (quantity, price in cents, what)
    for _one, many in goods:
        quantity = story.integer(2, 6)
        items.append((quantity, story.integer(4, 39) * 25 if cents else story.integer(2, 15) * 100, many))
    story.say(f"{name} buys {series([f'{q} {many} at {money(price)} each' for q, price, many in items])}.")
    for quantity, price, many in items:
        story.step(f"The {many} cost {quantity} × {money(price)} = {money(quantity * price)}.")
    total = sum(quantity * price for quantity, price, _ in items)
    if len(items) > 1:
        story.step(f"Together: {' + '.join(money(q * price) for q, price, _ in items)} = {money(total)}.")
    if level >= 5:
        percent = story.pick([p for p in (10, 20, 25, 50) if total * p % 100 == 0])  # whole cents; 20 always fits
        off = total * percent // 100
        story.say(f"The shop takes {percent}% off the whole bill.")
        story.step(f"The discount is {percent}% of {money(total)} = {money(off)}; {money(total)} − {money(off)} = "
                   f"{money(total - off)}.")
        total -= off
    if level == 1:
        story.say(story.pick(["How many dollars does that cost altogether?", f"How many dollars does {name} spend?"]))
        return total // 100
    bill = next((bill for bill in (1000, 2000, 5000, 10000) if bill > total), None)
    if bill is None:
        bill = (total // 10000 + 1) * 10000
        story.say(f"{she.capitalize()} pays with {bill // 10000} $100 bills.")
    else:
        story.say(f"{she.capitalize()} pays with a {money(bill)} bill.")
    change = bill - total
    story.step(f"The change is {money(bill)} − {money(total)} = {money(change)}.")
    if cents:
        story.say(story.pick([f"How much change does {name} get, in cents?",
                              f"How many cents of change does {name} receive?"]))
        story.step(f"In cents: {money(change)} = {change} cents.")
        return change
    story.say(story.pick([f"How many dollars of change does {name} get?",
                          f"How much change, in dollars, does {she} get?"]))
    return change // 100


def distance(story: Story, level: int):
    vehicle = story.pick(wording.VEHICLES).capitalize()
    if level == 5:
        return _round_trip(story, vehicle)
    total_km, total_hours = 0, Fraction(0)
    parts = []
    for leg in range(3 if level >= 4 else 2):
        in_minutes = level >= 2 and leg % 2 == 1
        minutes = story.pick([15, 30, 45, 20, 40])  # drawn for every leg: the draw order is content
        # a speed that covers a whole number of km in the leg's minutes
        speed = story.integer(3, 15) * ((4 if minutes in (15, 45) else 3 if minutes in (20, 40) else 2)
                                        if in_minutes else 5)
        hours = Fraction(minutes, 60) if in_minutes else Fraction(story.integer(1, 4))
        km = speed * hours
        parts.append(f"{speed} km/h for " + (f"{minutes} minutes" if in_minutes else f"{hours} {plural(hours, 'hour')}"))
        if in_minutes:
            story.step(f"{minutes} minutes is {minutes}/60 = {fraction_text(hours)} hour; {speed} × "
                       f"{fraction_text(hours)} = {fraction_text(km)} km.")
        else:
            story.step(f"Leg {leg + 1}: {speed} km/h × {fraction_text(hours)} h = {fraction_text(km)} km.")
        total_km += km
        total_hours += hours
    story.say(f"{vehicle} travels at {', then at '.join(parts)}.")
    story.step(f"Total distance: {fraction_text(total_km)} km.")
    if level >= 3:
        answer = total_km / total_hours
        story.step(f"Total time: {fraction_text(total_hours)} hours. Average speed = {fraction_text(total_km)} ÷ "
                   f"{parenthesized(total_hours)} = {fraction_text(answer)} km/h.")
        story.say("What is its average speed over the whole trip, in km/h?")
        return answer
    story.say(story.pick(["How many kilometres does it travel in total?", "What is the total distance, in km?"]))
    return total_km


def _round_trip(story: Story, vehicle: str):
    km, speed_there = story.integer(2, 12) * 12, story.integer(3, 9) * 10
    speed_back = story.pick([speed for speed in range(20, 100, 10) if speed != speed_there])
    stop = story.pick([0, 15, 30, 45])
    wait = f", stops there for {stop} minutes," if stop else ""
    story.say(f"{vehicle} goes {km} km to a town at {speed_there} km/h{wait} and comes back the same way at "
              f"{speed_back} km/h.")
    there, back, stopped = Fraction(km, speed_there), Fraction(km, speed_back), Fraction(stop, 60)
    story.step(f"Time there: {km} ÷ {speed_there} = {fraction_text(there)} hours.")
    story.step(f"Time back: {km} ÷ {speed_back} = {fraction_text(back)} hours.")
    if stop:
        story.step(f"The stop lasts {stop} minutes = {stop}/60 = {fraction_text(stopped)} hour, and it counts as "
                   "travel time.")
    hours = there + back + stopped
    shown = " + ".join(fraction_text(part) for part in (there, back, stopped) if part)
    story.step(f"Total distance {km} + {km} = {2 * km} km; total time {shown} = {fraction_text(hours)} hours.")
    answer = Fraction(2 * km) / hours
    story.step(f"Average speed = total distance ÷ total time = {2 * km} ÷ {parenthesized(hours)} = "
               f"{fraction_text(answer)} km/h.")
    story.say("What is its average speed for the round trip, in km/h?")
    return answer


def ages(story: Story, level: int):
    older, younger = story.person().name, story.person().name
    if level == 1:
        gap, now, years = story.integer(2, 12), story.integer(4, 30), story.integer(2, 10)
        story.say(f"{older} is {gap} years older than {younger}. {younger} is {now} years old. How old will {older} "
                  f"be in {years} years?")
        story.step(f"{older} is now {now} + {gap} = {now + gap}.")
        story.step(f"In {years} years: {now + gap} + {years} = {now + gap + years}.")
        return now + gap + years
    if level == 2:
        m, x, n = story.integer(2, 5), story.integer(3, 14), story.integer(2, 9)
        total = m * x + x + 2 * n
        story.say(f"{older} is {m} times as old as {younger}. In {n} years the sum of their ages will be {total}. "
                  f"How old is {older} now?")
        story.step(f"Let {younger}'s age be x; then {older} is {m}x, and together they are {m + 1}x now.")
        story.step(f"In {n} years each is {n} older, so the sum grows by 2 × {n} = {2 * n}: {m + 1}x + {2 * n} = "
                   f"{total}.")
        story.step(f"{m + 1}x = {total} − {2 * n} = {total - 2 * n}, so x = {total - 2 * n} ÷ {m + 1} = {x}.")
        story.step(f"{older} is {m} × {x} = {m * x}.")
        return m * x
    while True:  # m times as old now, k times as old in n years: n = x(m − k)/(k − 1) must be a whole number
        k, m, x = story.integer(2, 3), story.integer(4, 6), story.integer(2, 15)
        n, rest = divmod(x * (m - k), k - 1)
        if not rest and 1 <= n <= 20:
            break
    story.say(f"{older} is {m} times as old as {younger}. In {n} years {older} will be {k} times as old as "
              f"{younger}. How old is {younger} now?")
    story.step(f"Let {younger}'s age be x; {older} is {m}x.")
    story.step(f"In {n} years: {m}x + {n} = {k}(x + {n}) = {k}x + {k * n}.")
    story.step(f"Subtract {k}x and {n} from both sides: {m - k}x = {k * n} − {n} = {k * n - n}.")
    story.step(f"x = {k * n - n} ÷ {m - k} = {x}. Check: {m * x} + {n} = {m * x + n} and {k} × ({x} + {n}) = "
               f"{k * (x + n)}.")
    return x


def ratio(story: Story, level: int):
    people = [story.person().name for _ in range(3 if level >= 2 else 2)]
    weights = [story.integer(1, 6) for _ in people]
    while len(set(weights)) == 1 or math.gcd(*weights) > 1:
        weights = [story.integer(1, 6) for _ in people]
    unit = story.integer(2, 25)
    parts = sum(weights)
    story.say(f"{series(people)} share ${unit * parts} in the ratio {':'.join(map(str, weights))}.")
    story.step(f"The ratio has {' + '.join(map(str, weights))} = {parts} parts.")
    story.step(f"One part is ${unit * parts} ÷ {parts} = ${unit}.")
    shares = [weight * unit for weight in weights]
    for person, weight, share in zip(people, weights, shares):
        story.step(f"{person} gets {weight} × ${unit} = ${share}.")
    if level >= 3:
        gift = story.integer(1, shares[0] - 1) if shares[0] > 1 else 0
        story.say(f"Then {people[0]} gives ${gift} to {people[1]}. How many dollars does {people[1]} have now?")
        story.step(f"{people[1]} now has ${shares[1]} + ${gift} = ${shares[1] + gift}.")
        return shares[1] + gift
    asked = story.integer(0, len(people) - 1)
    story.say(f"How many dollars does {people[asked]} get?")
    return shares[asked]


def work(story: Story, level: int):
    job = story.pick(wording.JOBS)
    if level == 1:
        first, second = story.person().name, story.person().name
        first_hours, second_hours = story.integer(2, 12), story.integer(2, 12)
        story.say(f"{first} can {job} alone in {first_hours} hours; {second} can do it alone in {second_hours} hours. "
                  "Working together at these rates, how many hours do they take?")
        return _together(story, [(first, first_hours), (second, second_hours)])
    if level == 2:
        if story.rng.random() < 0.5:
            crew = [(story.person().name, story.integer(2, 12)) for _ in range(3)]
            story.say(f"{series([who for who, _ in crew])} can each {job} alone in "
                      f"{series([str(hours) for _, hours in crew])} hours. How many hours do the three take working "
                      "together?")
            return _together(story, crew)
        fill, drain = story.integer(2, 9), 0
        while drain <= fill:
            drain = story.integer(3, 20)
        story.say(f"A pipe fills a tank in {fill} hours; a drain empties the full tank in {drain} hours. With the tank "
                  "empty and both open, how many hours until it is full?")
        rate = Fraction(1, fill) - Fraction(1, drain)
        story.step(f"The pipe fills 1/{fill} of the tank per hour and the drain removes 1/{drain}.")
        story.step(f"Net rate: 1/{fill} − 1/{drain} = {fraction_text(rate)} of the tank per hour.")
        story.step(f"Time = 1 ÷ {parenthesized(rate)} = {fraction_text(1 / rate)} hours.")
        return 1 / rate
    first, second = story.person().name, story.person().name
    first_hours, second_hours = story.integer(3, 12), story.integer(2, 12)
    head = story.integer(1, first_hours - 1)
    story.say(f"{first} can {job} alone in {first_hours} hours and {second} alone in {second_hours} hours. {first} "
              f"works alone for {head} {plural(head, 'hour')}, then {second} joins. How many hours does the whole job "
              "take from the start?")
    done = Fraction(head, first_hours)
    story.step(f"{first} does 1/{first_hours} of the job per hour, so in {head} {plural(head, 'hour')} "
               f"{fraction_text(done)} is done.")
    story.step(f"Left: 1 − {fraction_text(done)} = {fraction_text(1 - done)} of the job.")
    rate = Fraction(1, first_hours) + Fraction(1, second_hours)
    story.step(f"Together they do 1/{first_hours} + 1/{second_hours} = {fraction_text(rate)} per hour.")
    rest = (1 - done) / rate
    story.step(f"The rest takes {parenthesized(1 - done)} ÷ {parenthesized(rate)} = {fraction_text(rest)} hours.")
    story.step(f"In total: {head} + {fraction_text(rest)} = {fraction_text(head + rest)} hours.")
    return head + rest


def _together(story: Story, crew: list[tuple[str, int]]):
    for who, hours in crew:
        story.step(f"{who} does 1/{hours} of the job per hour.")
    rate = sum(Fraction(1, hours) for _, hours in crew)
    story.step(f"Together: {' + '.join(f'1/{hours}' for _, hours in crew)} = {fraction_text(rate)} of the job per hour.")
    story.step(f"Time = 1 ÷ {parenthesized(rate)} = {fraction_text(1 / rate)} hours.")
    return 1 / rate


def pizza(story: Story, level: int):
    pizzas, friends = story.integer(2, 9), story.integer(3, 12)
    while pizzas % friends == 0:
        friends = story.integer(3, 12)
    slices = story.pick([6, 8, 10, 12])
    story.say(f"{pizzas} pizzas, each cut into {slices} equal slices, are shared equally among {friends} friends.")
    if level == 1:
        share = Fraction(pizzas, friends)
        story.step(f"Each friend gets {pizzas} ÷ {friends} = {fraction_text(share)} of a pizza.")
        story.say("What fraction of a pizza does each friend get?")
        return share
    total = pizzas * slices
    story.step(f"There are {pizzas} × {slices} = {total} slices in all.")
    eat = story.integer(1, max(1, total // friends - 1))
    story.say(f"Actually each friend eats only {eat} {plural(eat, 'slice')}. What fraction of all the pizza is left "
              "over?")
    eaten = friends * eat
    story.step(f"The friends eat {friends} × {eat} = {eaten} slices.")
    story.step(f"Left over: {total} − {eaten} = {total - eaten} slices.")
    left = Fraction(total - eaten, total)
    story.step(f"As a fraction of all the pizza: {total - eaten}/{total} = {fraction_text(left)}.")
    return left


SCENARIOS = {"chain": chain, "shopping": shopping, "distance": distance, "ages": ages, "ratio": ratio, "work": work,
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


# --------------------------------------------------------------------------- exposition
_TOPICS = exposition_texts(__name__)


def _passage_values(rng: np.random.Generator, topic: str) -> dict:
    """The values of one topic's passage; every topic draws the same ones, in the same order."""
    name, friend = (wording.NAMES[int(i)][0] for i in rng.choice(len(wording.NAMES), size=2, replace=False))
    many = wording.OBJECTS[int(rng.integers(0, len(wording.OBJECTS)))][1]
    a, b = int(rng.integers(20, 80)), int(rng.integers(2, 19))
    k, m = int(rng.integers(2, 7)), int(rng.integers(2, 13))
    d = int(rng.integers(2, 6))
    fq = d * int(rng.integers(2, 15))
    v, w, t = 10 * int(rng.integers(3, 9)), 10 * int(rng.integers(2, 9)), int(rng.integers(2, 5))
    r1, r2, unit = int(rng.integers(1, 6)), int(rng.integers(1, 6)), int(rng.integers(3, 20))
    x, n = int(rng.integers(3, 15)), int(rng.integers(2, 9))
    ta, tb, tc = int(rng.integers(2, 9)), int(rng.integers(2, 9)), int(rng.integers(9, 16))
    pct, base = int(rng.choice([10, 20, 25, 50])), 20 * int(rng.integers(2, 20))
    if topic == "Working together":
        a, b = ta, tb
    bill = 100 * (k * m // 100 + 1)
    discount = Fraction(base * pct, 100)
    together = Fraction(1, ta) + Fraction(1, tb)
    return {
        "name": name, "friend": friend, "many": many, "a": a, "b": b, "ab": a + b, "amb": a - b, "k": k, "m": m,
        "km": k * m, "frac_word": wording.FRACTION_WORDS[d], "fq": fq, "fpart": fq // d, "fleft": fq - fq // d,
        "d": v * w // 10 if topic == "Distance, speed and time" else d, "bill": bill, "change": bill - k * m,
        "pct": pct, "base": base, "disc": fraction_text(discount), "after": fraction_text(base - discount),
        "v": v, "t": t, "vt": v * t, "w": w, "avg": fraction_text(Fraction(2 * v * w, v + w)),
        "naive": fraction_text(Fraction(v + w, 2)), "kx": k * x, "x": x, "n": n, "xn": x + n, "kxn": k * x + n,
        "sum_n": k * x + x + 2 * n, "total": unit * (r1 + r2), "r1": r1, "r2": r2, "parts": r1 + r2, "unit": unit,
        "s1": r1 * unit, "s2": r2 * unit, "rate": fraction_text(together), "together": fraction_text(1 / together),
        "c": tc, "net": fraction_text(Fraction(1, ta) - Fraction(1, tc)),
    }


# --------------------------------------------------------------------------- the family
@register_family
class WordProblems(Family):
    """Word problems.

    The answer is compared exactly; a unit and a dollar sign are ignored, fractions must be reduced:

    >>> fam = WordProblems()
    >>> p = Problem("...", Fraction(12, 5), "WordProblems")
    >>> [fam.verify(p, f"\\\\boxed{{{a}}}").status.value for a in ("12/5", "2 2/5 hours", "2.4", "24/10")]
    ['CORRECT', 'CORRECT', 'CORRECT', 'UNPARSEABLE']
    """

    name = "WordProblems"
    version = 0
    answer_type = "rational"
    subject = "word-problems"
    instruction = (
        "Give your final answer as a number in \\boxed{...}; write a non-integer as a fraction in lowest terms, "
        "e.g. \\boxed{7/3}. A final line 'Answer: ...' is also accepted."
    )

    exposition = topic_exposition(31337, 200, _TOPICS, _passage_values)

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem:
        difficulty = check_difficulty(difficulty)
        scenario, complexity = LEVELS[difficulty][int(rng.integers(0, len(LEVELS[difficulty])))]
        story = Story(rng)
        answer = Fraction(SCENARIOS[scenario](story, complexity))
        return Problem(question=" ".join(story.text), answer=answer.numerator if answer.denominator == 1 else answer,
                       family=self.name, version=self.version, difficulty=difficulty,
                       metadata={"scenario": scenario, "complexity": complexity, "steps": story.steps})

    def solution_lines(self, problem: Problem) -> list[str]:
        return [f"Step {number}: {step}" for number, step in enumerate(problem.metadata["steps"], 1)]

    def verify(self, problem: Problem, response: str) -> Verdict:
        """The number, with the question's nouns and the known units allowed after it as a unit."""
        nouns = question_nouns(problem.question)
        return check_answer(response, problem.answer, lambda span: parse_amount(span, nouns))
