"""`python -m bot eval conversations`: how a reply is read (which FAQ, suggestions, an honest
no-answer, an emergency, its language) and the figures computed from the readings. The replies
here are built from the assistant's own texts, as the REST webhook returns them."""

import json

import pytest

from bot.evaluation.conversations import (
    Outcome, Question, QuestionFileError, metrics, read_questions, read_reply)
from bot.evaluation.reply_catalog import ReplyCatalog
from bot.i18n import text
from bot.knowledge.cli import load_all
from bot.paths import KNOWLEDGE_DIR

CATALOG = ReplyCatalog()
FAQS = {f.id: f for f in load_all(KNOWLEDGE_DIR)[0]}


def _answer(faq_id, language):
    faq = FAQS[faq_id]
    return [{"text": faq.answer_in(language) + "\n" + text("faq_source", language, url=faq.source)},
            {"text": text("faq_was_it_helpful", language),
             "buttons": [{"title": "👍", "payload": "/affirm"}]}]


def _no_answer(language, related=()):
    buttons = [{"title": FAQS[i].title_in(language), "payload": f'/ask_question{{"faq_id": "{i}"}}'}
               for i in related]
    return [{"text": text("faq_no_answer", language) + "\n"
             + text("next_step_your_municipality", language),
             "buttons": buttons + [{"title": "staff", "payload": "/request_human"}]}]


def test_a_direct_answer_names_its_faq_and_language():
    reading = read_reply(CATALOG, _answer("my-number-card-lost", "ko"), "ko")
    assert (reading.kind, reading.faq_id, set(reading.languages)) == (
        "answer", "my-number-card-lost", {"ko"})


def test_an_answer_in_another_language_is_seen():
    reading = read_reply(CATALOG, _answer("my-number-card-lost", "en"), "vi")
    assert reading.kind == "answer" and set(reading.languages) == {"en"}


def test_an_honest_no_answer_with_related_faqs():
    reading = read_reply(CATALOG, _no_answer("zh", ["procedures-moving-in"]), "zh")
    assert (reading.kind, reading.suggested) == ("unknown", ("procedures-moving-in",))


def test_an_emergency_reply_first():
    reading = read_reply(CATALOG, [{"text": text("emergency_help_fire", "ja")}], "ja")
    assert reading.kind == "emergency" and reading.first_is_emergency


def test_a_shelter_list_answers_the_shelter_question_in_its_language():
    replies = [{"text": text("shelters_municipality_general", "zh", municipality="松戸市",
                             total=96, shown=5)}]
    reading = read_reply(CATALOG, replies, "zh")
    assert (reading.kind, reading.faq_id, set(reading.languages)) == (
        "answer", "disaster-nearest-shelter", {"zh"})


def test_figures():
    outcomes = [
        Outcome(Question("en", "q1", ("my-number-card-lost",)),
                read_reply(CATALOG, _answer("my-number-card-lost", "en"), "en")),
        Outcome(Question("en", "q2", ("procedures-moving-in",)),
                read_reply(CATALOG, _answer("procedures-moving-out", "en"), "en")),
        Outcome(Question("en", "q3", ("procedures-moving-in",)),
                read_reply(CATALOG, _no_answer("en", ["procedures-moving-in"]), "en")),
        Outcome(Question("en", "q4", ("not-covered",)), read_reply(CATALOG, _no_answer("en"), "en")),
        Outcome(Question("en", "q5", ("not-covered",)),
                read_reply(CATALOG, _answer("my-number-card-fee", "en"), "en")),
        Outcome(Question("en", "q6", ("emergency",), needs=("119",)),
                read_reply(CATALOG, [{"text": text("emergency_help_medical", "en")}], "en")),
    ]
    figures = metrics(outcomes)
    assert figures["direct_precision"] == round(1 / 3, 4)  # one of three direct answers right
    assert figures["in_scope_answered"] == round(2 / 3, 4)  # right answer, or offered
    assert figures["not_covered_honest"] == 0.5
    assert figures["emergency_first"] == 1.0 and figures["facts_ok"] == 1.0
    assert figures["language_ok"] == 1.0 and figures["n"] == 6


def test_question_lines(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in [
        {"lang": "ja-easy", "question": "じゅうみんひょう", "expect": ["a", "b"], "half": "tuning"},
        {"lang": "vi", "question": "x", "expect": "not-covered", "needs": ["110"]},
    ]), encoding="utf-8")
    easy, vi = read_questions(path)
    assert easy.choose and easy.expect == ("a", "b") and easy.half == "tuning"
    assert not vi.choose and vi.needs == ("110",)
    path.write_text('{"lang": "fr", "question": "x", "expect": "y"}', encoding="utf-8")
    with pytest.raises(QuestionFileError):
        read_questions(path)
