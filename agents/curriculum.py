"""A success-rate curriculum: pick each problem's difficulty so that the batch is learnable.

Group-relative RL learns only from groups whose answers differ: a level the model
always solves, or never solves, gives zero advantage everywhere. The curriculum
keeps a running success rate per difficulty level and samples each episode's
level with a weight that peaks when that rate sits in the middle of the target
band and falls off outside it, so the batch success rate stays in the band as the
model improves (levels it has mastered fade out, harder ones fade in). Its state
is a small dict, saved in every checkpoint so a resumed run picks the same levels.
"""

from __future__ import annotations

import math

import numpy as np

from textbook_gym.env import parse_difficulty


class Curriculum:
    """Per-level running success rates and the sampling rule over them."""

    def __init__(self, difficulty: str, band: tuple[float, float] = (0.3, 0.7), ema: float = 0.7, prior: float = 0.5):
        lo, hi = parse_difficulty(difficulty)
        if not 0.0 <= band[0] < band[1] <= 1.0:
            raise ValueError(f"curriculum band must satisfy 0 <= low < high <= 1, got {band!r}")
        self.levels = list(range(lo, hi + 1))
        self.band = (float(band[0]), float(band[1]))
        self.ema = ema
        self.success = {level: prior for level in self.levels}

    def weights(self) -> np.ndarray:
        """Sampling weight of each level: 1 inside the band, decaying with distance outside it."""
        low, high = self.band
        width = max(high - low, 1e-3)
        w = []
        for level in self.levels:
            p = self.success[level]
            dist = max(low - p, p - high, 0.0)
            w.append(math.exp(-((dist / (0.25 * width)) ** 2)) + 1e-3)
        w = np.asarray(w)
        return w / w.sum()

    def sample(self, rng: np.random.Generator) -> int:
        return int(rng.choice(self.levels, p=self.weights()))

    def update(self, level: int, success_rate: float) -> None:
        """Fold one observed success rate of ``level`` into its running estimate."""
        if level in self.success:
            self.success[level] = self.ema * self.success[level] + (1 - self.ema) * float(success_rate)

    def state_dict(self) -> dict:
        return {"success": dict(self.success)}

    def load_state_dict(self, state: dict) -> None:
        self.success.update({int(k): float(v) for k, v in state["success"].items()})
