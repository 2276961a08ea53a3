"""The package's layers hold and no import cycle comes back.

Layers, lowest first: the core (``textbook_gym``), the verifiers, the families
(``envs``), then agents, integrations and distributed. A module imports (at module
level) only from its own layer or below; imports inside functions are how an upper
layer is reached lazily and are not counted. The import graph at module level has no
cycle, the package's own ``__init__`` aside (a module importing the package it
belongs to is allowed only through leaf modules such as ``textbook_gym._version``).
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import pkgutil
from pathlib import Path

PACKAGES = ("textbook_gym", "textbook_gym.envs", "textbook_gym.verifiers", "textbook_gym.agents")
UPPER = ("textbook_gym.agents", "textbook_gym.integrations", "textbook_gym.distributed")


def _modules() -> list[str]:
    found, packages = set(), list(PACKAGES)
    while packages:
        name = packages.pop()
        found.add(name)
        for info in pkgutil.iter_modules(importlib.import_module(name).__path__, name + "."):
            if info.ispkg:
                packages.append(info.name)
            else:
                found.add(info.name)
    return sorted(found)


def _graph() -> dict[str, set[str]]:
    modules = set(_modules())
    graph = {}
    for name in modules:
        origin = importlib.util.find_spec(name).origin
        tree = ast.parse(Path(origin).read_text(encoding="utf-8"))
        deps = set()
        for node in tree.body:  # module level only: lazy imports inside functions are the escape hatch
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("textbook_gym"):
                deps.add(node.module)
                deps.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                deps.update(alias.name for alias in node.names if alias.name.startswith("textbook_gym"))
        graph[name] = {dep for dep in deps if dep in modules and dep != name}
    return graph


def _layer(name: str) -> int:
    """3: agents, integrations, distributed; 2: the families; 1: the verifiers; 0: the core."""
    if name.startswith(UPPER):
        return 3
    if name.startswith("textbook_gym.envs"):
        return 2
    if name.startswith("textbook_gym.verifiers"):
        return 1
    return 0


# The core's environment and data-set modules stand on the verifiers they run (a verdict needs a
# verifier); everything else in the core stays below them. No core module reaches the families or the
# upper layers at module level.
CORE_ON_VERIFIERS = ("textbook_gym.env", "textbook_gym.custom", "textbook_gym.family", "textbook_gym.evaluate",
                     "textbook_gym.export", "textbook_gym.cli", "textbook_gym.splits", "textbook_gym.registry")


def _allowed(name: str, dep: str) -> bool:
    if _layer(dep) <= _layer(name):
        return True
    if name == "textbook_gym":  # the package's __init__ re-exports the public API
        return _layer(dep) <= 2
    return _layer(name) == 0 and _layer(dep) == 1 and name in CORE_ON_VERIFIERS


def test_no_import_cycle():
    graph = _graph()
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                return path + [node, dep]
            if dep not in state:
                cycle = visit(dep, path + [node])
                if cycle:
                    return cycle
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            cycle = visit(start, [])
            assert cycle is None, " -> ".join(cycle)


def test_layers_import_only_downwards():
    graph = _graph()
    upward = [
        f"{name} imports {dep}"
        for name, deps in graph.items()
        for dep in deps
        if not _allowed(name, dep)
    ]
    assert upward == [], upward
