"""Every ordinary mistake on the command line: one line, exit status 2, and the disk as it was.

Each case runs ``textbook_gym.cli.main`` in a scratch directory that holds a few
prepared files (a non-JSON file, bad YAML, a run directory, an existing report ...)
and checks the three promises of the CLI's error boundary: the exit status, exactly
one stderr line ``textbook-gym: error: ...`` that names the cause, and no file
created, changed or removed anywhere under the scratch directory.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from textbook_gym import cli
from textbook_gym.cli import main

pytest.importorskip("yaml", reason="train needs the train extra")


def snapshot(root: Path) -> dict[str, tuple]:
    """Every path under ``root`` with its kind, size and content hash."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        if path.is_dir():
            out[rel] = ("dir",)
        else:
            data = path.read_bytes()
            out[rel] = ("file", len(data), hashlib.sha256(data).hexdigest(), path.stat().st_mtime_ns)
    return out


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """A working directory with the files the bad inputs point at."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notjson.json").write_text("this is not JSON\n")
    (tmp_path / "other.json").write_text(json.dumps({"hello": 1}))
    (tmp_path / "bad.yaml").write_text("rl:\n  lr: [1, 2\n")
    (tmp_path / "list.yaml").write_text("- 1\n- 2\n")
    (tmp_path / "typo.yaml").write_text("rl:\n  grup_size: 4\n")
    (tmp_path / "emptydir").mkdir()
    (tmp_path / "nomodel").mkdir()
    (tmp_path / "nomodel" / "weights.bin").write_bytes(b"\0" * 8)
    (tmp_path / "afile.txt").write_text("x\n")
    (tmp_path / "reportdir").mkdir()
    (tmp_path / "reportdir" / "report.json").write_text(json.dumps({"meta": {}, "results": {}}))
    from textbook_gym.agents import config as C

    (tmp_path / "run").mkdir()  # a run stopped after it recorded its configuration
    C.save_yaml(C.preset("smoke"), tmp_path / "run" / "config.yaml")
    (tmp_path / "stuff").mkdir()  # a directory that holds something else
    (tmp_path / "stuff" / "notes.txt").write_text("mine\n")
    return tmp_path


MODEL = ["--model", "nomodel"]  # parse-time mistakes must be caught before the model is even looked at
ENVS = ["--envs", "Arithmetic"]

CASES = [
    # (argv, words the message must contain)
    (["list", "--bogus"], "unrecognized arguments: --bogus"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
    ([], "required: COMMAND"),
    # show
    (["show", "Arithmetc"], "did you mean 'Arithmetic'"),
    (["show", "textbook/Arithmetc-v0"], "did you mean 'textbook/Arithmetic-v"),
    (["show", "Arithmetic", "--difficulty", "11"], "levels run from 1 to 10, got 11"),
    (["show", "Arithmetic", "--difficulty", "0"], "levels run from 1 to 10, got 0"),
    (["show", "Arithmetic", "--difficulty", "hard"], "expects a level 1-10"),
    (["show", "Arithmetic", "-n", "-1"], "argument -n: must be at least 1, got -1"),
    (["show", "Arithmetic", "-n", "0"], "argument -n: must be at least 1, got 0"),
    (["show", "Arithmetic", "-n", "two"], "expects a whole number, got 'two'"),
    (["show", "Arithmetic", "--seed", "-2"], "argument --seed: must be at least 0"),
    (["show", "Arithmetic", "--dificulty", "3"], "did you mean '--difficulty'"),
    (["show"], "required: family"),
    # play and demo
    (["play", "Nope"], "unknown family 'Nope'"),
    (["play", "--difficulty", "11"], "levels run from 1 to 10"),
    (["play", "--difficulty", "0"], "levels run from 1 to 10"),
    (["play", "--difficulty", "5-2"], "range '5-2' is empty"),
    (["play", "--attempts", "0"], "argument --attempts: must be at least 1"),
    (["play", "--episodes", "abc"], "argument --episodes: expects a whole number"),
    (["play", "--feedback", "loud"], "argument --feedback: invalid choice: 'loud'"),
    (["demo", "Fractons"], "did you mean 'Fractions'"),
    (["demo", "--difficulty", "1-11"], "levels run from 1 to 10"),
    (["demo", "--episodes", "-3"], "argument --episodes: must be at least 1"),
    # export
    (["export", "Nope", "--kind", "worked", "--out", "x.jsonl"], "unknown family 'Nope'"),
    (["export", "Arithmetic", "--kind", "worked", "--n", "-5", "--out", "x.jsonl"], "argument --n: must be at least 1"),
    (["export", "Arithmetic", "--kind", "worked", "--n", "0", "--out", "x.jsonl"], "argument --n: must be at least 1"),
    (["export", "Arithmetic", "--kind", "quiz", "--out", "x.jsonl"], "argument --kind: invalid choice: 'quiz'"),
    (["export", "Arithmetic", "--kind", "worked", "--out", "nonexistent/dir/x.jsonl"],
     "the directory nonexistent/dir does not exist"),
    (["export", "Arithmetic", "--kind", "worked", "--format", "dataset", "--out", "nonexistent/dir/d"],
     "the directory nonexistent/dir does not exist"),
    (["export", "Arithmetic", "--kind", "worked", "--out", "emptydir"], "--out emptydir is a directory"),
    (["export", "Arithmetic", "--kind", "worked", "--format", "dataset", "--out", "afile.txt"], "is a file"),
    (["export", "Arithmetic", "--kind", "worked", "--difficulty", "11", "--out", "x.jsonl"], "levels run from 1 to 10"),
    (["export", "Arithmetic", "--kind", "worked", "--split", "dev", "--out", "x.jsonl"], "invalid choice: 'dev'"),
    (["export", "Arithmetic", "--out", "x.jsonl"], "required: --kind"),
    # eval
    (["eval", *MODEL, *ENVS, "--k", "abc", "--out", "e"], "argument --k: expects pass@k values"),
    (["eval", *MODEL, *ENVS, "--k", "0", "--out", "e"], "pass@k needs k >= 1"),
    (["eval", *MODEL, *ENVS, "--k", "1,x", "--out", "e"], "argument --k: expects pass@k values"),
    (["eval", *MODEL, "--envs", "Arithmetic", "Nope", "--out", "e"], "unknown family 'Nope'"),
    (["eval", *MODEL, "--suite", "nosuchsuite", "--out", "e"], "unknown suite 'nosuchsuite'"),
    (["eval", *MODEL, "--suite", "cor", "--out", "e"], "did you mean 'core'"),
    (["eval", *MODEL, *ENVS, "--difficulty", "11", "--out", "e"], "levels run from 1 to 10"),
    (["eval", *MODEL, *ENVS, "--n", "0", "--out", "e"], "argument --n: must be at least 1"),
    (["eval", *MODEL, *ENVS, "--max-tokens", "-1", "--out", "e"], "argument --max-tokens: must be at least 1"),
    (["eval", *MODEL, *ENVS, "--temperature", "-1", "--out", "e"], "argument --temperature: must be a finite"),
    (["eval", *MODEL, "--out", "e"], "exactly one of --suite NAME or --envs"),
    (["eval", *MODEL, *ENVS, "--suite", "core", "--out", "e"], "exactly one of --suite NAME or --envs"),
    (["eval", "--model", "runs/gone/final", *ENVS, "--out", "e"], "--model runs/gone/final: no such directory"),
    (["eval", "--model", "nosuchorg/nosuchmodel", *ENVS, "--out", "e"],
     "--model nosuchorg/nosuchmodel: no local directory of that name"),
    (["eval", "--model", "emptydir/missing", *ENVS, "--out", "e"], "--model emptydir/missing: no such directory"),
    (["eval", "--model", "./missing", *ENVS, "--out", "e"], "no such directory"),
    (["eval", "--model", "afile.txt", *ENVS, "--out", "e"], "--model afile.txt is a file"),
    (["eval", "--model", "nomodel", *ENVS, "--out", "e"], "--model nomodel holds no config.json"),
    (["eval", *MODEL, "--backend", "openai", *ENVS, "--out", "e"], "--backend openai needs --base-url"),
    (["eval", *MODEL, *ENVS, "--out", "reportdir"], "already holds a report"),
    (["eval", *MODEL, *ENVS, "--out", "afile.txt"], "--out afile.txt is a file"),
    (["eval", *ENVS, "--out", "e"], "required: --model"),
    # compare
    (["compare", "missing.json"], "missing.json does not exist"),
    (["compare", "notjson.json"], "notjson.json is not JSON"),
    (["compare", "other.json"], "is JSON but not an evaluation report"),
    (["compare", "emptydir"], "emptydir holds no report.json"),
    (["compare", "reportdir", "missing.json", "--out", "board"], "missing.json does not exist"),
    # calibrate
    (["calibrate", *MODEL, "--write-docstrings"], "unrecognized arguments: --write-docstrings"),
    (["calibrate", *MODEL, "--update-shipped", "--out", "c.json"], "drop --out"),
    (["calibrate", *MODEL, "--out", "other.json"], "other.json exists but is not a calibration file"),
    (["calibrate", *MODEL, "--out", "notjson.json"], "notjson.json exists but is not a calibration file"),
    (["calibrate", *MODEL, "--out", "nonexistent/c.json"], "the directory nonexistent does not exist"),
    (["calibrate", *MODEL, "--envs", "Nope"], "unknown family 'Nope'"),
    (["calibrate", *MODEL, "--name", "a`b"], "cannot be shown plainly in calibration tables"),
    (["list", "--calibration-file", "missing.json"], "missing.json does not exist"),
    (["list", "--calibration-file", "other.json"], "other.json exists but is not a calibration file"),
    (["calibrate", "--model", "gone/away/model"], "no such directory"),
    # train: the configuration, then the run directory, all before any stage
    (["train", "--config", "missing.yaml"], "--config missing.yaml does not exist"),
    (["train", "--config", "bad.yaml"], "bad.yaml is not valid YAML at line"),
    (["train", "--config", "list.yaml"], "expected a mapping of sections"),
    (["train", "--config", "typo.yaml"], "has no field 'grup_size' (did you mean 'group_size'?)"),
    (["train", "--config", "emptydir"], "is a directory"),
    (["train", "--rl.algorithm", "dpo", "--out", "r"], "rl.algorithm must be one of grpo, ppo, got 'dpo'"),
    (["train", "--rl.steps", "-3", "--out", "r"], "rl.steps must be at least 1, got -3"),
    (["train", "--rl.steps", "many", "--out", "r"], "rl.steps expects a whole number, got 'many'"),
    (["train", "--data.families", "Nope", "--out", "r"], "data.families: unknown family 'Nope'"),
    (["train", "--data.difficulty", "11", "--out", "r"], "data.difficulty must be a level N or a range"),
    (["train", "--rl.difficulty", "3-1", "--out", "r"], "rl.difficulty must be a level N or a range"),
    (["train", "--sft.lr-schedule", "exponential", "--out", "r"], "sft.lr_schedule must be one of"),
    (["train", "--rl.lr-schedule", "wsd", "--out", "r"], "rl.lr_schedule must be one of constant, linear, cosine"),
    (["train", "--rl.group-size", "1", "--out", "r"], "rl.group_size must be at least 2"),
    (["train", "--rl.curriculum-band", "0.8,0.2", "--out", "r"], "rl.curriculum_band must be two rates"),
    (["train", "--rl.temperature", "0", "--out", "r"], "rl.temperature must lie in (0, inf]"),
    (["train", "--model.path", "runs/none/final", "--out", "r"], "model.path runs/none/final: no such directory"),
    (["train", "--model.size", "huge", "--out", "r"], "model.size must be one of tiny, small"),
    (["train", "--model.device", "gpu", "--out", "r"], "model.device must be auto, cpu, cuda or cuda:N"),
    (["train", "--preset", "huge"], "argument --preset: invalid choice: 'huge'"),
    (["train", "--rl.grup-size", "3"], "did you mean '--rl.group-size'"),
    (["train", "--rl.algorithm", "dpo", "--rl.steps", "-3", "--dump-config"], "has 2 problems"),
    (["train", "--data.families", "Nope", "--dump-config"], "unknown family 'Nope'"),
    (["train", "--preset", "smoke", "--out", "run"], "already holds a run; pass --resume"),
    (["train", "--preset", "smoke", "--out", "run", "--resume", "--overwrite"], "pass only one"),
    (["train", "--preset", "smoke", "--out", "emptydir", "--resume"], "nothing to resume"),
    (["train", "--preset", "smoke", "--out", "stuff"], "is not empty and holds no run"),
    (["train", "--preset", "smoke", "--out", "stuff", "--overwrite"], "is not empty and holds no run"),
    (["train", "--preset", "smoke", "--out", "afile.txt"], "--out afile.txt is a file"),
]

COMMANDS = {"list", "show", "play", "demo", "export", "eval", "compare", "calibrate", "train"}


def test_the_table_covers_every_subcommand():
    assert COMMANDS <= {argv[0] for argv, _ in CASES if argv}


@pytest.mark.parametrize(("argv", "cause"), CASES, ids=[" ".join(a) or "(nothing)" for a, _ in CASES])
def test_a_mistake_gives_one_line_exit_2_and_leaves_the_disk_alone(scratch, capsys, argv, cause):
    before = snapshot(scratch)
    status = main(argv)
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert status == 2, captured.err
    assert len(lines) == 1 and lines[0].startswith("textbook-gym: error: "), captured.err
    assert cause in lines[0]
    assert "Traceback" not in captured.err + captured.out
    assert snapshot(scratch) == before


def test_a_real_process_exits_2_with_one_line(scratch):
    for argv in (["show", "Arithmetic", "--difficulty", "11"], ["compare", "notjson.json"],
                 ["train", "--rl.algorithm", "dpo", "--dump-config"]):
        done = subprocess.run([sys.executable, "-m", "textbook_gym.cli", *argv], capture_output=True, text=True,
                              timeout=120, cwd=scratch)
        assert done.returncode == 2, done.stderr
        assert done.stderr.splitlines() == [done.stderr.strip()] and done.stderr.startswith("textbook-gym: error:")


def test_eval_checks_env_names_before_it_loads_a_real_model(tiny_model_dir, scratch, capsys):
    before = snapshot(scratch)
    assert main(["eval", "--model", str(tiny_model_dir), "--envs", "Arithmetc", "--out", "e"]) == 2
    assert "did you mean 'Arithmetic'" in capsys.readouterr().err
    assert snapshot(scratch) == before


def test_ctrl_c_in_play_exits_130_quietly():
    # A job started in the background by a shell inherits SIGINT ignored, and Python then never raises
    # KeyboardInterrupt; a person at a terminal has the default, so the child gets it back whatever ran the tests.
    proc = subprocess.Popen([sys.executable, "-m", "textbook_gym.cli", "play", "--episodes", "2"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    seen = b""
    while b"> " not in seen:  # the prompt: play is waiting for the person
        chunk = os.read(proc.stdout.fileno(), 4096)
        assert chunk, proc.stderr.read()
        seen += chunk
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert b"Traceback" not in err and err.decode().strip() == "textbook-gym: interrupted"


def test_play_takes_a_bare_answer_from_a_person():
    from textbook_gym.env import TextbookEnv

    env = TextbookEnv("Arithmetic", difficulty=1)
    env.reset(seed=0)
    answer = env.problem.answer
    script = f"{answer}\n"
    done = subprocess.run([sys.executable, "-m", "textbook_gym.cli", "play", "--episodes", "1", "--seed", "0"],
                          input=script, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "CORRECT" in done.stdout and "INCORRECT" not in done.stdout and "Score: 1 / 1" in done.stdout


def test_bare_answers_are_anchored_and_anchored_ones_pass_unchanged():
    assert cli.as_answer("12") == "Answer: 12"
    assert cli.as_answer(" 3/4 \n") == "Answer: 3/4"
    assert cli.as_answer("\\boxed{12}") == "\\boxed{12}"
    assert cli.as_answer("Answer: 12") == "Answer: 12"
    assert cli.as_answer("") == ""


def test_an_unexpected_error_is_one_line_exit_1_and_the_traceback_needs_debug(monkeypatch, capsys):
    def broken(args):
        raise RuntimeError("something inside broke")

    monkeypatch.setattr(cli, "cmd_list", broken)
    assert main(["list"]) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == ["textbook-gym: error: unexpected RuntimeError: something inside broke (a bug; rerun "
                                "with --debug for the traceback and report it)"]
    with pytest.raises(RuntimeError, match="something inside broke"):
        main(["list", "--debug"])
    with pytest.raises(RuntimeError, match="something inside broke"):
        main(["--debug", "list"])


def test_every_flag_of_every_command_has_help_text():
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    missing = []
    for name, command in sub.choices.items():
        for action in command._actions:
            if not action.help and action.dest != "help":
                missing.append(f"{name} {'/'.join(action.option_strings) or action.dest}")
    assert not missing


def test_help_exits_0():
    assert main(["--help"]) == 0
    assert main(["eval", "--help"]) == 0


def test_export_replaces_an_existing_file_atomically(scratch):
    out = scratch / "w.jsonl"
    out.write_text("old\n")
    assert main(["export", "Arithmetic", "--kind", "worked", "--n", "3", "--out", str(out)]) == 0
    assert len(out.read_text().splitlines()) == 3
    assert sorted(p.name for p in scratch.iterdir() if p.name.startswith(".")) == []  # no temporaries left


def test_calibrate_writes_to_the_working_directory_by_default(tiny_model_dir, scratch):
    from textbook_gym import calibration

    shipped = calibration.DEFAULT_PATH.read_bytes()
    assert main(["calibrate", "--model", str(tiny_model_dir), "--envs", "Arithmetic", "--n", "1",
                 "--difficulty", "1", "--max-tokens", "4", "--name", "tiny"]) == 0
    assert "tiny" in calibration.load(scratch / "calibration.json")["models"]
    assert calibration.DEFAULT_PATH.read_bytes() == shipped


def test_eval_replaces_a_report_only_when_asked(tiny_model_dir, scratch, capsys):
    argv = ["eval", "--model", str(tiny_model_dir), "--envs", "Arithmetic", "--n", "1", "--difficulty", "1",
            "--max-tokens", "4", "--name", "tiny", "--out", "rep"]
    assert main(argv) == 0
    first = snapshot(scratch / "rep")
    assert json.loads((scratch / "rep" / "report.json").read_text())["meta"]["name"] == "tiny"
    capsys.readouterr()
    assert main(argv) == 2
    assert "already holds a report" in capsys.readouterr().err
    assert snapshot(scratch / "rep") == first
    assert main([*argv, "--overwrite"]) == 0
    assert not [p for p in (scratch / "rep").iterdir() if p.name.startswith(".")]  # no temporaries left
