"""Stage 1 of the textbook: causal language modelling on the families' exposition.

The model reads the chapter text (place value, carrying, the order of
operations ...) with a loss on every token, packed into fixed-length blocks.
It learns the alphabet, the notation and the vocabulary of the skill before it
ever sees a problem; the ablation in ``benchmarks/learning.py`` measures what that
is worth for the later stages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textbook_gym.agents.config import DataConfig, PretrainConfig
from textbook_gym.agents.learners.data import exposition_texts, plain_worked_texts
from textbook_gym.agents.learners.trl_stage import run_sft_trainer

PRETRAIN_WORKED_STREAM = 1
"""Train stream of the worked problems mixed into pretraining: another stream than the SFT stage's
(stream 0), so pretraining previews few of the SFT problems. (Reading far along stream 0 instead, at index
10,000,000, generated and cached ten million problems: minutes and gigabytes.)"""


def pretrain_records(data: DataConfig, cfg: PretrainConfig) -> list[dict[str, str]]:
    """``{"text"}`` documents: exposition passages (and optionally plain worked problems)."""
    texts = exposition_texts(data.families, data.exposition_repeats)
    if cfg.mix_worked > 0:
        count = int(len(texts) * cfg.mix_worked / (1 - cfg.mix_worked))
        texts += plain_worked_texts(data.families, count, data.difficulty, seed=PRETRAIN_WORKED_STREAM)
    return [{"text": t} for t in texts]


def pretrain(
    model_dir: str | Path,
    out_dir: str | Path,
    data: DataConfig,
    cfg: PretrainConfig,
    **run: Any,
) -> dict[str, Any]:
    """Pretrain the model in ``model_dir``; ``run`` holds seed, device, checkpointing and resume options."""
    return run_sft_trainer(
        "pretrain",
        model_dir,
        pretrain_records(data, cfg),
        out_dir,
        steps=cfg.steps,
        batch_size=cfg.batch_size,
        lr=cfg.lr,
        max_length=cfg.max_length,
        warmup_ratio=cfg.warmup_ratio,
        lr_schedule=cfg.lr_schedule,
        decay_ratio=cfg.decay_ratio,
        weight_decay=cfg.weight_decay,
        packing=True,
        **run,
    )
