"""Benchmark any model on textbook problem suites.

``evaluate(policy, "core")`` poses fixed test-split problems (see
:mod:`textbook_gym.export` for the split rule) to a policy and scores them with the
families' verifiers. ``policy`` is a rollout backend from
:mod:`textbook_gym.agents.backends` (hf, vllm, openai) or any callable from a list
of prompts to a list of responses, so an API, a script or a person can be measured
the same way. The report keeps UNPARSEABLE, TIMEOUT and ERROR apart from
INCORRECT and records everything needed to rerun the same problems.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from textbook_gym import __version__
from textbook_gym.env import TextbookEnv, parse_difficulty
from textbook_gym.export import problems as split_problems
from textbook_gym.passk import mean_interval, pass_at_k
from textbook_gym.problem import Problem
from textbook_gym.registry import get_family
from textbook_gym.report import EvalReport
from textbook_gym.suites import SUITES, get_suite

PromptPolicy = Callable[[list[str]], list[str]]


@dataclass(frozen=True)
class EvalConfig:
    """What to pose and how to sample; recorded in every report."""

    n: int = 20
    """Problems per env id and difficulty level (from the test split)."""
    k: tuple[int, ...] = (1,)
    """pass@k values to report; needs ``samples >= max(k)``."""
    samples: int | None = None
    """Samples per problem (default ``max(k)``)."""
    difficulty: tuple[int, int] | None = None
    """Difficulty range for every env (default: the suite's, or 1-10 for explicit env ids)."""
    attempts: int = 1
    """Attempts per episode; more than 1 measures trial and error with feedback."""
    feedback: str = "verdict"
    """Feedback after a wrong attempt: ``none``, ``verdict`` or ``hint``."""
    open_book: bool = False
    """Put an exposition passage in front of each problem."""
    seed: int = 0
    """Seed of the problem streams and of sampling; the same seed poses the same problems."""
    temperature: float | None = None
    """Sampling temperature (default: 0, greedy, for one sample; 1.0 for several)."""
    max_tokens: int = 256
    """Most tokens per response (backends only)."""

    def __post_init__(self) -> None:
        k = (self.k,) if isinstance(self.k, int) else tuple(sorted(set(int(v) for v in self.k)))
        object.__setattr__(self, "k", k)
        if self.samples is None:
            object.__setattr__(self, "samples", max(k))
        if self.samples < max(k):
            raise ValueError(f"pass@{max(k)} needs samples >= {max(k)}, got samples={self.samples}")
        if self.n < 1 or self.attempts < 1:
            raise ValueError("n and attempts must be at least 1")
        if self.temperature is None:
            object.__setattr__(self, "temperature", 0.0 if self.samples == 1 else 1.0)


@dataclass
class _Episode:
    env_id: str
    difficulty: int
    problem_index: int
    sample: int
    env: TextbookEnv
    observation: str
    messages: list[dict[str, str]]
    statuses: list[str] = field(default_factory=list)
    tokens: int | None = 0
    solved_at: int | None = None
    done: bool = False


def resolve_targets(suite_or_env_ids: str | Sequence[str], difficulty: tuple[int, int] | None):
    """[(env_id, (lo, hi)), ...] from a suite name, one env id, or a list of env ids/family names."""
    if isinstance(suite_or_env_ids, str) and suite_or_env_ids in SUITES:
        suite = get_suite(suite_or_env_ids)
        return suite.name, [(e.env_id, difficulty or e.difficulty) for e in suite.entries()]
    ids = [suite_or_env_ids] if isinstance(suite_or_env_ids, str) else list(suite_or_env_ids)
    if not ids:
        raise ValueError("nothing to evaluate: pass a suite name or at least one env id")
    return None, [(get_family(i).env_id, difficulty or (1, 10)) for i in ids]


def _is_backend(policy: Any) -> bool:
    return hasattr(policy, "generate") and hasattr(policy, "name")


def evaluate(
    policy: Any,
    suite_or_env_ids: str | Sequence[str],
    *,
    n: int = 20,
    k: int | Sequence[int] = 1,
    difficulty: int | str | Sequence[int] | None = None,
    attempts: int = 1,
    feedback: str = "verdict",
    open_book: bool = False,
    seed: int = 0,
    samples: int | None = None,
    temperature: float | None = None,
    max_tokens: int = 256,
    model: str | None = None,
    progress: bool = True,
) -> EvalReport:
    """Evaluate ``policy`` on a suite (``"core"``, ``"algebra"``, ...) or env ids; see the module docstring.

    >>> from textbook_gym import get_family
    >>> fam = get_family("Arithmetic")
    >>> oracle = lambda prompts: ["Answer: 0"] * len(prompts)
    >>> report = evaluate(oracle, ["textbook/Arithmetic-v0"], n=2, difficulty=1, progress=False)
    >>> report.results["textbook/Arithmetic-v0"][1]["n"]
    2
    """
    config = EvalConfig(
        n=n, k=tuple(k) if not isinstance(k, int) else (k,), samples=samples,
        difficulty=parse_difficulty(difficulty) if difficulty is not None else None,
        attempts=attempts, feedback=feedback, open_book=open_book, seed=seed, temperature=temperature,
        max_tokens=max_tokens,
    )
    suite_name, targets = resolve_targets(suite_or_env_ids, config.difficulty)
    episodes, problem_sets = _pose(targets, config)
    _play(policy, episodes, config, progress)
    results = _aggregate(targets, episodes, config)
    meta = _meta(policy, model, suite_name, targets, config, problem_sets)
    return EvalReport(meta=meta, results=results, episodes=[_episode_row(e) for e in episodes])


def _pose(targets, config: EvalConfig):
    episodes: list[_Episode] = []
    problem_sets: dict[str, list[str]] = {}
    for env_id, (lo, hi) in targets:
        family = get_family(env_id)
        ids = problem_sets.setdefault(env_id, [])
        for level in range(lo, hi + 1):
            posed: list[Problem] = split_problems(family, "test", config.n, seed=config.seed, difficulty=level)
            for index, problem in enumerate(posed):
                ids.append(problem.id)
                for sample in range(config.samples):
                    env = TextbookEnv(family, difficulty=level, max_attempts=config.attempts,
                                      feedback=config.feedback, open_book=config.open_book)
                    # Seeded per problem and sample so open-book passages repeat across runs.
                    obs, _ = env.reset(seed=_episode_seed(config.seed, problem.id, sample),
                                       options={"problem": problem})
                    episodes.append(_Episode(env_id, level, index, sample, env, obs, env.messages))
    return episodes, problem_sets


def _episode_seed(seed: int, problem_id: str, sample: int) -> int:
    digest = hashlib.sha256(f"{seed}:{problem_id}:{sample}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def _play(policy: Any, episodes: list[_Episode], config: EvalConfig, progress: bool) -> None:
    backend = _is_backend(policy)
    if not backend and not callable(policy):
        raise TypeError("policy must be a rollout backend (make_backend(...)) or a callable list[str] -> list[str]")
    bar = _progress(len(episodes), progress)
    try:
        for attempt in range(config.attempts):
            active = [e for e in episodes if not e.done]
            if not active:
                break
            responses = _respond(policy, backend, active, config, first=attempt == 0)
            for episode, (text, tokens) in zip(active, responses):
                obs, _, terminated, _, info = episode.env.step(text)
                episode.statuses.append(info["status"])
                episode.tokens = None if tokens is None or episode.tokens is None else episode.tokens + tokens
                if info["correct"] and episode.solved_at is None:
                    episode.solved_at = attempt + 1
                if terminated:
                    episode.done = True
                    bar.update(1)
                else:
                    episode.observation, episode.messages = obs, info["messages"]
    finally:
        bar.close()


def _respond(policy, backend: bool, active: list[_Episode], config: EvalConfig, first: bool):
    """(text, generated tokens or None) for each active episode, in order."""
    if not backend:
        prompts = [e.observation for e in active]
        texts = list(policy(prompts))
        if len(texts) != len(prompts):
            raise ValueError(f"policy returned {len(texts)} responses for {len(prompts)} prompts")
        return [(t if isinstance(t, str) else str(t), None) for t in texts]
    from textbook_gym.agents.backends import SamplingConfig
    from textbook_gym.agents.backends.prompts import policy_prompt

    chat = getattr(policy, "has_chat_template", False)

    def prompt_of(e: _Episode):  # exactly what the training pipeline gives a model (SFT, RL)
        return policy_prompt(e.observation, e.messages, chat)

    if first and config.samples > 1:
        # All samples of a problem share the first prompt: one request with n=samples.
        heads = [e for e in active if e.sample == 0]
        sampling = SamplingConfig(n=config.samples, temperature=config.temperature, max_tokens=config.max_tokens,
                                  seed=config.seed)
        outputs = policy.generate([prompt_of(e) for e in heads], sampling)
        by_problem = {(e.env_id, e.difficulty, e.problem_index): out for e, out in zip(heads, outputs)}
        return [(c.text, len(c.token_ids)) for c in
                (by_problem[(e.env_id, e.difficulty, e.problem_index)][e.sample] for e in active)]
    sampling = SamplingConfig(n=1, temperature=config.temperature, max_tokens=config.max_tokens, seed=config.seed)
    outputs = policy.generate([prompt_of(e) for e in active], sampling)
    return [(out[0].text, len(out[0].token_ids)) for out in outputs]


def _aggregate(targets, episodes: list[_Episode], config: EvalConfig) -> dict[str, dict[int, dict[str, Any]]]:
    groups: dict[tuple[str, int], dict[int, list[_Episode]]] = {}
    for e in episodes:
        groups.setdefault((e.env_id, e.difficulty), {}).setdefault(e.problem_index, []).append(e)
    results: dict[str, dict[int, dict[str, Any]]] = {}
    for (env_id, level), by_problem in groups.items():
        samples = [e for group in by_problem.values() for e in group]
        per_problem = {kk: [pass_at_k(len(g), sum(e.solved_at is not None for e in g), kk)
                            for g in by_problem.values()] for kk in config.k}
        first = [sum(e.solved_at == 1 for e in g) / len(g) for g in by_problem.values()]
        statuses = [s for e in samples for s in e.statuses]
        tokens = [e.tokens for e in samples]
        row: dict[str, Any] = {
            "n": len(by_problem),
            "samples": config.samples,
            "pass@1": _mean([pass_at_k(len(g), sum(e.solved_at is not None for e in g), 1)
                             for g in by_problem.values()]),
            "pass@k": {str(kk): _mean(v) for kk, v in per_problem.items()},
            "ci95": list(mean_interval([pass_at_k(len(g), sum(e.solved_at is not None for e in g), 1)
                                        for g in by_problem.values()])),
            "unparseable_rate": _rate(statuses, "UNPARSEABLE"),
            "timeout_rate": _rate(statuses, "TIMEOUT"),
            "error_rate": _rate(statuses, "ERROR"),
            "incorrect_rate": _rate(statuses, "INCORRECT"),
            "mean_tokens": None if any(t is None for t in tokens) else _mean([float(t) for t in tokens]),
        }
        for kk, values in per_problem.items():
            row[f"pass@{kk}"] = _mean(values)
        if config.attempts > 1:
            row["first_attempt_pass"] = _mean(first)
            row["solved_by_attempt"] = [
                _mean([float(e.solved_at is not None and e.solved_at <= a) for e in samples])
                for a in range(1, config.attempts + 1)
            ]
            solved = [e.solved_at for e in samples if e.solved_at is not None]
            row["mean_attempts_to_solve"] = _mean([float(a) for a in solved]) if solved else None
        results.setdefault(env_id, {})[level] = row
    return {env_id: dict(sorted(results[env_id].items())) for env_id, _ in targets if env_id in results}


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _rate(statuses: list[str], status: str) -> float:
    return sum(s == status for s in statuses) / len(statuses) if statuses else 0.0


def _meta(policy, model, suite_name, targets, config: EvalConfig, problem_sets) -> dict[str, Any]:
    backend = policy.name if _is_backend(policy) else "callable"
    model_name = model or getattr(policy, "model_name", None) or getattr(policy, "model", None)
    return {
        "textbook_gym_version": __version__,
        "suite": suite_name,
        "model": str(model_name) if model_name is not None else getattr(policy, "__name__", "policy"),
        "backend": backend,
        "config": asdict(config),
        "split": "test",
        "families": {env_id: {"version": get_family(env_id).version, "difficulty": list(rng)}
                     for env_id, rng in targets},
        "problem_ids": problem_sets,
        "problem_set_sha256": hashlib.sha256(
            "\n".join(i for ids in problem_sets.values() for i in ids).encode()).hexdigest(),
    }


def _episode_row(e: _Episode) -> dict[str, Any]:
    return {"env_id": e.env_id, "difficulty": e.difficulty, "problem_index": e.problem_index, "sample": e.sample,
            "problem_id": e.env.problem.id, "statuses": e.statuses, "solved_at": e.solved_at, "tokens": e.tokens}


def _progress(total: int, enabled: bool):
    from tqdm.auto import tqdm

    return tqdm(total=total, desc="evaluating", unit="ep", disable=not enabled)
