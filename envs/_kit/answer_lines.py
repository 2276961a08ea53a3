"""The worked solution's last line when it says what the answer is.

The default last line of :class:`textbook_gym.family.Family` is ``The answer is
\\boxed{<answer_text>}.``; a family whose answer is a solution set, a probability or a
factorization names it instead. ``answer_line = stated_answer("solution set")`` in the
class body writes ``The solution set is \\boxed{<answer_text>}.``, with the family's own
``answer_text``, so the boxed text is always the canonical answer the verifier accepts.

>>> class Sets:
...     answer_line = stated_answer("solution set")
...     def answer_text(self, problem):
...         return problem.upper()
>>> Sets().answer_line("(-oo, 3]")
'The solution set is \\\\boxed{(-OO, 3]}.'
"""

from __future__ import annotations

from typing import Any


def stated_answer(what: str):
    """A family's ``answer_line`` method: ``The <what> is \\boxed{<answer_text>}.``"""

    def answer_line(self, problem: Any) -> str:
        return f"The {what} is \\boxed{{{self.answer_text(problem)}}}."

    return answer_line
