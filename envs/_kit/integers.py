"""Whole numbers as the number-theory families write and draw them.

Factorizations are written ``2^3 × 3^2 × 5`` (primes ascending, exponent 1 left out),
divisions with remainder ``47 = 5 × 9 + 2``, and numbers with many small prime factors
are drawn as products of prime powers.

>>> factor_text(360), factor_text(1), division_text(47, 9), division_text(-47, 8)
('2^3 × 3^2 × 5', '1', '47 = 5 × 9 + 2', '-47 = (-6) × 8 + 1')
>>> euclid_divisions(18, 84)
(['84 = 4 × 18 + 12', '18 = 1 × 12 + 6', '12 = 2 × 6 + 0'], 6)
>>> smooth_number(np.random.default_rng(3), (2, 3, 5), 3, 2, 1000, min_primes=2)
72
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import sympy


def prime_powers(number: int) -> list[tuple[int, int]]:
    """The ``(prime, exponent)`` pairs of ``number``, primes ascending (empty for 1)."""
    return sorted(sympy.factorint(number).items())


def factor_text(number: int) -> str:
    """The prime factorization in plain text, ``2^3 × 3^2 × 5``; ``1`` for 1."""
    return " × ".join(f"{p}^{e}" if e > 1 else str(p) for p, e in prime_powers(number)) or "1"


def division_text(dividend: int, divisor: int) -> str:
    """Division with remainder, ``a = q × m + r`` with ``0 <= r < m`` (a negative quotient in parentheses)."""
    quotient, remainder = divmod(dividend, divisor)
    shown = f"({quotient})" if quotient < 0 else str(quotient)
    return f"{dividend} = {shown} × {divisor} + {remainder}"


def euclid_divisions(first: int, second: int) -> tuple[list[str], int]:
    """Euclid's algorithm on two positive integers: one :func:`division_text` line per division, and the gcd.

    The larger number is divided by the smaller, then the divisor by the remainder,
    until the remainder is 0; the last line is the division that leaves 0.
    """
    larger, smaller = max(first, second), min(first, second)
    lines = []
    while smaller:
        lines.append(division_text(larger, smaller))
        larger, smaller = smaller, larger % smaller
    return lines, larger


def smooth_number(rng: np.random.Generator, primes: Sequence[int], max_exponent: int, lo: int, hi: int,
                  min_primes: int = 0) -> int:
    """A product of the ``primes``, each to an exponent drawn from ``0..max_exponent``, in ``[lo, hi]``.

    Redraws every exponent (one ``rng.integers`` call per prime, in order) until the
    product lies in ``[lo, hi]`` and has at least ``min_primes`` distinct prime factors.
    """
    while True:
        n = 1
        for prime in primes:
            n *= prime ** int(rng.integers(0, max_exponent + 1))
        if lo <= n <= hi and len(sympy.factorint(n)) >= min_primes:
            return n
