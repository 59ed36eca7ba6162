"""Database engines; an SQLite file gets pooled connections in write-ahead-log mode.

Rasa's tracker store and the action server's records commit synchronously inside their event
loops, so every other conversation waits while a commit does. With SQLAlchemy 1.4's defaults
for an SQLite file (a new connection per session, SQLite's rollback journal) a commit created,
synced and deleted a journal file and synced the database: about 25 ms of waiting for the disk
on this project's machine. In WAL mode a commit appends to the log and syncs it once, as
durably (`synchronous` stays FULL), and readers (the staff console) do not block the writer;
kept-open connections spare the reopening, and closing the last one, which in WAL mode
checkpoints the log into the database each time. The mode is stored in the database file.
Other databases (PostgreSQL in production) get SQLAlchemy's defaults.
"""

from typing import Any, Union

from sqlalchemy import create_engine
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.pool import QueuePool


def is_sqlite_file(url: Union[str, URL]) -> bool:
    url = make_url(url)
    return url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")


def create_database_engine(url: Union[str, URL], **options: Any) -> Engine:
    """`sqlalchemy.create_engine(url, **options)`, an SQLite file pooled and in WAL mode."""
    if not is_sqlite_file(url):
        return create_engine(url, **options)
    # A pooled connection may serve another thread later (one thread at a time).
    engine = create_engine(url, poolclass=QueuePool,
                           connect_args={"check_same_thread": False}, **options)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA journal_mode=WAL")
    return engine
