"""Every runnable example in a docstring runs: the documentation cannot drift from the code.

Each module of the package is imported and its ``>>>`` examples are run with
:mod:`doctest`. A module that needs an optional extra which is not installed is
reported as skipped with the missing package named, never silently passed.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest


def _modules() -> list[str]:
    """Every module under textbook_gym, including the subpackages installed from other folders (envs/, ...)."""
    found, packages = set(), ["textbook_gym", "textbook_gym.envs", "textbook_gym.verifiers", "textbook_gym.agents"]
    while packages:
        name = packages.pop()
        found.add(name)
        package = importlib.import_module(name)
        for info in pkgutil.iter_modules(package.__path__, name + "."):
            if info.ispkg:
                packages.append(info.name)
            elif not info.name.endswith("__main__"):
                found.add(info.name)
    return sorted(found)


MODULES = _modules()


def _examples(module) -> int:
    return sum(len(test.examples) for test in doctest.DocTestFinder().find(module))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    try:
        module = importlib.import_module(name)
    except ImportError as exc:  # an optional extra (ray, openenv, ...) that this environment lacks
        pytest.skip(f"{name} needs {exc.name or exc}")
    if _examples(module) == 0:
        return
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {name} failed (run: python -m doctest -v)"


def test_the_verify_math_examples_are_collected():
    from textbook_gym.verifiers import mathanswer

    assert _examples(mathanswer) >= 20
