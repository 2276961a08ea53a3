"""Rollout throughput: each backend against its raw engine, with the same prompts and model.

For every backend three levels are timed on the same Arithmetic prompts (chat
messages rendered with the model's template, one completion each):

* ``raw``: the engine called directly (``model.generate`` on a pre-padded batch,
  ``vllm.LLM.generate`` on token ids, the OpenAI client);
* ``backend``: ``backend.generate`` (encoding, padding, trimming, decoding);
* ``collect``: ``rollout.collect`` driving the environments (reset, generate, verify).

Each level runs in two sampling regimes, and within a regime all three levels send
the engine the same requests, so a level's overhead against ``raw`` is the runner's
own work:

* ``seeded`` (what ``collect(seed=0)`` does by default): per-prompt seeds 0, 1, ...;
  raw vLLM gets one ``SamplingParams(seed=...)`` per prompt, the raw OpenAI client one
  request per prompt (a request's seed covers all of its prompts), all in flight together;
* ``unseeded`` (``collect(seed_sampling=False)``): the engine's own generator; raw
  vLLM gets one ``SamplingParams``, the raw OpenAI client one batched request.

The seeded ``raw`` row also reports ``seeding_cost``: what per-request seeds cost the
engine itself (vLLM's sampler draws seeded requests' noise one request at a time).

Every level samples with ``ignore_eos=True`` (as vLLM's own benchmarks do), so each
one generates exactly ``prompts x max_tokens`` tokens: a random end-of-sequence
cannot give one level less work than another. Each level's overhead against
``raw`` is then a plain ratio of times (target: at most 10%). Every round runs all
levels back to back, so the headline figure is the *paired* overhead: the median over
rounds of (level time / raw time of the same round) - 1, with a 95% bootstrap
interval; it cancels the round-to-round drift of a small shared machine. The best-run
and median-run ratios are reported beside it, with tokens per second.

CPU (default): the embedded tiny model, backends hf, vllm and openai (a real vLLM
server on loopback). ``--device cuda``: a 0.5B-parameter Llama-shaped model built
from a config with random bf16 weights, hf only unless ``--backends`` adds vllm
(so it runs with only torch and transformers installed), and tokens per second
against the card's memory-bandwidth bound (every decode step reads all weights
and the KV cache once).

    python benchmarks/rollout.py                       # CPU: hf, vllm, openai
    python benchmarks/rollout.py --device cuda         # GPU: hf against the bandwidth bound

Writes ``benchmarks/results/rollout.json`` and prints a table. On a CPU shared with
other heavy work, ``OMP_NUM_THREADS=1`` keeps the timings from being dominated by
torch's OpenMP threads waiting for descheduled siblings (the JSON records the thread
count and the load average).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

RESULTS = Path(__file__).resolve().parent / "results" / "rollout.json"

CUDA_SHAPE = dict(hidden_size=1024, intermediate_size=4096, num_hidden_layers=28, num_attention_heads=16,
                  num_key_value_heads=8, head_dim=64, vocab_size=32000, tie_word_embeddings=False)
"""About 0.5B parameters, Llama-shaped with grouped-query attention."""

NOMINAL_BANDWIDTH_GBS = {
    "H200": 4800, "H100 NVL": 3900, "H100 PCIe": 2000, "H100": 3350, "GH200": 4000, "B200": 8000,
    "A100-SXM4-80GB": 2039, "A100 80GB PCIe": 1935, "A100": 1555, "L40S": 864, "L40": 864, "L4": 300,
    "A10G": 600, "A10": 600, "T4": 320, "V100": 900, "RTX 4090": 1008, "RTX 3090": 936,
}
"""Datasheet memory bandwidth (GB/s) by device-name substring, longest match first."""


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    parser.add_argument("--backends", default=None, help="comma list of hf,vllm,openai (default: cpu all, cuda hf)")
    parser.add_argument("--size", default="tiny", choices=["tiny", "small"], help="embedded model size on the CPU")
    parser.add_argument("--prompts", type=int, default=256)
    parser.add_argument("--max-tokens", type=int, default=None, help="default 32 on cpu, 128 on cuda")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per level (best and median reported)")
    parser.add_argument("--bandwidth-gbs", type=float, default=None, help="override the card's memory bandwidth")
    parser.add_argument("--out", type=Path, default=RESULTS)
    return parser.parse_args(argv)


# ---------------------------------------------------------------------------- inputs
def env_prompts(count: int) -> list[list[dict[str, str]]]:
    """The first observations of ``count`` Arithmetic episodes (seeds 0..count-1), as chat messages."""
    import gymnasium as gym

    import textbook_gym  # noqa: F401 - registers the env ids

    env = gym.make("textbook/Arithmetic-v1", difficulty="1-10")
    return [env.reset(seed=i)[1]["messages"] for i in range(count)]


def build_model(args: argparse.Namespace, workdir: Path) -> tuple[Any, Path]:
    """(model directory or None, info) for the run; CUDA builds the 0.5B model in memory."""
    from textbook_gym.agents.models import build_tiny_model

    if args.device == "cpu":
        return build_tiny_model(args.size, workdir / args.size), {"model": f"embedded {args.size}"}
    import torch
    from transformers import LlamaForCausalLM

    from textbook_gym.agents.models import build_tokenizer, tiny_config

    tokenizer = build_tokenizer()
    config = tiny_config("tiny", **CUDA_SHAPE)
    with torch.device("cuda"):
        model = LlamaForCausalLM._from_config(config, dtype=torch.bfloat16)
    model.eval()
    directory = workdir / "llama-0.5b"
    tokenizer.save_pretrained(directory)
    if "vllm" in (args.backends or ""):
        model.save_pretrained(directory)  # vLLM loads from disk
    return (model, directory), {"model": "Llama-shaped, random bf16", "config": CUDA_SHAPE}


# ---------------------------------------------------------------------------- timing
REGIMES = ("unseeded", "seeded")
"""Sampling regimes timed for every backend. ``seeded`` is what ``collect`` does by default
(per-prompt seeds 0, 1, ... derived from ``seed=0``); ``unseeded`` leaves sampling to the engine's
generator (``collect(seed_sampling=False)``). Each regime's levels send the engine identical requests."""

def level_rows(name: str, levels: dict[tuple[str, str], Any], repeats: int,
               expected_tokens: int) -> list[dict[str, Any]]:
    """Time every (regime, level) callable, interleaved after one warm-up each, in a rotating order so
    that no level always runs right after another.

    Interleaving spreads any load from other processes over all levels alike; the best run
    of each level is its cost with the least interference, the median is reported beside it.
    Every run must generate ``expected_tokens`` tokens (``ignore_eos``), so times compare equal work.
    A level's overhead is against ``raw`` in the same regime (the engine given the same requests);
    the seeded ``raw`` row also carries ``seeding_cost``, the engine's own price for per-request seeds.
    """
    order = list(levels)
    for key in order:
        levels[key]()
    runs: dict[tuple[str, str], list[float]] = {key: [] for key in order}
    for repeat in range(repeats):
        shift = repeat % len(order)
        for key in order[shift:] + order[:shift]:
            start = time.perf_counter()
            tokens = levels[key]()
            runs[key].append(time.perf_counter() - start)
            if tokens != expected_tokens:
                raise RuntimeError(f"{name} {key} generated {tokens} tokens, not {expected_tokens}: "
                                   "ignore_eos did not hold, so the levels' times would not compare equal work")
    rows = {}
    for regime, level in order:
        times = runs[(regime, level)]
        rows[(regime, level)] = row = {
            "backend": name,
            "sampling": regime,
            "level": level,
            "seconds": min(times),
            "median_seconds": statistics.median(times),
            "runs_seconds": times,
            "tokens": expected_tokens,
            "tokens_per_s": expected_tokens / min(times),
            "median_tokens_per_s": expected_tokens / statistics.median(times),
        }
    for (regime, _), row in rows.items():
        raw = rows[(regime, "raw")]
        row["overhead_vs_raw"] = row["seconds"] / raw["seconds"] - 1.0
        row["median_overhead_vs_raw"] = row["median_seconds"] / raw["median_seconds"] - 1.0
        ratios = np.array(row["runs_seconds"]) / np.array(raw["runs_seconds"])
        row["paired_overhead"], row["paired_overhead_ci95"] = paired_overhead(ratios)
    if ("seeded", "raw") in rows and ("unseeded", "raw") in rows:
        seeded, unseeded = rows[("seeded", "raw")], rows[("unseeded", "raw")]
        seeded["seeding_cost"] = seeded["seconds"] / unseeded["seconds"] - 1.0
        seeded["median_seeding_cost"] = seeded["median_seconds"] / unseeded["median_seconds"] - 1.0
    for row in rows.values():
        print(f"  {name:7s} {row['sampling']:9s} {row['level']:8s} {row['seconds']:8.3f} s best, "
              f"{row['median_seconds']:8.3f} s median ({row['tokens_per_s']:.0f} tok/s best, "
              f"{row['overhead_vs_raw']:+.1%} / {row['median_overhead_vs_raw']:+.1%} vs raw, paired "
              f"{row['paired_overhead']:+.1%})", flush=True)
    return list(rows.values())


def paired_overhead(ratios: np.ndarray, resamples: int = 10_000) -> tuple[float, list[float]]:
    """Median of the per-round time ratios (level / raw of the same round) minus one, with a 95%
    bootstrap interval.

    On a 2-core machine a vLLM call's time wanders by +-15% from round to round (engine
    process, threads and the OS share two cores), so best-of and median-of times of separate
    levels can differ by more than the overhead being measured. Rounds are back to back, so a
    ratio within one round cancels most of that drift; its median is the robust estimate.
    """
    rng = np.random.default_rng(0)
    medians = np.median(rng.choice(ratios, size=(resamples, len(ratios)), replace=True), axis=1)
    low, high = np.percentile(medians, [2.5, 97.5])
    return float(np.median(ratios) - 1.0), [float(low - 1.0), float(high - 1.0)]


def regime_sampling(sampling, regime: str):
    """The backend-level settings of a regime: seed 0 is the seed ``collect(seed=0)`` derives for its first call."""
    return replace(sampling, seed=0 if regime == "seeded" else None)


def runner_levels(backend, prompts, sampling, raw_for: dict[str, Any]) -> dict[tuple[str, str], Any]:
    """``{(regime, level): fn}`` for both regimes; ``raw_for[regime]`` is that regime's raw engine call."""
    levels = {}
    for regime in REGIMES:
        levels[(regime, "raw")] = raw_for[regime]
        levels[(regime, "backend")] = backend_level(backend, prompts, regime_sampling(sampling, regime))
        levels[(regime, "collect")] = collect_level(backend, len(prompts), sampling, regime == "seeded")
    return levels


def collect_level(backend, prompts: int, sampling, seed_sampling: bool) -> Any:
    from textbook_gym.agents.rollout import collect

    def run() -> int:
        records = collect("textbook/Arithmetic-v1", backend, prompts, sampling=sampling, seed=0, progress=False,
                          batch_size=prompts, return_logprobs=False, env_kwargs={"difficulty": "1-10"},
                          seed_sampling=seed_sampling)
        return sum(len(a.token_ids) for r in records for a in r.attempts)

    return run


def backend_level(backend, prompts, sampling):
    def run() -> int:
        return sum(len(c.token_ids) for group in backend.generate(prompts, sampling) for c in group)

    return run


# ---------------------------------------------------------------------------- backends
def bench_hf(model_ref, prompts, sampling, args) -> list[dict[str, Any]]:
    import torch
    from transformers import GenerationConfig

    from textbook_gym.agents.backends import make_backend
    from textbook_gym.agents.backends.prompts import encode_all

    if isinstance(model_ref, tuple):  # CUDA: the in-memory model and its tokenizer directory
        backend = make_backend("hf", model=model_ref[0], tokenizer=model_ref[1], batch_size=len(prompts))
    else:
        backend = make_backend("hf", model=model_ref, device=args.device, batch_size=len(prompts))
    tokenizer, model = backend.tokenizer, backend.model
    ids = encode_all(tokenizer, prompts)
    width = max(map(len, ids))
    input_ids = torch.tensor([[tokenizer.pad_token_id] * (width - len(x)) + x for x in ids], device=backend.device)
    mask = (torch.arange(width, device=backend.device)[None, :] >= torch.tensor(
        [width - len(x) for x in ids], device=backend.device)[:, None]).long()
    # Plain sampling settings and no end-of-sequence (ignore_eos), as the backend asks for them.
    config = GenerationConfig(max_new_tokens=sampling.max_tokens, do_sample=True, temperature=sampling.temperature,
                              top_k=0, top_p=1.0, pad_token_id=tokenizer.pad_token_id,
                              eos_token_id=backend.generation_config(sampling).eos_token_id)

    def raw(seed: int | None):
        def run() -> int:
            if seed is not None:  # transformers samples from torch's global generator
                torch.manual_seed(seed)
            with torch.inference_mode():
                out = model.generate(input_ids=input_ids, attention_mask=mask, generation_config=config)
            return int(out[:, width:].numel())

        return run

    raw_for = {regime: raw(regime_sampling(sampling, regime).seed) for regime in REGIMES}
    rows = level_rows("hf", runner_levels(backend, prompts, sampling, raw_for), args.repeats,
                      len(prompts) * sampling.max_tokens)
    if args.device == "cuda":
        for row in rows:
            row.update(bandwidth_bound(model, ids, sampling, row["tokens_per_s"], args))
    backend.close()
    return rows


def bench_vllm(model_ref, prompts, sampling, args) -> list[dict[str, Any]]:
    from textbook_gym.agents.backends import make_backend
    from textbook_gym.agents.backends.prompts import encode_all, prompt_seeds

    path = model_ref[1] if isinstance(model_ref, tuple) else model_ref
    backend = make_backend("vllm", model=path, max_model_len=2048)
    requests = [{"prompt_token_ids": ids} for ids in encode_all(backend.tokenizer, prompts)]

    def raw(regime: str):
        seeded = regime_sampling(sampling, regime)
        if seeded.seed is None:
            params = backend.sampling_params(sampling)
        else:  # vLLM seeds a request, not a batch: one SamplingParams per prompt, as the backend sends
            params = [backend.sampling_params(sampling, seed=s) for s in prompt_seeds(seeded, len(requests))]

        def run() -> int:
            outputs = backend.llm.generate(requests, params, use_tqdm=False)
            return sum(len(o.outputs[0].token_ids) for o in outputs)

        return run

    rows = level_rows("vllm", runner_levels(backend, prompts, sampling, {r: raw(r) for r in REGIMES}),
                      args.repeats, len(prompts) * sampling.max_tokens)
    backend.close()
    return rows


def bench_openai(model_ref, prompts, sampling, args, workdir: Path) -> list[dict[str, Any]]:
    import asyncio

    import openai

    from textbook_gym.agents.backends import make_backend
    from textbook_gym.agents.backends.prompts import prompt_seeds, render
    from textbook_gym.agents.backends.server import VLLMServer

    path = model_ref[1] if isinstance(model_ref, tuple) else model_ref
    print("  starting the vLLM server (one to two minutes on a small CPU) ...", flush=True)
    with VLLMServer(path, served_name="bench", max_model_len=2048, log_path=workdir / "server.log") as server:
        backend = make_backend("openai", model="bench", base_url=server.base_url, tokenizer=path)
        texts = [render(backend.tokenizer, p) for p in prompts]
        body = {"model": "bench", "max_tokens": sampling.max_tokens, "temperature": sampling.temperature,
                "extra_body": {"ignore_eos": sampling.ignore_eos}}
        loop = asyncio.new_event_loop()
        aclient = openai.AsyncOpenAI(base_url=server.base_url, api_key="EMPTY")

        def unseeded() -> int:  # one batched request, vLLM's ignore_eos as the backend sends it
            return int(backend.client.completions.create(prompt=texts, **body).usage.completion_tokens)

        seeds = prompt_seeds(regime_sampling(sampling, "seeded"), len(texts))

        def seeded() -> int:  # a request's seed covers all its prompts, so per-prompt seeds: one request each
            async def all_requests():
                return await asyncio.gather(*(aclient.completions.create(prompt=t, seed=s, **body)
                                              for t, s in zip(texts, seeds)))

            return sum(int(r.usage.completion_tokens) for r in loop.run_until_complete(all_requests()))

        try:
            rows = level_rows("openai", runner_levels(backend, prompts, sampling,
                                                      {"unseeded": unseeded, "seeded": seeded}),
                              args.repeats, len(prompts) * sampling.max_tokens)
        finally:
            loop.run_until_complete(aclient.close())
            loop.close()
            backend.close()
    return rows


# ---------------------------------------------------------------------------- GPU bound
def bandwidth_bound(model, prompt_ids, sampling, tokens_per_s: float, args) -> dict[str, Any]:
    """Tokens/s if every decode step only had to stream the weights and the KV cache from memory."""
    import torch

    config = model.config
    weight_bytes = sum(p.numel() * p.element_size() for p in model.parameters())
    kv_per_token = 2 * config.num_hidden_layers * config.num_key_value_heads * config.head_dim * 2  # k+v, bf16
    batch = len(prompt_ids)
    mean_context = statistics.mean(map(len, prompt_ids)) + sampling.max_tokens / 2
    step_bytes = weight_bytes + batch * mean_context * kv_per_token
    name = torch.cuda.get_device_name()
    nominal = args.bandwidth_gbs or next(
        (gbs for key, gbs in sorted(NOMINAL_BANDWIDTH_GBS.items(), key=lambda kv: -len(kv[0])) if key in name), None
    )
    measured = measured_bandwidth_gbs()
    result: dict[str, Any] = {"device_name": name, "weight_bytes": weight_bytes, "measured_copy_gbs": measured}
    for label, gbs in (("nominal", nominal), ("measured", measured)):
        if gbs:
            bound = batch * gbs * 1e9 / step_bytes
            result[f"{label}_bound_tokens_per_s"] = bound
            result[f"fraction_of_{label}_bound"] = tokens_per_s / bound
    return result


_BANDWIDTH: list[float] = []


def measured_bandwidth_gbs() -> float:
    """Device-to-device copy bandwidth (read + write), measured once."""
    import torch

    if not _BANDWIDTH:
        src = torch.empty(2**30, dtype=torch.uint8, device="cuda")
        dst = torch.empty_like(src)
        dst.copy_(src)
        torch.cuda.synchronize()
        start = time.perf_counter()
        for _ in range(10):
            dst.copy_(src)
        torch.cuda.synchronize()
        _BANDWIDTH.append(2 * 10 * src.numel() / (time.perf_counter() - start) / 1e9)
        del src, dst
    return _BANDWIDTH[0]


# ---------------------------------------------------------------------------- report
def print_table(rows: list[dict[str, Any]]) -> None:
    header = (f"{'backend':8s} {'sampling':9s} {'level':8s} {'best s':>8s} {'overhead':>9s} {'median s':>9s} {'med. overh.':>11s} "
              f"{'paired [95% CI]':>24s} {'tokens/s':>9s}")
    extra = any("fraction_of_nominal_bound" in r or "fraction_of_measured_bound" in r for r in rows)
    if extra:
        header += f" {'bound tok/s':>12s} {'of bound':>9s}"
    print("\n" + header + "\n" + "-" * len(header))
    for r in rows:
        line = (f"{r['backend']:8s} {r['sampling']:9s} {r['level']:8s} {r['seconds']:8.3f} {r['overhead_vs_raw']:+9.1%} "
                f"{r['median_seconds']:9.3f} {r['median_overhead_vs_raw']:+11.1%} "
                f"{_paired(r):>24s} {r['tokens_per_s']:9.0f}")
        if extra:
            key = "nominal" if "nominal_bound_tokens_per_s" in r else "measured"
            line += f" {r.get(f'{key}_bound_tokens_per_s', 0):12.0f} {r.get(f'fraction_of_{key}_bound', 0):9.1%}"
        print(line)
    for r in rows:
        if "seeding_cost" in r:
            print(f"{r['backend']}: per-request seeds cost the engine {r['seeding_cost']:+.1%} best, "
                  f"{r['median_seeding_cost']:+.1%} median")


def _paired(row: dict[str, Any]) -> str:
    low, high = row["paired_overhead_ci95"]
    return f"{row['paired_overhead']:+.1%} [{low:+.1%}, {high:+.1%}]"


def main(argv=None) -> dict[str, Any]:
    args = parse_args(argv)
    from textbook_gym.agents.backends import SamplingConfig

    if args.device == "cuda":
        import torch

        if not torch.cuda.is_available():
            raise SystemExit("--device cuda needs a CUDA GPU and a CUDA build of torch; this torch sees none")
    backends = (args.backends or ("hf,vllm,openai" if args.device == "cpu" else "hf")).split(",")
    max_tokens = args.max_tokens or (32 if args.device == "cpu" else 128)
    sampling = SamplingConfig(temperature=1.0, max_tokens=max_tokens, ignore_eos=True)
    prompts = env_prompts(args.prompts)
    machine = {"platform": platform.platform(), "processor": platform.processor(), "cpus": os.cpu_count(),
               "torch_threads": _torch_threads(), "omp_num_threads": os.environ.get("OMP_NUM_THREADS"),
               "load_average_before": _load_average()}
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="tg-bench-") as tmp:
        workdir = Path(tmp)
        model_ref, model_info = build_model(args, workdir)
        # hf first: an in-process vLLM engine lowers torch's thread count for the rest of the process.
        for name in ("hf", "vllm", "openai"):
            if name not in backends:
                continue
            print(f"{name}:", flush=True)
            if name == "hf":
                rows += bench_hf(model_ref, prompts, sampling, args)
            elif name == "vllm":
                rows += bench_vllm(model_ref, prompts, sampling, args)
            else:
                rows += bench_openai(model_ref, prompts, sampling, args, workdir)
    print_table(rows)
    report = {
        "benchmark": "rollout",
        "device": args.device,
        "machine": {**machine, "load_average_after": _load_average()},
        **model_info,
        "prompts": args.prompts,
        "max_tokens": max_tokens,
        "temperature": sampling.temperature,
        "ignore_eos": sampling.ignore_eos,
        "overhead": "time of the level / time of raw in the same sampling regime - 1, for the best runs and for "
                    "the median runs; paired_overhead: median over rounds of (level / raw of the same round) - 1, "
                    "with a 95% bootstrap interval; seeding_cost: seeded raw / unseeded raw - 1",
        "repeats": args.repeats,
        "rows": rows,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, default=str) + "\n")
    print(f"\nwrote {args.out}")
    return report


def _torch_threads() -> int | None:
    try:
        import torch

        return torch.get_num_threads()
    except ImportError:
        return None


def _load_average() -> list[float] | None:
    """1, 5 and 15 minute load averages: other work on the machine shows in the timings."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


if __name__ == "__main__":
    main()
