"""Answer extraction, typed parsers, symbolic equivalence and the sandbox pool.

Installed as ``textbook_gym.verifiers`` (``verifiers`` on PyPI is another project).

Every parser takes the extracted answer span and returns a typed value or raises
:class:`ParseError`; :func:`check_answer` turns a parser into a verifier that never
raises. Families compose them::

    from textbook_gym.verifiers import check_answer, parse_set, parse_rational
    verdict = check_answer(response, gold, lambda s: parse_set(s, parse_rational))
"""

from textbook_gym.verifiers.check import check_answer
from textbook_gym.verifiers.errors import ParseError, VerificationTimeout
from textbook_gym.verifiers.extract import Extraction, extract_answers
from textbook_gym.verifiers.guards import Limits, guard_span
from textbook_gym.verifiers.integers import parse_integer
from textbook_gym.verifiers.intervals import parse_intervals
from textbook_gym.verifiers.normalize import normalize_span
from textbook_gym.verifiers.numbers import parse_decimal, parse_percent, parse_rational, parse_real, real_close
from textbook_gym.verifiers.structures import (
    normalize_text,
    parse_assignments,
    parse_bits,
    parse_choice,
    parse_list,
    parse_matrix,
    parse_set,
    parse_tuple,
)

from textbook_gym.verifiers.symbolic import parse_equation, parse_expression  # isort: skip
from textbook_gym.verifiers.equivalence import check_symbolic, equivalent  # isort: skip
from textbook_gym.verifiers.mathanswer import verify_math  # isort: skip
from textbook_gym.verifiers.registry import (  # isort: skip
    get_verifier,
    list_verifiers,
    register_verifier,
    run_verifier,
    verify_many,
)

__all__ = [
    "Extraction",
    "Limits",
    "ParseError",
    "VerificationTimeout",
    "check_answer",
    "check_symbolic",
    "equivalent",
    "extract_answers",
    "get_verifier",
    "list_verifiers",
    "guard_span",
    "normalize_span",
    "normalize_text",
    "parse_assignments",
    "parse_bits",
    "parse_choice",
    "parse_decimal",
    "parse_equation",
    "parse_expression",
    "parse_integer",
    "parse_intervals",
    "parse_list",
    "parse_matrix",
    "parse_percent",
    "parse_rational",
    "parse_real",
    "parse_set",
    "parse_tuple",
    "real_close",
    "register_verifier",
    "run_verifier",
    "verify_many",
    "verify_math",
]
