"""Moving a learner's new weights to every engine actor.

After each optimizer step the engines must sample from the new policy. A
:class:`WeightTransport` has two halves: :meth:`~WeightTransport.publish` runs in
the learner and returns a small *handle*; the engine pool sends the handle to
every engine, and :meth:`~WeightTransport.receive` runs inside each engine and
yields ``(name, tensor)`` pairs for ``Backend.update_weights``.

:class:`ObjectStoreWeights` (here, and for any model that fits a node's object
store) puts the parameters into Ray's shared-memory object store once; every
engine on the learner's node maps them without a copy (numpy arrays are
zero-copy in Ray), and engines on other nodes pull one copy per node.

On a GPU cluster the same two halves are a collective broadcast: ``publish``
joins the learner (rank 0) and the engines in an NCCL group once
(``ray.util.collective`` or ``torch.distributed``), and per step broadcasts each
parameter from the learner's GPU; the handle then only names the version and the
parameter list, and ``receive`` runs the matching ``broadcast`` on the engine's
GPU (vLLM's ``collective_rpc`` exposes it on the worker). No GPU here, so that
transport is specified (``docs/SCALING.md``) but not shipped.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol


class WeightTransport(Protocol):
    """The learner-side and engine-side halves of a weight update."""

    def publish(self, named_parameters: Iterable[tuple[str, Any]]) -> Any:
        """Make the parameters available to engines; return the handle the engines receive."""

    def receive(self, handle: Any) -> Iterator[tuple[str, Any]]:
        """Inside an engine: the ``(name, tensor)`` pairs the handle stands for."""


@dataclass
class PublishedWeights:
    """The handle :class:`ObjectStoreWeights` sends to engines."""

    ref: Any
    """ObjectRef of ``{name: array}`` in the object store."""
    version: int
    """Counts updates; every engine reports the version it loaded."""
    nbytes: int
    """Bytes put into the object store (for the broadcast's cost)."""
    seconds: float
    """Time ``publish`` took (copying to the object store)."""


class ObjectStoreWeights:
    """Weights through Ray's object store; see the module docstring."""

    def __init__(self) -> None:
        self.version = 0

    def publish(self, named_parameters: Iterable[tuple[str, Any]]) -> PublishedWeights:
        import ray

        started = time.perf_counter()
        state: dict[str, Any] = {}
        nbytes = 0
        for name, tensor in named_parameters:
            tensor = tensor.detach().to("cpu").contiguous()
            nbytes += tensor.numel() * tensor.element_size()
            # numpy arrays travel without a copy; bf16 has no numpy type and goes as a tensor.
            try:
                state[name] = tensor.numpy()
            except TypeError:
                state[name] = tensor
        self.version += 1
        ref = ray.put(state)
        return PublishedWeights(ref, self.version, nbytes, time.perf_counter() - started)

    def receive(self, handle: Any) -> Iterator[tuple[str, Any]]:
        import numpy as np
        import torch

        state = handle if isinstance(handle, dict) else __import__("ray").get(handle)
        with warnings.catch_warnings():  # the object store's arrays are read-only; they are only copied from
            warnings.filterwarnings("ignore", message="The given NumPy array is not writable")
            for name, value in state.items():
                yield name, torch.from_numpy(value) if isinstance(value, np.ndarray) else value


__all__ = ["ObjectStoreWeights", "PublishedWeights", "WeightTransport"]
