"""The ``textbook-gym`` command line.

``list``     families, env ids, difficulties (``--suites`` for suites)
``show``     problems with worked solutions and an exposition sample
``play``     answer problems yourself in the terminal, with trial-and-error feedback
``demo``     a scripted policy plays a few trial-and-error episodes
``export``   write exposition / worked / practice data as JSONL or a datasets.Dataset
``eval``     benchmark a model on a suite (pass@k, difficulty curves, report.json/md, plots)
``compare``  several evaluation reports side by side
``calibrate`` measure pass rates per level for a model and record them
``train``    the textbook pipeline (pretrain, SFT, RL), when the learner is installed
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import numpy as np

import textbook_gym
from textbook_gym import export as export_mod
from textbook_gym.env import FEEDBACK_MODES, TextbookEnv
from textbook_gym.suites import SUITES


def _console():
    from rich.console import Console

    # Wide when piped, so tables keep whole env ids in logs and captured output.
    return Console(highlight=False, width=None if sys.stdout.isatty() else 160)


def cmd_list(args: argparse.Namespace) -> int:
    from rich.table import Table

    console = _console()
    if args.suites:
        table = Table("suite", "difficulty", "envs", "description")
        for suite in SUITES.values():
            entries = suite.entries()
            table.add_row(suite.name, f"{suite.difficulty[0]}-{suite.difficulty[1]}", str(len(entries)),
                          suite.description)
        console.print(table)
        return 0
    table = Table("family", "env id", "difficulty", "answer type", "passages")
    for name in textbook_gym.list_families():
        fam = textbook_gym.get_family(name)
        table.add_row(name, fam.env_id, "1-10", fam.answer_type, str(len(fam.exposition())))
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


def cmd_play(args: argparse.Namespace) -> int:
    env = TextbookEnv(args.family, difficulty=args.difficulty, max_attempts=args.attempts, feedback=args.feedback)
    console = _console()
    obs, _ = env.reset(seed=args.seed)
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
            obs, reward, terminated, _, info = env.step(response)
            verdict = info["verdict"]
            console.print(f"[bold]{verdict.status.value}[/bold] (reward {reward:g}) {verdict.reason}")
            if not terminated:
                console.print(env.messages[-1]["content"], markup=False)
        score += reward
        if not info["correct"]:
            console.print(f"The answer was {info['answer']}.")
    console.print(f"Score: {score:g} / {args.episodes}")
    return 0


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
    rows = export_mod.records(
        args.families, args.kind, args.n, split=args.split, seed=args.seed, difficulty=args.difficulty, chat=args.chat
    )
    if args.format == "dataset":
        export_mod.to_dataset(rows).save_to_disk(args.out)
    else:
        export_mod.write_jsonl(rows, args.out)
    print(f"wrote {len(rows)} {args.kind} records to {args.out}", file=sys.stderr)
    return 0


def _policy(args: argparse.Namespace):
    from textbook_gym.agents.backends import make_backend

    options = {}
    if args.backend == "openai":
        if not args.base_url:
            raise SystemExit("--backend openai needs --base-url, e.g. http://127.0.0.1:8000/v1")
        options["base_url"] = args.base_url
    return make_backend(args.backend, model=args.model, **options)


def _evaluate_from_args(args: argparse.Namespace, targets):
    from textbook_gym.evaluate import evaluate

    backend = _policy(args)
    try:
        return evaluate(
            backend, targets, n=args.n, k=[int(v) for v in str(args.k).split(",")],
            difficulty=args.difficulty, attempts=args.attempts, feedback=args.feedback, open_book=args.open_book,
            seed=args.seed, temperature=args.temperature, max_tokens=args.max_tokens, model=args.model,
        )
    finally:
        backend.close()


def cmd_eval(args: argparse.Namespace) -> int:
    if bool(args.suite) == bool(args.envs):
        raise SystemExit("give exactly one of --suite NAME or --envs ID [ID ...]")
    report = _evaluate_from_args(args, args.suite or args.envs)
    out = report.save(args.out)
    print(report.to_markdown())
    print(f"wrote {out / 'report.json'}, report.md and plots", file=sys.stderr)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from textbook_gym.report import compare

    print(compare(args.reports, args.out))
    return 0


def cmd_calibrate(args: argparse.Namespace) -> int:
    from pathlib import Path

    from textbook_gym import calibration

    out = Path(args.out) if args.out else calibration.DEFAULT_PATH
    if args.write_docstrings and out.resolve() != calibration.DEFAULT_PATH.resolve():
        raise SystemExit("--write-docstrings documents the shipped calibration file in the family docstrings; "
                         "drop --out, or run `python -m textbook_gym.calibration --write-docstrings --path FILE "
                         "--env-dir COPIES` on copies of the family modules")
    args.suite, args.difficulty = None, args.difficulty or "1-10"
    report = _evaluate_from_args(args, args.envs or textbook_gym.list_env_ids())
    name = args.name or args.model
    path = calibration.record(report, name, out, replace=args.replace)
    print(report.to_markdown())
    print(f"calibration for {name} merged into {path}", file=sys.stderr)
    if args.write_docstrings:
        changed = calibration.write_docstrings(path)
        print(f"rewrote the measured pass rates in {len(changed)} family docstrings", file=sys.stderr)
    return 0


def _add_model_arguments(p: argparse.ArgumentParser, n_default: int) -> None:
    p.add_argument("--model", required=True, help="model directory or hub id")
    p.add_argument("--backend", choices=("hf", "vllm", "openai"), default="hf")
    p.add_argument("--base-url", default=None, help="OpenAI-compatible server, for --backend openai")
    p.add_argument("--envs", nargs="+", default=None, help="env ids or family names")
    p.add_argument("--n", type=int, default=n_default, help="test problems per env and level")
    p.add_argument("--k", default="1", help="pass@k values, e.g. 1,8 (samples = max k)")
    p.add_argument("--difficulty", default=None, help="level N or range LO-HI (default: the suite's)")
    p.add_argument("--attempts", type=int, default=1)
    p.add_argument("--feedback", choices=FEEDBACK_MODES, default="verdict")
    p.add_argument("--open-book", action="store_true")
    p.add_argument("--temperature", type=float, default=None, help="default: 0 for one sample, 1 for several")
    p.add_argument("--max-tokens", type=int, default=256)
    p.add_argument("--seed", type=int, default=0)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="textbook-gym", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("list", help="families, env ids and difficulties")
    p.add_argument("--suites", action="store_true", help="list the named suites instead")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="problems with worked solutions and an exposition sample")
    p.add_argument("family")
    p.add_argument("--difficulty", type=int, default=1)
    p.add_argument("-n", type=int, default=3, help="number of problems")
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(func=cmd_show)

    for name, func, help_text in (
        ("play", cmd_play, "answer problems yourself with trial-and-error feedback"),
        ("demo", cmd_demo, "a scripted policy plays trial-and-error episodes"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("family", nargs="?", default="Arithmetic")
        p.add_argument("--difficulty", default="3" if name == "demo" else "1", help="level N or range LO-HI")
        p.add_argument("--attempts", type=int, default=2 if name == "demo" else 3)
        p.add_argument("--feedback", choices=FEEDBACK_MODES, default="hint" if name == "demo" else "verdict")
        p.add_argument("--episodes", type=int, default=6 if name == "demo" else 5)
        p.add_argument("--seed", type=int, default=0)
        p.set_defaults(func=func)

    p = sub.add_parser("export", help="write exposition / worked / practice data")
    p.add_argument("families", nargs="+")
    p.add_argument("--kind", choices=export_mod.KINDS, required=True)
    p.add_argument("--n", type=int, default=1000, help="records per family (exposition: passages in all)")
    p.add_argument("--split", choices=("train", "test"), default="train")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--difficulty", default="1-10")
    p.add_argument("--chat", action="store_true", help="conversational prompt/completion (message lists)")
    p.add_argument("--format", choices=("jsonl", "dataset"), default="jsonl")
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("eval", help="benchmark a model on a suite or env ids")
    _add_model_arguments(p, 20)
    p.add_argument("--suite", default=None, help="suite name (see `textbook-gym list --suites`)")
    p.add_argument("--out", required=True, help="directory for report.json, report.md and plots")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("compare", help="several reports side by side (a leaderboard)")
    p.add_argument("reports", nargs="+", help="report.json files or their directories")
    p.add_argument("--out", default=None, help="directory for leaderboard.md and plots")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("calibrate", help="measure pass rates per level and record them")
    _add_model_arguments(p, 20)
    p.add_argument("--name", default=None, help="name to record the calibration under (default: --model)")
    p.add_argument("--out", default=None, help="calibration file (default: the one shipped with the package)")
    p.add_argument("--replace", action="store_true",
                   help="drop the results already recorded under --name first (a retrained model)")
    p.add_argument("--write-docstrings", action="store_true",
                   help="then rewrite the measured pass rates in every family's docstring (shipped file only)")
    p.set_defaults(func=cmd_calibrate)

    _add_optional_commands(sub)
    return parser


def _add_optional_commands(sub) -> None:
    """Commands whose implementation lives in optional extras (torch, transformers, trl)."""
    try:
        from textbook_gym.agents import train_cli
    except ImportError:
        return
    p = sub.add_parser("train", help="the textbook pipeline: pretrain, SFT, RL")
    train_cli.add_train_arguments(p)
    p.set_defaults(func=train_cli.run_train)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
