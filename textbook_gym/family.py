"""The family protocol: what every problem family provides.

A family is the textbook chapter for one skill. It supplies the three kinds of
textbook material from one place so that they can never drift apart:

* ``exposition()`` — passages that teach the skill (pretraining text),
* ``worked_solution(problem)`` — a step-by-step solution ending in the answer (SFT),
* ``generate(rng, difficulty)`` + ``verify(problem, response)`` — practice problems
  with an answer checker (the RL environment).

Subclass :class:`Family`, set ``name`` and ``version``, implement ``exposition`` and
either ``draw``, ``question`` and ``solve`` (the defaults of ``generate`` and of the
worked solution use them) or ``generate`` with ``solution_lines`` (the default
``worked_solution`` adds the boxed answer line) or ``worked_solution``; set ``parse`` to a typed answer parser for
the default ``verify``, or write ``verify``. Decorate the class with
:func:`textbook_gym.registry.register_family`. The module docstring of a family is
its specification; ``envs/_template.py`` is the smallest complete family and
CONTRIBUTING.md walks through adding one.
"""

from __future__ import annotations

import abc
import re
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Protocol, runtime_checkable

import numpy as np

from textbook_gym.problem import Problem
from textbook_gym.sizes import recorded_sizes
from textbook_gym.verdict import Verdict
from textbook_gym.verifiers.check import check_answer

MIN_DIFFICULTY = 1
MAX_DIFFICULTY = 10

BOXED_INSTRUCTION = "Put your final answer in \\boxed{}."
"""The default answer-format instruction. Kept short: it is part of every prompt, and
every token of it costs a small model context and compute. The verifiers also accept
an ``Answer: ...`` line and ``<answer>`` tags; the instruction names the one format
that always works."""


@runtime_checkable
class FamilyProtocol(Protocol):
    """Structural type of a family; :class:`Family` is the convenient base class."""

    name: str
    version: int

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem: ...
    def worked_solution(self, problem: Problem) -> str: ...
    def exposition(self) -> list[str]: ...
    def verify(self, problem: Problem, response: str) -> Verdict: ...
    def prompt(self, problem: Problem) -> str: ...
    def solution_steps(self, problem: Problem) -> list[str]: ...
    def answer_text(self, problem: Problem) -> str: ...
    def space_size(self, difficulty: int) -> tuple[int, bool] | None: ...


class Family(abc.ABC):
    """Base class for problem families.

    Subclasses must use only the ``rng`` they are given (never ``random`` or the
    global numpy state): the same seed must give the same bytes in any process.
    """

    name: ClassVar[str]
    """Family name, used in the env id ``textbook/<name>-v<version>``."""
    version: ClassVar[int] = 0
    """Bump whenever the problem distribution, prompt text or accepted answers change."""
    answer_type: ClassVar[str] = "str"
    """Name of the typed answer parser this family uses (documentation and dispatch)."""
    parse: ClassVar[Callable[[str], Any] | None] = None
    """The typed answer parser (a plain function of the answer span, e.g.
    :func:`textbook_gym.verifiers.parse_integer`). With it the default :meth:`verify`
    is ``check_answer(response, problem.answer, parse)``; without it the family
    writes ``verify`` itself."""
    subject: ClassVar[str] = "general"
    """Subject group for suites and listings (``"arithmetic"``, ``"algebra"`` ...)."""
    instruction: ClassVar[str] = BOXED_INSTRUCTION
    """Answer-format instruction appended to every question."""
    space_sizes: ClassVar[Mapping[int, tuple[int, bool]]] = {}
    """Per level, ``(count, exact)``: how many distinct problems the level holds, and
    whether that count is exact or an estimate. A built-in family leaves this empty: its
    measured sizes are in ``textbook_gym/data/space_sizes.json`` (:mod:`textbook_gym.sizes`).
    Read through :meth:`space_size`; a family may override that instead."""

    @property
    def env_id(self) -> str:
        return f"textbook/{self.name}-v{self.version}"

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem:
        """Draw one problem at ``difficulty`` (1..10) using only ``rng``.

        The default is the three-function shape most families have: ``draw`` the
        parameters (plain JSON data, kept as the problem's metadata), write the
        ``question`` from them and ``solve`` them for the worked lines and the answer.
        """
        level = check_difficulty(difficulty)
        params = self.draw(rng, level)
        _, answer = self.solve(params)
        return Problem(self.question(params), answer, self.name, self.version, level, metadata=params)

    def draw(self, rng: np.random.Generator, level: int) -> dict[str, Any]:
        """The parameters of one problem at ``level`` (JSON data), for the default :meth:`generate`."""
        raise NotImplementedError(f"{type(self).__name__} must define generate() or draw(), question() and solve()")

    def question(self, params: dict[str, Any]) -> str:
        """The question text for ``params``, for the default :meth:`generate`."""
        raise NotImplementedError(f"{type(self).__name__} must define generate() or draw(), question() and solve()")

    def solve(self, params: dict[str, Any]) -> tuple[list[str], Any]:
        """The worked lines (without the boxed answer line) and the exact answer for ``params``."""
        raise NotImplementedError(f"{type(self).__name__} must define solve(), solution_lines() or worked_solution()")

    def worked_solution(self, problem: Problem) -> str:
        """A genuine step-by-step solution whose last line holds ``\\boxed{answer}``.

        The default joins :meth:`solution_lines` and :meth:`answer_line`.
        """
        return "\n".join([*self.solution_lines(problem), self.answer_line(problem)])

    def solution_lines(self, problem: Problem) -> list[str]:
        """The steps of the worked solution, without the boxed answer line (default: ``solve``'s lines)."""
        return self.solve(problem.metadata)[0]

    def answer_line(self, problem: Problem) -> str:
        """The worked solution's last line: ``The answer is \\boxed{<answer_text>}.``"""
        return f"The answer is \\boxed{{{self.answer_text(problem)}}}."

    @abc.abstractmethod
    def exposition(self) -> list[str]:
        """Varied passages that teach the skill (pretraining text)."""

    def verify(self, problem: Problem, response: str) -> Verdict:
        """Check ``response`` against ``problem.answer``; never raises.

        The default checks the response's answer span with the family's ``parse``
        under the shared rules of :func:`textbook_gym.verifiers.check_answer`
        (extraction, hedges, guards).
        """
        parse = type(self).parse  # read from the class: a plain function, not a bound method
        if parse is None:
            raise NotImplementedError(f"{type(self).__name__} must set parse or define verify()")
        return check_answer(response, problem.answer, parse)

    def prompt(self, problem: Problem) -> str:
        """The full text shown to the model: question plus answer-format instruction."""
        return f"{problem.question}\n\n{self.instruction}"

    def answer_text(self, problem: Problem) -> str:
        """The canonical answer as text in the family's documented answer format.

        This is what users read (``info["answer"]``, exports, feedback), so it must be
        a string the family's own verifier scores CORRECT inside ``\\boxed{...}`` and
        never a Python repr. The default renders the typed answer with
        :func:`textbook_gym.answers.answer_text`; families whose answer format is not
        the plain value (an assignment, an expression ...) override it.
        """
        from textbook_gym.answers import answer_text

        return answer_text(problem.answer)

    def space_size(self, difficulty: int) -> tuple[int, bool] | None:
        """How many distinct problems ``generate`` can produce at ``difficulty``.

        Returns ``(count, exact)``: ``exact`` is True when the count is exact and False
        when it is an estimate; ``None`` when the family does not know. The sizes come from
        ``space_sizes`` or, where that is empty, from the measurements recorded for this env
        id (:func:`textbook_gym.sizes.recorded_sizes`). Evaluation uses them to tell how many
        distinct test problems a level holds (about one in ten of these).
        """
        sizes = self.space_sizes or recorded_sizes(self.env_id) or {}
        return sizes.get(check_difficulty(difficulty))

    def solution_steps(self, problem: Problem) -> list[str]:
        """The worked solution as hint-sized steps, without the final answer line.

        Used by trial-and-error episodes with ``feedback="hint"``: each failed attempt
        reveals one more step, never the boxed answer itself. So that every hint adds
        information, a line that only announces what follows (it ends with a colon) is
        joined to the line after it, and so are opening lines that only restate the
        question (no number the question lacks and fewer than three new words).
        """
        lines = [line.strip() for line in self.worked_solution(problem).splitlines() if line.strip()]
        lines = [line for line in lines if "\\boxed" not in line]
        steps: list[str] = []
        pending = ""
        for i, line in enumerate(lines):
            text = f"{pending} {line}" if pending else line
            restates = not steps and _restates(line, problem.question)
            if i + 1 < len(lines) and (line.endswith(":") or restates):
                pending = text
                continue
            steps.append(text)
            pending = ""
        return steps

    def __repr__(self) -> str:
        return f"<family {self.name}-v{self.version}>"

    # Families are stateless singletons; pickling by name keeps env pickles small and
    # guarantees the unpickled env uses the registered instance.
    def __reduce__(self):
        from textbook_gym.registry import get_family

        return (get_family, (self.name,))


_NUMBER = re.compile(r"\d+")
_WORD = re.compile(r"[A-Za-z]{3,}")
_LABEL = re.compile(r"\bStep \d+|\(\d\)")


def _restates(line: str, question: str) -> bool:
    """Whether ``line`` says nothing the question does not: no new number, fewer than three new words."""
    line, question = _LABEL.sub(" ", line[:20_000]), question[:20_000]
    if set(_NUMBER.findall(line)) - set(_NUMBER.findall(question)):
        return False
    words = {w.lower() for w in _WORD.findall(line)} - {w.lower() for w in _WORD.findall(question)}
    return len(words) < 3


def check_difficulty(difficulty: int) -> int:
    """Validate a difficulty level with an error that says the allowed range."""
    if isinstance(difficulty, bool) or not isinstance(difficulty, (int, np.integer)):
        raise TypeError(f"difficulty must be an int in {MIN_DIFFICULTY}..{MAX_DIFFICULTY}, got {difficulty!r}")
    if not MIN_DIFFICULTY <= int(difficulty) <= MAX_DIFFICULTY:
        raise ValueError(f"difficulty must be in {MIN_DIFFICULTY}..{MAX_DIFFICULTY}, got {difficulty}")
    return int(difficulty)
