"""The policy-gradient arithmetic shared by GRPO and PPO, as pure tensor functions.

Kept apart from the training loops so each rule can be tested on hand-made
tensors: group-relative advantages, the clipped ratio objective with separate
lower and upper clip ranges, the ways of averaging a token loss, the KL
estimate to a reference policy, and GAE over tokens for PPO.

Shapes: ``B`` sequences by ``T`` completion tokens; ``mask`` is 1 on real
completion tokens and 0 on padding.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F


def token_logprobs(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Log-probability of each target token: ``logits[b, t]`` predicts ``targets[b, t]``.

    Uses log-softmax in float32 so bf16 logits do not round the ratio to 1.
    """
    return torch.gather(F.log_softmax(logits.float(), dim=-1), -1, targets.unsqueeze(-1)).squeeze(-1)


def entropy(logits: torch.Tensor) -> torch.Tensor:
    """Per-token entropy of the predictive distribution (a collapse detector, logged not optimized)."""
    logp = F.log_softmax(logits.float(), dim=-1)
    return -(logp.exp() * logp).sum(-1)


def group_advantages(rewards: torch.Tensor, group_size: int, scale: bool = True, eps: float = 1e-6) -> torch.Tensor:
    """GRPO advantages: each reward minus its group's mean, divided by the group's std if ``scale``.

    ``rewards`` is laid out group after group (``group_size`` consecutive entries
    per problem). A group whose rewards are all equal gets advantage 0: it carries
    no learning signal, which is why dynamic sampling drops such groups.
    """
    if rewards.numel() % group_size:
        raise ValueError(f"{rewards.numel()} rewards do not split into groups of {group_size}")
    grouped = rewards.view(-1, group_size).float()
    centred = grouped - grouped.mean(dim=1, keepdim=True)
    if scale:
        centred = centred / (grouped.std(dim=1, keepdim=True, unbiased=False) + eps)
    return centred.view(-1)


def scale_negatives(advantages: torch.Tensor, scale: float) -> torch.Tensor:
    """Multiply the negative advantages by ``scale`` (1 leaves GRPO unchanged, 0 keeps only the positives).

    Positive-sample reinforcement: the update then only raises the probability of
    answers that did better than their group, weighted by how much better. It was
    adopted because full GRPO seemed to lower a tiny model's right answers with its
    wrong ones (they share all but a digit or two); that record came from fitting a
    batch with repeated ``update()`` calls, where the ratio stays 1 and the clip never
    acts. Fitted as PPO epochs with the clip acting, full GRPO raises the right
    answers too (``benchmarks/rl_overfit.py``, issue #21).
    """
    if not 0.0 <= scale <= 1.0:
        raise ValueError(f"negative_scale must be in [0, 1], got {scale!r}")
    if scale == 1.0:
        return advantages
    return torch.where(advantages < 0, advantages * scale, advantages)


def divergence_index(completion: list[int], better: list[list[int]]) -> int:
    """Where ``completion`` first leaves the answers that beat it: the length of its longest common prefix
    with any of ``better``, capped at its last token.

    The tokens before that index are a better answer's tokens too (blaming them would push that answer
    down as well); the tokens after it follow from the departure (copying a wrong column digit into the
    final answer is right given the digit). So the departure is the token to blame.

    >>> divergence_index([1, 2, 9, 4], [[1, 2, 3, 4], [1, 5]])
    2
    """
    if not completion:
        raise ValueError("an empty completion has no token to blame")
    longest = 0
    for other in better:
        n = 0
        for a, b in zip(completion, other):
            if a != b:
                break
            n += 1
        longest = max(longest, n)
    return min(longest, len(completion) - 1)


def has_variance(rewards: torch.Tensor, group_size: int) -> torch.Tensor:
    """Boolean per group: do the rewards differ at all (else the group teaches nothing)?"""
    grouped = rewards.view(-1, group_size)
    return (grouped.max(dim=1).values - grouped.min(dim=1).values) > 0


def masked_mean(values: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    return (values * mask).sum() / mask.sum().clamp(min=1)


def reduce_tokens(
    per_token: torch.Tensor, mask: torch.Tensor, mode: str, max_tokens: int | None = None
) -> torch.Tensor:
    """Average a per-token loss over a batch.

    * ``token``: sum over every real token of the batch / number of tokens. Long
      and short answers weigh the same per token (DAPO's token-level loss).
    * ``sequence``: mean within each sequence, then mean over sequences (the
      original GRPO); a token of a short answer weighs more.
    * ``fixed``: sum / (B * max_tokens), a constant normaliser (Dr. GRPO) that
      removes the length bias of both.
    """
    if mode == "token":
        return masked_mean(per_token, mask)
    if mode == "sequence":
        per_seq = (per_token * mask).sum(-1) / mask.sum(-1).clamp(min=1)
        return per_seq.mean()
    if mode == "fixed":
        denom = per_token.shape[0] * (max_tokens or per_token.shape[1])
        return (per_token * mask).sum() / denom
    raise ValueError(f"loss_norm must be 'token', 'sequence' or 'fixed', got {mode!r}")


def clipped_policy_loss(
    logp: torch.Tensor,
    old_logp: torch.Tensor,
    advantages: torch.Tensor,
    mask: torch.Tensor,
    clip_low: float = 0.2,
    clip_high: float = 0.2,
    loss_norm: str = "token",
    max_tokens: int | None = None,
) -> tuple[torch.Tensor, dict[str, float]]:
    """PPO's clipped surrogate per token, reduced with :func:`reduce_tokens`.

    ``advantages`` is per sequence ``[B]`` (GRPO) or per token ``[B, T]`` (PPO).
    The ratio is clipped to ``[1 - clip_low, 1 + clip_high]``; a larger upper bound
    lets rare good tokens gain probability faster than common ones lose it.
    Returns the loss and the fraction of tokens where the clip was active.
    """
    if advantages.dim() == 1:
        advantages = advantages.unsqueeze(-1)
    ratio = torch.exp(logp - old_logp)
    unclipped = ratio * advantages
    clipped = torch.clamp(ratio, 1.0 - clip_low, 1.0 + clip_high) * advantages
    per_token = -torch.minimum(unclipped, clipped)
    loss = reduce_tokens(per_token, mask, loss_norm, max_tokens)
    with torch.no_grad():
        was_clipped = (clipped < unclipped).float()
        stats = {"clip_fraction": masked_mean(was_clipped, mask).item(), "ratio": masked_mean(ratio, mask).item()}
    return loss, stats


def kl_to_reference(logp: torch.Tensor, ref_logp: torch.Tensor) -> torch.Tensor:
    """Per-token KL(policy || reference) by the non-negative, unbiased 'k3' estimator.

    ``exp(r) - r - 1`` with ``r = ref_logp - logp``; it is computed from the sampled
    tokens only, so no full-vocabulary reference distribution is needed.
    """
    r = ref_logp - logp
    return torch.exp(r) - r - 1.0


def gae(rewards: torch.Tensor, values: torch.Tensor, mask: torch.Tensor, gamma: float = 1.0, lam: float = 0.95):
    """Generalised advantage estimation over the tokens of each sequence.

    ``rewards``, ``values`` and ``mask`` are ``[B, T]``; the value after the last real
    token is 0 (the episode ends there). Returns ``(advantages, returns)``, both
    zero on padding.
    """
    B, T = rewards.shape
    advantages = torch.zeros_like(rewards)
    running = torch.zeros(B, dtype=rewards.dtype, device=rewards.device)
    for t in reversed(range(T)):
        next_value = values[:, t + 1] * mask[:, t + 1] if t + 1 < T else torch.zeros_like(running)
        delta = rewards[:, t] + gamma * next_value - values[:, t]
        running = delta + gamma * lam * running * (mask[:, t + 1] if t + 1 < T else 0.0)
        advantages[:, t] = running * mask[:, t]
    returns = (advantages + values) * mask
    return advantages, returns


def whiten(values: torch.Tensor, mask: torch.Tensor, eps: float = 1e-8, shift_mean: bool = True) -> torch.Tensor:
    """Normalise to unit variance over the real tokens, and to zero mean if ``shift_mean`` (PPO's whitening).

    Without ``shift_mean`` the values are only divided by their standard deviation, so every value keeps
    its sign: subtracting the batch mean of GAE advantages would flip the small positive advantages at the
    start of rewarded answers to negative ones.
    """
    mean = masked_mean(values, mask)
    var = masked_mean((values - mean) ** 2, mask)
    shifted = values - mean if shift_mean else values
    return shifted * torch.rsqrt(var + eps) * mask


def clipped_value_loss(
    values: torch.Tensor, old_values: torch.Tensor, returns: torch.Tensor, mask: torch.Tensor, clip: float
) -> torch.Tensor:
    """PPO's value loss: the worse of the plain and the clipped squared error, averaged over tokens."""
    clipped = old_values + torch.clamp(values - old_values, -clip, clip)
    loss = torch.maximum((values - returns) ** 2, (clipped - returns) ** 2)
    return 0.5 * masked_mean(loss, mask)
