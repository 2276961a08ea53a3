"""Evaluation reports: ``report.json``, ``report.md`` and PNG plots, and side-by-side comparison.

``report.json`` schema (also in the README)::

    {
      "meta": {"textbook_gym_version", "model", "backend", "suite", "config": {...},
               "families": {env_id: {"version", "difficulty"}}, "problem_ids": {...}, "problem_set_sha256"},
      "results": {env_id: {difficulty: {"n", "samples", "pass@1", "pass@k": {k: value}, "ci95": [lo, hi],
                                        "unparseable_rate", "timeout_rate", "error_rate", "incorrect_rate",
                                        "mean_tokens", (multi-attempt:) "first_attempt_pass",
                                        "solved_by_attempt", "mean_attempts_to_solve"}}},
      "summary": {env_id: {"pass@1", "n"}, "_suite": {"pass@1_macro", "pass@1_micro", "n"}}
    }
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class EvalReport:
    """The outcome of :func:`textbook_gym.evaluate`."""

    meta: dict[str, Any]
    """Everything needed to rerun: versions, model, backend, sampling, seeds, problem ids."""
    results: dict[str, dict[int, dict[str, Any]]]
    """``results[env_id][difficulty]`` -> metrics (see the module docstring)."""
    episodes: list[dict[str, Any]] = field(default_factory=list)
    """One row per episode (statuses per attempt, tokens), saved as ``episodes.jsonl``."""

    @property
    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        total_n = total_correct = 0.0
        for env_id, levels in self.results.items():
            n = sum(row["n"] for row in levels.values())
            correct = sum(row["pass@1"] * row["n"] for row in levels.values())
            out[env_id] = {"pass@1": correct / n if n else 0.0, "n": n}
            total_n += n
            total_correct += correct
        macro = [v["pass@1"] for v in out.values()]
        out["_suite"] = {
            "pass@1_macro": sum(macro) / len(macro) if macro else 0.0,
            "pass@1_micro": total_correct / total_n if total_n else 0.0,
            "n": int(total_n),
        }
        return out

    def to_dict(self) -> dict[str, Any]:
        results = {env: {str(level): row for level, row in levels.items()} for env, levels in self.results.items()}
        return {"meta": self.meta, "results": results, "summary": self.summary}

    @classmethod
    def load(cls, path: str | Path) -> EvalReport:
        path = Path(path)
        data = json.loads((path / "report.json" if path.is_dir() else path).read_text())
        results = {env: {int(level): row for level, row in levels.items()} for env, levels in data["results"].items()}
        return cls(meta=data["meta"], results=results)

    def to_markdown(self) -> str:
        meta = self.meta
        ks = [str(k) for k in meta["config"]["k"] if k != 1]
        lines = [
            f"# Evaluation: {meta['model']} ({meta['backend']})",
            "",
            f"textbook_gym {meta['textbook_gym_version']} · suite {meta.get('suite') or '-'} · "
            f"{meta['config']['n']} test problems per level · {meta['config']['samples']} sample(s) · "
            f"temperature {meta['config']['temperature']} · attempts {meta['config']['attempts']} · "
            f"seed {meta['config']['seed']}",
            "",
            "| env | level | n | pass@1 | 95% CI | " + "".join(f"pass@{k} | " for k in ks)
            + "unparseable | timeout | error | tokens |",
            "|---|---:|---:|---:|---|" + "---:|" * len(ks) + "---:|---:|---:|---:|",
        ]
        for env_id, levels in self.results.items():
            for level, row in levels.items():
                lo, hi = row["ci95"]
                tokens = "-" if row["mean_tokens"] is None else f"{row['mean_tokens']:.0f}"
                lines.append(
                    f"| {env_id} | {level} | {row['n']} | {row['pass@1']:.3f} | [{lo:.3f}, {hi:.3f}] | "
                    + "".join(f"{row['pass@k'][k]:.3f} | " for k in ks)
                    + f"{row['unparseable_rate']:.3f} | {row['timeout_rate']:.3f} | {row['error_rate']:.3f} | "
                    f"{tokens} |"
                )
        summary = self.summary
        lines += ["", "| env | pass@1 | n |", "|---|---:|---:|"]
        for env_id, row in summary.items():
            if env_id != "_suite":
                lines.append(f"| {env_id} | {row['pass@1']:.3f} | {row['n']} |")
        suite = summary["_suite"]
        lines += ["", f"Suite: pass@1 {suite['pass@1_macro']:.3f} (mean over envs), "
                  f"{suite['pass@1_micro']:.3f} (over all {suite['n']} problems)."]
        return "\n".join(lines) + "\n"

    def save(self, out_dir: str | Path) -> Path:
        """Write report.json, report.md, episodes.jsonl and the PNG plots to ``out_dir``."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        _atomic_write(out / "report.json", json.dumps(self.to_dict(), indent=1) + "\n")
        _atomic_write(out / "report.md", self.to_markdown())
        if self.episodes:
            _atomic_write(out / "episodes.jsonl", "".join(json.dumps(r) + "\n" for r in self.episodes))
        plot_reports([self], out, [self.meta["model"]])
        return out


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text)
    tmp.replace(path)


def plot_reports(reports: Sequence[EvalReport], out_dir: Path, labels: Sequence[str]) -> list[Path]:
    """Accuracy against difficulty per family, and a per-family bar chart; one series per report."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    env_ids = sorted({env for r in reports for env in r.results})
    paths = []
    cols = min(4, len(env_ids)) or 1
    rows = (len(env_ids) + cols - 1) // cols or 1
    fig, axes = plt.subplots(rows, cols, figsize=(4 * cols, 3 * rows), squeeze=False)
    for ax, env_id in zip(axes.flat, env_ids):
        for report, label in zip(reports, labels):
            levels = report.results.get(env_id, {})
            if levels:
                xs = sorted(levels)
                ax.plot(xs, [levels[x]["pass@1"] for x in xs], marker="o", label=label)
                ax.fill_between(xs, [levels[x]["ci95"][0] for x in xs], [levels[x]["ci95"][1] for x in xs],
                                alpha=0.15)
        ax.set_title(env_id.removeprefix("textbook/"), fontsize=9)
        ax.set_ylim(-0.02, 1.02)
        ax.set_xlabel("difficulty")
        ax.set_ylabel("pass@1")
    for ax in list(axes.flat)[len(env_ids):]:
        ax.axis("off")
    if len(reports) > 1:
        axes.flat[0].legend(fontsize=7)
    fig.tight_layout()
    path = out_dir / "accuracy_by_difficulty.png"
    fig.savefig(path, dpi=100)
    plt.close(fig)
    paths.append(path)

    fig, ax = plt.subplots(figsize=(max(6, 0.5 * len(env_ids) * len(reports)), 4))
    width = 0.8 / len(reports)
    for i, (report, label) in enumerate(zip(reports, labels)):
        summary = report.summary
        ax.bar([j + i * width for j in range(len(env_ids))],
               [summary.get(env, {}).get("pass@1", 0.0) for env in env_ids], width, label=label)
    ax.set_xticks([j + 0.4 - width / 2 for j in range(len(env_ids))])
    ax.set_xticklabels([e.removeprefix("textbook/") for e in env_ids], rotation=45, ha="right", fontsize=8)
    ax.set_ylabel("pass@1")
    ax.set_ylim(0, 1)
    ax.legend(fontsize=8)
    fig.tight_layout()
    path = out_dir / "accuracy_by_family.png"
    fig.savefig(path, dpi=100)
    plt.close(fig)
    paths.append(path)
    return paths


def compare(paths: Sequence[str | Path], out_dir: str | Path | None = None) -> str:
    """A Markdown leaderboard of several reports (pass@1 per env and suite); plots when out_dir is given."""
    reports = [EvalReport.load(p) for p in paths]
    labels = [f"{r.meta['model']} ({r.meta['backend']})" for r in reports]
    env_ids = sorted({env for r in reports for env in r.results})
    lines = ["| env | " + " | ".join(labels) + " |", "|---|" + "---:|" * len(labels)]
    for env_id in env_ids:
        cells = []
        for r in reports:
            row = r.summary.get(env_id)
            cells.append("-" if row is None else f"{row['pass@1']:.3f}")
        lines.append(f"| {env_id} | " + " | ".join(cells) + " |")
    lines.append("| **suite (macro)** | " + " | ".join(f"**{r.summary['_suite']['pass@1_macro']:.3f}**"
                                                     for r in reports) + " |")
    shas = {r.meta.get("problem_set_sha256") for r in reports}
    if len(shas) > 1:
        lines += ["", "Note: the reports posed different problem sets (different seeds, n or versions)."]
    table = "\n".join(lines) + "\n"
    if out_dir is not None:
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        _atomic_write(out / "leaderboard.md", table)
        plot_reports(reports, out, labels)
    return table
