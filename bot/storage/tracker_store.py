"""The conversations' store: Rasa's SQL tracker store, as a class named in endpoints.yml.

Rasa builds the tracker store from `tracker_store.type` whatever command starts it (`rasa run`,
`python -m bot.rasa_runtime run`, `rasa shell`), so everything here holds in every run mode:

- Start-up: the database must answer within `connect_timeout_s` (default 60 s); Rasa's own
  store waits on an unreachable one for as long as the network lets it. Not reachable, Rasa
  does not start and says why.
- SQLite (`make run`, the tests): pooled connections in write-ahead-log mode. Rasa saves the
  conversation after every message, synchronously in its event loop; with SQLAlchemy's
  defaults for an SQLite file each save waited about 25 ms for the disk, during which no other
  conversation moved (bot/storage/engines.py). Other databases keep Rasa's engine.
- Loading reads only the events' JSON: Rasa 3.6 builds and tracks an ORM object per stored
  event (hundreds in a long chat) only to read its `data` column, about 8 % of the Rasa
  process's CPU time per message. The same query (`_event_query`, Rasa's own: latest session,
  ordered by id) selecting that one column gives the same events in the same order.
- A save counts the stored events at most once and inserts the new ones in one statement.
  With an event broker configured (the ticket relay), Rasa's `save` loads the current session
  again only to count it (`stream_events`), then `_additional_events` counts the same rows: a
  tenth of the process's time per message, growing with the conversation. Here one count gives
  both (a tracker just loaded from the latest session needs none: it knows how many events it
  was loaded with), so the broker and the table get the same events; Rasa's lock store lets
  one message of a conversation be handled at a time, so nothing writes in between. The new
  rows, the columns Rasa's `save` fills, go in as one multi-row INSERT.
- Privacy: every resident's message is masked before the broker or the table sees it,
  whichever way it came in (a channel, or the HTTP API's ready-made events); standard-library
  log records of the process are masked as they are made (bot/privacy/log_records.py).
"""

import itertools
import json
import time
from typing import Any, Dict, List, Optional, Text

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore, validate_port
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import sessionmaker

from bot.privacy.log_records import mask_log_records
from bot.privacy.masking import mask_message
from bot.storage.engines import create_database_engine, is_sqlite_file

_LOADED_EVENTS = "_events_loaded_from_the_store"
DEFAULT_CONNECT_TIMEOUT_S = 60


class DatabaseUnreachable(RuntimeError):
    """The tracker database did not answer at start-up."""


def wait_for_database(url: Any, timeout_s: float) -> None:
    engine = create_engine(url, pool_pre_ping=True)
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            try:
                with engine.connect():
                    return
            except OperationalError as error:
                if time.monotonic() >= deadline:
                    raise DatabaseUnreachable(
                        f"The tracker database {engine.url!r} did not answer within "
                        f"{timeout_s:g} s: {error.orig}") from error
                time.sleep(1)
    finally:
        engine.dispose()


def _row(sender_id: str, event: Event) -> Dict[str, Any]:
    """The row Rasa's save stores for an event."""
    data = event.as_dict()
    return {"sender_id": sender_id, "type_name": event.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"), "data": json.dumps(data)}


class ResidentTrackerStore(SQLTrackerStore):
    """`type: bot.storage.tracker_store.ResidentTrackerStore` in endpoints.yml, with the
    settings of Rasa's `type: SQL` (dialect, url, port, db, username, password, login_db,
    query) and `connect_timeout_s`."""

    def __init__(self, domain: Optional[Domain] = None, dialect: Text = "sqlite",
                 host: Optional[Text] = None, port: Optional[int] = None, db: Text = "rasa.db",
                 username: Optional[Text] = None, password: Optional[Text] = None,
                 event_broker: Optional[EventBroker] = None, login_db: Optional[Text] = None,
                 query: Optional[Dict] = None,
                 connect_timeout_s: float = DEFAULT_CONNECT_TIMEOUT_S, **kwargs: Any) -> None:
        mask_log_records()
        if dialect != "sqlite":
            wait_for_database(self.get_db_url(dialect, host, validate_port(port), db, username,
                                              password, login_db, query),
                              float(connect_timeout_s))
        super().__init__(domain, dialect, host, port, db, username, password, event_broker,
                         login_db, query, **kwargs)
        if is_sqlite_file(self.engine.url):
            rasas_engine, self.engine = self.engine, create_database_engine(self.engine.url)
            rasas_engine.dispose()
            self.sessionmaker = sessionmaker(bind=self.engine)

    async def _retrieve(self, sender_id: Text,
                        fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        with self.session_scope() as session:
            rows = self._event_query(
                session, sender_id, fetch_events_from_all_sessions=fetch_events_from_all_sessions
            ).with_entities(self.SQLEvent.data).all()
        events = [json.loads(data) for (data,) in rows]
        if not (self.domain and events):
            return None
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        if not fetch_events_from_all_sessions:
            tracker.__dict__[_LOADED_EVENTS] = len(tracker.events)
        return tracker

    def _unstored_events(self, tracker: DialogueStateTracker) -> List[Event]:
        stored = tracker.__dict__.pop(_LOADED_EVENTS, None)  # once: the save may fail
        if stored is None:
            with self.session_scope() as session:
                stored = self._event_query(session, tracker.sender_id,
                                           fetch_events_from_all_sessions=False).count()
        return list(itertools.islice(tracker.events, stored, len(tracker.events)))

    async def save(self, tracker: DialogueStateTracker) -> None:
        new_events = self._unstored_events(tracker)
        for event in new_events:
            if isinstance(event, UserUttered):
                mask_message(event)
        if self.event_broker is not None:
            await self._stream_new_events(self.event_broker, new_events, tracker.sender_id)
        if new_events:
            with self.session_scope() as session:
                session.execute(self.SQLEvent.__table__.insert(),
                                [_row(tracker.sender_id, event) for event in new_events])
                session.commit()
