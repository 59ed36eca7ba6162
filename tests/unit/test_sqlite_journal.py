"""SQLite files (the action server's records, Rasa's tracker store) are in write-ahead-log mode,
where a commit does not stall the server's event loop; their contents stay the same."""

import sqlite3

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from sqlalchemy import create_engine

from bot.rasa_runtime import sqlite_tracker_store
from bot.storage.database import engine_for, session_scope
from bot.storage.models import UnansweredQuestion
from bot.storage.sqlite_journal import use_write_ahead_log


def _journal_mode(path) -> str:
    with sqlite3.connect(path) as connection:  # a separate connection: the mode is in the file
        return connection.execute("PRAGMA journal_mode").fetchone()[0]


def test_a_file_database_is_switched_to_wal_and_stays_so(tmp_path):
    path = tmp_path / "plain.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE t (x TEXT)")
    assert _journal_mode(path) == "delete"  # SQLite's default

    use_write_ahead_log(engine)
    use_write_ahead_log(engine)  # again (a restart): no error

    assert _journal_mode(path) == "wal"


def test_an_in_memory_database_is_left_alone():
    engine = create_engine("sqlite://")
    use_write_ahead_log(engine)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "memory"


def test_the_records_database_is_in_wal_mode_and_keeps_what_is_written(tmp_path):
    url = f"sqlite:///{tmp_path / 'assistant.db'}"
    with session_scope(url) as session:
        session.add(UnansweredQuestion(language="en", channel="rest", text="where is my bin"))
    engine_for.cache_clear()  # as after a restart
    with session_scope(url) as session:
        assert [q.text for q in session.query(UnansweredQuestion)] == ["where is my bin"]
    assert _journal_mode(tmp_path / "assistant.db") == "wal"


async def test_rasas_sqlite_tracker_store_is_in_wal_mode(tmp_path, monkeypatch):
    monkeypatch.setattr(SQLTrackerStore, "__init__", SQLTrackerStore.__init__)  # undone after
    sqlite_tracker_store.install()
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.db"))
    tracker = await store.get_or_create_tracker("resident")
    tracker.update(UserUttered("hello"))
    await store.save(tracker)

    assert _journal_mode(tmp_path / "tracker.db") == "wal"
    stored = await store.retrieve("resident")
    assert [type(e) for e in stored.events] == [ActionExecuted, UserUttered]
