"""The kit's named answer line (envs/_kit/answer_lines.py): the boxed text is the family's own answer text."""

import numpy as np

from textbook_gym.envs._kit.answer_lines import stated_answer
from textbook_gym.registry import get_family


class _Named:
    answer_line = stated_answer("probability")

    def answer_text(self, problem):
        return f"<{problem}>"


def test_the_line_names_the_answer_and_boxes_the_answer_text():
    assert _Named().answer_line("1/4") == "The probability is \\boxed{<1/4>}."


def test_inequalities_ends_with_the_solution_set_its_verifier_accepts():
    family = get_family("Inequalities")
    for level in (1, 6, 10):
        problem = family.generate(np.random.default_rng(level), level)
        last = family.worked_solution(problem).splitlines()[-1]
        assert last == f"The solution set is \\boxed{{{problem.answer}}}."
        assert family.verify(problem, last).status.value == "CORRECT"
