"""Stage 2 of the textbook: supervised fine-tuning on worked problems.

Each record is the environment's prompt and the family's worked solution; the
loss covers the solution only (TRL's completion-only loss), so the model learns
to *solve*, not to predict questions. The worked solutions are written at the
granularity a small model can follow (one column at a time, carries explicit,
answer last), which is what makes them learnable where answer-only targets are not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textbook_gym.agents.config import DataConfig, SFTStageConfig
from textbook_gym.agents.learners.data import has_chat_template, worked_pairs
from textbook_gym.agents.learners.trl_stage import run_sft_trainer


def sft_records(data: DataConfig, chat: bool = True) -> list[dict[str, Any]]:
    """Prompt/completion pairs of train-split problems ``0 .. train_problems-1``
    (conversations when the model has a chat template; see :func:`worked_pairs`)."""
    return worked_pairs(data.families, data.train_problems, data.difficulty, chat=chat)


def sft(
    model_dir: str | Path,
    out_dir: str | Path,
    data: DataConfig,
    cfg: SFTStageConfig,
    **run: Any,
) -> dict[str, Any]:
    """Fine-tune the model in ``model_dir`` on worked problems; ``run`` as for :func:`pretrain`."""
    from textbook_gym.agents.models import load_tokenizer

    chat = has_chat_template(load_tokenizer(model_dir))
    return run_sft_trainer(
        "sft",
        model_dir,
        sft_records(data, chat=chat),
        out_dir,
        steps=cfg.steps,
        batch_size=cfg.batch_size,
        lr=cfg.lr,
        max_length=cfg.max_length,
        warmup_ratio=cfg.warmup_ratio,
        lr_schedule=cfg.lr_schedule,
        decay_ratio=cfg.decay_ratio,
        weight_decay=cfg.weight_decay,
        packing=False,
        **run,
    )
