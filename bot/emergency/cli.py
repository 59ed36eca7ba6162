"""`python -m bot emergency eval [FILES | --writers]` and `python -m bot emergency detect TEXT`."""

import argparse
import json
from pathlib import Path
import sys

from bot.emergency.detector import detect_emergency
from bot.emergency.evaluation import LabelledFileError, evaluate_files, leave_one_writer_out
from bot.paths import PROJECT_ROOT

DEFAULT_SETS = PROJECT_ROOT / "tests" / "data" / "emergency"


def _detect(args: argparse.Namespace) -> int:
    emergency = detect_emergency(" ".join(args.text))
    print(json.dumps(emergency and {"kind": emergency.kind, "number": emergency.number,
                                    "cues": list(emergency.cues)}, ensure_ascii=False))
    return 0


def _eval(args: argparse.Namespace) -> int:
    paths = [Path(f) for f in args.files] or sorted(DEFAULT_SETS.glob("*.tsv"))
    try:
        results = leave_one_writer_out() if args.writers else evaluate_files(paths)
    except (LabelledFileError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for language, result in results.items():
        if args.show_errors:
            for label, text in result["errors"]:
                kind = "miss" if label == "emergency" else "false alarm"
                print(f"{kind}\t{language}\t{text}")
        print(f"{language}: precision {result['precision']:.3f} recall {result['recall']:.3f} "
              f"({result['emergencies']} emergencies, {result['ordinary']} ordinary; "
              f"{result['misses']} missed, {result['false_alarms']} false alarms; "
              f"{result['ms_mean']:.3f} ms per message, at most {result['ms_max']:.3f})")
    # The last line is the machine-readable result.
    print(json.dumps({language: {k: v for k, v in result.items() if k != "errors"}
                      for language, result in results.items()}, ensure_ascii=False))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    emergency = subparsers.add_parser("emergency", help="emergency red-flag detection")
    commands = emergency.add_subparsers(dest="emergency_command", required=True)
    detect_parser = commands.add_parser("detect", help="is TEXT an emergency, which kind")
    detect_parser.add_argument("text", nargs="+")
    detect_parser.set_defaults(handler=_detect)
    eval_parser = commands.add_parser(
        "eval", help="precision/recall per language on 'label<TAB>text' files")
    eval_parser.add_argument("files", nargs="*",
                             help="<lang>.tsv files or a blind .jsonl set (default: "
                             "tests/data/emergency/*.tsv)")
    eval_parser.add_argument("--show-errors", action="store_true",
                             help="list misses and false alarms")
    eval_parser.add_argument("--writers", action="store_true",
                             help="instead of FILES: each writer of the training files left out "
                                  "of the model in turn, and its messages detected (minutes)")
    eval_parser.set_defaults(handler=_eval)
