"""Rollouts across engine actors: :func:`textbook_gym.agents.rollout.collect`, sharded.

The episodes are cut into fixed shards of ``episodes_per_shard`` problems. The
shard that starts at episode ``s`` runs ``collect`` on one engine with
``seed + s``: ``collect`` resets problem ``i`` with ``seed + i``, so every problem
is the one a single ``collect`` would pose, and the shard's sampling seeds derive
from its own start. Records come back renumbered to global episode indices and in
``(episode_index, group_index)`` order. Because a shard's records depend only on
the shard, its seed and the weights, never on which engine ran it or how many
engines there are, one engine and two engines return the same records, and a
shard retried after its engine died returns what it would have returned. A
collection that fits in one shard is exactly a local ``collect``.

Verification runs beside generation inside each engine actor (``collect``'s own
verify threads), where the responses are: an RL step's verdicts never cross the
network.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textbook_gym.distributed.dispatch import Task


def collect_on_cluster(
    engines: Any,
    envs_or_env_ids: Any,
    n_episodes: int,
    group_size: int = 1,
    sampling: Any = None,
    seed: int | None = 0,
    progress: bool = True,
    *,
    episodes_per_shard: int | None = None,
    **options: Any,
) -> list:
    """``collect(envs_or_env_ids, backend, n_episodes, group_size, sampling, seed, **options)`` on an
    :class:`~textbook_gym.distributed.engines.EnginePool`; see the module docstring.

    ``options`` are ``collect``'s keyword arguments (``batch_size``, ``env_kwargs``,
    ``return_logprobs``, ``use_chat``, ``seed_sampling`` ...). ``episodes_per_shard``
    defaults to the pool's ``EnginePoolConfig.episodes_per_shard``.
    """
    from textbook_gym.agents.backends import SamplingConfig

    if n_episodes < 0 or group_size < 1:
        raise ValueError(f"need n_episodes >= 0 and group_size >= 1, got {n_episodes}, {group_size}")
    options.pop("progress", None)
    shard = episodes_per_shard or engines.config.episodes_per_shard
    sampling = sampling or SamplingConfig()
    tasks = []
    for start in range(0, n_episodes, shard):
        count = min(shard, n_episodes - start)
        shard_sampling = sampling if sampling.seed is None else replace(sampling, seed=(sampling.seed + start) % 2**63)
        shard_seed = None if seed is None else seed + start
        payload = (envs_or_env_ids, count, group_size, shard_sampling, shard_seed, options)
        tasks.append(Task(key=start, payload=payload, items=tuple(range(start, start + count))))
    bar = _bar(n_episodes * group_size, progress)

    def advance(task: Task, records: list) -> None:
        if bar is not None:
            bar.update(len(records))

    try:
        results = engines._run(tasks, lambda handle, p: handle.collect.remote(*p), on_result=advance)
    finally:
        if bar is not None:
            bar.close()
    records = []
    for start in sorted(results):
        for record in results[start]:
            record.episode_index += start
            records.append(record)
    return records


def _bar(total: int, enabled: bool):
    if not enabled or total == 0:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, desc="rollouts", unit="ep", disable=None, dynamic_ncols=True)


__all__ = ["collect_on_cluster"]
