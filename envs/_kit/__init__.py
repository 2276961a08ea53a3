"""The family kit: what every family module would otherwise write again.

A family module is its specification (the module docstring), its problem kinds and
its domain functions; everything shared lives here, one concept per module:

* :mod:`.draw` — integers, choices and signs drawn from an explicit numpy Generator,
* :mod:`.formats` — exact numbers written as text (fractions, decimals, signed terms),
* :mod:`.passages` — the exposition loop (render templates, keep distinct texts) and
  ``exposition_from``, a family's exposition in one line,
* :mod:`.template_rounds` — exposition that fills every template of a list in each round,
* :mod:`.template_choice` — exposition that fills one randomly chosen template per round,
* :mod:`.kinds` — the table of a multi-kind family (draw, question, solve per kind; or
  question and solve only, ``AskedKind``, where the levels draw the kind),
* :mod:`.questions` — a kind's question that only fills its drawn values into a sentence,
* :mod:`.answer_lines` — the worked solution's last line when it names the answer
  ("The solution set is ..."),
* :mod:`.texts` — the exposition prose a family keeps in ``envs/texts/<module>.toml``,

and topic modules shared by a subject's families:

* :mod:`.numerals` — place values, rounding as taught, decimal places,
* :mod:`.integers` — whole numbers written and drawn: factorization text, division with
  remainder, smooth numbers,
* :mod:`.polynomials` — polynomial arithmetic and text, signed sums, equation steps,
* :mod:`.polynomial_steps` — worked steps on polynomials: Horner's value, a substitution
  written out, a linear equation solved line by line,
* :mod:`.expressions` — the one symbol table and expression text for calculus and algebra,
* :mod:`.tables` — lists of values as text, exposition rounds over a table of topics,
* :mod:`.matrices` — exact matrices: minors, LaTeX and text, Gauss-Jordan solving, answers
  with a scalar factor in front,
* :mod:`.wording` — names, things, money and stories for word problems.

The kit is private (``_kit``): families import from it, users never need to. Adding
a helper here is worth it when a second family needs the same thing with the same
meaning; a helper with another meaning gets another name.
"""

# What every family module takes from the core, importable from the kit in one line.
from textbook_gym.family import Family, check_difficulty
from textbook_gym.problem import Problem
from textbook_gym.registry import register_family
from textbook_gym.verdict import Verdict

__all__ = ["Family", "Problem", "Verdict", "check_difficulty", "register_family"]
