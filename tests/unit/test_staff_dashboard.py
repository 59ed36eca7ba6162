"""Dashboard figures from a tracker database written by Rasa's own SQLTrackerStore, and the
page that draws them as inline SVG."""

from datetime import datetime, time, timedelta

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.staff import dashboard, tickets
from bot.staff.dashboard import JAPAN
from bot.storage.database import session_scope
from bot.storage.models import AnsweredFaq, FaqFeedback, Ticket
from bot.paths import KNOWLEDGE_DIR
from tests.unit.test_staff_console import (console_config, database_url, rasa,  # noqa: F401
                                           signed_in, started)

@pytest.fixture
async def console(tmp_path, database_url, rasa):  # noqa: F811
    """The console over the live FAQ files, whose titles the charts show."""
    client = await started(console_config(tmp_path, database_url, rasa.url,
                                          knowledge_dir=KNOWLEDGE_DIR))
    yield client
    await client.close()


TODAY = datetime.now(JAPAN).date()
YESTERDAY = TODAY - timedelta(days=1)


def _noon(day) -> float:
    return datetime.combine(day, time(12), JAPAN).timestamp()


def _user(day, channel: str, offset: float = 0.0) -> UserUttered:
    return UserUttered("こんにちは", input_channel=channel, timestamp=_noon(day) + offset)


def _language(day, code: str) -> SlotSet:
    return SlotSet("language", code, timestamp=_noon(day) + 1)


CONVERSATIONS = {
    "A": [_user(TODAY, "line"), _language(TODAY, "en"),
          ActionExecuted("action_answer_faq", timestamp=_noon(TODAY) + 2)],
    "B": [_user(YESTERDAY, "socketio"), _user(TODAY, "socketio")],  # never chose: Japanese
    "C": [_user(YESTERDAY, "rest"), _language(YESTERDAY, "zh"),
          _user(TODAY, "rest"), _language(TODAY, "vi")],
    "D": [_user(TODAY - timedelta(days=20), "line")],  # before the period
}


@pytest.fixture
async def tracker_url(tmp_path):
    """What `make run` leaves in var/tracker.db, written by Rasa itself; at the path the
    console fixture reads (tracker.db in the test's tmp_path)."""
    store = SQLTrackerStore(dialect="sqlite", db=str(tmp_path / "tracker.db"))
    for sender, events in CONVERSATIONS.items():
        await store.save(DialogueStateTracker.from_events(sender, events))
    return f"sqlite:///{tmp_path / 'tracker.db'}"


@pytest.fixture
def seeded(database_url):  # noqa: F811 (the fixture above)
    # At TODAY's noon, not now: a test run that crosses midnight in Japan keeps its TODAY.
    noon = datetime.combine(TODAY, time(12), JAPAN)
    month_ago = noon - timedelta(days=30)
    ticket_id = tickets.open_ticket("A", "line", "en", "help", database_url=database_url)
    with session_scope(database_url) as db:
        db.get(Ticket, ticket_id).created_at = noon
        db.add(Ticket(conversation_id="Z", channel="line", language="ja", summary="",
                      created_at=month_ago, updated_at=month_ago))
        db.add_all([AnsweredFaq(faq_id="my-number-what-is", language="ja", channel="line",
                                created_at=noon) for _ in range(3)])
        db.add(AnsweredFaq(faq_id="garbage-days", language="en", channel="line", created_at=noon))
        db.add(AnsweredFaq(faq_id="garbage-days", language="en", channel="line",
                           created_at=month_ago))
        db.add_all([FaqFeedback(faq_id="my-number-what-is", helpful=h, language="ja",
                                channel="line", created_at=noon) for h in (True, True, False)])
    return database_url


def test_figures(tracker_url, seeded):
    figures = dashboard.compute(TODAY, 14, tracker_url, seeded)
    assert figures.tracker_available and len(figures.days) == 14
    assert figures.conversations == 3
    assert dict(figures.by_language[TODAY]) == {"en": 1, "ja": 1, "vi": 1}
    assert dict(figures.by_language[YESTERDAY]) == {"ja": 1, "zh": 1}
    assert dict(figures.by_channel[TODAY]) == {"line": 1, "socketio": 1, "rest": 1}
    assert dict(figures.by_channel[YESTERDAY]) == {"socketio": 1, "rest": 1}
    assert figures.tickets == 1
    assert figures.handoff_rate == pytest.approx(1 / 3)
    assert figures.top_faqs == [("my-number-what-is", 3), ("garbage-days", 1)]
    assert figures.feedback == {"my-number-what-is": (2, 1)}


def test_missing_tracker_database_is_said_not_crashed(tmp_path, seeded):
    figures = dashboard.compute(TODAY, 7, f"sqlite:///{tmp_path / 'none.db'}", seeded)
    assert not figures.tracker_available and figures.conversations == 0
    assert figures.handoff_rate == 0.0 and figures.tickets == 1
    assert not (tmp_path / "none.db").exists()


async def test_dashboard_page_draws_the_figures(console, tracker_url, seeded,  # noqa: F811
                                                tmp_path):
    await signed_in(console)
    page = await (await console.get("/dashboard?days=14")).text()
    assert 'id="conversations">3<' in page and 'id="tickets">1<' in page
    assert 'id="handoff-rate">33.3%<' in page
    assert page.count("<svg role=\"img\"") == 4  # two per-day charts, two FAQ charts
    assert f"<title>{TODAY:%m/%d} English (英語): 1</title>" in page
    assert f"<title>{YESTERDAY:%m/%d} 中文 (中国語): 1</title>" in page
    assert f"<title>{TODAY:%m/%d} Webチャット: 1</title>" in page
    assert "マイナンバーとは" in page  # FAQs named by their title, not their id
    assert "回答 3" in page and "👍 2 / 👎 1" in page
    assert "トラッカーストア）が見つかりません" not in page
