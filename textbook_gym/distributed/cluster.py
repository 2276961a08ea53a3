"""Connecting to a Ray cluster and placing textbook_gym's actors on it.

A :class:`Cluster` is the handle a distributed job is given: ``engines`` (an
:class:`~textbook_gym.distributed.engines.EnginePool` of backend actors: a vLLM
engine per GPU on a GPU cluster, the hf or vllm-cpu backend on CPUs) and
``verifiers`` (a :class:`~textbook_gym.distributed.verification.RayVerifierPool`),
sharing one :class:`~textbook_gym.distributed.dispatch.JobLog` of what had to be
retried. ``docs/SCALING.md`` shows how a training or evaluation run maps onto it.

Ray is an optional extra (``pip install 'textbook-gym[ray]'``): nothing outside
``textbook_gym.distributed`` imports it, and this package imports it only when a
pool or cluster is created.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textbook_gym.distributed.dispatch import JobLog

RAY_MISSING = (
    "textbook_gym.distributed needs Ray, which is an optional extra: pip install 'textbook-gym[ray]' "
    "(or pip install 'ray==2.60.*')"
)


def require_ray():
    """The ``ray`` module, or an ImportError that says how to install it."""
    try:
        import ray
    except ImportError as exc:
        raise ImportError(RAY_MISSING) from exc
    return ray


def connect(address: str | None = None, *, num_cpus: int | None = None, **init_options: Any) -> dict[str, Any]:
    """Join a running cluster (``address="ray://head:10001"``, ``"auto"``, ``"head:6379"``) or start a local one.

    A local cluster (``address=None``) gets ``num_cpus`` CPUs (default: all). Already
    connected: nothing happens. Returns ``ray.cluster_resources()``.
    """
    ray = require_ray()
    if not ray.is_initialized():
        options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "configure_logging": False}
        options.update(init_options)
        if address is None:
            ray.init(num_cpus=num_cpus, **options)
        else:
            if num_cpus is not None:
                raise ValueError("num_cpus sets the size of a new local cluster; a running cluster at "
                                 f"{address!r} already has its own resources")
            ray.init(address=address, **options)
    return dict(ray.cluster_resources())


@dataclass(frozen=True)
class ClusterConfig:
    """What to place on the cluster for one job."""

    backend: str = "hf"
    """Rollout backend of every engine actor: ``hf``, ``vllm`` (a GPU cluster) or ``openai``."""
    model: Any = None
    """Model path or hub id every engine loads (must be readable on every node)."""
    engines: int = 2
    """Engine actors (one per GPU with ``engine_gpus=1``)."""
    engine_cpus: float = 1.0
    """CPUs Ray reserves per engine actor."""
    engine_gpus: float = 0.0
    """GPUs per engine actor (1 for a vLLM engine per GPU)."""
    backend_options: dict[str, Any] = field(default_factory=dict)
    """Keyword arguments for ``make_backend`` in every engine (``dtype``, ``max_model_len`` ...)."""
    chunk_prompts: int = 64
    """Prompts per generation task; fixed, so results do not depend on the number of engines."""
    verifiers: int = 2
    """Verification actors."""
    verifier_cpus: float = 1.0
    """CPUs Ray reserves per verification actor."""
    sandbox_workers: int = 1
    """Sandbox worker processes in each verification actor."""


class Cluster:
    """Engines and verifiers for one job, with one log of retries; see the module docstring.

    >>> with Cluster(ClusterConfig(model="runs/demo/model", engines=4)) as cluster:   # doctest: +SKIP
    ...     report = evaluate_on_cluster(cluster, "core", n=50)
    """

    def __init__(self, config: ClusterConfig | None = None, *, address: str | None = None,
                 num_cpus: int | None = None, engines: Any = None, verifiers: Any = None):
        from textbook_gym.distributed.engines import EnginePool, EnginePoolConfig
        from textbook_gym.distributed.verification import RayVerifierPool, VerifierPoolConfig

        config = config or ClusterConfig()
        if engines is None and config.model is None:
            raise ValueError("ClusterConfig.model is needed: the model path (or hub id) every engine actor loads")
        connect(address, num_cpus=num_cpus)
        self.config = config
        self.log = JobLog()
        # Pools handed in (started once, shared by several jobs) keep their own logs and are not closed here.
        self._owned = []
        if verifiers is None:
            verifiers = RayVerifierPool(
                VerifierPoolConfig(actors=config.verifiers, num_cpus=config.verifier_cpus,
                                   sandbox_workers=config.sandbox_workers), log=self.log)
            self._owned.append(verifiers)
        if engines is None:
            engines = EnginePool(
                EnginePoolConfig(backend=config.backend, model=config.model, engines=config.engines,
                                 num_cpus=config.engine_cpus, num_gpus=config.engine_gpus,
                                 chunk_prompts=config.chunk_prompts, backend_options=dict(config.backend_options)),
                log=self.log)
            self._owned.append(engines)
        self.verifiers = verifiers
        self.engines = engines

    def mark(self) -> tuple:
        """A bookmark in the pools' logs; :meth:`describe` with it reports one job's retries."""
        return self.engines.log.mark(), self.verifiers.log.mark()

    def play(self, policy: Any, episodes: list, config: Any, progress: bool) -> None:
        """``textbook_gym.evaluate``'s play step on this cluster (the hook ``evaluate(..., cluster=)`` calls)."""
        from textbook_gym.distributed.evaluation import play_on_cluster

        play_on_cluster(self, episodes, config, progress)

    def describe(self, since: tuple | None = None) -> dict[str, Any]:
        """What ran and what was retried (since the bookmark ``since``), for ``report.meta["cluster"]``."""
        engines_log, verifiers_log = self.engines.log, self.verifiers.log
        if since is not None:
            engines_log, verifiers_log = engines_log.since(since[0]), verifiers_log.since(since[1])
        return {"engines": len(self.engines.slots), "verifiers": len(self.verifiers.slots),
                "backend": self.engines.name, **engines_log.merged(verifiers_log).to_dict()}

    def close(self) -> None:
        for pool in self._owned:
            pool.close()
        self._owned = []

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["RAY_MISSING", "Cluster", "ClusterConfig", "connect", "require_ray"]
