"""Where GRPO's update goes on one fixed batch: the right answers, the wrong ones, and greedy accuracy.

A diagnostic for the RL stage. It samples one batch of GRPO groups from an SFT
model at ``--temperature`` (the learner scores tokens at the same temperature),
then fits that batch for ``--passes`` optimizer steps for each
``--negative-scale``, and reports every few passes the mean sequence
log-probability of the answers with positive advantage (they beat their group)
and with negative advantage, the fraction of tokens where the ratio clip acted,
and at the end the greedy accuracy on the batch's own problems.

The passes are PPO's epochs over one batch: the old log-probabilities are
computed once, before the first pass, and stay fixed, so the ratio leaves 1 and
the clip bounds how far the fit goes (``RLLearner.one_pass``). ``--mode
repeated-updates`` instead calls ``update()`` once per pass with ``epochs=1``, as
this benchmark did before issue #21: every call recomputes the old log-probs, the
ratio is 1 at every pass and the clip never acts, so the batch is fitted without
a trust region (the earlier record that full GRPO lowers the right answers came
from that mode).

    python benchmarks/rl_overfit.py --sft runs/demo/sft/final
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from pathlib import Path


def greedy_accuracy(backend, tasks, max_tokens: int) -> float:
    from textbook_gym import get_family
    from textbook_gym.agents.backends import SamplingConfig

    family = get_family("Arithmetic")
    outs = backend.generate([[{"role": "user", "content": family.prompt(p)}] for p in tasks],
                            SamplingConfig(temperature=0.0, max_tokens=max_tokens))
    return sum(family.verify(p, o[0].text).correct for p, o in zip(tasks, outs)) / len(tasks)


def mean_logps(learner, batch, signs) -> tuple[float, float]:
    """Mean sequence log-probability (at the sampling temperature) of the answers with positive and with
    negative GRPO advantage."""
    import torch

    from textbook_gym.agents.learners import losses

    with torch.no_grad():
        logits, _ = learner.forward(batch)
        seq = (losses.token_logprobs(logits, batch.targets) * batch.completion_mask).sum(-1)
    return seq[signs > 0].mean().item(), seq[signs < 0].mean().item()


def fit_batch(learner, batch, signs, passes: int, mode: str = "fixed-old", every: int = 5) -> list[dict]:
    """Fit one batch for ``passes`` optimizer steps; the trace of log-probabilities and clip fractions.

    ``fixed-old``: the old log-probabilities come from before the first pass (PPO epochs);
    ``repeated-updates``: ``update()`` per pass, each with fresh old log-probabilities (no clip).
    """
    right, wrong = mean_logps(learner, batch, signs)
    trace = [{"pass": 0, "logp_right": right, "logp_wrong": wrong}]
    old = learner.old_values(batch) if mode == "fixed-old" else None
    if mode == "fixed-old" and (old is None or "logp" not in old):
        raise ValueError("fixed-old passes need rl.epochs > 1 so that old_values() holds the old log-probs")
    clip: list[float] = []
    for i in range(passes):
        stats = learner.one_pass(batch, old)[0] if mode == "fixed-old" else learner.update(batch)
        clip.append(stats["clip_fraction"])
        if (i + 1) % every == 0 or i + 1 == passes:
            right, wrong = mean_logps(learner, batch, signs)
            trace.append({"pass": i + 1, "logp_right": right, "logp_wrong": wrong,
                          "clip_fraction_mean": sum(clip) / len(clip), "clip_fraction_last": clip[-1],
                          "ratio_last": stats["ratio"]})
            clip = []
    return trace


def one_run(args: argparse.Namespace, scale: float, tasks) -> dict:
    import torch

    from textbook_gym.agents import config as C
    from textbook_gym.agents.backends import make_backend
    from textbook_gym.agents.learners import losses
    from textbook_gym.agents.learners.episodes import run_groups
    from textbook_gym.agents.learners.grpo import GRPOLearner
    from textbook_gym.agents.learners.rl import pack
    from textbook_gym.agents.models import load_model, load_tokenizer

    torch.manual_seed(0)
    tok = load_tokenizer(args.sft)
    model = load_model(args.sft, dtype=torch.float32).train()
    backend = make_backend("hf", model=model, tokenizer=tok, batch_size=256)
    cfg = dataclasses.replace(C.preset("demo").rl, lr=args.lr, negative_scale=scale, warmup_steps=0,
                              lr_schedule="constant", temperature=args.temperature,
                              epochs=args.passes if args.mode == "fixed-old" else 1)
    learner = GRPOLearner(model, tok, backend, cfg, ("Arithmetic",), args.difficulty, "/tmp/rl_overfit",
                          progress=False, checkpoint_every=10**9)
    before = greedy_accuracy(backend, tasks, cfg.max_tokens)
    episodes = run_groups(tasks, backend, learner.sampling(0, 0), cfg.group_size)
    kept = learner.keep_groups(episodes, cfg.group_size)
    signs = losses.group_advantages(torch.tensor([e.reward for e in kept]), cfg.group_size)
    batch = pack([e.turns[0] for e in kept], learner.advantages(kept), [e.reward for e in kept],
                 tok.pad_token_id, "cpu")
    t0 = time.perf_counter()
    trace = fit_batch(learner, batch, signs, args.passes, args.mode)
    return {"negative_scale": scale, "greedy_before": before, "greedy_after": greedy_accuracy(backend, tasks,
            cfg.max_tokens), "sequences": len(kept), "groups": len(kept) // cfg.group_size,
            "sampled_accuracy": sum(e.correct for e in episodes) / len(episodes),
            "fit_seconds": round(time.perf_counter() - t0, 1), "trace": trace}


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sft", type=Path, required=True, help="the SFT model directory")
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--passes", type=int, default=20, help="optimizer steps on the one batch")
    ap.add_argument("--mode", choices=("fixed-old", "repeated-updates"), default="fixed-old",
                    help="fixed-old: PPO epochs with the clip acting; repeated-updates: the old, clip-free fit")
    ap.add_argument("--temperature", type=float, default=1.0, help="sampling (and scoring) temperature")
    ap.add_argument("--problems", type=int, default=32)
    ap.add_argument("--difficulty", default="2")
    ap.add_argument("--negative-scale", default="1,0.2,0", help="comma list of rl.negative_scale values")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results" / "rl_overfit.json")
    args = ap.parse_args(argv)

    from textbook_gym.agents.learners.data import problems

    tasks = problems(["Arithmetic"], "train", 20000, args.problems, args.difficulty)
    report = {"command": "python benchmarks/rl_overfit.py " + " ".join(argv) if argv else None,
              "sft": str(args.sft), "lr": args.lr, "passes": args.passes, "mode": args.mode,
              "temperature": args.temperature, "problems": args.problems, "difficulty": args.difficulty, "runs": []}
    for scale in (float(s) for s in args.negative_scale.split(",")):
        run = one_run(args, scale, tasks)
        report["runs"].append(run)
        first, last = run["trace"][0], run["trace"][-1]
        print(f"negative_scale={scale:<4} groups={run['groups']}  greedy on the batch "
              f"{100 * run['greedy_before']:.0f}% -> {100 * run['greedy_after']:.0f}%   log p(right) "
              f"{first['logp_right']:.2f} -> {last['logp_right']:.2f}   log p(wrong) {first['logp_wrong']:.2f} -> "
              f"{last['logp_wrong']:.2f}   clip fraction (last passes) {last['clip_fraction_mean']:.3f}", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2))
    print(f"wrote {args.out}")
    return report


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
