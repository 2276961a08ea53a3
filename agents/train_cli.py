"""``textbook-gym train``: flags generated from the run configuration dataclasses.

Every leaf field of :class:`~textbook_gym.agents.config.RunConfig` becomes a flag
named after its dotted path (``--rl.group-size 8``, ``--sft.steps 300``, ``--seed 1``)
with the field's docstring as help. Precedence: preset < ``--config`` YAML < flags.

::

    textbook-gym train --preset demo --out runs/demo
    textbook-gym train --preset demo --out runs/demo --resume
    textbook-gym train --config my.yaml --rl.algorithm ppo --out runs/ppo

The whole configuration is validated (types, ranges, choices, family names, levels,
the starting model) and the run directory checked before any stage starts; a
directory that holds a run is continued only with ``--resume`` and replaced only
with ``--overwrite`` (the rules: :func:`textbook_gym.agents.pipeline.plan_run_dir`).

The lead wires this into ``textbook_gym/cli.py`` with :func:`add_train_arguments`
and :func:`run_train`; ``python -m textbook_gym.agents.train_cli`` works on its own.
"""

from __future__ import annotations

import argparse
import sys
import typing
from pathlib import Path

from textbook_gym.agents import config as C

_UNSET = object()


def add_train_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add the run flags to ``parser`` (a subcommand parser or a fresh one)."""
    parser.add_argument("--preset", default="default", choices=sorted(C.PRESETS),
                        help="starting configuration (flags and --config override it)")
    parser.add_argument("--config", type=Path, default=None, help="YAML file of overrides (sections as in RunConfig)")
    parser.add_argument("--out", type=Path, default=Path("runs/latest"),
                        help="run directory (checkpoints, report); created, with its parents")
    parser.add_argument("--resume", action="store_true",
                        help="continue the run in --out from its newest checkpoint; only fields of stages that "
                             "have not started (and display fields) may differ from the recorded configuration")
    parser.add_argument("--overwrite", action="store_true",
                        help="discard the run already in --out (its own files only) and start again")
    parser.add_argument("--dump-config", action="store_true",
                        help="validate and print the resolved configuration as YAML, then exit (runs nothing)")
    base = C.RunConfig()
    docs = _all_docs(base)
    for dotted, _field, hint in C.flat_fields(base):
        dashed = "--" + dotted.replace("_", "-")
        names = [dashed] if dashed == "--" + dotted else [dashed, "--" + dotted]
        parser.add_argument(
            *names,
            dest="cfg__" + dotted.replace(".", "__"),
            default=_UNSET,
            metavar=_metavar(hint),
            help=f"{docs.get(dotted, '')} [{_hint_name(hint)}]".replace("%", "%%"),
        )
    return parser


def _all_docs(config, prefix: str = "") -> dict[str, str]:
    import dataclasses

    out = {}
    for name, doc in C.field_docs(type(config)).items():
        out[prefix + name] = doc
    for f in dataclasses.fields(config):
        value = getattr(config, f.name)
        if dataclasses.is_dataclass(value):
            out.update(_all_docs(value, f"{prefix}{f.name}."))
    return out


def _hint_name(hint) -> str:
    if typing.get_origin(hint) is tuple:
        return "comma-separated list"
    return getattr(hint, "__name__", str(hint))


def _metavar(hint) -> str:
    return {int: "N", float: "X", bool: "BOOL", str: "TEXT"}.get(hint, "LIST")


def config_from_args(args: argparse.Namespace) -> C.RunConfig:
    """The RunConfig that the preset, the YAML file and the flags describe together."""
    cfg = C.preset(args.preset)
    if args.config is not None:
        cfg = C.load_yaml(args.config, base=cfg)
    overrides: dict = {}
    for key, value in vars(args).items():
        if not key.startswith("cfg__") or value is _UNSET:
            continue
        node = overrides
        parts = key[len("cfg__") :].split("__")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return C.merge(cfg, overrides, where="flags")


def run_train(args: argparse.Namespace) -> int:
    """Run the pipeline that ``args`` describe; prints and writes the report. Returns an exit code.

    Every check (configuration, then run directory) happens before any model is
    loaded or anything is written; a usage error leaves the disk as it was.
    """
    cfg = C.validate(config_from_args(args))
    if args.dump_config:
        import yaml

        print(yaml.safe_dump(C.to_dict(cfg), sort_keys=False))
        return 0
    from textbook_gym.agents.pipeline import plan_run_dir, print_report, run_pipeline

    plan_run_dir(cfg, args.out, resume=args.resume, overwrite=args.overwrite)  # before any model is loaded
    try:
        report = run_pipeline(cfg, args.out, resume=args.resume, overwrite=args.overwrite)
    except KeyboardInterrupt:
        print(f"\nstopped; finished stages and checkpoints are kept: continue with the same command and --resume "
              f"(--out {args.out})", file=sys.stderr)
        raise
    print_report(report)
    print(f"report: {args.out / 'report.md'}  ({args.out / 'report.json'})")
    return 0


def main(argv: list[str] | None = None) -> int:
    """``python -m textbook_gym.agents.train_cli``: the ``train`` command with the CLI's error handling."""
    from textbook_gym.cli import main as cli_main

    return cli_main(["train", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
