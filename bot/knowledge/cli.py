"""`python -m bot faq …`: staff tooling for the FAQ files in knowledge/."""

import argparse
from datetime import date, timedelta
from pathlib import Path
import sys
from typing import List, Tuple

from bot.knowledge.faq import Faq, stale_faqs
from bot.knowledge.faq_files import faq_files, read_faq_file
from bot.knowledge.spreadsheet import export_csv, import_csv
from bot.knowledge.validation import Problem, check_unique_ids
from bot.langid import detect
from bot.retrieval.cli import add_eval_command
from bot.paths import KNOWLEDGE_DIR



def load_all(folder: Path) -> Tuple[List[Faq], List[Problem]]:
    """Every FAQ that validates, and every problem, across all files."""
    faqs, problems = [], []
    for path in faq_files(folder):
        file_faqs, file_problems = read_faq_file(path, date.today())
        faqs += file_faqs
        problems += file_problems
    problems += check_unique_ids((f.id, f.file, f.line) for f in faqs)
    return faqs, problems


def _validate(args: argparse.Namespace) -> int:
    faqs, problems = load_all(args.knowledge)
    for problem in problems:
        print(problem)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    failing = sum(p.fails_validate for p in problems)
    print(f"{len(faqs)} FAQs in {len(faq_files(args.knowledge))} files: "
          f"{errors} errors, {warnings} warnings" + (
              f" ({failing} of them must be fixed too: facts that differ between languages, "
              f"half-width punctuation in Chinese)."
              if failing else "."))
    return 1 if errors or failing else 0


def _ask(args: argparse.Namespace) -> int:
    from bot.knowledge.faq_search import build_faq_index, match_question

    faqs, _ = load_all(args.knowledge)
    by_id = {f.id: f for f in faqs}
    index = build_faq_index(faqs)
    language = args.lang or detect(args.question).language or "ja"
    hits = index.search(args.question, language=language, top_k=args.top)
    for rank, hit in enumerate(hits, start=1):
        print(f"{rank}. {hit.id}  score {hit.score:.3f}  {by_id[hit.id].title_in(language)}")
    match = match_question(index, by_id, args.question, language)
    print(f"language {language}, confidence {match.confidence:.2f}: "
          f"the assistant would {_DECISIONS[match.decision]}.")
    return 0


_DECISIONS = {"answer": "answer with the first FAQ", "suggest": "offer these as 'did you mean'",
              "unknown": "say it has no answer and offer staff"}


def _stale(args: argparse.Namespace) -> int:
    faqs, _ = load_all(args.knowledge)
    stale = stale_faqs(faqs, date.today(), timedelta(days=args.days))
    for faq in stale:
        print(f"{faq.file}:{faq.line}: {faq.id} last reviewed {faq.reviewed} ({faq.source})")
    print(f"{len(stale)} of {len(faqs)} FAQs not reviewed in the last {args.days} days.")
    return 0


def _export(args: argparse.Namespace) -> int:
    faqs, problems = load_all(args.knowledge)
    if any(p.severity == "error" for p in problems):
        print("Some files have errors and are left out; run `python -m bot faq validate`.",
              file=sys.stderr)
    rows = export_csv(faqs, args.knowledge, Path(args.csv))
    print(f"Wrote {rows} FAQs to {args.csv}.")
    return 0


def _import(args: argparse.Namespace) -> int:
    try:
        written = import_csv(Path(args.csv), args.knowledge)
    except (ValueError, KeyError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for path, rows in written.items():
        print(f"Wrote {rows} FAQs to {path}.")
    return _validate(args)


def register(subparsers: argparse._SubParsersAction) -> argparse._SubParsersAction:
    faq = subparsers.add_parser("faq", help="the FAQ knowledge base (knowledge/faq/*.yml)")
    faq.add_argument("--knowledge", type=Path, default=KNOWLEDGE_DIR,
                     help="knowledge folder (default: knowledge/)")
    commands = faq.add_subparsers(dest="faq_command", required=True)
    commands.add_parser("validate", help="check every FAQ file").set_defaults(handler=_validate)
    ask = commands.add_parser("ask", help="which FAQs a question finds, with scores")
    ask.add_argument("question")
    ask.add_argument("--lang", help="language code (default: detected)")
    ask.add_argument("--top", type=int, default=5)
    ask.set_defaults(handler=_ask)
    stale = commands.add_parser("stale", help="FAQs not reviewed for N days")
    stale.add_argument("--days", type=int, default=365)
    stale.set_defaults(handler=_stale)
    export = commands.add_parser("export-csv", help="all FAQs to one CSV sheet (Excel)")
    export.add_argument("csv")
    export.set_defaults(handler=_export)
    imported = commands.add_parser("import-csv", help="write FAQ files from a CSV sheet")
    imported.add_argument("csv")
    imported.set_defaults(handler=_import)
    add_eval_command(commands, lambda args: _knowledge_documents(args.knowledge))
    return commands


def _knowledge_documents(folder: Path):
    from bot.knowledge.faq_search import faq_documents

    return faq_documents(load_all(folder)[0])
