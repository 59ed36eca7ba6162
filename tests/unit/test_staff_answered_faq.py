"""An FAQ answered outright is recorded for the dashboard's "most-asked FAQs"."""

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.faq import ActionAnswerFaq
from bot.storage.database import session_scope
from bot.storage.models import AnsweredFaq


def _tracker(question: str, language: str) -> Tracker:
    return Tracker(
        sender_id="resident-1", slots={"language": language},
        latest_message={"text": question, "intent": {"name": "ask_question"}, "entities": []},
        events=[{"event": "user", "text": question, "input_channel": "line"}],
        paused=False, followup_action=None, active_loop={}, latest_action_name=None)


async def test_an_outright_answer_is_recorded(tmp_path, monkeypatch):
    database_url = f"sqlite:///{tmp_path / 'assistant.db'}"
    monkeypatch.setenv("DATABASE_URL", database_url)
    dispatcher = CollectingDispatcher()
    events = await ActionAnswerFaq().run(dispatcher, _tracker("マイナンバーとは何ですか", "ja"), {})
    answered = next(e["value"] for e in events if e.get("name") == "last_faq")
    assert answered == "my-number-what-is"
    with session_scope(database_url) as db:
        rows = [(r.faq_id, r.language, r.channel) for r in db.query(AnsweredFaq)]
    assert rows == [("my-number-what-is", "ja", "line")]


async def test_no_record_without_an_answer(tmp_path, monkeypatch):
    database_url = f"sqlite:///{tmp_path / 'assistant.db'}"
    monkeypatch.setenv("DATABASE_URL", database_url)
    await ActionAnswerFaq().run(CollectingDispatcher(), _tracker("ぷるるん", "ja"), {})
    with session_scope(database_url) as db:
        assert db.query(AnsweredFaq).count() == 0
