"""Database engines; an SQLite file gets pooled connections in write-ahead-log mode.

Used for Rasa's SQLite tracker store (bot/storage/tracker_store.py), which Rasa
commits synchronously inside its event loop after every message, so every other conversation
waits while a commit does. With SQLAlchemy 1.4's defaults for an SQLite file (a new connection
per session, SQLite's rollback journal) a commit created, synced and deleted a journal file and
synced the database: about 25 ms of waiting for the disk on this project's machine. In WAL mode
a commit appends to the log and syncs it once, as durably (`synchronous` stays FULL), and
readers (the staff console) do not block the writer; kept-open connections spare the reopening,
and closing the last one, which in WAL mode checkpoints the log into the database each time.
The mode is stored in the database file. Other databases get SQLAlchemy's defaults.

Not used for the assistant's own records (bot/storage/database.py): several processes create
their tables on first use there, and with readers no longer waiting for a writer in WAL mode,
two first uses at once raced ("table … already exists"); the action server was not the
bottleneck either.
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
