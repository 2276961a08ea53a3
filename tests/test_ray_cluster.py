"""textbook_gym.distributed on a real local Ray cluster (2 CPUs, started once per session).

What is checked: the verification service gives the verdicts a single process
gives (TIMEOUT, ERROR, unknown verifier included) and loses nothing when an actor
dies; the engine pool gives the same completions and rollout records with one
engine as with two, before and after a weight broadcast; distributed evaluation
gives the report a single-process ``textbook_gym.evaluate`` gives, also when an
engine is killed in the middle of it, and the report says what was retried.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

ray = pytest.importorskip("ray", reason="Ray is the optional [ray] extra: pip install 'textbook-gym[ray]'")

from textbook_gym.distributed import (  # noqa: E402 - after the importorskip
    Cluster,
    EnginePool,
    EnginePoolConfig,
    RayVerifierPool,
    VerifierPoolConfig,
    collect_on_cluster,
    connect,
    evaluate_on_cluster,
    evaluate_on_ray,
)
from textbook_gym.verdict import Status  # noqa: E402
from textbook_gym.verifiers.registry import RegisteredVerifier, verify_many  # noqa: E402

SMALL = 0.25
"""CPUs per actor: the session's 2 CPUs hold the verifiers and three engines at once."""


@pytest.fixture(scope="session")
def ray_local():
    """One local Ray instance with 2 CPUs for the whole test session."""
    started = not ray.is_initialized()
    resources = connect(num_cpus=2)
    yield resources
    if started:
        ray.shutdown()


@pytest.fixture(scope="module")
def verifiers(ray_local):
    pool = RayVerifierPool(VerifierPoolConfig(actors=2, num_cpus=SMALL, chunk_items=3))
    yield pool
    pool.close()


def _engines(model_dir: Path, engines: int) -> EnginePool:
    return EnginePool(EnginePoolConfig(backend="hf", model=str(model_dir), engines=engines, num_cpus=SMALL,
                                       chunk_prompts=4, episodes_per_shard=2))


@pytest.fixture(scope="module")
def engines_one(ray_local, tiny_model_dir):
    pool = _engines(tiny_model_dir, 1)
    yield pool
    pool.close()


@pytest.fixture(scope="module")
def engines_two(ray_local, tiny_model_dir):
    pool = _engines(tiny_model_dir, 2)
    yield pool
    pool.close()


def _same(verdict):
    """A verdict's fields; a TIMEOUT's reason names the verifier only (the rest says how the pool was busy)."""
    reason = verdict.reason.split(":")[0] if verdict.status is Status.TIMEOUT else verdict.reason
    return verdict.status, verdict.score, verdict.extracted, reason


def _pid(handle) -> int:
    return ray.get(handle.pid.remote())


# ---------------------------------------------------------------------------------------------- verification
def test_verification_service_gives_local_verdicts(verifiers):
    def slow(response, gold):
        import time

        time.sleep(30)
        return True

    def broken(response, gold):
        raise ValueError("no such unit")

    responses = ["\\boxed{4}", "\\boxed{5}", "no answer here", "Answer: 1/2", "\\boxed{0.5}", "\\boxed{x}", "\\boxed{7}"]
    golds = ["4", "4", "4", "0.5", "1/2", "3", "7"]
    for verifier, options in (("math", {}), ("no-such-verifier", {}), (broken, {}), (slow, {"deadline": 0.5})):
        remote = verifiers.verify_many(responses[:2] if verifier is slow else responses,
                                       golds[:2] if verifier is slow else golds, verifier, **options)
        local = verify_many(responses[:2] if verifier is slow else responses,
                            golds[:2] if verifier is slow else golds, verifier, **options)
        assert [v.status for v in remote] == [v.status for v in local]
        assert [_same(v) for v in remote] == [_same(v) for v in local]
    assert [v.status for v in remote] == [Status.TIMEOUT] * 2
    # The registry's batch API hands the whole batch to the service with executor=.
    through_registry = verify_many(responses, golds, "math", executor=verifiers)
    assert [_same(v) for v in through_registry] == [_same(v) for v in verify_many(responses, golds, "math")]
    assert verifiers.log.retried == [] and verifiers.log.replaced == {}


def test_verification_actor_that_dies_is_replaced_and_its_items_retried_once(verifiers, tmp_path):
    marker = str(tmp_path / "crashed-once")

    def crash_once(response, gold):  # kills its actor's process the first time it sees "crash"
        import os

        if response == "crash" and not os.path.exists(marker):
            open(marker, "w").close()
            os._exit(1)
        return response == gold

    def poison(response, gold):  # kills every actor that checks "poison"
        import os

        if response == "poison":
            os._exit(1)
        return response == gold

    in_process = dict(sandbox=False)  # a verifier in the actor's own process can take the actor down
    responses = ["a", "b", "crash", "d", "e", "f", "g"]
    golds = ["a", "x", "crash", "d", "x", "f", "g"]
    verdicts = verifiers.verify_many(responses, golds, RegisteredVerifier("crash_once", crash_once, **in_process))
    assert [v.correct for v in verdicts] == [r == g for r, g in zip(responses, golds)]
    assert verifiers.log.replaced == {"verifiers": 1}
    retried = [e["items"] for e in verifiers.log.retried]
    assert [0, 1, 2] in retried  # the crashing item's task (chunk_items=3), and any task queued behind it
    assert all("ActorDiedError" in e["cause"] for e in verifiers.log.retried)
    assert verifiers.log.failed == []

    responses[4] = "poison"
    verdicts = verifiers.verify_many(responses, golds, RegisteredVerifier("poison", poison, **in_process))
    assert len(verdicts) == len(responses)
    assert verdicts[4].status is Status.ERROR and "died twice" in verdicts[4].reason
    assert "ActorDiedError" in verdicts[4].reason or "RayActorError" in verdicts[4].reason
    others = [i for i in range(len(responses)) if i != 4]
    assert [verdicts[i].correct for i in others] == [responses[i] == golds[i] for i in others]
    assert verifiers.log.replaced == {"verifiers": 3}  # the poisoned task's actor, then the poisoned item's retry
    assert [e["items"] for e in verifiers.log.failed] == [[4]]
    # The service is whole again: every slot answers.
    assert len({_pid(h) for h in verifiers.actors}) == 2
    assert [v.status for v in verifiers.verify_many(["\\boxed{1}"] * 4, ["1"] * 4)] == [Status.CORRECT] * 4


# ---------------------------------------------------------------------------------------------- engines
def test_engine_pool_gives_the_same_completions_with_one_and_two_engines(engines_one, engines_two, hf_backend):
    from textbook_gym.agents.backends import SamplingConfig

    prompts = [f"Q{i}: what is {i} + {i * 3}?" for i in range(10)]
    sampled = SamplingConfig(n=2, temperature=1.0, max_tokens=12, seed=11)
    one = engines_one.generate(prompts, sampled, return_logprobs=True)
    two = engines_two.generate(prompts, sampled, return_logprobs=True)
    assert [[c.token_ids for c in out] for out in one] == [[c.token_ids for c in out] for out in two]
    assert [[c.logprobs for c in out] for out in one] == [[c.logprobs for c in out] for out in two]
    # A call that fits in one chunk is exactly the local backend's call.
    local = hf_backend.generate(prompts[:4], sampled)
    assert [[c.text for c in out] for out in engines_two.generate(prompts[:4], sampled)] == \
        [[c.text for c in out] for out in local]


def test_rollouts_with_two_engines_equal_one_engine_across_a_weight_update(engines_one, engines_two, tiny_model_dir):
    import torch

    from textbook_gym import get_family
    from textbook_gym.agents.backends import SamplingConfig
    from textbook_gym.agents.models import load_model

    sampling = SamplingConfig(temperature=1.0, max_tokens=12)
    env_ids = [get_family(name).env_id for name in ("Arithmetic", "LinearEquations")]
    options = dict(group_size=2, sampling=sampling, seed=3, progress=False, env_kwargs={"difficulty": 1})

    def records(pool):
        return [r.to_dict() for r in collect_on_cluster(pool, env_ids, 5, **options)]

    before = records(engines_one)
    assert before == records(engines_two)
    assert [(r["episode_index"], r["group_index"]) for r in before] == [(i, g) for i in range(5) for g in range(2)]

    # One optimizer step of the learner: raise the likelihood of the sampled responses.
    model = load_model(tiny_model_dir)
    original = {name: p.detach().clone() for name, p in model.named_parameters()}
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-2)
    model.train()
    for record in before:
        attempt = record["attempts"][0]
        ids = torch.tensor([attempt["prompt_token_ids"] + attempt["token_ids"]])
        labels = ids.clone()
        labels[0, : len(attempt["prompt_token_ids"])] = -100
        model(input_ids=ids, labels=labels).loss.backward()
    optimizer.step()
    try:
        for pool in (engines_one, engines_two):
            pool.update_weights(model.named_parameters())
            assert pool.versions() == [1] * len(pool.slots)
            assert pool.last_broadcast["bytes"] == sum(p.numel() * 4 for p in model.parameters())
        after = records(engines_one)
        assert after == records(engines_two)
        assert [r["attempts"][0]["token_ids"] for r in after] != [r["attempts"][0]["token_ids"] for r in before]
    finally:  # the pools are shared by the module's other tests
        for pool in (engines_one, engines_two):
            pool.update_weights(original.items())


# ---------------------------------------------------------------------------------------------- evaluation
@pytest.fixture(scope="module")
def cluster(engines_two, verifiers):
    """The module's pools as one job's cluster (actors start once per module)."""
    with Cluster(engines=engines_two, verifiers=verifiers) as job:
        yield job


EVAL = dict(n=3, difficulty="1-2", attempts=2, feedback="verdict", max_tokens=16, seed=5, progress=False)


def _same_report(distributed, local) -> None:
    assert distributed.results == local.results
    assert distributed.episodes == local.episodes
    assert {k: v for k, v in distributed.meta.items() if k != "cluster"} == local.meta


def test_distributed_evaluation_equals_a_single_process(ray_local, hf_backend, tiny_model_dir):
    import textbook_gym

    targets = ["Arithmetic", "LinearEquations"]
    # What `textbook-gym eval --ray auto --engines 2` runs: join the running cluster, place, evaluate, clean up.
    distributed = evaluate_on_ray("auto", targets, model=str(tiny_model_dir), engines=2, engine_cpus=SMALL,
                                  verifier_cpus=SMALL, **EVAL)
    local = textbook_gym.evaluate(hf_backend, targets, model=str(tiny_model_dir), **EVAL)
    _same_report(distributed, local)
    assert len(distributed.episodes) == 2 * 2 * 3  # two envs, two levels, three problems: each scored once
    assert distributed.meta["cluster"]["engines"] == 2 and distributed.meta["cluster"]["retried"] == []


def test_distributed_evaluation_survives_an_engine_killed_mid_job(cluster, hf_backend, tiny_model_dir):
    import textbook_gym

    victim = _pid(cluster.engines.slots.handles[0])
    state = {"killed": False}

    def kill_on_first_result(items: int) -> None:  # both engines have a chunk in flight at this point
        if not state["killed"]:
            state["killed"] = True
            os.kill(victim, signal.SIGKILL)

    cluster.engines.on_task = kill_on_first_result
    try:
        distributed = evaluate_on_cluster(cluster, ["Arithmetic"], **EVAL)
    finally:
        cluster.engines.on_task = None
    local = textbook_gym.evaluate(hf_backend, ["Arithmetic"], model=str(tiny_model_dir), **EVAL)
    _same_report(distributed, local)
    report = distributed.meta["cluster"]
    assert report["replaced"] == {"engines": 1}  # this job's share of the pools' logs
    assert report["retried"] and all(e["pool"] == "engines" for e in report["retried"])
    assert report["retried_items"] >= 1 and report["failed"] == []
    assert _pid(cluster.engines.slots.handles[0]) != victim


def test_the_rl_learner_samples_the_same_episodes_from_one_and_two_engines(engines_one, engines_two, tiny_model_dir,
                                                                          tmp_path):
    """EnginePool is a Backend: the project's GRPO learner collects from it unchanged."""
    import dataclasses

    from textbook_gym.agents.config import RLConfig
    from textbook_gym.agents.learners.grpo import GRPOLearner
    from textbook_gym.agents.models import load_model, load_tokenizer

    config = dataclasses.replace(RLConfig(steps=1, problems_per_step=6, group_size=3, max_tokens=12),
                                 max_attempts=2, dynamic_sampling=False)

    def episodes(pool, out):
        learner = GRPOLearner(load_model(tiny_model_dir), load_tokenizer(tiny_model_dir), pool, config,
                              ("Arithmetic", "LinearEquations"), "1", out, progress=False, checkpoint_every=100)
        kept, stats = learner.collect(step=0)
        seen = [(ep.group, ep.problem.id, [(t.prompt_ids, t.completion_ids, t.text) for t in ep.turns], ep.status)
                for ep in kept]
        return seen, stats["statuses"], stats["episodes"]

    one = episodes(engines_one, tmp_path / "one")
    assert one == episodes(engines_two, tmp_path / "two")
    assert one[2] == len(one[0]) == 6 * 3
    assert all(len(turns) == 2 for _, _, turns, status in one[0] if status != "CORRECT")  # feedback, second try
