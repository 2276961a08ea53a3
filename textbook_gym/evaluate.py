"""Benchmark any model on textbook problem suites.

``evaluate(policy, "core")`` poses fixed, distinct test-split problems (see
:mod:`textbook_gym.splits` for the split rule) to a policy and scores them with the
families' verifiers. Problems are drawn without replacement: ``n`` is the number of
*distinct* problems per env and level, and a level whose split holds fewer than
``n`` is evaluated on all of them, which the report (``n``, ``requested``,
``exhausted``, ``meta["notes"]``) and the console say; confidence intervals count
distinct problems. ``policy`` is a rollout backend from
:mod:`textbook_gym.agents.backends` (hf, vllm, openai) or any callable from a list
of prompts to a list of responses, so an API, a script or a person can be measured
the same way. The episodes are played by :func:`textbook_gym.episodes.play`, the
runner the RL learner and ``collect`` use. The report keeps UNPARSEABLE, TIMEOUT and
ERROR apart from INCORRECT and records everything needed to rerun the same problems.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from textbook_gym._version import __version__
from textbook_gym.env import FEEDBACK_MODES, TextbookEnv, parse_difficulty
from textbook_gym.episodes import Episode, play, text_policy, text_prompt
from textbook_gym.errors import UsageError, unknown_name
from textbook_gym.passk import mean_interval, pass_at_k
from textbook_gym.registry import get_family, list_families
from textbook_gym.report import EvalReport
from textbook_gym.splits import EVAL_DEFAULT, check_split, distinct_problems, space_size
from textbook_gym.suites import SUITES, get_suite
from textbook_gym.verdict import Status

PromptPolicy = Callable[[list[str]], list[str]]


@dataclass(frozen=True)
class EvalConfig:
    """What to pose and how to sample; recorded in every report."""

    n: int = 20
    """Distinct problems per env id and difficulty level; a level whose split holds fewer uses all it holds."""
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
    split: str | None = EVAL_DEFAULT
    """Which problems to pose: ``"test"`` (held out from every training API), ``"train"`` or ``None`` (both)."""

    def __post_init__(self) -> None:
        k = (self.k,) if _is_int(self.k) else tuple(self.k)
        if not k or not all(_is_int(v) and v >= 1 for v in k):
            raise UsageError(f"k must be one or more whole numbers >= 1 (pass@k), got {self.k!r}")
        k = tuple(sorted(set(int(v) for v in k)))
        object.__setattr__(self, "k", k)
        for name in ("n", "attempts", "max_tokens"):
            value = getattr(self, name)
            if not _is_int(value) or value < 1:
                raise UsageError(f"{name} must be a whole number >= 1, got {value!r}")
        if not _is_int(self.seed):
            raise UsageError(f"seed must be an int, got {self.seed!r}")
        if self.samples is None:
            object.__setattr__(self, "samples", max(k))
        if not _is_int(self.samples) or self.samples < max(k):
            raise UsageError(f"pass@{max(k)} needs samples >= {max(k)}, got samples={self.samples!r}; "
                             "raise samples or lower k")
        if self.feedback not in FEEDBACK_MODES:
            raise UsageError(f"feedback must be one of {', '.join(FEEDBACK_MODES)}, got {self.feedback!r}")
        object.__setattr__(self, "split", check_split(self.split))
        if self.temperature is not None and (isinstance(self.temperature, bool)
                                             or not isinstance(self.temperature, (int, float))
                                             or self.temperature < 0):
            raise UsageError(f"temperature must be a number >= 0, got {self.temperature!r}")
        if self.temperature is None:
            object.__setattr__(self, "temperature", 0.0 if self.samples == 1 else 1.0)


@dataclass(frozen=True)
class _Posed:
    """Which problem and sample an evaluation episode is (the runner's ``Episode.tag``)."""

    env_id: str
    difficulty: int
    problem_index: int
    sample: int


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def resolve_targets(suite_or_env_ids: str | Sequence[str], difficulty: tuple[int, int] | None):
    """(suite name or None, [(env_id, (lo, hi)), ...]) from a suite name, one env id, or a list of env ids/family names.

    Every name is checked here, before any work: an unknown one raises a
    :class:`~textbook_gym.errors.UnknownNameError` with the closest suites, families and env ids.
    """
    if isinstance(suite_or_env_ids, str) and suite_or_env_ids in SUITES:
        suite = get_suite(suite_or_env_ids)
        return suite.name, [(e.env_id, difficulty or e.difficulty) for e in suite.entries()]
    if isinstance(suite_or_env_ids, str):
        ids = [suite_or_env_ids]
    elif isinstance(suite_or_env_ids, Sequence) and all(isinstance(i, str) for i in suite_or_env_ids):
        ids = list(suite_or_env_ids)
    else:
        raise TypeError(f"evaluate takes a suite name, an env id or a list of env ids, got {suite_or_env_ids!r}")
    if not ids:
        raise UsageError("nothing to evaluate: pass a suite name or at least one env id")
    targets = []
    for name in ids:
        try:
            family = get_family(name)
        except KeyError:
            choices = [*SUITES, *list_families(), *(get_family(f).env_id for f in list_families())]
            raise unknown_name("suite or env", name, choices,
                               f"suites: {', '.join(SUITES)}; `textbook-gym list` shows every env") from None
        targets.append((family.env_id, difficulty or (1, 10)))
    return None, targets


def _is_backend(policy: Any) -> bool:
    return hasattr(policy, "generate") and hasattr(policy, "name")


def check_policy(policy: Any) -> None:
    """A TypeError unless ``policy`` is a rollout backend or a callable ``list[str] -> list[str]``."""
    if not _is_backend(policy) and not callable(policy):
        raise TypeError(
            f"policy must be a rollout backend (textbook_gym.agents.backends.make_backend(...)) or a callable "
            f"from a list of prompts to a list of response strings, got {type(policy).__name__}"
        )


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
    split: str | None = EVAL_DEFAULT,
    name: str | None = None,
    cluster: Any = None,
) -> EvalReport:
    """Evaluate ``policy`` on a suite (``"core"``, ``"algebra"``, ...) or env ids; see the module docstring.

    ``n`` distinct problems per env and level are posed from ``split`` (default
    ``"test"``, the problems no training API poses). ``name`` labels the policy in the
    report (``meta["name"]``, leaderboards); by default the model's name, or the
    callable's. Arguments are checked before any problem is posed. ``cluster`` plays the
    episodes elsewhere (an object with ``play(policy, episodes, config, progress)``, such as
    :func:`textbook_gym.distributed.evaluate_on_cluster`'s), with the same problems and seeds.

    Each row gives ``pass@1`` under the environments' strict (anchored) rule and
    ``pass@1_flexible`` under the flexible grading policy
    (:mod:`textbook_gym.verifiers.policies`), as lm-evaluation-harness reports strict and
    flexible matches for GSM8K: a model that knows the answer but not the format shows
    as a gap between the two.

    >>> from textbook_gym import get_family
    >>> zeros = lambda prompts: ["Answer: 0"] * len(prompts)
    >>> report = evaluate(zeros, "Arithmetic", n=2, difficulty=1, name="zeros", progress=False)
    >>> row = report.results[get_family("Arithmetic").env_id][1]
    >>> row["n"], row["requested"], row["exhausted"], report.meta["name"], report.meta["split"]
    (2, 2, False, 'zeros', 'test')
    """
    check_policy(policy)
    if name is not None and not isinstance(name, str):
        raise TypeError(f"name labels the policy in the report and must be a str, got {type(name).__name__}")
    if not isinstance(k, (int, Sequence)) or isinstance(k, str):
        raise UsageError(f"k must be an int or a list of ints (pass@k), got {k!r}")
    config = EvalConfig(
        n=n, k=(k,) if isinstance(k, int) else tuple(k), samples=samples,
        difficulty=parse_difficulty(difficulty) if difficulty is not None else None,
        attempts=attempts, feedback=feedback, open_book=open_book, seed=seed, temperature=temperature,
        max_tokens=max_tokens, split=split,
    )
    suite_name, targets = resolve_targets(suite_or_env_ids, config.difficulty)
    episodes, problem_sets, draws = _pose(targets, config)
    notes = _notes(draws, config)
    if progress:
        for note in notes:
            print(f"textbook-gym: note: {note}", file=sys.stderr)
    (cluster.play if cluster is not None else _play)(policy, episodes, config, progress)
    results = _aggregate(targets, episodes, config, draws)
    meta = _meta(policy, model, name, suite_name, targets, config, problem_sets, draws, notes)
    return EvalReport(meta=meta, results=results, episodes=[_episode_row(e) for e in episodes])


def _pose(targets, config: EvalConfig):
    episodes: list[Episode] = []
    problem_sets: dict[str, list[str]] = {}
    draws: dict[tuple[str, int], Any] = {}
    for env_id, (lo, hi) in targets:
        family = get_family(env_id)
        ids = problem_sets.setdefault(env_id, [])
        for level in range(lo, hi + 1):
            draw = distinct_problems(family, config.split, level, config.n, seed=config.seed)
            draws[(env_id, level)] = draw
            for index, problem in enumerate(draw.problems):
                ids.append(problem.id)
                for sample in range(config.samples):
                    env = TextbookEnv(family, difficulty=level, max_attempts=config.attempts,
                                      feedback=config.feedback, open_book=config.open_book, split=config.split)
                    # Seeded per problem and sample so open-book passages repeat across runs.
                    obs, _ = env.reset(seed=_episode_seed(config.seed, problem.id, sample),
                                       options={"problem": problem})
                    episodes.append(Episode(env, obs, env.messages, tag=_Posed(env_id, level, index, sample)))
    return episodes, problem_sets, draws


def _notes(draws: dict[tuple[str, int], Any], config: EvalConfig) -> list[str]:
    """One line per level whose split held fewer distinct problems than asked for."""
    notes = []
    split = config.split or "train+test"
    for (env_id, level), draw in draws.items():
        if not draw.exhausted:
            continue
        size = space_size(get_family(env_id), level)
        space = "" if size is None else f" (the level has {'' if size[1] else 'about '}{size[0]} problems in all)"
        notes.append(f"{env_id} level {level}: the {split} split holds {len(draw.problems)} distinct problems"
                     f"{space}; evaluated all {len(draw.problems)}, not the {draw.requested} asked for")
    return notes


def _episode_seed(seed: int, problem_id: str, sample: int) -> int:
    digest = hashlib.sha256(f"{seed}:{problem_id}:{sample}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def _play(policy: Any, episodes: list[Episode], config: EvalConfig, progress: bool, judge: Any = None) -> None:
    """Play the posed episodes with :func:`textbook_gym.episodes.play`, the runner RL and ``collect`` use.

    A backend gets the prompts the training pipeline gives a model (SFT, RL), and the
    samples of one problem share their first prompt (one request with ``n=samples``); a
    callable gets each episode's observation text. ``judge(episodes, responses) ->
    list[Verdict]`` verifies a batch elsewhere (a verification service); by default each
    environment verifies its own step.
    """
    if _is_backend(policy):
        from textbook_gym.agents.backends import SamplingConfig
        from textbook_gym.agents.backends.prompts import policy_prompt

        chat = getattr(policy, "has_chat_template", False)
        generate = policy.generate
        prompt = lambda e: policy_prompt(e.observation, e.messages, chat)  # noqa: E731
        sampling = lambda n, call: SamplingConfig(  # noqa: E731
            n=n, temperature=config.temperature, max_tokens=config.max_tokens, seed=config.seed)
        units = _by_problem(episodes)
    elif callable(policy):
        generate, prompt, sampling = text_policy(policy), text_prompt, (lambda n, call: None)
        units = [[e] for e in episodes]
    else:
        raise TypeError("policy must be a rollout backend (make_backend(...)) or a callable list[str] -> list[str]")
    bar = _progress(len(episodes), progress)
    try:
        play(units, generate, prompt=prompt, sampling=sampling, judge=judge, on_done=lambda e: bar.update(1))
    finally:
        bar.close()


def _by_problem(episodes: list[Episode]) -> list[list[Episode]]:
    """The samples of each problem, together: one unit, one request for their shared first prompt."""
    units: dict[tuple[str, int, int], list[Episode]] = {}
    for e in episodes:
        units.setdefault((e.tag.env_id, e.tag.difficulty, e.tag.problem_index), []).append(e)
    return list(units.values())


def _flexible_at(episode: Episode) -> int | None:
    """The first attempt correct under the flexible grading policy (at or before ``solved_at``)."""
    for number, attempt in enumerate(episode.attempts, start=1):
        if attempt.verdict.correct or flexible_correct(episode.env, attempt.response):
            return number
    return None


def flexible_correct(env: Any, response: str) -> bool:
    """Whether ``response`` answers ``env``'s current problem under the flexible grading policy.

    The flexible policy reads the final answer from free text (answer phrases, the last
    math span, ``####``, the last number); the family's own verifier then judges that
    answer as if it had been boxed, so each family keeps its answer rules.
    """
    from textbook_gym.verifiers.policies import extract

    extraction = extract(response, "flexible")
    if extraction.problem is not None or len(extraction.spans) != 1:
        return False
    unwrapped = env.unwrapped
    verdict = unwrapped.family.verify(unwrapped.problem, f"\\boxed{{{extraction.spans[0]}}}")
    return bool(verdict.correct)


def _aggregate(targets, episodes: list[Episode], config: EvalConfig, draws) -> dict[str, dict[int, dict[str, Any]]]:
    groups: dict[tuple[str, int], dict[int, list[Episode]]] = {}
    for e in episodes:
        groups.setdefault((e.tag.env_id, e.tag.difficulty), {}).setdefault(e.tag.problem_index, []).append(e)
    results: dict[str, dict[int, dict[str, Any]]] = {}
    for (env_id, level), by_problem in groups.items():
        samples = [e for group in by_problem.values() for e in group]
        solved = {id(e): e.solved_at for e in samples}
        per_problem = {kk: [pass_at_k(len(g), sum(solved[id(e)] is not None for e in g), kk)
                            for g in by_problem.values()] for kk in config.k}
        pass1 = [pass_at_k(len(g), sum(solved[id(e)] is not None for e in g), 1) for g in by_problem.values()]
        first = [sum(solved[id(e)] == 1 for e in g) / len(g) for g in by_problem.values()]
        statuses = [a.verdict.status for e in samples for a in e.attempts]
        tokens = [e.tokens for e in samples]
        draw = draws[(env_id, level)]
        row: dict[str, Any] = {
            "n": len(by_problem),
            "requested": draw.requested,
            "exhausted": draw.exhausted,
            "samples": config.samples,
            "pass@1": _mean(pass1),
            "pass@k": {str(kk): _mean(v) for kk, v in per_problem.items()},
            "pass@1_flexible": _mean([sum(_flexible_at(e) is not None for e in g) / len(g)
                                      for g in by_problem.values()]),
            "ci95": list(mean_interval(pass1)),
            "unparseable_rate": _rate(statuses, Status.UNPARSEABLE),
            "timeout_rate": _rate(statuses, Status.TIMEOUT),
            "error_rate": _rate(statuses, Status.ERROR),
            "incorrect_rate": _rate(statuses, Status.INCORRECT),
            "mean_tokens": None if any(t is None for t in tokens) else _mean([float(t) for t in tokens]),
        }
        for kk, values in per_problem.items():
            row[f"pass@{kk}"] = _mean(values)
        if config.attempts > 1:
            row["first_attempt_pass"] = _mean(first)
            row["solved_by_attempt"] = [
                _mean([float(solved[id(e)] is not None and solved[id(e)] <= a) for e in samples])
                for a in range(1, config.attempts + 1)
            ]
            solved_at = [solved[id(e)] for e in samples if solved[id(e)] is not None]
            row["mean_attempts_to_solve"] = _mean([float(a) for a in solved_at]) if solved_at else None
        results.setdefault(env_id, {})[level] = row
    return {env_id: dict(sorted(results[env_id].items())) for env_id, _ in targets if env_id in results}


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _rate(statuses: list[Status], status: Status) -> float:
    return sum(s == status for s in statuses) / len(statuses) if statuses else 0.0


def _meta(policy, model, name, suite_name, targets, config: EvalConfig, problem_sets, draws, notes) -> dict[str, Any]:
    backend = policy.name if _is_backend(policy) else "callable"
    model_name = model or getattr(policy, "model_name", None) or getattr(policy, "model", None)
    if model_name is None:
        model_name = name or getattr(policy, "__name__", None) or type(policy).__name__
    return {
        "textbook_gym_version": __version__,
        "suite": suite_name,
        "name": name or str(model_name),
        "model": str(model_name),
        "backend": backend,
        "config": asdict(config),
        "split": config.split,
        "notes": notes,
        "distinct": {env_id: {str(level): len(draw.problems) for (e, level), draw in draws.items() if e == env_id}
                     for env_id, _ in targets},
        "families": {env_id: {"version": get_family(env_id).version, "difficulty": list(rng)}
                     for env_id, rng in targets},
        "problem_ids": problem_sets,
        "problem_set_sha256": hashlib.sha256(
            "\n".join(i for ids in problem_sets.values() for i in ids).encode()).hexdigest(),
    }


def _episode_row(e: Episode) -> dict[str, Any]:
    return {"env_id": e.tag.env_id, "difficulty": e.tag.difficulty, "problem_index": e.tag.problem_index,
            "sample": e.tag.sample, "problem_id": e.env.problem.id,
            "statuses": [a.verdict.status.value for a in e.attempts], "solved_at": e.solved_at, "tokens": e.tokens}


def _progress(total: int, enabled: bool):
    from tqdm.auto import tqdm

    return tqdm(total=total, desc="evaluating", unit="ep", disable=not enabled)
