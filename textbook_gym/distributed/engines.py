"""Engine actors: one rollout backend per actor, driven as one backend.

:class:`EnginePool` implements the :class:`~textbook_gym.agents.backends.Backend`
interface (``generate``, ``update_weights``, ``tokenizer``, ``has_chat_template``),
so a learner or :func:`textbook_gym.evaluate` can use N engines where it used one.

Determinism across engine counts. ``generate`` cuts the prompts into fixed chunks
of ``chunk_prompts`` (never into "one part per engine") and gives the chunk that
starts at prompt ``s`` the sampling seed ``seed + s``: the project's per-prompt seed
rule (``prompts.prompt_seeds``), so on the vllm and openai backends, which seed
each prompt with ``seed + index``, a sharded call returns exactly what one engine
returns for the whole call. The hf backend seeds a whole call instead, so there
the result depends on the chunking but not on how many engines run the chunks:
one engine and two engines give the same completions. A call that fits in one
chunk is exactly a single-engine call on every backend.

Faults: an engine that dies is replaced (the replacement loads the latest
published weights before it gets work) and its chunks are retried once; their
results are the same as if nothing had happened, since a chunk's result depends
only on its prompts, its seed and the weights. A chunk whose retry dies as well
raises :class:`EngineFailure`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from textbook_gym.distributed.dispatch import ActorSlots, JobLog, Task, run_tasks
from textbook_gym.distributed.weights import ObjectStoreWeights, PublishedWeights


class EngineFailure(RuntimeError):
    """A generation or rollout task failed on a replacement engine too."""


@dataclass(frozen=True)
class EnginePoolConfig:
    """Shape of the engine pool."""

    backend: str = "hf"
    """Backend each actor makes with ``make_backend``: ``hf``, ``vllm``, ``openai``."""
    model: Any = None
    """Model path or hub id (readable on every node)."""
    engines: int = 2
    """Engine actors."""
    num_cpus: float = 1.0
    """CPUs reserved per engine; an hf engine on a CPU uses this many torch threads (at least one)."""
    num_gpus: float = 0.0
    """GPUs per engine (1: one vLLM engine per GPU)."""
    backend_options: dict[str, Any] = field(default_factory=dict)
    """Keyword arguments for ``make_backend`` (``dtype``, ``max_model_len``, ``batch_size`` ...)."""
    chunk_prompts: int = 64
    """Prompts per generation task (see the module docstring: fixed, for determinism)."""
    episodes_per_shard: int = 32
    """Episodes (problems) per rollout task in :meth:`EnginePool.collect`."""
    retries: int = 1
    """Times a task is retried on a replacement engine before :class:`EngineFailure`."""
    start_timeout: float = 600.0
    """Seconds engines may take to be placed and load the model before the pool gives up with an error."""


class EngineActor:
    """One engine (a plain class; :class:`EnginePool` makes it a Ray actor)."""

    def __init__(self, backend: str, model: Any, options: dict[str, Any], threads: int):
        import torch

        from textbook_gym.agents.backends import make_backend

        # Every engine runs with the same thread count, so a chunk gives the same floats on any of them.
        torch.set_num_threads(max(1, threads))
        self.backend = make_backend(backend, model=model, **options)
        self.transport = ObjectStoreWeights()
        self.version = 0

    def pid(self) -> int:
        return os.getpid()

    def node(self) -> str:
        import ray

        return ray.get_runtime_context().get_node_id()

    def describe(self) -> dict[str, Any]:
        return {"name": self.backend.name, "has_chat_template": bool(self.backend.has_chat_template),
                "version": self.version, "pid": os.getpid()}

    def generate(self, prompts: list, sampling: Any, return_logprobs: bool) -> list:
        return self.backend.generate(prompts, sampling, return_logprobs=return_logprobs)

    def load_weights(self, state: Any, version: int) -> dict[str, float]:
        started = time.perf_counter()
        self.backend.update_weights(self.transport.receive(state))
        self.version = version
        return {"version": version, "seconds": time.perf_counter() - started}

    def collect(self, envs: Any, n_episodes: int, group_size: int, sampling: Any, seed: int | None,
                options: dict[str, Any]) -> list:
        from textbook_gym.agents.rollout import collect

        return collect(envs, self.backend, n_episodes, group_size, sampling, seed, progress=False, **options)


class EnginePool:
    """N engine actors behind the Backend interface; see the module docstring."""

    def __init__(self, config: EnginePoolConfig, *, log: JobLog | None = None):
        from textbook_gym.distributed.cluster import require_ray

        ray = require_ray()
        if config.model is None:
            raise ValueError("EnginePoolConfig.model is needed: the model path or hub id every engine loads")
        if config.chunk_prompts < 1 or config.episodes_per_shard < 1:
            raise ValueError("chunk_prompts and episodes_per_shard must be >= 1")
        self.config = config
        self.log = log if log is not None else JobLog()
        self.transport = ObjectStoreWeights()
        self.weights: PublishedWeights | None = None
        self.last_broadcast: dict[str, float] = {}
        remote = ray.remote(EngineActor)
        threads = max(1, int(config.num_cpus))

        def factory(slot: int):
            return remote.options(num_cpus=config.num_cpus, num_gpus=config.num_gpus, max_restarts=0,
                                  max_task_retries=0, scheduling_strategy="SPREAD").remote(config.backend, config.model,
                                                             dict(config.backend_options), threads)

        def on_replace(handle) -> None:  # a replacement must serve the current policy before it gets work
            if self.weights is not None:
                ray.get(handle.load_weights.remote(self.weights.ref, self.weights.version))

        self.slots = ActorSlots("engines", factory, config.engines, self.log, on_replace,
                                asks=f"{config.num_cpus:g} CPU and {config.num_gpus:g} GPU",
                                start_timeout=config.start_timeout)
        self.name = config.backend
        self.model_name = str(config.model)
        self.on_task: Any = None
        """``on_task(items)``: called with the number of prompts or episodes of each finished task
        (progress displays; tests use it to inject a fault mid-job)."""
        self._described: dict[str, Any] | None = None
        self._tokenizer = None

    # ------------------------------------------------------------------ Backend interface
    def _describe(self) -> dict[str, Any]:
        if self._described is None:
            import ray

            self._described = ray.get(self.slots.handles[0].describe.remote())
        return self._described

    @property
    def has_chat_template(self) -> bool:
        return self._describe()["has_chat_template"]

    @property
    def tokenizer(self) -> Any:
        """The served model's tokenizer, loaded in this process (learners tokenize prompts themselves)."""
        if self._tokenizer is None:
            from textbook_gym.agents.models import load_tokenizer

            self._tokenizer = load_tokenizer(self.config.model)
        return self._tokenizer

    def generate(self, prompts: Sequence[Any], sampling: Any = None, return_logprobs: bool = False) -> list:
        """For each prompt, ``sampling.n`` completions, computed in chunks across the engines."""
        from textbook_gym.agents.backends import DEFAULT_SAMPLING

        sampling = sampling or DEFAULT_SAMPLING
        prompts = list(prompts)
        size = self.config.chunk_prompts
        tasks = []
        for start in range(0, len(prompts), size):
            seed = None if sampling.seed is None else (sampling.seed + start) % (2**63)
            chunk = (prompts[start:start + size], replace(sampling, seed=seed), return_logprobs)
            tasks.append(Task(key=start, payload=chunk, items=tuple(range(start, start + len(chunk[0])))))
        results = self._run(tasks, lambda handle, p: handle.generate.remote(*p))
        return [out for start in sorted(results) for out in results[start]]

    def update_weights(self, named_parameters: Iterable[tuple[str, Any]]) -> None:
        """Send new parameters to every engine (object store; see :mod:`.weights`); blocks until all loaded."""
        import ray

        started = time.perf_counter()
        published = self.transport.publish(named_parameters)
        self.weights = published
        loads = ray.get([h.load_weights.remote(published.ref, published.version) for h in self.slots.handles])
        self.last_broadcast = {
            "version": published.version, "bytes": published.nbytes, "publish_s": published.seconds,
            "max_load_s": max(x["seconds"] for x in loads), "total_s": time.perf_counter() - started,
        }

    def versions(self) -> list[int]:
        """The weight version every engine serves (all equal after :meth:`update_weights`)."""
        import ray

        return [d["version"] for d in ray.get([h.describe.remote() for h in self.slots.handles])]

    # ------------------------------------------------------------------ rollouts
    def collect(self, envs_or_env_ids: Any, n_episodes: int, group_size: int = 1, sampling: Any = None,
                seed: int | None = 0, progress: bool = True, **options: Any) -> list:
        """:func:`textbook_gym.agents.rollout.collect` across the engines; see :mod:`.rollouts`."""
        from textbook_gym.distributed.rollouts import collect_on_cluster

        return collect_on_cluster(self, envs_or_env_ids, n_episodes, group_size, sampling, seed, progress, **options)

    def _run(self, tasks: list[Task], submit, on_result=None) -> dict[Any, Any]:
        def fail(task: Task, cause: str):
            raise EngineFailure(f"{self.name} engine task for items {task.items[0]}..{task.items[-1]} failed on a "
                                f"replacement engine too ({cause}); check the engines' logs (ray logs) for the cause")

        def finished(task: Task, value: Any) -> None:
            if on_result is not None:
                on_result(task, value)
            if self.on_task is not None:
                self.on_task(len(task.items))

        return run_tasks(self.slots, tasks, submit, fail, retries=self.config.retries, on_result=finished)

    def close(self) -> None:
        self.slots.close()

    def __enter__(self) -> EnginePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<EnginePool {self.name} x{len(self.slots)}>"


__all__ = ["EngineActor", "EngineFailure", "EnginePool", "EnginePoolConfig"]
