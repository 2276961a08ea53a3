"""PrimeFactorization: write a composite number as a product of primes.

**Asked.** "Find the prime factorization of 360." The number is always composite.

**Difficulty** grows the number and the size of its largest prime factors, which is
what makes trial division long:

==  ============================================================  ======================
 1  up to 2,000, two or three prime factors up to 37              ``36 = 2^2 · 3^2``
 2  up to 3,000, three or four prime factors up to 19               ``168``
 3  up to 10,000, three to five prime factors up to 23              ``936``
 4  up to 5,000, primes up to 19                                    ``4,620 = 2^2 · 3 · 5 · 7 · 11``
 5  up to 50,000, five to eight prime factors up to 31              ``22,050``
 6  smooth part times one prime between 37 and 100                  ``2^3 · 3 · 59``
 7  two primes between 30 and 200 times a small part                ``6 · 37 · 173``
 8  one prime between 100 and 1,000 times a smooth part             ``2^4 · 5 · 431``
 9  two primes between 100 and 1,000, small cofactor                ``3 · 127 · 659``
10  two primes between 300 and 2,000 and a larger smooth part       ``2^2 · 3^3 · 541 · 1487``
==  ============================================================  ======================

Examples: level 1 "Find the prime factorization of 45." -> ``3^2 · 5``; level 5
"... of 22050" -> ``2 · 3^2 · 5^2 · 7^2``; level 10 "... of 86866236" -> ``2^2 · 3^3 · 541 · 1487``.

**Answer type.** The multiset of prime factors; gold is the sorted tuple of primes with
repetition. Accepted renderings (any order of factors):

* a product with ``\\cdot``, ``\\times``, ``×``, ``·``, ``*``: ``2^3 \\cdot 3 \\cdot 5``,
  ``2*2*2*3*5``, ``2^3 × 3 × 5``, ``2^{3}``, ``2**3``, superscripts ``2³``;
* the list of primes with repetition: ``2, 2, 2, 3, 5``, ``[2, 2, 2, 3, 5]``, ``\\{2, 2, 2, 3, 5\\}``;
* either form after ``N =`` where N is the number itself.

Every factor must be prime: ``4 \\cdot 30``, ``1 \\cdot 2 \\cdot 3`` and the number itself are
INCORRECT even though their product is right. Exponents above 64 and more than 200 factors
are refused (UNPARSEABLE).

**Worked solutions** run trial division by 2, 3, 5, 7, ... in order, writing each division,
listing the primes that fail, and stopping when p² exceeds what is left.

**Version history.** v0: first release. v1: levels 1-3 use more primes and larger limits
(264, 264 and 781 numbers instead of 20, 35 and 161), so each level's test split holds at
least 50 problems.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter

import numpy as np
import sympy

from textbook_gym.envs._kit import Family, Problem, Verdict, check_difficulty, register_family
from textbook_gym.verifiers import ParseError, check_answer, parse_integer
from textbook_gym.verifiers.guards import guard_span
from textbook_gym.verifiers.normalize import normalize_span
from textbook_gym.verifiers.structures import parse_list

from ._kit.draw import choice, integer
from ._kit.integers import factor_text
from ._kit.passages import exposition_from
from ._kit.tables import listing
from ._kit.texts import exposition_texts

MAX_EXPONENT = 64
MAX_FACTORS = 200
QUESTION_OPENINGS = ["Find the prime factorization of", "Write as a product of primes:", "Factor into primes:"]

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUPER_RE = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_TIMES_RE = re.compile(r"\\cdot|\\times|\\ast|[×·*⋅∙]")
_FACTOR_RE = re.compile(r"(\d+)\s*(?:\^\s*(?:\{\s*(\d+)\s*\}|(\d+)))?")


# --------------------------------------------------------------------------- parsing
def _prepare(span: str) -> str:
    guard_span(span)
    # NFKC would fold 2³ into 23; turn superscripts into ^{..} first.
    span = _SUPER_RE.sub(lambda m: "^{" + m.group().translate(_SUPERSCRIPTS) + "}", span)
    text = normalize_span(span)
    for old, new in (("\\left", ""), ("\\right", ""), ("\\{", "{"), ("\\}", "}"), ("**", "^")):
        text = text.replace(old, new)
    return text.strip()


def parse_factorization(span: str, n: int | None = None) -> tuple[int, ...]:
    """Parse a product of prime powers or a list of primes into a sorted tuple with repetition.

    Primality is not checked here (see :func:`is_factorization_of`); a non-prime factor
    parses and then fails the comparison.

    >>> parse_factorization("2^3 \\\\cdot 3 \\\\cdot 5")
    (2, 2, 2, 3, 5)
    >>> parse_factorization("[5, 2, 3, 2, 2]")
    (2, 2, 2, 3, 5)
    >>> parse_factorization("120 = 2³ × 15", n=120)
    (2, 2, 2, 15)
    """
    text = _prepare(span)
    if "=" in text:
        left, _, text = text.partition("=")
        if "=" in text or n is None or parse_integer(left) != n:
            raise ParseError("write only the factorization, or 'N = factorization' with N the given number")
        text = text.strip()
    if "," in text:
        if len(text) >= 2 and text[0] == "{" and text[-1] == "}":
            text = text[1:-1]
        factors = list(parse_list(text, parse_integer))
    else:
        factors = []
        for piece in _TIMES_RE.split(text):
            m = _FACTOR_RE.fullmatch(piece.strip())
            if m is None:
                raise ParseError(f"{piece.strip()[:40]!r} is not a factor like 3 or 2^3")
            exponent = int(m.group(2) or m.group(3) or 1)
            if not 1 <= exponent <= MAX_EXPONENT:
                raise ParseError(f"exponent {exponent} is outside 1..{MAX_EXPONENT}")
            factors.extend([int(m.group(1))] * exponent)
            if len(factors) > MAX_FACTORS:
                raise ParseError(f"more than {MAX_FACTORS} factors")
    if not factors or len(factors) > MAX_FACTORS:
        raise ParseError("the factorization must have between 1 and 200 factors")
    return tuple(sorted(factors))


def is_factorization_of(parsed: tuple[int, ...], gold: tuple[int, ...]) -> bool:
    """Every factor is prime and the multiset equals the gold one."""
    # The multiset comparison runs first: it is cheap and bounds every factor by the gold primes.
    return Counter(parsed) == Counter(gold) and all(sympy.isprime(factor) for factor in parsed)


def factorization_latex(primes: tuple[int, ...]) -> str:
    """The LaTeX product of prime powers, ``2^{3} \\cdot 3 \\cdot 5``."""
    counts = sorted(Counter(primes).items())
    return " \\cdot ".join(f"{prime}^{{{power}}}" if power > 1 else str(prime) for prime, power in counts)


def _primes_text(number: int) -> str:
    """The prime factors with repetition, ascending: ``2 × 2 × 2 × 3 × 5``."""
    return " × ".join(map(str, sympy.factorint(number, multiple=True)))


# --------------------------------------------------------------------------- generation
def _smooth(rng: np.random.Generator, primes: list[int], counts: tuple[int, int]) -> list[int]:
    """Between counts[0] and counts[1] primes drawn from ``primes`` (with repetition)."""
    return [int(rng.choice(primes)) for _ in range(integer(rng, *counts))]


def _prime_between(rng: np.random.Generator, lo: int, hi: int) -> int:
    return int(sympy.prevprime(integer(rng, lo + 2, hi)))


_LEVELS = {  # primes of the smooth part, how many smooth factors, (large prime range, how many), limit
    1: ([2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37], (2, 3), ((0, 0), 0), 2000),
    2: ([2, 3, 5, 7, 11, 13, 17, 19], (3, 4), ((0, 0), 0), 3000),
    3: ([2, 3, 5, 7, 11, 13, 17, 19, 23], (3, 5), ((0, 0), 0), 10000),
    4: ([2, 3, 5, 7, 11, 13, 17, 19], (4, 6), ((0, 0), 0), 5000),
    5: ([2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31], (5, 8), ((0, 0), 0), 50000),
    6: ([2, 3, 5, 7], (1, 4), ((37, 100), 1), 10**5),
    7: ([2, 3, 5], (0, 2), ((30, 200), 2), 10**6),
    8: ([2, 3, 5, 7, 11], (2, 5), ((100, 1000), 1), 10**7),
    9: ([2, 3, 5, 7], (0, 2), ((100, 1000), 2), 10**8),
    10: ([2, 3, 5, 7, 11, 13], (2, 5), ((300, 2000), 2), 10**10),
}


def _draw(rng: np.random.Generator, level: int) -> list[int]:
    """The prime factors, ascending: a smooth part, then the level's large primes, redrawn until under the limit."""
    primes, counts, (large, how_many), limit = _LEVELS[level]
    for _ in range(1000):
        factors = _smooth(rng, primes, counts) + [_prime_between(rng, *large) for _ in range(how_many)]
        if len(factors) >= 2 and math.prod(factors) <= limit:
            return sorted(factors)
    raise RuntimeError("could not draw a number")  # pragma: no cover - limits are generous


# --------------------------------------------------------------------------- worked solutions
def trial_division(number: int) -> list[str]:
    """Divide by 2, 3, 5, 7, ... in order, listing the primes that fail, until p² exceeds what is left."""
    lines = [f"Trial division: divide {number} by the primes 2, 3, 5, 7, ... in order, as often as each divides."]
    left, prime, failed = number, 2, []

    def flush() -> None:
        # A long run is shortened; it is not cleared, so a later report counts it again (pinned content).
        if len(failed) > 24:
            shown = f"{listing(failed[:12])}, ..., {listing(failed[-3:])}"
            lines.append(f"None of the {len(failed)} primes {shown} divides {left}; each leaves a remainder.")
        elif failed:
            verb = "does" if len(failed) == 1 else "do"
            lines.append(f"{listing(failed)} {verb} not divide {left}.")
            failed.clear()

    while prime * prime <= left:
        if left % prime == 0:
            flush()
            while left % prime == 0:
                lines.append(f"{left} ÷ {prime} = {left // prime}")
                left //= prime
        else:
            failed.append(prime)
        prime = int(sympy.nextprime(prime))
    flush()
    if left > 1:
        lines.append(f"The next prime to try is {prime}, and {prime}² = {prime * prime} > {left}, so {left} is prime.")
    return lines


# --------------------------------------------------------------------------- exposition
_TEMPLATES = exposition_texts(__name__)


def _passage_round(rng: np.random.Generator) -> list[str]:
    factors = _smooth(rng, [2, 3, 5, 7, 11, 13], (3, 5))
    n = math.prod(factors)
    a, b = (math.prod(_smooth(rng, [2, 3, 5, 7], (2, 3))) for _ in range(2))
    q = _prime_between(rng, 50, 400)
    c = integer(rng, 2, 9) * integer(rng, 2, 9)
    t3 = 3 * integer(rng, 40, 2999)
    small = min(factors)
    values = {
        "n": n, "nf": factor_text(n), "nlong": _primes_text(n),
        "steps": "; ".join(line.rstrip(".") for line in trial_division(n)[1:]) + ".",
        "p1": _prime_between(rng, 10, 100), "c": c, "cf": _primes_text(c),
        "q": q, "bad": f"{small} × {n // small}", "badc": n // small, "t3": t3, "ds": sum(map(int, str(t3))),
        "nd": int(sympy.divisor_count(n)), "a": a, "b": b, "af": _primes_text(a), "bf": _primes_text(b),
        "abf": _primes_text(a * b),
    }
    text = choice(rng, _TEMPLATES).format(**values)
    if "is not prime; keep going" in text and sympy.isprime(n // small):
        return []  # the composite-factor mistake needs a composite cofactor
    return [text]


# --------------------------------------------------------------------------- the family
@register_family
class PrimeFactorization(Family):
    name = "PrimeFactorization"
    version = 1
    answer_type = "prime multiset"
    subject = "number-theory"
    instruction = ("Give the prime factorization as a product such as \\boxed{2^3 \\cdot 3 \\cdot 5} "
                   "(or list the prime factors with repetition, such as \\boxed{2, 2, 2, 3, 5}).")

    exposition = exposition_from(5113, 150, _passage_round)

    def generate(self, rng: np.random.Generator, difficulty: int) -> Problem:
        difficulty = check_difficulty(difficulty)
        primes = tuple(_draw(rng, difficulty))
        n = math.prod(primes)
        question = f"{choice(rng, QUESTION_OPENINGS)} {n}."
        return Problem(question, primes, self.name, self.version, difficulty, metadata={"n": n})

    def solution_lines(self, problem: Problem) -> list[str]:
        n = problem.metadata["n"]
        return [*trial_division(n), f"Collecting the prime divisors: {n} = {factor_text(n)}."]

    def answer_line(self, problem: Problem) -> str:
        return f"The answer is \\boxed{{{factorization_latex(problem.answer)}}}."

    def answer_text(self, problem: Problem) -> str:
        """A product of prime powers, smallest prime first: ``2^3 × 3 × 5``."""
        return factor_text(math.prod(problem.answer))

    def verify(self, problem: Problem, response: str) -> Verdict:
        """Every factor prime, multiset equal to the gold one.

        >>> fam = PrimeFactorization()
        >>> p = Problem("Factor 120.", (2, 2, 2, 3, 5), "PrimeFactorization", metadata={"n": 120})
        >>> fam.verify(p, "\\\\boxed{2^3 \\\\times 3 \\\\times 5}").status.value
        'CORRECT'
        >>> fam.verify(p, "\\\\boxed{4 \\\\cdot 30}").status.value
        'INCORRECT'
        """
        parse = functools.partial(parse_factorization, n=problem.metadata.get("n"))
        return check_answer(response, problem.answer, parse, equal=is_factorization_of)
