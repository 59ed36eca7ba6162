"""The SQLite tracker store (`make run`, the tests) in write-ahead-log mode.

Rasa 3.6 saves the conversation after every message, synchronously in its event loop; with
SQLite's default journal each save waited about 25 ms for the disk, during which no other
conversation moved (bot/storage/sqlite_journal.py says why WAL mode fixes it). Rasa has no
setting for SQLite's journal, so the store switches its database to WAL once it is created.
"""

from functools import wraps
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore

from bot.storage.sqlite_journal import use_write_ahead_log


def install() -> None:
    create_store = SQLTrackerStore.__init__

    @wraps(create_store)
    def create_store_in_wal_mode(self: SQLTrackerStore, *args: Any, **kwargs: Any) -> None:
        create_store(self, *args, **kwargs)
        use_write_ahead_log(self.engine)

    SQLTrackerStore.__init__ = create_store_in_wal_mode
