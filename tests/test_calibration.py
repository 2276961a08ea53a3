"""Difficulty calibration: the calibration file, ``textbook-gym list --calibration``, ``textbook-gym calibrate``."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

import textbook_gym
from textbook_gym import calibration
from textbook_gym.cli import main
from textbook_gym.errors import UsageError
from textbook_gym.evaluate import evaluate
from textbook_gym.report import EvalReport

ARITHMETIC = textbook_gym.get_family("Arithmetic").env_id
COUNTING = textbook_gym.get_family("Counting").env_id
ARITHMETIC_V0 = "textbook/Arithmetic-v0"
"""A version Arithmetic has moved past (v1 changed level 1): its results are a record of that version."""
RETIRED = "textbook/Retired-v3"
"""An env id of no installed family."""
ROOT = Path(__file__).resolve().parents[1]


def _report(rates: dict[str, dict[int, float]], n: int = 10, **settings) -> EvalReport:
    config = {"n": n, "seed": 0, "attempts": 1, "feedback": "verdict", "open_book": False, "samples": 1,
              "temperature": 0.0, "max_tokens": 64} | settings
    results = {env: {level: {"n": n, "pass@1": p, "ci95": [max(0.0, p - 0.1), min(1.0, p + 0.1)]}
                     for level, p in levels.items()} for env, levels in rates.items()}
    meta = {"model": "m", "backend": "callable", "textbook_gym_version": textbook_gym.__version__, "config": config}
    return EvalReport(meta=meta, results=results)


def _calibration_file(tmp_path: Path) -> Path:
    path = tmp_path / "calibration.json"
    calibration.record(_report({ARITHMETIC: {1: 1.0, 2: 0.5, 3: 1 / 3}}), "demo-tiny", path)
    calibration.record(_report({ARITHMETIC: {1: 0.25}}, n=4), "other", path)
    return path


def _with_history(tmp_path: Path) -> Path:
    """demo-tiny also measured on Arithmetic-v0 (n=20) and on an env id no family has."""
    path = _calibration_file(tmp_path)
    calibration.record(_report({ARITHMETIC_V0: {1: 0.9, 2: 0.65}, RETIRED: {5: 0.125}}, n=20), "demo-tiny", path)
    return path


def _row_line(out: str, env_id: str) -> str:
    """The one table line of ``out`` whose env id cell is ``env_id``."""
    lines = [line for line in out.splitlines() if f" {env_id} " in line]
    assert len(lines) == 1, (env_id, lines)
    return lines[0]


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("textbook-gym: error: "), err
    return err[0]


# --------------------------------------------------------------------------- record and read
def test_record_keeps_pass_rate_n_and_interval_per_level(tmp_path):
    path = _calibration_file(tmp_path)
    rows = calibration.load(path)["models"]["demo-tiny"]["results"][ARITHMETIC]
    assert rows["3"] == {"pass@1": 0.3333, "n": 10, "ci95": [0.2333, 0.4333]}
    assert calibration.results("other", ARITHMETIC, path) == {1: {"pass@1": 0.25, "n": 4, "ci95": [0.15, 0.35]}}


def test_calibration_file_is_deterministic_with_sorted_keys(tmp_path):
    path = _calibration_file(tmp_path)
    text = path.read_text()
    assert text == json.dumps(json.loads(text), indent=1, sort_keys=True) + "\n"
    calibration.record(_report({ARITHMETIC: {1: 0.25}}, n=4), "other", path)
    assert path.read_text() == text


def test_levels_in_band_reads_the_recorded_rates(tmp_path):
    path = _calibration_file(tmp_path)
    assert calibration.levels_in_band("demo-tiny", ARITHMETIC, 0.2, 0.8, path) == [2, 3]
    assert calibration.levels_in_band("demo-tiny", ARITHMETIC, 0.0, 1.0, path) == [1, 2, 3]
    with pytest.raises(KeyError, match="textbook-gym calibrate"):
        calibration.levels_in_band("demo-tiny", COUNTING, path=path)


def test_record_merges_env_ids_and_replace_starts_over(tmp_path):
    path = _calibration_file(tmp_path)
    calibration.record(_report({COUNTING: {1: 0.5}}), "demo-tiny", path)
    assert set(calibration.load(path)["models"]["demo-tiny"]["results"]) == {ARITHMETIC, COUNTING}
    calibration.record(_report({COUNTING: {1: 0.5}}), "demo-tiny", path, replace=True)
    assert set(calibration.load(path)["models"]["demo-tiny"]["results"]) == {COUNTING}


def test_record_refuses_to_mix_settings_under_one_name(tmp_path):
    path = _calibration_file(tmp_path)
    with pytest.raises(ValueError, match="max_tokens"):
        calibration.record(_report({COUNTING: {1: 0.5}}, max_tokens=8), "demo-tiny", path)


def test_record_takes_an_evaluation_report(tmp_path):
    report = evaluate(lambda prompts: ["\\boxed{0}"] * len(prompts), [ARITHMETIC], n=3, difficulty="1-2",
                      progress=False)
    path = calibration.record(report, "zero", tmp_path / "c.json")
    rows = calibration.results("zero", ARITHMETIC, path)
    assert list(rows) == [1, 2] and all(row["n"] == 3 and len(row["ci95"]) == 2 for row in rows.values())


# --------------------------------------------------------------------------- the tables
def test_family_docstrings_hold_no_measured_rates():
    """Pass rates live in the calibration file only (a copy in a docstring goes stale when a family changes)."""
    for family in textbook_gym.list_families():
        module = sys.modules[type(textbook_gym.get_family(family)).__module__]
        assert "pass rates" not in (module.__doc__ or "").lower(), module.__name__


def test_table_has_every_family_then_earlier_versions_then_unknown_env_ids(tmp_path):
    assert ARITHMETIC != ARITHMETIC_V0
    rows = calibration.table(calibration.load(_with_history(tmp_path)), "demo-tiny")
    families = textbook_gym.list_families()
    current = [row for row in rows if row.label in families]
    assert [row.env_id for row in current] == [textbook_gym.get_family(f).env_id for f in families]
    assert len(rows) == len(families) + 2
    arithmetic = rows.index(next(row for row in rows if row.env_id == ARITHMETIC))
    assert rows[arithmetic + 1] == calibration.TableRow(calibration.EARLIER, ARITHMETIC_V0, {1: 0.9, 2: 0.65}, (20,))
    assert rows[-1] == calibration.TableRow(calibration.UNKNOWN, RETIRED, {5: 0.125}, (20,))
    assert rows[arithmetic].pass_at_1 == {1: 1.0, 2: 0.5, 3: 0.3333} and rows[arithmetic].n == (10,)


def test_table_text_per_row(tmp_path):
    rows = {row.env_id: row for row in calibration.table(calibration.load(_with_history(tmp_path)), "demo-tiny")}
    assert calibration.rates_text(rows[ARITHMETIC]) == "1.00  0.50  0.33" + "  -   " * 6 + "  -"
    assert calibration.rates_text(rows[RETIRED]) == "-     " * 4 + "0.12" + "  -   " * 4 + "  -"
    assert calibration.rates_text(rows[COUNTING]) == calibration.NOT_MEASURED == "not measured for this version"
    assert calibration.levels_header().split() == [str(level) for level in range(1, 11)]
    assert calibration.levels_header().index("3") == calibration.rates_text(rows[ARITHMETIC]).index("0.33")
    assert (calibration.n_text(rows[ARITHMETIC]), calibration.n_text(rows[COUNTING])) == ("10", "")
    mixed = calibration.TableRow("X", "textbook/X-v0", {1: 0.5, 2: 0.5}, (2, 50))
    assert calibration.n_text(mixed) == "2-50"


def test_list_calibration_shows_one_table_per_model(tmp_path, capsys):
    path = _with_history(tmp_path)
    assert main(["list", "--calibration", "--calibration-file", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.index("demo-tiny: pass@1 per level") < out.index("other: pass@1 per level")
    demo, other = out.split("other: pass@1 per level")
    assert "1.00  0.50  0.33  -" in _row_line(demo, ARITHMETIC) and " 10 " in _row_line(demo, ARITHMETIC)
    assert calibration.NOT_MEASURED in _row_line(demo, COUNTING)
    assert "earlier version" in _row_line(demo, ARITHMETIC_V0) and "0.90  0.65  -" in _row_line(demo, ARITHMETIC_V0)
    assert "no installed family" in _row_line(demo, RETIRED)
    assert "0.25  -" in _row_line(other, ARITHMETIC) and calibration.NOT_MEASURED in _row_line(other, COUNTING)
    assert "backend callable" in out and "max_tokens 64" in out
    for family in textbook_gym.list_families():  # every family, in both tables
        _row_line(demo, textbook_gym.get_family(family).env_id)
        _row_line(other, textbook_gym.get_family(family).env_id)


def test_calibration_file_alone_implies_calibration(tmp_path, capsys):
    path = _calibration_file(tmp_path)
    assert main(["list", "--calibration-file", str(path)]) == 0
    demo, other = capsys.readouterr().out.split("other: pass@1 per level")
    assert "1.00  0.50  0.33" in _row_line(demo, ARITHMETIC) and "0.25  -" in _row_line(other, ARITHMETIC)


def test_list_calibration_shows_the_shipped_file(capsys):
    assert main(["list", "--calibration"]) == 0
    out = capsys.readouterr().out
    models = calibration.load()["models"]
    assert out.count(": pass@1 per level") == len(models)
    for name, entry in models.items():  # the rows shown are the file's, current version or not
        table = out[out.index(f"{name}: pass@1 per level"):]
        for row in calibration.table({"models": models}, name):
            line = _row_line(table.split(": pass@1 per level")[1], row.env_id)
            assert calibration.rates_text(row) in line
            if row.env_id not in entry["results"]:
                assert calibration.NOT_MEASURED in line


def test_list_calibration_without_models_says_how_to_measure(tmp_path, capsys):
    path = tmp_path / "empty.json"
    path.write_text('{"models": {}}')
    assert main(["list", "--calibration-file", str(path)]) == 0
    assert "no model is calibrated" in capsys.readouterr().out


@pytest.mark.parametrize("argv, message", [
    (["list", "--calibration", "--calibration-file", "{tmp}/absent.json"], "absent.json does not exist"),
    (["list", "--calibration-file", "{tmp}/list.json"], "list.json exists but is not a calibration file"),
    (["list", "--calibration-file", "{tmp}/broken.json"], "give another --calibration-file"),
    (["list", "--calibration", "--suites"], "give only one of --suites or --calibration"),
])
def test_list_calibration_errors_are_one_line(tmp_path, capsys, argv, message):
    (tmp_path / "list.json").write_text("[]")
    (tmp_path / "broken.json").write_text("{")
    assert main([arg.format(tmp=tmp_path) for arg in argv]) == 2
    assert message in _one_line_error(capsys)


def test_names_that_tables_cannot_show_are_refused():
    for name in ("", "a`b", 'a"b', "a\\b", "a\nb"):
        with pytest.raises(UsageError, match="pick a plain one with --name"):
            calibration.check_name(name)
    calibration.check_name("demo-tiny v2 (hf)")


# --------------------------------------------------------------------------- end to end
def test_cli_calibrate_on_the_tiny_model_writes_a_well_formed_file(tiny_model_dir, tmp_path, capsys):
    path = tmp_path / "calibration.json"
    assert main(["calibrate", "--model", str(tiny_model_dir), "--backend", "hf", "--name", "tiny-random",
                 "--envs", "Arithmetic", "Counting", "--n", "2", "--difficulty", "1-2", "--max-tokens", "8",
                 "--out", str(path)]) == 0
    text = path.read_text()
    assert text == json.dumps(json.loads(text), indent=1, sort_keys=True) + "\n"
    entry = calibration.load(path)["models"]["tiny-random"]
    assert entry["meta"]["backend"] == "hf" and entry["meta"]["settings"]["max_tokens"] == 8
    assert set(entry["results"]) == {ARITHMETIC, COUNTING}
    for levels in entry["results"].values():
        assert set(levels) == {"1", "2"}
        for row in levels.values():
            assert set(row) == {"pass@1", "n", "ci95"} and row["n"] == 2
            assert 0.0 <= row["ci95"][0] <= row["pass@1"] <= row["ci95"][1] <= 1.0
    for env_id in (ARITHMETIC, COUNTING):
        assert calibration.levels_in_band("tiny-random", env_id, 0.0, 1.0, path) == [1, 2]
    assert f"list --calibration-file {path}" in capsys.readouterr().err
    assert main(["list", "--calibration-file", str(path)]) == 0
    out = capsys.readouterr().out
    assert "tiny-random: pass@1 per level" in out and " 2 " in _row_line(out, COUNTING)


def test_cli_calibrate_writes_the_shipped_file_only_with_update_shipped(tmp_path, capsys):
    shipped = calibration.DEFAULT_PATH.read_bytes()
    assert main(["calibrate", "--model", str(tmp_path / "no-model"), "--out", str(calibration.DEFAULT_PATH)]) == 2
    assert "add --update-shipped" in _one_line_error(capsys)
    assert main(["calibrate", "--model", str(tmp_path / "no-model"), "--out", str(tmp_path / "c.json"),
                 "--write-docstrings"]) == 2  # the docstring tables are gone, and their flag with them
    assert "unrecognized arguments: --write-docstrings" in _one_line_error(capsys)
    assert calibration.DEFAULT_PATH.read_bytes() == shipped and not (tmp_path / "c.json").exists()


def test_reference_script_calibrates_into_the_file(tiny_model_dir, tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("calibrate_reference", ROOT / "benchmarks" / "calibrate_reference.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    path = tmp_path / "calibration.json"
    assert script.main(["--model", str(tiny_model_dir), "--name", "tiny-random", "--n", "2", "--envs", "Arithmetic",
                        "--difficulty", "1-2", "--max-tokens", "8", "--out", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"[ 1/1] {ARITHMETIC}" in out and f"list --calibration-file {path}" in out
    assert calibration.levels_in_band("tiny-random", ARITHMETIC, 0.0, 1.0, path) == [1, 2]
