"""BooleanLogic: truth values, truth tables and model counts of propositional formulas.

**Asked.** Formulas over variables ``p, q, r, ...`` built with ``¬`` (not), ``∧`` (and),
``∨`` (or), ``→`` (implies), ``↔`` (if and only if) and ``⊕`` (exclusive or). Binary
subformulas are always parenthesised, so no precedence rules are needed. Three kinds:

* *evaluate* (levels 1-3): several formulas F1, F2, ... under one assignment; the
  answer is the bit string of their values in order (``1`` = true), e.g. ``1011``;
* *truth table* (levels 4-6): the column of one formula over all assignments, rows
  counting up in binary from all-false with ``p`` the most significant variable,
  e.g. ``01101111`` for three variables;
* *count* (levels 7-10): the number of assignments that make one formula true.

No bare True/False answers: the smallest answer space is 2^4 bit strings.

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

Examples: level 1 ``p = T, q = F; F1: ¬q, F2: p ∧ q, F3: p ∨ q, F4: ¬p`` -> ``1010``;
level 5 ``(p → ¬r) ⊕ (q ∨ r)`` -> an 8-bit column; level 9 a six-variable formula,
answer e.g. ``23``.

**Answer.** A bit string for *evaluate* and *truth table*: ``1011``, also ``1 0 1 1``,
``1,0,1,1``, ``[1, 0, 1, 1]``, ``TFTT`` or ``true, false, true, true``; a string of
the wrong length is wrong. An integer for *count* (the strict integer grammar).
**Worked solutions** evaluate subformulas bottom-up: one value per subformula for
*evaluate*, one column per subformula for the tables (grouped in blocks of eight
when long), then the count of ones.

**Problem-space sizes** (:meth:`BooleanLogic.space_size`): estimates from 3,000 draws per level
(Chao1 estimator; a level where no problem repeated is given as the estimator's value,
a lower bound of the true size). Every level's test split holds at least 50 problems.

**Version history.** v0: first release.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

import numpy as np

from textbook_gym.family import Family, check_difficulty
from textbook_gym.problem import Problem
from textbook_gym.registry import register_family
from textbook_gym.verdict import Verdict
from textbook_gym.verifiers import check_answer, parse_integer
from textbook_gym.verifiers.errors import ParseError
from textbook_gym.verifiers.guards import guard_span
from textbook_gym.verifiers.normalize import normalize_span

NAMES = "pqrstuv"
BINARY = {
    "∧": lambda a, b: a and b,
    "∨": lambda a, b: a or b,
    "→": lambda a, b: (not a) or b,
    "↔": lambda a, b: a == b,
    "⊕": lambda a, b: a != b,
}
RULE = {
    "¬": "¬ flips every value",
    "∧": "∧ is 1 only where both sides are 1",
    "∨": "∨ is 1 where at least one side is 1",
    "→": "A → B is 0 only where A is 1 and B is 0",
    "↔": "↔ is 1 where both sides agree",
    "⊕": "⊕ is 1 where the sides differ",
}
LEGEND = "(¬ not, ∧ and, ∨ or, → implies, ↔ if and only if, ⊕ exclusive or)"


@dataclass(frozen=True)
class Level:
    kind: str
    variables: int
    size: tuple[int, int]
    formulas: int
    ops: str


LEVELS = {
    1: Level("evaluate", 2, (1, 1), 4, "¬∧∨"),
    2: Level("evaluate", 3, (1, 2), 5, "¬∧∨→"),
    3: Level("evaluate", 3, (2, 3), 6, "¬∧∨→↔⊕"),
    4: Level("table", 3, (2, 3), 1, "¬∧∨"),
    5: Level("table", 3, (3, 4), 1, "¬∧∨→↔⊕"),
    6: Level("table", 4, (4, 5), 1, "¬∧∨→↔⊕"),
    7: Level("count", 4, (5, 6), 1, "¬∧∨→↔⊕"),
    8: Level("count", 5, (6, 7), 1, "¬∧∨→↔⊕"),
    9: Level("count", 6, (7, 9), 1, "¬∧∨→↔⊕"),
    10: Level("count", 7, (9, 11), 1, "¬∧∨→↔⊕"),
}


# --------------------------------------------------------------------------- formulas
def evaluate(f, env: dict[str, bool]) -> bool:
    if isinstance(f, str):
        return env[f]
    if f[0] == "¬":
        return not evaluate(f[1], env)
    return BINARY[f[0]](evaluate(f[1], env), evaluate(f[2], env))


def render(f, top: bool = True) -> str:
    if isinstance(f, str):
        return f
    if f[0] == "¬":
        return "¬" + render(f[1], False)
    text = f"{render(f[1], False)} {f[0]} {render(f[2], False)}"
    return text if top else f"({text})"


def variables_of(f) -> set[str]:
    return {f} if isinstance(f, str) else set().union(*(variables_of(g) for g in f[1:]))


def subformulas(f) -> list:
    """Non-variable subformulas in bottom-up (post-) order, each once."""
    out: list = []
    if isinstance(f, str):
        return out
    for g in f[1:]:
        for h in subformulas(g):
            if h not in out:
                out.append(h)
    if f not in out:
        out.append(f)
    return out


def random_formula(rng: np.random.Generator, size: int, names: str, ops: str, negated: bool = False):
    """A formula with exactly ``size`` connectives (¬ counts as one)."""
    if size == 0:
        return names[int(rng.integers(0, len(names)))]
    if "¬" in ops and not negated and rng.random() < 0.25:
        return ["¬", random_formula(rng, size - 1, names, ops, negated=True)]
    binary = ops.replace("¬", "")
    op = binary[int(rng.integers(0, len(binary)))]
    left = int(rng.integers(0, size))
    return [op, random_formula(rng, left, names, ops), random_formula(rng, size - 1 - left, names, ops)]


def rows(names: str) -> list[dict[str, bool]]:
    return [dict(zip(names, values)) for values in itertools.product([False, True], repeat=len(names))]


def column(f, names: str) -> str:
    return "".join("1" if evaluate(f, env) else "0" for env in rows(names))


def _formula(rng: np.random.Generator, level: Level, names: str, need_all: bool):
    for _ in range(500):
        size = int(rng.integers(level.size[0], level.size[1] + 1))
        f = random_formula(rng, size, names, level.ops)
        if isinstance(f, str) or (need_all and variables_of(f) != set(names)) or _repeats(f):
            continue
        if level.kind == "evaluate":
            return f
        ones = column(f, names).count("1")
        if ones in (0, 2 ** len(names)):
            continue  # tautologies and contradictions are too easy to guess
        if ones in (1, 2 ** len(names) - 1, 2 ** (len(names) - 1)) and rng.random() < 0.85:
            continue  # keep the common answers (a lone 1 or 0, exactly half) from dominating
        return f
    return f


def _repeats(f) -> bool:
    """Whether some binary subformula has two identical sides (like p ∧ p)."""
    if isinstance(f, str):
        return False
    return (len(f) == 3 and f[1] == f[2]) or any(_repeats(g) for g in f[1:])


def _blocks(bits: str) -> str:
    return " ".join(bits[i : i + 8] for i in range(0, len(bits), 8)) if len(bits) > 8 else bits


# --------------------------------------------------------------------------- answers
_TEXT_RE = re.compile(r"\\(?:text|mathrm|texttt|mathtt)\s*\{([^{}]*)\}")
_WORDS = {"1": "1", "0": "0", "t": "1", "f": "0", "true": "1", "false": "0"}


def parse_bits(span: str) -> str:
    """A bit string: ``1011``, ``1 0 1 1``, ``[1, 0, 1, 1]``, ``TFTT``, ``true, false, ...``."""
    text = _TEXT_RE.sub(r"\1", normalize_span(guard_span(span))).strip()
    if len(text) >= 2 and text[0] + text[-1] in ("[]", "()", "{}"):
        text = text[1:-1]
    tokens = [t for t in re.split(r"[\s,;]+", text.strip().lower()) if t]
    if len(tokens) == 1 and len(tokens[0]) > 1 and set(tokens[0]) <= set("01tf"):
        tokens = list(tokens[0])
    if not tokens or any(t not in _WORDS for t in tokens):
        raise ParseError(f"{text[:40]!r} is not a bit string; write the values as 1s and 0s like 1011")
    if len(tokens) > 4096:
        raise ParseError("the bit string is too long")
    return "".join(_WORDS[t] for t in tokens)


def _tv(value: bool) -> str:
    return "T" if value else "F"


# --------------------------------------------------------------------------- exposition
_TOPICS = {
    "Connectives": [
        "The conjunction A ∧ B is true only when both A and B are true. With {a1}, the formula {f} is {v}.",
        "The disjunction A ∨ B is true when at least one side is true; it is false only when both are false. "
        "Under {a1}, {f} evaluates to {v}.",
        "Negation ¬A flips a truth value. Parenthesised formulas such as {f} are read from the inside out; with "
        "{a1} its value is {v}.",
    ],
    "Implication": [
        "A → B is false in exactly one case: A true and B false. When A is false the implication is true no matter "
        "what B is (it is 'vacuously' true). Under {a1}, {f} is {v}.",
        "A common mistake is to read A → B as B → A. They differ: with A = T and B = F, A → B is F but B → A is T. "
        "The implication A → B is equivalent to ¬A ∨ B.",
        "The contrapositive ¬B → ¬A has the same truth table as A → B, while the converse B → A does not. Checking "
        "all four rows confirms it.",
    ],
    "Biconditional and exclusive or": [
        "A ↔ B is true when A and B have the same value; A ⊕ B is true when they differ, so A ⊕ B is ¬(A ↔ B). "
        "Under {a1}, {f} is {v}.",
        "Exclusive or counts parity: a chain x1 ⊕ x2 ⊕ ... ⊕ xn is true when an odd number of the xi are true. "
        "With {k} of {n} inputs true the chain is {par}.",
        "Do not confuse ∨ with ⊕: T ∨ T is T, but T ⊕ T is F. 'Either ... or' in everyday speech is often ⊕.",
    ],
    "Evaluating bottom-up": [
        "To evaluate {f} under {a1}, work bottom-up: first the variables, then each innermost parenthesis, then the "
        "connectives around it. The steps: {steps}. So the formula is {v}.",
        "Bottom-up evaluation never needs precedence rules when every binary subformula is parenthesised. For {f} "
        "with {a1}: {steps}.",
        "Write the value of each subformula next to it as you go. For {f}: {steps}; the whole formula is {v}.",
    ],
    "Truth tables": [
        "A truth table lists every assignment. With {n} variables there are 2^{n} = {rows} rows. Ordering the rows "
        "as binary numbers from all-false to all-true makes each variable's column a regular pattern.",
        "In the standard order with three variables p, q, r, the column of p is 00001111, of q is 00110011 and of r "
        "is 01010101. The column of {f} is {col}.",
        "Build a truth table column by column: one column per subformula, each computed from the columns it is "
        "built from. The formula {f} has the column {col}.",
    ],
    "Counting models": [
        "An assignment that makes a formula true is a model (or satisfying assignment). The formula {f} over {n} "
        "variables has column {col}, so it has {count} models out of {rows}.",
        "To count satisfying assignments, build the truth table column and count its ones. A formula with {count} "
        "ones in {rows} rows is true in {count} of them.",
        "A formula is satisfiable when its count is at least one, a tautology when the count equals 2^n, and a "
        "contradiction when the count is 0. {f} has {count} of {rows}.",
    ],
    "Laws": [
        "De Morgan's laws: ¬(A ∧ B) is ¬A ∨ ¬B and ¬(A ∨ B) is ¬A ∧ ¬B. A common mistake is to negate the parts "
        "but keep the connective.",
        "Distributive laws: A ∧ (B ∨ C) equals (A ∧ B) ∨ (A ∧ C), and A ∨ (B ∧ C) equals (A ∨ B) ∧ (A ∨ C). Both "
        "can be checked on all eight rows of a three-variable table.",
        "Two formulas are equivalent when their truth table columns agree on every row. {f} has column {col}.",
    ],
}


@functools.lru_cache(maxsize=1)
def _passages() -> tuple[str, ...]:
    rng = np.random.default_rng(777)
    passages: list[str] = []
    seen: set[str] = set()
    while len(passages) < 200:
        for topic, templates in _TOPICS.items():
            n = int(rng.integers(2, 4))
            names = NAMES[:n]
            f = random_formula(rng, int(rng.integers(2, 4)), names, "¬∧∨→↔⊕")
            while _repeats(f):
                f = random_formula(rng, int(rng.integers(2, 4)), names, "¬∧∨→↔⊕")
            env = {x: bool(rng.integers(0, 2)) for x in names}
            steps = "; ".join(
                f"{render(g)} = {_tv(evaluate(g, env))}" for g in subformulas(f)
            ) or f"{f} = {_tv(env[f])}"
            col = column(f, names)
            k, m = int(rng.integers(0, 7)), int(rng.integers(7, 10))
            values = {
                "a1": ", ".join(f"{x} = {_tv(env[x])}" for x in names), "f": render(f),
                "v": "true" if evaluate(f, env) else "false", "steps": steps, "n": n, "rows": 2**n, "col": col,
                "count": col.count("1"), "k": k, "par": "true" if k % 2 else "false",
            }
            values["n"] = n if topic != "Biconditional and exclusive or" else m
            template = templates[int(rng.integers(0, len(templates)))]
            text = f"{topic}. " + template.format(**values)
            if text not in seen:
                seen.add(text)
                passages.append(text)
    return tuple(passages)


# --------------------------------------------------------------------------- the family
@register_family
class BooleanLogic(Family):
    name = "BooleanLogic"
    version = 0
    answer_type = "bits|integer"
    subject = "puzzles"
    space_sizes = {  # (count, exact) per level; see "Problem-space sizes" in the module docstring
        1: (1400, False), 2: (4_500_000, False), 3: (4_500_000, False), 4: (1200, False), 5: (29_000, False),
        6: (1_500_000, False), 7: (4_500_000, False), 8: (4_500_000, False), 9: (4_500_000, False),
        10: (4_500_000, False),
    }
    instruction = (
        "Give your final answer in \\boxed{...}: a bit string such as \\boxed{1011} (1 = true) when asked for "
        "truth values, or an integer when asked for a count."
    )

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem:
        difficulty = check_difficulty(difficulty)
        level = LEVELS[difficulty]
        names = NAMES[: level.variables]
        var_list = ", ".join(names)
        legend = LEGEND if set(level.ops) - set("¬∧∨") else "(¬ not, ∧ and, ∨ or)"
        if level.kind == "evaluate":
            formulas: list = []
            while len(formulas) < level.formulas:
                f = _formula(rng, level, names, need_all=False)
                if f not in formulas:
                    formulas.append(f)
            env = {x: bool(rng.integers(0, 2)) for x in names}
            assignment = ", ".join(f"{x} = {_tv(env[x])}" for x in names)
            listed = "\n".join(f"F{i}: {render(f)}" for i, f in enumerate(formulas, 1))
            question = (
                f"Let {assignment} (T true, F false). Find the truth value of each formula {legend}:\n{listed}\n"
                f"Answer with the bit string of the values of F1 to F{len(formulas)} in order (1 = true, 0 = false)."
            )
            answer = "".join("1" if evaluate(f, env) else "0" for f in formulas)
            meta = {"kind": "evaluate", "names": names, "formulas": formulas, "assignment": {x: env[x] for x in names}}
        else:
            formula = _formula(rng, level, names, need_all=True)
            meta = {"kind": level.kind, "names": names, "formulas": [formula]}
            if level.kind == "table":
                first = ", ".join(f"{x} = F" for x in names)
                second = ", ".join(f"{x} = {'T' if x == names[-1] else 'F'}" for x in names)
                question = (
                    f"Give the truth table column of F: {render(formula)} {legend} over the variables {var_list}. "
                    f"List the {2 ** len(names)} rows in the standard order, counting up in binary from all false to "
                    f"all true with {names[0]} the most significant variable (row 1: {first}; row 2: {second}; ...), "
                    "as a bit string with 1 = true."
                )
                answer = column(formula, names)
            else:
                question = (
                    f"How many of the {2 ** len(names)} assignments of truth values to {var_list} make the formula "
                    f"{render(formula)} true? {legend}"
                )
                answer = column(formula, names).count("1")
        return Problem(question=question, answer=answer, family=self.name, version=self.version,
                       difficulty=difficulty, metadata=meta)

    def worked_solution(self, problem: Problem) -> str:
        meta = problem.metadata
        names = meta["names"]
        lines: list[str] = []
        if meta["kind"] == "evaluate":
            env = {x: bool(v) for x, v in meta["assignment"].items()}
            lines.append("Evaluate each formula from the inside out, writing T or F for every subformula.")
            bits = []
            for i, f in enumerate(meta["formulas"], 1):
                steps = [f"{render(g)} = {_tv(evaluate(g, env))}" for g in subformulas(f)]
                value = evaluate(f, env)
                bits.append("1" if value else "0")
                lines.append(f"F{i}: " + "; ".join(steps) + f". So F{i} is {_tv(value)}, bit {bits[-1]}.")
            lines.append(f"Reading F1 to F{len(bits)} in order gives {''.join(bits)}.")
            lines.append(f"The answer is \\boxed{{{''.join(bits)}}}.")
            return "\n".join(lines)
        f = meta["formulas"][0]
        lines.append(f"There are {len(names)} variables, so {2 ** len(names)} rows, in binary order from all false.")
        for x in names:
            lines.append(f"Column of {x}: {_blocks(column(x, names))}")
        explained: set[str] = set()
        for g in subformulas(f):
            note = "" if g[0] in explained else f" ({RULE[g[0]]})"
            explained.add(g[0])
            lines.append(f"Column of {render(g)}: {_blocks(column(g, names))}{note}")
        col = column(f, names)
        if meta["kind"] == "table":
            lines.append(f"The last column is the truth table of the whole formula: {col}.")
            lines.append(f"The answer is \\boxed{{{col}}}.")
        else:
            if len(col) > 8:
                parts = [col[i : i + 8] for i in range(0, len(col), 8)]
                counts = [p.count("1") for p in parts]
                lines.append("Count the ones block by block: " + " + ".join(map(str, counts)) + f" = {sum(counts)}.")
            else:
                lines.append(f"The column {col} has {col.count('1')} ones.")
            lines.append(f"The formula is true in {col.count('1')} of the {len(col)} rows.")
            lines.append(f"The answer is \\boxed{{{col.count('1')}}}.")
        return "\n".join(lines)

    def exposition(self) -> list[str]:
        return list(_passages())

    def verify(self, problem: Problem, response: str) -> Verdict:
        """Bit strings compare exactly (after reading any accepted rendering); counts as integers.

        >>> fam = BooleanLogic()
        >>> p = Problem("...", "1011", "BooleanLogic", metadata={"kind": "evaluate"})
        >>> fam.verify(p, "\\\\boxed{1, 0, 1, 1}").status.value
        'CORRECT'
        >>> fam.verify(p, "\\\\boxed{101}").status.value
        'INCORRECT'
        """
        if problem.metadata.get("kind") == "count":
            return check_answer(response, problem.answer, parse_integer)
        return check_answer(response, problem.answer, parse_bits)
