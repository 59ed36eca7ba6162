"""An FAQ answered outright is recorded for the dashboard's "most-asked FAQs".

The retrieval decision is fixed here (its quality has its own tests): what is checked is that
the action stores the record for an answer, and none for a suggestion.
"""

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import faq as faq_actions
from bot.knowledge.faq_search import FaqMatch
from bot.storage.database import session_scope
from bot.storage.models import AnsweredFaq

FAQ_ID = "my-number-what-is"


def _tracker(question: str, language: str) -> Tracker:
    return Tracker(
        sender_id="resident-1", slots={"language": language},
        latest_message={"text": question, "intent": {"name": "ask_question"}, "entities": []},
        events=[{"event": "user", "text": question, "input_channel": "line"}],
        paused=False, followup_action=None, active_loop={}, latest_action_name=None)


@pytest.fixture
def database_url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'assistant.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def _decide(monkeypatch, decision: str) -> None:
    faq = faq_actions.knowledge.snapshot.faqs[FAQ_ID]
    monkeypatch.setattr(faq_actions, "match_question",
                        lambda *args: FaqMatch(decision, [faq], 0.9))


def _recorded(database_url):
    with session_scope(database_url) as db:
        return [(r.faq_id, r.language, r.channel) for r in db.query(AnsweredFaq)]


async def test_an_outright_answer_is_recorded(database_url, monkeypatch):
    _decide(monkeypatch, "answer")
    dispatcher = CollectingDispatcher()
    await faq_actions.ActionAnswerFaq().run(dispatcher, _tracker("マイナンバーとは", "ja"), {})
    assert dispatcher.messages[0]["text"].startswith(
        faq_actions.knowledge.snapshot.faqs[FAQ_ID].answer_in("ja"))
    assert _recorded(database_url) == [(FAQ_ID, "ja", "line")]


async def test_a_suggestion_is_not_recorded_as_answered(database_url, monkeypatch):
    _decide(monkeypatch, "suggest")
    await faq_actions.ActionAnswerFaq().run(CollectingDispatcher(),
                                            _tracker("マイナンバー", "ja"), {})
    assert _recorded(database_url) == []
