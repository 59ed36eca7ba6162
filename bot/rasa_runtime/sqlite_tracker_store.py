"""The SQLite tracker store (`make run`, the tests): pooled connections in write-ahead-log mode.

Rasa 3.6 saves the conversation after every message, synchronously in its event loop; with
SQLAlchemy's defaults for an SQLite file each save waited about 25 ms for the disk, during
which no other conversation moved (bot/storage/engines.py says why). Rasa has no setting for
SQLite's journal or pool, so the store's engine is replaced by one that has them, right after
Rasa created the store (and its tables). Any other database is left as Rasa made it.
"""

from functools import wraps
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy.orm import sessionmaker

from bot.storage.engines import create_database_engine, is_sqlite_file


def install() -> None:
    create_store = SQLTrackerStore.__init__

    @wraps(create_store)
    def create_store_on_tuned_sqlite(self: SQLTrackerStore, *args: Any, **kwargs: Any) -> None:
        create_store(self, *args, **kwargs)
        if is_sqlite_file(self.engine.url):
            rasas_engine, self.engine = self.engine, create_database_engine(self.engine.url)
            rasas_engine.dispose()
            self.sessionmaker = sessionmaker(bind=self.engine)

    SQLTrackerStore.__init__ = create_store_on_tuned_sqlite
