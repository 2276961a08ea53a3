"""The OpenEnv server: real WebSocket sessions on loopback, concurrent, with bad input."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time

import pytest

pytest.importorskip("openenv", reason="OpenEnv is the optional [openenv] extra: pip install 'textbook-gym[openenv]'")

from textbook_gym import TextbookEnv, get_family
from textbook_gym.answers import answer_text
from textbook_gym.export import problems
from textbook_gym.integrations.common import problem_from_row, task_rows
from textbook_gym.integrations.openenv_server import (
    MAX_ANSWER_CHARS,
    TextbookAction,
    TextbookClient,
    create_app,
    serve_main,
)

FAMILIES = ("Arithmetic", "LinearEquations")
MAX_SESSIONS = 12


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(create_app(FAMILIES, MAX_SESSIONS), host="127.0.0.1", port=port, log_level="warning",
                            ws_max_size=4 * MAX_ANSWER_CHARS + 65_536)
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the OpenEnv server did not start within 60 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def _run(coro):
    return asyncio.run(coro)


def _local_episode(family: str, seed: int, level: int, attempts: int, responses: list[str]):
    """The project's own env on the same problem: the prompts, rewards and feedback a session must match."""
    problem = problems(family, "train", 1, seed=seed, difficulty=level)[0]
    env = TextbookEnv(family, max_attempts=attempts, feedback="hint")
    env.reset(options={"problem": problem})
    out = []
    for response in responses:
        _, reward, done, _, _ = env.step(response)
        out.append((reward, done, None if done else env.messages[-1]["content"]))
        if done:
            break
    return problem, out


async def _play(base_url: str, family: str, seed: int, level: int = 2):
    problem = problems(family, "train", 1, seed=seed, difficulty=level)[0]
    responses = ["\\boxed{-99999}", f"\\boxed{{{answer_text(problem.answer)}}}"]
    async with TextbookClient(base_url=base_url) as env:
        first = await env.reset(family=family, difficulty=level, max_attempts=2, feedback="hint", seed=seed)
        steps = []
        for response in responses:
            await asyncio.sleep(0)  # interleave sessions between steps
            result = await env.step(TextbookAction(response=response))
            steps.append((result.reward, result.done, None if result.done else result.observation.prompt))
            if result.done:
                break
    return first, steps, responses


def test_concurrent_sessions_play_full_episodes_without_crossing(server):
    cases = [(FAMILIES[i % 2], 100 + i) for i in range(MAX_SESSIONS)]

    async def main():
        return await asyncio.gather(*(_play(server, family, seed) for family, seed in cases))

    results = _run(main())
    for (family, seed), (first, steps, responses) in zip(cases, results):
        problem, want = _local_episode(family, seed, 2, 2, responses)
        assert first.observation.problem_id == problem.id
        assert first.observation.prompt == get_family(family).prompt(problem)
        assert [(r, d, f) for r, d, f in steps] == want
        assert steps[-1][:2] == (1.0, True)


def test_task_rows_pose_their_exact_problem(server):
    row = task_rows(["LinearEquations"], 1, difficulty=3)[0]

    async def main():
        async with TextbookClient(base_url=server) as env:
            return await env.reset(family=row["family"], difficulty=row["difficulty"], seed=row["seed"],
                                   problem_id=row["problem_id"], split=row["split"])

    assert _run(main()).observation.problem_id == row["problem_id"]


def test_bad_input_gets_a_clear_error_and_leaves_sessions_untouched(server):
    import websockets

    ws_url = server.replace("http://", "ws://") + "/ws"

    async def ask(ws, message):
        await ws.send(message if isinstance(message, str) else json.dumps(message))
        return json.loads(await ws.recv())

    async def main():
        # A healthy session mid-episode, which must not notice anything.
        async with TextbookClient(base_url=server) as good:
            start = await good.reset(family="Arithmetic", difficulty=1, max_attempts=3, seed=5)
            async with websockets.connect(ws_url, max_size=None) as bad:
                errors = [
                    await ask(bad, "{not json"),
                    await ask(bad, {"type": "launch"}),
                    await ask(bad, {"type": "step", "data": {"response": "\\boxed{1}"}}),  # before any reset
                    await ask(bad, {"type": "reset", "data": {"family": "Astrology"}}),
                    await ask(bad, {"type": "reset", "data": {"family": "Arithmetic", "difficulty": 11}}),
                    await ask(bad, {"type": "reset", "data": {"family": "Arithmetic", "colour": "red"}}),
                ]
                ok = await ask(bad, {"type": "reset", "data": {"family": "Arithmetic", "seed": 9, "max_attempts": 2}})
                oversized = await ask(bad, {"type": "step", "data": {"response": "9" * (MAX_ANSWER_CHARS + 1)}})
                wrong_type = await ask(bad, {"type": "step", "data": {"response": ["12"]}})
                still = await ask(bad, {"type": "step", "data": {"response": "\\boxed{-1}"}})
                number = await ask(bad, {"type": "step", "data": {"response": -5}})
            # A client that vanishes mid-episode, without a close message.
            quitter = await websockets.connect(ws_url)
            await ask(quitter, {"type": "reset", "data": {"family": "LinearEquations", "seed": 1}})
            quitter.transport.abort()
            middle = await good.step(TextbookAction(response="\\boxed{-1}"))
            # Every slot is usable again: the dropped sessions were released.
            clients = [TextbookClient(base_url=server) for _ in range(MAX_SESSIONS - 1)]
            for client in clients:
                await client.connect()
                await client.reset(family="Arithmetic", seed=1)
            for client in clients:
                await client.disconnect()
            last = await good.step(TextbookAction(response="\\boxed{-2}"))
        return start, errors, ok, oversized, wrong_type, still, number, middle, last

    start, errors, ok, oversized, wrong_type, still, number, middle, last = _run(main())
    assert all(e["type"] == "error" for e in errors)
    messages = [e["data"]["message"] for e in errors]
    assert messages[0].startswith("Invalid JSON")
    assert "Unknown message type" in messages[1]
    assert "send a reset first" in messages[2]
    assert "unknown family 'Astrology'" in messages[3] and "Arithmetic" in messages[3]
    assert "difficulty must be in 1..10" in messages[4]
    assert "unknown field(s) ['colour']" in messages[5]
    assert ok["type"] == "observation"
    assert oversized["type"] == "error" and "over the 65536-character limit" in oversized["data"]["message"]
    assert wrong_type["type"] == "error" and wrong_type["data"]["code"] == "VALIDATION_ERROR"
    # The refused steps did not count: the next one is the episode's first attempt.
    assert still["type"] == "observation" and still["data"]["observation"]["attempt"] == 1
    assert not still["data"]["done"]
    # A JSON number (what clients that JSON-decode a model's reply send) is read as its text.
    assert number["type"] == "observation" and number["data"]["observation"]["attempt"] == 2
    assert number["data"]["observation"]["verdict"]["status"] == "UNPARSEABLE"  # "-5" has no \\boxed{}
    # The healthy session went on as if alone.
    problem = problems("Arithmetic", "train", 1, seed=5, difficulty=1)[0]
    assert start.observation.problem_id == problem.id
    assert (middle.observation.attempt, middle.done) == (1, False)
    assert (last.observation.attempt, last.done) == (2, False)
    assert "1 attempt left" in last.observation.prompt


def test_serve_main_rejects_an_unknown_family_before_serving():
    with pytest.raises(KeyError, match="unknown family"):
        serve_main(["--families", "Astrology", "--port", "1"])


def test_verifiers_openenv_taskset_contract(server):
    """What verifiers 0.4's OpenEnvEnv.run does per task, with openenv's GenericEnvClient and /schema."""
    import httpx
    from openenv import GenericEnvClient

    from textbook_gym.integrations.verifiers_env import taskset_config

    config = taskset_config(server, ["Arithmetic", "LinearEquations"], 2, difficulty=2, max_attempts=2,
                            feedback="hint")
    assert config["id"] == "openenv" and config["base_url"] == server
    schema = httpx.get(f"{server}/schema", timeout=10).json()["action"]
    assert schema["required"] == ["response"]  # one required field: a plain reply fills it

    async def play(reset, replies):
        total, results = 0.0, []
        async with GenericEnvClient(base_url=server) as client:
            result = await client.reset(**reset)
            results.append(result)
            for reply in replies:
                result = await client.step({schema["required"][0]: reply})
                results.append(result)
                total += result.reward or 0.0
                if result.done:
                    break
        return total, results

    for reset in config["resets"]:
        problem = problem_from_row(reset)
        family = get_family(problem.family)
        right = f"The answer is \\boxed{{{answer_text(problem.answer)}}}"
        total, results = _run(play(reset, ["I am not sure", right]))
        assert results[0].observation["problem_id"] == reset["problem_id"]
        assert results[1].observation["prompt"].startswith("I could not read a final answer")
        assert total == family.verify(problem, "I am not sure").score + family.verify(problem, right).score == 1.0
