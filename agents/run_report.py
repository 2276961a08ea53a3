"""What a pipeline run's report says about each stage: per-level intervals, paired stage gains, a plain reading.

The pipeline evaluates the model on the same distinct test problems before training
and after every stage, and keeps each problem's outcome. That makes every stage's
contribution a paired comparison (the same problems, solved before or not), which is
what this module turns into text and a plot for ``report.md`` and ``stages.png``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textbook_gym.passk import paired_difference, wilson_interval

STAGE_NOUNS = {
    "pretrain": "pretraining on exposition",
    "sft": "SFT on worked solutions",
    "rl": "RL on practice problems",
}


def stage_gains(evals: dict[str, dict[str, Any]], stages: list[str]) -> dict[str, dict[str, Any]]:
    """Each stage's paired gain over the stage before it (skipping stages without kept outcomes).

    >>> evals = {"sft": {"outcomes": [1, 0, 0, 1] * 50}, "rl": {"outcomes": [1, 1, 0, 1] * 50}}
    >>> g = stage_gains(evals, ["sft", "rl"])["rl"]
    >>> g["over"], g["points"], g["only_after"], [round(x, 1) for x in g["ci95_points"]]
    ('sft', 25.0, 50, [19.0, 31.0])
    """
    gains = {}
    for previous, stage in zip(stages, stages[1:]):
        before, after = evals.get(previous, {}).get("outcomes"), evals.get(stage, {}).get("outcomes")
        if before and after and len(before) == len(after):
            gains[stage] = {"over": previous, **paired_difference(before, after)}
    return gains


def level_cells(row: dict[str, Any]) -> dict[str, str]:
    """``level -> "61.2% (54.3–67.7)"``: accuracy per level with its Wilson 95% interval over distinct problems."""
    counts = row.get("by_difficulty_n") or {}
    cells = {}
    for level, accuracy in row.get("by_difficulty", {}).items():
        n = counts.get(level)
        if not n:
            cells[level] = f"{100 * accuracy:.1f}%"
            continue
        low, high = wilson_interval(round(accuracy * n), n)
        cells[level] = f"{100 * accuracy:.1f}% ({100 * low:.1f}–{100 * high:.1f})"
    return cells


def level_table(rows: list[dict[str, Any]]) -> str:
    """Accuracy per level and stage with intervals, each level headed by its number of distinct test problems."""
    rows = [r for r in rows if r.get("by_difficulty")]
    if not rows:
        return ""
    levels = sorted(rows[-1]["by_difficulty"], key=int)
    counts = rows[-1].get("by_difficulty_n") or {}
    head = [f"level {lv} (n={counts[lv]})" if lv in counts else f"level {lv}" for lv in levels]
    lines = ["| stage | " + " | ".join(head) + " |", "|---|" + "---:|" * len(levels)]
    for row in rows:
        cells = level_cells(row)
        lines.append(f"| {row['title']} | " + " | ".join(cells.get(lv, "-") for lv in levels) + " |")
    return "\n".join(lines)


def _gain_phrase(gain: dict[str, Any]) -> str:
    low, high = gain["ci95_points"]
    if low > 0:
        verdict = "a gain"
    elif high < 0:
        verdict = "a loss"
    else:
        verdict = "no difference the test set can resolve"
    return (f"{gain['points']:+.1f} points (paired 95% CI {low:+.1f} to {high:+.1f}: {verdict}; "
            f"{gain['only_after']} problems solved only after it, {gain['only_before']} only before)")


def reading(rows: list[dict[str, Any]], gains: dict[str, dict[str, Any]]) -> str:
    """One paragraph in plain words: what each stage contributed on the held-out problems."""
    by_stage = {r["stage"]: r for r in rows}
    sentences = []
    start = by_stage.get("initial")
    if start is not None:
        sentences.append(f"The untrained model solves {100 * start['accuracy']:.1f}% of the held-out problems.")
    for stage, noun in STAGE_NOUNS.items():
        row = by_stage.get(stage)
        if row is None:
            continue
        text = f"After {noun} it solves {100 * row['accuracy']:.1f}%"
        if stage in gains:
            text += f", {_gain_phrase(gains[stage])}"
        best = max(row.get("by_difficulty", {}).items(), key=lambda kv: kv[1], default=None)
        worst = min(row.get("by_difficulty", {}).items(), key=lambda kv: kv[1], default=None)
        if best and worst and best[0] != worst[0]:
            text += f"; level {best[0]} is at {100 * best[1]:.1f}% and level {worst[0]} at {100 * worst[1]:.1f}%"
        sentences.append(text + ".")
    return " ".join(sentences)


def plot_stages(rows: list[dict[str, Any]], path: Path) -> Path | None:
    """Held-out accuracy per level after each stage (one line per stage), as a PNG; None without matplotlib."""
    rows = [r for r in rows if r.get("by_difficulty")]
    if not rows:
        return None
    try:
        import matplotlib
    except ImportError:
        return None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    levels = sorted(rows[-1]["by_difficulty"], key=int)
    fig, ax = plt.subplots(figsize=(6, 3.6))
    for row in rows:
        counts = row.get("by_difficulty_n") or {}
        ys, lows, highs = [], [], []
        for level in levels:
            accuracy = row["by_difficulty"].get(level, 0.0)
            n = counts.get(level) or 0
            low, high = wilson_interval(round(accuracy * n), n) if n else (accuracy, accuracy)
            ys.append(100 * accuracy)
            lows.append(100 * (accuracy - low))
            highs.append(100 * (high - accuracy))
        ax.errorbar([int(lv) for lv in levels], ys, yerr=[lows, highs], marker="o", capsize=3, label=row["title"])
    ax.set_xlabel("difficulty level")
    ax.set_ylabel("held-out accuracy (%)")
    ax.set_xticks([int(lv) for lv in levels])
    ax.set_ylim(0, 100)
    ax.legend(fontsize=8)
    ax.set_title("Held-out accuracy by level after each stage (95% CI)", fontsize=9)
    fig.tight_layout()
    tmp = path.with_name(f".{path.stem}.tmp{path.suffix}")
    try:
        fig.savefig(tmp, dpi=100)
        tmp.replace(path)
    finally:
        plt.close(fig)
    return path
