"""Symbolic equivalence of two parsed expressions, under a deadline.

Two expressions are equivalent when their difference is zero as a function of the
free symbols. The decision has three stages, cheapest first:

1. *Structure*: sympy's canonical forms are equal (``x + 1`` and ``1 + x``).
2. *Rational functions, in process*: when both sides are small rational functions
   of their symbols, evaluate them exactly at random rational points. A nonzero
   difference at one point proves inequivalence; zero at several random points
   (Schwartz-Zippel) and an exact ``cancel`` of the difference prove equivalence.
   Nothing here can hang: degrees and sizes are bounded first, and ``cancel`` runs
   here only when :func:`expanded_terms` bounds the size of what it expands
   (``(a+b+c+d)^{30}`` has 5,456 terms and goes to the sandbox instead).
3. *Everything else, in the sandbox pool*: exact simplification of ``a - b`` where
   cheap (``expand``/``cancel``), then evaluation at random exact rational points
   in arbitrary-precision arithmetic as the second opinion: the difference is
   evaluated to full relative precision, so a point where it is provably nonzero
   proves inequivalence, and a difference indistinguishable from zero at every point
   accepts. The call has
   a deadline; when it passes, the worker is killed and the answer is ``None``
   (undecided), which :func:`check_symbolic` reports as a TIMEOUT verdict.

Numbers never overflow into agreement: values are compared as arbitrary-precision
floats (never Python floats, whose ``inf`` once made ``e^{1000}`` equal to every
answer), and a value whose magnitude is beyond :data:`MAX_MAGNITUDE` is never
equal to anything: on the response's side it is INCORRECT, on the gold's side the
gold is refused (:class:`~textbook_gym.verifiers.errors.GoldError`, an ERROR verdict).

Symbols are matched by *name*: a response's ``x`` is the gold's ``x`` with the
gold's assumptions, and random points honour ``positive``/``negative``/``integer``.

>>> import sympy
>>> x = sympy.Symbol("x")
>>> equivalent((x + 1) ** 2, x**2 + 2 * x + 1)
True
>>> equivalent(x / (x + 1), 1 - 1 / (x + 1))
True
>>> equivalent(x**2, x**3)
False
"""

from __future__ import annotations

import math
import random
from typing import Any

import sympy

from textbook_gym.verdict import Verdict
from textbook_gym.verifiers.check import check_answer
from textbook_gym.verifiers.errors import GoldError, VerificationTimeout

DEFAULT_DEADLINE = 2.0
"""Seconds the sandbox may spend deciding one pair before the answer is TIMEOUT."""
POINTS = 4
"""Random points tried per decision."""
QUICK_MAX_OPS = 120
"""Largest ``count_ops`` for the in-process rational-function path."""
QUICK_MAX_DEGREE = 40
"""Largest total degree for the in-process rational-function path."""
QUICK_MAX_TERMS = 400
"""Largest :func:`expanded_terms` estimate for which ``cancel`` runs in the verifying process."""
MAX_MAGNITUDE = sympy.Float(10) ** 300
"""Values beyond this magnitude (or non-zero values below its reciprocal) never compare equal."""
_PRECISION = 40
_SIGNIFICANT_BITS = 20


def _rename(expr: sympy.Expr, by_name: dict[str, sympy.Symbol]) -> sympy.Expr:
    mapping = {s: by_name[s.name] for s in expr.free_symbols if s.name in by_name and by_name[s.name] != s}
    return expr.xreplace(mapping) if mapping else expr


def _align(a: sympy.Expr, b: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    """Give ``a`` the symbols of ``b`` (the gold side) wherever the names agree."""
    by_name = {s.name: s for s in b.free_symbols}
    return _rename(a, by_name), b


def _sample(symbol: sympy.Symbol, rng: random.Random) -> sympy.Rational:
    if symbol.is_integer:
        value = sympy.Integer(rng.randint(1, 9))
    else:
        value = sympy.Rational(rng.randint(1, 2999), rng.randint(101, 997))
    if symbol.is_positive or symbol.is_nonnegative:
        return value
    if symbol.is_negative or symbol.is_nonpositive:
        return -value
    return value if rng.random() < 0.6 else -value


def _points(symbols: list[sympy.Symbol], seed: int, count: int) -> list[dict[sympy.Symbol, sympy.Rational]]:
    rng = random.Random(seed)
    return [{s: _sample(s, rng) for s in symbols} for _ in range(count)]


def _symbols(*exprs: sympy.Expr) -> list[sympy.Symbol]:
    return sorted(set().union(*(e.free_symbols for e in exprs)), key=lambda s: s.name)


def _small_rational_function(expr: sympy.Expr, symbols: list[sympy.Symbol]) -> bool:
    if expr.has(sympy.I, sympy.oo, -sympy.oo) or not expr.is_rational_function(*symbols):
        return False
    if sympy.count_ops(expr) > QUICK_MAX_OPS:
        return False
    for power in expr.atoms(sympy.Pow):
        exp = power.exp
        if not exp.is_Integer or abs(int(exp)) > QUICK_MAX_DEGREE:
            return False
        if power.base.is_Rational and abs(int(exp)) * len(str(power.base)) > 200:
            return False
    return True


def expanded_terms(expr: sympy.Expr, cap: int = 10**9) -> int:
    """An upper bound on the number of terms ``expand`` (and so ``cancel``) can produce.

    A sum has at most the sum of its terms' counts, a product at most the product,
    and a power ``p^n`` of a ``t``-term ``p`` at most ``C(n + t - 1, t - 1)`` (the
    number of monomials of degree ``n`` in ``t`` variables). Negative powers count
    as their positive ones, since ``cancel`` clears denominators. The bound is
    capped at ``cap`` so that estimating it stays cheap.
    """
    if expr.is_Atom:
        return 1
    if expr.is_Add:
        return min(cap, sum(expanded_terms(arg, cap) for arg in expr.args))
    if expr.is_Mul:
        total = 1
        for arg in expr.args:
            total = min(cap, total * expanded_terms(arg, cap))
        return total
    if expr.is_Pow and expr.exp.is_Integer:
        terms = expanded_terms(expr.base, cap)
        power = abs(int(expr.exp))
        if terms == 1:
            return 1
        if power > 200 or terms > 10**6:
            return cap
        return min(cap, math.comb(power + terms - 1, terms - 1))
    return min(cap, sum(expanded_terms(arg, cap) for arg in expr.args) or 1)


def quick_equivalent(a: sympy.Expr, b: sympy.Expr) -> bool | None:
    """The in-process stages (structure, small rational functions); None when undecided.

    Safe to call on hostile input: it only works on bounded rational functions, and
    only cancels when :func:`expanded_terms` bounds the work.
    """
    a, b = _align(a, b)
    if a == b:
        return True
    symbols = _symbols(a, b)
    if not symbols:
        if a.is_Rational and b.is_Rational:
            return False
        return None
    if not (_small_rational_function(a, symbols) and _small_rational_function(b, symbols)):
        return None
    defined = 0
    for point in _points(symbols, 7, POINTS * 2):
        va, vb = a.xreplace(point), b.xreplace(point)
        if not (va.is_Rational and vb.is_Rational):
            continue  # a pole: try another point
        if va != vb:
            return False
        defined += 1
        if defined >= POINTS:
            break
    if defined < POINTS:
        return None
    if expanded_terms(a) + expanded_terms(b) > QUICK_MAX_TERMS:
        return None  # agreement at random points, but proving it costs too much here: the sandbox decides
    return sympy.cancel(a - b) == 0


def _numeric(expr: sympy.Expr, point: dict) -> tuple[sympy.Float, sympy.Float] | None:
    """The value of ``expr`` at ``point`` as arbitrary-precision (real, imaginary) parts, or None if undefined."""
    value = expr.xreplace(point).evalf(_PRECISION)
    if value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) or not value.is_number:
        return None
    re_part, im_part = value.as_real_imag()
    if not (re_part.is_Number and im_part.is_Number):
        return None
    return sympy.Float(re_part, _PRECISION), sympy.Float(im_part, _PRECISION)


def _out_of_range(value: tuple[sympy.Float, sympy.Float]) -> bool:
    size = max(abs(value[0]), abs(value[1]))
    return bool(size > MAX_MAGNITUDE or (size != 0 and size < 1 / MAX_MAGNITUDE))


def _differs(diff: sympy.Expr, point: dict) -> bool | None:
    """Whether ``diff`` is provably nonzero at ``point``; None where it is undefined there.

    ``evalf`` computes a difference to full relative precision, raising its working
    precision through cancellation, so ``(e^{200} + 1) - e^{200}`` is 1 and
    ``e^{-100}`` is 3.7e-44, both accurate; a difference it cannot tell from zero
    comes back with (almost) no significant bits (``0.e-166``), which counts as zero.
    Comparing the two sides' values instead would call any two numbers equal whose
    difference is small next to their size.
    """
    value = diff.xreplace(point).evalf(_PRECISION)
    if value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) or not value.is_number:
        return None
    for part in value.as_real_imag():
        if not part.is_Number:
            return None
        if part != 0 and (not part.is_Float or part._prec >= _SIGNIFICANT_BITS):
            return True
    return False


def decide(a: sympy.Expr, b: sympy.Expr) -> bool | None:
    """All stages, run in the current process (the sandbox worker calls this); ``b`` is the gold side.

    Returns True, False, or None when no stage could decide (both sides undefined
    at every point tried and simplification inconclusive). Raises GoldError when the
    gold's value is beyond :data:`MAX_MAGNITUDE` at a point (it would equal anything).
    """
    quick = quick_equivalent(a, b)
    if quick is not None:
        return quick
    a, b = _align(a, b)
    if a.has(sympy.oo, -sympy.oo, sympy.zoo) or b.has(sympy.oo, -sympy.oo, sympy.zoo):
        return a == b
    diff = a - b
    if diff == 0:
        return True
    symbols = _symbols(a, b)
    agreed = 0
    for point in _points(symbols, 11, POINTS * 3):
        vb = _numeric(b, point)
        if vb is not None and _out_of_range(vb):
            raise GoldError(f"the gold answer's value at a test point is beyond 1e300 in magnitude ({str(b)[:60]})")
        va = _numeric(a, point)
        if va is None or vb is None:
            continue
        if _out_of_range(va):
            return False
        differs = _differs(diff, point)
        if differs is None:
            continue
        if differs:
            return False
        agreed += 1
        if agreed >= (POINTS if symbols else 1):
            break
    if agreed >= (POINTS if symbols else 1):
        return True
    # Too few points where both sides are defined: try exact simplification (bounded by the deadline).
    if expanded_terms(a) + expanded_terms(b) <= 20_000 and sympy.expand(diff) == 0:
        return True
    simplified = sympy.simplify(diff)
    return True if simplified == 0 else None


def equivalent(a: sympy.Expr, b: sympy.Expr, *, deadline: float = DEFAULT_DEADLINE, pool: Any = None) -> bool | None:
    """True if ``a`` and ``b`` are the same function, False if not, None if undecided in time.

    The in-process stages run first; the rest runs in the sandbox ``pool`` (default:
    :func:`~textbook_gym.verifiers.sandbox.default_pool`) with ``deadline`` seconds.
    A worker error (such as hitting its memory limit) is also None: no decision.
    """
    quick = quick_equivalent(a, b)
    if quick is not None:
        return quick
    outcome = _remote(a, b, deadline, pool)
    return outcome.value if outcome.ok else None


def _remote(a: sympy.Expr, b: sympy.Expr, deadline: float, pool: Any):
    if pool is None:
        from textbook_gym.verifiers.sandbox import default_pool

        pool = default_pool()
    return pool.call(decide, a, b, deadline=deadline)


def _equal_or_timeout(deadline: float, pool: Any):
    def equal(value: sympy.Expr, gold: sympy.Expr) -> bool:
        quick = quick_equivalent(value, gold)
        if quick is not None:
            return quick
        outcome = _remote(value, gold, deadline, pool)
        if is_gold_error(outcome):
            raise GoldError(outcome.error.partition(": ")[2])
        if outcome.kind == "timeout":
            raise VerificationTimeout(f"symbolic equivalence undecided within {deadline:g} s")
        if not outcome.ok:
            raise VerificationTimeout(f"symbolic equivalence failed in the sandbox ({outcome.error[:120]})")
        if outcome.value is None:
            raise VerificationTimeout("symbolic equivalence could not be decided")
        return bool(outcome.value)

    return equal


def is_gold_error(outcome: Any) -> bool:
    """Whether a sandbox outcome is :func:`decide` refusing the gold (an ERROR verdict, not a TIMEOUT)."""
    return outcome.kind == "error" and outcome.error.split(":", 1)[0].endswith("GoldError")


def _same(a: sympy.Expr, b: sympy.Expr) -> bool:
    return quick_equivalent(a, b) is True


def check_symbolic(
    response: str,
    gold_expr: sympy.Expr | str,
    *,
    variables: Any = None,
    deadline: float = DEFAULT_DEADLINE,
    pool: Any = None,
) -> Verdict:
    """Verify a response whose answer is an expression equivalent to ``gold_expr``.

    ``gold_expr`` may be a sympy expression or text in the parser's grammar. The
    gold's multi-letter symbol names are declared automatically; pass ``variables``
    to declare more. Undecided in ``deadline`` seconds gives a TIMEOUT verdict.

    >>> check_symbolic("\\\\boxed{(x+1)^2}", "x^2 + 2x + 1").status.value
    'CORRECT'
    >>> check_symbolic("\\\\boxed{x^2 + 1}", "x^2 + 2x + 1").status.value
    'INCORRECT'
    >>> check_symbolic("\\\\boxed{__import__('os')}", "x").status.value
    'UNPARSEABLE'
    """
    from textbook_gym.verifiers.symbolic import parse_expression

    names = set(variables or ())
    if isinstance(gold_expr, str):
        gold_expr = parse_expression(gold_expr, variables=names)
    names.update(s.name for s in gold_expr.free_symbols)
    frozen = frozenset(names)
    return check_answer(
        response,
        gold_expr,
        lambda span: parse_expression(span, variables=frozen),
        equal=_equal_or_timeout(deadline, pool),
        same=_same,
    )
