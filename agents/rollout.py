"""Rollouts for a trainer of your own: ``collect`` episodes from environments through a backend.

:func:`collect` turns environments and a :class:`~textbook_gym.agents.backends.Backend`
into :class:`EpisodeRecord` objects (every attempt with its tokens, log-probabilities
and verdict), for an external trainer or a benchmark; the project's own learner
calls :func:`textbook_gym.agents.learners.episodes.run_groups`. Both play their
episodes with the one runner, :func:`textbook_gym.episodes.play` (lanes,
multi-attempt feedback, finished episodes freeing their slot: see there). What
``collect`` adds:

* Envs come from ids or instances: problem ``i`` comes from entry ``i % len(list)``
  and is drawn with ``reset(seed=seed + i)``; envs made from ids pose the *train*
  split by default (as every env made for training does); ``split="test"`` or
  ``split=None`` (both) choose otherwise. Envs made from ids are kept for the next call.
* ``group_size`` copies of each problem (same problem, same prompt) are sampled
  independently (one request each), for group-normalised advantages:
  ``collect(env, backend, n_problems=4, group_size=2)`` returns 8 records (episodes),
  ``collect(env, backend, n_episodes=8, group_size=2)`` the same 8.
* Sampling seeds derive from ``seed`` and the engine call's number, and verification
  (``env.step``) runs on a thread pool beside generation; a lane waits for its own
  verifications, so the records under a fixed seed never depend on thread timing.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from textbook_gym.agents.backends.base import Backend, SamplingConfig
from textbook_gym.episodes import Attempt, Episode, play
from textbook_gym.errors import UsageError
from textbook_gym.splits import check_split

SEED_STRIDE = 1_000_003
"""Spacing of derived sampling seeds between generate calls (a prime, so calls never share a seed range)."""


@dataclass
class EpisodeRecord:
    """One episode: the problem, every attempt and the outcome."""

    env_id: str
    """Gymnasium id of the env (or the family name for an env built by hand)."""
    episode_index: int
    """Position of the problem in the collection: ``0 .. n_problems - 1`` (the group members share it)."""
    group_index: int
    """Which of the ``group_size`` samples of this problem this is."""
    seed: int | None
    """Seed the episode was reset with (same seed, same problem)."""
    problem_id: str
    """Stable content id of the problem."""
    problem_seed: int | None
    """Seed that regenerates the problem with its family."""
    difficulty: int
    """Difficulty level of the problem."""
    prompt: str
    """The first observation: the full prompt text."""
    max_attempts: int
    """Attempts the env allowed."""
    attempts: list[Attempt] = field(default_factory=list)
    """Every attempt, in order."""
    messages: list[dict[str, str]] = field(default_factory=list)
    """The whole episode as chat messages (prompt, attempts, feedback)."""

    @property
    def attempts_used(self) -> int:
        return len(self.attempts)

    @property
    def reward(self) -> float:
        """Reward of the last attempt (the episode's outcome)."""
        return self.attempts[-1].reward if self.attempts else 0.0

    @property
    def correct(self) -> bool:
        return bool(self.attempts) and self.attempts[-1].verdict.correct

    def to_dict(self) -> dict[str, Any]:
        return {
            "env_id": self.env_id,
            "episode_index": self.episode_index,
            "group_index": self.group_index,
            "seed": self.seed,
            "problem_id": self.problem_id,
            "problem_seed": self.problem_seed,
            "difficulty": self.difficulty,
            "prompt": self.prompt,
            "max_attempts": self.max_attempts,
            "attempts_used": self.attempts_used,
            "reward": self.reward,
            "correct": self.correct,
            "attempts": [a.to_dict() for a in self.attempts],
            "messages": self.messages,
        }


_IDLE_ENVS: dict[str, list[Any]] = {}
"""Envs made from ids by earlier :func:`collect` calls, by (id, kwargs), free for the next call.

An RL run calls :func:`collect` every step with the same ids; ``gym.make`` for every slot
of every call would be pure overhead, since ``reset(seed=...)`` fully re-initialises a
textbook env. Envs handed in as instances are deep-copied per call instead (the caller
may have changed them in between)."""
_IDLE_LOCK = threading.Lock()
_IDLE_CAP = 4096
"""Most idle envs kept per key (two lanes of the largest batch size anyone needs, and then some)."""


class _EnvSource:
    """Builds env instances for one entry of ``envs_or_env_ids`` (reusing idle ones made from ids)."""

    def __init__(self, spec: Any, env_kwargs: dict[str, Any], split: str | None = "auto"):
        self._key: str | None = None
        if isinstance(spec, str):
            import gymnasium as gym

            import textbook_gym  # noqa: F401 - registers textbook/* ids

            if spec not in gym.registry:
                textbook_gym.get_family(spec)  # an unknown textbook name fails here, with close names
            if split != "auto":
                env_kwargs = {**env_kwargs, "split": split}
            self.env_id = spec
            # The registry's conformance suite checks every env; skipping the per-instance
            # passive checker saves its first-call checks on every slot.
            options = {"disable_env_checker": True, **env_kwargs}
            self._make: Callable[[], Any] = lambda: gym.make(spec, **options)
            self._key = f"{spec}|{sorted(env_kwargs.items())!r}"
        elif hasattr(spec, "reset") and hasattr(spec, "step"):
            if env_kwargs:
                raise ValueError("env_kwargs only apply to env ids; configure env instances when you build them")
            family = getattr(getattr(spec, "unwrapped", spec), "family", None)
            spec_id = getattr(getattr(spec, "spec", None), "id", None)
            self.env_id = spec_id or getattr(family, "env_id", None) or type(spec).__name__
            if split != "auto" and not hasattr(spec.unwrapped, "split"):
                raise UsageError(f"collect(split={split!r}) needs envs that pose a split (TextbookEnv); "
                                 f"{type(spec.unwrapped).__name__} has none: leave split out")
            self._make = lambda: _copy_with_split(spec, split)
        else:
            raise TypeError(f"expected an env id string or a TextbookEnv, got {type(spec).__name__}")

    def make(self) -> Any:
        if self._key is not None:
            with _IDLE_LOCK:
                idle = _IDLE_ENVS.get(self._key)
                if idle:
                    return idle.pop()
        return self._make()

    def release(self, envs: list[Any]) -> None:
        """Hand envs back when a collection ends: kept for the next call if made from an id."""
        if self._key is None or not envs:
            return
        with _IDLE_LOCK:
            idle = _IDLE_ENVS.setdefault(self._key, [])
            idle.extend(envs[: max(0, _IDLE_CAP - len(idle))])


def _copy_with_split(env: Any, split: str | None) -> Any:
    copied = copy.deepcopy(env)
    if split != "auto":
        copied.unwrapped.split = split
    return copied


def collect(
    envs_or_env_ids: Any,
    backend: Backend,
    n_problems: int | None = None,
    group_size: int = 1,
    sampling: SamplingConfig | None = None,
    seed: int | None = 0,
    progress: bool = True,
    *,
    n_episodes: int | None = None,
    split: str | None = "auto",
    batch_size: int = 256,
    return_logprobs: bool = True,
    use_chat: bool | None = None,
    env_kwargs: dict[str, Any] | None = None,
    verify_threads: int = 4,
    seed_sampling: bool = True,
) -> list[EpisodeRecord]:
    """Run ``n_problems`` problems x ``group_size`` samples (episodes) through ``backend``.

    Args:
        envs_or_env_ids: an env id (``"textbook/Arithmetic-v1"``), a ``TextbookEnv``, or a list of
            them; problem ``i`` comes from entry ``i % len(list)``. Instances are deep-copied per slot.
        backend: any :class:`~textbook_gym.agents.backends.Backend`.
        n_problems: number of problems; the collection has ``n_problems * group_size`` episodes.
        group_size: independent samples per problem (same problem, same prompt).
        n_episodes: the number of episodes (records) instead, a multiple of ``group_size``
            (``n_episodes / group_size`` problems). Give ``n_problems`` or ``n_episodes``, not both.
        split: ``"train"``, ``"test"`` or ``None`` (both): the problems the envs pose. The default,
            ``"auto"``, leaves each env its own (an env id: ``"train"``); an explicit split is given to
            envs made from ids and set on the copies of env instances.
        sampling: sampling settings; ``n`` is ignored (the runner asks one completion per episode).
        seed: problem ``i`` is drawn with ``reset(seed=seed + i)``; sampling seeds derive from it, so the
            same call on the same backend and hardware returns the same records. ``None``: fresh randomness.
        progress: show a progress bar (tqdm; hidden automatically when output is not a terminal).
        batch_size: most episodes per engine call; up to twice this many are in flight (two lanes).
        return_logprobs: record per-token log-probabilities.
        use_chat: send chat messages (``True``) or the text observation (``False``); by default chat
            when the backend's tokenizer has a chat template.
        env_kwargs: keyword arguments for ``gym.make`` when env ids are given (``max_attempts=2`` ...).
        verify_threads: threads running ``env.step`` (verification) beside generation.
        seed_sampling: derive per-prompt sampling seeds from ``seed`` (reproducible attempts). ``False``
            keeps the problems seeded but leaves sampling to the engine's own generator, which is cheaper:
            vLLM's sampler draws seeded requests' noise one request at a time, and an OpenAI-compatible
            server needs one request per seeded prompt (+3% and +62% of the engine's time at 128 prompts
            on a 2-core CPU, ``benchmarks/rollout.py``). An explicit ``sampling.seed`` is always honoured.

    Returns:
        ``n_problems * group_size`` records (episodes) ordered by (episode_index, group_index).
    """
    n_problems = _check_collect_args(n_problems, n_episodes, group_size, batch_size, verify_threads, seed, backend,
                                     sampling, env_kwargs)
    if split != "auto":
        split = check_split(split)
    specs = list(envs_or_env_ids) if isinstance(envs_or_env_ids, (list, tuple)) else [envs_or_env_ids]
    if not specs:
        raise UsageError("envs_or_env_ids is empty; pass an env id or a TextbookEnv")
    sources = [_EnvSource(spec, dict(env_kwargs or {}), split) for spec in specs]
    sampling = replace(sampling or SamplingConfig(), n=1)
    chat = backend.has_chat_template if use_chat is None else bool(use_chat)
    total = n_problems * group_size
    poser = _Poser(sources, seed, group_size)
    bar = _progress_bar(total, progress)

    def finished(episode: Episode) -> None:
        poser.free(episode)
        if bar is not None:
            bar.update(1)

    try:
        episodes = play(
            poser.units(n_problems),
            backend.generate,
            prompt=(lambda e: e.messages) if chat else (lambda e: e.observation),
            sampling=_seeded(sampling, seed if seed_sampling else None),
            batch_size=batch_size,
            verify_threads=verify_threads,
            return_logprobs=return_logprobs,
            on_done=finished,
        )
        for source, envs in zip(sources, poser.spare):  # only after a clean run: no env is mid-episode
            source.release(envs)
    finally:
        if bar is not None:
            bar.close()
    records = []
    for episode in episodes:
        record: EpisodeRecord = episode.tag
        record.messages = episode.messages
        records.append(record)
    records.sort(key=lambda r: (r.episode_index, r.group_index))
    return records


def _seeded(sampling: SamplingConfig, seed: int | None) -> Callable[[int, int], SamplingConfig]:
    """Engine call ``call``'s sampling: a seed derived from ``seed`` (or from an explicit ``sampling.seed``)."""

    def for_call(n: int, call: int) -> SamplingConfig:
        if sampling.seed is not None:
            return replace(sampling, n=n, seed=(sampling.seed + call * SEED_STRIDE) % (2**63))
        if seed is not None:
            return replace(sampling, n=n, seed=(seed * SEED_STRIDE + call) % (2**63))
        return replace(sampling, n=n)

    return for_call


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_collect_args(n_problems, n_episodes, group_size, batch_size, verify_threads, seed, backend, sampling,
                        env_kwargs) -> int:
    """The number of problems to collect, after checking every argument (one UsageError naming the fix)."""
    for name, value, low in (("group_size", group_size, 1), ("batch_size", batch_size, 1),
                             ("verify_threads", verify_threads, 1)):
        if not _whole(value) or value < low:
            raise UsageError(f"{name} must be a whole number >= {low}, got {value!r}")
    if (n_problems is None) == (n_episodes is None):
        raise UsageError("give the collection's size once: n_problems (problems; each yields group_size episodes) "
                         "or n_episodes (episodes in all)")
    if n_episodes is not None:
        if not _whole(n_episodes) or n_episodes < 0 or n_episodes % group_size:
            raise UsageError(f"n_episodes must be a whole multiple of group_size={group_size} (each problem is "
                             f"played group_size times), got {n_episodes!r}; or pass n_problems instead")
        n_problems = n_episodes // group_size
    if not _whole(n_problems) or n_problems < 0:
        raise UsageError(f"n_problems must be a whole number >= 0, got {n_problems!r}")
    if seed is not None and not _whole(seed):
        raise UsageError(f"seed must be an int or None, got {seed!r}")
    if not callable(getattr(backend, "generate", None)):
        raise TypeError(f"backend must be a rollout backend (make_backend(...)), got {type(backend).__name__}")
    if sampling is not None and not isinstance(sampling, SamplingConfig):
        raise TypeError(f"sampling must be a SamplingConfig, got {type(sampling).__name__}")
    if env_kwargs is not None and not isinstance(env_kwargs, dict):
        raise TypeError(f"env_kwargs must be a dict of gym.make keyword arguments, got {type(env_kwargs).__name__}")
    if env_kwargs and "split" in env_kwargs:
        raise UsageError("pass the split as collect(split=...), not in env_kwargs")
    return n_problems


class _Poser:
    """Poses collect's episodes one at a time, as the runner has room, on reused envs."""

    def __init__(self, sources: list[_EnvSource], seed: int | None, group_size: int):
        self.sources = sources
        self.seed = seed
        self.group_size = group_size
        self.spare: list[list[Any]] = [[] for _ in sources]  # envs of finished episodes, reused for new ones
        self._first: dict[int, Any] = {}  # episode index -> problem drawn by its first group member

    def units(self, n_problems: int) -> Iterator[list[Episode]]:
        """One unit per episode: group members are sampled independently (one request each)."""
        for index in range(n_problems):
            for group in range(self.group_size):
                yield [self._start(index, group)]

    def free(self, episode: Episode) -> None:
        self.spare[self._source_of(episode.tag.episode_index)].append(episode.env)

    def _source_of(self, index: int) -> int:
        return index % len(self.sources)

    def _start(self, index: int, group: int) -> Episode:
        source_no = self._source_of(index)
        source = self.sources[source_no]
        env = self.spare[source_no].pop() if self.spare[source_no] else source.make()
        seed = None if self.seed is None else self.seed + index
        options = {"problem": self._first[index]} if group > 0 and index in self._first else None
        observation, info = env.reset(seed=seed, options=options)
        problem = env.unwrapped.problem
        if group == 0 and self.group_size > 1:
            self._first[index] = problem
        elif group == self.group_size - 1:
            self._first.pop(index, None)
        record = EpisodeRecord(
            env_id=source.env_id,
            episode_index=index,
            group_index=group,
            seed=seed,
            problem_id=info.get("problem_id", problem.id),
            problem_seed=info.get("seed", problem.seed),
            difficulty=int(info.get("difficulty", problem.difficulty)),
            prompt=observation,
            max_attempts=int(info.get("max_attempts", 1)),
            messages=info["messages"],
        )
        episode = Episode(env=env, observation=observation, messages=info["messages"], tag=record)
        record.attempts = episode.attempts  # the runner appends each attempt to this very list
        return episode


def _progress_bar(total: int, enabled: bool):
    if not enabled or total == 0:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return None
    return tqdm(total=total, desc="rollouts", unit="ep", disable=None, dynamic_ncols=True)


def summarize(records: Sequence[EpisodeRecord]) -> dict[str, Any]:
    """Mean reward, accuracy, attempts used and verdict counts (TIMEOUT/ERROR kept apart from INCORRECT)."""
    statuses: dict[str, int] = {}
    for record in records:
        for attempt in record.attempts:
            key = attempt.verdict.status.value
            statuses[key] = statuses.get(key, 0) + 1
    count = len(records) or 1
    return {
        "episodes": len(records),
        "mean_reward": sum(r.reward for r in records) / count,
        "accuracy": sum(r.correct for r in records) / count,
        "mean_attempts": sum(r.attempts_used for r in records) / count,
        "generated_tokens": sum(len(a.token_ids) for r in records for a in r.attempts),
        "verdicts": statuses,
    }


__all__ = ["Attempt", "EpisodeRecord", "collect", "summarize"]
