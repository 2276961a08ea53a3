"""BooleanLogic: truth values, truth tables and model counts of propositional formulas.

**Asked.** Formulas over variables ``p, q, r, ...`` built with ``¬`` (not), ``∧`` (and), ``∨`` (or), ``→``
(implies), ``↔`` (if and only if) and ``⊕`` (exclusive or). Binary subformulas are always parenthesised, so no
precedence rules are needed. Three kinds:

* *evaluate* (levels 1-3): several formulas F1, F2, ... under one assignment; the answer is the bit string of
  their values in order (``1`` = true): ``p = T, q = F; F1: ¬q, F2: p ∧ q, F3: p ∨ q, F4: ¬p`` -> ``1010``;
* *truth table* (levels 4-6): the column of one formula over all assignments, rows counting up in binary from
  all-false with ``p`` the most significant variable: ``(p → ¬r) ⊕ (q ∨ r)`` -> an 8-bit column like ``01101111``;
* *count* (levels 7-10): the number of assignments that make one formula true (at level 9 of six variables: ``23``).

**Difficulty.**

==  ========  =========  ====================  ===========  ================================
lvl kind      variables  connectives each      formulas     connectives used
==  ========  =========  ====================  ===========  ================================
 1  evaluate  2          1                     4            ¬ ∧ ∨
 2  evaluate  3          1-2                   5            ¬ ∧ ∨ →
 3  evaluate  3          2-3                   6            all six
 4  table     3          2-3                   1            ¬ ∧ ∨
 5  table     3          3-4                   1            all six
 6  table     4          4-5                   1            all six
 7  count     4          5-6                   1            all six
 8  count     5          6-7                   1            all six
 9  count     6          7-9                   1            all six
10  count     7          9-11                  1            all six
==  ========  =========  ====================  ===========  ================================

**Answer.** A bit string for *evaluate* and *truth table*: ``1011``, also ``1 0 1 1``, ``1,0,1,1``,
``[1, 0, 1, 1]``, ``TFTT`` or ``true, false, true, true``; a string of the wrong length is wrong. An integer for
*count* (the strict integer grammar). No bare True/False answers: the smallest answer space is 2^4 bit strings.

**Worked solutions** evaluate subformulas bottom-up: one value per subformula for *evaluate*, one column per
subformula for the tables (grouped in blocks of eight when long), then the count of ones.

**Version history.** v0: first release.
"""

from __future__ import annotations

import itertools
import operator
from dataclasses import dataclass

import numpy as np

from textbook_gym.envs._kit import Family, Problem, Verdict, check_difficulty, register_family
from textbook_gym.envs._kit.draw import choice, integer
from textbook_gym.envs._kit.tables import topic_exposition
from textbook_gym.envs._kit.texts import exposition_texts
from textbook_gym.verifiers import check_answer, parse_bits, parse_integer

NAMES = "pqrstuv"
CONNECTIVES = {  # symbol: (truth function, the rule a worked solution states where the symbol first appears)
    "¬": (operator.not_, "¬ flips every value"),
    "∧": (lambda a, b: a and b, "∧ is 1 only where both sides are 1"),
    "∨": (lambda a, b: a or b, "∨ is 1 where at least one side is 1"),
    "→": (lambda a, b: (not a) or b, "A → B is 0 only where A is 1 and B is 0"),
    "↔": (lambda a, b: a == b, "↔ is 1 where both sides agree"),
    "⊕": (lambda a, b: a != b, "⊕ is 1 where the sides differ"),
}
ALL_OPS = "".join(CONNECTIVES)
LEGEND = "(¬ not, ∧ and, ∨ or, → implies, ↔ if and only if, ⊕ exclusive or)"


@dataclass(frozen=True)
class Level:
    """What one difficulty level draws."""

    kind: str
    """``evaluate`` (values of several formulas), ``table`` (one truth-table column) or ``count`` (models)."""
    variables: int
    """How many variables (``p``, ``q`` ...)."""
    size: tuple[int, int]
    """Connectives per formula (both ends included; ¬ counts as one)."""
    formulas: int
    """Formulas per problem."""
    ops: str
    """The connectives used."""


LEVELS = {
    1: Level("evaluate", 2, (1, 1), 4, "¬∧∨"),
    2: Level("evaluate", 3, (1, 2), 5, "¬∧∨→"),
    3: Level("evaluate", 3, (2, 3), 6, ALL_OPS),
    4: Level("table", 3, (2, 3), 1, "¬∧∨"),
    5: Level("table", 3, (3, 4), 1, ALL_OPS),
    6: Level("table", 4, (4, 5), 1, ALL_OPS),
    7: Level("count", 4, (5, 6), 1, ALL_OPS),
    8: Level("count", 5, (6, 7), 1, ALL_OPS),
    9: Level("count", 6, (7, 9), 1, ALL_OPS),
    10: Level("count", 7, (9, 11), 1, ALL_OPS),
}


# --------------------------------------------------------------------------- formulas
# A formula is a variable name ("p") or a list: ["¬", part] or [connective, left, right].
def evaluate(formula, env: dict[str, bool]) -> bool:
    if isinstance(formula, str):
        return env[formula]
    return CONNECTIVES[formula[0]][0](*(evaluate(part, env) for part in formula[1:]))


def render(formula, top: bool = True) -> str:
    """The formula with every binary subformula but the outermost in parentheses."""
    if isinstance(formula, str):
        return formula
    if formula[0] == "¬":
        return "¬" + render(formula[1], False)
    text = f"{render(formula[1], False)} {formula[0]} {render(formula[2], False)}"
    return text if top else f"({text})"


def variables_of(formula) -> set[str]:
    return {formula} if isinstance(formula, str) else set().union(*(variables_of(part) for part in formula[1:]))


def subformulas(formula) -> list:
    """Non-variable subformulas in bottom-up (post-) order, each once."""
    if isinstance(formula, str):
        return []
    nodes = [*itertools.chain.from_iterable(subformulas(part) for part in formula[1:]), formula]
    return [node for i, node in enumerate(nodes) if node not in nodes[:i]]


def random_formula(rng: np.random.Generator, size: int, names: str, ops: str, negated: bool = False):
    """A formula with exactly ``size`` connectives (¬ counts as one; never ¬¬)."""
    if size == 0:
        return choice(rng, names)
    if "¬" in ops and not negated and rng.random() < 0.25:
        return ["¬", random_formula(rng, size - 1, names, ops, negated=True)]
    op = choice(rng, ops.replace("¬", ""))
    left = integer(rng, 0, size - 1)
    return [op, random_formula(rng, left, names, ops), random_formula(rng, size - 1 - left, names, ops)]


def rows(names: str) -> list[dict[str, bool]]:
    """Every assignment, counting up in binary from all false (the first name most significant)."""
    return [dict(zip(names, values)) for values in itertools.product([False, True], repeat=len(names))]


def column(formula, names: str) -> str:
    return "".join("1" if evaluate(formula, env) else "0" for env in rows(names))


def _truth(value: bool) -> str:
    return "T" if value else "F"


def _assignment_text(env: dict[str, bool]) -> str:
    """``p = T, q = F``."""
    return ", ".join(f"{name} = {_truth(value)}" for name, value in env.items())


def _steps(formula, env: dict[str, bool]) -> list[str]:
    """``subformula = T/F`` for each subformula, bottom-up."""
    return [f"{render(part)} = {_truth(evaluate(part, env))}" for part in subformulas(formula)]


def _blocks(bits: str) -> list[str]:
    """The bits in blocks of eight."""
    return [bits[i : i + 8] for i in range(0, len(bits), 8)]


# --------------------------------------------------------------------------- problems
def _formula(rng: np.random.Generator, level: Level):
    """A formula for ``level`` without a repeated side (like p ∧ p); for tables and counts, one that uses every
    variable and has a column that is not easy to guess."""
    names = NAMES[: level.variables]
    for _ in range(500):
        formula = random_formula(rng, integer(rng, *level.size), names, level.ops)
        repeated_side = any(len(part) == 3 and part[1] == part[2] for part in subformulas(formula))  # like p ∧ p
        if repeated_side or (level.kind != "evaluate" and variables_of(formula) != set(names)):
            continue
        if level.kind == "evaluate":
            return formula
        ones, rows_count = column(formula, names).count("1"), 2 ** len(names)
        if ones in (0, rows_count):
            continue  # tautologies and contradictions are too easy to guess
        if ones in (1, rows_count - 1, rows_count // 2) and rng.random() < 0.85:
            continue  # keep the common answers (a lone 1 or 0, exactly half) from dominating
        return formula
    return formula


def draw(rng: np.random.Generator, level: Level) -> dict:
    """The problem's parameters (its metadata): kind, variable names, formulas and, to evaluate, the assignment."""
    names = NAMES[: level.variables]
    formulas: list = []
    while len(formulas) < level.formulas:
        formula = _formula(rng, level)
        if formula not in formulas:
            formulas.append(formula)
    meta = {"kind": level.kind, "names": names, "formulas": formulas}
    if level.kind == "evaluate":
        meta["assignment"] = {name: bool(rng.integers(0, 2)) for name in names}
    return meta


def question(meta: dict, legend: str) -> str:
    names, formulas = meta["names"], meta["formulas"]
    if meta["kind"] == "evaluate":
        listed = "\n".join(f"F{i}: {render(formula)}" for i, formula in enumerate(formulas, 1))
        return (f"Let {_assignment_text(meta['assignment'])} (T true, F false). Find the truth value of each formula "
                f"{legend}:\n{listed}\nAnswer with the bit string of the values of F1 to F{len(formulas)} in order "
                "(1 = true, 0 = false).")
    if meta["kind"] == "table":
        first, second = (_assignment_text(row) for row in rows(names)[:2])
        return (f"Give the truth table column of F: {render(formulas[0])} {legend} over the variables "
                f"{', '.join(names)}. List the {2 ** len(names)} rows in the standard order, counting up in binary "
                f"from all false to all true with {names[0]} the most significant variable (row 1: {first}; "
                f"row 2: {second}; ...), as a bit string with 1 = true.")
    return (f"How many of the {2 ** len(names)} assignments of truth values to {', '.join(names)} make the formula "
            f"{render(formulas[0])} true? {legend}")


def solve(meta: dict) -> tuple[list[str], str | int]:
    """The worked-solution lines and the answer: each formula's subformulas evaluated bottom-up and the bit string of
    their values; or one truth-table column per variable and per subformula, then the last column or its ones."""
    if meta["kind"] == "evaluate":
        env = {name: bool(value) for name, value in meta["assignment"].items()}
        lines, bits = ["Evaluate each formula from the inside out, writing T or F for every subformula."], ""
        for i, formula in enumerate(meta["formulas"], 1):
            value = evaluate(formula, env)
            bits += "1" if value else "0"
            lines.append(f"F{i}: " + "; ".join(_steps(formula, env)) + f". So F{i} is {_truth(value)}, bit {bits[-1]}.")
        return lines + [f"Reading F1 to F{len(bits)} in order gives {bits}."], bits
    names, formula = meta["names"], meta["formulas"][0]
    lines = [f"There are {len(names)} variables, so {2 ** len(names)} rows, in binary order from all false."]
    lines += [f"Column of {name}: {' '.join(_blocks(column(name, names)))}" for name in names]
    explained: set[str] = set()  # connectives whose rule has been said
    for part in subformulas(formula):
        note = "" if part[0] in explained else f" ({CONNECTIVES[part[0]][1]})"
        explained.add(part[0])
        lines.append(f"Column of {render(part)}: {' '.join(_blocks(column(part, names)))}{note}")
    col = column(formula, names)
    if meta["kind"] == "table":
        return lines + [f"The last column is the truth table of the whole formula: {col}."], col
    ones = col.count("1")
    if len(col) > 8:
        counts = [block.count("1") for block in _blocks(col)]
        lines.append("Count the ones block by block: " + " + ".join(map(str, counts)) + f" = {ones}.")
    else:
        lines.append(f"The column {col} has {ones} ones.")
    return lines + [f"The formula is true in {ones} of the {len(col)} rows."], ones


# --------------------------------------------------------------------------- exposition
def _passage_values(rng: np.random.Generator, topic: str) -> dict:
    """A small formula under a random assignment, with every fact the templates quote."""
    names = NAMES[: integer(rng, 2, 3)]
    formula = _formula(rng, Level("evaluate", len(names), (2, 3), 1, ALL_OPS))
    env = {name: bool(rng.integers(0, 2)) for name in names}
    col = column(formula, names)
    true_inputs, inputs = integer(rng, 0, 6), integer(rng, 7, 9)
    return {"a1": _assignment_text(env), "f": render(formula), "v": "true" if evaluate(formula, env) else "false",
            "steps": "; ".join(_steps(formula, env)), "rows": 2 ** len(names), "col": col, "count": col.count("1"),
            "n": inputs if topic == "Biconditional and exclusive or" else len(names), "k": true_inputs,
            "par": "true" if true_inputs % 2 else "false"}


# --------------------------------------------------------------------------- the family
@register_family
class BooleanLogic(Family):
    name = "BooleanLogic"
    version = 0
    answer_type = "bits|integer"
    subject = "puzzles"
    instruction = ("Give your final answer in \\boxed{...}: a bit string such as \\boxed{1011} (1 = true) when asked "
                   "for truth values, or an integer when asked for a count.")
    exposition = topic_exposition(777, 200, exposition_texts(__name__), _passage_values)
    solve = staticmethod(solve)  # the default worked solution: these lines, then the boxed answer

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem:
        """The default draw, question and solve, but the question's legend depends on the level, not on the metadata."""
        level = check_difficulty(difficulty)
        meta = draw(rng, LEVELS[level])
        legend = LEGEND if set(LEVELS[level].ops) - set("¬∧∨") else "(¬ not, ∧ and, ∨ or)"
        return Problem(question(meta, legend), solve(meta)[1], self.name, self.version, level, metadata=meta)

    def verify(self, problem: Problem, response: str) -> Verdict:
        """Bit strings compare exactly (after reading any accepted rendering); counts as integers.

        >>> fam = BooleanLogic()
        >>> p = Problem("...", "1011", "BooleanLogic", metadata={"kind": "evaluate"})
        >>> fam.verify(p, "\\\\boxed{1, 0, 1, 1}").status.value
        'CORRECT'
        >>> fam.verify(p, "\\\\boxed{101}").status.value
        'INCORRECT'
        """
        parse = parse_integer if problem.metadata.get("kind") == "count" else parse_bits
        return check_answer(response, problem.answer, parse)
