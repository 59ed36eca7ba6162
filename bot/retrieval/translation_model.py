"""A question ← answer translation model learned from the FAQ set's own pairs.

Residents ask with words the FAQ's questions do not contain but its answers explain
("蜂" in a question, "駆除" in the answer). IBM Model 1 (EM over the FAQ's question/answer pairs)
learns t(question word | answer word); a document then generates a query word either
directly (maximum likelihood in its question and answer) or by translation from its words
(Xue, Jeon & Croft 2008, "Retrieval models for question and answer archives"):

    P(w | d) = (1 − λ) [(1 − β) P_ml(w | d) + β Σ_v t(w | v) P_ml(v | d)] + λ P(w | collection)

and the score is Σ_w log P(w | d) over the query's words.
"""

from __future__ import annotations

from collections import Counter
import hashlib
import json
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np
import scipy.sparse as sparse

from bot.retrieval import disk_cache

_NULL = "\0null"

# What `train_ibm_model1` learns: source vocabulary, target vocabulary, T[target, source].
TranslationTable = Tuple[Dict[str, int], Dict[str, int], sparse.csr_matrix]


def train_ibm_model1(
    pairs: Sequence[Tuple[Sequence[str], Sequence[str]]], iterations: int = 5
) -> TranslationTable:
    """EM for t(target | source) over (source words, target words) pairs.

    Returns the source and target vocabularies and the matrix T[target, source]."""
    source_vocabulary: Dict[str, int] = {_NULL: 0}
    target_vocabulary: Dict[str, int] = {}
    pair_sources, pair_targets = [], []
    for source_words, target_words in pairs:
        pair_sources.append(np.array(
            sorted({source_vocabulary.setdefault(w, len(source_vocabulary)) for w in source_words}
                   | {0}),
            dtype=np.int64,
        ))
        pair_targets.append(np.array(
            [target_vocabulary.setdefault(w, len(target_vocabulary)) for w in target_words],
            dtype=np.int64,
        ))
    n_source, n_target = len(source_vocabulary), max(len(target_vocabulary), 1)
    targets_per_pair = np.array([len(t) for t in pair_targets], dtype=np.int64)
    group = int(targets_per_pair.sum())  # one group per target word: its pair's source words
    if not group:
        return source_vocabulary, target_vocabulary, sparse.csr_matrix((n_target, n_source))
    group_size = np.repeat([len(s) for s in pair_sources], targets_per_pair)
    link_groups = np.repeat(np.arange(group), group_size)
    link_target, link_source, link_of = _distinct_links(
        np.concatenate([np.tile(s, k) for s, k in zip(pair_sources, targets_per_pair)]),
        np.repeat(np.concatenate(pair_targets), group_size), n_source)
    probability = 1.0 / np.bincount(link_source, minlength=n_source)[link_source]
    for _ in range(iterations):
        # E step: each target word's alignment posterior over its pair's source words.
        posterior = probability[link_of]
        posterior /= np.bincount(link_groups, weights=posterior, minlength=group)[link_groups]
        # M step: expected counts, normalised per source word.
        counts = np.bincount(link_of, weights=posterior, minlength=len(link_source))
        totals = np.bincount(link_source, weights=counts, minlength=n_source)
        probability = counts / totals[link_source]
    matrix = sparse.csr_matrix(
        (probability, (link_target, link_source)), shape=(n_target, n_source)
    )
    return source_vocabulary, target_vocabulary, matrix


# A table learned by another version of this file is not reused.
_CODE_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def learned_table(pairs: Sequence[Tuple[Sequence[str], Sequence[str]]]) -> TranslationTable:
    """`train_ibm_model1(pairs)`, or the table a process learned from the same pairs before."""
    key = disk_cache.cache_key([_CODE_VERSION], ("\x02".join(source) + "\x03" + "\x02".join(target)
                                                 for source, target in pairs))
    stored = disk_cache.load("translation", key)
    if stored is not None:
        def vocabulary(name: str) -> Dict[str, int]:
            return {w: i for i, w in enumerate(json.loads(stored[name].tobytes()))}

        matrix = sparse.csr_matrix((stored["data"], stored["indices"], stored["indptr"]),
                                   shape=tuple(stored["shape"]))
        return vocabulary("sources"), vocabulary("targets"), matrix
    sources, targets, matrix = table = train_ibm_model1(pairs)

    def encoded(words: Dict[str, int]) -> np.ndarray:  # ids are insertion order
        return np.frombuffer(json.dumps(list(words)).encode("utf-8"), dtype=np.uint8)

    disk_cache.store("translation", key, {
        "sources": encoded(sources), "targets": encoded(targets), "data": matrix.data,
        "indices": matrix.indices, "indptr": matrix.indptr, "shape": np.array(matrix.shape)})
    return table


def _distinct_links(sources: np.ndarray, targets: np.ndarray, n_source: int
                    ) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct (target, source) links, ordered, and the link of each occurrence. Up to
    65,536 words a side, by two stable radix sorts of 16-bit ids (np.unique's sort took a
    third of the training time on the Vietnamese FAQs' 7 million links)."""
    keys = targets * n_source + sources
    if n_source <= 1 << 16 and int(targets.max(initial=0)) < 1 << 16:
        by_source = np.argsort(sources.astype(np.uint16), kind="stable")
        order = by_source[np.argsort(targets[by_source].astype(np.uint16), kind="stable")]
    else:
        order = np.argsort(keys, kind="stable")
    keys = keys[order]
    first = np.empty(len(keys), dtype=bool)
    first[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    link_of = np.empty(len(keys), dtype=np.int64)
    link_of[order] = np.cumsum(first) - 1
    distinct = keys[first]
    return distinct // n_source, distinct % n_source, link_of


def _maximum_likelihood(documents: Sequence[Sequence[str]], vocabulary: Dict[str, int]):
    rows, columns, values = [], [], []
    for row, words in enumerate(documents):
        counts = Counter(w for w in words if w in vocabulary)
        total = sum(counts.values()) or 1
        for word, count in counts.items():
            rows.append(row)
            columns.append(vocabulary[word])
            values.append(count / total)
    return sparse.csr_matrix((values, (rows, columns)), shape=(len(documents), len(vocabulary)))


class TranslationLanguageModel:
    def __init__(
        self,
        documents: Sequence[Sequence[str]],
        pairs: Sequence[Tuple[Sequence[str], Sequence[str]]],
        translation_weight: float = 0.3,
        smoothing: float = 0.2,
        table: Optional[TranslationTable] = None,
    ):
        """documents: each document's words (questions and answer); pairs: (answer and
        question words, question words) to learn the translations from. `table`: one learned
        before (from other pairs) instead of training on `pairs`, which costs seconds on a
        large FAQ set: a stand-in while the table of these pairs is being learned."""
        self.size = len(documents)
        self._beta, self._lambda = translation_weight, smoothing
        self.table = table if table is not None else learned_table(pairs)
        source_vocabulary, self._targets, translation = self.table
        # P_tr(target word | d) for every target word and document, dense (targets × docs).
        source_model = _maximum_likelihood(documents, source_vocabulary)
        self._translated = np.asarray((translation @ source_model.T).todense(), dtype=np.float32)
        self._vocabulary: Dict[str, int] = {}
        for words in documents:
            for word in words:
                self._vocabulary.setdefault(word, len(self._vocabulary))
        self._direct = _maximum_likelihood(documents, self._vocabulary).tocsc()
        counts = Counter(word for words in documents for word in words)
        total = sum(counts.values()) or 1
        self._collection = {word: count / total for word, count in counts.items()}

    def scores(self, words: Iterable[str]) -> np.ndarray:
        out = np.zeros(self.size)
        direct = self._direct
        for word in words:
            column = self._vocabulary.get(word)
            if column is None:
                continue  # a word no document has: the same constant for every document
            generated = np.zeros(self.size)
            start, end = direct.indptr[column], direct.indptr[column + 1]
            generated[direct.indices[start:end]] = direct.data[start:end]
            generated *= 1 - self._beta
            target = self._targets.get(word)
            if target is not None:
                generated += self._beta * self._translated[target]
            out += np.log((1 - self._lambda) * generated + self._lambda * self._collection[word])
        return out


__all__: List[str] = ["TranslationLanguageModel", "TranslationTable", "train_ibm_model1"]
