"""The rollout runner: textbook episodes driven through real backends."""

from __future__ import annotations

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

import textbook_gym  # noqa: E402
from textbook_gym.agents.backends import SamplingConfig  # noqa: E402
from textbook_gym.agents.rollout import EpisodeRecord, collect, summarize  # noqa: E402

SHORT = SamplingConfig(max_tokens=8)
ARITHMETIC = textbook_gym.get_family("Arithmetic").env_id
PROBLEMS = [{"question": f"What is {i} + 1?", "answer": i + 1} for i in range(50)]


def _env(verifier=lambda response, answer: False, **options):
    return textbook_gym.make_env(PROBLEMS, verifier, sandbox=False, **options)


def test_returns_one_record_per_problem_and_group_member(hf_backend):
    records = collect(_env(), hf_backend, 5, group_size=3, sampling=SHORT, progress=False)
    assert [(r.episode_index, r.group_index) for r in records] == [(i, g) for i in range(5) for g in range(3)]


def test_group_members_share_problem_and_prompt(hf_backend):
    records = collect(_env(), hf_backend, 4, group_size=4, sampling=SHORT, progress=False)
    groups = {}
    for r in records:
        groups.setdefault(r.episode_index, set()).add((r.problem_id, r.prompt))
    assert all(len(members) == 1 for members in groups.values())


def test_group_members_sample_different_responses(hf_backend):
    records = collect(_env(), hf_backend, 1, group_size=6, sampling=SHORT, progress=False)
    assert len({r.attempts[0].response for r in records}) > 1


def test_same_seed_gives_the_same_records(hf_backend):
    runs = [collect(_env(max_attempts=2), hf_backend, 6, group_size=2, sampling=SHORT, seed=3, progress=False,
                    batch_size=4) for _ in range(2)]
    assert [r.to_dict() for r in runs[0]] == [r.to_dict() for r in runs[1]]


def test_unseeded_sampling_keeps_the_problems_seeded(hf_backend, monkeypatch):
    seen = []
    real = hf_backend.generate
    monkeypatch.setattr(hf_backend, "generate",
                        lambda prompts, sampling, **kw: seen.append(sampling.seed) or real(prompts, sampling, **kw))
    seeded = collect(_env(), hf_backend, 4, sampling=SHORT, seed=5, progress=False)
    free = collect(_env(), hf_backend, 4, sampling=SHORT, seed=5, progress=False, seed_sampling=False)
    assert [r.problem_id for r in free] == [r.problem_id for r in seeded]
    assert seen[0] is not None and seen[1] is None  # the engine's own generator samples
    explicit = collect(_env(), hf_backend, 4, sampling=SamplingConfig(max_tokens=8, seed=11), seed=5,
                       progress=False, seed_sampling=False)
    assert len(explicit) == 4 and seen[2] == 11  # an explicit sampling seed is always honoured


def test_other_seed_gives_other_problems(hf_backend):
    first = collect(_env(), hf_backend, 6, sampling=SHORT, seed=0, progress=False)
    other = collect(_env(), hf_backend, 6, sampling=SHORT, seed=1, progress=False)
    assert [r.problem_id for r in first] != [r.problem_id for r in other]


def test_wrong_answers_use_every_attempt(hf_backend):
    records = collect(_env(max_attempts=3), hf_backend, 4, sampling=SHORT, progress=False)
    assert [r.attempts_used for r in records] == [3, 3, 3, 3]


def test_a_correct_answer_ends_the_episode(hf_backend):
    records = collect(_env(lambda response, answer: True, max_attempts=3), hf_backend, 4, sampling=SHORT,
                      progress=False)
    assert [(r.attempts_used, r.reward, r.correct) for r in records] == [(1, 1.0, True)] * 4


def test_later_attempts_continue_the_conversation_with_feedback(hf_backend):
    record = collect(_env(max_attempts=2), hf_backend, 1, sampling=SHORT, progress=False)[0]
    second = record.attempts[1].prompt
    assert [m["role"] for m in second] == ["user", "assistant", "user"]
    assert second[1]["content"] == record.attempts[0].response and "incorrect" in second[2]["content"]


def test_plain_text_prompts_when_chat_is_off(hf_backend):
    record = collect(_env(max_attempts=2), hf_backend, 1, sampling=SHORT, progress=False, use_chat=False)[0]
    assert isinstance(record.attempts[1].prompt, str) and "Attempt 1:" in record.attempts[1].prompt


def test_attempts_carry_tokens_logprobs_and_verdicts(hf_backend):
    records = collect(_env(max_attempts=2), hf_backend, 3, sampling=SHORT, progress=False)
    attempts = [a for r in records for a in r.attempts]
    assert all(
        len(a.logprobs) == len(a.token_ids) > 0 and a.reward == a.verdict.score and a.prompt_token_ids
        for a in attempts
    )


def test_records_are_json_ready(hf_backend):
    import json

    record = collect(_env(), hf_backend, 1, sampling=SHORT, progress=False)[0]
    assert json.loads(json.dumps(record.to_dict()))["attempts_used"] == 1


def test_env_ids_with_env_kwargs(hf_backend):
    records = collect(ARITHMETIC, hf_backend, 3, sampling=SHORT, progress=False,
                      env_kwargs={"max_attempts": 2, "difficulty": 2})
    assert all(r.env_id == ARITHMETIC and r.max_attempts == 2 and r.difficulty == 2 for r in records)


def test_envs_made_from_ids_are_reused_by_the_next_call_with_the_same_results(hf_backend, monkeypatch):
    import gymnasium as gym

    kwargs = {"difficulty": 3, "max_attempts": 2}
    first = collect(ARITHMETIC, hf_backend, 5, group_size=2, sampling=SHORT, seed=7,
                    progress=False, env_kwargs=kwargs)
    made = []
    real_make = gym.make
    monkeypatch.setattr(gym, "make", lambda *a, **k: made.append(a) or real_make(*a, **k))
    again = collect(ARITHMETIC, hf_backend, 5, group_size=2, sampling=SHORT, seed=7,
                    progress=False, env_kwargs=kwargs)
    assert made == []  # every slot came from the first call's idle envs
    assert [r.to_dict() for r in again] == [r.to_dict() for r in first]
    collect(ARITHMETIC, hf_backend, 2, sampling=SHORT, progress=False, env_kwargs={"difficulty": 4})
    assert made  # other kwargs: other envs


def test_several_envs_take_turns(hf_backend):
    records = collect([ARITHMETIC, _env()], hf_backend, 4, sampling=SHORT, progress=False)
    assert [r.env_id for r in records] == [ARITHMETIC, "textbook/Custom-v0"] * 2


def test_more_episodes_than_the_batch_all_finish(hf_backend):
    records = collect(_env(max_attempts=2), hf_backend, 9, sampling=SHORT, progress=False, batch_size=4)
    assert len(records) == 9 and all(r.attempts_used == 2 for r in records)


def test_summary_counts_verdicts(hf_backend):
    records = collect(_env(max_attempts=2), hf_backend, 3, sampling=SHORT, progress=False)
    summary = summarize(records)
    assert summary["episodes"] == 3 and sum(summary["verdicts"].values()) == 6


def test_progress_bar_runs(hf_backend):
    assert len(collect(_env(), hf_backend, 2, sampling=SHORT, progress=True)) == 2


@pytest.mark.vllm
def test_collect_through_vllm(vllm_backend):
    records = collect(ARITHMETIC, vllm_backend, 4, group_size=2, sampling=SHORT, progress=False,
                      env_kwargs={"max_attempts": 2})
    assert len(records) == 8 and all(isinstance(r, EpisodeRecord) and r.attempts_used == 2 for r in records)


@pytest.mark.vllm
def test_collect_through_an_openai_server(openai_backend):
    records = collect(ARITHMETIC, openai_backend, 3, group_size=2, sampling=SHORT, progress=False,
                      env_kwargs={"max_attempts": 2})
    assert len(records) == 6 and all(len(a.token_ids) > 0 for r in records for a in r.attempts)
