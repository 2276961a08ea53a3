"""textbook_gym.distributed on a two-node Ray cluster started on this machine.

``ray.cluster_utils.Cluster`` starts a head node and a worker node as separate
raylets with their own object stores (1 CPU each), which is what a multi-machine
cluster looks like to Ray. Checked: actors spread over both nodes, weights reach
an engine on the other node through the object store, results equal a one-engine
run, and when the worker node dies between jobs the next job replaces its actors
on the surviving node and still returns the same results.
"""

from __future__ import annotations

import pytest

ray = pytest.importorskip("ray", reason="Ray is the optional [ray] extra: pip install 'textbook-gym[ray]'")

from ray.cluster_utils import Cluster as RayTestCluster  # noqa: E402

from textbook_gym.distributed import EnginePool, EnginePoolConfig, RayVerifierPool, VerifierPoolConfig  # noqa: E402
from textbook_gym.verdict import Status  # noqa: E402


@pytest.fixture(scope="module")
def two_nodes():
    if ray.is_initialized():  # the single-node session's Ray, if it ran first: one Ray per process
        ray.shutdown()
    cluster = RayTestCluster(initialize_head=True, head_node_args={"num_cpus": 1})
    worker = cluster.add_node(num_cpus=1)
    cluster.wait_for_nodes()
    ray.init(address=cluster.address, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield cluster, worker
    ray.shutdown()
    cluster.shutdown()


def test_two_node_cluster_spreads_actors_moves_weights_and_survives_a_node(two_nodes, tiny_model_dir):
    import torch

    from textbook_gym.agents.backends import SamplingConfig
    from textbook_gym.agents.models import load_model

    cluster, worker = two_nodes
    verifiers = RayVerifierPool(VerifierPoolConfig(actors=2, num_cpus=0.25, chunk_items=2))
    engines = EnginePool(EnginePoolConfig(model=str(tiny_model_dir), engines=2, num_cpus=0.25, chunk_prompts=3))
    nodes = lambda pool: {ray.get(h.node.remote()) for h in pool.slots.handles}  # noqa: E731
    assert len(nodes(verifiers)) == 2 and len(nodes(engines)) == 2  # SPREAD: one of each per node

    responses, golds = ["\\boxed{3}", "\\boxed{4}", "x", "\\boxed{1/2}", "\\boxed{0.5}"], ["3", "3", "3", "0.5", "1/2"]
    expected = [Status.CORRECT, Status.INCORRECT, Status.UNPARSEABLE, Status.CORRECT, Status.CORRECT]
    assert [v.status for v in verifiers.verify_many(responses, golds)] == expected

    # A learner step's weights reach the engine on the other node; both engines serve them.
    model = load_model(tiny_model_dir)
    with torch.no_grad():
        for p in model.parameters():
            p.add_(torch.randn(p.shape, generator=torch.Generator().manual_seed(1)) * 0.05)
    engines.update_weights(model.named_parameters())
    assert engines.versions() == [1, 1]
    prompts = [f"{i} + {i} =" for i in range(7)]
    sampling = SamplingConfig(n=1, temperature=1.0, max_tokens=10, seed=4)
    before = [out[0].token_ids for out in engines.generate(prompts, sampling)]

    # The worker node dies. The next jobs find its actors dead, replace them on the head node
    # (the replacement engine loads the current weights first) and return the same results.
    cluster.remove_node(worker)
    assert [out[0].token_ids for out in engines.generate(prompts, sampling)] == before
    assert [v.status for v in verifiers.verify_many(responses, golds)] == expected
    assert engines.log.replaced == {"engines": 1} and verifiers.log.replaced == {"verifiers": 1}
    assert engines.versions() == [1, 1] and len(nodes(engines)) == 1
    engines.close()
    verifiers.close()
