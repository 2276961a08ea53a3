"""The LaTeX fallback: ``latex2sympy2_extended`` (an ANTLR parser), only inside the sandbox.

The project's own parser (:mod:`~textbook_gym.verifiers.symbolic`) reads the LaTeX
that answers usually contain. For the rest (``\\begin{cases}``, unusual macros)
``latex2sympy2_extended`` is a far broader reader, but it evaluates what it builds
(``9^{9^{9^{9}}}`` never returns) and calls ``sympify`` internally. So it never runs
in the verifying process: :func:`latex_decide` is shipped to a sandbox worker,
which the parent kills when the deadline passes.

It needs the ``latex`` extra (``pip install textbook-gym[latex]``); without it the
fallback reports an error and the verdict is UNPARSEABLE or ERROR, never a crash.
"""

from __future__ import annotations

from typing import Any

import sympy

from textbook_gym.verifiers.errors import ParseError


def latex_to_sympy(text: str) -> Any:
    """Convert LaTeX with latex2sympy2_extended. Call only inside a sandbox worker."""
    try:
        from latex2sympy2_extended import latex2sympy
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise ParseError("LaTeX fallback unavailable: install textbook-gym[latex]") from exc
    try:
        value = latex2sympy(text)
    except Exception as exc:  # noqa: BLE001 - the ANTLR parser raises many types
        raise ParseError(f"LaTeX could not be read ({type(exc).__name__})") from None
    if isinstance(value, (list, tuple)):
        value = sympy.FiniteSet(*value) if len(value) != 1 else value[0]
    if isinstance(value, sympy.MatrixExpr) and not isinstance(value, sympy.MatrixBase):
        value = value.doit()  # a sum or product of matrices is compared by its result (in the sandbox)
    return value


def latex_decide(gold: Any, response: Any) -> tuple[str, bool | None]:
    """Parse whichever side is still text, then compare. Runs in a sandbox worker.

    Returns ``("ok", decision)``, or ``("unparseable", None)`` when the response
    cannot be read, or ``("gold", None)`` when the gold cannot.
    """
    from textbook_gym.verifiers.equivalence import decide

    try:
        gold_value = latex_to_sympy(gold) if isinstance(gold, str) else gold
    except ParseError:
        return "gold", None
    try:
        value = latex_to_sympy(response) if isinstance(response, str) else response
    except ParseError:
        return "unparseable", None
    if isinstance(gold_value, sympy.Expr) and isinstance(value, sympy.Expr):
        return "ok", decide(value, gold_value)
    try:
        return "ok", bool(gold_value == value)
    except Exception:  # noqa: BLE001 - exotic sympy objects may refuse comparison
        return "ok", False
