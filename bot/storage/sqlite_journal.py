"""SQLite files in write-ahead-log mode: a commit costs about half a millisecond, not 25.

In SQLite's default (rollback journal) mode every commit creates, syncs and deletes a journal
file and syncs the database: about 25 ms of waiting on this project's machine. Rasa's tracker
store and the action server's records commit synchronously inside their event loops, so every
other conversation waits that long too. In WAL mode a commit appends to the log and syncs it
once, as durably (`synchronous` stays FULL), and readers (the staff console) do not block the
writer. The mode is stored in the database file. PostgreSQL is left alone.
"""

from sqlalchemy.engine import Engine


def use_write_ahead_log(engine: Engine) -> None:
    """Puts an SQLite file database in WAL mode; no effect on other databases."""
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA journal_mode=WAL")
