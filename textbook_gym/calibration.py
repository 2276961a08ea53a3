"""Difficulty calibration: measured pass rates per level for reference models.

``textbook-gym calibrate`` evaluates a model on every level of some families and
merges the pass rates into a calibration file (by default the one shipped with the
package, ``textbook_gym/data/calibration.json``). Trainers read it to choose levels
whose expected success rate sits in a target band, where learning signal is
richest (a level nobody solves or everybody solves gives GRPO no variance).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DEFAULT_PATH = Path(__file__).with_name("data") / "calibration.json"


def load(path: str | Path = DEFAULT_PATH) -> dict[str, Any]:
    """``{"models": {model: {"meta": {...}, "pass_rates": {env_id: {level: rate}}}}}`` (empty if absent)."""
    path = Path(path)
    if not path.exists():
        return {"models": {}}
    return json.loads(path.read_text())


def record(report: Any, name: str, path: str | Path = DEFAULT_PATH) -> Path:
    """Merge an EvalReport's pass@1 per level into the calibration file under ``name``."""
    data = load(path)
    rates = {env: {str(level): round(row["pass@1"], 4) for level, row in levels.items()}
             for env, levels in report.results.items()}
    entry = data["models"].setdefault(name, {"meta": {}, "pass_rates": {}})
    entry["pass_rates"].update(rates)
    entry["meta"] = {k: report.meta[k] for k in ("model", "backend", "textbook_gym_version")} | {
        "n_per_level": report.meta["config"]["n"], "seed": report.meta["config"]["seed"]}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    tmp.replace(path)
    return path


def levels_in_band(model: str, env_id: str, low: float = 0.2, high: float = 0.8,
                   path: str | Path = DEFAULT_PATH) -> list[int]:
    """Levels whose measured pass rate for ``model`` lies in [low, high]."""
    rates = load(path)["models"].get(model, {}).get("pass_rates", {}).get(env_id)
    if rates is None:
        raise KeyError(f"no calibration of {env_id} for model {model!r}; run `textbook-gym calibrate` first")
    return sorted(int(level) for level, rate in rates.items() if low <= rate <= high)
