"""Comparing a response value with a gold value (both from :mod:`~textbook_gym.verifiers.values`).

:func:`compare` returns True, False, or None when the decision needs the sandbox
and ``remote`` is off (or the sandbox could not decide). The rules, by type:

* numbers: exact. A percentage on one side only also matches its fraction
  (``25\\%`` = ``0.25``); units on both sides are converted (``5 cm`` = ``50 mm``;
  different dimensions never match); a degree sign on one side converts radians
  (``30^\\circ`` = ``\\frac{\\pi}{6}``). *Rounding rule*: a decimal with ``d`` places
  in a response matches an exact gold that is not itself a terminating decimal of at most ``d``
  places (``\\frac{1}{3}``, ``\\sqrt{2}``, ``\\pi``) when the exact value rounds to it
  at ``d`` places and the decimal states at least ``precision`` significant digits
  (default 3; ``precision=None`` turns the rule off). So ``0.333`` matches
  ``\\frac{1}{3}`` but ``0.33`` does not, and ``2.0000001`` never matches ``2``;
* pairs ``(a, b)``/``[a, b]``: the brackets must agree; against an interval or an
  inequality, a pair is read as the interval it writes (unless the question asks for
  a point), so ``(0, 1)`` matches ``0 < x < 1`` but never ``[0, 1]``;
* ``\\{..\\}`` sets never match pairs or tuples; loose lists ("or", ``\\pm``, bare
  commas) match sets in any order and tuples in order; a one-item list matches its item;
* ``x = 5`` matches ``5`` (the names must agree when both sides name a variable);
  equations match when proportional; relations when positively proportional;
* matrices match element-wise; a one-row or one-column matrix also matches a tuple;
* ``204_5`` matches ``204_5``, ``204_{5}`` and a bare ``204`` (not the decimal 54);
* text matches normalized text; a numeric gold read as a number word matches.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import sympy

from textbook_gym.verifiers.equivalence import quick_equivalent
from textbook_gym.verifiers.errors import ParseError, VerificationTimeout
from textbook_gym.verifiers.units import convert
from textbook_gym.verifiers.values import (
    Assign,
    Base,
    Equation,
    Expr,
    Interval,
    Items,
    Latex,
    Matrix,
    Num,
    Raw,
    Relation,
    Text,
    as_sympy,
)


def compare(a: Any, gold: Any, options: dict[str, Any], remote: bool) -> bool | None:
    """Response value ``a`` against ``gold``; see the module docstring."""
    if isinstance(a, Assign) or isinstance(gold, Assign):
        return _assign(a, gold, options, remote)
    if isinstance(a, Items) and len(a.items) == 1 and a.kind in ("loose", "set") and not isinstance(gold, Items):
        return compare(a.items[0], gold, options, remote)
    if isinstance(gold, Items) and len(gold.items) == 1 and gold.kind in ("loose", "set") and not isinstance(a, Items):
        return compare(a, gold.items[0], options, remote)
    if isinstance(a, Num) and isinstance(gold, Num):
        return _numbers(a, gold, options)
    if isinstance(a, (Num, Expr)) and isinstance(gold, (Num, Expr)):
        return _expressions(a, gold, options, remote)
    if isinstance(a, Items) and isinstance(gold, Items):
        return _lists(a, gold, options, remote)
    if isinstance(a, (Items, Interval)) and isinstance(gold, (Items, Interval)):
        return _intervals(a, gold, options)
    if isinstance(a, Raw) or isinstance(gold, Raw):
        return isinstance(a, Raw) and isinstance(gold, Raw) and a.text == gold.text
    if isinstance(a, Matrix) or isinstance(gold, Matrix):
        if isinstance(a, Latex) or isinstance(gold, Latex):
            return _latex(a, gold, options, remote)
        return _matrices(a, gold, options, remote)
    if isinstance(a, Equation) and isinstance(gold, Equation):
        return _proportional(a.expr, gold.expr, positive=False)
    if isinstance(a, Relation) and isinstance(gold, Relation):
        if a.op != gold.op:
            return False
        return _proportional(a.expr, gold.expr, positive=a.op != "!=")
    if isinstance(gold, Base) or isinstance(a, Base):
        return _bases(a, gold)
    if isinstance(a, Text) and isinstance(gold, Text):
        return _text(a.text) == _text(gold.text) or _names(a.text) == _names(gold.text) != [gold.text]
    if isinstance(a, Latex) or isinstance(gold, Latex):
        return _latex(a, gold, options, remote)
    return False


def _names(text: str) -> list:
    """The items of a word list in any order: "devon and sam" -> ["devon", "sam"]."""
    return sorted(part.strip() for part in text.replace(" and ", ",").split(",") if part.strip())


def _text(text: str) -> str:
    return text[1:-1] if len(text) == 3 and text[0] == "(" and text[2] == ")" else text


def _assign(a: Any, gold: Any, options: dict[str, Any], remote: bool) -> bool | None:
    if isinstance(a, Assign) and isinstance(gold, Assign):
        if _name(a.name) != _name(gold.name):
            return False
        return compare(a.value, gold.value, options, remote)
    if isinstance(gold, Equation) and isinstance(a, Assign):
        return _equation_of(a, gold, options)
    if isinstance(a, Equation) and isinstance(gold, Assign):
        return _equation_of(gold, a, options)
    if isinstance(a, Assign):
        return compare(a.value, gold, options, remote)
    return compare(a, gold.value, options, remote)


def _name(name: str) -> str:
    return name.replace("{", "").replace("}", "")


def _equation_of(assign: Assign, equation: Equation, options: dict[str, Any]) -> bool | None:
    from textbook_gym.verifiers.symbolic import parse_expression

    if not isinstance(assign.value, (Num, Expr)):
        return False
    try:
        name = parse_expression(assign.name)
    except ParseError:
        return False
    return _proportional(name - as_sympy(assign.value), equation.expr, positive=False)


def _proportional(a: Any, b: Any, *, positive: bool) -> bool | None:
    from textbook_gym.verifiers.relations import proportional

    k = proportional(a, b)
    if k is None:
        return False if quick_equivalent(a, b) is not True else True
    return k > 0 if positive else k != 0


def _numbers(a: Num, gold: Num, options: dict[str, Any]) -> bool:
    x, y = a.value, gold.value
    if a.unit and gold.unit and a.unit != gold.unit:
        converted = convert(x, a.unit, gold.unit)
        if converted is None:
            return False
        x = converted
    if options.get("rel_tol") or options.get("abs_tol"):
        from textbook_gym.verifiers.numbers import real_close

        if real_close(x, y, rel_tol=options["rel_tol"], abs_tol=options["abs_tol"]):
            return True
    if x == y:
        return True
    if a.percent != gold.percent and (x / 100 == y if a.percent else x == y / 100):
        return True
    return _rounded(a, x, gold, y, options)


def _terminates_within(value: Fraction, places: int) -> bool:
    return (value * 10**places).denominator == 1


def _rounded(decimal: Num, d: Fraction, exact: Num, e: Fraction, options: dict[str, Any]) -> bool:
    """The rounding rule of the module docstring, for a rational exact side."""
    precision = options.get("precision")
    places = decimal.places
    if precision is None or not places or exact.places is not None or _terminates_within(e, places):
        return False
    if _significant(d, places) < precision:
        return False
    return _round(e, places) == d


def _significant(d: Fraction, places: int) -> int:
    digits = str(abs(d.numerator * 10**places // d.denominator))
    return len(digits.lstrip("0"))


def _round(value: Fraction, places: int) -> Fraction:
    scaled = value * 10**places
    return Fraction(math.floor(scaled + Fraction(1, 2)), 10**places)


def _expressions(a: Any, gold: Any, options: dict[str, Any], remote: bool) -> bool | None:
    sa, sg = as_sympy(a), as_sympy(gold)
    if sa.is_Symbol and sg.is_Symbol and sg.name in "ABCD" and sa.name.upper() == sg.name:
        return True  # an option letter in lower case: "(c)" answers "(C)"
    if a.degree != gold.degree:
        radians = sympy.pi / 180
        if a.degree:
            sa = sa * radians
        else:
            sg = sg * radians
    if isinstance(a, Num) and a.places and options.get("precision") is not None and a.degree == gold.degree:
        if not sg.free_symbols:
            return _rounded_remote(sg, a, options, remote)
    if _small_polynomial(sa) and _small_polynomial(sg):
        by_name = {sym.name: sym for sym in sg.free_symbols}
        sa = sa.xreplace({sym: by_name[sym.name] for sym in sa.free_symbols if sym.name in by_name})
        if len(sa.free_symbols | sg.free_symbols) <= MAX_POLY_SYMBOLS:
            return sympy.expand(sa - sg) == 0  # bounded: total degree and symbol count are small
    quick = quick_equivalent(sa, sg)
    if quick is not None or not remote:
        return quick
    return _sandbox(sa, sg, options)


MAX_POLY_DEGREE = 16
"""Largest total degree expanded in process by the polynomial fast path."""
MAX_POLY_SYMBOLS = 3
"""Most symbols in the polynomial fast path (at most C(19, 3) = 969 terms after expansion)."""


def _small_polynomial(expr: Any) -> bool:
    if not expr.free_symbols or sympy.count_ops(expr) > 60:
        return False
    degree = _degree(expr)
    return degree is not None and degree <= MAX_POLY_DEGREE


def _degree(expr: Any) -> int | None:
    """Total degree of a polynomial built from +, *, and small non-negative integer powers; None otherwise."""
    if expr.is_Symbol:
        return 1
    if expr.is_Rational:
        return 0 if abs(expr.p) < 10**12 and expr.q < 10**12 else None
    if expr.is_Add or expr.is_Mul:
        parts = [_degree(arg) for arg in expr.args]
        if None in parts:
            return None
        return max(parts) if expr.is_Add else sum(parts)
    if expr.is_Pow and expr.exp.is_Integer and 0 <= int(expr.exp) <= MAX_POLY_DEGREE:
        base = _degree(expr.base)
        return None if base is None else base * int(expr.exp)
    return None


def _rounded_remote(exact: Any, decimal: Num, options: dict[str, Any], remote: bool) -> bool | None:
    if _significant(decimal.value, decimal.places or 0) < options["precision"]:
        return False
    from textbook_gym.verifiers.rounding import cheap_constant, rounds_to

    if cheap_constant(exact):  # bounded: small closed forms evaluate in microseconds
        return rounds_to(exact, decimal.value.numerator, decimal.value.denominator, decimal.places or 0)
    if not remote:
        return None
    outcome = _pool(options).call(
        rounds_to, exact, decimal.value.numerator, decimal.value.denominator, decimal.places,
        deadline=options["deadline"],
    )
    if outcome.ok and outcome.value is not None:
        return bool(outcome.value)
    raise _undecided(outcome, options)


def _lists(a: Items, gold: Items, options: dict[str, Any], remote: bool) -> bool | None:
    kinds = {a.kind, gold.kind}
    if len(a.items) != len(gold.items):
        return False
    if kinds == {"set"} or kinds == {"loose"} or kinds == {"set", "loose"}:
        return _unordered(a.items, gold.items, options, remote)
    if "set" in kinds:
        return False  # a set is never an ordered pair or tuple
    if kinds == {"pair"} and a.brackets != gold.brackets:
        return False  # (0, 1) and [0, 1] differ as points and as intervals
    return _ordered(a.items, gold.items, options, remote)


def _ordered(items: tuple, gold_items: tuple, options: dict[str, Any], remote: bool) -> bool | None:
    undecided = False
    for x, y in zip(items, gold_items):
        result = compare(x, y, options, remote)
        if result is False:
            return False
        undecided = undecided or result is None
    return None if undecided else True


def _unordered(items: tuple, gold_items: tuple, options: dict[str, Any], remote: bool) -> bool | None:
    remaining = list(gold_items)
    for item in items:
        for index, candidate in enumerate(remaining):
            if compare(item, candidate, options, remote):
                del remaining[index]
                break
        else:
            return False
    return True


def _as_interval(value: Any) -> Any:
    if isinstance(value, Interval):
        return value.set
    if isinstance(value, Items) and value.kind == "pair" and all(isinstance(v, (Num, Expr)) for v in value.items):
        low, high = (as_sympy(v) for v in value.items)
        if not (low.is_real is not False and high.is_real is not False) or low.free_symbols or high.free_symbols:
            return None
        if (high - low).is_positive is not True:
            return None
        return sympy.Interval(low, high, left_open=value.brackets[0] == "(", right_open=value.brackets[1] == ")")
    return None


def _intervals(a: Any, gold: Any, options: dict[str, Any]) -> bool:
    if options.get("context") == "point" and (isinstance(a, Items) or isinstance(gold, Items)):
        return False
    sa, sg = _as_interval(a), _as_interval(gold)
    if sa is None or sg is None:
        return False
    if sa == sg:
        return True
    return _rounded_intervals(sa, sg, options)


def _pieces(value: Any) -> list | None:
    if isinstance(value, sympy.Interval):
        return [value]
    if isinstance(value, sympy.Union) and all(isinstance(p, sympy.Interval) for p in value.args):
        return sorted(value.args, key=lambda p: float(p.start) if p.start.is_finite else -math.inf)
    return None


def _rounded_intervals(a: Any, gold: Any, options: dict[str, Any]) -> bool:
    """Same brackets, endpoints equal under the rounding rule (``(0.6, 2.667]`` for ``(3/5, 8/3]``)."""
    pa, pg = _pieces(a), _pieces(gold)
    if pa is None or pg is None or len(pa) != len(pg) or options.get("precision") is None:
        return False
    for x, y in zip(pa, pg):
        if (x.left_open, x.right_open) != (y.left_open, y.right_open):
            return False
        for ex, ey in ((x.start, y.start), (x.end, y.end)):
            if ex == ey:
                continue
            if not (ex.is_Rational and ey.is_Rational):
                return False
            decimal = Num(Fraction(int(ex.p), int(ex.q)), _places(ex))
            if decimal.places is None or not _rounded(decimal, decimal.value, Num(Fraction(int(ey.p), int(ey.q))),
                                                      Fraction(int(ey.p), int(ey.q)), options):
                return False
    return True


def _places(value: Any) -> int | None:
    for places in range(1, 13):
        if (value * 10**places).is_Integer:
            return places
    return None


def _matrices(a: Any, gold: Any, options: dict[str, Any], remote: bool) -> bool | None:
    if isinstance(a, Matrix) and isinstance(gold, Matrix):
        if len(a.rows) != len(gold.rows) or len(a.rows[0]) != len(gold.rows[0]):
            return False
        return _ordered(tuple(v for row in a.rows for v in row), tuple(v for row in gold.rows for v in row),
                        options, remote)
    matrix, other = (a, gold) if isinstance(a, Matrix) else (gold, a)
    if not isinstance(other, Items) or other.kind == "set":
        return False
    if len(matrix.rows) == 1:
        flat = matrix.rows[0]
    elif all(len(row) == 1 for row in matrix.rows):
        flat = tuple(row[0] for row in matrix.rows)
    else:
        return False
    if len(flat) != len(other.items):
        return False
    return _ordered(flat, other.items, options, remote) if matrix is a else _ordered(other.items, flat, options, remote)


def _bases(a: Any, gold: Any) -> bool:
    if isinstance(a, Base) and isinstance(gold, Base):
        return int(a.digits, a.base) == int(gold.digits, gold.base) and (a.base == gold.base or a.digits != gold.digits)
    based, other = (gold, a) if isinstance(gold, Base) else (a, gold)
    if isinstance(other, Num) and other.value.denominator == 1 and other.value >= 0:
        return str(other.value.numerator) == based.digits
    if isinstance(other, Text):
        return other.text.upper() == based.digits
    return False


def _latex_side(value: Any) -> Any:
    if isinstance(value, Latex):
        return value.text
    if isinstance(value, Matrix):
        return value.source
    return as_sympy(value)


def _latex(a: Any, gold: Any, options: dict[str, Any], remote: bool) -> bool | None:
    if not all(isinstance(v, (Latex, Num, Expr, Matrix)) for v in (a, gold)):
        return False
    if any(isinstance(v, Matrix) and not v.source for v in (a, gold)):
        return False
    if isinstance(a, Latex) and isinstance(gold, Latex) and "".join(a.text.split()) == "".join(gold.text.split()):
        return True  # the same LaTeX, spacing aside: no need to read it
    if not remote:
        return None
    from textbook_gym.verifiers.latex import latex_decide

    left, right = _latex_side(a), _latex_side(gold)
    outcome = _pool(options).call(latex_decide, right, left, deadline=options["deadline"])
    if not outcome.ok:
        raise _undecided(outcome, options)
    status, decision = outcome.value
    if status == "unparseable":
        raise ParseError("the answer is neither a number nor an expression this verifier can read")
    if status == "gold":
        raise RuntimeError("the gold answer could not be parsed; check the data set entry")
    if decision is None:
        raise VerificationTimeout("equivalence could not be decided")
    return bool(decision)


def _sandbox(a: Any, gold: Any, options: dict[str, Any]) -> bool:
    from textbook_gym.verifiers.equivalence import decide

    outcome = _pool(options).call(decide, a, gold, deadline=options["deadline"])
    if outcome.ok and outcome.value is not None:
        return bool(outcome.value)
    raise _undecided(outcome, options)


def _undecided(outcome: Any, options: dict[str, Any]) -> Exception:
    """The exception for a sandbox outcome that decided nothing: the gold refused (ERROR) or a TIMEOUT."""
    from textbook_gym.verifiers.equivalence import is_gold_error
    from textbook_gym.verifiers.errors import GoldError

    if is_gold_error(outcome):  # a gold beyond every magnitude would equal anything: the data set is at fault
        return GoldError(outcome.error.partition(": ")[2])
    return VerificationTimeout(_why(outcome, options))


def _why(outcome: Any, options: dict[str, Any]) -> str:
    if outcome.kind == "timeout":
        return f"equivalence undecided within {options['deadline']:g} s"
    if outcome.kind == "ok":
        return "equivalence could not be decided"
    return f"the sandbox could not decide ({str(outcome.error)[:120]})"


def _pool(options: dict[str, Any]) -> Any:
    if options.get("pool") is not None:
        return options["pool"]
    from textbook_gym.verifiers.sandbox import default_pool

    return default_pool()
