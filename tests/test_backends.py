"""Rollout backends against real engines: transformers, the offline vLLM engine and a vLLM server.

The tiny model is random, so correctness is checked against references rather
than against expected text: greedy outputs against a direct ``model.generate``,
log-probabilities against a teacher-forced forward pass, and engines against each
other (the same ids in, the same greedy ids out).
"""

from __future__ import annotations

import math

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

from textbook_gym.agents.backends import SamplingConfig, make_backend  # noqa: E402
from textbook_gym.agents.backends.prompts import encode  # noqa: E402
from textbook_gym.agents.models import load_model  # noqa: E402

PROMPTS = ["What is 37 + 48?", "Evaluate 12 × 3.", "7 − 9 = ?"]
CHAT = [{"role": "user", "content": "What is 2 + 2?"}]
GREEDY = SamplingConfig(temperature=0, max_tokens=12)


def _perturbed(model_dir, scale: float = -1.5):
    """The tiny model with every weight multiplied by ``scale``: a different policy, same shapes."""
    model = load_model(model_dir)
    with torch.no_grad():
        for param in model.parameters():
            param.mul_(scale)
    return model


def _teacher_forced_logprobs(model, prompt_ids, token_ids):
    ids = torch.tensor([prompt_ids + token_ids])
    with torch.no_grad():
        logits = model(ids).logits[0, len(prompt_ids) - 1 : -1].float().log_softmax(-1)
    return logits.gather(1, torch.tensor(token_ids)[:, None]).squeeze(1).tolist()


# ---------------------------------------------------------------------------- interface
def test_sampling_config_accepts_a_lone_stop_string():
    assert SamplingConfig(stop="\n").stop == ("\n",)


@pytest.mark.parametrize("field", [{"n": 0}, {"temperature": -1}, {"top_p": 0}, {"top_k": -1}, {"max_tokens": 0}])
def test_sampling_config_rejects_bad_values(field):
    with pytest.raises(ValueError, match="SamplingConfig"):
        SamplingConfig(**field)


def test_unknown_backend_names_the_choices():
    with pytest.raises(ValueError, match="hf"):
        make_backend("tgi", model="x")


def test_openai_backend_names_the_fix_when_no_server_answers():
    from textbook_gym.agents.backends.server import free_port

    with pytest.raises(ConnectionError, match="api_server"):
        make_backend("openai", model=None, base_url=f"http://127.0.0.1:{free_port()}/v1", timeout=5)


class _RecordingTransport:
    """Stands in for the HTTP transport: records request bodies and echoes each prompt as its completion;
    later requests answer sooner, so answers arrive out of order."""

    def __init__(self):
        self.bodies = []

    async def post(self, path, body):
        import asyncio

        self.bodies.append(body)
        await asyncio.sleep(0.02 / len(self.bodies))
        prompts = body["prompt"] if isinstance(body["prompt"], list) else [body["prompt"]]
        return {"choices": [{"index": i, "text": p, "token_ids": [7, 8], "finish_reason": "length"}
                            for i, p in enumerate(prompts)]}

    async def close(self):
        pass


@pytest.fixture
def recorded_openai(tiny_model_dir):
    from textbook_gym.agents.backends.server import free_port

    backend = make_backend("openai", model="tiny", base_url=f"http://127.0.0.1:{free_port()}/v1",
                           tokenizer=tiny_model_dir, request_batch=4)
    backend._transport = transport = _RecordingTransport()
    yield backend, transport
    backend.close()


def test_openai_unseeded_calls_batch_several_prompts_per_request(recorded_openai):
    backend, transport = recorded_openai
    backend.generate([f"q{i}" for i in range(10)], SamplingConfig(max_tokens=2))
    assert [len(b["prompt"]) if isinstance(b["prompt"], list) else 1 for b in transport.bodies] == [4, 4, 2]


def test_openai_seeded_calls_send_each_prompt_with_its_own_seed(recorded_openai):
    backend, transport = recorded_openai
    backend.generate([f"q{i}" for i in range(5)], SamplingConfig(max_tokens=2, seed=100))
    assert sorted((b["prompt"], b["seed"]) for b in transport.bodies) == [(f"q{i}", 100 + i) for i in range(5)]


def test_openai_results_keep_prompt_order(recorded_openai):
    backend, _ = recorded_openai
    prompts = [f"q{i}" for i in range(9)]
    assert [g[0].text for g in backend.generate(prompts, SamplingConfig(max_tokens=2, seed=3))] == prompts


def test_openai_ignore_eos_is_sent_as_vllms_field(recorded_openai):
    backend, transport = recorded_openai
    backend.generate(["q"], SamplingConfig(max_tokens=2, ignore_eos=True))
    assert transport.bodies[0]["ignore_eos"] is True


def test_openai_ignore_eos_without_vllm_extras_names_the_fix(tiny_model_dir):
    from textbook_gym.agents.backends.server import free_port

    backend = make_backend("openai", model="tiny", base_url=f"http://127.0.0.1:{free_port()}/v1", vllm_extras=False)
    try:
        with pytest.raises(ValueError, match="vllm_extras=True"):
            backend.generate(["q"], SamplingConfig(max_tokens=2, ignore_eos=True))
    finally:
        backend.close()


def test_openai_generate_after_close_says_so(recorded_openai):
    backend, _ = recorded_openai
    backend.close()
    with pytest.raises(RuntimeError, match="closed"):
        backend.generate(["q"], SamplingConfig(max_tokens=2))


# ---------------------------------------------------------------------------- hf
def test_hf_returns_n_completions_per_prompt(hf_backend):
    outputs = hf_backend.generate(PROMPTS, SamplingConfig(n=3, max_tokens=4))
    assert [len(group) for group in outputs] == [3, 3, 3]


def test_hf_greedy_matches_model_generate(hf_backend, tiny_model_dir):
    completion = hf_backend.generate(PROMPTS[:1], GREEDY)[0][0]
    model, tokenizer = hf_backend.model, hf_backend.tokenizer
    ids = torch.tensor([encode(tokenizer, PROMPTS[0])])
    reference = model.generate(ids, attention_mask=torch.ones_like(ids), do_sample=False, max_new_tokens=12,
                               pad_token_id=tokenizer.pad_token_id)
    expected = reference[0, ids.shape[1] :].tolist()
    assert completion.token_ids == expected[: len(completion.token_ids)]


def test_hf_batched_greedy_equals_one_at_a_time(hf_backend):
    batched = [group[0].token_ids for group in hf_backend.generate(PROMPTS, GREEDY)]
    single = [hf_backend.generate([p], GREEDY)[0][0].token_ids for p in PROMPTS]
    assert batched == single


def test_hf_logprobs_match_a_teacher_forced_forward_pass(hf_backend):
    completion = hf_backend.generate(PROMPTS[:1], SamplingConfig(max_tokens=10, seed=3), return_logprobs=True)[0][0]
    expected = _teacher_forced_logprobs(hf_backend.model, completion.prompt_token_ids, completion.token_ids)
    assert completion.logprobs == pytest.approx(expected, abs=1e-4)


def test_hf_seed_makes_sampling_reproducible(hf_backend):
    config = SamplingConfig(n=2, max_tokens=8, seed=11)
    first = [c.token_ids for group in hf_backend.generate(PROMPTS, config) for c in group]
    assert first == [c.token_ids for group in hf_backend.generate(PROMPTS, config) for c in group]


def test_hf_samples_within_a_group_differ(hf_backend):
    group = hf_backend.generate(PROMPTS[:1], SamplingConfig(n=4, max_tokens=8, seed=5))[0]
    assert len({tuple(c.token_ids) for c in group}) > 1


def test_hf_max_tokens_finishes_with_length(hf_backend):
    completion = hf_backend.generate(PROMPTS[:1], SamplingConfig(temperature=0, max_tokens=5))[0][0]
    assert (completion.finish_reason, len(completion.token_ids)) == ("length", 5)


EOS_PROMPTS = [f"What is {i} + {i}?" for i in range(24)]
"""Enough prompts that some plain samples end with end-of-sequence before ``max_tokens``."""


def _plain_and_ignore_eos(backend, max_tokens: int = 24):
    plain = backend.generate(EOS_PROMPTS, SamplingConfig(max_tokens=max_tokens, seed=1))
    assert any(g[0].finish_reason == "stop" for g in plain), "no sample ended early: the test shows nothing"
    return plain, backend.generate(EOS_PROMPTS, SamplingConfig(max_tokens=max_tokens, seed=1, ignore_eos=True))


def test_hf_ignore_eos_generates_max_tokens_every_time(hf_backend):
    _, longer = _plain_and_ignore_eos(hf_backend)
    assert all((len(g[0].token_ids), g[0].finish_reason) == (24, "length") for g in longer)


def test_hf_ignore_eos_continues_the_same_sample_past_eos(hf_backend):
    plain, longer = _plain_and_ignore_eos(hf_backend)
    assert all(more[0].token_ids[: len(less[0].token_ids)] == less[0].token_ids for less, more in zip(plain, longer))


def test_hf_stop_string_cuts_the_text(hf_backend):
    full = hf_backend.generate(PROMPTS[:1], GREEDY)[0][0].text
    stop = full[3]
    completion = hf_backend.generate(PROMPTS[:1], SamplingConfig(temperature=0, max_tokens=12, stop=(stop,)))[0][0]
    assert (completion.text, completion.finish_reason) == (full[: full.index(stop)], "stop")


def test_hf_chat_prompt_is_rendered_with_the_template(hf_backend):
    rendered = hf_backend.tokenizer.apply_chat_template(CHAT, tokenize=False, add_generation_prompt=True)
    from_chat = hf_backend.generate([CHAT], GREEDY)[0][0]
    from_text = hf_backend.generate([rendered], GREEDY)[0][0]
    assert from_chat.prompt_token_ids == from_text.prompt_token_ids and from_chat.token_ids == from_text.token_ids


def test_hf_update_weights_changes_generations(tiny_model_dir):
    backend = make_backend("hf", model=tiny_model_dir, device="cpu")
    before = backend.generate(PROMPTS, GREEDY)
    backend.update_weights(_perturbed(tiny_model_dir).named_parameters())
    assert [g[0].token_ids for g in backend.generate(PROMPTS, GREEDY)] != [g[0].token_ids for g in before]


def test_hf_update_weights_matches_a_model_built_with_those_weights(tiny_model_dir):
    backend = make_backend("hf", model=tiny_model_dir, device="cpu")
    new = _perturbed(tiny_model_dir)
    backend.update_weights(new.named_parameters())
    reference = make_backend("hf", model=new, tokenizer=tiny_model_dir)
    assert backend.generate(PROMPTS, GREEDY)[0][0].token_ids == reference.generate(PROMPTS, GREEDY)[0][0].token_ids


def test_hf_update_weights_rejects_unknown_names(tiny_model_dir):
    backend = make_backend("hf", model=tiny_model_dir, device="cpu")
    with pytest.raises(KeyError, match="named_parameters"):
        backend.update_weights([("no.such.weight", torch.zeros(1))])


# ---------------------------------------------------------------------------- vllm
@pytest.mark.vllm
def test_vllm_greedy_matches_hf(vllm_backend, hf_backend):
    vllm_ids = [g[0].token_ids for g in vllm_backend.generate(PROMPTS + [CHAT], GREEDY)]
    assert vllm_ids == [g[0].token_ids for g in hf_backend.generate(PROMPTS + [CHAT], GREEDY)]


@pytest.mark.vllm
def test_vllm_logprobs_match_hf(vllm_backend, hf_backend):
    vllm_lp = vllm_backend.generate(PROMPTS[:1], GREEDY, return_logprobs=True)[0][0].logprobs
    assert vllm_lp == pytest.approx(hf_backend.generate(PROMPTS[:1], GREEDY, return_logprobs=True)[0][0].logprobs,
                                    abs=1e-3)


@pytest.mark.vllm
def test_vllm_returns_n_samples_with_one_logprob_per_token(vllm_backend):
    group = vllm_backend.generate(PROMPTS[:2], SamplingConfig(n=3, max_tokens=6), return_logprobs=True)
    assert all(len(c.logprobs) == len(c.token_ids) and all(math.isfinite(x) for x in c.logprobs)
               for g in group for c in g) and [len(g) for g in group] == [3, 3]


@pytest.mark.vllm
def test_vllm_seed_makes_sampling_reproducible(vllm_backend):
    config = SamplingConfig(n=2, max_tokens=8, seed=7)
    first = [c.token_ids for g in vllm_backend.generate(PROMPTS, config) for c in g]
    assert first == [c.token_ids for g in vllm_backend.generate(PROMPTS, config) for c in g]


@pytest.mark.vllm
def test_vllm_stop_string_cuts_the_text(vllm_backend):
    full = vllm_backend.generate(PROMPTS[:1], GREEDY)[0][0].text
    stop = full[3]
    completion = vllm_backend.generate(PROMPTS[:1], SamplingConfig(temperature=0, max_tokens=12, stop=(stop,)))[0][0]
    assert (completion.text, completion.finish_reason) == (full[: full.index(stop)], "stop")


@pytest.mark.vllm
def test_vllm_ignore_eos_generates_max_tokens_every_time(vllm_backend):
    _, longer = _plain_and_ignore_eos(vllm_backend)
    assert all((len(g[0].token_ids), g[0].finish_reason) == (24, "length") for g in longer)


@pytest.mark.vllm
def test_vllm_ignore_eos_continues_the_same_sample_past_eos(vllm_backend):
    plain, longer = _plain_and_ignore_eos(vllm_backend)
    assert all(more[0].token_ids[: len(less[0].token_ids)] == less[0].token_ids for less, more in zip(plain, longer))


@pytest.mark.vllm
def test_vllm_update_weights_changes_generations_like_hf(vllm_backend, tiny_model_dir):
    original = load_model(tiny_model_dir)
    before = [g[0].token_ids for g in vllm_backend.generate(PROMPTS, GREEDY)]
    new = _perturbed(tiny_model_dir)
    try:
        vllm_backend.update_weights(new.named_parameters())
        after = [g[0].token_ids for g in vllm_backend.generate(PROMPTS, GREEDY)]
    finally:
        vllm_backend.update_weights(original.named_parameters())  # the engine is shared by the session
    expected = [g[0].token_ids for g in make_backend("hf", model=new, tokenizer=tiny_model_dir).generate(PROMPTS,
                                                                                                           GREEDY)]
    assert after != before and after == expected


# ---------------------------------------------------------------------------- openai (a real vLLM server)
@pytest.mark.vllm
def test_openai_completions_greedy_matches_hf(openai_backend, hf_backend):
    served = [g[0].token_ids for g in openai_backend.generate(PROMPTS + [CHAT], GREEDY)]
    assert served == [g[0].token_ids for g in hf_backend.generate(PROMPTS + [CHAT], GREEDY)]


@pytest.mark.vllm
def test_openai_returns_n_samples_with_logprobs(openai_backend):
    group = openai_backend.generate(PROMPTS[:2], SamplingConfig(n=3, max_tokens=6), return_logprobs=True)
    assert [len(g) for g in group] == [3, 3] and all(
        len(c.logprobs) == len(c.token_ids) == 6 for g in group for c in g
    )


@pytest.mark.vllm
def test_openai_logprobs_match_hf(openai_backend, hf_backend):
    served = openai_backend.generate(PROMPTS[:1], GREEDY, return_logprobs=True)[0][0].logprobs
    assert served == pytest.approx(hf_backend.generate(PROMPTS[:1], GREEDY, return_logprobs=True)[0][0].logprobs,
                                   abs=1e-3)


@pytest.mark.vllm
def test_openai_stop_string_cuts_the_text(openai_backend):
    full = openai_backend.generate(PROMPTS[:1], GREEDY)[0][0].text
    stop = full[3]
    completion = openai_backend.generate(PROMPTS[:1], SamplingConfig(temperature=0, max_tokens=12, stop=(stop,)))[0][0]
    assert (completion.text, completion.finish_reason) == (full[: full.index(stop)], "stop")


@pytest.mark.vllm
def test_openai_ignore_eos_generates_max_tokens_every_time(openai_backend):
    _, longer = _plain_and_ignore_eos(openai_backend)
    assert all((len(g[0].token_ids), g[0].finish_reason) == (24, "length") for g in longer)


@pytest.mark.vllm
def test_openai_seeded_identical_prompts_differ(openai_backend):
    group = openai_backend.generate(PROMPTS[:1] * 4, SamplingConfig(max_tokens=8, seed=5))
    assert len({tuple(g[0].token_ids) for g in group}) > 1


@pytest.mark.vllm
def test_openai_seed_makes_sampling_reproducible(openai_backend):
    config = SamplingConfig(max_tokens=8, seed=5)
    first = [g[0].token_ids for g in openai_backend.generate(PROMPTS * 3, config)]
    assert first == [g[0].token_ids for g in openai_backend.generate(PROMPTS * 3, config)]


@pytest.mark.vllm
def test_openai_sdk_transport_samples_like_aiohttp(vllm_server, openai_backend, tiny_model_dir):
    sdk = make_backend("openai", model="tiny", base_url=vllm_server.base_url, tokenizer=tiny_model_dir,
                       transport="openai")
    config = SamplingConfig(max_tokens=8, seed=5)
    try:
        via_sdk = [g[0].token_ids for g in sdk.generate(PROMPTS, config)]
    finally:
        sdk.close()
    assert via_sdk == [g[0].token_ids for g in openai_backend.generate(PROMPTS, config)]


@pytest.mark.vllm
def test_openai_chat_api_uses_the_servers_template(vllm_server, hf_backend):
    chat = make_backend("openai", model="tiny", base_url=vllm_server.base_url, api="chat")
    try:
        completion = chat.generate([CHAT], GREEDY)[0][0]
    finally:
        chat.close()
    assert completion.token_ids == hf_backend.generate([CHAT], GREEDY)[0][0].token_ids
