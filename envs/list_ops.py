"""ListOps: sorting, selecting, filtering and aggregating lists, and nested ListOps expressions.

**Asked.** Either a *pipeline* of list operations applied to a given list of integers
(``Start with [12, 7, 33, 4, 18]. Keep only the even numbers, then sort the result in
descending order. What is the final list?``), or a nested *ListOps* expression
(``[MAX 2 91 [MIN 40 7] 0]``) with the operators ``MAX``, ``MIN``, ``MED`` (median;
always applied to an odd number of arguments), ``SUM`` and ``SM`` (sum modulo 10).

Pipeline stages: sort ascending/descending, keep by a rule (even, odd, greater than,
less than, multiple of), add/subtract/multiply every entry by a constant, keep the
first k, drop the first k, reverse; a pipeline may end in the k-th smallest/largest
entry or an aggregate (sum, minimum, maximum, median).

**Difficulty.**

==  ===============================================================================
 1  sort 5 numbers (0..50) in ascending order
 2  sort 7 numbers (0..99) either way, or sum / minimum / maximum of a list
 3  k-th smallest or largest of 8 numbers, or a filter of 9 numbers (order kept)
 4  negatives (−50..50): median (even lengths give a fraction), filter, sort 9 numbers
 5  two-stage pipelines: filter then sort / aggregate / k-th, or sort then take k
 6  ListOps, one level of nesting: ``[SUM 31 [MAX 4 70 12] 8]``
 7  ListOps, nesting depth 3
 8  ListOps, nesting depth 4, with ``SM`` inside
 9  pipelines of 3 or 4 stages on 10-12 numbers (−20..60), with maps
10  ListOps of depth 5 with many arguments, or pipelines of 5-6 stages ending in an aggregate
==  ===============================================================================

Examples: level 1 ``Sort [31, 4, 17, 9, 22] in ascending order`` -> ``[4, 9, 17, 22,
31]``; level 5 ``Keep only the odd numbers of [...], then give their sum`` -> an
integer; level 8 ``[MED 3 [SUM 4 [SM 9 8 [MIN 5 7]] 2] 60]`` -> an integer.

**Answer.** A list (``[4, 9, 17]``; also ``(4, 9, 17)`` or ``4, 9, 17``; order
matters; parsed by :func:`textbook_gym.verifiers.structures.parse_list` with the
integer grammar) or one number (integer grammar; a non-integer median as a fraction
in lowest terms or a decimal, ``7/2`` or ``3.5``). Pipelines never produce an
empty list.

**Worked solutions** narrate the method: selection of the smallest (or largest)
remaining entry for sorting, a keep/drop decision per entry for filters, running
totals and running minima/maxima for aggregates, innermost-bracket-first rewriting
for ListOps.

**Problem-space sizes** (:meth:`ListOps.space_size`): estimates from 3,000 draws per level
(Chao1 estimator; a level where no problem repeated is given as the estimator's value,
a lower bound of the true size). Every level's test split holds at least 50 problems.

**Version history.** v0: first release.
"""

from __future__ import annotations

import functools
from fractions import Fraction

import numpy as np

from textbook_gym.family import Family, check_difficulty
from textbook_gym.problem import Problem
from textbook_gym.registry import register_family
from textbook_gym.verdict import Verdict
from textbook_gym.verifiers import check_answer, parse_integer
from textbook_gym.verifiers.numbers import parse_rational
from textbook_gym.verifiers.structures import parse_list

ORDINAL = {1: "1st", 2: "2nd", 3: "3rd"}


def ordinal(k: int) -> str:
    return ORDINAL.get(k, f"{k}th")


def show(items) -> str:
    return "[" + ", ".join(map(str, items)) + "]"


# --------------------------------------------------------------------------- pipeline stages
def _keep(rule: str, arg: int, x: int) -> bool:
    return {"even": x % 2 == 0, "odd": x % 2 == 1, "gt": x > arg, "lt": x < arg, "mult": x % max(arg, 1) == 0}[rule]


def describe(stage: list, variant: int) -> str:
    kind = stage[0]
    if kind == "sort":
        word = "ascending" if stage[1] == "asc" else "descending"
        return [f"sort the list in {word} order", f"arrange the entries in {word} order"][variant % 2]
    if kind == "filter":
        rule, arg = stage[1], stage[2]
        what = {"even": "the even numbers", "odd": "the odd numbers", "gt": f"the numbers greater than {arg}",
                "lt": f"the numbers less than {arg}", "mult": f"the multiples of {arg}"}[rule]
        return [f"keep only {what} (in their current order)", f"remove everything except {what}, keeping the order"][
            variant % 2]
    if kind == "map":
        op, c = stage[1], stage[2]
        return {"add": f"add {c} to every entry", "sub": f"subtract {c} from every entry",
                "mul": f"multiply every entry by {c}"}[op]
    if kind == "take":
        return [f"keep only the first {stage[1]} entries", f"cut the list down to its first {stage[1]} entries"][
            variant % 2]
    if kind == "drop":
        return f"remove the first {stage[1]} entries"
    if kind == "reverse":
        return ["reverse the list", "write the list backwards"][variant % 2]
    if kind == "kth":
        return f"give the {ordinal(stage[2])} {stage[1]} entry"
    return {"sum": "give the sum of the entries", "min": "give the smallest entry", "max": "give the largest entry",
            "median": "give the median of the entries"}[stage[1]]


def apply_stage(stage: list, items: list[int], lines: list[str] | None = None):
    """Apply one stage; when ``lines`` is given, narrate the work a student would write."""
    kind = stage[0]
    say = lines.append if lines is not None else (lambda _text: None)
    if kind == "sort":
        return _selection_sort(items, stage[1] == "asc", say)
    if kind == "filter":
        kept = [x for x in items if _keep(stage[1], stage[2], x)]
        marks = ", ".join(f"{x} {'keep' if _keep(stage[1], stage[2], x) else 'drop'}" for x in items)
        say(f"Check each entry: {marks}. Kept: {show(kept)}.")
        return kept
    if kind == "map":
        op, c = stage[1], stage[2]
        out = [x + c if op == "add" else x - c if op == "sub" else x * c for x in items]
        sym = {"add": "+", "sub": "-", "mul": "×"}[op]
        say("Entry by entry: " + ", ".join(f"{x} {sym} {c} = {y}" for x, y in zip(items, out)) + f". Now {show(out)}.")
        return out
    if kind in ("take", "drop"):
        out = items[: stage[1]] if kind == "take" else items[stage[1] :]
        say(f"{'Keeping the first' if kind == 'take' else 'Removing the first'} {stage[1]} entries leaves {show(out)}.")
        return out
    if kind == "reverse":
        say(f"Reversed: {show(items[::-1])}.")
        return items[::-1]
    if kind == "kth":
        ascending = stage[1] == "smallest"
        ranked = _selection_sort(items, ascending, say, stop=stage[2])
        value = ranked[stage[2] - 1]
        say(f"The {ordinal(stage[2])} {stage[1]} entry is {value}.")
        return value
    return _aggregate(stage[1], items, say)


def _selection_sort(items: list[int], ascending: bool, say, stop: int | None = None) -> list[int]:
    rest, out = list(items), []
    word = "smallest" if ascending else "largest"
    while rest and (stop is None or len(out) < stop):
        pick = min(rest) if ascending else max(rest)
        rest.remove(pick)
        out.append(pick)
        tail = f"; left: {show(rest)}" if rest and (stop is None or len(out) < stop) else ""
        say(f"The {word} remaining entry is {pick}{tail}.")
    if stop is None:
        say(f"In {'ascending' if ascending else 'descending'} order: {show(out)}.")
    return out


def _aggregate(agg: str, items: list[int], say):
    if agg == "sum":
        total = items[0]
        steps = [str(total)]
        for x in items[1:]:
            steps.append(f"{total} + {x} = {total + x}" if x >= 0 else f"{total} - {-x} = {total + x}")
            total += x
        say("Running total: " + "; ".join(steps) + f". The sum is {total}.")
        return total
    if agg in ("min", "max"):
        best = items[0]
        steps = [f"start with {best}"]
        for x in items[1:]:
            if (x < best) if agg == "min" else (x > best):
                steps.append(f"{x} is {'smaller' if agg == 'min' else 'larger'}, so {x}")
                best = x
            else:
                steps.append(f"{x} is not, keep {best}")
        say("Scan the entries: " + "; ".join(steps) + f". The {'minimum' if agg == 'min' else 'maximum'} is {best}.")
        return best
    if items == sorted(items):
        ordered = list(items)
        say(f"The list {show(ordered)} is already in ascending order.")
    else:
        ordered = _selection_sort(items, True, say)
    n = len(ordered)
    if n % 2:
        say(f"There are {n} entries, so the median is entry {n // 2 + 1} of the sorted list: {ordered[n // 2]}.")
        return ordered[n // 2]
    a, b = ordered[n // 2 - 1], ordered[n // 2]
    value = Fraction(a + b, 2)
    say(f"There are {n} entries, so the median is the mean of entries {n // 2} and {n // 2 + 1}: "
        f"({a} + {b}) / 2 = {_num(value)}.")
    return value.numerator if value.denominator == 1 else value


def _num(value) -> str:
    value = Fraction(value)
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


def run_pipeline(items: list[int], stages: list, lines: list[str] | None = None):
    current = list(items)
    for stage in stages:
        current = apply_stage(stage, current, lines)
    return tuple(current) if isinstance(current, list) else current


# --------------------------------------------------------------------------- ListOps trees
def tree_value(node):
    if isinstance(node, int):
        return node
    op, args = node[0], [tree_value(a) for a in node[1:]]
    return {"MAX": max, "MIN": min, "SUM": sum, "SM": lambda v: sum(v) % 10,
            "MED": lambda v: sorted(v)[len(v) // 2]}[op](args)


def tree_text(node) -> str:
    return str(node) if isinstance(node, int) else f"[{node[0]} " + " ".join(tree_text(a) for a in node[1:]) + "]"


def random_tree(rng: np.random.Generator, depth: int, width: tuple[int, int], ops: list[str], hi: int, root=True):
    op = ops[int(rng.integers(0, len(ops)))]
    while root and op == "SM":
        op = ops[int(rng.integers(0, len(ops)))]
    n = int(rng.integers(width[0], width[1] + 1))
    if op == "MED" and n % 2 == 0:
        n += 1
    args: list = [int(v) for v in rng.integers(0, hi + 1, size=n)]
    if depth > 1:
        subs = 1 + int(rng.random() < 0.35)
        for j, slot in enumerate(rng.choice(n, size=min(subs, n), replace=False)):
            sub_depth = depth - 1 if j == 0 else int(rng.integers(1, depth))
            args[int(slot)] = random_tree(rng, sub_depth, width, ops, hi, root=False)
    return [op, *args]


def _depth(node) -> int:
    return 0 if isinstance(node, int) else 1 + max(_depth(a) for a in node[1:])


def _innermost(node):
    """The leftmost bracket whose arguments are all numbers."""
    for a in node[1:]:
        if not isinstance(a, int):
            return _innermost(a)
    return node


def _replace(node, target, value):
    if node is target:
        return value
    if isinstance(node, int):
        return node
    return [node[0], *(_replace(a, target, value) for a in node[1:])]


def narrate_tree(node, lines: list[str]) -> int:
    while not isinstance(node, int):
        inner = _innermost(node)
        op, args = inner[0], list(inner[1:])
        value = tree_value(inner)
        if op in ("SUM", "SM"):
            detail = " + ".join(map(str, args)) + f" = {sum(args)}" + (f", and {sum(args)} mod 10 = {value}"
                                                                         if op == "SM" else "")
        elif op == "MED":
            detail = f"sorted {show(sorted(args))}, the middle entry is {value}"
        else:
            detail = f"the {'largest' if op == 'MAX' else 'smallest'} of {', '.join(map(str, args))} is {value}"
        node = _replace(node, inner, value)
        after = f"; the expression becomes {tree_text(node)}" if not isinstance(node, int) else ""
        lines.append(f"{tree_text(inner)}: {detail}{after}.")
    return node


# --------------------------------------------------------------------------- generation
def _items(rng, n, lo, hi):
    return [int(v) for v in rng.integers(lo, hi + 1, size=n)]


def _filter(rng, items):
    rule = ["even", "odd", "gt", "lt", "mult"][int(rng.integers(0, 5))]
    arg = int(rng.choice(items)) if rule in ("gt", "lt") else int(rng.integers(3, 6)) if rule == "mult" else 0
    return ["filter", rule, arg]


def _terminal(rng, n_left):
    kind = int(rng.integers(0, 3))
    if kind == 0:
        return ["agg", ["sum", "min", "max", "median"][int(rng.integers(0, 4))]]
    if kind == 1 and n_left >= 2:
        return ["kth", ["smallest", "largest"][int(rng.integers(0, 2))], int(rng.integers(2, min(n_left, 4) + 1))]
    return ["sort", ["asc", "desc"][int(rng.integers(0, 2))]]


def _pipeline(rng, difficulty):
    if difficulty == 1:
        return _items(rng, 5, 0, 50), [["sort", "asc"]]
    if difficulty == 2:
        items = _items(rng, 7, 0, 99)
        choice = int(rng.integers(0, 3))
        if choice == 0:
            return items, [["sort", ["asc", "desc"][int(rng.integers(0, 2))]]]
        return (items[:5], [["agg", "sum"]]) if choice == 1 else (items + _items(rng, 1, 0, 99),
                                                                   [["agg", ["min", "max"][int(rng.integers(0, 2))]]])
    if difficulty == 3:
        items = _items(rng, 9, 0, 99)
        if rng.random() < 0.5:
            return items[:8], [["kth", ["smallest", "largest"][int(rng.integers(0, 2))], int(rng.integers(2, 6))]]
        return items, [_filter(rng, items)]
    if difficulty == 4:
        items = _items(rng, 9, -50, 50)
        choice = int(rng.integers(0, 3))
        if choice == 0:
            return items[: int(rng.integers(7, 9))], [["agg", "median"]]
        return items, [_filter(rng, items) if choice == 1 else ["sort", ["asc", "desc"][int(rng.integers(0, 2))]]]
    if difficulty == 5:
        items = _items(rng, 10, -30, 80)
        if rng.random() < 0.3:
            return items, [["sort", ["asc", "desc"][int(rng.integers(0, 2))]], ["take", int(rng.integers(2, 6))]]
        return items, [_filter(rng, items), _terminal(rng, 2)]
    n_stages = int(rng.integers(3, 5)) if difficulty == 9 else int(rng.integers(5, 7))
    items = _items(rng, int(rng.integers(10, 13)), -20, 60)
    stages = []
    pool = ["filter", "map", "sort", "take", "drop", "reverse"]
    while len(stages) < n_stages - 1:
        kind = pool[int(rng.integers(0, len(pool)))]
        if stages and stages[-1][0] == kind:
            continue
        if kind == "filter":
            stages.append(_filter(rng, items))
        elif kind == "map":
            op = ["add", "sub", "mul"][int(rng.integers(0, 3))]
            stages.append(["map", op, int(rng.integers(2, 4)) if op == "mul" else int(rng.integers(1, 16))])
        elif kind == "sort":
            stages.append(["sort", ["asc", "desc"][int(rng.integers(0, 2))]])
        elif kind in ("take", "drop"):
            stages.append([kind, int(rng.integers(2, 5))])
        else:
            stages.append(["reverse"])
    stages.append(["agg", ["sum", "min", "max", "median"][int(rng.integers(0, 4))]] if difficulty == 10
                  else _terminal(rng, 3))
    return items, stages


def _valid(items, stages) -> bool:
    current = list(items)
    for stage in stages:
        if not isinstance(current, list) or len(current) < (2 if stage[0] in ("agg", "kth") else 1):
            return False
        if stage[0] == "kth" and stage[2] > len(current):
            return False
        before = current
        current = apply_stage(stage, current)
        if isinstance(current, list) and (not current or (stage[0] != "sort" and current == before)):
            return False  # an empty list, or a stage that changed nothing
    return True


LISTOPS = {6: (2, (3, 5), ["MAX", "MIN", "MED", "SUM"], 99), 7: (3, (3, 5), ["MAX", "MIN", "MED", "SUM"], 99),
           8: (4, (2, 4), ["MAX", "MIN", "MED", "SUM", "SM"], 50), 10: (5, (3, 5), ["MAX", "MIN", "MED", "SUM", "SM"], 60)}


# --------------------------------------------------------------------------- exposition
_TOPICS = {
    "Sorting": [
        "Selection sort builds the sorted list one entry at a time: find the smallest remaining entry, write it "
        "down, cross it out, repeat. Sorting {a} this way gives {sa}.",
        "Sorting in descending order is the same method with the largest entry picked each time: {a} becomes {sd}.",
        "Repeated values stay in a sorted list as many times as they occur. A common slip is to drop a duplicate; "
        "{a} has {n} entries, so its sorted form must have {n} entries too: {sa}.",
    ],
    "Selecting": [
        "The k-th smallest entry is the entry in position k after sorting in ascending order. In {a} the "
        "{ko} smallest is {ks}: you can stop the selection after k picks.",
        "The k-th largest is the k-th entry of the descending order. For {a} the {ko} largest is {kl}. Check the "
        "direction: the 1st largest is the maximum.",
        "Minimum and maximum need no sorting: scan once, keeping the best value seen so far. For {a} the minimum "
        "is {mn} and the maximum is {mx}.",
    ],
    "Filtering": [
        "A filter keeps the entries that pass a test and drops the rest, without changing the order. Keeping the "
        "even entries of {a} gives {ev}.",
        "A common mistake when filtering is to sort at the same time. Keeping the odd entries of {a} gives {od}, in "
        "the original order.",
        "The test 'greater than t' is strict: an entry equal to t is dropped. Keeping entries of {a} greater than "
        "{t} gives {gt}.",
    ],
    "Aggregating": [
        "Add a long list with a running total, one entry at a time. For {a} the total is {s}.",
        "The median is the middle of the sorted list. With an odd count it is one entry; with an even count it is "
        "the mean of the two middle entries. The median of {a} is {md}.",
        "The mean, the median and the middle entry of the unsorted list are three different things; only the "
        "median needs the list sorted first. Sorted, {a} is {sa}, so its median is {md}.",
    ],
    "ListOps expressions": [
        "A ListOps expression such as {tx} applies an operator to its arguments, some of which are bracketed "
        "expressions themselves. Evaluate the innermost brackets first; this one has the value {tv}.",
        "In ListOps, MAX and MIN pick the largest and smallest argument, SUM adds them, SM adds them and keeps "
        "the last digit (the sum modulo 10) and MED takes the median. The expression {tx} equals {tv}.",
        "Rewrite a nested expression after each step: replace the innermost bracket by its value and continue. "
        "Starting from {tx}, the rewriting ends at {tv}.",
    ],
    "Pipelines": [
        "A pipeline applies operations one after another, each to the result of the previous one. Starting from "
        "{a}, keeping the even entries and then sorting them in descending order gives {evd}.",
        "The order of pipeline stages matters. Taking the first three entries of {a} and then sorting gives "
        "{t3s}, but sorting first and then taking three gives {st3}.",
        "A map changes every entry: adding {c} to each entry of {a} gives {ac}. Maps keep the length of the list, "
        "while filters may shorten it.",
    ],
}


@functools.lru_cache(maxsize=1)
def _passages() -> tuple[str, ...]:
    rng = np.random.default_rng(4242)
    passages: list[str] = []
    seen: set[str] = set()
    while len(passages) < 200:
        for topic, templates in _TOPICS.items():
            n = int(rng.integers(5, 9))
            a = _items(rng, n, 0, 60)
            k = int(rng.integers(2, 4))
            t = int(rng.choice(a))
            c = int(rng.integers(2, 12))
            tree = random_tree(rng, int(rng.integers(2, 4)), (2, 4), ["MAX", "MIN", "MED", "SUM", "SM"], 20)
            med = run_pipeline(a, [["agg", "median"]])
            values = {
                "a": show(a), "n": n, "sa": show(sorted(a)), "sd": show(sorted(a, reverse=True)), "ko": ordinal(k),
                "ks": sorted(a)[k - 1], "kl": sorted(a, reverse=True)[k - 1], "mn": min(a), "mx": max(a),
                "ev": show([x for x in a if x % 2 == 0]), "od": show([x for x in a if x % 2]), "t": t,
                "gt": show([x for x in a if x > t]), "s": sum(a), "md": _num(med), "tx": tree_text(tree),
                "tv": tree_value(tree), "evd": show(sorted((x for x in a if x % 2 == 0), reverse=True)),
                "t3s": show(sorted(a[:3])), "st3": show(sorted(a)[:3]), "c": c, "ac": show([x + c for x in a]),
            }
            template = templates[int(rng.integers(0, len(templates)))]
            text = f"{topic}. " + template.format(**values)
            if text not in seen:
                seen.add(text)
                passages.append(text)
    return tuple(passages)


# --------------------------------------------------------------------------- the family
@register_family
class ListOps(Family):
    name = "ListOps"
    version = 0
    answer_type = "list|integer|rational"
    subject = "puzzles"
    space_sizes = {  # (count, exact) per level; see "Problem-space sizes" in the module docstring
        1: (4_500_000, False), 2: (4_500_000, False), 3: (4_500_000, False), 4: (4_500_000, False),
        5: (4_500_000, False), 6: (4_500_000, False), 7: (4_500_000, False), 8: (4_500_000, False),
        9: (4_500_000, False), 10: (4_500_000, False),
    }
    instruction = (
        "Give your final answer in \\boxed{...}: a list in brackets such as \\boxed{[4, 9, 17]}, or a single "
        "number such as \\boxed{42} (a non-integer as a fraction in lowest terms, e.g. \\boxed{7/2})."
    )

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem:
        difficulty = check_difficulty(difficulty)
        if difficulty in (6, 7, 8) or (difficulty == 10 and rng.random() < 0.5):
            depth, width, ops, hi = LISTOPS[difficulty]
            tree = random_tree(rng, depth, width, ops, hi)
            while _depth(tree) < depth:
                tree = random_tree(rng, depth, width, ops, hi)
            question = (
                f"Evaluate the ListOps expression {tree_text(tree)}. MAX and MIN give the largest and smallest "
                "argument, SUM the sum, SM the sum modulo 10, and MED the median (the middle value after sorting)."
            )
            meta = {"kind": "tree", "tree": tree}
            answer = tree_value(tree)
        else:
            items, stages = _pipeline(rng, difficulty)
            while not _valid(items, stages):
                items, stages = _pipeline(rng, difficulty)
            variant = int(rng.integers(0, 2))
            steps = [describe(stage, variant + i) for i, stage in enumerate(stages)]
            answer = run_pipeline(items, stages)
            want = "the final list" if isinstance(answer, tuple) else "the resulting number"
            if len(stages) == 1:
                text = steps[0][0].upper() + steps[0][1:]
                question = f"Start with the list {show(items)}. {text}. What is {want}?"
            else:
                numbered = "; ".join(f"({i}) {s}" for i, s in enumerate(steps, 1))
                question = (f"Start with the list {show(items)} and apply these steps in order, each to the result "
                            f"of the previous one: {numbered}. What is {want}?")
            meta = {"kind": "pipeline", "items": items, "stages": stages}
        return Problem(question=question, answer=answer, family=self.name, version=self.version,
                       difficulty=difficulty, metadata=meta)

    def worked_solution(self, problem: Problem) -> str:
        meta = problem.metadata
        lines: list[str] = []
        if meta["kind"] == "tree":
            lines.append("Evaluate the innermost bracket first and rewrite the expression after each step.")
            result = narrate_tree(meta["tree"], lines)
        else:
            current = list(meta["items"])
            for i, stage in enumerate(meta["stages"], 1):
                lines.append(f"Step {i}: {describe(stage, 0)}.")
                current = apply_stage(stage, current, lines)
            result = tuple(current) if isinstance(current, list) else current
        shown = show(result) if isinstance(result, tuple) else _num(result)
        lines.append(f"The answer is \\boxed{{{shown}}}.")
        return "\n".join(lines)

    def exposition(self) -> list[str]:
        return list(_passages())

    def answer_text(self, problem: Problem) -> str:
        """A list in brackets (``[4, 9, 17]``) or one number (``7/2`` for a non-integer median)."""
        answer = problem.answer
        if isinstance(answer, (tuple, list)):
            return "[" + ", ".join(str(Fraction(v)) for v in answer) + "]"
        return str(Fraction(answer))

    def verify(self, problem: Problem, response: str) -> Verdict:
        """Lists compare entry by entry in order; numbers compare exactly.

        >>> fam = ListOps()
        >>> fam.verify(Problem("...", (4, 9, 17), "ListOps"), "\\\\boxed{4, 9, 17}").status.value
        'CORRECT'
        >>> fam.verify(Problem("...", (4, 9, 17), "ListOps"), "\\\\boxed{[9, 4, 17]}").status.value
        'INCORRECT'
        >>> fam.verify(Problem("...", Fraction(7, 2), "ListOps"), "\\\\boxed{3.5}").status.value
        'CORRECT'
        """
        gold = problem.answer
        if isinstance(gold, tuple):
            return check_answer(response, gold, lambda span: parse_list(span, parse_integer))
        if isinstance(gold, Fraction):
            return check_answer(response, gold, lambda span: parse_rational(span, require_lowest_terms=True))
        return check_answer(response, gold, parse_integer)
