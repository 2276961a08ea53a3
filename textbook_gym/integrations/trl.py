"""Textbook verifiers as TRL reward functions.

``reward_function(target)`` returns a picklable callable in TRL's reward-function
contract, ``(completions, **kwargs) -> list[float | None]``, for
``trl.GRPOTrainer(reward_funcs=...)``. ``target`` is one of:

* an env id or family name (``"textbook/Arithmetic-v0"``, ``"Arithmetic"``): each
  row of the training data set carries the problem in a ``problem`` column (the
  JSON of :meth:`textbook_gym.Problem.to_json`, a dict from ``to_dict``, or a
  ``Problem``), and the family's own verifier scores the completion;
* a registered verifier name (``"math"``, ``"symbolic"`` ...) or any callable
  ``fn(response, gold, **options)``: each row carries the gold answer in an
  ``answer`` column.

A score is the verdict's score. Where a sample cannot be scored (TIMEOUT or ERROR
verdict: the verifier, not the model, failed), the reward is ``None``, which TRL
turns into NaN and leaves out of the group statistics, instead of a silent 0.

Example::

    from trl import GRPOConfig, GRPOTrainer
    from textbook_gym.integrations.trl import reward_function

    trainer = GRPOTrainer(model=..., reward_funcs=reward_function("math"),
                          train_dataset=ds,  # columns: prompt, answer
                          args=GRPOConfig(...))
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textbook_gym.verdict import Status, Verdict

_UNSCORED = (Status.TIMEOUT, Status.ERROR)


def completion_text(completion: Any) -> str:
    """The text of one TRL completion: a string, or the last message of a conversation."""
    if isinstance(completion, str):
        return completion
    if isinstance(completion, Sequence) and completion and isinstance(completion[-1], dict):
        return str(completion[-1].get("content", ""))
    if isinstance(completion, dict):
        return str(completion.get("content", ""))
    return str(completion)


class TextbookReward:
    """A picklable TRL reward function backed by a family or a verifier."""

    def __init__(
        self,
        target: str | Callable[..., Any],
        *,
        answer_key: str = "answer",
        problem_key: str = "problem",
        **options: Any,
    ):
        self.target = target
        self.answer_key = answer_key
        self.problem_key = problem_key
        self.options = options
        self.kind = _kind(target)
        label = target if isinstance(target, str) else getattr(target, "__name__", "custom")
        # TRL logs each reward under its function's __name__.
        self.__name__ = "textbook_" + str(label).removeprefix("textbook/").replace("/", "_")

    def __call__(self, completions: Sequence[Any], **kwargs: Any) -> list[float | None]:
        texts = [completion_text(c) for c in completions]
        verdicts = self._verdicts(texts, kwargs)
        return [None if v.status in _UNSCORED else float(v.score) for v in verdicts]

    def _verdicts(self, texts: list[str], kwargs: dict[str, Any]) -> list[Verdict]:
        if self.kind == "family":
            problems = _column(kwargs, self.problem_key, len(texts), "the family's problems")
            from textbook_gym import get_family

            family = get_family(self.target)
            return [_verify_family(family, problem, text) for problem, text in zip(problems, texts)]
        golds = _column(kwargs, self.answer_key, len(texts), "the gold answers")
        from textbook_gym.verifiers.registry import verify_many

        return verify_many(texts, golds, self.target, **self.options)

    def __repr__(self) -> str:
        return f"TextbookReward({self.target!r})"


def _kind(target: Any) -> str:
    if callable(target) and not isinstance(target, str):
        return "verifier"
    if not isinstance(target, str):
        raise TypeError(f"reward_function needs an env id, a verifier name or a callable, got {type(target).__name__}")
    from textbook_gym.verifiers.registry import list_verifiers

    if "/" in target or "-v" in target:
        return "family"
    if target in list_verifiers():
        return "verifier"
    from textbook_gym import list_families

    if target in list_families():
        return "family"
    raise KeyError(f"{target!r} is neither a registered verifier nor a family; see textbook_gym.list_families()")


def _column(kwargs: dict[str, Any], key: str, size: int, what: str) -> list[Any]:
    if key not in kwargs:
        raise KeyError(
            f"the reward needs {what} in a data set column named {key!r}; add that column to the training "
            f"data set or pass {'problem_key' if what.endswith('problems') else 'answer_key'}= to reward_function"
        )
    values = list(kwargs[key])
    if len(values) != size:
        raise ValueError(f"column {key!r} has {len(values)} rows for {size} completions")
    return values


def _verify_family(family: Any, problem: Any, text: str) -> Verdict:
    from textbook_gym.problem import Problem

    try:
        if isinstance(problem, str):
            problem = Problem.from_json(problem)
        elif isinstance(problem, dict):
            problem = Problem.from_dict(problem)
        return family.verify(problem, text)
    except Exception as exc:  # noqa: BLE001 - a reward must never crash the training loop
        return Verdict.error(f"could not score the sample: {type(exc).__name__}: {exc}")


def reward_function(env_id_or_verifier: str | Callable[..., Any], **options: Any) -> TextbookReward:
    """A TRL reward function for a textbook family or verifier (see the module docstring).

    ``options`` go to the verifier (``deadline=``, ``rel_tol=``), plus ``answer_key``
    and ``problem_key`` to rename the data set columns.

    >>> reward = reward_function("math")
    >>> reward(["so \\\\boxed{4}", "\\\\boxed{5}", "no answer"], answer=["4", "4", "4"])
    [1.0, 0.0, 0.0]
    """
    return TextbookReward(env_id_or_verifier, **options)
