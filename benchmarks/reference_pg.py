"""A minimal policy-gradient loop written apart from the learner, to cross-check it (issue #21).

Group-normalized REINFORCE in a hundred lines: sample ``--group`` answers per
problem with transformers' ``generate`` at ``--temperature``, reward 1 for a
verified answer, advantage = (reward - group mean) / (group std + 1e-6), loss =
-sum(advantage * log pi_T(token)) / number of tokens, one AdamW step. Nothing of
``textbook_gym.agents.learners`` is used to sample, score or update.

``--mode gradient`` samples one batch and compares this loop's gradient with the
GRPO learner's (``negative_scale=1``, ``epochs=1``, token loss) on the very same
samples: cosine 1 and equal norms mean the learner computes the same policy
gradient. ``--mode train`` runs ``--steps`` steps of this loop and reports greedy
accuracy on held-out problems before and after (the learner's run on the same
model, problems and seeds is ``benchmarks/learning.py``'s or the pipeline's).

    python benchmarks/reference_pg.py --model runs/demo/sft/final --mode gradient
"""

from __future__ import annotations

import argparse
import copy
import json
from pathlib import Path

import torch


def prompt_ids(tok, question: str) -> list[int]:
    text = tok.apply_chat_template([{"role": "user", "content": question}], tokenize=False, add_generation_prompt=True)
    return tok(text, add_special_tokens=not (tok.bos_token and text.startswith(tok.bos_token)))["input_ids"]


def sample(model, tok, prompts: list[list[int]], n: int, temperature: float, max_tokens: int, seed: int):
    """``n`` completions per prompt (token lists ending at the first EOS, kept)."""
    rows = [p for p in prompts for _ in range(n)]
    width = max(len(p) for p in rows)
    ids = torch.tensor([[tok.pad_token_id] * (width - len(p)) + p for p in rows])
    attn = torch.tensor([[0] * (width - len(p)) + [1] * len(p) for p in rows])
    torch.manual_seed(seed)
    with torch.no_grad():
        out = model.generate(input_ids=ids, attention_mask=attn, do_sample=temperature > 0, temperature=temperature
                             or None, top_k=0, top_p=1.0, max_new_tokens=max_tokens, pad_token_id=tok.pad_token_id,
                             eos_token_id=tok.eos_token_id)
    completions = []
    for row in out[:, width:].tolist():
        completions.append(row[: row.index(tok.eos_token_id) + 1] if tok.eos_token_id in row else row)
    return completions


def rewards(tok, family, problems, completions, n: int) -> list[float]:
    texts = tok.batch_decode(completions, skip_special_tokens=True)
    return [float(family.verify(problems[i // n], t).correct) for i, t in enumerate(texts)]


def advantages(r: list[float], n: int) -> list[float]:
    g = torch.tensor(r).view(-1, n)
    return ((g - g.mean(1, keepdim=True)) / (g.std(1, unbiased=False, keepdim=True) + 1e-6)).flatten().tolist()


def pg_loss(model, prompts, completions, adv, n: int, temperature: float) -> torch.Tensor:
    """-sum(A * log pi_T) / tokens, one unpadded sequence at a time (slow and plainly right)."""
    total, tokens = 0.0, sum(len(c) for c in completions)
    for i, (c, a) in enumerate(zip(completions, adv)):
        p = prompts[i // n]
        logits = model(input_ids=torch.tensor([p + c])).logits[0, len(p) - 1 : -1].float() / temperature
        logp = torch.log_softmax(logits, -1).gather(-1, torch.tensor(c)[:, None]).squeeze(-1)
        total = total - a * logp.sum()
    return total / max(tokens, 1)


def learner_gradient(model, tok, family, problems, completions, r, args) -> torch.Tensor:
    """The GRPO learner's gradient on the same samples (the thing cross-checked)."""
    import dataclasses

    from textbook_gym.agents.backends import make_backend
    from textbook_gym.agents.config import RLConfig
    from textbook_gym.agents.learners.episodes import Episode, Turn
    from textbook_gym.agents.learners.grpo import GRPOLearner
    from textbook_gym.agents.learners.rl import pack

    cfg = dataclasses.replace(RLConfig(), group_size=args.group, temperature=args.temperature, negative_scale=1.0,
                              epochs=1, loss_norm="token", max_grad_norm=1e9, lr=0.0, max_tokens=args.max_tokens)
    lrn = GRPOLearner(model, tok, make_backend("hf", model=model, tokenizer=tok), cfg, ("Arithmetic",), "1",
                      "/tmp/reference_pg", progress=False)
    eps = [Episode(i // args.group, problems[i // args.group], [Turn("", prompt_ids(tok, family.prompt(
        problems[i // args.group])), c, "", "stop")], r[i], correct=bool(r[i])) for i, c in enumerate(completions)]
    batch = pack([e.turns[0] for e in eps], lrn.advantages(eps), r, tok.pad_token_id, "cpu")
    lrn.one_pass(batch, lrn.old_values(batch))
    return torch.cat([p.grad.flatten() for p in model.parameters()])


def greedy_accuracy(model, tok, family, problems, max_tokens: int) -> float:
    outs = sample(model, tok, [prompt_ids(tok, family.prompt(p)) for p in problems], 1, 0.0, max_tokens, 0)
    return sum(rewards(tok, family, problems, outs, 1)) / len(problems)


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", type=Path, required=True, help="a model directory (an SFT model)")
    ap.add_argument("--mode", choices=("gradient", "train"), default="gradient")
    ap.add_argument("--difficulty", default="1")
    ap.add_argument("--problems", type=int, default=16)
    ap.add_argument("--group", type=int, default=8)
    ap.add_argument("--temperature", type=float, default=0.5)
    ap.add_argument("--max-tokens", type=int, default=120)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--lr", type=float, default=2e-5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results" / "reference_pg.json")
    args = ap.parse_args(argv)

    from textbook_gym import get_family
    from textbook_gym.agents.learners.data import problems as split_problems
    from textbook_gym.agents.models import load_model, load_tokenizer

    family, tok = get_family("Arithmetic"), load_tokenizer(args.model)
    model = load_model(args.model, dtype=torch.float32)
    report = {"command": "python benchmarks/reference_pg.py " + " ".join(argv or []), **{k: str(v) for k, v in
              vars(args).items()}}
    steps = 1 if args.mode == "gradient" else args.steps
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.0)
    test = split_problems(["Arithmetic"], "test", 0, 64, args.difficulty)
    if args.mode == "train":
        report["greedy_before"] = greedy_accuracy(model, tok, family, test, args.max_tokens)
    for step in range(steps):
        problems = split_problems(["Arithmetic"], "train", 20000 + step * args.problems, args.problems, args.difficulty)
        prompts = [prompt_ids(tok, family.prompt(p)) for p in problems]
        completions = sample(model, tok, prompts, args.group, args.temperature, args.max_tokens, args.seed * 1000 + step)
        r = rewards(tok, family, problems, completions, args.group)
        opt.zero_grad()
        pg_loss(model, prompts, completions, advantages(r, args.group), args.group, args.temperature).backward()
        if args.mode == "gradient":
            ours = torch.cat([p.grad.flatten() for p in model.parameters()]).double()  # float64: a clean cosine
            theirs = learner_gradient(copy.deepcopy(model), tok, family, problems, completions, r, args).double()
            report.update(reward=sum(r) / len(r), norm_reference=ours.norm().item(), norm_learner=theirs.norm().item(),
                          cosine=torch.nn.functional.cosine_similarity(ours, theirs, dim=0).item())
            break
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        print(f"step {step + 1}: reward {sum(r) / len(r):.3f}", flush=True)
    if args.mode == "train":
        report["greedy_after"] = greedy_accuracy(model, tok, family, test, args.max_tokens)
    print(json.dumps(report, indent=1))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2))
    return report


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
