"""The policy-gradient arithmetic on hand-made tensors: one rule per test."""

import pytest

torch = pytest.importorskip("torch", reason="the learner needs the train extra: pip install 'textbook-gym[train]'")


from textbook_gym.agents.learners import losses  # noqa: E402


def test_group_advantages_are_centred_and_scaled_within_each_group():
    rewards = torch.tensor([1.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0])
    adv = losses.group_advantages(rewards, group_size=4).view(2, 4)
    assert torch.allclose(adv.mean(dim=1), torch.zeros(2), atol=1e-6)
    assert torch.allclose(adv.std(dim=1, unbiased=False), torch.ones(2), atol=1e-4)
    assert adv[0, 0] > 0 > adv[0, 1]


def test_group_without_variance_gets_zero_advantage_and_is_flagged():
    rewards = torch.tensor([1.0, 1.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0])
    adv = losses.group_advantages(rewards, 4)
    assert torch.all(adv[:4] == 0)
    assert losses.has_variance(rewards, 4).tolist() == [False, True]


def test_unscaled_advantages_are_plain_differences_from_the_mean():
    adv = losses.group_advantages(torch.tensor([1.0, 0.0]), 2, scale=False)
    assert adv.tolist() == [0.5, -0.5]


def test_rewards_that_do_not_split_into_groups_are_refused():
    with pytest.raises(ValueError, match="groups of 4"):
        losses.group_advantages(torch.ones(6), 4)


def test_ratio_is_clipped_asymmetrically():
    mask = torch.ones(1, 1)
    old = torch.zeros(1, 1)
    # ratio 1.5 with positive advantage: clipped at 1 + clip_high
    up, stats = losses.clipped_policy_loss(torch.log(torch.tensor([[1.5]])), old, torch.tensor([1.0]), mask, 0.2, 0.28)
    assert up.item() == pytest.approx(-1.28)
    assert stats["clip_fraction"] == 1.0
    # ratio 0.5 with negative advantage: clipped at 1 - clip_low
    down, _ = losses.clipped_policy_loss(torch.log(torch.tensor([[0.5]])), old, torch.tensor([-1.0]), mask, 0.2, 0.28)
    assert down.item() == pytest.approx(0.8)


def test_clipped_tokens_pass_no_gradient():
    logp = torch.log(torch.tensor([[1.5]])).requires_grad_(True)
    loss, _ = losses.clipped_policy_loss(logp, torch.zeros(1, 1), torch.tensor([1.0]), torch.ones(1, 1), 0.2, 0.2)
    loss.backward()
    assert logp.grad.abs().item() == 0.0


def test_token_and_sequence_normalisation_weigh_long_answers_differently():
    per_token = torch.tensor([[1.0, 1.0, 1.0, 1.0], [4.0, 0.0, 0.0, 0.0]])
    mask = torch.tensor([[1.0, 1.0, 1.0, 1.0], [1.0, 0.0, 0.0, 0.0]])
    assert losses.reduce_tokens(per_token, mask, "token").item() == pytest.approx(8 / 5)
    assert losses.reduce_tokens(per_token, mask, "sequence").item() == pytest.approx((1 + 4) / 2)
    assert losses.reduce_tokens(per_token, mask, "fixed", max_tokens=8).item() == pytest.approx(8 / 16)
    with pytest.raises(ValueError, match="loss_norm"):
        losses.reduce_tokens(per_token, mask, "mean")


def test_kl_estimate_is_zero_at_the_reference_and_positive_elsewhere():
    logp = torch.log(torch.tensor([0.5, 0.2, 0.9]))
    assert torch.allclose(losses.kl_to_reference(logp, logp), torch.zeros(3))
    assert torch.all(losses.kl_to_reference(logp, torch.log(torch.tensor([0.3, 0.6, 0.1]))) > 0)


def test_gae_with_lambda_one_and_no_discount_gives_reward_to_go_minus_value():
    rewards = torch.tensor([[0.0, 0.0, 1.0, 0.0]])
    values = torch.tensor([[0.2, 0.4, 0.6, 0.0]])
    mask = torch.tensor([[1.0, 1.0, 1.0, 0.0]])
    adv, returns = losses.gae(rewards, values, mask, gamma=1.0, lam=1.0)
    assert torch.allclose(adv, torch.tensor([[0.8, 0.6, 0.4, 0.0]]))
    assert torch.allclose(returns, torch.tensor([[1.0, 1.0, 1.0, 0.0]]))


def test_value_loss_is_clipped_around_the_old_value():
    mask = torch.ones(1, 1)
    loss = losses.clipped_value_loss(torch.tensor([[2.0]]), torch.tensor([[0.0]]), torch.tensor([[2.0]]), mask, 0.2)
    assert loss.item() == pytest.approx(0.5 * 1.8**2)


def test_wilson_interval_contains_the_estimate_and_handles_extremes():
    from textbook_gym.agents.learners.evaluate import wilson_interval

    low, high = wilson_interval(700, 1000)
    assert low < 0.7 < high and high - low < 0.06
    assert wilson_interval(0, 1000)[0] == pytest.approx(0.0, abs=1e-12)
    assert wilson_interval(1000, 1000)[1] == pytest.approx(1.0)


def test_scale_negatives_keeps_positives_and_scales_only_the_negative_advantages():
    adv = torch.tensor([1.5, -0.5, 0.0, -1.0])
    assert torch.equal(losses.scale_negatives(adv, 1.0), adv)
    assert torch.equal(losses.scale_negatives(adv, 0.0), torch.tensor([1.5, 0.0, 0.0, 0.0]))
    assert torch.equal(losses.scale_negatives(adv, 0.5), torch.tensor([1.5, -0.25, 0.0, -0.5]))
    for bad in (-0.1, 1.5):
        with pytest.raises(ValueError, match="negative_scale"):
            losses.scale_negatives(adv, bad)


def test_positive_only_policy_loss_has_no_gradient_through_the_wrong_answers():
    logp = torch.zeros(4, 3, requires_grad=True)
    adv = losses.scale_negatives(losses.group_advantages(torch.tensor([1.0, 0.0, 0.0, 1.0]), 4), 0.0)
    loss, _ = losses.clipped_policy_loss(logp, logp.detach(), adv, torch.ones(4, 3))
    loss.backward()
    assert logp.grad[[1, 2]].abs().sum() == 0  # the two wrong answers are left alone
    assert (logp.grad[[0, 3]] < 0).all()  # descending the loss raises the right answers' log-probs


def test_divergence_index_is_the_first_token_off_the_closest_better_answer():
    better = [[5, 6, 7, 8], [5, 9]]
    assert losses.divergence_index([5, 6, 1, 8], better) == 2  # shares 5 6 with the first
    assert losses.divergence_index([5, 9, 9], better) == 2  # shares 5 9 with the second
    assert losses.divergence_index([4, 6, 7, 8], better) == 0  # off from the first token
    assert losses.divergence_index([5, 6], better) == 1  # a prefix of a better answer: its last token
    with pytest.raises(ValueError, match="empty completion"):
        losses.divergence_index([], better)


def test_paired_difference_counts_only_the_problems_one_model_solves():
    from textbook_gym.agents.learners.evaluate import paired_difference

    same = paired_difference([1, 0] * 100, [1, 0] * 100)
    assert same["points"] == 0 and same["ci95_points"] == [0.0, 0.0]
    better = paired_difference([0] * 100 + [1] * 100, [1] * 10 + [0] * 90 + [1] * 100)
    assert better["points"] == 5.0 and better["only_after"] == 10 and better["only_before"] == 0
    assert 0 < better["ci95_points"][0] < 5.0 < better["ci95_points"][1]
    with pytest.raises(ValueError, match="equal, non-empty"):
        paired_difference([1], [1, 0])
