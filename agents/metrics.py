"""Training metrics: one JSON line per step, PNG curves, and a live progress bar.

JSONL because a run that is killed keeps every line written before the kill and a
resumed run appends to the same file (after dropping lines past the checkpoint
it resumed from, so the curve has no duplicated steps). The PNG uses matplotlib's
Agg backend so it works on a machine without a display.
"""

from __future__ import annotations

import json
import math
import time
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any


class MetricsLog:
    """Append-only JSONL of per-step metrics for one stage."""

    def __init__(self, path: str | Path, resume_step: int | None = None):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if resume_step is not None and self.path.exists():
            kept = [r for r in read_jsonl(self.path) if r.get("step", 0) <= resume_step]
            self.path.write_text("".join(json.dumps(r) + "\n" for r in kept))
        elif resume_step is None and self.path.exists():
            self.path.unlink()
        self.last: dict[str, Any] = {}

    def log(self, step: int, **values: Any) -> dict[str, Any]:
        record = {"step": int(step), "time": round(time.time(), 3)}
        record.update({k: _jsonable(v) for k, v in values.items()})
        with self.path.open("a") as fh:
            fh.write(json.dumps(record) + "\n")
        self.last = record
        return record


def _jsonable(value: Any) -> Any:
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Records of a JSONL file; a torn last line (killed mid-write) is skipped."""
    out = []
    for line in Path(path).read_text().splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return out


def plot_curves(path: str | Path, keys: Iterable[str], out: str | Path | None = None, title: str = "") -> Path | None:
    """Plot the numeric ``keys`` of a JSONL file against step into a PNG; returns its path.

    Returns None, with one warning, when matplotlib is not installed: the JSONL file
    holds the same numbers, and a training run must not fail over a plot.
    """
    try:
        import matplotlib
    except ImportError:
        warnings.warn(f"matplotlib is not installed, so {Path(path).name} was not plotted; "
                      "pip install matplotlib (part of the [train] extra) to draw it", stacklevel=2)
        return None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    records = read_jsonl(path)
    keys = [k for k in keys if any(isinstance(r.get(k), (int, float)) for r in records)]
    if not records or not keys:
        return None
    out = Path(out) if out else Path(path).with_suffix(".png")
    fig, axes = plt.subplots(len(keys), 1, figsize=(7, 1.9 * len(keys)), sharex=True, squeeze=False)
    for ax, key in zip(axes[:, 0], keys):
        pts = [(r["step"], r[key]) for r in records if isinstance(r.get(key), (int, float))]
        ax.plot([p[0] for p in pts], [p[1] for p in pts], lw=1.2)
        ax.set_ylabel(key, fontsize=8)
        ax.grid(alpha=0.3)
    axes[-1, 0].set_xlabel("step")
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(out, dpi=90)
    plt.close(fig)
    return out


class Progress:
    """A rich progress bar for one stage that shows the latest reward or loss.

    Falls back to nothing (not to plain prints) when disabled, so tests and
    benchmark runs stay quiet.
    """

    def __init__(self, description: str, total: int, start: int = 0, enabled: bool = True):
        self.enabled = enabled
        self._progress = None
        if not enabled:
            return
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
        from rich.progress import Progress as RichProgress

        self._progress = RichProgress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[live]}"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            transient=False,
        )
        self._progress.start()
        self._task = self._progress.add_task(description, total=total, completed=start, live="")

    def update(self, advance: int = 1, **live: Any) -> None:
        if self._progress is None:
            return
        text = "  ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in live.items())
        self._progress.update(self._task, advance=advance, live=text)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def trainer_progress_callback(description: str, total: int, enabled: bool = True, start: int = 0):
    """A transformers ``TrainerCallback`` that drives :class:`Progress` and shows the live loss."""
    from transformers import TrainerCallback

    class _RichCallback(TrainerCallback):
        def __init__(self):
            self.bar: Progress | None = None

        def on_train_begin(self, args, state, control, **kwargs):
            self.bar = Progress(description, total, start=state.global_step, enabled=enabled)

        def on_step_end(self, args, state, control, **kwargs):
            if self.bar is not None:
                loss = next((h["loss"] for h in reversed(state.log_history) if "loss" in h), None)
                self.bar.update(1, **({"loss": float(loss)} if loss is not None else {}))

        def on_train_end(self, args, state, control, **kwargs):
            if self.bar is not None:
                self.bar.close()

    return _RichCallback()


def trainer_jsonl_callback(log: MetricsLog):
    """A transformers ``TrainerCallback`` that writes the Trainer's logs (loss, lr, grad norm) to JSONL."""
    from transformers import TrainerCallback

    class _JsonlCallback(TrainerCallback):
        def __init__(self):
            self._t = time.perf_counter()

        def on_log(self, args, state, control, logs=None, **kwargs):
            if logs and "loss" in logs:
                now = time.perf_counter()
                steps = max(args.logging_steps, 1)
                log.log(state.global_step, **logs, step_time=(now - self._t) / steps)
                self._t = now

    return _JsonlCallback()
