"""Playing episodes: the one loop behind RL, evaluation and ``collect``.

:func:`play` asks a policy for responses and steps each episode's environment with
them, attempt after attempt, until every episode has ended. The RL learner
(``learners.episodes.run_groups``), both evaluations (:func:`textbook_gym.evaluate`
and the pipeline's held-out evaluation) and ``agents.rollout.collect`` are thin
layers over it that differ only in what they pose and what they keep.

The policy is a *generate* function, ``generate(prompts, sampling) -> [[completion,
...], ...]``: for each prompt, ``sampling.n`` completions, each with a ``text`` and,
when the policy knows them, ``token_ids``, ``logprobs``, ``finish_reason`` and
``prompt_token_ids``. A rollout backend's ``generate`` is one; :func:`text_policy`
makes one from any ``list[str] -> list[str]`` callable (an API client, a script).

How the loop schedules work, and why:

* Episodes arrive in *units*. A unit of several episodes is a GRPO group (or the
  samples of one evaluation problem): on their first attempt they share one prompt,
  so they are one request with ``n`` = the unit's size (engines share the prompt's
  work). A unit of one episode is sampled on its own.
* Live episodes run in two *lanes* of up to ``batch_size`` episodes; one lane is one
  engine call (plus one per distinct group size of the units starting in it). While
  one lane's responses are verified (``env.step``; on ``verify_threads`` threads when
  asked, so a slow verifier overlaps with the engine) the other lane generates. The
  second lane only fills when there is more work than one batch, so a run that fits
  in one batch is one engine call per attempt. A lane always waits for its own
  verifications before generating again, so the batches, and hence the samples
  under a fixed seed, never depend on thread timing.
* A finished episode frees its slot at once and the next unit takes it.
* Later attempts continue the episode: the env's next observation (and ``messages``)
  carry the feedback on the wrong answer; the ``prompt`` function turns them into
  what the policy reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from textbook_gym.verdict import Status, Verdict

Generate = Callable[..., Sequence[Sequence[Any]]]
"""``generate(prompts, sampling[, return_logprobs=...])``: for each prompt, its completions."""


@dataclass
class Attempt:
    """One response in an episode and how it was judged."""

    prompt: Any
    """What the policy was given: the chat messages so far, or text."""
    response: str
    """The generated text (the env's action)."""
    token_ids: list[int] | None
    """Generated token ids (``None`` when the policy does not report tokens, as a plain callable)."""
    logprobs: list[float] | None
    """Log-probability of each generated token (``None`` if not requested)."""
    finish_reason: str
    """``"stop"`` or ``"length"``."""
    reward: float
    """The verifier's score for this attempt."""
    verdict: Verdict
    """The verifier's full verdict (status, extracted answer, reason)."""
    prompt_token_ids: list[int] | None = None
    """The prompt's token ids as the engine saw them, when the policy knows them."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "prompt": self.prompt,
            "response": self.response,
            "token_ids": self.token_ids,
            "logprobs": self.logprobs,
            "finish_reason": self.finish_reason,
            "reward": self.reward,
            "verdict": self.verdict.to_dict(),
            "prompt_token_ids": self.prompt_token_ids,
        }


@dataclass
class Episode:
    """One episode: a reset environment, what the policy sees next, and every attempt so far."""

    env: Any
    """A reset environment (``TextbookEnv`` or a wrapper of one)."""
    observation: str
    """The env's latest observation (the prompt, then the transcript with feedback)."""
    messages: list[dict[str, str]]
    """The env's conversation so far (the user prompt, attempts, feedback)."""
    tag: Any = None
    """The caller's bookkeeping (which problem and sample this is); the runner never reads it."""
    attempts: list[Attempt] = field(default_factory=list)
    """Every attempt, in order."""
    done: bool = False
    """The env ended the episode (answered correctly, or out of attempts)."""

    @property
    def status(self) -> Status:
        """Status of the last attempt (UNPARSEABLE before any attempt: nothing was answered)."""
        return self.attempts[-1].verdict.status if self.attempts else Status.UNPARSEABLE

    @property
    def correct(self) -> bool:
        return bool(self.attempts) and self.attempts[-1].verdict.correct

    @property
    def reward(self) -> float:
        """Score of the last attempt (the episode's outcome)."""
        return self.attempts[-1].reward if self.attempts else 0.0

    @property
    def solved_at(self) -> int | None:
        """The attempt (1-based) that answered correctly, or ``None``."""
        return next((i + 1 for i, a in enumerate(self.attempts) if a.verdict.correct), None)

    @property
    def tokens(self) -> int | None:
        """Generated tokens over all attempts; ``None`` when the policy does not report them."""
        if any(a.token_ids is None for a in self.attempts):
            return None
        return sum(len(a.token_ids) for a in self.attempts)


def text_prompt(episode: Episode) -> str:
    """The default prompt: the observation text (what a plain callable policy reads)."""
    return episode.observation


@dataclass(frozen=True)
class TextCompletion:
    """A completion from a policy that returns text only."""

    text: str
    token_ids: list[int] | None = None
    logprobs: list[float] | None = None
    finish_reason: str = "stop"
    prompt_token_ids: list[int] | None = None


def text_policy(respond: Callable[[list[str]], list[str]]) -> Generate:
    """A generate function from a callable ``list[str] -> list[str]``: one response per prompt.

    Its answers are checked here, so a wrong shape is named where it happens.
    """

    def generate(prompts: list[Any], sampling: Any = None, **_: Any) -> list[list[TextCompletion]]:
        if sampling is not None and getattr(sampling, "n", 1) != 1:
            raise ValueError("a text policy answers each prompt once; play its samples as units of one episode")
        texts = respond(list(prompts))
        if isinstance(texts, str) or not isinstance(texts, Sequence):
            raise TypeError(f"the policy must return a list of response strings, one per prompt, got "
                            f"{type(texts).__name__}")
        if len(texts) != len(prompts):
            raise ValueError(f"policy returned {len(texts)} responses for {len(prompts)} prompts; "
                             "return exactly one response string per prompt, in order")
        for i, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"the policy returned {type(text).__name__} {text!r} for prompt {i}; a policy "
                                "returns response text (str), e.g. '\\boxed{42}'")
        return [[TextCompletion(text)] for text in texts]

    return generate


Judge = Callable[[list[Episode], list[str]], list[Verdict]]
"""``judge(episodes, responses) -> verdicts``: verification done elsewhere (a verification service)."""


def play(
    units: Iterable[Sequence[Episode]],
    generate: Generate,
    *,
    prompt: Callable[[Episode], Any] = text_prompt,
    sampling: Callable[[int, int], Any] = lambda n, call: None,
    batch_size: int | None = None,
    judge: Judge | None = None,
    verify_threads: int = 0,
    return_logprobs: bool | None = None,
    on_done: Callable[[Episode], None] | None = None,
) -> list[Episode]:
    """Play every episode of ``units`` to its end; see the module docstring.

    Args:
        units: episodes, in units; a unit of several shares its first prompt (one request, ``n`` = its size).
            Read lazily, as lanes have room, so an iterator may reset envs freed by finished episodes.
        generate: the policy (a backend's ``generate``, or :func:`text_policy`).
        prompt: what the policy is given for an episode (its observation by default).
        sampling: ``sampling(n, call)`` -> the sampling settings of engine call number ``call``
            (0, 1, ...) asking ``n`` completions per prompt; the runner passes it to ``generate``.
        batch_size: most live episodes per lane (engine call); ``None``: no limit (one lane).
        judge: verify responses elsewhere; by default each env verifies its own step.
        verify_threads: threads stepping envs beside generation; 0 steps them inline.
        return_logprobs: passed on to ``generate`` when not ``None``.
        on_done: called with each episode as it ends (progress bars, env reuse).

    Returns:
        Every episode, in the order the units gave them.

    >>> from textbook_gym import TextbookEnv
    >>> env = TextbookEnv("Arithmetic", max_attempts=2)
    >>> observation, info = env.reset(seed=0)
    >>> shrug = text_policy(lambda prompts: ["I do not know."] * len(prompts))
    >>> [episode] = play([[Episode(env, observation, info["messages"])]], shrug)
    >>> [str(a.verdict.status) for a in episode.attempts], episode.done, episode.reward
    (['UNPARSEABLE', 'UNPARSEABLE'], True, 0.0)
    >>> "Attempt 1:" in episode.attempts[1].prompt  # the second attempt reads the first and its feedback
    True
    """
    if batch_size is not None and (not isinstance(batch_size, int) or batch_size < 1):
        raise ValueError(f"batch_size must be a whole number >= 1 or None, got {batch_size!r}")
    loop = _Loop(generate, prompt, sampling, batch_size, judge, return_logprobs)
    if verify_threads > 0:
        with ThreadPoolExecutor(max_workers=verify_threads, thread_name_prefix="verify") as pool:
            return loop.run(iter(units), pool, on_done)
    return loop.run(iter(units), None, on_done)


class _Loop:
    """The lane scheduler behind :func:`play`."""

    def __init__(self, generate, prompt, sampling, batch_size, judge, return_logprobs):
        self.generate = generate
        self.prompt = prompt
        self.sampling = sampling
        self.capacity = batch_size
        self.judge = judge
        self.options = {} if return_logprobs is None else {"return_logprobs": return_logprobs}
        self.calls = 0
        self.unit_of: dict[int, Sequence[Episode]] = {}  # id(episode) -> its unit

    def run(self, units, pool, on_done) -> list[Episode]:
        started: list[Episode] = []
        lanes: list[list[Episode]] = [[], []]
        pending: list[list[Any] | None] = [None, None]
        exhausted = False
        while True:
            progressed = False
            for lane_no in (0, 1):
                lane = lanes[lane_no]
                if pending[lane_no] is not None:  # settle this lane's verifications first
                    for episode in self._settle(lane, pending[lane_no]):
                        if on_done is not None:
                            on_done(episode)
                    pending[lane_no] = None
                    lanes[lane_no] = lane = [e for e in lane if not e.done]
                while not exhausted and (self.capacity is None or len(lane) < self.capacity):
                    unit = next(units, None)
                    if unit is None:
                        exhausted = True
                        break
                    unit = list(unit)
                    for episode in unit:
                        self.unit_of[id(episode)] = unit
                    started.extend(unit)
                    lane.extend(unit)
                if lane:
                    pending[lane_no] = self._respond_and_step(lane, pool)
                    progressed = True
            if not progressed and all(p is None for p in pending):
                break
        return started

    def _respond_and_step(self, lane: list[Episode], pool) -> list[Any]:
        """Generate one response per live episode of ``lane`` and start stepping its env with it."""
        answers = self._respond(lane)
        verdicts: list[Verdict | None] = [None] * len(lane)
        if self.judge is not None:
            verdicts = list(self.judge(lane, [completion.text for _, completion in answers]))
            if len(verdicts) != len(lane):
                raise RuntimeError(f"the judge returned {len(verdicts)} verdicts for {len(lane)} responses")
        steps = []
        for episode, (_, completion), verdict in zip(lane, answers, verdicts):
            step = _stepper(episode.env, completion.text, verdict)
            steps.append(pool.submit(step) if pool is not None else step())
        return [(answer, step) for answer, step in zip(answers, steps)]

    def _respond(self, lane: list[Episode]) -> list[tuple[Any, Any]]:
        """(prompt, completion) for each episode of ``lane``, in order."""
        shared: dict[int, list[Sequence[Episode]]] = {}  # unit size -> units starting now, in lane order
        singles: list[Episode] = []
        for episode in lane:
            unit = self.unit_of[id(episode)]
            if len(unit) > 1 and not episode.attempts:
                if episode is unit[0]:
                    shared.setdefault(len(unit), []).append(unit)
            else:
                singles.append(episode)
        answers: dict[int, tuple[Any, Any]] = {}
        for size, group in shared.items():
            prompts = [self.prompt(unit[0]) for unit in group]
            for unit, prompt, completions in zip(group, prompts, self._call(prompts, size)):
                for episode, completion in zip(unit, completions):
                    answers[id(episode)] = (prompt, completion)
        if singles:
            prompts = [self.prompt(e) for e in singles]
            for episode, prompt, completions in zip(singles, prompts, self._call(prompts, 1)):
                answers[id(episode)] = (prompt, completions[0])
        return [answers[id(e)] for e in lane]

    def _call(self, prompts: list[Any], n: int) -> Sequence[Sequence[Any]]:
        outputs = self.generate(prompts, self.sampling(n, self.calls), **self.options)
        self.calls += 1
        if len(outputs) != len(prompts) or any(len(group) != n for group in outputs):
            raise RuntimeError(f"the policy returned {len(outputs)} results for {len(prompts)} prompts "
                               f"(each should hold {n} completions); a generate function answers every prompt, in order")
        return outputs

    def _settle(self, lane: list[Episode], pending: list[Any]) -> list[Episode]:
        """Record each verified attempt; return the episodes that ended."""
        finished = []
        for episode, ((prompt, completion), step) in zip(lane, pending):
            observation, reward, terminated, truncated, info = step.result() if isinstance(step, Future) else step
            episode.attempts.append(Attempt(
                prompt=prompt,
                response=completion.text,
                token_ids=_maybe_list(getattr(completion, "token_ids", None)),
                logprobs=getattr(completion, "logprobs", None),
                finish_reason=getattr(completion, "finish_reason", "stop"),
                reward=float(reward),
                verdict=info["verdict"],
                prompt_token_ids=getattr(completion, "prompt_token_ids", None),
            ))
            episode.observation = observation
            episode.messages = info["messages"]
            if terminated or truncated:
                episode.done = True
                finished.append(episode)
        return finished


def _stepper(env: Any, text: str, verdict: Verdict | None) -> Callable[[], tuple]:
    if verdict is None:
        return lambda: env.step(text)
    return lambda: env.step_with_verdict(text, verdict)


def _maybe_list(ids: Any) -> list[int] | None:
    return ids if ids is None or isinstance(ids, list) else list(ids)


__all__ = ["Attempt", "Episode", "TextCompletion", "play", "text_policy", "text_prompt"]
