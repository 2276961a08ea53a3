"""GRPO: group-relative policy optimization on practice environments.

Each problem is answered ``group_size`` times; an answer's advantage is its
reward minus the group's mean (divided by the group's standard deviation unless
``scale_rewards`` is off), so no value network is needed: the other answers to
the same problem are the baseline. The update is PPO's clipped-ratio objective
with separate lower and upper clip ranges, a token-level loss normalization by
default, an optional KL penalty to the frozen starting policy, and dynamic
sampling that drops groups whose answers all scored the same (they have zero
advantage and would only dilute the batch) and refills the batch from fresh
problems.
"""

from __future__ import annotations

import torch

from textbook_gym.agents.learners import losses
from textbook_gym.agents.learners.episodes import Episode
from textbook_gym.agents.learners.rl import Batch, RLLearner


class GRPOLearner(RLLearner):
    """See the module docstring; the loop, sampling and checkpoints live in :class:`RLLearner`."""

    name = "grpo"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.cfg.negative_credit not in ("sequence", "divergence"):
            raise ValueError(
                f"rl.negative_credit must be 'sequence' or 'divergence', got {self.cfg.negative_credit!r}"
            )

    def keep_groups(self, episodes: list[Episode], group_size: int) -> list[Episode]:
        if not self.cfg.dynamic_sampling:
            return episodes
        rewards = torch.tensor([ep.reward for ep in episodes])
        keep = losses.has_variance(rewards, group_size).tolist()
        return [ep for i, ep in enumerate(episodes) if keep[i // group_size]]

    def advantages(self, episodes: list[Episode]) -> list[float]:
        rewards = torch.tensor([ep.reward for ep in episodes])
        adv = losses.group_advantages(rewards, self.cfg.group_size, scale=self.cfg.scale_rewards)
        return losses.scale_negatives(adv, self.cfg.negative_scale).tolist()

    def turn_advantages(self, episodes: list[Episode], advantages: list[float]) -> list:
        """With ``negative_credit="divergence"``, a worse answer's blame goes to one token (see the config)."""
        if self.cfg.negative_credit == "sequence":
            return super().turn_advantages(episodes, advantages)
        groups: dict[int, list[Episode]] = {}
        for ep in episodes:
            groups.setdefault(ep.group, []).append(ep)
        out: list = []
        for ep, a in zip(episodes, advantages):
            if a >= 0:  # only a worse answer's blame moves; the rest train on every token
                out.extend(a for _ in ep.turns)
                continue
            better = [t for o in groups[ep.group] if o.reward > ep.reward for t in o.turns]
            for turn in ep.turns:
                same_context = [t.completion_ids for t in better if t.prompt_ids == turn.prompt_ids]
                if not turn.completion_ids or not same_context:
                    out.append(a)
                    continue
                blame = [0.0] * len(turn.completion_ids)
                # the sequence's whole share of the loss (a per token, len tokens) lands on its departure
                blame[losses.divergence_index(turn.completion_ids, same_context)] = a * len(blame)
                out.append(blame)
        return out

    def loss(self, batch: Batch, old):
        logits, _ = self.forward(batch)
        logp = losses.token_logprobs(logits, batch.targets)
        mask = batch.completion_mask
        old_logp = old["logp"] if old and "logp" in old else logp.detach()
        loss, stats = losses.clipped_policy_loss(
            logp,
            old_logp,
            batch.advantages,
            mask,
            self.cfg.clip_low,
            self.cfg.clip_high,
            self.cfg.loss_norm,
            self.cfg.max_tokens,
        )
        stats["policy_loss"] = loss.item()
        if old and "ref_logp" in old:
            kl = losses.kl_to_reference(logp, old["ref_logp"])
            kl_term = losses.reduce_tokens(kl, mask, self.cfg.loss_norm, self.cfg.max_tokens)
            loss = loss + self.cfg.kl_coef * kl_term
            stats["kl"] = losses.masked_mean(kl, mask).item()
        with torch.no_grad():
            stats["entropy"] = losses.masked_mean(losses.entropy(logits), mask).item()
        stats["loss"] = loss.item()
        return loss, stats
