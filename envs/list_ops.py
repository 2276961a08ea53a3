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

**Version history.** v0: first release. v1: a k-th smallest/largest question says that equal entries count
separately; without it the gold's reading was one of two (in 9% of level-3 k-th questions the list repeats a value,
and for [-22, -22] the 2nd largest entry exists only when repeats count).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from textbook_gym.envs._kit import Family, Problem, Verdict, check_difficulty, register_family
from textbook_gym.envs._kit.draw import choice, integer
from textbook_gym.envs._kit.formats import fraction_text
from textbook_gym.envs._kit.tables import bracketed, listing, topic_exposition
from textbook_gym.envs._kit.texts import exposition_texts
from textbook_gym.verifiers import check_answer, parse_integer
from textbook_gym.verifiers.numbers import parse_lowest_terms
from textbook_gym.verifiers.structures import parse_list

SORTS, RANKS, AGGREGATES = ("asc", "desc"), ("smallest", "largest"), ("sum", "min", "max", "median")
OPERATORS = ("MAX", "MIN", "MED", "SUM", "SM")
TREE_LEVELS = {6: (2, (3, 5), OPERATORS[:4], 99), 7: (3, (3, 5), OPERATORS[:4], 99), 8: (4, (2, 4), OPERATORS, 50),
               10: (5, (3, 5), OPERATORS, 60)}
"""Per level: nesting depth, arguments per bracket, operators and the largest number of a ListOps expression."""
KEEP = {"even": lambda x, _: x % 2 == 0, "odd": lambda x, _: x % 2 == 1, "gt": lambda x, arg: x > arg,
        "lt": lambda x, arg: x < arg, "mult": lambda x, arg: x % max(arg, 1) == 0}
"""The filter rules: whether entry ``x`` passes rule(x, arg)."""


def ordinal(position: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th`` ... (positions in a list stay below 20)."""
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(position, f"{position}th")


# --------------------------------------------------------------------------- pipeline stages
def describe(stage: list, variant: int) -> str:
    """The instruction for one stage; ``variant`` picks between two wordings where there are two."""
    kind, arg = stage[0], stage[-1]
    if kind == "sort":
        word = "ascending" if arg == "asc" else "descending"
        return [f"sort the list in {word} order", f"arrange the entries in {word} order"][variant % 2]
    if kind == "filter":
        what = {"even": "the even numbers", "odd": "the odd numbers", "gt": f"the numbers greater than {arg}",
                "lt": f"the numbers less than {arg}", "mult": f"the multiples of {arg}"}[stage[1]]
        return [f"keep only {what} (in their current order)", f"remove everything except {what}, keeping the order"][
            variant % 2]
    if kind == "map":
        return {"add": f"add {arg} to every entry", "sub": f"subtract {arg} from every entry",
                "mul": f"multiply every entry by {arg}"}[stage[1]]
    if kind == "take":
        return [f"keep only the first {arg} entries", f"cut the list down to its first {arg} entries"][variant % 2]
    if kind == "drop":
        return f"remove the first {arg} entries"
    if kind == "reverse":
        return ["reverse the list", "write the list backwards"][variant % 2]
    if kind == "kth":
        return f"give the {ordinal(arg)} {stage[1]} entry (equal entries count separately)"
    return {"sum": "give the sum of the entries", "min": "give the smallest entry", "max": "give the largest entry",
            "median": "give the median of the entries"}[arg]


def apply_stage(stage: list, items: list[int], lines: list[str] | None = None):
    """Apply one stage; when ``lines`` is given, narrate the work a student would write."""
    kind, arg = stage[0], stage[-1]
    say = lines.append if lines is not None else (lambda _text: None)
    if kind == "sort":
        return _selection_sort(items, arg == "asc", say)
    if kind == "filter":
        passes = [KEEP[stage[1]](x, arg) for x in items]
        kept = [x for x, keep in zip(items, passes) if keep]
        marks = ", ".join(f"{x} {'keep' if keep else 'drop'}" for x, keep in zip(items, passes))
        say(f"Check each entry: {marks}. Kept: {bracketed(kept)}.")
        return kept
    if kind == "map":
        symbol = {"add": "+", "sub": "-", "mul": "×"}[stage[1]]
        out = [x + arg if symbol == "+" else x - arg if symbol == "-" else x * arg for x in items]
        say("Entry by entry: " + ", ".join(f"{x} {symbol} {arg} = {y}" for x, y in zip(items, out)) +
            f". Now {bracketed(out)}.")
        return out
    if kind in ("take", "drop"):
        out = items[:arg] if kind == "take" else items[arg:]
        say(f"{'Keeping the first' if kind == 'take' else 'Removing the first'} {arg} entries leaves {bracketed(out)}.")
        return out
    if kind == "reverse":
        say(f"Reversed: {bracketed(items[::-1])}.")
        return items[::-1]
    if kind == "kth":
        value = _selection_sort(items, stage[1] == "smallest", say, stop=arg)[arg - 1]
        say(f"The {ordinal(arg)} {stage[1]} entry is {value}.")
        return value
    return _aggregate(arg, items, say)


def _selection_sort(items: list[int], ascending: bool, say, stop: int | None = None) -> list[int]:
    """Pick the smallest (largest) remaining entry until ``stop`` entries are placed (all by default)."""
    rest, out = list(items), []
    word = "smallest" if ascending else "largest"
    while rest and (stop is None or len(out) < stop):
        pick = min(rest) if ascending else max(rest)
        rest.remove(pick)
        out.append(pick)
        tail = f"; left: {bracketed(rest)}" if rest and (stop is None or len(out) < stop) else ""
        say(f"The {word} remaining entry is {pick}{tail}.")
    if stop is None:
        say(f"In {'ascending' if ascending else 'descending'} order: {bracketed(out)}.")
    return out


def _aggregate(aggregate: str, items: list[int], say):
    if aggregate == "sum":
        total, steps = items[0], [str(items[0])]
        for x in items[1:]:
            steps.append(f"{total} + {x} = {total + x}" if x >= 0 else f"{total} - {-x} = {total + x}")
            total += x
        say("Running total: " + "; ".join(steps) + f". The sum is {total}.")
        return total
    if aggregate in ("min", "max"):
        best, steps = items[0], [f"start with {items[0]}"]
        for x in items[1:]:
            if (x < best) if aggregate == "min" else (x > best):
                steps.append(f"{x} is {'smaller' if aggregate == 'min' else 'larger'}, so {x}")
                best = x
            else:
                steps.append(f"{x} is not, keep {best}")
        say("Scan the entries: " + "; ".join(steps) + f". The {'minimum' if aggregate == 'min' else 'maximum'} is {best}.")
        return best
    if items == sorted(items):
        ordered = list(items)
        say(f"The list {bracketed(ordered)} is already in ascending order.")
    else:
        ordered = _selection_sort(items, True, say)
    half = len(ordered) // 2
    if len(ordered) % 2:
        say(f"There are {len(ordered)} entries, so the median is entry {half + 1} of the sorted list: {ordered[half]}.")
        return ordered[half]
    low, high = ordered[half - 1], ordered[half]
    value = Fraction(low + high, 2)
    say(f"There are {len(ordered)} entries, so the median is the mean of entries {half} and {half + 1}: "
        f"({low} + {high}) / 2 = {fraction_text(value)}.")
    return value.numerator if value.denominator == 1 else value


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


def random_tree(rng: np.random.Generator, depth: int, width: tuple[int, int], ops: Sequence[str], hi: int,
                root: bool = True):
    """A random expression of exactly ``depth`` levels along its first branch (``SM`` never at the root)."""
    op = choice(rng, ops)
    while root and op == "SM":
        op = choice(rng, ops)
    count = integer(rng, *width)
    if op == "MED" and count % 2 == 0:
        count += 1
    args: list = _items(rng, count, 0, hi)
    if depth > 1:
        subs = 1 + int(rng.random() < 0.35)
        for j, slot in enumerate(rng.choice(count, size=min(subs, count), replace=False)):
            sub_depth = depth - 1 if j == 0 else integer(rng, 1, depth - 1)
            args[int(slot)] = random_tree(rng, sub_depth, width, ops, hi, root=False)
    return [op, *args]


def _depth(node) -> int:
    return 0 if isinstance(node, int) else 1 + max(_depth(a) for a in node[1:])


def _reduce_innermost(node) -> tuple:
    """Replace the leftmost bracket whose arguments are all numbers by its value: (new expression, that bracket)."""
    for i, arg in enumerate(node[1:], 1):
        if not isinstance(arg, int):
            reduced, inner = _reduce_innermost(arg)
            return [*node[:i], reduced, *node[i + 1:]], inner
    return tree_value(node), node


def narrate_tree(node, lines: list[str]) -> int:
    """Rewrite the innermost bracket by its value until a number is left, one line per step."""
    while not isinstance(node, int):
        node, inner = _reduce_innermost(node)
        op, args = inner[0], list(inner[1:])
        value = tree_value(inner)
        if op in ("SUM", "SM"):
            detail = " + ".join(map(str, args)) + f" = {sum(args)}" + (f", and {sum(args)} mod 10 = {value}"
                                                                         if op == "SM" else "")
        elif op == "MED":
            detail = f"sorted {bracketed(sorted(args))}, the middle entry is {value}"
        else:
            detail = f"the {'largest' if op == 'MAX' else 'smallest'} of {listing(args)} is {value}"
        after = f"; the expression becomes {tree_text(node)}" if not isinstance(node, int) else ""
        lines.append(f"{tree_text(inner)}: {detail}{after}.")
    return node


# --------------------------------------------------------------------------- generation
def _items(rng: np.random.Generator, count: int, lo: int, hi: int) -> list[int]:
    return [int(v) for v in rng.integers(lo, hi + 1, size=count)]


def _filter(rng: np.random.Generator, items: list[int]) -> list:
    rule = choice(rng, list(KEEP))
    arg = int(rng.choice(items)) if rule in ("gt", "lt") else integer(rng, 3, 5) if rule == "mult" else 0
    return ["filter", rule, arg]


def _terminal(rng: np.random.Generator, left: int) -> list:
    """The last stage: an aggregate, the k-th entry (when ``left >= 2``) or a sort."""
    pick = integer(rng, 0, 2)
    if pick == 0:
        return ["agg", choice(rng, AGGREGATES)]
    if pick == 1 and left >= 2:
        return ["kth", choice(rng, RANKS), integer(rng, 2, min(left, 4))]
    return ["sort", choice(rng, SORTS)]


def _pipeline(rng: np.random.Generator, difficulty: int) -> tuple[list[int], list]:
    if difficulty == 1:
        return _items(rng, 5, 0, 50), [["sort", "asc"]]
    if difficulty == 2:
        items, pick = _items(rng, 7, 0, 99), integer(rng, 0, 2)
        if pick == 0:
            return items, [["sort", choice(rng, SORTS)]]
        if pick == 1:
            return items[:5], [["agg", "sum"]]
        items += _items(rng, 1, 0, 99)
        return items, [["agg", choice(rng, ("min", "max"))]]
    if difficulty == 3:
        items = _items(rng, 9, 0, 99)
        if rng.random() < 0.5:
            return items[:8], [["kth", choice(rng, RANKS), integer(rng, 2, 5)]]
        return items, [_filter(rng, items)]
    if difficulty == 4:
        items, pick = _items(rng, 9, -50, 50), integer(rng, 0, 2)
        if pick == 0:
            return items[: integer(rng, 7, 8)], [["agg", "median"]]
        return items, [_filter(rng, items) if pick == 1 else ["sort", choice(rng, SORTS)]]
    if difficulty == 5:
        items = _items(rng, 10, -30, 80)
        if rng.random() < 0.3:
            return items, [["sort", choice(rng, SORTS)], ["take", integer(rng, 2, 5)]]
        return items, [_filter(rng, items), _terminal(rng, 2)]
    count = integer(rng, 3, 4) if difficulty == 9 else integer(rng, 5, 6)
    items, stages = _items(rng, integer(rng, 10, 12), -20, 60), []
    while len(stages) < count - 1:
        kind = choice(rng, ("filter", "map", "sort", "take", "drop", "reverse"))
        if stages and stages[-1][0] == kind:
            continue
        if kind == "filter":
            stages.append(_filter(rng, items))
        elif kind == "map":
            op = choice(rng, ("add", "sub", "mul"))
            stages.append(["map", op, integer(rng, 2, 3) if op == "mul" else integer(rng, 1, 15)])
        elif kind == "sort":
            stages.append(["sort", choice(rng, SORTS)])
        else:
            stages.append([kind, integer(rng, 2, 4)] if kind in ("take", "drop") else ["reverse"])
    stages.append(["agg", choice(rng, AGGREGATES)] if difficulty == 10 else _terminal(rng, 3))
    return items, stages


def _valid(items: list[int], stages: list) -> bool:
    """No stage that changes nothing, no empty list, and enough entries for every aggregate and k-th entry."""
    current = list(items)
    for stage in stages:
        if not isinstance(current, list) or len(current) < (2 if stage[0] in ("agg", "kth") else 1):
            return False
        if stage[0] == "kth" and stage[2] > len(current):
            return False
        before = current
        current = apply_stage(stage, current)
        if isinstance(current, list) and (not current or (stage[0] != "sort" and current == before)):
            return False
    return True


# --------------------------------------------------------------------------- exposition
_TOPICS = exposition_texts(__name__)


def _passage_values(rng: np.random.Generator, _topic: str) -> dict:
    """One random list (and a ListOps expression) with every fact the templates quote about it."""
    count = integer(rng, 5, 8)
    items = _items(rng, count, 0, 60)
    k, threshold, shift = integer(rng, 2, 3), int(rng.choice(items)), integer(rng, 2, 11)
    tree = random_tree(rng, integer(rng, 2, 3), (2, 4), OPERATORS, 20)
    ordered, evens = sorted(items), [x for x in items if x % 2 == 0]
    return {
        "a": bracketed(items), "n": count, "sa": bracketed(ordered), "sd": bracketed(ordered[::-1]), "ko": ordinal(k),
        "ks": ordered[k - 1], "kl": sorted(items, reverse=True)[k - 1], "mn": min(items), "mx": max(items),
        "ev": bracketed(evens), "od": bracketed([x for x in items if x % 2]), "t": threshold,
        "gt": bracketed([x for x in items if x > threshold]), "s": sum(items),
        "md": fraction_text(run_pipeline(items, [["agg", "median"]])), "tx": tree_text(tree), "tv": tree_value(tree),
        "evd": bracketed(sorted(evens, reverse=True)), "t3s": bracketed(sorted(items[:3])),
        "st3": bracketed(ordered[:3]), "c": shift, "ac": bracketed([x + shift for x in items]),
    }


# --------------------------------------------------------------------------- the family
@register_family
class ListOps(Family):
    name = "ListOps"
    version = 1
    answer_type = "list|integer|rational"
    subject = "puzzles"
    instruction = (
        "Give your final answer in \\boxed{...}: a list in brackets such as \\boxed{[4, 9, 17]}, or a single "
        "number such as \\boxed{42} (a non-integer as a fraction in lowest terms, e.g. \\boxed{7/2})."
    )

    exposition = topic_exposition(4242, 200, _TOPICS, _passage_values)

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem:
        difficulty = check_difficulty(difficulty)
        if difficulty in (6, 7, 8) or (difficulty == 10 and rng.random() < 0.5):
            depth, width, ops, hi = TREE_LEVELS[difficulty]
            tree = random_tree(rng, depth, width, ops, hi)
            while _depth(tree) < depth:
                tree = random_tree(rng, depth, width, ops, hi)
            question = (
                f"Evaluate the ListOps expression {tree_text(tree)}. MAX and MIN give the largest and smallest "
                "argument, SUM the sum, SM the sum modulo 10, and MED the median (the middle value after sorting)."
            )
            return Problem(question, tree_value(tree), self.name, self.version, difficulty,
                           metadata={"kind": "tree", "tree": tree})
        items, stages = _pipeline(rng, difficulty)
        while not _valid(items, stages):
            items, stages = _pipeline(rng, difficulty)
        variant = integer(rng, 0, 1)
        steps = [describe(stage, variant + i) for i, stage in enumerate(stages)]
        answer = run_pipeline(items, stages)
        want = "the final list" if isinstance(answer, tuple) else "the resulting number"
        if len(stages) == 1:
            question = f"Start with the list {bracketed(items)}. {steps[0][0].upper() + steps[0][1:]}. What is {want}?"
        else:
            numbered = "; ".join(f"({i}) {step}" for i, step in enumerate(steps, 1))
            question = (f"Start with the list {bracketed(items)} and apply these steps in order, each to the result "
                        f"of the previous one: {numbered}. What is {want}?")
        return Problem(question, answer, self.name, self.version, difficulty,
                       metadata={"kind": "pipeline", "items": items, "stages": stages})

    def solution_lines(self, problem: Problem) -> list[str]:
        meta, lines = problem.metadata, []
        if meta["kind"] == "tree":
            lines.append("Evaluate the innermost bracket first and rewrite the expression after each step.")
            narrate_tree(meta["tree"], lines)
            return lines
        current = list(meta["items"])
        for i, stage in enumerate(meta["stages"], 1):
            lines.append(f"Step {i}: {describe(stage, 0)}.")
            current = apply_stage(stage, current, lines)
        return lines

    def answer_text(self, problem: Problem) -> str:
        """A list in brackets (``[4, 9, 17]``) or one number (``7/2`` for a non-integer median)."""
        answer = problem.answer
        return bracketed(map(fraction_text, answer)) if isinstance(answer, (tuple, list)) else fraction_text(answer)

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
            return check_answer(response, gold, parse_lowest_terms)
        return check_answer(response, gold, parse_integer)
