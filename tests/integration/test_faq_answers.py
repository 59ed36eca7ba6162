"""Questions answered from knowledge/ over the REST webhook, in the resident's language."""

from datetime import date
import itertools
import json

import pytest

from bot.i18n import text
from bot.knowledge.faq_files import faq_files, read_faq_file
from bot.paths import KNOWLEDGE_DIR
from bot.storage.database import session_scope
from bot.storage.models import FaqFeedback, UnansweredQuestion
pytestmark = pytest.mark.server

_ids = itertools.count()
FAQS = {f.id: f for path in faq_files(KNOWLEDGE_DIR) for f in read_faq_file(path, date.today())[0]}


def _texts(replies):
    return [r["text"] for r in replies if "text" in r]


def _sender():
    return f"faq-{next(_ids)}"


@pytest.mark.parametrize("language", ["ja", "ja-easy", "en", "zh", "ko", "vi"])
def test_a_question_gets_the_curated_answer_with_its_source(assistant, language):
    """The dialogue's plumbing, in every language (retrieval quality on new wordings is
    measured by `faq eval` on tests/data/faq/in_domain.jsonl)."""
    sender = _sender()
    faq = FAQS["my-number-card-lost"]
    assistant.say(sender, "/choose_language" + json.dumps({"language": language}))
    # A question the FAQs answer outright (a few wordings only get "related answers").
    replies = assistant.say(sender, {"ja": "マイナンバーカードを紛失しました",
                                     "ja-easy": "マイナカード を なくしました。 どこ に でんわ します か",
                                     "en": "I lost my My Number card", "zh": "我的个人编号卡丢了怎么办",
                                     "ko": "마이넘버카드를 잃어버렸어요",
                                     "vi": "Tôi bị mất thẻ My Number"}[language])
    texts = _texts(replies)
    assert texts[0] == faq.answer_in(language) + "\n" + text("faq_source", language,
                                                                url=faq.source)
    assert texts[1] == text("faq_was_it_helpful", language)
    assert [b["payload"] for b in replies[-1]["buttons"]] == ["/affirm", "/deny"]


def test_feedback_is_stored_against_the_faq(assistant):
    sender = _sender()
    assistant.say(sender, "how do I throw away a sofa")
    replies = assistant.say(sender, "/deny")
    assert "/request_human" in [b["payload"] for r in replies for b in r.get("buttons", [])]
    with session_scope(assistant.database_url) as session:
        rows = session.query(FaqFeedback).filter_by(faq_id="procedures-bulky-waste").all()
        assert [(r.helpful, r.language, r.channel) for r in rows] == [(False, "en", "rest")]


def test_a_did_you_mean_button_answers_that_faq(assistant):
    sender = _sender()
    assistant.say(sender, "hello")
    replies = assistant.say(sender, '/ask_question{"faq_id": "medical-how-to-call-119"}')
    assert _texts(replies)[0].startswith(FAQS["medical-how-to-call-119"].answer_in("en"))


def test_a_question_without_a_curated_answer_is_recorded_masked_and_offers_staff(assistant):
    sender = _sender()
    question = "図書館の本の返却期限を延ばしたい 電話は090-1234-5678です"
    replies = assistant.say(sender, question)
    # No FAQ answers it: said plainly, with where to ask next and a way to a person.
    lines = _texts(replies)[0].splitlines()
    assert lines[0] == text("faq_no_answer", "ja")
    assert lines[-1] == text("next_step_your_municipality", "ja")
    assert [r for r in replies if r.get("buttons")][-1]["buttons"][-1]["payload"] == (
        "/request_human")
    # …and a note that the phone number was not kept
    assert _texts(replies)[-1] == text("contact_details_removed", "ja")
    with session_scope(assistant.database_url) as session:
        stored = [(r.text, r.language, r.channel) for r in session.query(UnansweredQuestion)]
    assert ("図書館の本の返却期限を延ばしたい 電話は[電話番号]です", "ja", "rest") in stored
