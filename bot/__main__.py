"""`python -m bot --help`: the operator and developer commands of the assistant."""

import argparse
import importlib
import sys

# Each command lives with the code it operates; its module exposes register(subparsers).
_COMMAND_MODULES = (
    "bot.alerts.cli",
    "bot.emergency.cli",
    "bot.evaluation.cli",
    "bot.knowledge.cli",
    "bot.langid.cli",
    "bot.model_store",
    "bot.nlu.evaluation",
    "bot.privacy.cli",
    "bot.serve",
    "bot.shelters.cli",
    "bot.staff.cli",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    subparsers = parser.add_subparsers(dest="command", required=True)
    for module_name in _COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
