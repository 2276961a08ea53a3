"""GRPO and PPO on a real tiny model: the update moves probability toward rewarded answers,
dynamic sampling drops groups without signal, verdict statuses are counted apart,
multi-attempt episodes train on every attempt."""

import dataclasses

import pytest

torch = pytest.importorskip("torch", reason="the learner needs the train extra: pip install 'textbook-gym[train]'")


from textbook_gym.agents.backends.base import Backend, Completion  # noqa: E402
from textbook_gym.agents.config import RLConfig  # noqa: E402
from textbook_gym.agents.learners.data import split_problem  # noqa: E402
from textbook_gym.agents.learners.episodes import run_groups  # noqa: E402
from textbook_gym.agents.learners.grpo import GRPOLearner  # noqa: E402
from textbook_gym.agents.learners.ppo import PPOLearner  # noqa: E402
from textbook_gym.agents.learners.rl import pack  # noqa: E402
from textbook_gym.agents.models import build_tiny_model, load_model, load_tokenizer  # noqa: E402


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    return build_tiny_model("tiny", tmp_path_factory.mktemp("tiny"), seed=0)


class ScriptedBackend(Backend):
    """Answers with scripted texts in turn (a real tokenizer makes the token ids), so rewards are controlled."""

    name = "scripted"

    def __init__(self, tokenizer, texts):
        self._tok = tokenizer
        self.texts = list(texts)
        self.calls = []
        self._i = 0

    @property
    def tokenizer(self):
        return self._tok

    def generate(self, prompts, sampling, return_logprobs=False):
        self.calls.append((list(prompts), sampling.n))
        out = []
        for _ in prompts:
            group = []
            for _ in range(sampling.n):
                text = self.texts[self._i % len(self.texts)]
                self._i += 1
                ids = self._tok(text, add_special_tokens=False)["input_ids"] + [self._tok.eos_token_id]
                group.append(Completion(text, ids, None, "stop"))
            out.append(group)
        return out

    def update_weights(self, named_parameters):
        pass


def learner(cls, model_dir, tmp_path, backend_texts, **overrides):
    tok = load_tokenizer(model_dir)
    model = load_model(model_dir, dtype=torch.float32)
    cfg = dataclasses.replace(RLConfig(steps=1, problems_per_step=2, group_size=4, max_tokens=16, lr=1e-2), **overrides)
    backend = ScriptedBackend(tok, backend_texts)
    return cls(model, tok, backend, cfg, ("Arithmetic",), "1", tmp_path, progress=False, checkpoint_every=100)


def seq_logprob(lrn, problem, text):
    from textbook_gym import get_family
    from textbook_gym.agents.backends.prompts import encode, render
    from textbook_gym.agents.learners.episodes import Turn
    from textbook_gym.agents.learners.losses import token_logprobs

    tok = lrn.tokenizer
    prompt = [{"role": "user", "content": get_family("Arithmetic").prompt(problem)}]
    turn = Turn(render(tok, prompt), encode(tok, prompt), tok(text, add_special_tokens=False)["input_ids"], text, "stop")
    batch = pack([turn], [0.0], [0.0], tok.pad_token_id, "cpu")
    with torch.no_grad():
        logits, _ = lrn.forward(batch)
        return (token_logprobs(logits, batch.targets) * batch.completion_mask).sum().item()


def test_grpo_step_raises_the_probability_of_the_rewarded_answer(model_dir, tmp_path):
    problem = split_problem("Arithmetic", "train", 0, 1)
    right = f"\\boxed{{{problem.answer}}}"
    wrong = f"\\boxed{{{problem.answer + 1}}}"
    lrn = learner(GRPOLearner, model_dir, tmp_path, [right, wrong], problems_per_step=1)
    lrn.draw_problems = lambda count, rng: [problem] * count
    before = seq_logprob(lrn, problem, right) - seq_logprob(lrn, problem, wrong)
    stats = lrn.train_step(0)
    after = seq_logprob(lrn, problem, right) - seq_logprob(lrn, problem, wrong)
    assert stats["accuracy"] == 0.5 and stats["groups_kept"] == 1
    assert after > before + 0.1


def test_dynamic_sampling_drops_groups_without_reward_variance_and_refills(model_dir, tmp_path):
    problem = split_problem("Arithmetic", "train", 0, 1)
    right = f"\\boxed{{{problem.answer}}}"
    # first round: every answer right (no variance); second round: mixed
    lrn = learner(GRPOLearner, model_dir, tmp_path, [right] * 4 + [right, "no answer"], problems_per_step=1)
    lrn.draw_problems = lambda count, rng: [problem] * count
    stats = lrn.collect(0)[1]
    assert stats["sampling_rounds"] == 2
    assert stats["groups_dropped"] == 1 and stats["groups_kept"] == 1


def test_a_step_without_learnable_groups_changes_no_weight_and_keeps_the_schedule_in_step(model_dir, tmp_path):
    import warnings

    problem = split_problem("Arithmetic", "train", 0, 1)
    lrn = learner(GRPOLearner, model_dir, tmp_path, [f"\\boxed{{{problem.answer}}}"] * 4, problems_per_step=1,
                  max_sampling_rounds=1, steps=4, warmup_steps=2)
    lrn.draw_problems = lambda count, rng: [problem] * count
    before = {k: v.clone() for k, v in lrn.model.state_dict().items()}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an intended skip must not look like a misuse of the scheduler
        stats = lrn.train_step(0)
    assert stats["skipped"] and stats["groups_kept"] == 0
    assert all(torch.equal(before[k], v) for k, v in lrn.model.state_dict().items())
    assert lrn.scheduler.last_epoch == 1  # the warmup advanced as if the step had trained


def test_verdict_statuses_are_counted_apart_from_incorrect(model_dir, tmp_path):
    problem = split_problem("Arithmetic", "train", 0, 1)
    texts = [f"\\boxed{{{problem.answer}}}", f"\\boxed{{{problem.answer + 1}}}", "I do not know", "\\boxed{}"]
    lrn = learner(GRPOLearner, model_dir, tmp_path, texts, problems_per_step=1, dynamic_sampling=False)
    lrn.draw_problems = lambda count, rng: [problem] * count
    stats = lrn.train_step(0)
    assert stats["statuses"]["CORRECT"] == 1 and stats["statuses"]["INCORRECT"] == 1
    assert stats["statuses"]["UNPARSEABLE"] == 2
    assert set(stats["statuses"]) == {"CORRECT", "INCORRECT", "UNPARSEABLE", "TIMEOUT", "ERROR"}


def test_multi_attempt_episodes_retry_with_feedback_and_discount_late_success(model_dir):
    tok = load_tokenizer(model_dir)
    problem = split_problem("Arithmetic", "train", 0, 1)
    right = f"\\boxed{{{problem.answer}}}"
    backend = ScriptedBackend(tok, ["\\boxed{-1}", right, right])
    from textbook_gym.agents.backends import SamplingConfig

    eps = run_groups(
        [problem], backend, SamplingConfig(max_tokens=16), group_size=2, max_attempts=3, attempt_discount=0.5
    )
    # episode 0 answered wrong first and right on its retry; episode 1 was right first time
    assert [len(ep.turns) for ep in eps] == [2, 1]
    assert eps[0].correct and eps[0].reward == 0.5 and eps[1].reward == 1.0
    # the retry continues the conversation: the wrong answer, then the env's feedback as the next user turn
    retry = eps[0].turns[1].prompt
    assert eps[0].turns[0].text in retry and "incorrect" in retry.split(eps[0].turns[0].text, 1)[1]
    assert backend.calls[0][1] == 2 and backend.calls[1][1] == 1  # the group shares one prompt


def test_kl_penalty_is_logged_against_a_frozen_reference(model_dir, tmp_path):
    problem = split_problem("Arithmetic", "train", 0, 1)
    lrn = learner(
        GRPOLearner,
        model_dir,
        tmp_path,
        [f"\\boxed{{{problem.answer}}}", "\\boxed{0}"],
        problems_per_step=1,
        kl_coef=0.1,
        epochs=2,
    )
    lrn.draw_problems = lambda count, rng: [problem] * count
    stats = lrn.train_step(0)
    assert stats["kl"] > 0  # the second epoch moved away from the reference
    assert all(not p.requires_grad for p in lrn.reference.parameters())


def test_ppo_trains_its_value_head_and_checkpoints_it(model_dir, tmp_path):
    problem = split_problem("Arithmetic", "train", 0, 1)
    lrn = learner(
        PPOLearner,
        model_dir,
        tmp_path,
        [f"\\boxed{{{problem.answer}}}", "\\boxed{0}"],
        problems_per_step=1,
        group_size=2,
        epochs=2,
        lr=1e-2,
    )
    lrn.draw_problems = lambda count, rng: [problem] * count
    head = {k: v.clone() for k, v in lrn.wrapper.value_head.state_dict().items()}
    stats = lrn.train_step(0)
    assert stats["value_loss"] > 0
    assert lrn.wrapper.value_head.bias.item() > 0  # starts at the batch's mean reward (0.5) and trains on
    assert not torch.equal(head["weight"], lrn.wrapper.value_head.weight)
    path = lrn.save(tmp_path / "ckpt")
    state = torch.load(path / "state.pt", weights_only=False)
    assert "value_head.weight" in state["model"]


@pytest.mark.parametrize("schedule", ["constant", "linear", "cosine"])
def test_rl_learning_rate_warms_up_then_follows_the_schedule(model_dir, tmp_path, schedule):
    lrn = learner(GRPOLearner, model_dir, tmp_path, ["\\boxed{1}"], steps=10, warmup_steps=2, lr=1e-3,
                  lr_schedule=schedule, adam_eps=1e-5)
    assert lrn.optimizer.param_groups[0]["eps"] == 1e-5
    rates = []
    for _ in range(10):
        rates.append(lrn.optimizer.param_groups[0]["lr"])
        lrn.optimizer.step()  # no gradients yet: a no-op that keeps torch's step order
        lrn.scheduler.step()
    assert rates[:3] == pytest.approx([5e-4, 1e-3, 1e-3])
    if schedule == "constant":
        assert rates[2:] == pytest.approx([1e-3] * 8)
    else:  # decays monotonically towards zero at the end of the run
        assert all(a > b for a, b in zip(rates[2:], rates[3:]))
        assert rates[-1] < 2e-4


def test_unknown_rl_schedule_is_refused_with_the_choices(model_dir, tmp_path):
    with pytest.raises(ValueError, match="'constant', 'linear' or 'cosine'"):
        learner(GRPOLearner, model_dir, tmp_path, ["x"], lr_schedule="step")


def test_divergence_credit_puts_a_wrong_answers_whole_blame_on_its_first_departing_token(model_dir, tmp_path):
    problem = split_problem("Arithmetic", "train", 0, 1)
    right = f"So the sum is \\boxed{{{problem.answer}}}"
    wrong = f"So the sum is \\boxed{{{problem.answer + 1}}}"
    lrn = learner(GRPOLearner, model_dir, tmp_path, [right, wrong, right, "no answer"], problems_per_step=1,
                  negative_credit="divergence")
    lrn.draw_problems = lambda count, rng: [problem] * count
    episodes, _ = lrn.collect(0)
    per_episode = lrn.advantages(episodes)
    per_turn = lrn.turn_advantages(episodes, per_episode)
    assert per_turn[0] == per_episode[0] > 0 and per_turn[2] == per_episode[2] > 0  # right answers: every token
    for i in (1, 3):
        blame, ids = per_turn[i], episodes[i].turns[0].completion_ids
        right_ids = episodes[0].turns[0].completion_ids
        shared = next(k for k, (a, b) in enumerate(zip(ids, right_ids)) if a != b)
        assert len(blame) == len(ids) and [k for k, v in enumerate(blame) if v] == [shared]
        assert blame[shared] == pytest.approx(per_episode[i] * len(ids))  # the sequence's whole share
    assert per_turn[1].index(min(per_turn[1])) > 10  # the digit, past the shared "So the sum is \boxed{"
    batch_stats = lrn.train_step(1)  # the per-token advantages train like any other batch
    assert batch_stats["groups_kept"] == 1


def test_unknown_negative_credit_is_refused_with_the_choices(model_dir, tmp_path):
    with pytest.raises(ValueError, match="'sequence' or 'divergence'"):
        learner(GRPOLearner, model_dir, tmp_path, ["x"], negative_credit="token")
