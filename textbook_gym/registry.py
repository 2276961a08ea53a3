"""Family registry and Gymnasium registration.

Families register themselves with :func:`register_family` when their module is
imported. :func:`load_builtin_families` imports every module of
``textbook_gym.envs`` (adding a family is adding one module), and
:func:`load_plugins` loads third-party families from the entry-point group
``textbook_gym.families``: Gymnasium 1.x has no plugin loader of its own.
Each family becomes the Gymnasium id ``textbook/<Name>-v<version>``.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from importlib.metadata import entry_points
from typing import TypeVar

import gymnasium as gym

from textbook_gym.family import Family

logger = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "textbook_gym.families"
ENV_ENTRY_POINT = "textbook_gym.env:TextbookEnv"

_FAMILIES: dict[str, Family] = {}

F = TypeVar("F", bound=type)


def register_family(family: type[Family] | Family | None = None, *, replace: bool = False):
    """Register a family class or instance; usable as a bare class decorator.

    Registering also registers the Gymnasium id ``textbook/<name>-v<version>`` whose
    entry point is :class:`textbook_gym.env.TextbookEnv` with ``family=<name>``.
    """

    def _register(obj):
        instance = obj() if isinstance(obj, type) else obj
        if not isinstance(instance, Family):
            raise TypeError(
                f"{obj!r} is not a textbook_gym Family; subclass textbook_gym.Family and "
                "implement generate, worked_solution, exposition and verify"
            )
        name = instance.name
        if name in _FAMILIES and not replace and type(_FAMILIES[name]) is not type(instance):
            raise ValueError(
                f"a family named {name!r} is already registered ({_FAMILIES[name]!r}); "
                "pick another name or pass replace=True"
            )
        _FAMILIES[name] = instance
        env_id = instance.env_id
        if env_id not in gym.registry or replace:
            gym.register(id=env_id, entry_point=ENV_ENTRY_POINT, kwargs={"family": name})
        return obj

    if family is None:
        return _register
    return _register(family)


def get_family(name: str) -> Family:
    """The registered family called ``name`` (also accepts ``Name-vN`` and env ids)."""
    load_builtin_families()
    key = name.removeprefix("textbook/")
    if key in _FAMILIES:
        return _FAMILIES[key]
    base, _, version = key.rpartition("-v")
    if base in _FAMILIES and version.isdigit() and _FAMILIES[base].version == int(version):
        return _FAMILIES[base]
    from textbook_gym.errors import unknown_name

    if not isinstance(name, str):
        raise TypeError(f"a family is named by a string (a name or env id), got {type(name).__name__}")
    choices = [*_FAMILIES, *(f.env_id for f in _FAMILIES.values())]
    raise unknown_name("family" if "/" not in name else "env id", name, choices,
                       "see `textbook-gym list` for all of them")


def list_families() -> list[str]:
    """Names of all registered families, sorted."""
    load_builtin_families()
    return sorted(_FAMILIES)


def list_env_ids() -> list[str]:
    return [get_family(name).env_id for name in list_families()]


_builtins_loaded = False


def load_builtin_families() -> None:
    """Import every module in ``textbook_gym.envs`` so that its families register."""
    global _builtins_loaded
    if _builtins_loaded:
        return
    _builtins_loaded = True
    package = importlib.import_module("textbook_gym.envs")
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{package.__name__}.{info.name}")


_plugins_loaded = False


def load_plugins() -> list[str]:
    """Load third-party families from the ``textbook_gym.families`` entry points.

    An entry point may name a Family subclass, a Family instance, or a module whose
    import registers families. A plugin that fails is logged and skipped: one broken
    package must not break ``import textbook_gym``. Returns the loaded entry names.
    """
    global _plugins_loaded
    if _plugins_loaded:
        return []
    _plugins_loaded = True
    loaded = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj = ep.load()
            if isinstance(obj, Family) or (isinstance(obj, type) and issubclass(obj, Family)):
                register_family(obj)
            loaded.append(ep.name)
        except Exception as exc:  # noqa: BLE001 - a plugin may fail in any way
            logger.warning(
                "textbook_gym: skipping family plugin %r (%s) because it failed to load: %s: %s. "
                "Fix or uninstall the package that provides it.",
                ep.name,
                ep.value,
                type(exc).__name__,
                exc,
            )
    return loaded
