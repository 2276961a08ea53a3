"""Atomic checkpoints and exact resume.

A run killed at any moment must leave either the previous checkpoint or the new
one on disk, never half of one. Every write here goes to a temporary name in the
same directory and is then renamed into place (``os.replace`` on a file, ``rename``
on a directory), which POSIX makes atomic on one file system.

A checkpoint of the project's RL loop holds everything that decides what happens
next: model and optimizer and scheduler state, the Python, NumPy and torch
(CPU and CUDA) random states, the step, the data position (how many problems
were drawn) and any learner extras (the curriculum's state). Restoring all of
them is what makes "6 steps in one go" and "3 steps, kill, resume 3" end with the
same weights.

The TRL stages use the Trainer's own checkpoint format (it holds the same things);
:class:`AtomicCheckpointCallback` moves each Trainer checkpoint into place
with a rename once it is complete.
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import torch

STATE_FILE = "state.pt"
MODEL_DIR = "model"
PREFIX = "step-"


def rng_state() -> dict[str, Any]:
    """The random states of Python, NumPy's global generator and torch (CPU and every CUDA device)."""
    state = {"python": random.getstate(), "numpy": np.random.get_state(), "torch": torch.get_rng_state()}
    if torch.cuda.is_available():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def set_rng_state(state: dict[str, Any]) -> None:
    random.setstate(state["python"])
    np.random.set_state(state["numpy"])
    torch.set_rng_state(state["torch"])
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: str | Path, text: str) -> None:
    atomic_write_bytes(path, text.encode())


def atomic_torch_save(obj: Any, path: str | Path) -> None:
    """``torch.save`` to a temporary file, then rename it over ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        torch.save(obj, tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_dir(path: str | Path, write: Callable[[Path], None]) -> Path:
    """Let ``write`` fill a temporary directory, then rename it to ``path``.

    An existing ``path`` is first renamed aside and removed after the swap, so at
    every instant one complete directory is reachable under ``path`` or its backup.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    try:
        write(tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = None
    if path.exists():
        old = path.with_name(f".{path.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        path.rename(old)
    tmp.rename(path)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return path


def save_pretrained_atomic(model, tokenizer, path: str | Path) -> Path:
    """``save_pretrained`` of a model (and tokenizer) as one atomic directory."""

    def write(tmp: Path) -> None:
        model.save_pretrained(tmp)
        if tokenizer is not None:
            tokenizer.save_pretrained(tmp)

    return atomic_dir(path, write)


def save_checkpoint(
    run_dir: str | Path,
    step: int,
    model,
    optimizer,
    scheduler=None,
    extra: dict[str, Any] | None = None,
    keep: int = 2,
) -> Path:
    """Write ``run_dir/step-NNNNNN/`` (model weights, optimizer, scheduler, RNG, extras) atomically.

    The model's ``state_dict`` (not ``save_pretrained``) is stored so that extra
    modules such as PPO's value head come back too. Only the newest ``keep``
    checkpoints are kept.
    """
    run_dir = Path(run_dir)

    def write(tmp: Path) -> None:
        state = {
            "step": step,
            "model": {k: v.detach().cpu() for k, v in model.state_dict().items()},
            "optimizer": optimizer.state_dict(),
            "scheduler": scheduler.state_dict() if scheduler is not None else None,
            "rng": rng_state(),
            "extra": extra or {},
        }
        torch.save(state, tmp / STATE_FILE)

    path = atomic_dir(run_dir / f"{PREFIX}{step:06d}", write)
    for old in list_checkpoints(run_dir)[:-keep] if keep > 0 else []:
        shutil.rmtree(old, ignore_errors=True)
    return path


def list_checkpoints(run_dir: str | Path) -> list[Path]:
    """Complete checkpoints in ``run_dir``, oldest first (temporary leftovers are ignored)."""
    run_dir = Path(run_dir)
    if not run_dir.is_dir():
        return []
    found = [p for p in run_dir.glob(f"{PREFIX}*") if p.is_dir() and (p / STATE_FILE).is_file()]
    return sorted(found, key=lambda p: int(p.name[len(PREFIX) :]))


def latest_checkpoint(run_dir: str | Path) -> Path | None:
    found = list_checkpoints(run_dir)
    return found[-1] if found else None


def load_checkpoint(
    path: str | Path, model, optimizer=None, scheduler=None, restore_rng: bool = True
) -> dict[str, Any]:
    """Restore a checkpoint written by :func:`save_checkpoint`; returns ``{"step": ..., "extra": ...}``."""
    path = Path(path)
    file = path / STATE_FILE if path.is_dir() else path
    if not file.is_file():
        raise FileNotFoundError(f"no checkpoint at {file}; pass a step-NNNNNN directory written by save_checkpoint")
    state = torch.load(file, map_location="cpu", weights_only=False)
    model.load_state_dict(state["model"])
    if optimizer is not None:
        optimizer.load_state_dict(state["optimizer"])
    if scheduler is not None and state.get("scheduler") is not None:
        scheduler.load_state_dict(state["scheduler"])
    if restore_rng:
        set_rng_state(state["rng"])
    return {"step": int(state["step"]), "extra": state.get("extra") or {}}


def clean_temporaries(run_dir: str | Path) -> None:
    """Remove half-written ``.*.tmp`` leftovers of a killed run."""
    run_dir = Path(run_dir)
    if run_dir.is_dir():
        for tmp in run_dir.glob(".*.tmp"):
            shutil.rmtree(tmp, ignore_errors=True) if tmp.is_dir() else tmp.unlink(missing_ok=True)


def trainer_checkpoint_callback(final_dir: str | Path, keep: int = 2):
    """A transformers ``TrainerCallback`` that makes Trainer checkpoints atomic.

    The Trainer writes ``checkpoint-N`` into its own ``output_dir`` in several files;
    a kill in between would leave a directory that looks complete. Pointing the
    Trainer at a staging directory and renaming each finished ``checkpoint-N`` into
    ``final_dir`` (after ``on_save``, when every file is written) means any
    ``checkpoint-N`` in ``final_dir`` is whole.
    """
    from transformers import TrainerCallback

    final_dir = Path(final_dir)

    class AtomicCheckpointCallback(TrainerCallback):
        def on_save(self, args, state, control, **kwargs):
            staged = Path(args.output_dir) / f"checkpoint-{state.global_step}"
            if staged.is_dir():
                final_dir.mkdir(parents=True, exist_ok=True)
                target = final_dir / staged.name
                if target.exists():
                    shutil.rmtree(target)
                staged.rename(target)
                for old in trainer_checkpoints(final_dir)[:-keep] if keep > 0 else []:
                    shutil.rmtree(old, ignore_errors=True)
            return control

    return AtomicCheckpointCallback()


def trainer_checkpoints(directory: str | Path) -> list[Path]:
    directory = Path(directory)
    if not directory.is_dir():
        return []
    found = [p for p in directory.glob("checkpoint-*") if p.is_dir() and p.name.split("-")[-1].isdigit()]
    return sorted(found, key=lambda p: int(p.name.split("-")[-1]))
