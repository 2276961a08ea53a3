"""The GRPO learner's gradient equals an independent REINFORCE loop's on the same samples.

``benchmarks/reference_pg.py`` scores each sequence on its own, unpadded, with a
log-softmax of logits / T, and forms -sum(A log pi) / tokens; the learner pads,
batches, clips a ratio of 1 and normalises per token. Same samples, same gradient.
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
from pathlib import Path

import pytest

torch = pytest.importorskip("torch", reason="the learner needs the train extra: pip install 'textbook-gym[train]'")


from textbook_gym import get_family  # noqa: E402
from textbook_gym.agents.learners.data import split_problem  # noqa: E402
from textbook_gym.agents.models import load_model, load_tokenizer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def reference_module():
    spec = importlib.util.spec_from_file_location("reference_pg", ROOT / "benchmarks" / "reference_pg.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("temperature", [0.5, 1.0])
def test_learner_gradient_equals_the_reference_loops(tiny_model_dir, temperature):
    ref = reference_module()
    tok, model = load_tokenizer(tiny_model_dir), load_model(tiny_model_dir, dtype=torch.float32)
    family = get_family("Arithmetic")
    problems = [split_problem("Arithmetic", "train", i, 1) for i in range(2)]
    texts = [f"So it is \\boxed{{{p.answer + k % 2}}}{'.' * k}" for p in problems for k in range(4)]
    completions = [tok(t, add_special_tokens=False)["input_ids"] + [tok.eos_token_id] for t in texts]
    prompts = [ref.prompt_ids(tok, family.prompt(p)) for p in problems]
    r = ref.rewards(tok, family, problems, completions, 4)
    assert r == [1.0, 0.0, 1.0, 0.0] * 2
    ref.pg_loss(model, prompts, completions, ref.advantages(r, 4), 4, temperature).backward()
    ours = torch.cat([p.grad.flatten() for p in model.parameters()])
    args = argparse.Namespace(group=4, temperature=temperature, max_tokens=64)
    theirs = ref.learner_gradient(copy.deepcopy(model), tok, family, problems, completions, r, args)
    assert ours.norm() > 0
    assert torch.allclose(ours, theirs, atol=1e-6, rtol=1e-4)
