"""The benchmark's metrics, checked against figures computed by hand (DESIGN.md definitions)."""

import json
import math

import pytest

from bot.retrieval.evaluation import (
    BenchmarkFileError,
    evaluate,
    load_corpus,
    load_queries,
    query_metrics,
)


def test_relevant_first_gives_perfect_scores():
    figures = query_metrics(["a", "b", "c"], {"a": 2})
    assert figures == {"sr@1": 1.0, "sr@5": 1.0, "mrr@10": 1.0, "ndcg@10": 1.0}


def test_graded_ndcg_by_hand():
    # ranking c (grade 1), x (0), a (grade 2); gains 2^g - 1: 1, 0, 3
    figures = query_metrics(["c", "x", "a"], {"a": 2, "c": 1})
    dcg = 1 / math.log2(2) + 0 + 3 / math.log2(4)  # 1 + 1.5 = 2.5
    ideal = 3 / math.log2(2) + 1 / math.log2(3)  # 3 + 0.6309 = 3.6309
    assert figures["ndcg@10"] == pytest.approx(dcg / ideal)
    assert figures["ndcg@10"] == pytest.approx(0.68853, abs=1e-5)
    assert figures["sr@1"] == 1.0  # a grade-1 FAQ at the top counts as a success
    assert figures["mrr@10"] == 1.0


def test_relevant_at_rank_six_and_beyond_ten():
    ranked = ["x1", "x2", "x3", "x4", "x5", "a"] + [f"y{i}" for i in range(10)]
    figures = query_metrics(ranked, {"a": 1})
    assert figures["sr@1"] == 0.0 and figures["sr@5"] == 0.0
    assert figures["mrr@10"] == pytest.approx(1 / 6)
    assert figures["ndcg@10"] == pytest.approx((1 / math.log2(7)) / 1.0)
    late = query_metrics([f"x{i}" for i in range(10)] + ["a"], {"a": 2})
    assert late == {"sr@1": 0.0, "sr@5": 0.0, "mrr@10": 0.0, "ndcg@10": 0.0}


def test_ideal_dcg_uses_only_the_best_ten_judgements():
    relevant = {f"d{i}": 1 for i in range(12)}
    figures = query_metrics([f"d{i}" for i in range(10)], relevant)
    assert figures["ndcg@10"] == pytest.approx(1.0)


def test_evaluate_counts_only_queries_with_a_relevant_faq(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "\n".join(json.dumps({"id": i, "question": f"q{i}", "answer": f"a{i}"}) for i in "ab"),
        encoding="utf-8",
    )
    queries_file = tmp_path / "queries.jsonl"
    queries_file.write_text(
        "\n".join([
            json.dumps({"id": "1", "query": "first", "relevant": {"a": 2}}),
            json.dumps({"id": "2", "query": "second", "relevant": {"b": 1}, "lang": "en"}),
            json.dumps({"id": "3", "query": "unjudged", "relevant": {}}),
            json.dumps({"id": "4", "query": "zero grade", "relevant": {"a": 0}}),
        ]),
        encoding="utf-8",
    )
    documents = load_corpus(corpus)
    assert [d.id for d in documents] == ["a", "b"]
    assert documents[0].fields == {"question": ["qa"], "answer": ["aa"]}
    queries = load_queries(queries_file)
    assert queries[1].language == "en"

    seen = []

    def search(text, language):
        seen.append((text, language))
        return ["a", "b"]

    result = evaluate(search, queries, by_language=True)
    assert seen == [("first", None), ("second", "en")]
    assert result["queries"] == 2
    assert result["sr@1"] == 0.5 and result["sr@5"] == 1.0
    assert result["mrr@10"] == 0.75
    assert result["ndcg@10"] == pytest.approx(round((1 + 1 / math.log2(3)) / 2, 4))
    assert result["qps"] > 0
    assert result["by_lang"]["en"]["queries"] == 1


def test_bad_lines_are_reported_with_file_and_line(tmp_path):
    broken = tmp_path / "q.jsonl"
    broken.write_text('{"id": "1", "query": "x", "relevant": {}}\n{not json\n', encoding="utf-8")
    with pytest.raises(BenchmarkFileError, match=r"q.jsonl:2"):
        load_queries(broken)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "1", "question": "x"}\n', encoding="utf-8")
    with pytest.raises(BenchmarkFileError, match=r"c.jsonl:1: missing answer"):
        load_corpus(corpus)
