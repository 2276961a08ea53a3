"""What each kind of textbook material contributes, and the project's GRPO against TRL's.

Two experiments, one JSON file (``--out``, default ``benchmarks/results/learning.json``)
and a printed table each:

1. **Textbook ablation.** The same per-stage budget (the preset's steps for every
   stage a variant runs) for pretrain+SFT+RL, SFT+RL (no exposition),
   pretrain+RL (no worked problems) and pretrain+SFT (no practice); held-out
   greedy accuracy of each final model with its 95% interval and wall time.
   pretrain+SFT is the first two stages of the full run, so three pipelines run.

2. **Project GRPO vs TRL ``GRPOTrainer``.** From the same SFT checkpoint, the same
   group size, prompts per step, learning rate, completion length, temperature,
   clip range and loss normalization, and the same sample budget (the project's
   dynamic sampling only drops zero-variance groups here, it does not refill),
   with the project's verifier as TRL's reward function. Both save the model
   every ``--eval-every`` steps; the snapshots are evaluated afterwards on the
   held-out set, so evaluation time is not charged to either. Reported: accuracy
   against training wall time, and the ratio of the wall times at which each
   reaches TRL's final accuracy (below 1: the project is faster).

RL's share against an equal-compute control (SFT continued for RL's wall time), over seeds
with paired intervals, is ``benchmarks/practice.py``.

::

    python benchmarks/learning.py --preset demo            # both experiments (about an hour on 2 CPU cores)
    python benchmarks/learning.py --preset demo --only trl --sft-model runs/demo/sft/final
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from pathlib import Path

from textbook_gym.agents import config as C
from textbook_gym.agents.pipeline import evaluate_model, run_pipeline

VARIANTS = {
    "pretrain+SFT+RL": dict(pretrain=True, sft=True, rl=True),
    "SFT+RL": dict(pretrain=False, sft=True, rl=True),
    "pretrain+RL": dict(pretrain=True, sft=False, rl=True),
}


def ablation(cfg: C.RunConfig, out: Path) -> dict:
    results = {}
    for name, stages in VARIANTS.items():
        variant = dataclasses.replace(
            cfg,
            pretrain=dataclasses.replace(cfg.pretrain, enabled=stages["pretrain"]),
            sft=dataclasses.replace(cfg.sft, enabled=stages["sft"]),
            rl=dataclasses.replace(cfg.rl, enabled=stages["rl"]),
            evaluate_stages=True,
        )
        report = run_pipeline(variant, out / name.replace("+", "_"), resume=True)
        rows = {r["stage"]: r for r in report["rows"]}
        results[name] = _row(rows["rl"], report["total_seconds"])
        if name == "pretrain+SFT+RL":
            seconds = sum(rows[s]["train_seconds"] or 0 for s in ("pretrain", "sft"))
            results["pretrain+SFT"] = _row(rows["sft"], seconds)
    return results


def _row(row: dict, seconds: float) -> dict:
    return {"accuracy": row["accuracy"], "ci95": row["ci95"], "n": row["n"], "seconds": seconds}


# --------------------------------------------------------------------------- GRPO vs TRL
def project_grpo(cfg: C.RunConfig, sft_model: str, out: Path, every: int) -> list[dict]:
    """Train with the project's GRPO; returns [(step, train seconds, snapshot dir)]."""
    import torch

    from textbook_gym.agents.backends import make_backend
    from textbook_gym.agents.checkpoint import save_pretrained_atomic
    from textbook_gym.agents.learners.grpo import GRPOLearner
    from textbook_gym.agents.models import load_model, load_tokenizer

    tok = load_tokenizer(sft_model)
    model = load_model(sft_model, dtype=torch.float32).train()
    backend = make_backend("hf", model=model, tokenizer=tok, batch_size=cfg.rl.sampling_batch_size)
    rl = dataclasses.replace(cfg.rl, max_sampling_rounds=1)
    learner = GRPOLearner(
        model,
        tok,
        backend,
        rl,
        cfg.data.families,
        cfg.rl.difficulty or cfg.data.difficulty,
        out,
        first_problem=cfg.data.train_problems,
        seed=cfg.seed,
        checkpoint_every=10**9,
        progress=cfg.progress,
        generation_threads=cfg.generation_threads,  # as the pipeline samples on the CPU
    )
    points, elapsed = [], 0.0
    for step in range(rl.steps):
        t0 = time.perf_counter()
        learner.train_step(step)
        elapsed += time.perf_counter() - t0
        if (step + 1) % every == 0 or step + 1 == rl.steps:
            points.append(
                {
                    "step": step + 1,
                    "seconds": elapsed,
                    "model": str(save_pretrained_atomic(model, tok, out / f"snap-{step + 1}")),
                }
            )
    return points


def trl_grpo(cfg: C.RunConfig, sft_model: str, out: Path, every: int) -> list[dict]:
    """Train with TRL's GRPOTrainer under the same settings; returns the same kind of points."""
    import torch
    from datasets import Dataset
    from transformers import TrainerCallback
    from trl import GRPOConfig, GRPOTrainer

    from textbook_gym import get_family
    from textbook_gym.agents.checkpoint import save_pretrained_atomic
    from textbook_gym.agents.learners.data import has_chat_template, policy_prompt, problems
    from textbook_gym.agents.learners.trl_stage import SCHEDULES
    from textbook_gym.agents.models import load_model, load_tokenizer
    from textbook_gym.problem import Problem

    rl = cfg.rl
    n_prompts = rl.steps * rl.problems_per_step
    train = problems(cfg.data.families, "train", cfg.data.train_problems, n_prompts,
                     cfg.rl.difficulty or cfg.data.difficulty)
    chat = has_chat_template(load_tokenizer(sft_model))
    texts = [get_family(p.family).prompt(p) for p in train]
    data = Dataset.from_list(  # conversational prompts: TRL applies the same chat template as our learner
        [
            {"prompt": policy_prompt(text, [{"role": "user", "content": text}], chat), "problem": p.to_json()}
            for text, p in zip(texts, train)
        ]
    )

    def verifier_reward(prompts, completions, problem, **_):
        out = []
        for completion, raw in zip(completions, problem):
            text = completion if isinstance(completion, str) else completion[-1]["content"]  # conversational
            p = Problem.from_json(raw)
            out.append(get_family(p.family).verify(p, text).score)
        return out

    tok = load_tokenizer(sft_model)
    model = load_model(sft_model, dtype=torch.float32).train()
    args = GRPOConfig(
        output_dir=str(out / "trl"),
        max_steps=rl.steps,
        per_device_train_batch_size=rl.problems_per_step * rl.group_size,
        num_generations=rl.group_size,
        max_completion_length=rl.max_tokens,
        learning_rate=rl.lr,
        lr_scheduler_type=SCHEDULES[rl.lr_schedule],  # the project's names, as the SFT stages map them
        warmup_steps=rl.warmup_steps,
        temperature=rl.temperature,
        top_p=rl.top_p,
        top_k=0,
        beta=rl.kl_coef,
        epsilon=rl.clip_low,
        epsilon_high=rl.clip_high,
        loss_type="dapo" if rl.loss_norm == "token" else "grpo",
        scale_rewards="group" if rl.scale_rewards else "none",
        max_grad_norm=rl.max_grad_norm,
        adam_epsilon=rl.adam_eps,
        num_iterations=rl.epochs,
        use_cpu=not torch.cuda.is_available(),
        bf16=torch.cuda.is_available(),
        report_to=[],
        save_strategy="no",
        logging_steps=1,
        disable_tqdm=True,
        seed=cfg.seed,
    )
    points: list[dict] = []

    class Snapshots(TrainerCallback):
        def __init__(self):
            self.elapsed, self.t0 = 0.0, None

        def on_step_begin(self, args, state, control, **kw):
            self.t0 = time.perf_counter()

        def on_step_end(self, args, state, control, **kw):
            self.elapsed += time.perf_counter() - self.t0
            if state.global_step % every == 0 or state.global_step == rl.steps:
                path = save_pretrained_atomic(kw["model"], tok, out / f"trl-snap-{state.global_step}")
                points.append({"step": state.global_step, "seconds": self.elapsed, "model": str(path)})

    trainer = GRPOTrainer(
        model=model,
        reward_funcs=verifier_reward,
        args=args,
        train_dataset=data,
        processing_class=tok,
        callbacks=[Snapshots()],
    )
    trainer.train()
    return points


def time_to_reach(points: list[dict], target: float) -> float | None:
    return next((p["seconds"] for p in points if p["accuracy"] >= target), None)


def versus_trl(cfg: C.RunConfig, sft_model: str, out: Path, every: int) -> dict:
    runs = {
        "project": project_grpo(cfg, sft_model, out / "project", every),
        "trl": trl_grpo(cfg, sft_model, out / "trl", every),
    }
    for points in runs.values():
        for p in points:
            p.update({k: v for k, v in evaluate_model(p["model"], cfg, "cpu").items() if k in ("accuracy", "ci95")})
    trl_final = runs["trl"][-1]["accuracy"]
    t_project = time_to_reach(runs["project"], trl_final)
    t_trl = time_to_reach(runs["trl"], trl_final)
    start = evaluate_model(sft_model, cfg, "cpu")["accuracy"]
    return {
        "start_accuracy": start,
        "curves": runs,
        "trl_final_accuracy": trl_final,
        "project_seconds_to_trl_final": t_project,
        "trl_seconds_to_trl_final": t_trl,
        "wall_time_ratio_project_over_trl": (t_project / t_trl) if t_project and t_trl else None,
        # the same number of steps and samples: the ratio that holds even when neither run improves on the start
        "train_time_ratio_project_over_trl": runs["project"][-1]["seconds"] / runs["trl"][-1]["seconds"],
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--preset", default="demo", choices=sorted(C.PRESETS))
    ap.add_argument("--config", type=Path, help="YAML overrides")
    ap.add_argument("--only", choices=["ablation", "trl"], help="run one experiment")
    ap.add_argument("--sft-model", help="SFT checkpoint for the TRL comparison (default: the ablation's)")
    ap.add_argument("--eval-every", type=int, default=10, help="snapshot interval in RL steps")
    ap.add_argument("--work", type=Path, default=Path("runs/learning-bench"))
    ap.add_argument("--out", type=Path, default=Path("benchmarks/results/learning.json"))
    args = ap.parse_args(argv)
    cfg = C.load_yaml(args.config, C.preset(args.preset)) if args.config else C.preset(args.preset)
    cfg = dataclasses.replace(cfg, progress=False)
    result: dict = {"preset": args.preset, "config": C.to_dict(cfg)}
    if args.only in (None, "ablation"):
        result["ablation"] = ablation(cfg, args.work / "ablation")
        print("\nTextbook ablation (same per-stage budget; held-out greedy accuracy, 95% CI)")
        for name, r in result["ablation"].items():
            print(
                f"  {name:18s} {100 * r['accuracy']:5.1f}%  [{100 * r['ci95'][0]:.1f}, {100 * r['ci95'][1]:.1f}]"
                f"  {r['seconds'] / 60:5.1f} min"
            )
    if args.only in (None, "trl"):
        sft_model = args.sft_model or str(args.work / "ablation" / "pretrain_SFT_RL" / "sft" / "final")
        result["versus_trl"] = v = versus_trl(cfg, sft_model, args.work / "trl", args.eval_every)
        print("\nProject GRPO vs TRL GRPOTrainer (same SFT start, group size, samples, lr)")
        for name, points in v["curves"].items():
            print(f"  {name:8s} " + "  ".join(f"{p['seconds']:.0f}s:{100 * p['accuracy']:.1f}%" for p in points))
        print(
            f"  wall-time ratio to reach TRL's final accuracy (project / TRL): {v['wall_time_ratio_project_over_trl']}"
        )
        print(f"  training wall-time ratio for the same steps (project / TRL): {v['train_time_ratio_project_over_trl']:.2f}"
              f"  (start: {100 * v['start_accuracy']:.1f}%)")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
