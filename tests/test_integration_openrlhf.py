"""OpenRLHF: the reward and agent files loaded by path, as OpenRLHF loads them, driven with its data shapes.

OpenRLHF 0.11 pins flash-attn, deepspeed and transformers 5.15, so it cannot be installed
here; these tests load the files with ``importlib.util.spec_from_file_location`` exactly as
``SingleTurnAgentExecutor`` and ``_load_agent_executor`` do, and feed them the dicts and
decoded token sequences OpenRLHF's executors build (agent.py in OpenRLHF 0.11.2).
"""

from __future__ import annotations

import asyncio
import importlib.util
import json

import pytest

from textbook_gym import Problem, get_family
from textbook_gym.answers import answer_text
from textbook_gym.integrations import openrlhf_agent, openrlhf_reward


def _load(path: str, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rows(tmp_path_factory):
    path = openrlhf_agent.export_jsonl(["Arithmetic", "Fractions", "LinearEquations"], 2,
                                       tmp_path_factory.mktemp("openrlhf") / "prompts.jsonl", difficulty=2)
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_reward_func_by_path_scores_like_the_family(rows, tiny_model_dir):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    module = _load(openrlhf_reward.__file__, "reward_func")
    queries, prompts, labels, want = [], [], [], []
    for row in rows:
        problem = Problem.from_json(row["label"])
        family = get_family(problem.family)
        prompt = tokenizer.apply_chat_template(row["prompt"], tokenize=False, add_generation_prompt=True)
        for response in (f"So \\boxed{{{answer_text(problem.answer)}}}", "\\boxed{-31}", "I give up"):
            ids = tokenizer(prompt + response, add_special_tokens=False)["input_ids"] + [tokenizer.eos_token_id]
            # OpenRLHF decodes prompt and response tokens together, special tokens kept.
            queries.append(tokenizer.decode(ids, skip_special_tokens=False))
            prompts.append(prompt)
            labels.append(row["label"])
            want.append(family.verify(problem, response))
    out = module.reward_func(queries, prompts, labels)
    assert out["rewards"].tolist() == [v.score for v in want]
    assert out["scores"].tolist() == [v.score for v in want]
    assert out["extra_logs"]["acc"].tolist() == [float(v.correct) for v in want]
    assert out["rewards"].tolist().count(1.0) == len(rows)
    bad = module.reward_func(["x"], ["p"], ["{not a problem"])
    assert bad["rewards"].tolist() == [0.0] and bad["extra_logs"]["unscored"].tolist() == [1.0]


def test_agent_by_path_plays_trial_and_error(rows, monkeypatch):
    pytest.importorskip("torch", reason="OpenRLHF's agent returns torch tensors: pip install 'textbook-gym[train]'")
    monkeypatch.setenv("TEXTBOOK_GYM_MAX_ATTEMPTS", "3")
    module = _load(openrlhf_agent.__file__, "agent_module")
    executor = module.AgentExecutor()
    assert executor.agent_instance_cls is module.AgentInstance
    for row in rows:
        problem = Problem.from_json(row["label"])
        instance = executor.agent_instance_cls()  # OpenRLHF builds one per prompt, without arguments
        prompt = row["prompt"][0]["content"]
        reset = asyncio.run(instance.reset({"observation": prompt, "label": row["label"]}))
        assert reset["observation"] == prompt
        observation, total = prompt, 0.0
        actions = ["\\boxed{-31}", "no answer", f"\\boxed{{{answer_text(problem.answer)}}}"]
        for i, action in enumerate(actions):
            states = {"observation_text": observation, "action_text": action, "label": row["label"],
                      "sampling_params": None}
            result = asyncio.run(instance.step(states))
            total += result["rewards"].item()
            observation = observation + action + result["environment_feedback"]
            assert result["done"] == (i == 2)
        assert total == 1.0 and result["scores"].item() == 1.0
        # The environment's own feedback and hints, in the project's transcript form.
        assert "\n\nFeedback: That answer is incorrect." in observation
        assert "Feedback: I could not read a final answer" in observation
        assert "\n\nAttempt 3:\n" in observation
        with pytest.raises(RuntimeError, match="episode that has not ended"):
            asyncio.run(instance.step(states))


def test_agent_settings_errors_name_the_variable(monkeypatch):
    monkeypatch.setenv("TEXTBOOK_GYM_MAX_ATTEMPTS", "two")
    with pytest.raises(ValueError, match="TEXTBOOK_GYM_MAX_ATTEMPTS must be an integer"):
        openrlhf_agent.AgentInstance()
    monkeypatch.setenv("TEXTBOOK_GYM_MAX_ATTEMPTS", "2")
    monkeypatch.setenv("TEXTBOOK_GYM_FEEDBACK", "shout")
    with pytest.raises(ValueError, match="feedback must be one of"):
        openrlhf_agent.AgentInstance()


def test_response_of_strips_prompt_and_end_markers():
    assert openrlhf_reward.response_of("<s>Q?<|assistant|>A \\boxed{1}</s><pad><pad>", "Q?<|assistant|>") == (
        "A \\boxed{1}"
    )
    assert openrlhf_reward.response_of("no prompt here", "Q?") == "no prompt here"
