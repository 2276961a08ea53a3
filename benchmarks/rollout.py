"""Rollout throughput: each backend against its raw engine, with the same prompts and model.

For every backend three levels are timed on the same Arithmetic prompts (chat
messages rendered with the model's template, one completion each):

* ``raw``: the engine called directly (``model.generate`` on a pre-padded batch,
  ``vllm.LLM.generate`` on token ids, one OpenAI completions request);
* ``backend``: ``backend.generate`` (encoding, padding, trimming, decoding);
* ``collect``: ``rollout.collect`` driving the environments (reset, generate, verify),
  with its default ``seed=0``: reproducible per-prompt sampling seeds, which on the
  openai backend means one request per prompt, all in flight together.

Every level samples with ``ignore_eos=True`` (as vLLM's own benchmarks do), so each
one generates exactly ``prompts x max_tokens`` tokens: a random end-of-sequence
cannot give one level less work than another. Each level's overhead against
``raw`` is then a plain ratio of times (target: at most 10%), reported for the
best run and for the median run; tokens per second are reported beside it.

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
from pathlib import Path
from typing import Any

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

    env = gym.make("textbook/Arithmetic-v0", difficulty="1-10")
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
def level_rows(name: str, raw, backend, collect_fn, repeats: int, expected_tokens: int) -> list[dict[str, Any]]:
    """Time the three levels, interleaved after one warm-up each, in a rotating order (raw, backend,
    collect; then backend, collect, raw; ...) so that no level always runs right after another.

    Interleaving spreads any load from other processes over all levels alike; the best run
    of each level is its cost with the least interference, the median is reported beside it.
    Every run must generate ``expected_tokens`` tokens (``ignore_eos``), so times compare equal work.
    """
    levels = (("raw", raw), ("backend", backend), ("collect", collect_fn))
    for _, fn in levels:
        fn()
    runs: dict[str, list[tuple[float, int]]] = {level: [] for level, _ in levels}
    for repeat in range(repeats):
        shift = repeat % len(levels)
        for level, fn in levels[shift:] + levels[:shift]:
            start = time.perf_counter()
            tokens = fn()
            runs[level].append((time.perf_counter() - start, tokens))
            if tokens != expected_tokens:
                raise RuntimeError(f"{name} {level} generated {tokens} tokens, not {expected_tokens}: "
                                   "ignore_eos did not hold, so the levels' times would not compare equal work")
    rows = []
    for level, _ in levels:
        times = [seconds for seconds, _ in runs[level]]
        row = {
            "backend": name,
            "level": level,
            "seconds": min(times),
            "median_seconds": statistics.median(times),
            "runs_seconds": times,
            "tokens": expected_tokens,
            "tokens_per_s": expected_tokens / min(times),
            "median_tokens_per_s": expected_tokens / statistics.median(times),
        }
        rows.append(row)
        print(f"  {name:7s} {level:8s} {row['seconds']:8.3f} s best, {row['median_seconds']:8.3f} s median "
              f"({row['tokens_per_s']:.0f} tok/s best)", flush=True)
    base, base_median = rows[0]["seconds"], rows[0]["median_seconds"]
    for row in rows:
        row["overhead_vs_raw"] = row["seconds"] / base - 1.0
        row["median_overhead_vs_raw"] = row["median_seconds"] / base_median - 1.0
    return rows


def collect_level(backend, prompts: int, sampling) -> Any:
    from textbook_gym.agents.rollout import collect

    def run() -> int:
        records = collect("textbook/Arithmetic-v0", backend, prompts, sampling=sampling, seed=0, progress=False,
                          batch_size=prompts, return_logprobs=False, env_kwargs={"difficulty": "1-10"})
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

    def raw() -> int:
        with torch.inference_mode():
            out = model.generate(input_ids=input_ids, attention_mask=mask, generation_config=config)
        return int(out[:, width:].numel())

    rows = level_rows("hf", raw, backend_level(backend, prompts, sampling),
                      collect_level(backend, len(prompts), sampling), args.repeats, len(prompts) * sampling.max_tokens)
    if args.device == "cuda":
        for row in rows:
            row.update(bandwidth_bound(model, ids, sampling, row["tokens_per_s"], args))
    backend.close()
    return rows


def bench_vllm(model_ref, prompts, sampling, args) -> list[dict[str, Any]]:
    from textbook_gym.agents.backends import make_backend
    from textbook_gym.agents.backends.prompts import encode_all

    path = model_ref[1] if isinstance(model_ref, tuple) else model_ref
    backend = make_backend("vllm", model=path, max_model_len=2048)
    requests = [{"prompt_token_ids": ids} for ids in encode_all(backend.tokenizer, prompts)]
    params = backend.sampling_params(sampling)

    def raw() -> int:
        outputs = backend.llm.generate(requests, params, use_tqdm=False)
        return sum(len(o.outputs[0].token_ids) for o in outputs)

    rows = level_rows("vllm", raw, backend_level(backend, prompts, sampling),
                      collect_level(backend, len(prompts), sampling), args.repeats,
                      len(prompts) * sampling.max_tokens)
    backend.close()
    return rows


def bench_openai(model_ref, prompts, sampling, args, workdir: Path) -> list[dict[str, Any]]:
    from textbook_gym.agents.backends import make_backend
    from textbook_gym.agents.backends.prompts import render
    from textbook_gym.agents.backends.server import VLLMServer

    path = model_ref[1] if isinstance(model_ref, tuple) else model_ref
    print("  starting the vLLM server (one to two minutes on a small CPU) ...", flush=True)
    with VLLMServer(path, served_name="bench", max_model_len=2048, log_path=workdir / "server.log") as server:
        backend = make_backend("openai", model="bench", base_url=server.base_url, tokenizer=path)
        texts = [render(backend.tokenizer, p) for p in prompts]

        def raw() -> int:  # one batched request, vLLM's ignore_eos as the backend sends it
            response = backend.client.completions.create(model="bench", prompt=texts, max_tokens=sampling.max_tokens,
                                                         temperature=sampling.temperature,
                                                         extra_body={"ignore_eos": sampling.ignore_eos})
            return int(response.usage.completion_tokens)

        rows = level_rows("openai", raw, backend_level(backend, prompts, sampling),
                          collect_level(backend, len(prompts), sampling), args.repeats,
                          len(prompts) * sampling.max_tokens)
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
    header = (f"{'backend':8s} {'level':8s} {'best s':>8s} {'overhead':>9s} {'median s':>9s} {'med. overh.':>11s} "
              f"{'tokens/s':>9s}")
    extra = any("fraction_of_nominal_bound" in r or "fraction_of_measured_bound" in r for r in rows)
    if extra:
        header += f" {'bound tok/s':>12s} {'of bound':>9s}"
    print("\n" + header + "\n" + "-" * len(header))
    for r in rows:
        line = (f"{r['backend']:8s} {r['level']:8s} {r['seconds']:8.3f} {r['overhead_vs_raw']:+9.1%} "
                f"{r['median_seconds']:9.3f} {r['median_overhead_vs_raw']:+11.1%} {r['tokens_per_s']:9.0f}")
        if extra:
            key = "nominal" if "nominal_bound_tokens_per_s" in r else "measured"
            line += f" {r.get(f'{key}_bound_tokens_per_s', 0):12.0f} {r.get(f'fraction_of_{key}_bound', 0):9.1%}"
        print(line)


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
        "overhead": "time of the level / time of raw - 1, for the best runs and for the median runs",
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
