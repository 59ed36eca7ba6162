"""IBM Model 1 as the translation model trains it equals the textbook EM, whichever way its
word links are counted."""

from collections import defaultdict

import numpy as np
import pytest

from bot.retrieval.translation_model import (
    TranslationLanguageModel, _distinct_links, train_ibm_model1,
)

PAIRS = [
    (["蜂", "巣", "駆除", "業者", "蜂", "巣"], ["蜂", "巣"]),
    (["駆除", "業者", "費用", "蜂"], ["蜂", "駆除", "費用"]),
    (["ごみ", "分別", "収集", "日"], ["ごみ", "出す", "日"]),
    (["ごみ", "粗大", "収集", "予約"], ["粗大", "ごみ"]),
    (["救急", "119", "電話"], []),
]


def textbook_ibm_model1(pairs, iterations=5):
    """t(target | source) by the EM of Brown et al. (1993), one target word at a time, with a
    null source word; t starts uniform over the targets each source word is seen with."""
    pairs = [(set(sources) | {None}, targets) for sources, targets in pairs]
    seen = defaultdict(set)
    for sources, targets in pairs:
        for source in sources:
            seen[source].update(targets)
    t = {(w, s): 1 / len(ws) for s, ws in seen.items() for w in ws}
    for _ in range(iterations):
        counts = defaultdict(float)
        for sources, targets in pairs:
            for w in targets:
                total = sum(t[w, s] for s in sources)
                for s in sources:
                    counts[w, s] += t[w, s] / total
        totals = defaultdict(float)
        for (w, s), count in counts.items():
            totals[s] += count
        t = {(w, s): count / totals[s] for (w, s), count in counts.items()}
    return t


def test_training_gives_the_textbook_translation_probabilities():
    sources, targets, matrix = train_ibm_model1(PAIRS)
    expected = textbook_ibm_model1(PAIRS)
    source_id = {**sources, None: sources["\0null"]}
    assert matrix.nnz == len(expected)
    for (w, s), probability in expected.items():
        assert matrix[targets[w], source_id[s]] == pytest.approx(probability, rel=1e-12)


@pytest.mark.parametrize("n_source", [50, 70_000])  # radix sorts; too wide for 16 bits
def test_links_are_counted_alike_for_small_and_large_vocabularies(n_source):
    rng = np.random.default_rng(0)
    sources = rng.integers(0, 50, 5_000)
    targets = rng.integers(0, 30, 5_000)
    link_target, link_source, link_of = _distinct_links(sources, targets, n_source)
    keys, inverse = np.unique(targets * 50 + sources, return_inverse=True)
    assert (link_target == keys // 50).all() and (link_source == keys % 50).all()
    assert (link_of == inverse).all()


def test_a_given_table_replaces_training():
    documents = [sources for sources, _ in PAIRS]
    trained = TranslationLanguageModel(documents, PAIRS)
    stand_in = TranslationLanguageModel(documents, PAIRS[2:], table=trained.table)
    other = TranslationLanguageModel(documents, PAIRS[2:])
    query = ["蜂", "費用"]
    assert (stand_in.scores(query) == trained.scores(query)).all()
    assert (other.scores(query) != trained.scores(query)).any()
