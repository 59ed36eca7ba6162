"""Okapi BM25 over one field, stored as a sparse term × document weight matrix.

Document-side weights (idf × saturated, length-normalised tf) are computed once at build
time, so scoring a query only adds up the columns of its terms.
"""

from __future__ import annotations

from collections import Counter
from typing import Dict, Iterable, List, Sequence

import numpy as np
import scipy.sparse as sparse


class BM25Field:
    def __init__(self, documents: Sequence[Sequence[str]], k1: float = 1.2, b: float = 0.75):
        self.vocabulary: Dict[str, int] = {}
        rows: List[int] = []
        columns: List[int] = []
        counts: List[int] = []
        for row, terms in enumerate(documents):
            for term, count in Counter(terms).items():
                rows.append(row)
                columns.append(self.vocabulary.setdefault(term, len(self.vocabulary)))
                counts.append(count)
        self.size = len(documents)
        lengths = np.array([len(terms) for terms in documents], dtype=np.float64)
        average = lengths.mean() if self.size and lengths.mean() > 0 else 1.0
        tf = np.array(counts, dtype=np.float64)
        rows_array = np.array(rows, dtype=np.int64)
        columns_array = np.array(columns, dtype=np.int64)
        df = np.bincount(columns_array, minlength=len(self.vocabulary))
        self.idf = np.log1p((self.size - df + 0.5) / (df + 0.5))
        norm = k1 * (1 - b + b * lengths[rows_array] / average)
        weights = tf * (k1 + 1) / (tf + norm) * self.idf[columns_array]
        self._matrix = sparse.csc_matrix(
            (weights, (rows_array, columns_array)), shape=(self.size, len(self.vocabulary))
        )

    def scores(self, terms: Iterable[str]) -> np.ndarray:
        out = np.zeros(self.size)
        matrix = self._matrix
        for term, count in Counter(terms).items():
            column = self.vocabulary.get(term)
            if column is None:
                continue
            start, end = matrix.indptr[column], matrix.indptr[column + 1]
            out[matrix.indices[start:end]] += count * matrix.data[start:end]
        return out

    def idf_of(self, term: str) -> float:
        column = self.vocabulary.get(term)
        return float(self.idf[column]) if column is not None else 0.0
