"""pass@k with the unbiased estimator, and confidence intervals.

With ``n`` samples of which ``c`` are correct, the probability that at least one of
``k`` samples drawn without replacement is correct is ``1 - C(n-c, k) / C(n, k)``
(Chen et al., 2021). Using it instead of "k samples, any correct" lets one run of
``n`` samples report pass@1 ... pass@n without bias. The product form below avoids
huge binomials.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

Z95 = 1.959963984540054


def pass_at_k(n: int, c: int, k: int) -> float:
    """Unbiased pass@k for one problem with ``n`` samples, ``c`` of them correct.

    >>> pass_at_k(2, 1, 1)
    0.5
    >>> pass_at_k(5, 0, 3), pass_at_k(5, 5, 3)
    (0.0, 1.0)
    """
    if not 0 <= c <= n:
        raise ValueError(f"need 0 <= c <= n, got c={c}, n={n}")
    if not 1 <= k <= n:
        raise ValueError(f"pass@{k} needs at least k={k} samples per problem, got n={n}; sample more or lower k")
    if n - c < k:
        return 1.0
    prob_all_wrong = 1.0
    for i in range(n - c + 1, n + 1):
        prob_all_wrong *= 1.0 - k / i
    return 1.0 - prob_all_wrong


def wilson_interval(successes: float, trials: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion: sound at 0 and 1 where the normal one is not."""
    if trials <= 0:
        return (0.0, 1.0)
    p = successes / trials
    if p in (0.0, 1.0):  # the closed forms, free of rounding at the ends
        bound = trials / (trials + z * z)
        return (0.0, 1.0 - bound) if p == 0.0 else (bound, 1.0)
    denom = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denom
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def mean_interval(values: Sequence[float], z: float = Z95) -> tuple[float, float]:
    """Normal-approximation interval for a mean of per-problem scores in [0, 1].

    When every score is 0 or 1 this is a proportion and the Wilson interval is used.
    """
    n = len(values)
    if n == 0:
        return (0.0, 1.0)
    if all(v in (0.0, 1.0) for v in values):
        return wilson_interval(sum(values), n, z)
    mean = sum(values) / n
    var = sum((v - mean) ** 2 for v in values) / max(1, n - 1)
    half = z * math.sqrt(var / n)
    return (max(0.0, mean - half), min(1.0, mean + half))


def paired_difference(before: list[int], after: list[int], z: float = Z95) -> dict[str, Any]:
    """How much ``after`` beats ``before`` on the same problems (1 = solved), with a 95% interval.

    Two models scored on the same test problems are compared problem by problem:
    most problems are solved by both or by neither and carry no information about
    the difference, so the paired interval (normal approximation on the per-problem
    differences) is much narrower than two separate intervals, which overlap even
    when one model is clearly better. Returns the difference in points, its interval,
    and the discordant counts (problems only one of the two solves).

    >>> r = paired_difference([1, 0, 0, 1] * 50, [1, 1, 0, 1] * 50)
    >>> r["points"], r["only_after"], r["only_before"]
    (25.0, 50, 0)
    """
    if len(before) != len(after) or not before:
        raise ValueError(f"paired outcomes need equal, non-empty lists, got {len(before)} and {len(after)}")
    n = len(before)
    diffs = [b - a for a, b in zip(before, after)]
    mean = sum(diffs) / n
    var = sum((d - mean) ** 2 for d in diffs) / max(n - 1, 1)
    half = z * math.sqrt(var / n)
    return {
        "points": 100 * mean,
        "ci95_points": [100 * (mean - half), 100 * (mean + half)],
        "only_after": sum(d > 0 for d in diffs),
        "only_before": sum(d < 0 for d in diffs),
    }
