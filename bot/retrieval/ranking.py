"""How a language's signals are fused into one score.

Every signal scores all candidate documents; each is standardised over the candidates
(z-score, so signals of different scales add up) and the fused score is their weighted mean.
The weights are a handful of numbers, set from the method's behaviour on the localgovFAQ dev
split and checked by two-fold cross-validation (see README of the package); the sentence
vectors carry the most weight because they judge the query and a FAQ question as whole
sentences, while the lexical signals keep exact words (names, procedures) decisive.
"""

from __future__ import annotations

from typing import Dict, Mapping

import numpy as np

DEFAULT_WEIGHTS: Mapping[str, float] = {
    "bm25_question": 0.4,  # BM25 over the FAQ's questions, titles and synonyms
    "bm25_answer": 0.6,  # BM25 over its answer
    "translation": 0.5,  # question ← answer translation language model
    "word_vectors_question": 0.4,  # Japanese word vectors, questions
    "word_vectors_answer": 0.4,  # Japanese word vectors, answer
    "sentence_question": 2.0,  # multilingual sentence vectors, best-matching question
}


def standardise(values: np.ndarray) -> np.ndarray:
    if values.size == 0:
        return values
    deviation = values.std()
    if deviation <= 1e-12:
        return np.zeros_like(values, dtype=np.float64)
    return (values - values.mean()) / deviation


def fuse(signals: Mapping[str, np.ndarray], weights: Mapping[str, float]) -> np.ndarray:
    """Weighted mean of the standardised signals that have a weight."""
    used: Dict[str, float] = {name: weights[name] for name in signals if weights.get(name)}
    if not used:
        size = len(next(iter(signals.values()))) if signals else 0
        return np.zeros(size)
    total = sum(used.values())
    return sum(weight * standardise(signals[name]) for name, weight in used.items()) / total
