"""Benchmarking the engine on an FAQ set with graded relevance judgements (DESIGN.md).

Only queries with at least one relevant FAQ count. SR@k: share of queries with a relevant FAQ
in the top k. MRR@10: mean reciprocal rank of the first relevant FAQ in the top 10 (0 if none).
nDCG@10: DCG with gain 2^grade − 1 and discount log2(rank + 1), divided by the ideal DCG of
the query's own judgements. qps: queries per second of search alone (index built beforehand).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
import json
import math
from pathlib import Path
import time
from typing import Callable, Dict, Iterable, List, Mapping, Optional, Sequence

from bot.retrieval.documents import Document


class BenchmarkFileError(ValueError):
    """A corpus or queries file that cannot be read; the message says where and why."""


@dataclass(frozen=True)
class Query:
    id: str
    text: str
    relevant: Mapping[str, int]
    language: Optional[str] = None


def _json_lines(path: Path) -> Iterable[tuple]:
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise BenchmarkFileError(f"{path}:{number}: not JSON ({error.msg})") from None
            if not isinstance(record, dict):
                raise BenchmarkFileError(f"{path}:{number}: expected a JSON object")
            yield number, record


def load_corpus(path: Path, language: Optional[str] = None) -> List[Document]:
    """Lines {"id", "question", "answer"} (question/answer may also be lists of texts)."""
    documents = []
    for number, record in _json_lines(Path(path)):
        missing = [key for key in ("id", "question", "answer") if key not in record]
        if missing:
            raise BenchmarkFileError(f"{path}:{number}: missing {', '.join(missing)}")
        fields = {}
        for kind in ("question", "answer", "title", "synonyms"):
            value = record.get(kind)
            if value:
                fields[kind] = [value] if isinstance(value, str) else [str(v) for v in value]
        documents.append(Document(str(record["id"]), fields, record.get("lang") or language))
    return documents


def load_queries(path: Path) -> List[Query]:
    """Lines {"id", "query", "relevant": {faq_id: grade}, "lang"?}."""
    queries = []
    for number, record in _json_lines(Path(path)):
        if "query" not in record:
            raise BenchmarkFileError(f"{path}:{number}: missing query")
        relevant = record.get("relevant") or {}
        if not isinstance(relevant, dict):
            raise BenchmarkFileError(f"{path}:{number}: relevant must be an object")
        queries.append(
            Query(
                str(record.get("id", number)),
                str(record["query"]),
                {str(k): int(v) for k, v in relevant.items()},
                record.get("lang"),
            )
        )
    return queries


def dcg(gains: Sequence[float]) -> float:
    return sum(gain / math.log2(rank + 2) for rank, gain in enumerate(gains))


def query_metrics(
    ranked: Sequence[str], relevant: Mapping[str, int], k: int = 10
) -> Dict[str, float]:
    """The per-query figures for `ranked` ids (best first) against graded judgements."""
    top = list(ranked[:k])
    found = [i for i, doc in enumerate(top) if relevant.get(doc, 0) > 0]
    ideal = dcg([2 ** g - 1 for g in sorted(relevant.values(), reverse=True)[:k]])
    return {
        "sr@1": float(bool(found) and found[0] < 1),
        "sr@5": float(bool(found) and found[0] < 5),
        "mrr@10": 1.0 / (found[0] + 1) if found else 0.0,
        "ndcg@10": dcg([2 ** relevant.get(doc, 0) - 1 for doc in top]) / ideal if ideal else 0.0,
    }


METRICS = ("sr@1", "sr@5", "mrr@10", "ndcg@10")


def summarise(per_query: Sequence[Dict[str, float]]) -> Dict[str, float]:
    n = len(per_query)
    return {m: round(sum(q[m] for q in per_query) / n, 4) if n else 0.0 for m in METRICS}


def evaluate(
    search: Callable[[str, Optional[str]], Sequence[str]],
    queries: Sequence[Query],
    by_language: bool = False,
) -> Dict[str, object]:
    """Run `search(text, language) -> ranked ids` over the judged queries."""
    judged = [q for q in queries if any(g > 0 for g in q.relevant.values())]
    per_query, per_language = [], defaultdict(list)
    elapsed = 0.0
    for query in judged:
        start = time.perf_counter()
        ranked = search(query.text, query.language)
        elapsed += time.perf_counter() - start
        figures = query_metrics(ranked, query.relevant)
        per_query.append(figures)
        per_language[query.language or "?"].append(figures)
    result: Dict[str, object] = dict(summarise(per_query))
    result["queries"] = len(judged)
    result["qps"] = round(len(judged) / elapsed, 1) if elapsed > 0 else 0.0
    if by_language:
        result["by_lang"] = {
            lang: {**summarise(rows), "queries": len(rows)}
            for lang, rows in sorted(per_language.items())
        }
    return result


HALVES = ("tuning", "held-out")


def split_halves(queries: Sequence[Query]) -> Dict[str, List[Query]]:
    """A fixed two-way split of a judged query set, stratified by language: within each
    language, queries are ordered by a hash of their id and the first half (rounded up) is
    the tuning half, the rest the held-out half. Choices (weights, calibration, thresholds)
    are made on the tuning half; the held-out half tells how they carry over."""
    import hashlib

    by_language: Dict[str, List[Query]] = defaultdict(list)
    for query in queries:
        by_language[query.language or "?"].append(query)
    halves: Dict[str, List[Query]] = {half: [] for half in HALVES}
    for language in sorted(by_language):
        ordered = sorted(by_language[language],
                         key=lambda q: hashlib.sha256(q.id.encode("utf-8")).hexdigest())
        cut = (len(ordered) + 1) // 2
        halves["tuning"].extend(ordered[:cut])
        halves["held-out"].extend(ordered[cut:])
    order = {id(q): i for i, q in enumerate(queries)}
    for half in HALVES:
        halves[half].sort(key=lambda q: order[id(q)])
    return halves
