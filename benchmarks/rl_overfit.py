"""Where GRPO's update goes on one fixed batch: the right answers, the wrong ones, and greedy accuracy.

A diagnostic for the RL stage. It samples one batch of GRPO groups from an SFT
model, then takes ``--updates`` optimizer steps on that same batch for each
``--negative-scale`` and reports, every few steps, the mean log-probability of
the sequences with positive advantage (answers that beat their group) and with
negative advantage, and at the end the greedy accuracy on the batch's own
problems. Policy-gradient on a fixed batch should at least fit that batch: the
right answers' log-probabilities should rise and greedy accuracy on those very
problems should climb.

On the embedded tiny model (after the demo's SFT) the full GRPO update
(``negative_scale=1``) lowers the right answers together with the wrong ones, which
differ from them in a digit or two and share every other token, and greedy
accuracy on the batch collapses; reinforcing only the positives fits the batch.

    python benchmarks/rl_overfit.py --sft runs/demo/sft/final
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path


def greedy_accuracy(backend, tasks, max_tokens: int) -> float:
    from textbook_gym import get_family
    from textbook_gym.agents.backends import SamplingConfig

    family = get_family("Arithmetic")
    outs = backend.generate([[{"role": "user", "content": family.prompt(p)}] for p in tasks],
                            SamplingConfig(temperature=0.0, max_tokens=max_tokens))
    return sum(family.verify(p, o[0].text).correct for p, o in zip(tasks, outs)) / len(tasks)


def mean_logps(learner, batch, signs) -> tuple[float, float]:
    """Mean sequence log-probability of the answers with positive and with negative GRPO advantage."""
    import torch

    from textbook_gym.agents.learners import losses

    with torch.no_grad():
        logits, _ = learner.forward(batch)
        seq = (losses.token_logprobs(logits, batch.targets) * batch.completion_mask).sum(-1)
    return seq[signs > 0].mean().item(), seq[signs < 0].mean().item()


def one_run(args: argparse.Namespace, scale: float, tasks) -> dict:
    import torch

    from textbook_gym.agents import config as C
    from textbook_gym.agents.backends import SamplingConfig, make_backend
    from textbook_gym.agents.learners import losses
    from textbook_gym.agents.learners.episodes import run_groups
    from textbook_gym.agents.learners.grpo import GRPOLearner
    from textbook_gym.agents.learners.rl import pack
    from textbook_gym.agents.models import load_model, load_tokenizer

    torch.manual_seed(0)
    tok = load_tokenizer(args.sft)
    model = load_model(args.sft, dtype=torch.float32).train()
    backend = make_backend("hf", model=model, tokenizer=tok, batch_size=256)
    cfg = dataclasses.replace(C.preset("demo").rl, lr=args.lr, negative_scale=scale, warmup_steps=0)
    learner = GRPOLearner(model, tok, backend, cfg, ("Arithmetic",), args.difficulty, "/tmp/rl_overfit",
                          progress=False, checkpoint_every=10**9)
    before = greedy_accuracy(backend, tasks, cfg.max_tokens)
    episodes = run_groups(tasks, backend, SamplingConfig(temperature=1.0, max_tokens=cfg.max_tokens, seed=3),
                          cfg.group_size)
    kept = learner.keep_groups(episodes, cfg.group_size)
    signs = losses.group_advantages(torch.tensor([e.reward for e in kept]), cfg.group_size)
    batch = pack([e.turns[0] for e in kept], learner.advantages(kept), [e.reward for e in kept],
                 tok.pad_token_id, "cpu")
    right, wrong = mean_logps(learner, batch, signs)
    trace = [{"update": 0, "logp_right": right, "logp_wrong": wrong}]
    for i in range(args.updates):
        learner.update(batch)
        if (i + 1) % 5 == 0 or i + 1 == args.updates:
            right, wrong = mean_logps(learner, batch, signs)
            trace.append({"update": i + 1, "logp_right": right, "logp_wrong": wrong})
    return {"negative_scale": scale, "greedy_before": before, "greedy_after": greedy_accuracy(backend, tasks,
            cfg.max_tokens), "sequences": len(kept), "trace": trace}


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sft", type=Path, required=True, help="the SFT model directory")
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--updates", type=int, default=20)
    ap.add_argument("--problems", type=int, default=32)
    ap.add_argument("--difficulty", default="2")
    ap.add_argument("--negative-scale", default="1,0.2,0", help="comma list of rl.negative_scale values")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results" / "rl_overfit.json")
    args = ap.parse_args(argv)

    from textbook_gym.agents.learners.data import problems

    tasks = problems(["Arithmetic"], "train", 20000, args.problems, args.difficulty)
    report = {"sft": str(args.sft), "lr": args.lr, "updates": args.updates, "problems": args.problems,
              "difficulty": args.difficulty, "runs": []}
    for scale in (float(s) for s in args.negative_scale.split(",")):
        run = one_run(args, scale, tasks)
        report["runs"].append(run)
        first, last = run["trace"][0], run["trace"][-1]
        print(f"negative_scale={scale:<4}  greedy on the batch {100 * run['greedy_before']:.0f}% -> "
              f"{100 * run['greedy_after']:.0f}%   log p(right) {first['logp_right']:.2f} -> {last['logp_right']:.2f}"
              f"   log p(wrong) {first['logp_wrong']:.2f} -> {last['logp_wrong']:.2f}", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2))
    print(f"wrote {args.out}")
    return report


if __name__ == "__main__":
    main()
