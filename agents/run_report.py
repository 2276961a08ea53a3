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


def level_groups(ev: dict[str, Any], trained: tuple[int, int]) -> dict[str, dict[str, Any]]:
    """Accuracy on the trained levels and on the evaluated levels above them, each with its Wilson interval.

    A run that trains on levels 1-3 and is evaluated on 1-5 has two questions to answer
    (how well it learned what it was taught, and what carried over to harder problems);
    one accuracy over all five levels answers neither. Needs the evaluation's per-problem
    ``outcomes`` and ``levels``; groups without problems are left out.

    >>> ev = {"outcomes": [1, 1, 0, 0, 1], "levels": [1, 3, 3, 4, 5]}
    >>> groups = level_groups(ev, (1, 3))
    >>> groups["trained"]["levels"], groups["trained"]["n"], round(groups["trained"]["accuracy"], 3)
    ('1-3', 3, 0.667)
    >>> groups["above"]["levels"], groups["above"]["correct"]
    ('4-5', 1)
    """
    outcomes, levels = ev.get("outcomes"), ev.get("levels")
    if not outcomes or not levels or len(outcomes) != len(levels):
        return {}
    low, high = trained
    groups: dict[str, dict[str, Any]] = {}
    for name, member in (("trained", lambda lv: low <= lv <= high), ("above", lambda lv: lv > high)):
        picked = [(outcome, level) for outcome, level in zip(outcomes, levels) if member(level)]
        if not picked:
            continue
        correct = sum(outcome for outcome, _ in picked)
        first, last = min(level for _, level in picked), max(level for _, level in picked)
        groups[name] = {
            "levels": f"{first}-{last}" if first != last else str(first),
            "n": len(picked),
            "correct": correct,
            "accuracy": correct / len(picked),
            "ci95": list(wilson_interval(correct, len(picked))),
            "outcomes": [outcome for outcome, _ in picked],
        }
    return groups


def group_gains(evals: dict[str, dict[str, Any]], stages: list[str], trained: tuple[int, int]) -> dict[str, Any]:
    """Each stage's paired gain over the stage before it, separately on the trained levels and the levels above."""
    out: dict[str, Any] = {}
    for previous, stage in zip(stages, stages[1:]):
        before, after = level_groups(evals.get(previous, {}), trained), level_groups(evals.get(stage, {}), trained)
        for group in ("trained", "above"):
            if group in before and group in after and before[group]["n"] == after[group]["n"]:
                out.setdefault(stage, {})[group] = {
                    "over": previous, "levels": after[group]["levels"],
                    **paired_difference(before[group]["outcomes"], after[group]["outcomes"])}
    return out


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


def group_table(rows: list[dict[str, Any]]) -> str:
    """Per stage: accuracy on the trained levels and on the levels above them, with intervals ("" without groups)."""
    rows = [r for r in rows if r.get("groups")]
    names = [name for name in ("trained", "above") if any(name in r["groups"] for r in rows)]
    if not rows or names == ["trained"]:  # evaluated on the trained levels only: the main table says it all
        return ""
    last = rows[-1]["groups"]
    head = [f"levels {last[name]['levels']} ({name}, n={last[name]['n']})" for name in names if name in last]
    lines = ["| stage | " + " | ".join(head) + " |", "|---|" + "---:|" * len(head)]
    for row in rows:
        cells = []
        for name in names:
            group = row["groups"].get(name)
            cells.append("-" if group is None else
                         f"{100 * group['accuracy']:.1f}% ({100 * group['ci95'][0]:.1f}–{100 * group['ci95'][1]:.1f})")
        lines.append(f"| {row['title']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def gain_phrase(gain: dict[str, Any]) -> str:
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
            text += f", {gain_phrase(gains[stage])}"
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
