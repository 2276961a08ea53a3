"""Atomic writes: an interrupted command leaves the previous file or none, never half of one."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def write_text_atomic(path: str | Path, text: str | Iterable[str]) -> Path:
    """Write ``text`` (a string or lines) to a per-process temporary sibling, then rename it over ``path``.

    The temporary file is opened normally, not with ``mkstemp``, whose 0600 mode the
    rename would give the final file (the shipped calibration file, a user's export).
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("w", encoding="utf-8") as handle:
            if isinstance(text, str):
                handle.write(text)
            else:
                handle.writelines(text)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
