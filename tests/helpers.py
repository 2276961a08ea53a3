"""Small shared helpers for the test suite (scripted policies, digests)."""

from __future__ import annotations

import hashlib
import json

import gymnasium as gym
import numpy as np

import textbook_gym


def scripted_response(env: gym.Env, episode: int, attempt: int) -> str:
    """A policy that is right on even episodes (at the second attempt when it can retry)."""
    base = env.unwrapped
    family, problem = base.family, base.problem
    if episode % 2 == 0 and (attempt > 0 or base.max_attempts == 1):
        return family.worked_solution(problem)
    if episode % 3 == 0:
        return "I am not sure."
    return "The answer is \\boxed{WRONG 0}" if episode % 5 == 0 else f"\\boxed{{{episode}}}"


def info_record(info: dict) -> dict:
    record = {k: v for k, v in info.items() if k not in ("verdict", "problem")}
    record["problem"] = info["problem"].to_dict()
    if "verdict" in info:
        record["verdict"] = info["verdict"].to_dict()
    return record


def episode_digest(env_id: str, seed: int = 123, episodes: int = 50, **kwargs) -> str:
    """SHA-256 over the prompts, rewards and infos of ``episodes`` seeded episodes."""
    env = gym.make(env_id, **kwargs)
    rows = []
    obs, info = env.reset(seed=seed)
    for episode in range(episodes):
        if episode:
            obs, info = env.reset()
        rows.append({"obs": obs, "info": info_record(info)})
        terminated, attempt = False, 0
        while not terminated:
            obs, reward, terminated, truncated, info = env.step(scripted_response(env, episode, attempt))
            rows.append({"obs": obs, "reward": reward, "terminated": terminated, "info": info_record(info)})
            attempt += 1
    env.close()
    blob = json.dumps(rows, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(blob).hexdigest()


def all_digests() -> dict[str, str]:
    return {env_id: episode_digest(env_id, max_attempts=2, difficulty="1-10") for env_id in textbook_gym.list_env_ids()}


def rng(*key: int) -> np.random.Generator:
    return np.random.default_rng(list(key))


if __name__ == "__main__":  # used by the cross-process determinism test
    print(json.dumps(all_digests()))
