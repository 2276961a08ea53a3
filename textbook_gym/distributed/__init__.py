"""Scale out on Ray: verification, evaluation and rollouts across a cluster.

An optional extra (``pip install 'textbook-gym[ray]'``): the rest of textbook_gym
never imports this package or Ray, and this package imports Ray only when a pool
or a cluster is created. The pieces, each behind an API that already exists in
one process:

* :class:`RayVerifierPool` (:mod:`.verification`): verification actors, each with
  its own killable sandbox pool, behind ``verify_many``;
* :class:`EnginePool` (:mod:`.engines`): rollout-backend actors behind the
  ``Backend`` interface, with weights broadcast through the object store
  (:mod:`.weights`);
* :func:`collect_on_cluster` (:mod:`.rollouts`) and :func:`evaluate_on_cluster`
  (:mod:`.evaluation`): the learner's ``collect`` and ``textbook_gym.evaluate``
  across them, returning what one process returns;
* :class:`Cluster` (:mod:`.cluster`): engines and verifiers for one job;
  :mod:`.dispatch`: the retry-once work queue they share.

``docs/SCALING.md`` maps a training run onto a cluster and gives measured costs.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "Cluster": "cluster", "ClusterConfig": "cluster", "connect": "cluster", "require_ray": "cluster",
    "RayVerifierPool": "verification", "VerifierPoolConfig": "verification",
    "EnginePool": "engines", "EnginePoolConfig": "engines", "EngineFailure": "engines",
    "ObjectStoreWeights": "weights", "WeightTransport": "weights",
    "collect_on_cluster": "rollouts", "evaluate_on_cluster": "evaluation", "evaluate_on_ray": "evaluation", "play_on_cluster": "evaluation",
    "JobLog": "dispatch",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'textbook_gym.distributed' has no attribute {name!r}")
    return getattr(import_module(f"textbook_gym.distributed.{module}"), name)


__all__ = sorted(_EXPORTS)
