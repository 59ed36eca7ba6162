"""`python -m bot privacy purge`: old conversations go, recent ones and open tickets stay."""

import asyncio
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, text

from bot.__main__ import main
from bot.staff import tickets
from bot.storage.database import session_scope
from bot.storage.models import Ticket, TicketMessage, UnansweredQuestion

NOW = datetime.now(timezone.utc)
OLD, RECENT = NOW - timedelta(days=40), NOW - timedelta(days=2)


def _save_conversations(tracker_db, last_messages):
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tracker_db))
    for sender_id, last in last_messages.items():
        first = last - timedelta(minutes=5)
        tracker = DialogueStateTracker.from_events(sender_id, [
            UserUttered("[個人番号] の手続き", timestamp=first.timestamp()),
            BotUttered("マイナンバーは書かないでください", timestamp=first.timestamp()),
            UserUttered("ありがとう", timestamp=last.timestamp()),
        ])
        asyncio.run(store.save(tracker))
    store.engine.dispose()


def _conversations(tracker_db):
    engine = create_engine(f"sqlite:///{tracker_db}")
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT DISTINCT sender_id FROM events")).all()
    engine.dispose()
    return {row.sender_id for row in rows}


def _closed_ticket(conversation_id, closed_at, database_url):
    ticket_id = tickets.open_ticket(conversation_id, "rest", "ja", "転入の手続き",
                                    [("resident", "転入の手続き")], database_url=database_url)
    tickets.close(ticket_id, "hanako", database_url)
    with session_scope(database_url) as db:
        db.get(Ticket, ticket_id).closed_at = closed_at
    return ticket_id


@pytest.fixture
def stores(tmp_path):
    tracker_db, database_url = tmp_path / "tracker.db", f"sqlite:///{tmp_path / 'assistant.db'}"
    _save_conversations(tracker_db, {"old": OLD, "recent": RECENT, "old-with-staff": OLD})
    tickets.open_ticket("old-with-staff", "line", "en", "still being handled",
                        database_url=database_url)
    old_ticket = _closed_ticket("old", OLD, database_url)
    recent_ticket = _closed_ticket("recent", RECENT, database_url)
    with session_scope(database_url) as db:
        db.add_all([UnansweredQuestion(created_at=OLD, language="ja", channel="rest", text="古い"),
                    UnansweredQuestion(created_at=RECENT, language="ja", channel="rest",
                                       text="新しい")])
    return tracker_db, database_url, old_ticket, recent_ticket


def _purge_command(tracker_db, database_url, *extra):
    return main(["privacy", "purge", "--older-than", "30", "--tracker-db-url",
                 f"sqlite:///{tracker_db}", "--database-url", database_url, *extra])


def test_purge_deletes_old_conversations_everywhere_and_keeps_recent_ones(stores, capsys):
    tracker_db, database_url, old_ticket, recent_ticket = stores
    assert _purge_command(tracker_db, database_url) == 0
    output = capsys.readouterr().out
    assert "conversations: 1" in output and "tracker events: " in output
    assert "tickets: 1" in output and "ticket messages: 1" in output
    assert "unanswered questions: 1" in output
    # Staff still handle "old-with-staff": its history stays until the ticket is closed.
    assert _conversations(tracker_db) == {"recent", "old-with-staff"}
    with session_scope(database_url) as db:
        assert {(t.conversation_id, t.status) for t in db.query(Ticket)} == {
            ("recent", "closed"), ("old-with-staff", "open")}
        assert {m.ticket_id for m in db.query(TicketMessage)} == {recent_ticket}
        assert [q.text for q in db.query(UnansweredQuestion)] == ["新しい"]


def test_dry_run_counts_and_deletes_nothing(stores, capsys):
    tracker_db, database_url, old_ticket, _ = stores
    assert _purge_command(tracker_db, database_url, "--dry-run") == 0
    output = capsys.readouterr().out
    assert output.startswith("Would delete") and "conversations: 1" in output
    assert _conversations(tracker_db) == {"old", "recent", "old-with-staff"}
    with session_scope(database_url) as db:
        assert db.get(Ticket, old_ticket) is not None
        assert db.query(UnansweredQuestion).count() == 2


def test_no_tracker_database_yet_is_not_created(tmp_path, capsys):
    tracker_db = tmp_path / "tracker.db"
    assert _purge_command(tracker_db, f"sqlite:///{tmp_path / 'a.db'}") == 0
    assert "conversations: 0" in capsys.readouterr().out
    assert not tracker_db.exists()
