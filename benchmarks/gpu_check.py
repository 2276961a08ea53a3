"""A few pretraining, SFT and GRPO steps on CUDA: does the learner run on this GPU, and how fast?

Needs only torch, transformers and trl (plus textbook_gym): sampling goes through
the ``hf`` backend, never vLLM. Builds the embedded ``small`` model, runs each
stage for a handful of steps with bf16 autocast, and prints per-stage step times
and tokens per second; finishes in well under five minutes on any recent GPU.

::

    python benchmarks/gpu_check.py              # refuses to run without CUDA
    python benchmarks/gpu_check.py --allow-cpu  # the same steps on the CPU (slow; for checking the script)
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--allow-cpu", action="store_true", help="run on the CPU when no GPU is visible")
    ap.add_argument("--size", default="small", help="embedded model size")
    ap.add_argument("--steps", type=int, default=5, help="steps per stage")
    ap.add_argument("--out", type=Path, default=None, help="write the timings as JSON here")
    ap.add_argument("--sampling-batch-size", type=int, default=None,
                    help="rows per generate call while sampling GRPO answers (default: rl.sampling_batch_size's)")
    args = ap.parse_args(argv)

    import torch

    if not torch.cuda.is_available() and not args.allow_cpu:
        print(
            f"no CUDA device visible to torch {torch.__version__}; install a CUDA build of torch, "
            "or pass --allow-cpu to run the same steps on the CPU",
            file=sys.stderr,
        )
        return 2
    device = "cuda" if torch.cuda.is_available() else "cpu"

    from textbook_gym.agents import config as C
    from textbook_gym.agents.learners.pretrain import pretrain
    from textbook_gym.agents.learners.sft import sft
    from textbook_gym.agents.models import build_tiny_model
    from textbook_gym.agents.pipeline import run_rl

    name = torch.cuda.get_device_name(0) if device == "cuda" else "cpu"
    print(f"device: {name}; torch {torch.__version__}")
    n = args.steps
    cfg = C.RunConfig(
        model=C.ModelConfig(size=args.size, device=device),
        data=C.DataConfig(difficulty="1-3", train_problems=4096),
        pretrain=C.PretrainConfig(steps=n, batch_size=64, max_length=256),
        sft=C.SFTStageConfig(steps=n, batch_size=64),
        rl=C.RLConfig(steps=n, problems_per_step=16, group_size=8, max_tokens=160, dynamic_sampling=False,
                      sampling_batch_size=args.sampling_batch_size or C.RLConfig.sampling_batch_size),
        checkpoint_every=10**6,
        progress=False,
    )
    timings = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        model_dir = build_tiny_model(args.size, work / "init")
        run = dict(device=device, checkpoint_every=10**6, progress=False)
        t0 = time.perf_counter()
        r = pretrain(model_dir, work / "pretrain", cfg.data, cfg.pretrain, **run)
        timings["pretrain"] = _stage(r, time.perf_counter() - t0, n, n * 64 * 256)
        t0 = time.perf_counter()
        r = sft(r["model"], work / "sft", cfg.data, cfg.sft, **run)
        sft_tokens = n * 64 * 350  # about 350 tokens per prompt + worked solution at levels 1-3
        timings["sft"] = _stage(r, time.perf_counter() - t0, n, sft_tokens)
        t0 = time.perf_counter()
        r = run_rl(r["model"], work / "rl", cfg, device)
        last = r["last"]
        timings["grpo"] = {
            "seconds": time.perf_counter() - t0,
            "step_seconds": last["step_time"],
            "generated_tokens_per_s": last["gen_tokens_per_s"],
            "completions_per_step": last["episodes"],
            "sampling_batch_size": cfg.rl.sampling_batch_size,
        }
    for stage, t in timings.items():
        detail = "  ".join(f"{k}={v:.3g}" if isinstance(v, float) else f"{k}={v}" for k, v in t.items())
        print(f"{stage:9s} {detail}")
    if args.out:
        args.out.write_text(json.dumps({"device": name, "timings": timings}, indent=2))
    return 0


def _stage(result: dict, seconds: float, steps: int, tokens: int) -> dict:
    train = result.get("train_runtime") or seconds
    return {"seconds": seconds, "step_seconds": train / steps, "tokens_per_s": tokens / train}


if __name__ == "__main__":
    raise SystemExit(main())
