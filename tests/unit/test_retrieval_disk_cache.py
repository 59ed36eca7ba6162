"""What one process learned while building an index serves the next one exactly, and a cache
that is damaged, full or unwritable never changes a result."""

import os

import numpy as np
import pytest

from bot.retrieval import disk_cache
from bot.retrieval.translation_model import learned_table, train_ibm_model1
from bot.retrieval.vectors import SentenceEncoder

PAIRS = [
    (["蜂", "巣", "駆除", "業者"], ["蜂", "巣"]),
    (["ごみ", "分別", "収集", "日"], ["ごみ", "出す", "日"]),
    (["救急", "119", "電話"], ["救急車", "呼ぶ"]),
]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setattr(disk_cache, "CACHE_DIR", folder)
    return folder


def assert_same_table(table, expected):
    assert table[0] == expected[0] and table[1] == expected[1]
    assert list(table[0]) == list(expected[0])  # the ids' order is the vocabulary's
    assert np.array_equal(table[2].toarray(), expected[2].toarray())


def test_a_learned_table_is_the_trained_one_whether_stored_or_not(cache_dir):
    expected = train_ibm_model1(PAIRS)
    assert_same_table(learned_table(PAIRS), expected)
    assert len(list(cache_dir.glob("translation-*.npz"))) == 1
    assert_same_table(learned_table(PAIRS), expected)
    other = PAIRS[:2] + [(["救急", "119"], ["救急車"])]
    assert_same_table(learned_table(other), train_ibm_model1(other))
    assert len(list(cache_dir.glob("translation-*.npz"))) == 2


def test_a_damaged_file_is_relearned_not_trusted(cache_dir):
    learned_table(PAIRS)
    [stored] = cache_dir.glob("translation-*.npz")
    stored.write_bytes(b"not a numpy archive")
    assert_same_table(learned_table(PAIRS), train_ibm_model1(PAIRS))


def test_an_unwritable_cache_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setattr(disk_cache, "CACHE_DIR", blocker / "cache")
    assert_same_table(learned_table(PAIRS), train_ibm_model1(PAIRS))


def test_the_least_recently_used_files_go_beyond_the_budget(cache_dir, monkeypatch):
    monkeypatch.setattr(disk_cache, "_BUDGET_BYTES", 2500)
    block = {"values": np.zeros(100, dtype=np.float64)}  # ~1 KB as a file
    disk_cache.store("kind", "first", block)
    disk_cache.store("kind", "second", block)
    os.utime(cache_dir / "kind-first.npz", (1, 1))
    os.utime(cache_dir / "kind-second.npz", (2, 2))
    disk_cache.load("kind", "first")  # used again: now the newest of the two
    disk_cache.store("kind", "third", block)
    assert sorted(p.name for p in cache_dir.glob("*.npz")) == ["kind-first.npz",
                                                               "kind-third.npz"]


def test_a_file_left_half_written_is_removed_once_old(cache_dir):
    cache_dir.mkdir()
    old, fresh = cache_dir / "old.tmp", cache_dir / "fresh.tmp"
    old.write_bytes(b"x")
    fresh.write_bytes(b"x")
    os.utime(old, (1, 1))
    disk_cache.store("kind", "key", {"values": np.zeros(3)})
    assert not old.exists() and fresh.exists()


class CountingModel:
    def __init__(self):
        self.encoded = []

    def encode(self, texts):
        self.encoded.extend(texts)
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float64)


def encoder_with(model):
    encoder = SentenceEncoder.__new__(SentenceEncoder)  # without loading the real weights
    encoder._model, encoder._fast, encoder._cache = model, None, {}
    return encoder


def test_sentence_vectors_another_process_computed_are_not_computed_again(cache_dir):
    texts = ["マイナンバーカード", "ごみの出し方"]
    first = encoder_with(CountingModel())
    vectors = first.encode(texts)
    second_model = CountingModel()
    again = encoder_with(second_model).encode(texts)
    assert second_model.encoded == []
    assert np.array_equal(again, vectors) and again.dtype == np.float32
    third_model = CountingModel()
    encoder_with(third_model).encode(["避難所"])
    assert third_model.encoded == ["避難所"]
