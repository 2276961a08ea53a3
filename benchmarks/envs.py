"""Episodes per second for every family, beside reasoning-gym in the same run.

An episode is ``reset`` + ``step`` through ``gym.make`` (with Gymnasium's default
wrappers), answering with the family's worked solution, so generation, prompt
building, extraction and verification are all timed. Writing the answer is not
timed. The peer is reasoning-gym's ``basic_arithmetic``: generating an item plus
``score_answer`` on its answer.

    python benchmarks/envs.py [--episodes 2000] [--families Arithmetic ...] [--repeat 3]

With ``--repeat R`` the whole measurement runs R times in the same process and each
ratio is reported as its median with the range over the repeats: one run is one
sample of a machine's load.

Writes benchmarks/results/envs.json and prints a table with ratios to the peer.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from pathlib import Path

import gymnasium as gym

import textbook_gym

RESULTS = Path(__file__).with_name("results")


class FamilyTimer:
    """Times episodes of one env in chunks, so chunks of different envs can interleave."""

    def __init__(self, env_id: str, difficulty: str):
        self.env_id = env_id
        self.env = gym.make(env_id, difficulty=difficulty)
        self.env.reset(seed=0)
        self.episodes = 0
        self.reset_s = self.step_s = 0.0
        self.correct = 0

    def run(self, episodes: int) -> None:
        env, base = self.env, self.env.unwrapped
        for _ in range(episodes):
            t0 = time.perf_counter()
            env.reset()
            t1 = time.perf_counter()
            response = base.family.worked_solution(base.problem)
            t2 = time.perf_counter()
            _, reward, *_ = env.step(response)
            t3 = time.perf_counter()
            self.reset_s += t1 - t0
            self.step_s += t3 - t2
            self.correct += reward == 1.0
        self.episodes += episodes

    def result(self) -> dict:
        total = self.reset_s + self.step_s
        return {
            "env_id": self.env_id,
            "episodes": self.episodes,
            "episodes_per_s": self.episodes / total,
            "reset_us": 1e6 * self.reset_s / self.episodes,
            "step_us": 1e6 * self.step_s / self.episodes,
            "solved": self.correct / self.episodes,
        }


class PeerTimer:
    """reasoning-gym basic_arithmetic: item generation plus score_answer."""

    env_id = "reasoning-gym/basic_arithmetic"

    def __init__(self, size: int):
        import reasoning_gym

        t0 = time.perf_counter()
        self.data = reasoning_gym.create_dataset("basic_arithmetic", size=size, seed=0)
        self.episodes = 0
        self.reset_s = time.perf_counter() - t0  # building the (lazy) data set counts once
        self.step_s = 0.0
        self.correct = 0.0

    def run(self, episodes: int) -> None:
        data, start = self.data, self.episodes
        t0 = time.perf_counter()
        items = [data[i] for i in range(start, start + episodes)]
        t1 = time.perf_counter()
        scores = [data.score_answer(answer=item["answer"], entry=item) for item in items]
        t2 = time.perf_counter()
        self.reset_s += t1 - t0
        self.step_s += t2 - t1
        self.correct += sum(scores)
        self.episodes += episodes

    result = FamilyTimer.result


def _measure(names: list[str], args) -> tuple[dict | None, list[dict]]:
    """One measurement: every env and the peer, chunks interleaved."""
    try:
        peer_timer = PeerTimer(args.episodes)
    except ImportError:
        peer_timer = None
    timers = [FamilyTimer(textbook_gym.get_family(n).env_id, args.difficulty) for n in names]
    # Interleave chunks so that a change in machine load hits every env alike.
    chunk = max(1, args.episodes // args.rounds)
    for _ in range(args.rounds):
        for timer in ([peer_timer] if peer_timer else []) + timers:
            timer.run(chunk)
    peer = peer_timer.result() if peer_timer else None
    rows = [timer.result() for timer in timers]
    for row in rows:
        row["ratio_to_peer"] = row["episodes_per_s"] / peer["episodes_per_s"] if peer else None
    return peer, rows


def _combine(runs: list[tuple[dict | None, list[dict]]]) -> tuple[dict | None, list[dict]]:
    """Median row per env over the runs (by episodes/s), with every run's ratio kept in ``ratio_runs``."""
    peers = [peer for peer, _ in runs if peer]
    peer = sorted(peers, key=lambda r: r["episodes_per_s"])[len(peers) // 2] if peers else None
    rows = []
    for index in range(len(runs[0][1])):
        per_run = sorted((rows_[index] for _, rows_ in runs), key=lambda r: r["episodes_per_s"])
        row = dict(per_run[len(per_run) // 2])
        ratios = [r["ratio_to_peer"] for r in per_run if r["ratio_to_peer"] is not None]
        row["ratio_runs"] = [rows_[index]["ratio_to_peer"] for _, rows_ in runs]
        row["ratio_to_peer"] = statistics.median(ratios) if ratios else None
        rows.append(row)
    rows.sort(key=lambda r: r["episodes_per_s"])
    return peer, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--episodes", type=int, default=2000)
    parser.add_argument("--families", nargs="*", default=None)
    parser.add_argument("--difficulty", default="1", help="level or LO-HI range (default: gym.make's default, 1)")
    parser.add_argument("--rounds", type=int, default=10, help="interleaved chunks per env")
    parser.add_argument("--repeat", type=int, default=3, help="whole measurements; ratios are given as median and range")
    args = parser.parse_args()

    names = args.families or textbook_gym.list_families()
    runs = [_measure(names, args) for _ in range(args.repeat)]
    peer, rows = _combine(runs)

    from rich.console import Console
    from rich.table import Table

    table = Table("env", "episodes/s", "reset µs", "step µs", "solved", "× reasoning-gym (median, range)",
                  title=f"textbook envs, {args.repeat} run(s)")
    for row in ([peer] if peer else []) + rows:
        ratio = row.get("ratio_to_peer")
        spread = "" if ratio is None else f" ({min(row['ratio_runs']):.2f}–{max(row['ratio_runs']):.2f})"
        table.add_row(row["env_id"], f"{row['episodes_per_s']:,.0f}", f"{row['reset_us']:.0f}",
                      f"{row['step_us']:.0f}", f"{row['solved']:.2f}", "peer" if ratio is None else f"{ratio:.2f}{spread}")
    Console().print(table)
    RESULTS.mkdir(exist_ok=True)
    out = {"machine": platform.platform(), "python": platform.python_version(), "difficulty": args.difficulty,
           "episodes": args.episodes, "repeat": args.repeat, "peer": peer, "families": rows}
    (RESULTS / "envs.json").write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {RESULTS / 'envs.json'}")


if __name__ == "__main__":
    main()
