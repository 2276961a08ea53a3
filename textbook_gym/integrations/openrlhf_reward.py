"""OpenRLHF reward file: ``--reward.remote_url <path to this file>``.

OpenRLHF (0.11) loads this file by path (``importlib.util.spec_from_file_location``) and
calls ``reward_func(queries, prompts, labels)`` from a worker thread, where ``queries`` are
the decoded prompt+response token sequences (special tokens included), ``prompts`` the
prompts as rendered and ``labels`` the data set's label column. Export the rows with
:func:`textbook_gym.integrations.openrlhf_agent.export_jsonl` and pass
``--data.input_key prompt --data.label_key label``: each label is the problem as JSON,
so the family's verifier scores the response exactly as the project's environments do.

The result holds ``rewards`` (the verdicts' scores, a float tensor), ``scores`` (the same
numbers, what dynamic filtering reads) and ``extra_logs`` (``acc`` and per-status counts).
A row that cannot be scored (the verifier timed out or failed) gets 0 and is counted
under ``extra_logs["unscored"]``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textbook_gym.integrations.common import problem_from_row
from textbook_gym.registry import get_family
from textbook_gym.verdict import Status, Verdict

SPECIAL_TOKENS = ("<|im_end|>", "<|endoftext|>", "<|eot_id|>", "</s>", "<eos>", "<|end|>", "<pad>")
"""End-of-turn and padding markers removed from the end of a response before it is verified."""


def response_of(query: str, prompt: str) -> str:
    """The model's response in ``query``: the text after the prompt, trailing special tokens removed."""
    text = str(query)
    start = text.find(prompt) if prompt else -1
    response = text[start + len(prompt) :] if start >= 0 else text
    stripped = True
    while stripped:
        stripped = False
        response = response.rstrip()
        for token in SPECIAL_TOKENS:
            if response.endswith(token):
                response = response[: -len(token)]
                stripped = True
    return response


def verdict_for(response: str, label: Any) -> Verdict:
    """The family's verdict on ``response`` for the problem ``label`` (JSON); never raises."""
    try:
        problem = problem_from_row({"problem": label})
        return get_family(problem.family).verify(problem, response)
    except Exception as exc:  # noqa: BLE001 - a reward function must not take the trainer down
        return Verdict.error(f"could not score the sample: {type(exc).__name__}: {exc}")


def reward_func(queries: Sequence[str], prompts: Sequence[str], labels: Sequence[Any], **kwargs: Any) -> dict[str, Any]:
    """OpenRLHF's reward contract (see the module docstring)."""
    import torch

    if not (len(queries) == len(prompts) == len(labels)):
        raise ValueError(f"got {len(queries)} queries, {len(prompts)} prompts and {len(labels)} labels; they must match")
    verdicts = [verdict_for(response_of(q, p), label) for q, p, label in zip(queries, prompts, labels)]
    scores = torch.tensor([v.score for v in verdicts], dtype=torch.float32)
    logs = {"acc": torch.tensor([float(v.correct) for v in verdicts])}
    logs["unscored"] = torch.tensor([float(v.status in (Status.TIMEOUT, Status.ERROR)) for v in verdicts])
    return {"rewards": scores, "scores": scores.clone(), "extra_logs": logs}
