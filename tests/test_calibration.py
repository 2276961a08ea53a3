"""Difficulty calibration: the calibration file, the docstring blocks, ``textbook-gym calibrate``."""

from __future__ import annotations

import ast
import importlib.util
import json
import shutil
import sys
from pathlib import Path

import pytest

import textbook_gym
from textbook_gym import calibration
from textbook_gym.cli import main
from textbook_gym.evaluate import evaluate
from textbook_gym.report import EvalReport

ARITHMETIC, COUNTING = "textbook/Arithmetic-v0", "textbook/Counting-v0"
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


@pytest.fixture
def env_copies(tmp_path: Path) -> Path:
    """Copies of the built-in family modules: the writer under test never touches the real sources."""
    out = tmp_path / "envs"
    out.mkdir()
    for source in calibration.family_sources().values():
        shutil.copy(source, out / source.name)
    return out


def _docstring(text: str) -> str:
    return ast.get_docstring(ast.parse(text), clean=False)


# --------------------------------------------------------------------------- the shipped docs
def test_every_family_docstring_block_matches_the_shipped_calibration_file():
    sources = calibration.family_sources()
    assert len(sources) == len(textbook_gym.list_families())
    stale = calibration.stale_docstrings()
    assert not stale, (
        f"measured pass rates in {[s.name for s in stale]} differ from {calibration.DEFAULT_PATH}; run "
        "`python -m textbook_gym.calibration --write-docstrings`")
    if calibration.DEFAULT_PATH.exists():  # the running modules document it too
        data = calibration.load()
        for env_id, source in sources.items():
            module = sys.modules[type(textbook_gym.get_family(env_id)).__module__]
            assert calibration.docstring_block(env_id, data) in module.__doc__, source.name


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


# --------------------------------------------------------------------------- docstring blocks
def test_block_lists_pass_rate_and_n_for_every_level_and_model(tmp_path):
    block = calibration.docstring_block(ARITHMETIC, calibration.load(_calibration_file(tmp_path)))
    lines = block.splitlines()
    assert lines[0] == calibration.BLOCK_BEGIN and lines[-1] == calibration.BLOCK_END
    assert "demo-tiny  pass@1  1.00  0.50  0.33  -" in block
    assert "demo-tiny  n       10    10    10    -" in block
    assert "other      pass@1  0.25  -" in block and "other      n       4     -" in block
    assert lines[lines.index(next(ln for ln in lines if ln.startswith("model"))) - 1].count("=") > 0


def test_family_without_calibration_says_so_explicitly(tmp_path):
    block = calibration.docstring_block(COUNTING, calibration.load(_calibration_file(tmp_path)))
    assert "No reference model has been calibrated on ``textbook/Counting-v0`` yet" in block
    assert "``demo-tiny``, ``other``" in block and block.endswith(calibration.BLOCK_END)


def test_rewrite_is_idempotent_and_removable():
    # start from the module without a block (the shipped file puts one there)
    text = calibration.rewrite_source((ROOT / "envs" / "arithmetic.py").read_text(), None)
    block = calibration.docstring_block(ARITHMETIC, {"models": {}})
    once = calibration.rewrite_source(text, block)
    assert once != text and calibration.rewrite_source(once, block) == once
    assert block in _docstring(once)
    doc = _docstring(once)
    assert doc.index(calibration.BLOCK_END) < doc.index("**Version history.**")
    assert calibration.rewrite_source(once, None) == text
    assert once.split('"""', 2)[2] == text.split('"""', 2)[2]  # the code is untouched


def test_rewrite_replaces_an_older_block_in_place(tmp_path):
    text = (ROOT / "envs" / "arithmetic.py").read_text()
    old = calibration.rewrite_source(text, calibration.docstring_block(ARITHMETIC, {"models": {}}))
    block = calibration.docstring_block(ARITHMETIC, calibration.load(_calibration_file(tmp_path)))
    assert calibration.rewrite_source(old, block) == calibration.rewrite_source(text, block)


def test_rewrite_appends_to_a_docstring_without_version_history():
    text = '"""A family.\n\nIt asks things.\n"""\n\nX = 1\n'
    block = calibration.docstring_block(COUNTING, {"models": {}})
    once = calibration.rewrite_source(text, block)
    assert _docstring(once) == "A family.\n\nIt asks things.\n\n" + block + "\n"
    assert calibration.rewrite_source(once, block) == once
    assert calibration.rewrite_source(once, None) == text


def test_rewrite_refuses_unbalanced_markers():
    text = f'"""A family.\n\n{calibration.BLOCK_BEGIN}\nstale\n"""\n'
    with pytest.raises(ValueError, match="unbalanced markers"):
        calibration.rewrite_source(text, None)


def test_write_docstrings_on_copies_is_idempotent_and_checkable(tmp_path, env_copies):
    path = _calibration_file(tmp_path)
    assert len(calibration.stale_docstrings(path, env_copies)) == len(calibration.family_sources())
    changed = calibration.write_docstrings(path, env_copies)
    assert len(changed) == len(calibration.family_sources())
    assert calibration.write_docstrings(path, env_copies) == []
    assert calibration.stale_docstrings(path, env_copies) == []
    assert "0.33" in _docstring((env_copies / "arithmetic.py").read_text())
    assert "No reference model" in _docstring((env_copies / "counting.py").read_text())
    calibration.record(_report({ARITHMETIC: {4: 0.1}}), "demo-tiny", path)
    assert calibration.stale_docstrings(path, env_copies) == [env_copies / "arithmetic.py"]


def test_module_command_writes_and_checks(tmp_path, env_copies, capsys):
    path = _calibration_file(tmp_path)
    args = ["--path", str(path), "--env-dir", str(env_copies)]
    assert calibration.main(["--check", *args]) == 1
    assert calibration.main(["--write-docstrings", *args]) == 0
    assert calibration.main(["--check", *args]) == 0
    with pytest.raises(FileNotFoundError, match="calibrate"):
        calibration.main(["--write-docstrings", "--path", str(tmp_path / "absent.json"), "--env-dir", str(env_copies)])


# --------------------------------------------------------------------------- end to end
def test_cli_calibrate_on_the_tiny_model_writes_a_well_formed_file(tiny_model_dir, tmp_path):
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


def test_cli_write_docstrings_only_documents_the_shipped_file(tmp_path):
    with pytest.raises(SystemExit, match="shipped calibration file"):
        main(["calibrate", "--model", str(tmp_path / "no-model"), "--out", str(tmp_path / "c.json"),
              "--write-docstrings"])


def test_reference_script_calibrates_and_documents_copies(tiny_model_dir, tmp_path, env_copies, capsys):
    spec = importlib.util.spec_from_file_location("calibrate_reference", ROOT / "benchmarks" / "calibrate_reference.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    path = tmp_path / "calibration.json"
    assert script.main(["--model", str(tiny_model_dir), "--name", "tiny-random", "--n", "2", "--envs", "Arithmetic",
                        "--difficulty", "1-2", "--max-tokens", "8", "--out", str(path),
                        "--env-dir", str(env_copies)]) == 0
    assert "[ 1/1] textbook/Arithmetic-v0" in capsys.readouterr().out
    assert calibration.levels_in_band("tiny-random", ARITHMETIC, 0.0, 1.0, path) == [1, 2]
    assert calibration.stale_docstrings(path, env_copies) == []
    assert "tiny-random  n       2     2     -" in _docstring((env_copies / "arithmetic.py").read_text())
