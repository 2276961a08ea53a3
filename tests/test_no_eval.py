"""No library code hands text to eval/exec/sympify/parse_expr (or lambdify, which uses exec).

An AST scan of every package directory. A call on a vetted path that never sees
model text may stay if its line carries a ``# safe: <why>`` comment.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["textbook_gym", "verifiers", "envs", "agents"]
FORBIDDEN = frozenset({"eval", "exec", "sympify", "parse_expr", "lambdify", "parse_latex"})


def forbidden_calls(source: str) -> list[tuple[int, str]]:
    """(line, name) of every call to a forbidden function not marked ``# safe:``."""
    tree = ast.parse(source)
    lines = source.splitlines()
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        takes_input = bool(node.args or node.keywords)  # torch's model.eval() takes none
        if name in FORBIDDEN and takes_input and "# safe:" not in lines[node.lineno - 1]:
            found.append((node.lineno, name))
        # sympy.S("...") is sympify in disguise
        if name == "S" and node.args and not isinstance(node.args[0], ast.Constant | ast.Name | ast.Attribute):
            if "# safe:" not in lines[node.lineno - 1]:
                found.append((node.lineno, "S"))
    return found


def _sources() -> list[Path]:
    return sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py") if ".venv" not in p.parts)


def test_scanner_catches_every_form():
    source = "import sympy\nsympy.sympify(t)\neval(t)\nexec(t)\nfrom sympy.parsing.sympy_parser import parse_expr\nparse_expr(t)\n"
    assert [name for _, name in forbidden_calls(source)] == ["sympify", "eval", "exec", "parse_expr"]
    assert forbidden_calls("eval('1')  # safe: constant, no model text\n") == []
    assert forbidden_calls("model.eval()\n") == []


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_forbidden_calls(path):
    found = forbidden_calls(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(ROOT)} calls {found}; use textbook_gym.verifiers.parse_expression instead"
