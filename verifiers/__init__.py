"""Answer extraction, typed parsers, symbolic equivalence and the sandbox pool.

Installed as ``textbook_gym.verifiers`` (``verifiers`` on PyPI is another project).
"""

from textbook_gym.verifiers.check import check_answer
from textbook_gym.verifiers.errors import ParseError
from textbook_gym.verifiers.extract import Extraction, extract_answers
from textbook_gym.verifiers.integers import parse_integer
from textbook_gym.verifiers.normalize import normalize_span

__all__ = ["Extraction", "ParseError", "check_answer", "extract_answers", "normalize_span", "parse_integer"]
