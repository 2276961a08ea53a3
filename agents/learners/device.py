"""Where a stage runs: CPU by default, CUDA with bf16 autocast when a GPU is there.

The same command works on a laptop and on a GPU box. Weights stay in float32 (the
optimizer's master copy); on CUDA the forward pass runs under bf16 autocast,
which is what the Trainer's ``bf16=True`` does for the TRL stages too.
"""

from __future__ import annotations

import contextlib

import torch


def resolve_device(device: str = "auto") -> str:
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise RuntimeError(
            f"device={device!r} but torch sees no CUDA device (torch {torch.__version__}); "
            "install a CUDA build of torch or pass --model.device cpu"
        )
    return device


def use_bf16(device: str, dtype: str = "auto") -> bool:
    """bf16 autocast on CUDA unless the run asked for float32 (and only if the GPU supports it)."""
    if dtype == "float32" or not device.startswith("cuda"):
        return False
    if dtype == "bfloat16":
        return True
    return torch.cuda.is_bf16_supported()


def autocast(device: str, bf16: bool):
    """bf16 autocast context on CUDA, a no-op elsewhere."""
    if bf16 and device.startswith("cuda"):
        return torch.autocast("cuda", dtype=torch.bfloat16)
    return contextlib.nullcontext()


@contextlib.contextmanager
def cpu_threads(n: int):
    """Run the block with ``n`` torch CPU threads (0 leaves the setting alone).

    Token-by-token decoding of a small model is a long chain of tiny operations;
    on a few shared cores, threads spin-waiting on each other make it up to ten
    times slower than one thread. Training's large matrix products still gain from
    every core, so only sampling is narrowed.
    """
    if n <= 0:
        yield
        return
    old = torch.get_num_threads()
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(old)
