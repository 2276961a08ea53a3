"""A third-party family installed as a separate package (used by the plugin test)."""

import numpy as np

from textbook_gym import Family, Problem
from textbook_gym.verifiers import check_answer, parse_integer


class Echo(Family):
    name = "PluginEcho"
    version = 3
    answer_type = "integer"

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem:
        n = int(rng.integers(0, 10**difficulty))
        return Problem(f"Repeat the number {n}.", n, self.name, self.version, difficulty)

    def worked_solution(self, problem: Problem) -> str:
        return f"The number given is {problem.answer}.\n\\boxed{{{problem.answer}}}"

    def exposition(self) -> list[str]:
        return [f"Repeating {i} gives {i}." for i in range(100)]

    def verify(self, problem: Problem, response: str):
        return check_answer(response, problem.answer, parse_integer)
