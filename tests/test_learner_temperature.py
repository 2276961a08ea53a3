"""The learner scores sampled tokens under the policy that sampled them: the sampling temperature.

A sampler at temperature T draws each token from softmax(logits / T). The policy
gradient, the PPO ratio and the KL to the reference are about that distribution,
so every log-probability the learner computes (its own, the reference's and PPO's
old ones) must equal the sampler's log-probability of the same token. Checked
against two samplers that report their own log-probabilities: a sampling loop
written here (softmax of logits / T, one token at a time) and transformers'
``generate`` with the hf backend's own generation config (its processed scores).
"""

from __future__ import annotations

import dataclasses

import pytest

torch = pytest.importorskip("torch", reason="the learner needs the train extra: pip install 'textbook-gym[train]'")


from textbook_gym import get_family  # noqa: E402
from textbook_gym.agents.backends import SamplingConfig, make_backend  # noqa: E402
from textbook_gym.agents.backends.prompts import encode, render  # noqa: E402
from textbook_gym.agents.config import RLConfig  # noqa: E402
from textbook_gym.agents.learners import losses  # noqa: E402
from textbook_gym.agents.learners.data import split_problem  # noqa: E402
from textbook_gym.agents.learners.episodes import Turn  # noqa: E402
from textbook_gym.agents.learners.grpo import GRPOLearner  # noqa: E402
from textbook_gym.agents.learners.ppo import PPOLearner  # noqa: E402
from textbook_gym.agents.learners.rl import pack  # noqa: E402
from textbook_gym.agents.models import load_model, load_tokenizer  # noqa: E402

TEMPERATURE = 0.5


def make_learner(cls, model_dir, tmp_path, **overrides):
    tok = load_tokenizer(model_dir)
    model = load_model(model_dir, dtype=torch.float32)
    backend = make_backend("hf", model=model, tokenizer=tok)
    cfg = dataclasses.replace(RLConfig(steps=1, problems_per_step=1, group_size=2, max_tokens=24), **overrides)
    return cls(model, tok, backend, cfg, ("Arithmetic",), "1", tmp_path, progress=False, checkpoint_every=100)


def prompt_ids(tok) -> list[int]:
    problem = split_problem("Arithmetic", "train", 0, 1)
    return encode(tok, [{"role": "user", "content": get_family("Arithmetic").prompt(problem)}])


def manual_samples(model, ids: list[int], temperature: float, steps: int, rows: int, seed: int):
    """Sample ``rows`` completions token by token from softmax(logits / T); each token's log-probability."""
    gen = torch.Generator().manual_seed(seed)
    out = []
    with torch.no_grad():
        for _ in range(rows):
            seq, logps = list(ids), []
            for _ in range(steps):
                logits = model(input_ids=torch.tensor([seq])).logits[0, -1].float() / temperature
                logp = torch.log_softmax(logits, -1)
                token = int(torch.multinomial(logp.exp(), 1, generator=gen))
                seq.append(token)
                logps.append(float(logp[token]))
            out.append((seq[len(ids):], logps))
    return out


def generate_samples(backend, ids: list[int], temperature: float, steps: int, rows: int, seed: int):
    """Sample with transformers' generate under the hf backend's config; its processed scores are the
    sampler's own log-probabilities (after the temperature warper)."""
    config = backend.generation_config(SamplingConfig(temperature=temperature, max_tokens=steps, top_p=1.0))
    config.output_scores = True
    config.eos_token_id = []  # fixed length: every row is a full sample, none padded after an EOS
    torch.manual_seed(seed)
    with torch.no_grad():
        out = backend.model.generate(input_ids=torch.tensor([ids] * rows), attention_mask=torch.ones(rows, len(ids),
                                     dtype=torch.long), generation_config=config)
    tokens = out.sequences[:, len(ids):]
    logps = torch.stack([torch.log_softmax(s.float(), -1) for s in out.scores], 1)
    picked = logps.gather(-1, tokens.unsqueeze(-1)).squeeze(-1)
    return [(tokens[r].tolist(), picked[r].tolist()) for r in range(rows)]


def learner_batch(lrn, ids, samples):
    turns = [Turn(render(lrn.tokenizer, "x"), list(ids), completion, "", "length") for completion, _ in samples]
    return pack(turns, [0.0] * len(turns), [0.0] * len(turns), lrn.tokenizer.pad_token_id, "cpu")


def learner_logps(lrn, batch, path: str) -> torch.Tensor:
    if path == "policy":
        with torch.no_grad():
            logits, _ = lrn.forward(batch)
            return losses.token_logprobs(logits, batch.targets)
    if path == "reference":
        return lrn.reference_logprobs(batch)
    return lrn.old_values(batch)["logp"]  # PPO's (and GRPO's epochs > 1) old log-probabilities


@pytest.mark.parametrize("sampler", ["manual", "generate"])
@pytest.mark.parametrize(
    ("cls", "path", "overrides"),
    [
        (GRPOLearner, "policy", {}),
        (GRPOLearner, "reference", {"kl_coef": 0.1}),
        (GRPOLearner, "old", {"epochs": 2}),
        (PPOLearner, "old", {}),
    ],
    ids=["grpo-policy", "grpo-reference", "grpo-old", "ppo-old"],
)
def test_learner_log_probs_equal_the_samplers_at_the_sampling_temperature(
    tiny_model_dir, tmp_path, sampler, cls, path, overrides
):
    lrn = make_learner(cls, tiny_model_dir, tmp_path, temperature=TEMPERATURE, **overrides)
    ids = prompt_ids(lrn.tokenizer)
    if sampler == "manual":
        samples = manual_samples(lrn.model, ids, TEMPERATURE, steps=12, rows=3, seed=0)
    else:
        samples = generate_samples(lrn.backend, ids, TEMPERATURE, steps=12, rows=3, seed=0)
    batch = learner_batch(lrn, ids, samples)
    got = learner_logps(lrn, batch, path)
    want = torch.tensor([logps for _, logps in samples])
    assert got.shape == want.shape
    assert torch.allclose(got, want, atol=1e-4), (got - want).abs().max()


def test_at_temperature_one_the_learner_matches_the_log_probs_the_hf_backend_reports(tiny_model_dir, tmp_path):
    """The backend reports its tokens' log-probabilities before temperature (its contract); at T=1 that is
    the sampling policy, and the learner must agree with it token for token."""
    lrn = make_learner(GRPOLearner, tiny_model_dir, tmp_path, temperature=1.0)
    ids = prompt_ids(lrn.tokenizer)
    problem = split_problem("Arithmetic", "train", 0, 1)
    prompt = [{"role": "user", "content": get_family("Arithmetic").prompt(problem)}]
    outs = lrn.backend.generate([prompt], SamplingConfig(n=3, temperature=1.0, max_tokens=12, seed=1),
                                return_logprobs=True)[0]
    samples = [(c.token_ids, c.logprobs) for c in outs]
    assert all(list(c.prompt_token_ids) == ids for c in outs)
    batch = learner_batch(lrn, ids, samples)
    got = learner_logps(lrn, batch, "policy")
    for row, (tokens, logps) in enumerate(samples):
        assert torch.allclose(got[row, : len(tokens)], torch.tensor(logps), atol=1e-4)


def test_a_temperature_without_a_sampling_policy_is_refused(tiny_model_dir, tmp_path):
    with pytest.raises(ValueError, match="rl.temperature"):
        make_learner(GRPOLearner, tiny_model_dir, tmp_path, temperature=0.0)
