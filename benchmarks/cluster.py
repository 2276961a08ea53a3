"""What Ray costs and what it buys, measured on a local Ray cluster in one run.

    .venv/bin/python benchmarks/cluster.py [--cpus 2] [--items 1200] [--n 8] [--repeat 3]

Three measurements, each against its single-process baseline in the same run:

* **Verification** (checks/s): the families' own verifiers on worked solutions and
  wrong answers of the ``core`` suite (the reward an RL step computes), first with the
  local registry (``verify_many``, its thread pool and sandbox pool), then through
  ``RayVerifierPool`` with 1 and 2 actors. The ratios to the local run are Ray's
  overhead (1 actor) and what a second process buys on this machine (2 actors).
* **Evaluation** (problems/s): ``textbook_gym.evaluate`` with the hf backend on the
  tiny model in this process, then ``evaluate_on_cluster`` with 1 and 2 engine actors
  (one verification actor). Engines are started and warmed before timing.
* **Weight broadcast** (seconds per update): ``EnginePool.update_weights`` to 2 engines
  for the ``tiny`` and ``small`` models: publishing into the object store, the slowest
  engine's load, and the whole call; then the object store alone on a larger payload
  (``--transport-mb``, 512 MiB), read by two receivers, for its bandwidth.

Each figure is the median of ``--repeat`` runs. Results go to
``benchmarks/results/cluster.json``. The machine's other load shifts absolute figures;
compare ratios within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).with_name("results") / "cluster.json"


def _median_time(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def verification_workload(items: int):
    """(responses, golds) for the family verifier: half worked solutions, half wrong final answers."""
    import numpy as np

    from textbook_gym import get_family
    from textbook_gym.suites import get_suite

    families = [get_family(e.env_id) for e in get_suite("core").entries()]
    rng = np.random.default_rng(0)
    responses, golds = [], []
    while len(responses) < items:
        family = families[len(responses) % len(families)]
        problem = family.generate(rng, int(rng.integers(1, 6)))
        solution = family.worked_solution(problem)
        if len(responses) % 2:
            solution = solution.rsplit("\\boxed{", 1)[0] + "\\boxed{-12345}"
        responses.append(solution)
        golds.append((family, problem))
    return responses, golds


def bench_verification(args) -> dict:
    from textbook_gym.distributed import RayVerifierPool, VerifierPoolConfig
    from textbook_gym.distributed.evaluation import _episode_verifier
    from textbook_gym.verifiers.registry import verify_many

    responses, golds = verification_workload(args.items)
    verifier = _episode_verifier()
    verify_many(responses[:50], golds[:50], verifier)  # warm the local sandbox pool and imports
    local_s, local = _median_time(lambda: verify_many(responses, golds, verifier), args.repeat)
    rows = {"local": {"seconds": local_s, "checks_per_s": len(responses) / local_s}}
    for actors in (1, 2):
        pool = RayVerifierPool(VerifierPoolConfig(actors=actors, num_cpus=1, chunk_items=args.chunk_items))
        try:
            pool.warm()
            pool.verify_many(responses[:50], golds[:50], verifier)
            seconds, remote = _median_time(lambda pool=pool: pool.verify_many(responses, golds, verifier),
                                           args.repeat)
        finally:
            pool.close()
        assert [v.status for v in remote] == [v.status for v in local], "the service changed a verdict"
        rows[f"ray_{actors}"] = {"seconds": seconds, "checks_per_s": len(responses) / seconds,
                                 "ratio_to_local": local_s / seconds}
    return {"items": len(responses), "chunk_items": args.chunk_items, **rows}


def bench_evaluation(args, model: str) -> dict:
    import torch

    import textbook_gym
    from textbook_gym.agents.backends import make_backend
    from textbook_gym.distributed import (
        Cluster,
        EnginePool,
        EnginePoolConfig,
        RayVerifierPool,
        VerifierPoolConfig,
        evaluate_on_cluster,
    )

    options = dict(n=args.n, difficulty=args.difficulty, max_tokens=args.max_tokens, progress=False, model=model)
    # The baseline runs with the engines' thread count (one): on a busy 2-core machine two torch threads
    # spin against each other and the other jobs, which would credit Ray with a speed-up it did not make.
    threads = torch.get_num_threads()
    torch.set_num_threads(args.local_threads)
    backend = make_backend("hf", model=model, device="cpu")
    textbook_gym.evaluate(backend, args.suite, **{**options, "n": 1})
    local_s, local = _median_time(lambda: textbook_gym.evaluate(backend, args.suite, **options), args.repeat)
    backend.close()
    torch.set_num_threads(threads)
    problems = len(local.episodes)
    rows = {"local": {"seconds": local_s, "problems_per_s": problems / local_s, "torch_threads": args.local_threads}}
    verifiers = RayVerifierPool(VerifierPoolConfig(actors=1, num_cpus=0.5))
    try:
        for engines in (1, 2):
            # 0.75 CPU each: two engines and the verifier fit the 2-CPU cluster (an engine runs 1 thread either way).
            pool = EnginePool(EnginePoolConfig(model=model, engines=engines, num_cpus=0.75,
                                               chunk_prompts=args.chunk_prompts))
            try:
                with Cluster(engines=pool, verifiers=verifiers) as cluster:
                    evaluate_on_cluster(cluster, args.suite, **{**options, "n": 1})  # start and warm the actors
                    seconds, report = _median_time(lambda c=cluster: evaluate_on_cluster(c, args.suite, **options),
                                                   args.repeat)
            finally:
                pool.close()
            same = report.results == local.results and report.episodes == local.episodes
            rows[f"ray_{engines}"] = {"seconds": seconds, "problems_per_s": problems / seconds,
                                      "ratio_to_local": local_s / seconds, "identical_to_local": same}
    finally:
        verifiers.close()
    return {"suite": args.suite, "problems": problems, "max_tokens": args.max_tokens,
            "chunk_prompts": args.chunk_prompts, **rows}


def bench_broadcast(args, models: dict[str, str]) -> dict:
    from textbook_gym.agents.models import load_model
    from textbook_gym.distributed import EnginePool, EnginePoolConfig

    rows = {}
    for size, path in models.items():
        model = load_model(path)
        pool = EnginePool(EnginePoolConfig(model=path, engines=2, num_cpus=0.5))
        try:
            pool.versions()  # started
            runs = []
            for _ in range(args.repeat):
                pool.update_weights(model.named_parameters())
                runs.append(dict(pool.last_broadcast))
            assert pool.versions() == [args.repeat] * 2
        finally:
            pool.close()
        rows[size] = {
            "parameters": sum(p.numel() for p in model.parameters()),
            "bytes": runs[0]["bytes"],
            **{key: statistics.median(r[key] for r in runs) for key in ("publish_s", "max_load_s", "total_s")},
        }
    rows["transport"] = bench_transport(args)
    return {"engines": 2, **rows}


def _read_all(state) -> float:
    """Touch every byte a receiver got (what loading it into a model does)."""
    return float(sum(float(a.sum()) for a in state.values()))


def bench_transport(args) -> dict:
    """The object store alone, on a payload the size of a larger model: publish, and two receivers reading it."""
    import ray
    import torch

    from textbook_gym.distributed.weights import ObjectStoreWeights

    count = args.transport_mb * 2**20 // 4 // 64
    params = [(f"layer{i}.weight", torch.ones(count)) for i in range(64)]
    read = ray.remote(num_cpus=0.5)(_read_all)
    ray.get([read.remote({"x": torch.ones(1).numpy()}) for _ in range(2)])  # workers started
    runs = []
    for _ in range(args.repeat):
        transport = ObjectStoreWeights()
        t0 = time.perf_counter()
        published = transport.publish(params)
        ray.get([read.remote(published.ref) for _ in range(2)])
        runs.append({"publish_s": published.seconds, "total_s": time.perf_counter() - t0, "bytes": published.nbytes})
        del published
    total = statistics.median(r["total_s"] for r in runs)
    publish = statistics.median(r["publish_s"] for r in runs)
    return {"bytes": runs[0]["bytes"], "publish_s": publish, "total_s": total,
            "publish_gb_per_s": runs[0]["bytes"] / publish / 1e9, "end_to_end_gb_per_s": runs[0]["bytes"] / total / 1e9}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cpus", type=int, default=2, help="CPUs of the local Ray cluster")
    parser.add_argument("--items", type=int, default=1200, help="verifications per timed batch")
    parser.add_argument("--chunk-items", type=int, default=64)
    parser.add_argument("--suite", default="arithmetic")
    parser.add_argument("--n", type=int, default=8, help="problems per env and level in the evaluation")
    parser.add_argument("--difficulty", default="1-2")
    parser.add_argument("--max-tokens", type=int, default=32)
    parser.add_argument("--chunk-prompts", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--local-threads", type=int, default=1, help="torch threads of the local evaluation baseline")
    parser.add_argument("--transport-mb", type=int, default=512, help="payload of the object-store bandwidth run")
    parser.add_argument("--out", default=str(RESULTS))
    parser.add_argument("--only", nargs="+", choices=("verification", "evaluation", "broadcast"),
                        default=["verification", "evaluation", "broadcast"])
    args = parser.parse_args()

    from textbook_gym.agents.models import build_tiny_model
    from textbook_gym.distributed import connect

    # Ray starts its workers at niceness 15; on a shared machine that would time other people's
    # jobs against the actors, not Ray. Workers here run at the driver's priority.
    os.environ.setdefault("RAY_worker_niceness", "0")
    work = Path(tempfile.mkdtemp(prefix="cluster-bench-"))
    models = {size: str(build_tiny_model(size, work / size, seed=0)) for size in ("tiny", "small")}
    connect(num_cpus=args.cpus)
    results: dict = {"machine": {"cpus": os.cpu_count(), "ray_cpus": args.cpus, "python": platform.python_version(),
                                 "ray_worker_niceness": os.environ["RAY_worker_niceness"],
                                 "load_avg_at_start": os.getloadavg()[0]}}
    if "verification" in args.only:
        results["verification"] = bench_verification(args)
        print(json.dumps({"verification": results["verification"]}, indent=1), flush=True)
    if "evaluation" in args.only:
        results["evaluation"] = bench_evaluation(args, models["tiny"])
        print(json.dumps({"evaluation": results["evaluation"]}, indent=1), flush=True)
    if "broadcast" in args.only:
        results["broadcast"] = bench_broadcast(args, models)
        print(json.dumps({"broadcast": results["broadcast"]}, indent=1))
    results["machine"]["load_avg_at_end"] = os.getloadavg()[0]
    out = Path(args.out)
    if out.exists() and set(args.only) != {"verification", "evaluation", "broadcast"}:  # a partial rerun
        results = {**json.loads(out.read_text()), **{k: v for k, v in results.items() if k != "machine"},
                   f"machine_{'_'.join(args.only)}": results["machine"]}
    out.write_text(json.dumps(results, indent=1) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
