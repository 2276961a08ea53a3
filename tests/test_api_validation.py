"""Python APIs check their arguments at the call, with one message that names the cause and the fix (#17).

Each case is a mistake a user makes; the test asserts the exception type (a
:class:`~textbook_gym.errors.UsageError` is a ValueError, an
:class:`~textbook_gym.errors.UnknownNameError` also a KeyError), a message on one
line naming the cause, and that nothing was computed before the error: the policy
was never called.
"""

from __future__ import annotations

import gymnasium as gym
import pytest

import textbook_gym
from textbook_gym import TextbookEnv
from textbook_gym.errors import UnknownNameError, UsageError
from textbook_gym.integrations.trl import reward_function

ARITHMETIC = textbook_gym.get_family("Arithmetic").env_id


class CountingPolicy:
    """A callable policy that records whether it was asked anything."""

    __name__ = "counting"

    def __init__(self, reply=lambda prompt: "\\boxed{0}"):
        self.calls = 0
        self.reply = reply

    def __call__(self, prompts):
        self.calls += 1
        return [self.reply(p) for p in prompts]


def _one_line(exc: pytest.ExceptionInfo) -> str:
    message = str(exc.value)
    assert "\n" not in message and message, message
    return message


@pytest.mark.parametrize(
    ("target", "kwargs", "error", "pattern"),
    [
        ("nosuchsuite", {}, UnknownNameError, "unknown suite or env 'nosuchsuite'.*suites: core"),
        ("cor", {}, UnknownNameError, "did you mean 'core'"),
        ("Arithmetc", {}, UnknownNameError, "did you mean 'Arithmetic'"),
        ([ARITHMETIC, "Fractons"], {}, UnknownNameError, "did you mean 'Fractions'"),
        ([], {}, UsageError, "nothing to evaluate"),
        (ARITHMETIC, {"n": 0}, UsageError, "n must be a whole number >= 1"),
        (ARITHMETIC, {"n": 2.5}, UsageError, "n must be a whole number"),
        (ARITHMETIC, {"k": 0}, UsageError, "k must be one or more whole numbers"),
        (ARITHMETIC, {"k": "abc"}, UsageError, "k must be an int or a list"),
        (ARITHMETIC, {"k": [1, 4], "samples": 2}, UsageError, "samples >= 4"),
        (ARITHMETIC, {"attempts": 0}, UsageError, "attempts must be"),
        (ARITHMETIC, {"feedback": "loud"}, UsageError, "feedback must be one of none, verdict, hint"),
        (ARITHMETIC, {"split": "dev"}, UsageError, "split must be 'train', 'test' or None"),
        (ARITHMETIC, {"temperature": -1.0}, UsageError, "temperature must be a number >= 0"),
        (ARITHMETIC, {"difficulty": 11}, ValueError, "difficulty must be in 1..10"),
        (ARITHMETIC, {"name": 3}, TypeError, "name labels the policy"),
    ],
)
def test_evaluate_rejects_bad_arguments_before_asking_the_policy(target, kwargs, error, pattern):
    policy = CountingPolicy()
    with pytest.raises(error, match=pattern) as exc:
        textbook_gym.evaluate(policy, target, progress=False, **kwargs)
    _one_line(exc)
    assert policy.calls == 0


def test_evaluate_rejects_a_policy_that_is_not_one():
    with pytest.raises(TypeError, match="policy must be a rollout backend .* or a callable") as exc:
        textbook_gym.evaluate(42, "core")
    _one_line(exc)


@pytest.mark.parametrize(
    ("reply", "pattern"),
    [
        (lambda prompt: 12, "returned int 12 for prompt 0; a policy returns response text"),
        (lambda prompt: None, "returned NoneType None for prompt 0"),
        (lambda prompt: b"\\boxed{1}", "returned bytes"),
    ],
)
def test_a_policy_returning_non_strings_gets_a_clear_type_error(reply, pattern):
    with pytest.raises(TypeError, match=pattern) as exc:
        textbook_gym.evaluate(CountingPolicy(reply), ARITHMETIC, n=1, difficulty=1, progress=False)
    _one_line(exc)


def test_a_policy_returning_the_wrong_shape_is_named():
    with pytest.raises(TypeError, match="must return a list of response strings"):
        textbook_gym.evaluate(lambda prompts: "\\boxed{1}", ARITHMETIC, n=1, difficulty=1, progress=False)
    with pytest.raises(ValueError, match="returned 0 responses for 1 prompts"):
        textbook_gym.evaluate(lambda prompts: [], ARITHMETIC, n=1, difficulty=1, progress=False)


def test_evaluate_name_labels_the_policy_in_the_report():
    report = textbook_gym.evaluate(CountingPolicy(), ARITHMETIC, n=2, difficulty=1, name="always zero",
                                   progress=False)
    assert report.meta["name"] == "always zero" and report.meta["model"] == "always zero"
    unnamed = textbook_gym.evaluate(CountingPolicy(), ARITHMETIC, n=2, difficulty=1, progress=False)
    assert unnamed.meta["name"] == "counting"


@pytest.mark.parametrize(
    ("target", "kwargs", "error", "pattern"),
    [
        ("textbook/Nope-v0", {}, UnknownNameError, "unknown env id, family or verifier 'textbook/Nope-v0'"),
        ("Fractons", {}, UnknownNameError, "did you mean 'Fractions'"),
        ("mathh", {}, UnknownNameError, "did you mean 'math'"),
        (42, {}, TypeError, "needs an env id, a family name, a verifier name or a callable"),
        ("Arithmetic", {"deadline": 2.0}, UsageError, "only apply to a verifier"),
        (None, {"override": True}, UsageError, "override=True needs a family"),
        ("math", {"override": True}, UsageError, "override=True applies to a family"),
    ],
)
def test_reward_function_fails_at_construction(target, kwargs, error, pattern):
    with pytest.raises(error, match=pattern) as exc:
        reward_function(target, **kwargs)
    _one_line(exc)


@pytest.mark.parametrize(
    ("options", "error", "pattern"),
    [
        ({"bogus": 1}, UsageError, "does not understand 'bogus'; the allowed keys are 'difficulty' .* and 'problem'"),
        ({"difficulty": 3, "seed": 1}, UsageError, "does not understand 'seed'"),
        ({"difficulty": 0}, ValueError, "difficulty must be in 1..10"),
        ({"problem": "What is 1 + 1?"}, TypeError, "must be a textbook_gym.Problem"),
        ("difficulty=3", TypeError, "takes a dict with keys"),
    ],
)
def test_reset_options_are_checked(options, error, pattern):
    for env in (gym.make(ARITHMETIC), TextbookEnv("Arithmetic")):
        with pytest.raises(error, match=pattern) as exc:
            env.reset(seed=0, options=options)
        _one_line(exc)
    _, info = TextbookEnv("Arithmetic").reset(seed=0, options={"difficulty": 3})
    assert info["difficulty"] == 3


def test_make_env_and_gym_make_check_their_arguments():
    with pytest.raises(UnknownNameError, match="did you mean 'Arithmetic'"):
        TextbookEnv("Arithmetc")
    with pytest.raises(ValueError, match="split must be"):
        textbook_gym.make_env([{"question": "1+1?", "answer": 2}], lambda r, a: True, split="holdout")


# ---------------------------------------------------------------- collect
torch = pytest.importorskip("torch")


@pytest.fixture(scope="module")
def collect():
    from textbook_gym.agents.rollout import collect

    return collect


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "pattern"),
    [
        ((), {}, UsageError, "give the collection's size once: n_problems .* or n_episodes"),
        ((4,), {"n_episodes": 8}, UsageError, "give the collection's size once"),
        ((), {"n_episodes": 5, "group_size": 2}, UsageError, "n_episodes must be a whole multiple of group_size=2"),
        ((-1,), {}, UsageError, "n_problems must be a whole number >= 0"),
        ((2,), {"group_size": 0}, UsageError, "group_size must be a whole number >= 1"),
        ((2,), {"batch_size": 0}, UsageError, "batch_size must be"),
        ((2,), {"seed": "zero"}, UsageError, "seed must be an int or None"),
        ((2,), {"split": "dev"}, UsageError, "split must be"),
        ((2,), {"env_kwargs": {"split": "test"}}, UsageError, "pass the split as collect"),
    ],
)
def test_collect_rejects_bad_arguments_before_generating(collect, hf_backend, args, kwargs, error, pattern):
    with pytest.raises(error, match=pattern) as exc:
        collect(ARITHMETIC, hf_backend, *args, progress=False, **kwargs)
    _one_line(exc)


def test_collect_rejects_unknown_env_names_and_non_backends(collect, hf_backend):
    with pytest.raises(UnknownNameError, match="did you mean"):
        collect("textbook/Arithmetc-v0", hf_backend, 1, progress=False)
    with pytest.raises(TypeError, match="backend must be a rollout backend"):
        collect(ARITHMETIC, lambda prompts: prompts, 1, progress=False)


def test_collect_returns_the_records_its_parameters_promise(collect, hf_backend):
    from textbook_gym.agents.backends import SamplingConfig

    short = SamplingConfig(max_tokens=4)
    by_episodes = collect(ARITHMETIC, hf_backend, n_episodes=4, group_size=2, sampling=short, progress=False)
    assert len(by_episodes) == 4 and len({r.problem_id for r in by_episodes}) <= 2
    by_problems = collect(ARITHMETIC, hf_backend, n_problems=4, group_size=2, sampling=short, progress=False)
    assert len(by_problems) == 8
    positional = collect(ARITHMETIC, hf_backend, 4, 2, short, progress=False)  # callers of the old signature
    assert [r.problem_id for r in positional] == [r.problem_id for r in by_problems]


def test_collect_poses_the_split_it_is_asked_for(collect, hf_backend):
    from textbook_gym.agents.backends import SamplingConfig
    from textbook_gym.splits import split_of

    short = SamplingConfig(max_tokens=4)
    for split, expected in (("auto", {"train"}), ("train", {"train"}), ("test", {"test"})):
        records = collect(ARITHMETIC, hf_backend, 12, sampling=short, progress=False, split=split,
                          env_kwargs={"difficulty": "1-3"})
        assert all(_problem_of(r).id == r.problem_id for r in records)
        assert {split_of(_problem_of(r)) for r in records} == expected, split
    instance = TextbookEnv("Arithmetic", difficulty="1-3")
    records = collect(instance, hf_backend, 12, sampling=short, progress=False, split="test")
    assert {split_of(_problem_of(r)) for r in records} == {"test"}
    assert instance.split == "train"  # the caller's env is copied, never changed


def _problem_of(record):
    from textbook_gym.problem import generate_problem

    family = textbook_gym.get_family(record.env_id)
    return generate_problem(family, record.problem_seed, record.difficulty)
