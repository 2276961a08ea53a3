"""The one episode runner (textbook_gym.episodes.play): scheduling, groups, attempts, verification.

RL (``run_groups``), both evaluations and ``collect`` play their episodes with it;
these tests pin what they rely on, with real environments and scripted policies
(generate functions that answer from the problems they are shown). No torch needed.
"""

from __future__ import annotations

import pytest

from textbook_gym import TextbookEnv, get_family
from textbook_gym.episodes import Episode, TextCompletion, play, text_policy
from textbook_gym.export import problems as split_problems
from textbook_gym.verdict import Status, Verdict

ARITHMETIC = get_family("Arithmetic")


def _posed(count, max_attempts=1, level=2):
    """``count`` episodes of distinct level-``level`` Arithmetic problems, reset and ready."""
    episodes = []
    for problem in split_problems("Arithmetic", "train", count, difficulty=level):
        env = TextbookEnv(ARITHMETIC, difficulty=level, max_attempts=max_attempts, split="train")
        observation, info = env.reset(options={"problem": problem})
        episodes.append(Episode(env, observation, info["messages"], tag=problem))
    return episodes


class Scripted:
    """A policy that answers ``answer(prompt)`` to each prompt, ``n`` times, and keeps every call."""

    def __init__(self, answer):
        self.answer = answer
        self.calls: list[tuple[int, int]] = []  # (prompts, n) per call
        self.seen: list[str] = []

    def __call__(self, prompts, sampling):
        self.calls.append((len(prompts), sampling.n))
        self.seen.extend(prompts)
        return [[TextCompletion(self.answer(p), token_ids=[1] * (j + 1)) for j in range(sampling.n)] for p in prompts]


class Sampling:
    def __init__(self, n, call):
        self.n, self.call = n, call


def _right(prompt):
    problem = next(p for p in split_problems("Arithmetic", "train", 40, difficulty=2)
                   if prompt.startswith(ARITHMETIC.prompt(p)))
    return f"\\boxed{{{problem.answer}}}"


def test_a_unit_shares_one_request_for_its_first_attempt_then_retries_one_by_one():
    episodes = _posed(3, max_attempts=2)
    units = [[e] + [Episode(*_clone(e))] for e in episodes]  # two episodes of each problem
    policy = Scripted(lambda prompt: "\\boxed{-1}")
    played = play(units, policy, sampling=Sampling)
    assert policy.calls == [(3, 2), (6, 1)]  # three prompts with n=2, then every open episode once
    assert played == [e for unit in units for e in unit]
    assert all(len(e.attempts) == 2 and e.done and e.status is Status.INCORRECT for e in played)
    # group members got the n completions of their shared prompt, in order
    assert [len(e.attempts[0].token_ids) for e in played] == [1, 2] * 3


def _clone(episode):
    env = TextbookEnv(ARITHMETIC, difficulty=2, max_attempts=episode.env.max_attempts, split="train")
    observation, info = env.reset(options={"problem": episode.tag})
    return env, observation, info["messages"], episode.tag


def test_lanes_hold_batch_size_episodes_and_finished_ones_free_their_slot():
    episodes = _posed(5, max_attempts=2)
    answered_once = set()

    def second_time_right(prompt):
        first = prompt.split("\n\nAttempt 1:")[0]
        if first in answered_once:
            return _right(first)
        answered_once.add(first)
        return "\\boxed{-1}"

    policy = Scripted(second_time_right)
    done = []
    play([[e] for e in episodes], policy, sampling=Sampling, batch_size=2, on_done=done.append)
    # lane 0: problems 0,1; lane 1: 2,3; lane 0 retries 0,1 then fills up with 4 as they end ...
    assert [size for size, _ in policy.calls] == [2, 2, 2, 2, 1, 1]
    assert sorted(id(e) for e in done) == sorted(id(e) for e in episodes)  # each one reported once
    assert all(e.solved_at == 2 and e.correct and e.reward == 1.0 for e in episodes)


def test_sampling_is_asked_per_engine_call_with_its_number():
    asked = []

    def sampling(n, call):
        asked.append((n, call))
        return Sampling(n, call)

    play([[e] for e in _posed(3, max_attempts=3)], Scripted(lambda p: "no idea"), sampling=sampling, batch_size=2)
    assert [call for _, call in asked] == list(range(len(asked))) and {n for n, _ in asked} == {1}


def test_verification_on_threads_gives_what_inline_verification_gives():
    def outcome(threads):
        episodes = _posed(6, max_attempts=2)
        play([[e] for e in episodes], Scripted(lambda p: "\\boxed{3}"), sampling=Sampling, batch_size=4,
             verify_threads=threads)
        return [[(a.response, a.verdict.to_dict(), a.reward) for a in e.attempts] for e in episodes]

    assert outcome(3) == outcome(0)


def test_a_judge_replaces_the_envs_own_verification():
    episodes = _posed(3, max_attempts=3)
    judged = []

    def judge(batch, texts):
        judged.append(len(batch))
        return [Verdict.right(text) for text in texts]

    play([[e] for e in episodes], text_policy(lambda prompts: ["anything"] * len(prompts)), judge=judge)
    assert judged == [3]  # one batch, and every episode ended on its first attempt
    assert all(e.correct and len(e.attempts) == 1 and e.attempts[0].token_ids is None for e in episodes)
    assert all(e.tokens is None for e in episodes)  # a text policy reports no tokens


def test_a_policy_answering_the_wrong_number_of_prompts_is_named():
    def short(prompts, sampling):
        return [[TextCompletion("\\boxed{1}")]] * (len(prompts) - 1)

    with pytest.raises(RuntimeError, match="returned 1 results for 2 prompts"):
        play([[e] for e in _posed(2)], short, sampling=Sampling)
    with pytest.raises(ValueError, match="batch_size"):
        play([], short, batch_size=0)


def test_a_text_policy_answers_each_prompt_once():
    with pytest.raises(ValueError, match="answers each prompt once"):
        play([_posed(2)], text_policy(lambda prompts: ["x"] * len(prompts)), sampling=Sampling)
