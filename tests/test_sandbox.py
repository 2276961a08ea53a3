"""Deadlines, kills, recovery, plug-in verifiers and thread/asyncio consistency."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from textbook_gym.verdict import Status
from textbook_gym.verifiers import check_symbolic, register_verifier, run_verifier, verify_many, verify_math
from textbook_gym.verifiers.sandbox import SandboxPool


@pytest.fixture(scope="module")
def pool():
    with SandboxPool(workers=2, memory_mb=1024, preload=("sympy",)) as p:
        p.warm()  # the pool's first start is not part of any call's deadline measured below
        yield p


def _sleep_forever(response, gold, **options):
    while True:
        time.sleep(1)


def _hog_memory(response, gold, **options):
    blocks = []
    while True:
        blocks.append(bytearray(64 << 20))


def _raises(response, gold, **options):
    raise RuntimeError("bug in plug-in")


def _bad_score(response, gold, **options):
    return 2.0


def _exact(response, gold, **options):
    return response.strip() == str(gold)


def test_hanging_verifier_times_out_and_the_next_hundred_are_on_time(pool):
    started = time.perf_counter()
    verdict = run_verifier(_sleep_forever, "x", "y", deadline=0.5, pool=pool)
    assert verdict.status is Status.TIMEOUT
    assert time.perf_counter() - started < 5
    started = time.perf_counter()
    for i in range(100):
        verdict = run_verifier(_exact, str(i), i, deadline=5, pool=pool)
        assert verdict.status is Status.CORRECT
    assert time.perf_counter() - started < 60
    assert pool.kills >= 1


def test_symbolic_deadline_gives_timeout_not_incorrect(pool):
    verdict = check_symbolic("\\boxed{\\sin(x)^2 + \\cos(x)^2}", "1", deadline=1e-3, pool=pool)
    assert verdict.status is Status.TIMEOUT
    assert check_symbolic("\\boxed{\\sin(x)^2 + \\cos(x)^2}", "1", pool=pool).status is Status.CORRECT


def test_memory_bomb_is_an_error_verdict(pool):
    verdict = run_verifier(_hog_memory, "x", "y", deadline=20, pool=pool)
    assert verdict.status in (Status.ERROR, Status.TIMEOUT)
    assert run_verifier(_exact, "1", 1, pool=pool).status is Status.CORRECT


@pytest.mark.parametrize(
    "fn, status", [(_raises, Status.ERROR), (_bad_score, Status.ERROR), (_exact, Status.CORRECT)]
)
def test_plugin_verifiers_share_the_error_handling(pool, fn, status):
    assert run_verifier(fn, "4", 4, pool=pool).status is status


def test_register_verifier_decorator(pool):
    @register_verifier("test-exact", replace=True)
    def exact(response, gold, **options):
        return response == gold

    assert run_verifier("test-exact", "a", "a", pool=pool).status is Status.CORRECT
    assert run_verifier("test-exact", "a", "b", pool=pool).status is Status.INCORRECT
    assert run_verifier("no-such-verifier", "a", "b").status is Status.ERROR


def test_verify_many_keeps_order(pool):
    responses = [f"\\boxed{{{i}}}" for i in range(20)]
    golds = [str(i if i % 3 else i + 1) for i in range(20)]
    verdicts = verify_many(responses, golds, "math", pool=pool)
    assert [v.correct for v in verdicts] == [i % 3 != 0 for i in range(20)]


CASES = [
    ("x^2+2x+1", "\\boxed{(x+1)^2}"),
    ("\\sin^2 x + \\cos^2 x", "\\boxed{1}"),
    ("\\frac{3}{4}", "\\boxed{0.75}"),
    ("2", "\\boxed{12}"),
    ("9", "\\boxed{9^9^9^9}"),
]


def _statuses(pool):
    return [verify_math(g, r, pool=pool).status for g, r in CASES]


def test_same_verdicts_from_main_thread_worker_thread_and_asyncio(pool):
    main = _statuses(pool)
    box = {}
    thread = threading.Thread(target=lambda: box.setdefault("v", _statuses(pool)))
    thread.start()
    thread.join(60)

    async def run():
        return await asyncio.gather(*(asyncio.to_thread(verify_math, g, r, pool=pool) for g, r in CASES))

    from_async = [v.status for v in asyncio.run(run())]
    assert main == box["v"] == from_async
    assert main[:3] == [Status.CORRECT] * 3


def test_acall_runs_under_asyncio(pool):
    async def run():
        return await pool.acall(_exact, "1", 1, deadline=5)

    outcome = asyncio.run(run())
    assert outcome.ok and outcome.value is True
