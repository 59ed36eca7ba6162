"""`python -m bot faq eval --corpus C.jsonl --queries Q.jsonl [--by-lang]`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
import sys
import time
from typing import Callable, List

from bot.retrieval.documents import Document
from bot.retrieval.evaluation import (HALVES, BenchmarkFileError, evaluate, load_corpus,
                                     load_queries, split_halves)


def _eval(args: argparse.Namespace) -> int:
    try:
        documents = (load_corpus(Path(args.corpus), args.language) if args.corpus
                     else args.default_documents(args))
        queries = load_queries(Path(args.queries))
        if args.half:
            queries = split_halves(queries)[args.half]
    except (BenchmarkFileError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    from bot.retrieval.index import RetrievalIndex
    from bot.retrieval.profiles import PROFILES

    # The project's own FAQ set is searched with its own profile; a --corpus with localgov's.
    profile = PROFILES[args.profile or ("localgov" if args.corpus else "curated")]
    start = time.perf_counter()
    index = RetrievalIndex.build(documents, profile=profile)
    build_seconds = time.perf_counter() - start
    index.search("warm-up", args.language)  # loads lazily initialised models

    def search(text, language):
        return [hit.id for hit in index.search(text, language or args.language, top_k=10)]

    result = evaluate(search, queries, by_language=args.by_lang)
    result["index_build_s"] = round(build_seconds, 2)
    result["documents"] = len(documents)
    by_lang = result.pop("by_lang", None)
    if by_lang:
        for language, figures in by_lang.items():
            print(json.dumps({"lang": language, **figures}, ensure_ascii=False))
    # The last line is the machine-readable result (DESIGN.md).
    print(json.dumps(result, ensure_ascii=False))
    return 0


def add_eval_command(faq_commands: argparse._SubParsersAction,
                     default_documents: Callable[[argparse.Namespace], List[Document]]) -> None:
    """Adds `eval` to the subcommands of the `faq` command; without --corpus it evaluates
    `default_documents(args)` (the project's own FAQ set)."""
    eval_parser = faq_commands.add_parser(
        "eval", help="SR@1, SR@5, MRR@10, nDCG@10 and queries/s on a judged query set"
    )
    eval_parser.add_argument("--corpus", metavar="C.jsonl",
                             help='FAQ lines {"id", "question", "answer"} '
                                  "(default: the FAQs in knowledge/)")
    eval_parser.add_argument("--queries", required=True, metavar="Q.jsonl",
                             help='query lines {"id", "query", "relevant": {faq_id: grade}}')
    eval_parser.add_argument("--by-lang", action="store_true",
                             help="also print one line of figures per query language")
    eval_parser.add_argument("--language", metavar="LANG",
                             help="language of the corpus and of queries without \"lang\""
                                  " (default: detected)")
    eval_parser.add_argument("--half", choices=HALVES,
                             help="only one half of the queries (fixed split by a hash of the"
                                  " query id, stratified by language)")
    eval_parser.add_argument("--profile", choices=("localgov", "curated"),
                             help="weights and calibration (default: curated for the FAQs in"
                                  " knowledge/, localgov with --corpus)")
    eval_parser.set_defaults(handler=_eval, default_documents=default_documents)
