"""Rasa's SQLite tracker store is in write-ahead-log mode with kept-open connections, where a
commit does not stall Rasa's event loop; what is written stays the same, and other databases
keep SQLAlchemy's defaults."""

import sqlite3
import threading

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from sqlalchemy.pool import NullPool, QueuePool, SingletonThreadPool

from bot.storage.engines import create_database_engine
from bot.storage.tracker_store import ResidentTrackerStore


def _journal_mode(path) -> str:
    with sqlite3.connect(path) as connection:  # a separate connection: the mode is in the file
        return connection.execute("PRAGMA journal_mode").fetchone()[0]


def test_an_sqlite_file_is_pooled_in_wal_mode_and_stays_so(tmp_path):
    path = tmp_path / "plain.db"
    sqlite3.connect(path).close()
    assert _journal_mode(path) == "delete"  # SQLite's default

    engine = create_database_engine(f"sqlite:///{path}")
    create_database_engine(f"sqlite:///{path}")  # again (a restart): no error

    assert _journal_mode(path) == "wal"
    assert isinstance(engine.pool, QueuePool)


def test_a_pooled_connection_may_serve_another_thread(tmp_path):
    engine = create_database_engine(f"sqlite:///{tmp_path / 'shared.db'}", future=True)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE t (x TEXT)")

    def write() -> None:
        with engine.begin() as connection:
            connection.exec_driver_sql("INSERT INTO t VALUES ('from a thread')")

    worker = threading.Thread(target=write)
    worker.start()
    worker.join()
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT x FROM t").scalars().all() == ["from a thread"]


def test_other_databases_keep_sqlalchemys_defaults(tmp_path):
    assert isinstance(create_database_engine("sqlite://").pool, SingletonThreadPool)
    postgres = create_database_engine("postgresql://u:p@127.0.0.1:1/db", poolclass=NullPool)
    assert isinstance(postgres.pool, NullPool)  # created lazily: nothing was connected to


async def test_rasas_sqlite_tracker_store_is_pooled_in_wal_mode(tmp_path, monkeypatch):
    store = ResidentTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.db"))
    tracker = await store.get_or_create_tracker("resident")
    tracker.update(UserUttered("hello"))
    await store.save(tracker)

    assert _journal_mode(tmp_path / "tracker.db") == "wal"
    assert isinstance(store.engine.pool, QueuePool)
    stored = await store.retrieve("resident")
    assert [type(e) for e in stored.events] == [ActionExecuted, UserUttered]
