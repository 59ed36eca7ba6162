"""Character n-gram similarity: how much of a query's spelling a FAQ's texts share.

Words tell a FAQ's topic only when the query spells them as the FAQ does. Residents write
inflected Korean, Vietnamese without diacritics, Japanese in kana, romanised or shortened
names; overlapping character n-grams (1–3, within words) still match the parts they share.
TF-IDF weighted (1 + log tf; idf over all the texts), cosine with the best-matching question
text of a document. Before counting, the text is folded the way the language's analyzer folds
it (NFKC, case; Traditional → Simplified; Vietnamese diacritics dropped; old kanji → new).
"""

from __future__ import annotations

from collections import Counter
from typing import Dict, Sequence, Tuple
import unicodedata

import numpy as np
import scipy.sparse as sparse

from bot.retrieval.analyzers import strip_vietnamese_diacritics
from bot.retrieval.chinese_variants import to_simplified
from bot.retrieval.japanese_variants import spell_out_short_forms, to_new_kanji
from bot.retrieval.text_cache import PerTextCache


def fold(text: str, language: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    if language == "zh":
        return to_simplified(text)
    if language == "vi":
        return strip_vietnamese_diacritics(unicodedata.normalize("NFC", text))
    if language == "ja":
        return spell_out_short_forms(to_new_kanji(text))
    return text


def ngrams(text: str) -> Counter:
    """Character 1–3-grams of each word, the word padded with a space on both sides (so the
    start and end of a word count as such)."""
    counts: Counter = Counter()
    for word in text.split():
        padded = f" {word} "
        for size in (1, 2, 3):
            counts.update(padded[i:i + size] for i in range(len(padded) - size + 1))
    del counts[" "]
    return counts


# A FAQ text's n-grams (shared: not to be modified).
_indexed_ngrams: PerTextCache[Counter] = PerTextCache(lambda text, language: ngrams(fold(
    text, language)))


class CharacterNgrams:
    """`questions[i]`: document i's question texts (at least one each); `answers[i]`: its
    answer as one text (it counts towards the idf only: as a similarity signal of its own,
    n-grams of long answers did not help on the tuning half of the in-domain set)."""

    def __init__(self, language: str, questions: Sequence[Sequence[str]],
                 answers: Sequence[str]):
        self.language = language
        question_counts = [_indexed_ngrams(q, language) for texts in questions for q in texts]
        owners = np.repeat(np.arange(len(questions)), [len(texts) for texts in questions])
        self._starts = np.searchsorted(owners, np.arange(len(questions)))
        answer_counts = [_indexed_ngrams(a, language) for a in answers]
        self._vocabulary: Dict[str, int] = {}
        for counts in question_counts + answer_counts:
            for gram in counts:
                self._vocabulary.setdefault(gram, len(self._vocabulary))
        document_frequency = np.zeros(len(self._vocabulary))
        for counts in question_counts + answer_counts:
            document_frequency[[self._vocabulary[g] for g in counts]] += 1
        # Smoothed idf over all the texts, as in scikit-learn's TfidfTransformer.
        texts = len(question_counts) + len(answer_counts)
        self._idf = np.log((1 + texts) / (1 + document_frequency)) + 1
        self._questions = self._matrix(question_counts)

    def _weights(self, counts: Counter) -> Tuple[np.ndarray, np.ndarray]:
        """Columns and L2-normalised weights (1 + log tf) · idf of the n-grams in the
        vocabulary (n-grams no FAQ text has carry no weight)."""
        known = [(self._vocabulary[g], c) for g, c in counts.items() if g in self._vocabulary]
        columns = np.array([column for column, _ in known], dtype=np.int64)
        weights = (1 + np.log([c for _, c in known])) * self._idf[columns] if known else \
            np.zeros(0)
        norm = float(np.linalg.norm(weights))
        return columns, weights / norm if norm else weights

    def _matrix(self, rows: Sequence[Counter]) -> sparse.csr_matrix:
        entries = [self._weights(counts) for counts in rows]
        return sparse.csr_matrix(
            (np.concatenate([w for _, w in entries]) if entries else np.zeros(0),
             (np.repeat(np.arange(len(rows)), [len(c) for c, _ in entries]),
              np.concatenate([c for c, _ in entries]) if entries else np.zeros(0, np.int64))),
            shape=(len(rows), len(self._vocabulary)))

    def scores(self, query: str) -> np.ndarray:
        """The cosine of the best-matching question text, per document."""
        columns, weights = self._weights(ngrams(fold(query, self.language)))
        vector = np.zeros(len(self._vocabulary))
        vector[columns] = weights
        return np.maximum.reduceat(self._questions @ vector, self._starts)
