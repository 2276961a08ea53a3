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
measurements give the same bytes. Each family's module docstring documents the
shipped measurements in a block between :data:`BLOCK_BEGIN` and :data:`BLOCK_END`,
written by ``python -m textbook_gym.calibration --write-docstrings`` (or
``textbook-gym calibrate ... --write-docstrings``); a test checks that the blocks
match the shipped file, so the documented rates cannot go stale.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

DEFAULT_PATH = Path(__file__).with_name("data") / "calibration.json"
"""The calibration file shipped with the package (read by default; written only when asked)."""
USER_PATH = Path("calibration.json")
"""Where ``textbook-gym calibrate`` writes without ``--out``: the current directory."""
LEVELS = range(1, 11)
SETTINGS = ("attempts", "feedback", "open_book", "samples", "temperature", "max_tokens")
"""Evaluation settings that change what a pass rate means; one calibration name keeps one set."""

BLOCK_BEGIN = "Measured pass rates (textbook_gym/data/calibration.json):"
"""First line of the generated block in a family's module docstring."""
BLOCK_END = ".. end of measured pass rates"
"""Last line of the block (a reStructuredText comment: invisible when rendered)."""
_ANCHOR = "**Version history.**"
"""A new block goes just before this paragraph (or at the end of the docstring)."""


# --------------------------------------------------------------------------- the file
def load(path: str | Path = DEFAULT_PATH) -> dict[str, Any]:
    """The calibration file's content (``{"models": {}}`` if the file does not exist)."""
    path = Path(path)
    if not path.exists():
        return {"models": {}}
    return json.loads(path.read_text())


def check_file(path: str | Path) -> None:
    """Raise a UsageError unless ``path`` is absent or a calibration file (checked before any evaluation)."""
    from textbook_gym.errors import UsageError

    path = Path(path)
    if not path.exists():
        return
    try:
        data = json.loads(path.read_text())
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path} exists but is not a calibration file ({type(exc).__name__}: "
                         f"{str(exc).splitlines()[0] if str(exc) else ''}); give another --out") from None
    if not (isinstance(data, dict) and isinstance(data.get("models"), dict)):
        raise UsageError(f"{path} exists but is not a calibration file (no \"models\" mapping); give another --out")


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
    _write_atomic(path, json.dumps(data, indent=1, sort_keys=True) + "\n")
    return path


def _write_atomic(path: Path, text: str) -> None:
    """A temporary file in the same directory, then a rename: an interrupt leaves the old file or the new.

    The temporary name is per process and opened normally (not with mkstemp, whose
    0600 mode the rename would give the shipped file and the family sources).
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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


# --------------------------------------------------------------------------- docstring blocks
def check_name(name: str) -> None:
    """Raise a UsageError for a name that cannot go into a docstring table."""
    from textbook_gym.errors import UsageError

    if not name or not name.isprintable() or any(ch in name for ch in "\\\"`"):
        raise UsageError(f"calibration name {name!r} cannot go into a docstring table; pick a plain one with --name")


_check_name = check_name


def docstring_block(env_id: str, data: dict[str, Any]) -> str:
    """The block documenting ``env_id``'s measurements in ``data``, markers included (no trailing newline).

    Every model in the file gets a pass@1 row and an n row per level (``-`` where a
    level was not measured); a family that no model was calibrated on says so.
    """
    models = data["models"]
    head = [BLOCK_BEGIN]
    measured = {name: entry["results"][env_id] for name, entry in sorted(models.items())
                if env_id in entry.get("results", {})}
    if not measured:
        calibrated = ", ".join(f"``{name}``" for name in sorted(models)) or "none"
        return "\n".join(head + [f"No reference model has been calibrated on ``{env_id}`` yet",
                                 f"(calibrated models: {calibrated}).", "", BLOCK_END])
    head += ["pass@1 on ``n`` test-split problems per level and reference model (settings in the",
             "file's ``meta``). Generated by ``python -m textbook_gym.calibration --write-docstrings``;",
             "do not edit by hand.", ""]
    rows = [["model", "", *map(str, LEVELS)]]
    for name in sorted(models):
        check_name(name)
        levels = measured.get(name, {})
        rows.append([name, "pass@1", *(f"{levels[str(lv)]['pass@1']:.2f}" if str(lv) in levels else "-"
                                       for lv in LEVELS)])
        rows.append([name, "n", *(str(levels[str(lv)]["n"]) if str(lv) in levels else "-" for lv in LEVELS)])
    widths = [max(4 if i > 1 else 1, *(len(row[i]) for row in rows)) for i in range(len(rows[0]))]
    rule = "  ".join("=" * w for w in widths)

    def line(cells: list[str]) -> str:
        return "  ".join(cell.ljust(w) for cell, w in zip(cells, widths)).rstrip()

    table = [rule, line(rows[0]), rule, *(line(r) for r in rows[1:]), rule]
    return "\n".join(head + table + ["", BLOCK_END])


def rewrite_source(text: str, block: str | None) -> str:
    """``text`` (a module's source) with its docstring block replaced by ``block`` (removed if None).

    A module without a block gets it before its ``**Version history.**`` paragraph,
    or at the end of its docstring. Rewriting with the same block changes nothing.
    """
    tree = ast.parse(text)
    first = tree.body[0] if tree.body else None
    if not (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)):
        raise ValueError("the module has no docstring to hold the measured pass rates")
    lines = text.splitlines(keepends=True)
    start, end = first.lineno - 1, first.end_lineno - 1
    doc = [ln.strip() for ln in lines[start:end + 1]]
    new = [] if block is None else [ln + "\n" for ln in block.split("\n")]
    if BLOCK_BEGIN in doc or BLOCK_END in doc:
        if not (BLOCK_BEGIN in doc and BLOCK_END in doc and doc.index(BLOCK_BEGIN) < doc.index(BLOCK_END)):
            raise ValueError(f"unbalanced markers in the docstring: need a line {BLOCK_BEGIN!r} and, after it, "
                             f"a line {BLOCK_END!r}; fix or delete the block by hand and rerun")
        b, e = start + doc.index(BLOCK_BEGIN), start + doc.index(BLOCK_END)
        if block is None:  # take one separating blank line along
            if e + 1 < len(lines) and not lines[e + 1].strip():
                e += 1
            elif not lines[b - 1].strip():
                b -= 1
        return "".join(lines[:b] + new + lines[e + 1:])
    if block is None:
        return text
    anchor = next((i for i in range(start, end + 1) if lines[i].startswith(_ANCHOR)), None)
    if anchor is not None:
        return "".join(lines[:anchor] + new + ["\n"] + lines[anchor:])
    if lines[end].strip() not in ('"""', "'''"):
        raise ValueError("put the docstring's closing quotes on a line of their own")
    return "".join(lines[:end] + (["\n"] if lines[end - 1].strip() else []) + new + lines[end:])


def family_sources(env_dir: str | Path | None = None) -> dict[str, Path]:
    """``{env_id: source file}`` of the built-in families (copies in ``env_dir`` when given)."""
    from textbook_gym.registry import get_family, list_families

    out = {}
    for name in list_families():
        family = get_family(name)
        module = sys.modules[type(family).__module__]
        if not module.__name__.startswith("textbook_gym.envs.") or not getattr(module, "__file__", None):
            continue  # plugin families document themselves
        source = Path(module.__file__)
        out[family.env_id] = Path(env_dir) / source.name if env_dir is not None else source
    return out


def _expected(path: str | Path, env_dir: str | Path | None) -> dict[Path, tuple[str, str]]:
    path = Path(path)
    data = load(path) if path.exists() else None
    out = {}
    for env_id, source in family_sources(env_dir).items():
        text = source.read_text()
        out[source] = (text, rewrite_source(text, None if data is None else docstring_block(env_id, data)))
    return out


def write_docstrings(path: str | Path = DEFAULT_PATH, env_dir: str | Path | None = None) -> list[Path]:
    """Rewrite every built-in family's docstring block from the calibration file; the changed files.

    ``env_dir`` points at copies of the family modules (tests); by default the
    installed sources are rewritten.
    """
    if not Path(path).exists():
        raise FileNotFoundError(f"no calibration file at {path}; run `textbook-gym calibrate` first")
    changed = []
    for source, (old, new) in _expected(path, env_dir).items():
        if new != old:
            _write_atomic(source, new)
            changed.append(source)
    return changed


def stale_docstrings(path: str | Path = DEFAULT_PATH, env_dir: str | Path | None = None) -> list[Path]:
    """Family sources whose block does not match the calibration file (with no file: that have a block)."""
    return [source for source, (old, new) in _expected(path, env_dir).items() if new != old]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m textbook_gym.calibration", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write-docstrings", action="store_true", help="rewrite the families' docstring blocks")
    action.add_argument("--check", action="store_true", help="exit 1 if any docstring block is stale")
    parser.add_argument("--path", default=str(DEFAULT_PATH), help="calibration file (default: the shipped one)")
    parser.add_argument("--env-dir", default=None, help="directory of family module copies (default: installed)")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_docstrings(args.path, args.env_dir)
        for source in stale:
            print(f"stale: {source}")
        return 1 if stale else 0
    changed = write_docstrings(args.path, args.env_dir)
    print(f"rewrote {len(changed)} family docstrings from {args.path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
