"""Evaluation reports: ``report.json``, ``report.md`` and PNG plots, and side-by-side comparison.

``report.json`` schema (also in the README)::

    {
      "meta": {"textbook_gym_version", "model", "backend", "suite", "config": {...}, (optional:) "name",
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
import os
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textbook_gym.files import write_text_atomic


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
            flexible = sum(row.get("pass@1_flexible", row["pass@1"]) * row["n"] for row in levels.values())
            out[env_id] = {"pass@1": correct / n if n else 0.0, "pass@1_flexible": flexible / n if n else 0.0, "n": n}
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
        """Read a ``report.json`` (or the directory holding one); a UsageError says what is wrong with it."""
        from textbook_gym.errors import UsageError

        path = Path(path)
        file = path / "report.json" if path.is_dir() else path
        fix = "pass a report.json written by `textbook-gym eval` or its directory"
        if not file.is_file():
            where = f"{path} holds no report.json" if path.is_dir() else f"{path} does not exist"
            raise UsageError(f"{where}; {fix}")
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise UsageError(f"{file} is not JSON ({exc}); {fix}") from None
        if not (isinstance(data, dict) and isinstance(data.get("meta"), dict) and isinstance(data.get("results"), dict)):
            raise UsageError(f"{file} is JSON but not an evaluation report (no \"meta\" and \"results\"); {fix}")
        try:
            results = {env: {int(level): row for level, row in levels.items()}
                       for env, levels in data["results"].items()}
        except (AttributeError, TypeError, ValueError):
            raise UsageError(f"{file}: \"results\" is not {{env_id: {{level: metrics}}}}; {fix}") from None
        return cls(meta=data["meta"], results=results)

    @property
    def label(self) -> str:
        """How plots and leaderboards name the policy: ``meta["name"]`` when given, else the model."""
        return policy_label(self.meta)

    def to_markdown(self) -> str:
        meta = self.meta
        ks = [str(k) for k in meta["config"]["k"] if k != 1]
        lines = [
            f"# Evaluation: {self.label} ({meta['backend']})",
            "",
            f"textbook_gym {meta['textbook_gym_version']} · suite {meta.get('suite') or '-'} · "
            f"up to {meta['config']['n']} distinct {meta.get('split') or 'test'} problems per level · "
            f"{meta['config']['samples']} sample(s) · "
            f"temperature {meta['config']['temperature']} · attempts {meta['config']['attempts']} · "
            f"seed {meta['config']['seed']}",
            "",
            "| env | level | n | pass@1 | 95% CI | flexible pass@1 | " + "".join(f"pass@{k} | " for k in ks)
            + "unparseable | timeout | error | tokens |",
            "|---|---:|---:|---:|---|---:|" + "---:|" * len(ks) + "---:|---:|---:|---:|",
        ]
        for env_id, levels in self.results.items():
            for level, row in levels.items():
                lo, hi = row["ci95"]
                tokens = "-" if row["mean_tokens"] is None else f"{row['mean_tokens']:.0f}"
                lines.append(
                    f"| {env_id} | {level} | {row['n']} | {row['pass@1']:.3f} | [{lo:.3f}, {hi:.3f}] | "
                    f"{_flexible(row)} | "
                    + "".join(f"{row['pass@k'][k]:.3f} | " for k in ks)
                    + f"{row['unparseable_rate']:.3f} | {row['timeout_rate']:.3f} | {row['error_rate']:.3f} | "
                    f"{tokens} |"
                )
        summary = self.summary
        lines += ["", "| env | pass@1 | flexible pass@1 | n |", "|---|---:|---:|---:|"]
        for env_id, row in summary.items():
            if env_id != "_suite":
                lines.append(f"| {env_id} | {row['pass@1']:.3f} | {row['pass@1_flexible']:.3f} | {row['n']} |")
        suite = summary["_suite"]
        lines += ["", f"Suite: pass@1 {suite['pass@1_macro']:.3f} (mean over envs), "
                  f"{suite['pass@1_micro']:.3f} (over all {suite['n']} problems)."]
        return "\n".join(lines) + "\n"

    def save(self, out_dir: str | Path) -> Path:
        """Write report.json, report.md, episodes.jsonl and the PNG plots to ``out_dir``."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        write_text_atomic(out / "report.json", json.dumps(self.to_dict(), indent=1) + "\n")
        write_text_atomic(out / "report.md", self.to_markdown())
        if self.episodes:
            write_text_atomic(out / "episodes.jsonl", "".join(json.dumps(r) + "\n" for r in self.episodes))
        plot_reports([self], out, [self.label])
        return out


def policy_label(meta: dict[str, Any]) -> str:
    """``meta["name"]`` (the ``name=`` given to :func:`textbook_gym.evaluate`), else ``meta["model"]``."""
    name = meta.get("name")
    return str(name) if name else str(meta.get("model") or "policy")


def _save_figure(fig, path: Path) -> None:
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp{path.suffix}")  # the suffix tells savefig the format
    try:
        fig.savefig(tmp, dpi=100)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def plot_reports(reports: Sequence[EvalReport], out_dir: Path, labels: Sequence[str]) -> list[Path]:
    """Accuracy against difficulty per family, and a per-family bar chart; one series per report.

    Without matplotlib (the core install) the reports are written without plots and one
    warning says how to get them: evaluation must not need the plotting library.
    """
    try:
        plt = _pyplot()
    except ImportError:
        warnings.warn("matplotlib is not installed, so the evaluation plots were not drawn "
                      "(report.md and report.json hold the figures); pip install matplotlib to draw them",
                      stacklevel=2)
        return []
    paths = []
    for name, fig in (("accuracy_by_difficulty.png", difficulty_figure(reports, labels)),
                      ("accuracy_by_family.png", family_figure(reports, labels))):
        path = out_dir / name
        try:
            _save_figure(fig, path)
        finally:
            plt.close(fig)
        paths.append(path)
    return paths


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def difficulty_figure(reports: Sequence[EvalReport], labels: Sequence[str]):
    """pass@1 (with its 95% band) against difficulty, one panel per env; ticks only at the levels measured."""
    plt = _pyplot()
    env_ids = sorted({env for r in reports for env in r.results})
    cols = min(4, len(env_ids)) or 1
    rows = (len(env_ids) + cols - 1) // cols or 1
    fig, axes = plt.subplots(rows, cols, figsize=(4 * cols, 3 * rows), squeeze=False)
    for ax, env_id in zip(axes.flat, env_ids):
        levels_seen: set[int] = set()
        for report, label in zip(reports, labels):
            levels = report.results.get(env_id, {})
            if levels:
                xs = sorted(levels)
                levels_seen.update(xs)
                ax.plot(xs, [levels[x]["pass@1"] for x in xs], marker="o", label=_legend(label))
                ax.fill_between(xs, [levels[x]["ci95"][0] for x in xs], [levels[x]["ci95"][1] for x in xs],
                                alpha=0.15)
        ax.set_xticks(sorted(levels_seen))  # difficulty levels are whole numbers: no ticks at 1.2
        ax.set_title(env_id.removeprefix("textbook/"), fontsize=9)
        ax.set_ylim(-0.02, 1.02)
        ax.set_xlabel("difficulty")
        ax.set_ylabel("pass@1")
    for ax in list(axes.flat)[len(env_ids):]:
        ax.axis("off")
    if len(reports) > 1:
        axes.flat[0].legend(fontsize=7)
    fig.tight_layout()
    return fig


def _legend(label: str) -> str:
    """matplotlib leaves labels that start with ``_`` out of legends; a policy named ``_oracle`` still belongs."""
    return label.lstrip("_") or "policy"


def family_figure(reports: Sequence[EvalReport], labels: Sequence[str]):
    """pass@1 per env as grouped bars, one colour per report, each bar labelled with its value."""
    plt = _pyplot()
    env_ids = sorted({env for r in reports for env in r.results})
    fig, ax = plt.subplots(figsize=(max(6, 0.5 * len(env_ids) * len(reports)), 4))
    width = 0.8 / len(reports)
    for i, (report, label) in enumerate(zip(reports, labels)):
        summary = report.summary
        color = f"C{i % 10}"
        heights = [summary[env]["pass@1"] if env in summary else None for env in env_ids]
        # A zero score is a result, not a missing one: the outline draws it as a line on the axis, and the
        # value is written above every bar ("-" where the report has no such env).
        bars = ax.bar([j + i * width for j in range(len(env_ids))], [h or 0.0 for h in heights], width,
                      label=_legend(label), color=color, edgecolor=color, linewidth=1.5)
        ax.bar_label(bars, labels=["-" if h is None else f"{h:.2f}" for h in heights], fontsize=6, padding=1)
    ax.set_xticks([j + 0.4 - width / 2 for j in range(len(env_ids))])
    ax.set_xticklabels([e.removeprefix("textbook/") for e in env_ids], rotation=45, ha="right", fontsize=8)
    ax.set_ylabel("pass@1")
    ax.set_ylim(-0.02, 1.08)
    ax.axhline(0, color="black", linewidth=0.5)
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def compare(paths: Sequence[str | Path], out_dir: str | Path | None = None) -> str:
    """A Markdown leaderboard of several reports (pass@1 per env and suite); plots when out_dir is given."""
    reports = [EvalReport.load(p) for p in paths]
    labels = leaderboard_labels(reports, paths)
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
        write_text_atomic(out / "leaderboard.md", table)
        plot_reports(reports, out, labels)
    return table


def leaderboard_labels(reports: Sequence[EvalReport], paths: Sequence[str | Path]) -> list[str]:
    """``label (backend)`` per report; labels that would repeat get the report's directory (or file) name."""
    base = [f"{r.label} ({r.meta.get('backend', '?')})" for r in reports]
    labels = list(base)
    for i, label in enumerate(base):
        if base.count(label) > 1:
            path = Path(paths[i])
            where = path.name if path.is_dir() else (path.parent.name or path.stem)
            labels[i] = f"{label} [{where}]"
    return [label if labels.count(label) == 1 else f"{label} #{i + 1}" for i, label in enumerate(labels)]


def _flexible(row: dict[str, Any]) -> str:
    """The flexible-policy pass@1 of a row (reports written before it existed show a dash)."""
    value = row.get("pass@1_flexible")
    return "-" if value is None else f"{value:.3f}"
