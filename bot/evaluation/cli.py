"""`python -m bot eval conversations FILE [--url URL]`: ask a running assistant, score replies."""

import argparse
import asyncio
import json
from pathlib import Path
import sys

from bot.evaluation.conversations import QuestionFileError, ask_all, failures, read_questions, \
    summarize
from bot.evaluation.reply_catalog import ReplyCatalog

DEFAULT_URL = "http://localhost:5005"
_SHOWN = ("direct_precision", "in_scope_answered", "not_covered_honest", "language_ok",
          "emergency_first", "facts_ok")


def _format(name: str, figures: dict) -> str:
    shown = " ".join(f"{k} {figures[k]:.3f}" for k in _SHOWN if figures[k] is not None)
    return f"{name}: {shown} (n {figures['n']}, direct answers {figures['direct_answers']})"


def _conversations(args: argparse.Namespace) -> int:
    try:
        questions = [q for q in read_questions(Path(args.file))
                     if not args.half or q.half == args.half]
    except (QuestionFileError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    outcomes = asyncio.run(ask_all(args.url, questions, ReplyCatalog(), args.concurrency))
    if args.show_failures:
        for what, o in failures(outcomes):
            print(f"{what}\t{o.question.lang}\t{o.question.question}\texpected "
                  f"{'|'.join(o.question.expect)}\tgot {o.reading.kind} "
                  f"{o.reading.faq_id or ','.join(o.reading.suggested)}\t"
                  f"{o.reading.text[:80]!r}")
    summary = summarize(outcomes)
    for name, figures in summary.items():
        print(_format(name, figures))
    print(json.dumps(summary, ensure_ascii=False))  # the last line is the machine-readable result
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    evaluation = subparsers.add_parser("eval", help="evaluate the running assistant end to end")
    commands = evaluation.add_subparsers(dest="eval_command", required=True)
    parser = commands.add_parser(
        "conversations", help="ask each question of FILE in a fresh conversation (REST webhook) "
        "and score the replies")
    parser.add_argument("file", help='JSON lines {"lang", "question", "expect"}')
    parser.add_argument("--url", default=DEFAULT_URL, help=f"the assistant (default {DEFAULT_URL})")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--half", help="ask only the lines of this half (tuning, heldout)")
    parser.add_argument("--show-failures", action="store_true",
                        help="list each reply that misses a metric")
    parser.set_defaults(handler=_conversations)
