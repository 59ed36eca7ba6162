"""Fit the confidence coefficients on half of a judged query set and report on the other half.

    python -m bot.retrieval.calibrate --corpus C.jsonl --queries Q.jsonl [--lexical]

Queries are split in two halves by a fixed shuffle; a logistic regression of "the top hit is
relevant" on `confidence.features` is fitted on half A and reported on half B (log loss,
Brier score, ROC AUC, a reliability table), then the other way round. The coefficients to
paste into `confidence.py` are those fitted on half A. `--lexical` calibrates the lexical-only
ranking (what languages without sentence vectors get).
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
import random
from typing import List, Sequence, Tuple

import numpy as np

from bot.retrieval.confidence import features
from bot.retrieval.evaluation import load_corpus, load_queries
from bot.retrieval.index import RetrievalIndex

LEXICAL_WEIGHTS = {"bm25_question": 0.4, "bm25_answer": 0.6, "translation": 0.5}


def collect(index: RetrievalIndex, queries, lexical: bool, with_coverage: bool = False
            ) -> Tuple[np.ndarray, np.ndarray]:
    rows, labels = [], []
    for query in queries:
        hits = index.search(query.text, query.language, top_k=10)
        if not hits:
            continue
        top, margin, similarity, coverage = features(hits)
        row = [top, margin] if lexical else [top, margin, similarity]
        rows.append(row + [coverage] if with_coverage else row)
        labels.append(1 if query.relevant.get(hits[0].id, 0) > 0 else 0)
    return np.array(rows), np.array(labels)


def report(probabilities: np.ndarray, labels: np.ndarray) -> dict:
    from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score

    bins: List[dict] = []
    edges = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0001]
    for low, high in zip(edges, edges[1:]):
        inside = (probabilities >= low) & (probabilities < high)
        if inside.any():
            bins.append({
                "range": f"{low:.1f}-{min(high, 1.0):.1f}",
                "n": int(inside.sum()),
                "predicted": round(float(probabilities[inside].mean()), 3),
                "observed": round(float(labels[inside].mean()), 3),
            })
    return {
        "n": int(len(labels)),
        "log_loss": round(float(log_loss(labels, probabilities, labels=[0, 1])), 4),
        "brier": round(float(brier_score_loss(labels, probabilities)), 4),
        "auc": round(float(roc_auc_score(labels, probabilities)), 4),
        "base_rate": round(float(labels.mean()), 4),
        "reliability": bins,
    }


def fit(rows: np.ndarray, labels: np.ndarray) -> Sequence[float]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=10.0, max_iter=1000).fit(rows, labels)
    return [float(model.intercept_[0])] + [float(c) for c in model.coef_[0]]


def predict(coefficients: Sequence[float], rows: np.ndarray) -> np.ndarray:
    z = coefficients[0] + rows @ np.array(coefficients[1:])
    return 1.0 / (1.0 + np.exp(-z))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--language", default=None)
    parser.add_argument("--lexical", action="store_true")
    parser.add_argument("--seed", type=int, default=20191)
    args = parser.parse_args(argv)

    documents = load_corpus(Path(args.corpus), args.language)
    queries = [q for q in load_queries(Path(args.queries)) if q.relevant]
    index = RetrievalIndex.build(documents, weights=LEXICAL_WEIGHTS if args.lexical else None)
    if args.lexical:
        for language_index in index._languages.values():  # noqa: SLF001 - calibration only
            language_index.encoder = None
    order = list(range(len(queries)))
    random.Random(args.seed).shuffle(order)
    half_a = [queries[i] for i in order[: len(order) // 2]]
    half_b = [queries[i] for i in order[len(order) // 2:]]
    rows_a, labels_a = collect(index, half_a, args.lexical)
    rows_b, labels_b = collect(index, half_b, args.lexical)
    coefficients_a = fit(rows_a, labels_a)
    coefficients_b = fit(rows_b, labels_b)
    print(json.dumps({"fitted_on": "A", "coefficients": [round(c, 3) for c in coefficients_a],
                      "held_out_B": report(predict(coefficients_a, rows_b), labels_b)}))
    print(json.dumps({"fitted_on": "B", "coefficients": [round(c, 3) for c in coefficients_b],
                      "held_out_A": report(predict(coefficients_b, rows_a), labels_a)}))
    from bot.retrieval import confidence

    stored = confidence.LEXICAL_ONLY if args.lexical else confidence.WITH_SENTENCE_VECTORS
    print(json.dumps({"stored_coefficients": list(stored),
                      "stored_on_B": report(predict(stored, rows_b), labels_b)}))
    return 0 if all(math.isfinite(c) for c in coefficients_a) else 1


if __name__ == "__main__":
    raise SystemExit(main())
