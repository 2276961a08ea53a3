"""textbook_gym: verifiable practice problems for training and evaluating language models.

Every problem family supplies the three kinds of textbook material: exposition
(pretraining text), worked solutions (supervised fine-tuning) and practice problems
with an answer-checking verifier, exposed as Gymnasium environments::

    import gymnasium as gym
    import textbook_gym  # registers textbook/<Family>-v<N>

    env = gym.make("textbook/Arithmetic-v1", difficulty=3, max_attempts=2)
    prompt, info = env.reset(seed=0)
    prompt, reward, terminated, truncated, info = env.step("\\\\boxed{42}")
"""

from __future__ import annotations

from textbook_gym._version import __version__
from textbook_gym.custom import DatasetFamily, make_env
from textbook_gym.env import TextbookEnv
from textbook_gym.evaluate import evaluate
from textbook_gym.family import Family, FamilyProtocol
from textbook_gym.problem import Problem
from textbook_gym.registry import (
    get_family,
    list_env_ids,
    list_families,
    load_builtin_families,
    load_plugins,
    register_family,
)
from textbook_gym.verdict import Status, Verdict

load_builtin_families()
load_plugins()

__all__ = [
    "DatasetFamily",
    "Family",
    "FamilyProtocol",
    "Problem",
    "Status",
    "TextbookEnv",
    "Verdict",
    "__version__",
    "evaluate",
    "get_family",
    "list_env_ids",
    "list_families",
    "make_env",
    "register_family",
]
