"""`python -m bot langid detect TEXT` and `python -m bot langid eval FILE.tsv`."""

import argparse
from dataclasses import asdict
import json
from pathlib import Path

from bot.langid.detector import detect
import sys

from bot.langid.evaluation import LabelledFileError, evaluate


def _detect(args: argparse.Namespace) -> int:
    print(json.dumps(asdict(detect(" ".join(args.text))), ensure_ascii=False))
    return 0


def _eval(args: argparse.Namespace) -> int:
    try:
        result = evaluate(Path(args.file))
    except (LabelledFileError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    ours, baseline = result["ours"], result["langdetect"]
    if args.show_errors:
        for label, text in ours["errors"]:
            print(f"miss\t{label}\t{text}")
    print(
        "plain langdetect on the same file: "
        + json.dumps({k: baseline[k] for k in ("accuracy", "per_label", "ja_kanji_only")})
    )
    # The last line is the machine-readable result (DESIGN.md).
    summary = {k: ours[k] for k in ("accuracy", "n", "per_label", "ja_kanji_only")}
    summary["langdetect_accuracy"] = baseline["accuracy"]
    print(json.dumps(summary, ensure_ascii=False))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    langid = subparsers.add_parser("langid", help="language identification of chat messages")
    commands = langid.add_subparsers(dest="langid_command", required=True)
    detect_parser = commands.add_parser("detect", help="detect the language of TEXT")
    detect_parser.add_argument("text", nargs="+")
    detect_parser.set_defaults(handler=_detect)
    eval_parser = commands.add_parser("eval", help="accuracy on a 'label<TAB>text' file")
    eval_parser.add_argument("file")
    eval_parser.add_argument("--show-errors", action="store_true", help="list misdetections")
    eval_parser.set_defaults(handler=_eval)
