"""`faq eval` on files made here: the output contract of DESIGN.md and clear errors."""

import json

import pytest

from bot.__main__ import build_parser


def run(argv, capsys):
    args = build_parser().parse_args(argv)
    code = args.handler(args)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def files(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in [
        {"id": "garbage", "question": "How do I sort garbage?",
         "answer": "Separate burnable and recyclable garbage."},
        {"id": "ambulance", "question": "How do I call an ambulance?", "answer": "Dial 119."},
        {"id": "seal", "question": "How do I register my seal?",
         "answer": "Bring the seal and your ID to the counter."},
    ]), encoding="utf-8")
    queries = tmp_path / "queries.jsonl"
    queries.write_text("\n".join(json.dumps(line) for line in [
        {"id": "1", "query": "sorting garbage", "relevant": {"garbage": 2}, "lang": "en"},
        {"id": "2", "query": "call an ambulance", "relevant": {"ambulance": 2}, "lang": "en"},
        {"id": "3", "query": "seal registration", "relevant": {"seal": 1}},
        {"id": "4", "query": "nothing judged", "relevant": {}},
    ]), encoding="utf-8")
    return corpus, queries


def test_eval_last_line_is_the_json_summary(files, capsys):
    corpus, queries = files
    code, out, _ = run(["faq", "eval", "--corpus", str(corpus), "--queries", str(queries),
                        "--by-lang"], capsys)
    assert code == 0
    lines = out.strip().splitlines()
    summary = json.loads(lines[-1])
    assert summary["queries"] == 3
    assert summary["sr@1"] == 1.0 and summary["ndcg@10"] == 1.0
    assert summary["qps"] > 0 and summary["index_build_s"] >= 0
    per_language = [json.loads(line) for line in lines[:-1]]
    assert {line["lang"] for line in per_language} == {"en", "?"}


def test_eval_reports_a_bad_file_by_line(files, tmp_path, capsys):
    corpus, _ = files
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "1", "query": "x", "relevant": {}}\nnot json\n', encoding="utf-8")
    code, _, err = run(["faq", "eval", "--corpus", str(corpus), "--queries", str(bad)], capsys)
    assert code == 2 and "bad.jsonl:2" in err


def test_eval_without_corpus_uses_the_knowledge_folder(tmp_path, capsys):
    from tests.unit.test_knowledge_files import faq_yaml, write

    write(tmp_path, "a.yml", faq_yaml("moving-in"), faq_yaml("moving-out"))
    queries = tmp_path / "q.jsonl"
    queries.write_text(json.dumps({"id": "1", "query": "answer in en", "lang": "en",
                                   "relevant": {"moving-in": 2}}) + "\n", encoding="utf-8")
    code, out, _ = run(["faq", "--knowledge", str(tmp_path), "eval", "--queries", str(queries)],
                       capsys)
    assert code == 0
    result = json.loads(out.strip().splitlines()[-1])
    assert result["queries"] == 1 and result["documents"] == 2
