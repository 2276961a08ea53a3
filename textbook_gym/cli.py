"""The ``textbook-gym`` command line.

``list``     families, env ids, difficulties (``--suites`` for suites, ``--calibration`` for pass rates)
``show``     problems with worked solutions and an exposition sample
``play``     answer problems yourself in the terminal, with trial-and-error feedback
``demo``     a scripted policy plays a few trial-and-error episodes
``export``   write exposition / worked / practice data as JSONL or a datasets.Dataset
``eval``     benchmark a model on a suite (pass@k, difficulty curves, report.json/md, plots)
``compare``  several evaluation reports side by side
``calibrate`` measure pass rates per level for a model and record them
``train``    the textbook pipeline (pretrain, SFT, RL), when the learner is installed

Errors: a mistake in the command (an unknown name, a value out of range, a missing
file, a bad configuration) is reported on one line, ``textbook-gym: error: ...``,
with exit status 2, before anything is computed or written. Anything else is a bug:
one line with exit status 1, the traceback with ``--debug``. Ctrl-C exits with 130.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

import textbook_gym
from textbook_gym import export as export_mod
from textbook_gym.env import FEEDBACK_MODES, TextbookEnv
from textbook_gym.errors import EXIT_INTERRUPTED, EXIT_USAGE, UsageError, suggest, unknown_name
from textbook_gym.family import MAX_DIFFICULTY, MIN_DIFFICULTY
from textbook_gym.files import write_text_atomic
from textbook_gym.suites import SUITES

PROG = "textbook-gym"
EXIT_BUG = 1
"""Exit status when something unexpected (a bug) stopped the command."""


# --------------------------------------------------------------------------- argument types
# Each turns a command-line string into a value or raises ArgumentTypeError, which the
# parser reports as "argument --NAME: <message>" on one line, before any command runs.
def _whole(minimum: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expects a whole number, got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {value}")
        return value

    parse.__name__ = f"whole number >= {minimum}"
    return parse


_count = _whole(1)
_seed = _whole(0)


def _level(text: str) -> int:
    """One difficulty level."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expects a level {MIN_DIFFICULTY}-{MAX_DIFFICULTY}, got {text!r}") from None
    if not MIN_DIFFICULTY <= value <= MAX_DIFFICULTY:
        raise argparse.ArgumentTypeError(f"levels run from {MIN_DIFFICULTY} to {MAX_DIFFICULTY}, got {value}")
    return value


def _levels(text: str) -> str:
    """A level ``N`` or a range ``LO-HI``; returned as typed, for the APIs that parse it."""
    lo, sep, hi = text.partition("-")
    bounds = []
    for part in (lo, hi) if sep else (lo,):
        try:
            bounds.append(int(part))
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"expects a level N or a range LO-HI such as 2-5 (levels {MIN_DIFFICULTY}-{MAX_DIFFICULTY}), "
                f"got {text!r}") from None
    for value in bounds:
        if not MIN_DIFFICULTY <= value <= MAX_DIFFICULTY:
            raise argparse.ArgumentTypeError(f"levels run from {MIN_DIFFICULTY} to {MAX_DIFFICULTY}, got {text!r}")
    if len(bounds) == 2 and bounds[0] > bounds[1]:
        raise argparse.ArgumentTypeError(f"the range {text!r} is empty; write it low-high, e.g. {bounds[1]}-{bounds[0]}")
    return text


def _k_values(text: str) -> list[int]:
    """``1,8`` -> [1, 8]."""
    values: list[int] = []
    for part in text.split(","):
        try:
            value = int(part)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"expects pass@k values as whole numbers separated by commas, e.g. 1,8; got {text!r}") from None
        if value < 1:
            raise argparse.ArgumentTypeError(f"pass@k needs k >= 1, got {value} in {text!r}")
        if value not in values:
            values.append(value)
    return values


def _temperature(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expects a number, got {text!r}") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"must be a finite number >= 0 (0 = greedy), got {text!r}")
    return value


def _family(text: str) -> str:
    """A registered family name or env id (``Arithmetic``, ``Arithmetic-v1``, ``textbook/Arithmetic-v1``)."""
    try:
        textbook_gym.get_family(text)
    except KeyError:
        names = textbook_gym.list_families()
        choices = textbook_gym.list_env_ids() if text.startswith("textbook/") else names
        raise argparse.ArgumentTypeError(str(unknown_name("family", text, choices))) from None
    return text


def _suite(text: str) -> str:
    if text not in SUITES:
        raise argparse.ArgumentTypeError(
            str(unknown_name("suite", text, SUITES, "see `textbook-gym list --suites` for all of them")))
    return text


# --------------------------------------------------------------------------- checks before work
def _check_output_file(path: Path, flag: str = "--out") -> None:
    """An output file goes into an existing directory and does not replace a directory."""
    if path.is_dir():
        raise UsageError(f"{flag} {path} is a directory; give a file name inside it, e.g. {path / 'data.jsonl'}")
    parent = path.parent
    if not parent.is_dir():
        raise UsageError(f"{flag} {path}: the directory {parent} does not exist; create it first (mkdir -p {parent}) "
                         "or write somewhere else")


def _check_output_dir(path: Path, flag: str = "--out") -> None:
    if path.exists() and not path.is_dir():
        raise UsageError(f"{flag} {path} is a file, not a directory; give a directory name")


def _check_model(args: argparse.Namespace) -> None:
    """Before any model is loaded: the backend's settings and, for local models, the directory."""
    if args.backend == "openai":
        if not args.base_url:
            raise UsageError("--backend openai needs --base-url, e.g. --base-url http://127.0.0.1:8000/v1")
        return
    if args.base_url:
        raise UsageError(f"--base-url is for --backend openai; drop it or pass --backend openai (got --backend "
                         f"{args.backend})")
    from textbook_gym.agents.config import check_model_path

    check_model_path(args.model, "--model")


# --------------------------------------------------------------------------- atomic output
def _atomic_save_dir(path: Path, write: Callable[[Path], None]) -> None:
    """Let ``write`` fill a temporary sibling directory, then swap it in for ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    old = path.with_name(f".{path.name}.old")
    try:
        write(tmp)
        if path.exists():
            shutil.rmtree(old, ignore_errors=True)
            path.rename(old)
        tmp.rename(path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)


# --------------------------------------------------------------------------- commands
def _console():
    from rich.console import Console

    # Wide when piped, so tables keep whole env ids in logs and captured output.
    return Console(highlight=False, width=None if sys.stdout.isatty() else 160)


def cmd_list(args: argparse.Namespace) -> int:
    from rich.table import Table

    calibration = args.calibration or args.calibration_file is not None
    if args.suites and calibration:
        raise UsageError("give only one of --suites or --calibration")
    if calibration:
        return _list_calibration(args.calibration_file)
    console = _console()
    if args.suites:
        table = Table("suite", "difficulty", "envs", "description")
        for suite in SUITES.values():
            entries = suite.entries()
            table.add_row(suite.name, f"{suite.difficulty[0]}-{suite.difficulty[1]}", str(len(entries)),
                          suite.description)
        console.print(table)
        return 0
    from textbook_gym import splits

    table = Table("family", "env id", "answer type", "passages", "problems per level 1..10 (~ estimate)", "test share")
    for name in textbook_gym.list_families():
        fam = textbook_gym.get_family(name)
        sizes = [splits.space_size(fam, level) for level in range(1, 11)]
        shown = " ".join("?" if size is None else ("" if size[1] else "~") + _short_count(size[0]) for size in sizes)
        table.add_row(name, fam.env_id, fam.answer_type, str(len(fam.exposition())), shown,
                      f"{splits.held_out_share(fam):.0%}")
    console.print(table)
    return 0


def _short_count(count: int) -> str:
    for size, suffix in ((10**9, "G"), (10**6, "M"), (10**3, "k")):
        if count >= size:
            return f"{count / size:.3g}{suffix}"
    return str(count)


def _list_calibration(file: str | None) -> int:
    """One table per calibrated model: pass@1 per env id and level (``list --calibration``)."""
    from rich.markup import escape
    from rich.table import Table

    from textbook_gym import calibration

    path = calibration.DEFAULT_PATH if file is None else Path(file)
    if file is not None and not path.exists():
        raise UsageError(f"--calibration-file {path} does not exist; give a file written by `textbook-gym calibrate`, "
                         "or drop --calibration-file to read the shipped one")
    calibration.check_file(path, "--calibration-file")
    models = calibration.load(path)["models"]
    if not models:
        print(f"no model is calibrated in {path} yet; `textbook-gym calibrate --model DIR --out {path}` measures one")
        return 0
    console = _console()
    for name in sorted(models):
        table = Table("family", "env id", "n", escape(calibration.levels_header()), title=escape(
            f"{name}: pass@1 per level ({path})"), caption=escape(calibration.describe(models[name].get("meta", {}))))
        table.columns[-1].no_wrap = True
        for row in calibration.table({"models": models}, name):
            table.add_row(escape(row.label), escape(row.env_id), calibration.n_text(row),
                          escape(calibration.rates_text(row)))
        console.print(table)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    fam = textbook_gym.get_family(args.family)
    console = _console()
    rng = np.random.default_rng(args.seed)
    for i in range(args.n):
        problem = fam.generate(rng, args.difficulty)
        console.rule(f"{fam.env_id} · difficulty {args.difficulty} · problem {i + 1}")
        console.print(fam.prompt(problem), markup=False)
        console.print("\n[bold]Worked solution[/bold]")
        console.print(fam.worked_solution(problem), markup=False)
    passages = fam.exposition()
    console.rule(f"exposition sample (1 of {len(passages)} passages)")
    console.print(passages[int(rng.integers(0, len(passages)))], markup=False)
    return 0


def as_answer(text: str) -> str:
    """A person's bare reply (``12``) in the anchored form the verifier reads (``Answer: 12``).

    Replies that already anchor an answer (``\\boxed{12}``, ``Answer: 12``) pass
    unchanged. Only ``play`` does this: models are held to the strict format.
    """
    from textbook_gym.verifiers.extract import extract_answers

    stripped = text.strip()
    if not stripped or extract_answers(text).total:
        return text
    return f"Answer: {stripped}"


def cmd_play(args: argparse.Namespace) -> int:
    env = TextbookEnv(args.family, difficulty=args.difficulty, max_attempts=args.attempts, feedback=args.feedback)
    console = _console()
    try:
        obs, _ = env.reset(seed=args.seed)
        console.print("Type your answer (a bare 12 is fine) and press Enter; Ctrl-D or Ctrl-C quits.")
        score = 0.0
        for episode in range(args.episodes):
            if episode:
                obs, _ = env.reset()
            console.rule(f"problem {episode + 1} of {args.episodes}")
            console.print(obs, markup=False)
            terminated = False
            while not terminated:
                try:
                    response = input("> ")
                except EOFError:
                    console.print("\nbye")
                    return 0
                obs, reward, terminated, _, info = env.step(as_answer(response))
                verdict = info["verdict"]
                console.print(f"[bold]{verdict.status.value}[/bold] (reward {reward:g}) {verdict.reason}")
                if not terminated:
                    console.print(env.messages[-1]["content"], markup=False)
            score += reward
            if not info["correct"]:
                console.print(f"The answer was {info['answer']}.")
        console.print(f"Score: {score:g} / {args.episodes}")
        return 0
    finally:
        env.close()


def _scripted_policy(env: TextbookEnv, episode: int, attempt: int) -> str:
    """Right on the first try, after a retry, or never, in a repeating pattern."""
    problem, family = env.problem, env.family
    plan = episode % 3
    if plan == 0 or (plan == 1 and attempt >= 1):
        return family.worked_solution(problem)
    if attempt == 0 and plan == 2:
        return "I think it is about a hundred."
    answer = problem.answer
    wrong = answer + 1 if isinstance(answer, int) else "0"
    return f"My answer: \\boxed{{{wrong}}}"


def cmd_demo(args: argparse.Namespace) -> int:
    """A scripted policy plays trial-and-error episodes; the transcript shows the env loop."""
    console = _console()
    env = TextbookEnv(args.family, difficulty=args.difficulty, max_attempts=args.attempts, feedback=args.feedback,
                      render_mode="ansi")
    env.reset(seed=args.seed)
    total = 0.0
    for episode in range(args.episodes):
        obs = env.reset()[0] if episode else env.render()
        console.rule(f"episode {episode + 1} · {env.family.env_id} · difficulty {env.problem.difficulty}")
        console.print("[bold cyan]observation[/bold cyan]")
        console.print(obs, markup=False)
        terminated, attempt = False, 0
        while not terminated:
            action = _scripted_policy(env, episode, attempt)
            console.print(f"[bold magenta]action (attempt {attempt + 1})[/bold magenta]")
            console.print(action, markup=False)
            obs, reward, terminated, _, info = env.step(action)
            verdict = info["verdict"]
            console.print(f"[bold]reward {reward:g}[/bold] · {verdict.status.value} · {verdict.reason}")
            if not terminated:
                console.print("[bold cyan]feedback[/bold cyan]")
                console.print(env.messages[-1]["content"], markup=False)
            attempt += 1
        total += reward
    console.rule()
    console.print(f"solved {total:g} of {args.episodes} episodes with at most {args.attempts} attempts each")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if args.format == "verl":
        if args.kind != "practice":
            raise UsageError("--format verl writes practice problems for RL; pass --kind practice")
        _check_output_file(out)
        from textbook_gym.integrations.verl import export_rows, write_parquet

        rows = export_rows(args.families, args.n, split=None if args.split == "both" else args.split, seed=args.seed,
                           difficulty=args.difficulty)
        write_parquet(rows, out)
        print(f"wrote {len(rows)} verl rows to {out}", file=sys.stderr)
        return 0
    if args.format == "dataset":
        _check_output_dir(out)
        if not out.parent.is_dir():
            raise UsageError(f"--out {out}: the directory {out.parent} does not exist; create it first "
                             f"(mkdir -p {out.parent}) or write somewhere else")
    else:
        _check_output_file(out)
    rows = export_mod.records(
        args.families, args.kind, args.n, split=None if args.split == "both" else args.split, seed=args.seed, difficulty=args.difficulty, chat=args.chat
    )
    if args.format == "dataset":
        dataset = export_mod.to_dataset(rows)
        _atomic_save_dir(out, lambda tmp: dataset.save_to_disk(str(tmp)))
    else:
        write_text_atomic(out, [json.dumps(row, ensure_ascii=False) + "\n" for row in rows])
    print(f"wrote {len(rows)} {args.kind} records to {out}", file=sys.stderr)
    return 0


def _policy(args: argparse.Namespace):
    from textbook_gym.agents.backends import make_backend

    options = {"base_url": args.base_url} if args.backend == "openai" else {}
    try:
        return make_backend(args.backend, model=args.model, **options)
    except OSError as exc:  # transformers' "not a local folder and not a valid model identifier" and kin
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UsageError(f"cannot load --model {args.model}: {first}; give a model directory (one with "
                         "config.json) or a Hugging Face hub id that is cached or reachable") from exc


def _evaluate_from_args(args: argparse.Namespace, targets):
    import inspect

    from textbook_gym.evaluate import evaluate

    options = {}
    if getattr(args, "name", None) and "name" in inspect.signature(evaluate).parameters:
        options["name"] = args.name  # the label of the policy in reports and leaderboards
    split = getattr(args, "split", "test")
    options["split"] = None if split == "both" else split
    if getattr(args, "ray", None) is not None:  # engines and verifiers as actors on a Ray cluster (#19)
        try:
            from textbook_gym.distributed import evaluate_on_ray
        except ImportError as exc:
            raise UsageError(f"--ray needs the ray extra ({exc}); pip install 'textbook-gym[ray]'") from None
        return evaluate_on_ray(
            args.ray, targets, model=args.model, backend=args.backend, engines=args.engines,
            backend_options={"base_url": args.base_url} if args.backend == "openai" else None,
            n=args.n, k=args.k, difficulty=args.difficulty, attempts=args.attempts, feedback=args.feedback,
            open_book=args.open_book, seed=args.seed, temperature=args.temperature, max_tokens=args.max_tokens,
            **options,
        )
    backend = _policy(args)
    try:
        return evaluate(
            backend, targets, n=args.n, k=args.k, difficulty=args.difficulty, attempts=args.attempts,
            feedback=args.feedback, open_book=args.open_book, seed=args.seed, temperature=args.temperature,
            max_tokens=args.max_tokens, model=args.model, **options,
        )
    finally:
        backend.close()


def cmd_eval(args: argparse.Namespace) -> int:
    if bool(args.suite) == bool(args.envs):
        raise UsageError("give exactly one of --suite NAME or --envs ID [ID ...]")
    out = Path(args.out)
    _check_output_dir(out)
    if (out / "report.json").exists() and not args.overwrite:
        raise UsageError(f"--out {out} already holds a report (report.json); pass --overwrite to replace it or "
                         "choose another --out")
    _check_model(args)
    report = _evaluate_from_args(args, args.suite or args.envs)
    report.save(out)
    print(report.to_markdown())
    print(f"wrote {out / 'report.json'}, report.md and plots", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        from textbook_gym.integrations.openenv_server import serve_main
    except ImportError as exc:
        raise UsageError(f"serve needs the openenv extra ({exc}); pip install 'textbook-gym[openenv]'") from None
    argv = ["--host", args.host, "--port", str(args.port), "--max-sessions", str(args.max_sessions)]
    return serve_main(argv + (["--families", *args.families] if args.families else []))


def cmd_compare(args: argparse.Namespace) -> int:
    from textbook_gym.report import EvalReport, compare

    if args.out is not None:
        _check_output_dir(Path(args.out))
    for path in args.reports:
        EvalReport.load(path)  # every file is read and checked before anything is written
    print(compare(args.reports, args.out))
    return 0


def cmd_calibrate(args: argparse.Namespace) -> int:
    from textbook_gym import calibration

    if args.update_shipped and args.out is not None:
        raise UsageError("--update-shipped writes the calibration file shipped with the package; drop --out, or "
                         "drop --update-shipped to write your own file")
    if args.out is not None and Path(args.out).resolve() == calibration.DEFAULT_PATH.resolve():
        raise UsageError(f"--out {args.out} is the calibration file shipped with the package; to update it, drop "
                         "--out and add --update-shipped (maintainers), or give another --out")
    out = calibration.DEFAULT_PATH if args.update_shipped else Path(args.out or calibration.USER_PATH)
    _check_output_file(out)
    calibration.check_file(out)
    if args.name is not None:
        calibration.check_name(args.name)
    _check_model(args)
    args.suite, args.difficulty = None, args.difficulty or "1-10"
    report = _evaluate_from_args(args, args.envs or textbook_gym.list_env_ids())
    name = args.name or args.model
    path = calibration.record(report, name, out, replace=args.replace)
    print(report.to_markdown())
    print(f"calibration for {name} merged into {path}; `textbook-gym list --calibration-file {path}` shows it",
          file=sys.stderr)
    return 0


# --------------------------------------------------------------------------- the parser
class _Parser(argparse.ArgumentParser):
    """argparse with its errors raised as one-line UsageErrors instead of usage text and exit."""

    def error(self, message: str):
        raise UsageError(f"{message}; see `{self.prog} --help`")

    def parse_args(self, args=None, namespace=None):
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:  # name the command's closest flag, as for unknown names
            command = self._command_parser(getattr(parsed, "command", None))
            options = {o.replace("_", "-") for action in command._actions for o in action.option_strings}
            flag = next((e.split("=")[0] for e in extras if e.startswith("-")), None)
            hint = suggest(flag, options) if flag else ""
            command.error(f"unrecognized arguments: {' '.join(extras)}" + (f" ({hint})" if hint else ""))
        return parsed

    def _command_parser(self, command: str | None) -> argparse.ArgumentParser:
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction) and command in action.choices:
                return action.choices[command]
        return self


def _add_model_arguments(p: argparse.ArgumentParser, n_default: int) -> None:
    p.add_argument("--model", required=True, help="model directory (with config.json) or Hugging Face hub id; "
                   "for --backend openai, the model name the server serves")
    p.add_argument("--backend", choices=("hf", "vllm", "openai"), default="hf",
                   help="how to generate: hf (transformers), vllm, or openai (an OpenAI-compatible server)")
    p.add_argument("--base-url", default=None, help="OpenAI-compatible server, for --backend openai")
    p.add_argument("--envs", nargs="+", type=_family, default=None, metavar="ENV",
                   help="env ids or family names (see `textbook-gym list`)")
    p.add_argument("--n", type=_count, default=n_default, help="test problems per env and level")
    p.add_argument("--k", type=_k_values, default=[1], help="pass@k values, e.g. 1,8 (samples = max k)")
    p.add_argument("--difficulty", type=_levels, default=None,
                   help="level N or range LO-HI, 1-10 (default: the suite's)")
    p.add_argument("--attempts", type=_count, default=1, help="attempts per problem (more than 1: trial and error)")
    p.add_argument("--feedback", choices=FEEDBACK_MODES, default="verdict",
                   help="after a wrong attempt: none, verdict (wrong/unparseable) or hint (the next step)")
    p.add_argument("--open-book", action="store_true", help="put an exposition passage in front of each question")
    p.add_argument("--temperature", type=_temperature, default=None,
                   help="sampling temperature (default: 0 for one sample, 1 for several)")
    p.add_argument("--max-tokens", type=_count, default=256, help="tokens generated per attempt at most")
    p.add_argument("--seed", type=_seed, default=0, help="seed of the test problems and of sampling")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    debug = argparse.ArgumentParser(add_help=False)
    debug.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                       help="show the full traceback of an unexpected error")
    parser.add_argument("--debug", action="store_true", help="show the full traceback of an unexpected error")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help_text: str):
        return sub.add_parser(name, help=help_text, description=help_text, parents=[debug])

    p = add("list", "families, env ids and difficulties")
    p.add_argument("--suites", action="store_true", help="list the named suites instead")
    p.add_argument("--calibration", action="store_true",
                   help="list the measured pass@1 per env id and level instead, one table per calibrated model")
    p.add_argument("--calibration-file", default=None, metavar="FILE",
                   help="read the pass rates from FILE (written by `textbook-gym calibrate`) instead of the shipped "
                        "file; implies --calibration")
    p.set_defaults(func=cmd_list)

    p = add("show", "problems with worked solutions and an exposition sample")
    p.add_argument("family", type=_family, help="family name or env id (see `textbook-gym list`)")
    p.add_argument("--difficulty", type=_level, default=1, help="level 1-10 of the problems shown")
    p.add_argument("-n", type=_count, default=3, help="number of problems")
    p.add_argument("--seed", type=_seed, default=0, help="seed of the problem generator (same seed, same problems)")
    p.set_defaults(func=cmd_show)

    for name, func, help_text in (
        ("play", cmd_play, "answer problems yourself with trial-and-error feedback"),
        ("demo", cmd_demo, "a scripted policy plays trial-and-error episodes"),
    ):
        p = add(name, help_text)
        p.add_argument("family", nargs="?", type=_family, default="Arithmetic",
                       help="family name or env id (default: Arithmetic)")
        p.add_argument("--difficulty", type=_levels, default="3" if name == "demo" else "1",
                       help="level N or range LO-HI, 1-10 (a range is sampled per problem)")
        p.add_argument("--attempts", type=_count, default=2 if name == "demo" else 3,
                       help="attempts per problem before the answer is shown")
        p.add_argument("--feedback", choices=FEEDBACK_MODES, default="hint" if name == "demo" else "verdict",
                       help="after a wrong attempt: none, verdict (wrong/unparseable) or hint (the next step)")
        p.add_argument("--episodes", type=_count, default=6 if name == "demo" else 5,
                       help="number of problems to play")
        p.add_argument("--seed", type=_seed, default=0, help="seed of the problem generator")
        p.set_defaults(func=func)

    p = add("export", "write exposition / worked / practice data")
    p.add_argument("families", nargs="+", type=_family, metavar="FAMILY",
                   help="family names or env ids (see `textbook-gym list`)")
    p.add_argument("--kind", choices=export_mod.KINDS, required=True,
                   help="exposition (text), worked (prompt/completion) or practice (prompt/answer)")
    p.add_argument("--n", type=_count, default=1000, help="records per family (exposition: passages in all)")
    p.add_argument("--split", choices=("train", "test", "both"), default="train",
                   help="which side of the content-hash split to draw problems from (both: every problem)")
    p.add_argument("--seed", type=_seed, default=0, help="seed of the problem stream")
    p.add_argument("--difficulty", type=_levels, default="1-10", help="level N or range LO-HI, 1-10")
    p.add_argument("--chat", action="store_true", help="conversational prompt/completion (message lists)")
    p.add_argument("--format", choices=("jsonl", "dataset", "verl"), default="jsonl",
                   help="jsonl (one file), dataset (a datasets.Dataset directory, save_to_disk) or verl "
                        "(parquet in verl's row schema; needs textbook-gym[verl])")
    p.add_argument("--out", required=True,
                   help="output file (jsonl) or directory (dataset); its parent directory must exist; "
                        "an existing one is replaced atomically")
    p.set_defaults(func=cmd_export)

    p = add("eval", "benchmark a model on a suite or env ids")
    _add_model_arguments(p, 20)
    p.add_argument("--suite", type=_suite, default=None, help="suite name (see `textbook-gym list --suites`)")
    p.add_argument("--name", default=None, help="label of this policy in reports and leaderboards (default: --model)")
    p.add_argument("--split", choices=("test", "train", "both"), default="test",
                   help="which split to draw distinct problems from (default: test, the held-out problems)")
    p.add_argument("--ray", nargs="?", const="auto", default=None, metavar="ADDRESS",
                   help="evaluate on a Ray cluster: ray://head:10001, head:6379, auto (this machine's cluster) "
                        "or local (start one); needs textbook-gym[ray]")
    p.add_argument("--engines", type=_count, default=2, help="engine actors with --ray (one per GPU on a GPU cluster)")
    p.add_argument("--out", required=True, help="directory for report.json, report.md and plots (created)")
    p.add_argument("--overwrite", action="store_true", help="replace a report already in --out")
    p.set_defaults(func=cmd_eval)

    p = add("serve", "serve families as OpenEnv WebSocket sessions (needs textbook-gym[openenv])")
    p.add_argument("--families", nargs="*", type=_family, default=None, metavar="FAMILY",
                   help="families to serve (default: all)")
    p.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=_count, default=8000, help="TCP port (default 8000)")
    p.add_argument("--max-sessions", type=_count, default=64, help="concurrent WebSocket sessions (default 64)")
    p.set_defaults(func=cmd_serve)

    p = add("compare", "several reports side by side (a leaderboard)")
    p.add_argument("reports", nargs="+", help="report.json files or their directories")
    p.add_argument("--out", default=None, help="directory for leaderboard.md and plots (created)")
    p.set_defaults(func=cmd_compare)

    p = add("calibrate", "measure pass rates per level and record them")
    _add_model_arguments(p, 20)
    p.add_argument("--name", default=None, help="name to record the calibration under (default: --model)")
    p.add_argument("--out", default=None,
                   help="calibration file to merge into (default: ./calibration.json; its directory must exist)")
    p.add_argument("--update-shipped", action="store_true",
                   help="merge into the calibration file shipped with the package instead (maintainers)")
    p.add_argument("--replace", action="store_true",
                   help="drop the results already recorded under --name first (a retrained model)")
    p.set_defaults(func=cmd_calibrate)

    _add_optional_commands(sub, debug)
    return parser


def _add_optional_commands(sub, debug: argparse.ArgumentParser) -> None:
    """Commands whose implementation lives in optional extras (torch, transformers, trl)."""
    try:
        from textbook_gym.agents import train_cli
    except ImportError:
        return
    help_text = "the textbook pipeline: pretrain, SFT, RL"
    p = sub.add_parser("train", help=help_text, description=help_text, parents=[debug])
    train_cli.add_train_arguments(p)
    p.set_defaults(func=train_cli.run_train)


def _say(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr, flush=True)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status (0 done, 1 bug, 2 usage error, 130 interrupted)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    try:
        args = build_parser().parse_args(argv)
        return int(args.func(args) or 0)
    except UsageError as exc:
        if debug:
            raise
        _say(f"error: {_one_line(exc)}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        if debug:
            raise
        print(file=sys.stderr)  # end the line the ^C was echoed on
        _say("interrupted")
        return EXIT_INTERRUPTED
    except SystemExit as exc:  # --help ends here, and any sys.exit("message") from a library
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        _say(f"error: {_one_line(exc.code)}")
        return EXIT_USAGE
    except Exception as exc:  # noqa: BLE001 - the boundary: anything else is a bug, shown on one line
        if debug:
            raise
        _say(f"error: unexpected {type(exc).__name__}: {_one_line(exc)} (a bug; rerun with --debug for the "
             "traceback and report it)")
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
