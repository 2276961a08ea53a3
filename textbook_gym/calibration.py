"""Difficulty calibration: measured pass rates per level for reference models.

``textbook-gym calibrate`` evaluates a model on every level of some families and
merges the results into a calibration file: ``./calibration.json`` (:data:`USER_PATH`)
or ``--out FILE``; only ``--update-shipped`` writes the one shipped with the package,
``textbook_gym/data/calibration.json`` (:data:`DEFAULT_PATH`), which the readers below
use by default. Trainers read it to choose levels
whose expected success rate sits in a target band, where learning signal is
richest (a level nobody solves or everybody solves gives GRPO no variance)::

    {"models": {name: {"meta": {"model", "backend", "textbook_gym_version", "seed",
                                "settings": {"attempts", "feedback", "open_book", "samples",
                                             "temperature", "max_tokens"}},
                       "results": {env_id: {level: {"pass@1", "n", "ci95": [lo, hi]}}}}}}

Levels are string keys (JSON); the file is written with sorted keys, so the same
measurements give the same bytes. Results are keyed by env id: an entry for an
earlier version of a family (``textbook/Arithmetic-v0`` once ``-v1`` ships) is the
record of that version and stays; the current version counts as not measured until a
calibration run covers it. ``textbook-gym list --calibration`` shows the file as one
table per model (:func:`table`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textbook_gym.files import write_text_atomic

DEFAULT_PATH = Path(__file__).with_name("data") / "calibration.json"
"""The calibration file shipped with the package (read by default; written only when asked)."""
USER_PATH = Path("calibration.json")
"""Where ``textbook-gym calibrate`` writes without ``--out``: the current directory."""
LEVELS = range(1, 11)
SETTINGS = ("attempts", "feedback", "open_book", "samples", "temperature", "max_tokens")
"""Evaluation settings that change what a pass rate means; one calibration name keeps one set."""
NOT_MEASURED = "not measured for this version"
"""What :func:`table` says for a family whose current env id a model has no results for."""


# --------------------------------------------------------------------------- the file
def load(path: str | Path = DEFAULT_PATH) -> dict[str, Any]:
    """The calibration file's content (``{"models": {}}`` if the file does not exist)."""
    path = Path(path)
    if not path.exists():
        return {"models": {}}
    return json.loads(path.read_text())


def check_file(path: str | Path, flag: str = "--out") -> None:
    """Raise a UsageError unless ``path`` is absent or a calibration file (checked before any evaluation).

    ``flag`` is the option that named the file, for the message's fix.
    """
    from textbook_gym.errors import UsageError

    path = Path(path)
    if not path.exists():
        return
    try:
        data = json.loads(path.read_text())
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path} exists but is not a calibration file ({type(exc).__name__}: "
                         f"{str(exc).splitlines()[0] if str(exc) else ''}); give another {flag}") from None
    if not (isinstance(data, dict) and isinstance(data.get("models"), dict)):
        raise UsageError(f"{path} exists but is not a calibration file (no \"models\" mapping); give another {flag}")


def record(report: Any, name: str, path: str | Path, *, replace: bool = False) -> Path:
    """Merge an EvalReport's pass@1, n and 95% interval per level into the file under ``name``.

    Results of other env ids recorded under ``name`` stay; ``replace`` drops them first
    (a fresh calibration of a retrained model). ``path`` has no default: pass
    :data:`DEFAULT_PATH` on purpose to update the shipped file. Merging a run whose settings (attempts,
    temperature, max_tokens ...) differ from those already recorded under ``name`` is
    refused, because the pass rates would not be comparable.
    """
    check_name(name)
    path = Path(path)
    data = load(path)
    config = report.meta["config"]
    settings = {key: config[key] for key in SETTINGS}
    entry = data["models"].get(name)
    if entry is not None and not replace and entry["meta"].get("settings") != settings:
        raise ValueError(
            f"calibration {name!r} in {path} was measured with {entry['meta'].get('settings')}, this run with "
            f"{settings}; use the same settings, another --name, or replace the entry (--replace)"
        )
    if entry is None or replace:
        entry = data["models"][name] = {"meta": {}, "results": {}}
    entry["meta"] = {key: report.meta[key] for key in ("model", "backend", "textbook_gym_version")} | {
        "seed": config["seed"], "settings": settings}
    for env_id, levels in report.results.items():
        rows = entry["results"].setdefault(env_id, {})
        for level, row in levels.items():
            rows[str(level)] = {"pass@1": round(row["pass@1"], 4), "n": int(row["n"]),
                                "ci95": [round(float(v), 4) for v in row["ci95"]]}
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, json.dumps(data, indent=1, sort_keys=True) + "\n")
    return path


def results(model: str, env_id: str, path: str | Path = DEFAULT_PATH) -> dict[int, dict[str, Any]]:
    """``{level: {"pass@1", "n", "ci95"}}`` measured for ``model`` on ``env_id``, by level."""
    rows = load(path)["models"].get(model, {}).get("results", {}).get(env_id)
    if rows is None:
        raise KeyError(f"no calibration of {env_id} for model {model!r} in {path}; run `textbook-gym calibrate` "
                       f"first (calibrated models: {sorted(load(path)['models']) or 'none'})")
    return {int(level): row for level, row in sorted(rows.items(), key=lambda item: int(item[0]))}


def levels_in_band(model: str, env_id: str, low: float = 0.2, high: float = 0.8,
                   path: str | Path = DEFAULT_PATH) -> list[int]:
    """Levels whose measured pass@1 for ``model`` lies in [low, high]."""
    return [level for level, row in results(model, env_id, path).items() if low <= row["pass@1"] <= high]


# --------------------------------------------------------------------------- names
def check_name(name: str) -> None:
    """Raise a UsageError for a calibration name that tables, messages and shell commands cannot show plainly."""
    from textbook_gym.errors import UsageError

    if not name or not name.isprintable() or any(ch in name for ch in "\\\"`"):
        raise UsageError(f"calibration name {name!r} cannot be shown plainly in calibration tables (no control "
                         "characters, backslashes, quotes or backticks); pick a plain one with --name")


# --------------------------------------------------------------------------- the tables
@dataclass(frozen=True)
class TableRow:
    """One env id's line in a model's calibration table (:func:`table`)."""

    label: str
    """The family's name on its current version's row; :data:`EARLIER` on the record of an
    earlier version of the family above it; :data:`UNKNOWN` for an env id of no installed family."""
    env_id: str
    """The env id the rates were measured on (the family's current one on its own row)."""
    pass_at_1: dict[int, float]
    """pass@1 by level, for the measured levels only (empty: not measured for this version)."""
    n: tuple[int, ...]
    """The distinct problem counts behind the rates, ascending (empty when not measured)."""


EARLIER = "earlier version"
"""Label of a row recording an earlier version of the family listed above it."""
UNKNOWN = "no installed family"
"""Label of a row whose env id no registered family has (a removed family, an absent plugin)."""


def _family_key(env_id: str) -> tuple[str, int]:
    """``("textbook/Arithmetic", 1)`` for ``textbook/Arithmetic-v1``; version -1 when the id has none."""
    base, sep, version = env_id.rpartition("-v")
    return (base, int(version)) if sep and version.isdigit() else (env_id, -1)


def _row(label: str, env_id: str, levels: dict[str, dict[str, Any]]) -> TableRow:
    measured = sorted((int(level), row) for level, row in levels.items())
    return TableRow(label, env_id, {level: float(row["pass@1"]) for level, row in measured},
                    tuple(sorted({int(row["n"]) for _, row in measured})))


def table(data: dict[str, Any], name: str) -> list[TableRow]:
    """The rows of model ``name``'s table in calibration ``data``, one per env id.

    Every registered family gets a row for its current env id, measured or not
    (:data:`NOT_MEASURED`), followed by the records of its earlier versions, newest
    first; env ids of no registered family come last, sorted.
    """
    from textbook_gym.registry import get_family, list_families

    results = data["models"][name].get("results", {})
    current = {get_family(family).env_id: family for family in list_families()}
    rows, shown = [], set()
    for env_id, family in current.items():
        rows.append(_row(family, env_id, results.get(env_id, {})))
        base, _ = _family_key(env_id)
        earlier = [e for e in results if e not in current and _family_key(e)[0] == base]
        for old in sorted(earlier, key=lambda e: _family_key(e)[1], reverse=True):
            rows.append(_row(EARLIER, old, results[old]))
        shown.update([env_id, *earlier])
    rows += [_row(UNKNOWN, env_id, results[env_id]) for env_id in sorted(set(results) - shown)]
    return rows


def rates_text(row: TableRow) -> str:
    """pass@1 at levels 1-10 in columns six characters apart (``-`` for a level not measured),
    or :data:`NOT_MEASURED`; :func:`levels_header` heads the columns."""
    if not row.pass_at_1:
        return NOT_MEASURED
    return "  ".join(f"{row.pass_at_1[lv]:.2f}" if lv in row.pass_at_1 else "-   " for lv in LEVELS).rstrip()


def levels_header() -> str:
    """The level numbers over :func:`rates_text`'s columns."""
    return "  ".join(f"{lv:<4}" for lv in LEVELS).rstrip()


def n_text(row: TableRow) -> str:
    """The problems per level behind a row: ``50``, or ``2-50`` when levels differ (``""`` if not measured)."""
    if not row.n:
        return ""
    return str(row.n[0]) if len(row.n) == 1 else f"{row.n[0]}-{row.n[-1]}"


def describe(meta: dict[str, Any]) -> str:
    """One line on how a calibration was measured: the model, backend, version, seed and settings."""
    settings = ", ".join(f"{key} {value}" for key, value in meta.get("settings", {}).items())
    what = ", ".join(f"{key} {meta[key]}" for key in ("model", "backend", "textbook_gym_version", "seed")
                     if key in meta)
    return "; ".join(part for part in (what, settings) if part)
