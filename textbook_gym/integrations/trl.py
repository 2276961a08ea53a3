"""Textbook verifiers as TRL reward functions.

``reward_function(target=None)`` returns a picklable callable in TRL's reward-function
contract, ``(completions, **kwargs) -> list[float | None]``, for
``trl.GRPOTrainer(reward_funcs=...)``. ``target`` is one of:

* nothing, an env id or a family name (``reward_function()``,
  ``"textbook/Arithmetic-v1"``, ``"Arithmetic"``): each row of the training data set
  carries its problem in a ``problem`` column (the JSON of
  :meth:`textbook_gym.Problem.to_json`, as ``textbook-gym export --kind practice``
  writes it, a dict from ``to_dict``, or a ``Problem``), and **the verifier of that
  row's own family** scores the completion, so one reward serves an export that mixes
  families. A named family is checked when the reward is made (a typo fails at once);
* ``override=True`` with a family: that family's verifier scores *every* row,
  whatever family its problem comes from (for problems of your own that reuse a
  family's checker);
* a registered verifier name (``"math"``, ``"symbolic"`` ...) or any callable
  ``fn(response, gold, **options)``: each row carries the gold answer in an
  ``answer`` column, and that verifier scores every row.

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

from textbook_gym.errors import UsageError, unknown_name
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
    """A picklable TRL reward function backed by each row's family, a named family, or a verifier.

    The target is resolved when the reward is made: an unknown family, env id or
    verifier name raises an :class:`~textbook_gym.errors.UnknownNameError` naming the
    closest ones, not an error on the first training step.
    """

    def __init__(
        self,
        target: str | Callable[..., Any] | None = None,
        *,
        override: bool = False,
        answer_key: str = "answer",
        problem_key: str = "problem",
        **options: Any,
    ):
        self.target = target
        self.override = bool(override)
        self.answer_key = answer_key
        self.problem_key = problem_key
        self.options = options
        self.kind = _kind(target, self.override)
        if self.kind != "verifier" and options:
            raise UsageError(
                f"reward options {sorted(options)} only apply to a verifier (reward_function('math', ...)); a "
                "family's own verifier takes none"
            )
        # Kept by name only: a family instance pickles by name anyway, and the name keeps repr short.
        self.family_name = _family_name(target) if isinstance(target, str) and self.kind != "verifier" else None
        label = "problems" if target is None else target if isinstance(target, str) else getattr(
            target, "__name__", "custom")
        # TRL logs each reward under its function's __name__.
        self.__name__ = "textbook_" + str(label).removeprefix("textbook/").replace("/", "_")

    def __call__(self, completions: Sequence[Any], **kwargs: Any) -> list[float | None]:
        texts = [completion_text(c) for c in completions]
        verdicts = self._verdicts(texts, kwargs)
        return [None if v.status in _UNSCORED else float(v.score) for v in verdicts]

    def _verdicts(self, texts: list[str], kwargs: dict[str, Any]) -> list[Verdict]:
        if self.kind in ("row", "family"):
            problems = _column(kwargs, self.problem_key, len(texts), "the rows' problems")
            from textbook_gym import get_family

            fixed = get_family(self.family_name) if self.kind == "family" else None
            return [_verify_problem(fixed, problem, text) for problem, text in zip(problems, texts)]
        golds = _column(kwargs, self.answer_key, len(texts), "the gold answers")
        from textbook_gym.verifiers.registry import verify_many

        return verify_many(texts, golds, self.target, **self.options)

    def __repr__(self) -> str:
        extra = ", override=True" if self.override else ""
        return f"TextbookReward({self.target!r}{extra})"


def _family_name(target: str) -> str:
    from textbook_gym import get_family

    return get_family(target).name


def _kind(target: Any, override: bool) -> str:
    """``row`` (each row's own family), ``family`` (a named family for every row) or ``verifier``."""
    if target is None:
        if override:
            raise UsageError("override=True needs a family to score every row with, e.g. "
                             "reward_function('Fractions', override=True)")
        return "row"
    if callable(target) and not isinstance(target, str):
        kind = "verifier"
    elif not isinstance(target, str):
        raise TypeError(f"reward_function needs an env id, a family name, a verifier name or a callable, got "
                        f"{type(target).__name__}")
    else:
        from textbook_gym import get_family, list_families
        from textbook_gym.verifiers.registry import list_verifiers

        if "/" not in target and "-v" not in target and target in list_verifiers():
            kind = "verifier"
        else:
            try:
                get_family(target)
            except KeyError:
                families = list_families()
                choices = [*list_verifiers(), *families, *(get_family(f).env_id for f in families)]
                raise unknown_name("env id, family or verifier", target, choices,
                                   "see textbook_gym.list_env_ids() and "
                                   "textbook_gym.verifiers.registry.list_verifiers()") from None
            kind = "family" if override else "row"
    if kind == "verifier" and override:
        raise UsageError("override=True applies to a family; a verifier already scores every row")
    return kind


def _column(kwargs: dict[str, Any], key: str, size: int, what: str) -> list[Any]:
    if key not in kwargs:
        raise KeyError(
            f"the reward needs {what} in a data set column named {key!r}; add that column to the training "
            f"data set (`textbook-gym export --kind practice` writes both) or pass "
            f"{'problem_key' if what.endswith('problems') else 'answer_key'}= to reward_function"
        )
    values = list(kwargs[key])
    if len(values) != size:
        raise ValueError(f"column {key!r} has {len(values)} rows for {size} completions")
    return values


def _verify_problem(family: Any, problem: Any, text: str) -> Verdict:
    """Score ``text`` on ``problem`` with ``family`` (``None``: the problem's own registered family)."""
    from textbook_gym import get_family
    from textbook_gym.problem import Problem

    try:
        if isinstance(problem, str):
            problem = Problem.from_json(problem)
        elif isinstance(problem, dict):
            problem = Problem.from_dict(problem)
        if not isinstance(problem, Problem):
            return Verdict.error(f"the problem column holds {type(problem).__name__}, not a textbook problem")
        return (family or get_family(problem.family)).verify(problem, text)
    except Exception as exc:  # noqa: BLE001 - a reward must never crash the training loop
        return Verdict.error(f"could not score the sample: {type(exc).__name__}: {exc}")


def reward_function(
    env_id_or_verifier: str | Callable[..., Any] | None = None, *, override: bool = False, **options: Any
) -> TextbookReward:
    """A TRL reward function scoring each row by its own problem's family, a named family, or a verifier.

    See the module docstring. ``override=True`` makes a named family score every row.
    ``options`` go to a verifier (``deadline=``, ``rel_tol=``), plus ``answer_key`` and
    ``problem_key`` to rename the data set columns.

    >>> reward = reward_function("math")
    >>> reward(["so \\\\boxed{4}", "\\\\boxed{5}", "no answer"], answer=["4", "4", "4"])
    [1.0, 0.0, 0.0]
    """
    return TextbookReward(env_id_or_verifier, override=override, **options)
