"""Run configuration: frozen dataclasses, named presets and YAML files.

Every knob of a training run lives in one of the sections below, each field with a
docstring, because the ``textbook-gym train`` flags are generated from these
classes (``--rl.group-size 8``) and a YAML file uses the same names::

    rl:
      group_size: 8
      lr: 2.0e-5

Frozen so that a config handed to a stage cannot be changed behind the back of the
checkpoint that records it; use :func:`dataclasses.replace` or :func:`merge` to
derive one config from another.
"""

from __future__ import annotations

import dataclasses
import math
import os
import typing
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, get_args, get_origin

from textbook_gym.errors import UnknownNameError, UsageError, unknown_name


@dataclass(frozen=True)
class ModelConfig:
    """Which model the pipeline starts from."""

    size: str = "tiny"
    """Size of the embedded model built from scratch (``tiny`` or ``small``) when ``path`` is empty."""
    path: str = ""
    """An existing Hugging Face model directory or hub id to start from instead of building one."""
    seed: int = 0
    """Seed of the random initialisation of the embedded model."""
    device: str = "auto"
    """``auto`` (CUDA when available, else CPU), ``cpu`` or ``cuda``."""
    dtype: str = "auto"
    """``auto`` (bf16 on CUDA, fp32 on CPU), ``float32`` or ``bfloat16``."""


@dataclass(frozen=True)
class DataConfig:
    """Which problems the stages see, and how train and test are kept apart."""

    families: tuple[str, ...] = ("Arithmetic",)
    """Problem families to train and evaluate on (registered names)."""
    difficulty: str = "1-3"
    """Training difficulty: ``N`` or ``LO-HI`` (sampled per problem)."""
    train_problems: int = 20000
    """Number of distinct worked problems in the SFT data set (train split)."""
    exposition_repeats: int = 4
    """How many times the exposition passages are repeated in the pretraining text set."""


@dataclass(frozen=True)
class PretrainConfig:
    """Stage 1: causal language modelling on exposition text (full-sequence loss)."""

    enabled: bool = True
    """Run this stage."""
    steps: int = 100
    """Optimizer steps."""
    batch_size: int = 32
    """Sequences per step."""
    lr: float = 1e-3
    """Peak learning rate (AdamW, linear warmup, then ``lr_schedule``)."""
    lr_schedule: str = "cosine"
    """After warmup: ``cosine`` or ``linear`` decay to zero, ``constant``, or ``wsd`` (warmup-stable-decay)."""
    decay_ratio: float = 0.3
    """``wsd`` only: fraction of the steps spent in the final linear decay to zero."""
    max_length: int = 256
    """Sequences are packed into blocks of this many tokens."""
    warmup_ratio: float = 0.05
    """Fraction of the steps spent warming the learning rate up."""
    weight_decay: float = 0.0
    """AdamW weight decay."""
    mix_worked: float = 0.0
    """Fraction of pretraining documents that are worked solutions in plain text (0 = exposition only)."""


@dataclass(frozen=True)
class SFTStageConfig:
    """Stage 2: supervised fine-tuning on worked problems, loss on the completion only."""

    enabled: bool = True
    """Run this stage."""
    steps: int = 200
    """Optimizer steps."""
    batch_size: int = 64
    """Prompt/completion pairs per step."""
    lr: float = 1e-3
    """Peak learning rate (AdamW, linear warmup, then ``lr_schedule``)."""
    lr_schedule: str = "cosine"
    """After warmup: ``cosine`` or ``linear`` decay to zero, ``constant``, or ``wsd`` (warmup-stable-decay:
    the peak rate until the last ``decay_ratio`` of the steps, then a linear decay to zero; on the demo it
    beats cosine by a wide margin, see the README)."""
    decay_ratio: float = 0.3
    """``wsd`` only: fraction of the steps spent in the final linear decay to zero."""
    max_length: int = 512
    """Pairs longer than this many tokens are truncated."""
    warmup_ratio: float = 0.05
    """Fraction of the steps spent warming the learning rate up."""
    weight_decay: float = 0.0
    """AdamW weight decay."""


@dataclass(frozen=True)
class RLConfig:
    """Stage 3: reinforcement learning on practice environments (GRPO or PPO)."""

    enabled: bool = True
    """Run this stage."""
    algorithm: str = "grpo"
    """``grpo`` (group-relative advantages) or ``ppo`` (value head and GAE)."""
    backend: str = "hf"
    """Rollout backend for sampling: ``hf`` (transformers generate) or ``vllm``."""
    steps: int = 100
    """Optimizer steps (one batch of episodes per step unless ``epochs`` > 1)."""
    problems_per_step: int = 16
    """Distinct practice problems per step (groups, for GRPO)."""
    difficulty: str = ""
    """Practice difficulty (``N`` or ``LO-HI``); empty = ``data.difficulty``. Levels the SFT model already
    always solves give GRPO groups without variance, so RL can practise on the harder part of the range."""
    group_size: int = 8
    """Episodes sampled per problem; advantages are normalised within each group."""
    lr: float = 2e-5
    """Peak learning rate (AdamW, after ``warmup_steps``, then ``lr_schedule``)."""
    lr_schedule: str = "constant"
    """After warmup: ``constant``, or ``linear`` / ``cosine`` decay to zero at the last step (TRL's GRPO
    default is linear)."""
    warmup_steps: int = 0
    """Steps of linear learning-rate warmup."""
    adam_eps: float = 1e-8
    """AdamW's epsilon. Adam scales every coordinate's step to about ``lr`` however small its gradient, so
    the near-zero gradients of tokens the policy already samples surely become full-size noise; an
    epsilon near those gradients' size (1e-5 .. 1e-4 for the tiny model) leaves them near-still."""
    max_tokens: int = 160
    """Maximum tokens generated per attempt."""
    sampling_batch_size: int = 64
    """Rows per ``generate`` call of the hf rollout backend. transformers keeps computing a finished row
    until its batch's longest row ends, and the backend batches prompts of similar length (so of similar
    difficulty) together, so smaller batches waste less on short answers (measured in the README)."""
    temperature: float = 1.0
    """Sampling temperature for rollouts."""
    top_p: float = 1.0
    """Nucleus sampling threshold for rollouts."""
    epochs: int = 1
    """Passes over each batch of episodes (more than 1 makes the clipped ratio matter)."""
    minibatch_size: int = 0
    """Sequences per gradient micro-step (0 = the whole batch at once)."""
    clip_low: float = 0.2
    """Lower clip range of the probability ratio (1 - clip_low)."""
    clip_high: float = 0.28
    """Upper clip range of the probability ratio (1 + clip_high); above clip_low is the asymmetric 'clip-higher'."""
    kl_coef: float = 0.0
    """Weight of the KL penalty to the frozen starting policy (0 disables it and skips the reference model)."""
    loss_norm: str = "token"
    """``token`` (sum over all tokens / token count), ``sequence`` (mean per sequence, then mean) or ``fixed``."""
    scale_rewards: bool = True
    """Divide group-centred rewards by the group's standard deviation (GRPO); off gives Dr. GRPO."""
    negative_scale: float = 1.0
    """Multiplier on negative advantages: 1 is GRPO; 0 reinforces only the answers that beat their group
    (positive-sample reinforcement, as in rejection-sampling fine-tuning). Pushing down a tiny model's
    wrong samples also pushes down its right ones, which share almost every token."""
    negative_credit: str = "sequence"
    """GRPO: where a worse-than-its-group answer's negative advantage goes. ``sequence``: every token (GRPO).
    ``divergence``: the whole share, its advantage times its length, on the one token where it first
    leaves the longest prefix it shares with a better answer to the same prompt; the tokens before are
    that better answer's too, the tokens after follow from the slip. Answers with no better answer to
    the same prompt keep ``sequence``. Scaled by ``negative_scale`` like any negative advantage."""
    dynamic_sampling: bool = True
    """Drop groups whose rewards have no variance and sample more problems to refill the batch."""
    max_sampling_rounds: int = 3
    """Sampling rounds per step at most when dynamic sampling refills the batch."""
    balance_levels: bool = False
    """Give every level of the practice range an equal share of each step's groups: problems are drawn per
    level and dynamic sampling refills each level from its own problems, so dropping the groups whose
    answers all agree (most groups of a level the model cannot yet do) no longer fills the batch with the
    easiest level. A level still short after ``max_sampling_rounds`` leaves its share empty rather than
    hand it to another level. Not with ``curriculum``, which chooses the levels itself."""
    max_grad_norm: float = 1.0
    """Gradient clipping norm."""
    max_attempts: int = 1
    """Attempts per episode; more than 1 trains trial and error with feedback."""
    feedback: str = "verdict"
    """Feedback after a wrong attempt: ``none``, ``verdict`` or ``hint``."""
    attempt_discount: float = 0.5
    """A success at attempt k earns discount**(k-1), so a first-try answer is worth most."""
    curriculum: bool = False
    """Choose each problem's difficulty to keep the batch success rate inside the target band."""
    curriculum_band: tuple[float, float] = (0.3, 0.7)
    """Target band of the batch success rate for the curriculum."""
    vf_coef: float = 0.5
    """PPO: weight of the value loss."""
    gamma: float = 1.0
    """PPO: discount over tokens."""
    lam: float = 0.95
    """PPO: GAE lambda."""
    value_clip: float = 0.2
    """PPO: clip range of the value update."""
    sync_every: int = 1
    """Push the learner's weights to the rollout backend every this many steps."""


@dataclass(frozen=True)
class HeldOutConfig:
    """Held-out evaluation after each stage: greedy answers to fresh test-split problems.

    Not :class:`textbook_gym.evaluate.EvalConfig` on purpose: that one asks for ``n``
    distinct problems per env and level, this one spreads one total budget over the
    run's (family, level) cells, so a run's figures stay comparable across stages.
    """

    problems: int = 1000
    """Test-split problems per evaluation (the 95% interval shrinks as 1/sqrt of this)."""
    difficulty: str = ""
    """Difficulty of the test problems; empty means the training difficulty."""
    max_tokens: int = 160
    """Maximum tokens generated per answer."""
    batch_size: int = 250
    """Prompts per generate call."""
    seed: int = 0
    """Seed of the evaluation sampler (greedy decoding does not use it)."""
    skip_stages: tuple[str, ...] = ()
    """Models left out of the stage evaluations (``initial``, ``pretrain``, ``sft``, ``rl``); the final
    model is always scored. An untrained model's answers never end, so each runs to ``max_tokens``:
    at 400 tokens, 1000 problems take about 4 minutes of a 2-core machine to score 0%."""


@dataclass(frozen=True)
class RunConfig:
    """A whole textbook run: model, data, the three stages and evaluation."""

    model: ModelConfig = field(default_factory=ModelConfig)
    """Starting model."""
    data: DataConfig = field(default_factory=DataConfig)
    """Training problems and text."""
    pretrain: PretrainConfig = field(default_factory=PretrainConfig)
    """Stage 1: exposition."""
    sft: SFTStageConfig = field(default_factory=SFTStageConfig)
    """Stage 2: worked problems."""
    rl: RLConfig = field(default_factory=RLConfig)
    """Stage 3: practice."""
    eval: HeldOutConfig = field(default_factory=HeldOutConfig)
    """Held-out evaluation."""
    seed: int = 0
    """Seed of data order, sampling and initialisation of every stage."""
    checkpoint_every: int = 50
    """Write a checkpoint every this many optimizer steps (and at each stage's end)."""
    evaluate_stages: bool = True
    """Evaluate on the held-out set before training and after every stage (False: the final model only)."""
    progress: bool = True
    """Show rich progress bars with the live reward."""
    generation_threads: int = 1
    """torch CPU threads while sampling and evaluating (decoding a tiny model is fastest on one); 0 = torch default."""


SECTIONS = ("model", "data", "pretrain", "sft", "rl", "eval")


# --------------------------------------------------------------------------- presets
def _demo() -> RunConfig:
    """The `make demo` run: all three stages on Arithmetic levels 1-3 on a 2-core CPU in about 15 minutes.

    Chosen for held-out accuracy in that budget (issue #21; benchmarks/RESULTS.md has the
    measurements and their commands). SFT takes most of it, because that is where the
    accuracy comes from: 1200 steps of 32 worked problems reach 95.8-97.5% on levels 1-3
    over three seeds, where 300 steps of 64 reached 4% and 1000 steps of 32 85%; at equal
    examples the smaller batch learns more. From that SFT model the RL stage changes
    accuracy by -0.2 to +0.3 points (paired intervals all hold zero), so it is short:
    40 steps of 8 answers to each of 16 problems, all three levels balanced in each batch,
    the rewards of right and wrong answers both used (``negative_scale=1``), sampled at
    temperature 1 so the learner's log-probabilities are the sampler's. The held-out test
    problems span levels 1-5 with room for the longest worked answer (375 characters at
    level 5), so the report shows both what was taught and what carries over above it
    (nothing: levels 4-5 stay near 0%); the untrained and pretrained models are not scored,
    since their answers run to the token limit and score 0%.
    """
    return RunConfig(
        model=ModelConfig(size="tiny", seed=0),
        data=DataConfig(families=("Arithmetic",), difficulty="1-3", train_problems=20000),
        pretrain=PretrainConfig(steps=40, batch_size=16, lr=2e-3, max_length=256),
        sft=SFTStageConfig(steps=1200, batch_size=32, lr=2e-3, lr_schedule="wsd", decay_ratio=0.3),
        rl=RLConfig(
            steps=40,
            problems_per_step=16,
            group_size=8,
            difficulty="1-3",
            balance_levels=True,
            lr=2e-5,
            lr_schedule="linear",
            adam_eps=1e-8,
            max_tokens=120,
            temperature=1.0,
            negative_scale=1.0,
            warmup_steps=5,
            max_sampling_rounds=1,
        ),
        eval=HeldOutConfig(problems=1000, difficulty="1-5", max_tokens=400, batch_size=500,
                           skip_stages=("initial", "pretrain")),
        checkpoint_every=25,
    )


def _smoke() -> RunConfig:
    """A few steps of everything: checks that a machine runs the pipeline end to end (about a minute)."""
    return RunConfig(
        model=ModelConfig(size="tiny"),
        data=DataConfig(train_problems=256),
        pretrain=PretrainConfig(steps=3, batch_size=4, max_length=128),
        sft=SFTStageConfig(steps=3, batch_size=8),
        rl=RLConfig(steps=2, problems_per_step=2, group_size=4, max_tokens=48, dynamic_sampling=False),
        eval=HeldOutConfig(problems=20, max_tokens=48),
        checkpoint_every=2,
        progress=False,
    )


def _gpu() -> RunConfig:
    """The demo at GPU scale: the `small` model, longer stages, vLLM sampling."""
    demo = _demo()
    return dataclasses.replace(
        demo,
        model=ModelConfig(size="small"),
        pretrain=dataclasses.replace(demo.pretrain, steps=300, batch_size=64),
        sft=dataclasses.replace(demo.sft, steps=1000, batch_size=128),
        rl=dataclasses.replace(demo.rl, steps=300, problems_per_step=64, backend="vllm", difficulty="", lr=5e-5),
    )


PRESETS: dict[str, typing.Callable[[], RunConfig]] = {"default": RunConfig, "demo": _demo, "smoke": _smoke, "gpu": _gpu}
"""Named presets; ``--preset NAME`` starts from one and flags or a YAML file override it."""


def preset(name: str) -> RunConfig:
    if name not in PRESETS:
        raise unknown_name("preset", name, PRESETS)
    return PRESETS[name]()


# --------------------------------------------------------------------------- dict / YAML
def to_dict(config: Any) -> dict[str, Any]:
    """A plain, JSON- and YAML-ready dict (tuples become lists)."""
    return _plain(dataclasses.asdict(config))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def merge(config: Any, overrides: dict[str, Any], where: str = "config") -> Any:
    """A copy of the dataclass ``config`` with nested ``overrides`` applied and type-checked."""
    known = {f.name: f for f in fields(config)}
    hints = typing.get_type_hints(type(config))
    changes: dict[str, Any] = {}
    for key, value in overrides.items():
        name = key.replace("-", "_")
        if name not in known:
            raise UnknownNameError(f"{where} has no field {key!r}{_did_you_mean(key, known)}; known fields: "
                                   f"{', '.join(sorted(known))}")
        current = getattr(config, name)
        if dataclasses.is_dataclass(current):
            if not isinstance(value, dict):
                raise UsageError(f"{where}.{name} is a section; give a mapping of its fields, got {value!r}")
            changes[name] = merge(current, value, f"{where}.{name}")
        else:
            changes[name] = coerce(value, hints[name], f"{where}.{name}")
    return dataclasses.replace(config, **changes)


def coerce(value: Any, hint: Any, where: str) -> Any:
    """Convert a YAML or command-line value to the field's declared type, or say why not."""
    origin = get_origin(hint)
    if origin is tuple:
        args = get_args(hint)
        if isinstance(value, str):
            value = [v for v in value.split(",") if v.strip()]
        if not isinstance(value, (list, tuple)):
            raise UsageError(f"{where} expects a list, got {value!r}")
        item = args[0]
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(coerce(v, item, where) for v in value)
        if len(value) != len(args):
            raise UsageError(f"{where} expects {len(args)} values, got {value!r}")
        return tuple(coerce(v, a, where) for v, a in zip(value, args))
    if hint is bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise UsageError(f"{where} expects true or false, got {value!r}")
    if hint is str:
        if isinstance(value, (dict, list, tuple)):  # str() would turn a YAML mapping into text silently
            raise UsageError(f"{where} expects text, got {value!r}")
        return "" if value is None else str(value)
    if hint in (int, float):
        try:
            if isinstance(value, bool) or isinstance(value, (dict, list, tuple)):
                raise ValueError
            if hint is int and isinstance(value, float) and not value.is_integer():
                raise ValueError
            return hint(value)
        except (TypeError, ValueError):
            raise UsageError(f"{where} expects {'a whole number' if hint is int else 'a number'}, got {value!r}") from None
    return value


def _did_you_mean(name: str, choices) -> str:
    from textbook_gym.errors import suggest

    hint = suggest(name.replace("-", "_"), choices)
    return f" ({hint})" if hint else ""


def load_yaml(path: str | Path, base: RunConfig | None = None) -> RunConfig:
    """Read a YAML file of overrides; a top-level ``preset:`` key picks the starting preset."""
    import yaml

    path = Path(path)
    if not path.is_file():
        what = "is a directory" if path.is_dir() else "does not exist"
        raise UsageError(f"--config {path} {what}; give a YAML file of overrides (see `--dump-config` for the format)")
    try:
        data = yaml.safe_load(path.read_text()) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise UsageError(f"{path} is not valid YAML{where}: {problem}; fix the file (`--dump-config` prints a "
                         "valid one)") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path} is not a text file; give a YAML file of overrides") from None
    if not isinstance(data, dict):
        raise UsageError(f"{path}: expected a mapping of sections (model:, sft:, rl: ...), got {type(data).__name__}")
    name = data.pop("preset", None)
    start = preset(str(name)) if name else (base or RunConfig())
    return merge(start, data, where=str(path))


def save_yaml(config: RunConfig, path: str | Path) -> None:
    """Write the configuration as YAML atomically (a temporary file, then a rename)."""
    import yaml

    from textbook_gym.files import write_text_atomic

    write_text_atomic(path, yaml.safe_dump(to_dict(config), sort_keys=False))





def flat_fields(config: Any, prefix: str = "") -> list[tuple[str, dataclasses.Field, Any]]:
    """(dotted name, field, type hint) for every leaf field, e.g. ``rl.group_size``."""
    out = []
    hints = typing.get_type_hints(type(config))
    for f in fields(config):
        value = getattr(config, f.name)
        if dataclasses.is_dataclass(value):
            out.extend(flat_fields(value, f"{prefix}{f.name}."))
        else:
            out.append((f"{prefix}{f.name}", f, hints[f.name]))
    return out


def field_docs(cls: type) -> dict[str, str]:
    """The docstring under each field of a dataclass (read from its source), for ``--help``."""
    import ast
    import inspect
    import textwrap

    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError):
        return {}
    docs: dict[str, str] = {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    for node, nxt in zip(body, body[1:]):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(nxt, ast.Expr)
            and isinstance(nxt.value, ast.Constant)
            and isinstance(nxt.value.value, str)
        ):
            docs[node.target.id] = " ".join(nxt.value.value.split())
    return docs


# --------------------------------------------------------------------------- validation
MODEL_SIZES = ("tiny", "small")
"""Sizes of the embedded model (``textbook_gym.agents.models.SIZES``)."""
DEVICES = ("auto", "cpu", "cuda")
"""``model.device`` values; ``cuda:N`` picks one GPU."""
DTYPES = ("auto", "float32", "bfloat16")
SFT_SCHEDULES = ("cosine", "linear", "constant", "wsd")
"""Learning-rate schedules of the TRL stages (pretrain, SFT)."""
RL_SCHEDULES = ("constant", "linear", "cosine")
ALGORITHMS = ("grpo", "ppo")
RL_BACKENDS = ("hf", "vllm")
LOSS_NORMS = ("token", "sequence", "fixed")
NEGATIVE_CREDITS = ("sequence", "divergence")
FEEDBACKS = ("none", "verdict", "hint")


def validate(cfg: RunConfig) -> RunConfig:
    """Check every field of a run configuration before any work starts; returns ``cfg``.

    Types are checked by :func:`merge`; this checks ranges, choices, family names,
    difficulty ranges and the starting model. All problems are reported at once, in
    one :class:`~textbook_gym.errors.UsageError` whose message names each field and
    what it accepts.
    """
    problems: list[str] = []

    def need(ok: bool, field_name: str, rule: str) -> None:
        if not ok:
            value = _get(cfg, field_name)
            problems.append(f"{field_name} {rule}, got {value!r}")

    def choice(field_name: str, options: tuple[str, ...]) -> None:
        value = _get(cfg, field_name)
        if value not in options:
            from textbook_gym.errors import suggest

            hint = suggest(str(value), options)
            problems.append(f"{field_name} must be one of {', '.join(options)}, got {value!r}"
                            + (f" ({hint})" if hint else ""))

    def at_least(field_name: str, minimum: float) -> None:
        value = _get(cfg, field_name)
        need(_finite(value) and value >= minimum, field_name, f"must be at least {minimum:g}")

    def within(field_name: str, low: float, high: float, open_low: bool = False) -> None:
        value = _get(cfg, field_name)
        ok = _finite(value) and (value > low if open_low else value >= low) and value <= high
        need(ok, field_name, f"must lie in {'(' if open_low else '['}{low:g}, {high:g}]")

    m = cfg.model
    if not m.path:
        choice("model.size", MODEL_SIZES)
    if not (m.device in DEVICES or (m.device.startswith("cuda:") and m.device[5:].isdigit())):
        problems.append(f"model.device must be auto, cpu, cuda or cuda:N, got {m.device!r}")
    choice("model.dtype", DTYPES)
    at_least("model.seed", 0)
    if m.path:
        try:
            check_model_path(m.path, "model.path")
        except UsageError as exc:
            problems.append(str(exc))

    if not cfg.data.families:
        problems.append("data.families is empty; name at least one family, e.g. --data.families Arithmetic")
    for name in cfg.data.families:
        problem = _family_problem(name)
        if problem:
            problems.append(f"data.families: {problem}")
    for field_name, allow_empty in (("data.difficulty", False), ("rl.difficulty", True),
                                    ("eval.difficulty", True)):
        problem = _difficulty_problem(_get(cfg, field_name), allow_empty)
        if problem:
            problems.append(f"{field_name} {problem}")
    at_least("data.train_problems", 1)
    at_least("data.exposition_repeats", 1)

    for stage, schedules in (("pretrain", SFT_SCHEDULES), ("sft", SFT_SCHEDULES)):
        at_least(f"{stage}.steps", 1)
        at_least(f"{stage}.batch_size", 1)
        within(f"{stage}.lr", 0, math.inf, open_low=True)
        choice(f"{stage}.lr_schedule", schedules)
        within(f"{stage}.decay_ratio", 0, 1, open_low=True)
        at_least(f"{stage}.max_length", 8)
        within(f"{stage}.warmup_ratio", 0, 1)
        at_least(f"{stage}.weight_decay", 0)
    within("pretrain.mix_worked", 0, 1)

    r = cfg.rl
    choice("rl.algorithm", ALGORITHMS)
    choice("rl.backend", RL_BACKENDS)
    at_least("rl.steps", 1)
    at_least("rl.problems_per_step", 1)
    at_least("rl.group_size", 2 if r.algorithm == "grpo" else 1)
    within("rl.lr", 0, math.inf, open_low=True)
    choice("rl.lr_schedule", RL_SCHEDULES)
    at_least("rl.warmup_steps", 0)
    within("rl.adam_eps", 0, math.inf, open_low=True)
    at_least("rl.max_tokens", 1)
    at_least("rl.sampling_batch_size", 1)
    within("rl.temperature", 0, math.inf, open_low=True)
    within("rl.top_p", 0, 1, open_low=True)
    at_least("rl.epochs", 1)
    at_least("rl.minibatch_size", 0)
    within("rl.clip_low", 0, 1)
    at_least("rl.clip_high", 0)
    at_least("rl.kl_coef", 0)
    choice("rl.loss_norm", LOSS_NORMS)
    at_least("rl.negative_scale", 0)
    choice("rl.negative_credit", NEGATIVE_CREDITS)
    at_least("rl.max_sampling_rounds", 1)
    within("rl.max_grad_norm", 0, math.inf, open_low=True)
    at_least("rl.max_attempts", 1)
    choice("rl.feedback", FEEDBACKS)
    within("rl.attempt_discount", 0, 1)
    low, high = r.curriculum_band
    if not (_finite(low) and _finite(high) and 0 <= low <= high <= 1):
        problems.append(f"rl.curriculum_band must be two rates LOW,HIGH with 0 <= LOW <= HIGH <= 1, "
                        f"got {r.curriculum_band!r}")
    at_least("rl.vf_coef", 0)
    within("rl.gamma", 0, 1)
    within("rl.lam", 0, 1)
    at_least("rl.value_clip", 0)
    at_least("rl.sync_every", 1)

    at_least("eval.problems", 1)
    at_least("eval.max_tokens", 1)
    at_least("eval.batch_size", 1)
    at_least("eval.seed", 0)
    for stage in cfg.eval.skip_stages:
        if stage not in ("initial", "pretrain", "sft", "rl"):
            problems.append(f"eval.skip_stages names initial, pretrain, sft or rl, got {stage!r}")
    at_least("seed", 0)
    at_least("checkpoint_every", 1)
    at_least("generation_threads", 0)

    if problems:
        head = "the run configuration has a problem" if len(problems) == 1 else \
            f"the run configuration has {len(problems)} problems"
        raise UsageError(f"{head}: {'; '.join(problems)}; fix the flag or YAML field named")
    return cfg


def _get(cfg: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        cfg = getattr(cfg, part)
    return cfg


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _family_problem(name: str) -> str:
    from textbook_gym.registry import get_family, list_families

    try:
        get_family(name)
    except KeyError:
        return str(unknown_name("family", name, list_families()))
    return ""


def _difficulty_problem(text: str, allow_empty: bool) -> str:
    from textbook_gym.env import parse_difficulty

    if not text:
        return "" if allow_empty else "is empty; give a level N or a range LO-HI such as 1-3"
    try:
        parse_difficulty(text)
    except (TypeError, ValueError) as exc:
        return f"must be a level N or a range LO-HI within 1-10 ({exc})"
    return ""


def check_model_path(model: str, flag: str) -> None:
    """Raise a UsageError when ``model`` names a local model directory that is not there or holds no model.

    A name that does not look like a local path (``gpt2``, ``org/name`` where ``org``
    is no local directory) is taken for a Hugging Face hub id and left to the loader.
    """
    path = Path(model).expanduser()
    if path.exists():
        if not path.is_dir():
            raise UsageError(f"{flag} {model} is a file; give the model's directory (the one holding config.json)")
        if not (path / "config.json").is_file():
            raise UsageError(f"{flag} {model} holds no config.json; give a directory written by save_pretrained, "
                             "e.g. runs/demo/rl/final")
        return
    parts = Path(model).parts
    local = (
        path.is_absolute()
        or model.startswith((".", "~"))
        or model.endswith(("/", "\\"))
        or "\\" in model
        or len(parts) > 2
        or (len(parts) == 2 and Path(parts[0]).is_dir())
    )
    if local:
        raise UsageError(f"{flag} {model}: no such directory; check the path (a trained model lies in RUN/rl/final "
                         "or RUN/sft/final) or give a Hugging Face hub id")
    _check_hub_id(model, flag)


def _check_hub_id(model: str, flag: str) -> None:
    """A hub id must be cached or exist on a reachable hub: asked once here, not through the loader's retries."""
    try:
        import huggingface_hub
        from huggingface_hub.errors import HFValidationError, RepositoryNotFoundError
    except ImportError:  # no hub client: the loader will say what it can
        return
    nothing = f"{flag} {model}: no local directory of that name"
    try:
        if isinstance(huggingface_hub.try_to_load_from_cache(model, "config.json"), str):
            return
    except HFValidationError:
        raise UsageError(f"{nothing}, and it is not a valid Hugging Face hub id; check the path") from None
    if os.environ.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes", "on"):
        raise UsageError(f"{nothing}, and the hub id is not in the local cache (HF_HUB_OFFLINE is set); "
                         "check the path or download the model first")
    try:
        huggingface_hub.HfApi().model_info(model, timeout=10)
    except RepositoryNotFoundError:
        raise UsageError(f"{nothing} and no such model on the Hugging Face hub; check the path or the id") from None
    except HFValidationError:
        raise UsageError(f"{nothing}, and it is not a valid Hugging Face hub id; check the path") from None
    except Exception as exc:  # noqa: BLE001 - any network failure means the same to the user
        if "gated" in type(exc).__name__.lower():  # exists but needs a login: the loader explains that
            return
        raise UsageError(f"{nothing}, and the Hugging Face hub cannot be reached to look it up "
                         f"({type(exc).__name__}); check the path, or download the model while online") from None
