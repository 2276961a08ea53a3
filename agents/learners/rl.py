"""The reinforcement-learning loop shared by GRPO and PPO.

One step: draw fresh practice problems (train split, after the SFT problems),
play groups of episodes on the environments through the rollout backend, score
them with the verifiers' Verdicts, turn them into token sequences with
advantages, take one optimizer step (or several passes for ``epochs > 1``), push
the new weights to the backend in place, log, and checkpoint every N steps.

Every log-probability the learner computes (the policy's, the reference's, PPO's
old ones) is under the *sampling* policy: the logits are divided by
``temperature`` before the softmax, as TRL and verl do, so the gradient, the
clipped ratio and the KL are those of the distribution the tokens were drawn
from. Top-p is not modelled: a sampler with ``top_p < 1`` draws from the
temperature distribution truncated to its nucleus and renormalised, while the
learner scores the token under the untruncated one (TRL and verl do the same).
Each log-probability is then lower than the sampler's by -log(nucleus mass) at
that position, a ratio over several passes is off by the ratio of the old and
new nucleus masses, and a token's gradient carries an extra advantage-weighted
gradient of log(nucleus mass): a positive advantage also widens the nucleus's
total mass, a negative one narrows it. Keep ``top_p = 1`` (the default) for an
exact policy gradient.

What decides the future of a run is all in the checkpoint (weights, optimizer,
scheduler, RNG, data position, curriculum), and each step's sampling seed is a
function of (run seed, step, round), so a resumed run continues exactly.

Subclasses supply :meth:`RLLearner.advantages` and :meth:`RLLearner.loss`.
"""

from __future__ import annotations

import math
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch

from textbook_gym.agents import checkpoint as ckpt
from textbook_gym.agents.config import RLConfig
from textbook_gym.agents.curriculum import Curriculum
from textbook_gym.agents.learners import losses
from textbook_gym.agents.learners.data import interleaved_problem
from textbook_gym.agents.learners.device import autocast, cpu_threads
from textbook_gym.agents.learners.episodes import Episode, run_groups, status_counts
from textbook_gym.agents.metrics import MetricsLog, Progress, plot_curves
from textbook_gym.env import parse_difficulty

CURVES = ("reward", "accuracy", "kl", "entropy", "clip_fraction", "gen_tokens_per_s", "step_time")


@dataclass
class Batch:
    """Sequences to train on: left-padded prompt, right-padded completion, one advantage each."""

    input_ids: torch.Tensor
    attention_mask: torch.Tensor
    position_ids: torch.Tensor
    completion_mask: torch.Tensor
    prompt_width: int
    advantages: torch.Tensor
    rewards: torch.Tensor

    @property
    def targets(self) -> torch.Tensor:
        return self.input_ids[:, self.prompt_width :]

    def select(self, rows) -> Batch:
        return Batch(
            self.input_ids[rows],
            self.attention_mask[rows],
            self.position_ids[rows],
            self.completion_mask[rows],
            self.prompt_width,
            self.advantages[rows],
            self.rewards[rows],
        )


def pack(turns: list, advantages: list, rewards: list[float], pad_id: int, device) -> Batch:
    """Lay out (prompt, completion) pairs so every completion starts in the same column.

    Position ids count real tokens only (as ``generate`` does with left padding), so
    the learner scores each token in the context it was sampled in. An advantage is a
    number per sequence, or a list with one number per completion token (then the batch
    holds a ``[B, T]`` advantage tensor, zero on padding).
    """
    P = max(len(t.prompt_ids) for t in turns)
    T = max(max(len(t.completion_ids) for t in turns), 1)
    B = len(turns)
    ids = torch.full((B, P + T), pad_id, dtype=torch.long)
    attn = torch.zeros((B, P + T), dtype=torch.long)
    cmask = torch.zeros((B, T), dtype=torch.float32)
    for i, t in enumerate(turns):
        ids[i, P - len(t.prompt_ids) : P] = torch.tensor(t.prompt_ids)
        attn[i, P - len(t.prompt_ids) : P] = 1
        n = len(t.completion_ids)
        if n:
            ids[i, P : P + n] = torch.tensor(t.completion_ids)
            attn[i, P : P + n] = 1
            cmask[i, :n] = 1
    pos = (attn.cumsum(-1) - 1).clamp(min=0)
    if any(isinstance(a, (list, tuple)) for a in advantages):
        adv = torch.zeros((B, T), dtype=torch.float32)
        for i, (t, a) in enumerate(zip(turns, advantages)):
            n = len(t.completion_ids)
            adv[i, :n] = torch.tensor(a, dtype=torch.float32) if isinstance(a, (list, tuple)) else float(a)
    else:
        adv = torch.tensor(advantages, dtype=torch.float32)
    return Batch(
        ids.to(device),
        attn.to(device),
        pos.to(device),
        cmask.to(device),
        P,
        adv.to(device),
        torch.tensor(rewards, dtype=torch.float32, device=device),
    )


def lr_multiplier(schedule: str, warmup: int, steps: int):
    """The factor on the peak learning rate at step ``s`` (0-based): linear warmup over ``warmup`` steps,
    then ``constant``, or ``linear`` / ``cosine`` decay that reaches zero after the last step."""
    if schedule not in ("constant", "linear", "cosine"):
        raise ValueError(f"rl.lr_schedule must be 'constant', 'linear' or 'cosine', got {schedule!r}")
    warmup = max(warmup, 0)

    def factor(s: int) -> float:
        if s < warmup:
            return (s + 1) / warmup
        if schedule == "constant":
            return 1.0
        progress = min(1.0, (s - warmup) / max(1, steps - warmup))
        if schedule == "linear":
            return 1.0 - progress
        return 0.5 * (1.0 + math.cos(math.pi * progress))

    return factor


class RLLearner:
    """Policy-gradient training on practice environments; see the module docstring."""

    name = "rl"

    def __init__(
        self,
        model,
        tokenizer,
        backend,
        config: RLConfig,
        families: tuple[str, ...],
        difficulty: str,
        out_dir: str | Path,
        first_problem: int = 0,
        seed: int = 0,
        device: str = "cpu",
        bf16: bool = False,
        checkpoint_every: int = 50,
        progress: bool = True,
        generation_threads: int = 0,
    ):
        if not config.temperature > 0:
            raise ValueError(
                f"rl.temperature must be > 0, got {config.temperature!r}: policy-gradient training needs a "
                "sampling policy (0 is greedy decoding, which has none); the demo samples at 0.5"
            )
        self.generation_threads = generation_threads
        self.model = model.to(device).train()
        self.tokenizer = tokenizer
        self.backend = backend
        self.cfg = config
        self.families = tuple(families)
        self.difficulty = difficulty
        self.out = Path(out_dir)
        self.seed = seed
        self.device = device
        self.bf16 = bf16
        self.checkpoint_every = checkpoint_every
        self.show_progress = progress
        self.next_problem = first_problem
        self.first_problem = first_problem
        if config.balance_levels and config.curriculum:
            raise ValueError("rl.balance_levels and rl.curriculum both choose each problem's level; set one of them")
        self.level_next: dict[int, int] = {}
        """With ``balance_levels``: the next problem index of each level's own train stream."""
        self.curriculum = Curriculum(difficulty, tuple(config.curriculum_band)) if config.curriculum else None
        self.reference = None
        if config.kl_coef > 0:
            import copy

            self.reference = copy.deepcopy(model).eval().requires_grad_(False)
        self.module = self.trainable_module()
        self.optimizer = torch.optim.AdamW(
            [p for p in self.module.parameters() if p.requires_grad],
            lr=config.lr,
            weight_decay=0.0,
            eps=config.adam_eps,
        )
        self.scheduler = torch.optim.lr_scheduler.LambdaLR(
            self.optimizer, lr_multiplier(config.lr_schedule, config.warmup_steps, config.steps)
        )
        self.step = 0

    # ------------------------------------------------------------------ hooks
    def trainable_module(self) -> torch.nn.Module:
        """The module whose state is optimized and checkpointed (PPO adds a value head)."""
        return self.model

    def advantages(self, episodes: list[Episode]) -> list[float]:
        raise NotImplementedError

    def loss(self, batch: Batch, old: dict[str, torch.Tensor] | None) -> tuple[torch.Tensor, dict]:
        """The loss of one chunk of the batch, averaged over that chunk (:meth:`one_pass` weighs the chunks)."""
        raise NotImplementedError

    def keep_groups(self, episodes: list[Episode], group_size: int) -> list[Episode]:
        return episodes

    def turn_advantages(self, episodes: list[Episode], advantages: list[float]) -> list:
        """The advantage of every turn, in episode order: the episode's own, on every token, by default."""
        return [a for ep, a in zip(episodes, advantages) for _ in ep.turns]

    # ------------------------------------------------------------------ data
    def draw_problems(self, count: int, rng: np.random.Generator | None, level: int | None = None):
        """The next ``count`` training problems: of ``level`` from that level's own stream (balanced batches,
        which start after the SFT problems' index too), else from the run's stream at its difficulty."""
        if level is not None:
            out = []
            for _ in range(count):
                i = self.level_next.get(level, self.first_problem)
                self.level_next[level] = i + 1
                out.append(interleaved_problem(self.families, "train", i, level))
            return out
        out = []
        for _ in range(count):
            i = self.next_problem
            self.next_problem += 1
            level = self.curriculum.sample(rng) if self.curriculum else self.difficulty
            # the families interleaved as SFT reads them, so each one visits every level of a range
            out.append(interleaved_problem(self.families, "train", i, level))
        return out

    def sampling(self, step: int, round_: int):
        from textbook_gym.agents.backends import SamplingConfig

        return SamplingConfig(
            n=self.cfg.group_size,
            temperature=self.cfg.temperature,
            top_p=self.cfg.top_p,
            max_tokens=self.cfg.max_tokens,
            seed=(self.seed * 1_000_003 + step * 101 + round_) % (2**31),
        )

    def levels(self) -> list[int | None]:
        """The levels a step's groups are shared among: each practice level when balanced, else one ``None``."""
        if not self.cfg.balance_levels:
            return [None]
        lo, hi = parse_difficulty(self.difficulty)
        return list(range(lo, hi + 1))

    def shares(self, step: int, count: int) -> dict[int | None, int]:
        """``count`` split evenly over :meth:`levels`; the remainder's extra ones rotate with the step."""
        levels = self.levels()
        base, extra = divmod(count, len(levels))
        return {lv: base + int((k - step) % len(levels) < extra) for k, lv in enumerate(levels)}

    def collect(self, step: int) -> tuple[list[Episode], dict[str, Any]]:
        """Sample episodes for one step; with dynamic sampling, refill dropped groups from fresh problems
        (of the same level, with ``balance_levels``)."""
        cfg = self.cfg
        rng = np.random.default_rng([self.seed, step, 7])
        kept: list[Episode] = []
        seen: list[Episode] = []
        gen_tokens, gen_time, rounds = 0, 0.0, 0
        need = self.shares(step, cfg.problems_per_step)  # groups still wanted, per level
        refill = self.shares(step, cfg.problems_per_step)  # problems drawn per level in a refill round
        max_rounds = cfg.max_sampling_rounds if cfg.dynamic_sampling else 1
        while any(need.values()) and rounds < max(1, max_rounds):
            problems = []
            for level, wanted in need.items():
                if wanted > 0:
                    count = refill[level] if rounds else wanted
                    # the unbalanced call keeps draw_problems(count, rng), which tests and subclasses override
                    problems += self.draw_problems(count, rng) if level is None else self.draw_problems(
                        count, rng, level=level
                    )
            t0 = time.perf_counter()
            with cpu_threads(self.generation_threads):
                episodes = run_groups(
                    problems,
                    self.backend,
                    self.sampling(step, rounds),
                    cfg.group_size,
                    cfg.max_attempts,
                    cfg.feedback,
                    cfg.attempt_discount,
                )
            gen_time += time.perf_counter() - t0
            gen_tokens += sum(len(t.completion_ids) for ep in episodes for t in ep.turns)
            rounds += 1
            # groups are numbered per round; renumber so they stay unique across rounds
            base = (max(ep.group for ep in seen) + 1) if seen else 0
            for ep in episodes:
                ep.group += base
            seen.extend(episodes)
            chosen = self.keep_groups(episodes, cfg.group_size)
            first_of = {}
            for ep in chosen:
                first_of.setdefault(ep.group, ep)
            taken = set()
            for group in sorted(first_of):
                level = first_of[group].problem.difficulty if cfg.balance_levels else None
                if need[level] > 0:
                    taken.add(group)
                    need[level] -= 1
            kept.extend(ep for ep in chosen if ep.group in taken)
        if self.curriculum is not None:
            for level in {ep.problem.difficulty for ep in seen}:
                eps = [ep for ep in seen if ep.problem.difficulty == level]
                self.curriculum.update(level, sum(ep.correct for ep in eps) / len(eps))
        n = max(len(seen), 1)
        stats = {
            "reward": sum(ep.reward for ep in seen) / n,
            "accuracy": sum(ep.correct for ep in seen) / n,
            "first_try_accuracy": sum(ep.first_try for ep in seen) / n,
            "statuses": status_counts(seen),
            "episodes": len(seen),
            "groups_kept": len({ep.group for ep in kept}),
            "groups_dropped": len({ep.group for ep in seen}) - len({ep.group for ep in kept}),
            "groups_kept_by_level": {
                str(level): len({ep.group for ep in kept if ep.problem.difficulty == level})
                for level in sorted({ep.problem.difficulty for ep in kept})
            },
            "sampling_rounds": rounds,
            "gen_tokens": gen_tokens,
            "gen_tokens_per_s": gen_tokens / max(gen_time, 1e-9),
            "gen_time": gen_time,
            "mean_difficulty": sum(ep.problem.difficulty for ep in seen) / n,
            "completion_length": gen_tokens / max(sum(len(ep.turns) for ep in seen), 1),
        }
        return kept, stats

    # ------------------------------------------------------------------ model passes
    def forward(self, batch: Batch, model=None, values: bool = False):
        """Logits of the sampling policy (and last hidden states when ``values``) at the completion positions.

        The logits are divided by the sampling temperature (in float32 when it is not 1), so their softmax
        is the distribution each completion token was drawn from (top-p aside: see the module docstring).
        """
        model = model or self.model
        with autocast(self.device, self.bf16):
            out = model(
                input_ids=batch.input_ids,
                attention_mask=batch.attention_mask,
                position_ids=batch.position_ids,
                output_hidden_states=values,
                use_cache=False,
            )
        P = batch.prompt_width
        logits = out.logits[:, P - 1 : -1]
        if self.cfg.temperature != 1.0:
            logits = logits.float() / self.cfg.temperature
        hidden = out.hidden_states[-1][:, P - 1 : -1] if values else None
        return logits, hidden

    def reference_logprobs(self, batch: Batch) -> torch.Tensor | None:
        if self.reference is None:
            return None
        with torch.no_grad():
            logits, _ = self.forward(batch, self.reference)
            return losses.token_logprobs(logits, batch.targets)

    def chunks(self, size: int) -> list[slice]:
        mb = self.cfg.minibatch_size or size
        return [slice(i, min(i + mb, size)) for i in range(0, size, mb)]

    def old_values(self, batch: Batch) -> dict[str, torch.Tensor] | None:
        """Quantities fixed before the update (old log-probs for epochs > 1, reference log-probs)."""
        old: dict[str, torch.Tensor] = {}
        ref = self.reference_logprobs(batch)
        if ref is not None:
            old["ref_logp"] = ref
        if self.cfg.epochs > 1:
            with torch.no_grad():
                parts = [
                    losses.token_logprobs(self.forward(batch.select(s))[0], batch.select(s).targets)
                    for s in self.chunks(batch.input_ids.shape[0])
                ]
                old["logp"] = torch.cat(parts)
        return old or None

    # ------------------------------------------------------------------ the step
    def update(self, batch: Batch) -> dict[str, float]:
        """``epochs`` passes over the batch against quantities fixed before the first (one scheduler step)."""
        old = self.old_values(batch)
        sums: dict[str, float] = {}
        grad_norm = 0.0
        for _ in range(self.cfg.epochs):
            stats, grad_norm = self.one_pass(batch, old)
            for k, v in stats.items():
                sums[k] = sums.get(k, 0.0) + v / self.cfg.epochs
        self.scheduler.step()
        sums["grad_norm"] = grad_norm
        sums["lr"] = self.scheduler.get_last_lr()[0]
        return sums

    def one_pass(self, batch: Batch, old: dict[str, torch.Tensor] | None) -> tuple[dict[str, float], float]:
        """One optimizer step on the whole batch, in chunks; returns the chunk-weighted stats and the grad norm.

        ``old`` comes from :meth:`old_values` *before* the first pass and stays fixed across passes, so from
        the second pass on the ratio moves away from 1 and the clip acts (diagnostics that fit one batch
        call this repeatedly with the same ``old``, not :meth:`update`, which would reset it).
        """
        B = batch.input_ids.shape[0]
        total_tokens = batch.completion_mask.sum().item()
        sums: dict[str, float] = {}
        self.optimizer.zero_grad(set_to_none=True)
        for s in self.chunks(B):
            part = batch.select(s)
            part_old = {k: v[s] for k, v in old.items()} if old else None
            # each chunk's loss is a mean over the chunk; weigh it by its share of the batch's tokens
            # (or sequences) so the summed gradient is the gradient of the whole batch's loss
            if self.cfg.loss_norm == "token":
                weight = part.completion_mask.sum().item() / max(total_tokens, 1)
            else:
                weight = part.input_ids.shape[0] / B
            loss, stats = self.loss(part, part_old)
            (loss * weight).backward()
            for k, v in stats.items():
                sums[k] = sums.get(k, 0.0) + v * weight
        grad_norm = float(torch.nn.utils.clip_grad_norm_(self.module.parameters(), self.cfg.max_grad_norm))
        self.optimizer.step()
        return sums, grad_norm

    def train_step(self, step: int) -> dict[str, Any]:
        t0 = time.perf_counter()
        episodes, stats = self.collect(step)
        if episodes:
            adv = self.turn_advantages(episodes, self.advantages(episodes))
            turns = [turn for ep in episodes for turn in ep.turns]
            rew = [ep.reward for ep in episodes for _ in ep.turns]
            batch = pack(turns, adv, rew, self.tokenizer.pad_token_id, self.device)
            stats.update(self.update(batch))
            if (step + 1) % self.cfg.sync_every == 0:
                self.backend.update_weights(self.model.named_parameters())
        else:  # no group had a learnable difference: no update, but the schedule keeps step with the run
            with warnings.catch_warnings():  # torch warns when no optimizer step came first; skipping is intended
                warnings.filterwarnings("ignore", message="Detected call of `lr_scheduler.step\\(\\)` before")
                self.scheduler.step()
            stats["skipped"] = True
        stats["step_time"] = time.perf_counter() - t0
        return stats

    # ------------------------------------------------------------------ the loop
    def train(self, resume: bool = False, stop_after: int | None = None) -> dict[str, Any]:
        """Run to ``config.steps`` (resuming from the newest checkpoint if asked); returns the last stats.

        ``stop_after`` ends the run after that many steps *of this call*, as a kill
        would (tests use it to interrupt a run between checkpoints).
        """
        ckpt_dir = self.out / "checkpoints"
        start = 0
        if resume:
            ckpt.clean_temporaries(ckpt_dir)
            latest = ckpt.latest_checkpoint(ckpt_dir)
            if latest is not None:
                state = ckpt.load_checkpoint(latest, self.module, self.optimizer, self.scheduler)
                start = state["step"]
                self.load_extra(state["extra"])
                self.backend.update_weights(self.model.named_parameters())
        log = MetricsLog(self.out / "metrics.jsonl", resume_step=start if resume else None)
        last: dict[str, Any] = {}
        done_here = 0
        with Progress(f"{self.name.upper()} ", self.cfg.steps, start, enabled=self.show_progress) as bar:
            for step in range(start, self.cfg.steps):
                if stop_after is not None and done_here >= stop_after:
                    return last
                last = self.train_step(step)
                self.step = step + 1
                done_here += 1
                log.log(self.step, **last)
                bar.update(1, reward=last["reward"], acc=last["accuracy"])
                if self.step % self.checkpoint_every == 0 or self.step == self.cfg.steps:
                    self.save(ckpt_dir)
        plot_curves(self.out / "metrics.jsonl", CURVES, self.out / "curves.png", title=self.name.upper())
        return last

    def save(self, ckpt_dir: Path) -> Path:
        extra = {"next_problem": self.next_problem, "level_next": {str(k): v for k, v in self.level_next.items()}}
        if self.curriculum is not None:
            extra["curriculum"] = self.curriculum.state_dict()
        return ckpt.save_checkpoint(ckpt_dir, self.step, self.module, self.optimizer, self.scheduler, extra)

    def load_extra(self, extra: dict[str, Any]) -> None:
        """Restore the data position (and curriculum) that :meth:`save` stored with a checkpoint."""
        self.next_problem = extra["next_problem"]
        self.level_next = {int(k): int(v) for k, v in extra.get("level_next", {}).items()}
        if self.curriculum is not None and extra.get("curriculum"):
            self.curriculum.load_state_dict(extra["curriculum"])
