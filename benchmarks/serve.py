"""Load test of the OpenEnv server: N concurrent clients on loopback playing full episodes.

Starts ``textbook-gym serve`` (``serve_main``) in a subprocess on a free loopback port,
then runs ``--clients`` concurrent WebSocket sessions, each playing ``--episodes``
two-attempt episodes (reset, a wrong answer, the right answer) on problems named by
seed. Every session knows beforehand which problem each of its seeds names, so the
benchmark checks that no session's state was lost or crossed: every reset must pose the
expected problem, every step must report the session's own attempt count, and every
episode must end solved with reward 1. Bounded in count (``--clients`` <= 256) and time
(``--time-limit`` seconds, after which clients stop starting episodes).

    python benchmarks/serve.py [--clients 32] [--episodes 20] [--families Arithmetic LinearEquations]

Prints and writes benchmarks/results/serve.json: episodes/s, p50/p99 request latency
(reset and step), p50/p99 episode latency, errors and crossed sessions.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

RESULTS = Path(__file__).with_name("results")
MAX_CLIENTS = 256


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_server(families: list[str], port: int, max_sessions: int, log) -> subprocess.Popen:
    code = (
        "import sys; from textbook_gym.integrations.openenv_server import serve_main; "
        "sys.exit(serve_main(sys.argv[1:]))"
    )
    cmd = [sys.executable, "-c", code, "--port", str(port), "--max-sessions", str(max_sessions), "--families", *families]
    # The log goes to a file: an unread pipe fills up and blocks the server.
    return subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, text=True)


def _wait_ready(proc: subprocess.Popen, port: int, timeout: float, log) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"the server exited with code {proc.returncode}: {log.read()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"the server did not accept connections within {timeout} s")


def _plan(families: list[str], clients: int, episodes: int, level: int):
    """Per client: (family, seed, expected problem id, right answer) for each episode, computed locally."""
    from textbook_gym.answers import answer_text
    from textbook_gym.export import problems

    plans = []
    for c in range(clients):
        family = families[c % len(families)]
        plan = []
        for e in range(episodes):
            seed = 1_000_000 + c * 10_000 + e
            problem = problems(family, "train", 1, seed=seed, difficulty=level)[0]
            plan.append((family, seed, problem.id, f"\\boxed{{{answer_text(problem.answer)}}}"))
        plans.append(plan)
    return plans


async def _client(base_url: str, plan, level: int, stop_at: float, stats: dict) -> None:
    from textbook_gym.integrations.openenv_server import TextbookAction, TextbookClient

    try:
        async with TextbookClient(base_url=base_url, message_timeout_s=60) as env:
            for family, seed, problem_id, right in plan:
                if time.monotonic() > stop_at:
                    return
                start = time.perf_counter()
                t = time.perf_counter()
                first = await env.reset(family=family, difficulty=level, max_attempts=2, feedback="hint", seed=seed)
                stats["request_s"].append(time.perf_counter() - t)
                crossed = first.observation.problem_id != problem_id
                for attempt, response in enumerate(("\\boxed{-987654321}", right), start=1):
                    t = time.perf_counter()
                    result = await env.step(TextbookAction(response=response))
                    stats["request_s"].append(time.perf_counter() - t)
                    crossed |= result.observation.attempt != attempt or result.observation.problem_id != problem_id
                crossed |= not (result.done and result.reward == 1.0)
                stats["episode_s"].append(time.perf_counter() - start)
                stats["episodes"] += 1
                stats["crossed"] += int(crossed)
    except Exception as exc:  # noqa: BLE001 - a benchmark counts failures instead of stopping
        stats["errors"].append(f"{type(exc).__name__}: {exc}")


def _percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {"p50_ms": float("nan"), "p99_ms": float("nan")}
    arr = np.asarray(values) * 1000
    return {"p50_ms": round(float(np.percentile(arr, 50)), 2), "p99_ms": round(float(np.percentile(arr, 99)), 2)}


def run(clients: int, episodes: int, families: list[str], level: int, time_limit: float) -> dict:
    if not 1 <= clients <= MAX_CLIENTS:
        raise ValueError(f"--clients must be 1..{MAX_CLIENTS}, got {clients}")
    plans = _plan(families, clients, episodes, level)
    import textbook_gym.integrations.openenv_server  # noqa: F401 - imported before the clock starts
    port = _free_port()
    log = tempfile.TemporaryFile("w+")
    proc = _start_server(families, port, clients, log)
    try:
        _wait_ready(proc, port, 120, log)
        stats = {"request_s": [], "episode_s": [], "episodes": 0, "crossed": 0, "errors": []}

        async def main():
            stop_at = time.monotonic() + time_limit
            await asyncio.gather(*(_client(f"http://127.0.0.1:{port}", plan, level, stop_at, stats)
                                   for plan in plans))

        start = time.perf_counter()
        asyncio.run(main())
        wall = time.perf_counter() - start
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
    return {
        "clients": clients,
        "episodes_per_client": episodes,
        "families": families,
        "difficulty": level,
        "episodes": stats["episodes"],
        "requests": len(stats["request_s"]),
        "wall_s": round(wall, 3),
        "episodes_per_s": round(stats["episodes"] / wall, 2),
        "request_latency": _percentiles(stats["request_s"]),
        "episode_latency": _percentiles(stats["episode_s"]),
        "errors": len(stats["errors"]),
        "error_samples": stats["errors"][:5],
        "crossed": stats["crossed"],
        "machine": {"python": platform.python_version(), "cpus": __import__("os").cpu_count()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=32, help=f"concurrent sessions (1..{MAX_CLIENTS})")
    parser.add_argument("--episodes", type=int, default=20, help="episodes per client")
    parser.add_argument("--families", nargs="+", default=["Arithmetic", "LinearEquations"])
    parser.add_argument("--difficulty", type=int, default=3)
    parser.add_argument("--time-limit", type=float, default=120.0, help="seconds after which clients stop")
    parser.add_argument("--out", default=str(RESULTS / "serve.json"))
    args = parser.parse_args(argv)
    result = run(args.clients, args.episodes, args.families, args.difficulty, args.time_limit)
    print(json.dumps(result, indent=2))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    return 0 if result["errors"] == 0 and result["crossed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
