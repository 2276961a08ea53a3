"""PPO with a value head and GAE over tokens, on the same environments as GRPO.

Where GRPO uses the other answers to a problem as the baseline, PPO learns one:
a linear value head on the policy's last hidden state predicts the return at
every completion token. The reward is the verifier's score at the last token
(minus a per-token KL penalty to the frozen starting policy when ``kl_coef`` is
set, the classic RLHF shaping); GAE turns rewards and values into per-token
advantages, which are scaled to unit variance over the batch. The update is the
clipped ratio objective plus the clipped value loss, for ``epochs`` passes over
each batch. Groups are not needed (``group_size`` 1 is fine) and every episode is kept.

Two choices keep the untrained value head from punishing the start of right
answers. A head that starts at zero makes GAE's advantage of a right answer's
token lambda ** (distance to the reward), small at the start, and whitening that
subtracts the batch mean then turned the first tokens of every right answer
negative (18 of 60 on a demo batch). So the head's bias starts at the first
batch's mean reward (a baseline: from the first step a right answer's tokens
get positive advantages, a wrong one's negative), and the advantages are divided
by their standard deviation without subtracting their mean, so each token keeps
the sign GAE gave it.
"""

from __future__ import annotations

import torch

from textbook_gym.agents.learners import losses
from textbook_gym.agents.learners.episodes import Episode
from textbook_gym.agents.learners.rl import Batch, RLLearner


class PolicyWithValue(torch.nn.Module):
    """The policy plus a scalar value head; one module so that one state dict checkpoints both."""

    def __init__(self, policy: torch.nn.Module):
        super().__init__()
        self.policy = policy
        hidden = policy.config.get_text_config().hidden_size
        self.value_head = torch.nn.Linear(hidden, 1)
        torch.nn.init.zeros_(self.value_head.weight)
        torch.nn.init.zeros_(self.value_head.bias)
        self.value_head.to(next(policy.parameters()).device)
        # set once the bias holds the first batch's mean reward; a buffer, so a resumed run keeps its head
        self.register_buffer("value_started", torch.tensor(False, device=self.value_head.bias.device))

    def start_values(self, mean_reward: float) -> None:
        """Put the untrained head's prediction at ``mean_reward`` everywhere (once per run)."""
        if bool(self.value_started):
            return
        with torch.no_grad():
            self.value_head.bias.fill_(mean_reward)
            self.value_started.fill_(True)


class PPOLearner(RLLearner):
    """See the module docstring."""

    name = "ppo"

    def trainable_module(self) -> torch.nn.Module:
        self.wrapper = PolicyWithValue(self.model)
        return self.wrapper

    def advantages(self, episodes: list[Episode]) -> list[float]:
        # Per-token advantages need the value head's predictions; they are computed in old_values().
        return [0.0] * len(episodes)

    def values(self, hidden: torch.Tensor) -> torch.Tensor:
        return self.wrapper.value_head(hidden.float()).squeeze(-1)

    def old_values(self, batch: Batch):
        old = super().old_values(batch) or {}
        mask = batch.completion_mask
        self.wrapper.start_values(batch.rewards.mean().item())
        with torch.no_grad():
            logp_parts, value_parts = [], []
            for s in self.chunks(batch.input_ids.shape[0]):
                part = batch.select(s)
                logits, hidden = self.forward(part, values=True)
                logp_parts.append(losses.token_logprobs(logits, part.targets))
                value_parts.append(self.values(hidden))
            logp, values = torch.cat(logp_parts), torch.cat(value_parts) * mask
            rewards = torch.zeros_like(mask)
            last = (mask.sum(-1).long() - 1).clamp(min=0)
            rewards[torch.arange(mask.shape[0]), last] = batch.rewards
            if "ref_logp" in old:
                rewards = rewards - self.cfg.kl_coef * (logp - old["ref_logp"]) * mask
            adv, returns = losses.gae(rewards, values, mask, self.cfg.gamma, self.cfg.lam)
            old.update(logp=logp, values=values, returns=returns, adv=losses.whiten(adv, mask, shift_mean=False))
        return old

    def loss(self, batch: Batch, old):
        logits, hidden = self.forward(batch, values=True)
        mask = batch.completion_mask
        logp = losses.token_logprobs(logits, batch.targets)
        policy_loss, stats = losses.clipped_policy_loss(
            logp,
            old["logp"],
            old["adv"],
            mask,
            self.cfg.clip_low,
            self.cfg.clip_high,
            self.cfg.loss_norm,
            self.cfg.max_tokens,
        )
        values = self.values(hidden)
        value_loss = losses.clipped_value_loss(values, old["values"], old["returns"], mask, self.cfg.value_clip)
        loss = policy_loss + self.cfg.vf_coef * value_loss
        with torch.no_grad():
            stats["entropy"] = losses.masked_mean(losses.entropy(logits), mask).item()
            if "ref_logp" in old:
                stats["kl"] = losses.masked_mean(losses.kl_to_reference(logp, old["ref_logp"]), mask).item()
        stats.update(policy_loss=policy_loss.item(), value_loss=value_loss.item(), loss=loss.item())
        return loss, stats
