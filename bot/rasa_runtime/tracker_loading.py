"""The SQL tracker store loads only the events' JSON, not a mapped object per stored row.

Rasa 3.6 loads a conversation on every message with `session.query(SQLEvent)`: SQLAlchemy
builds and tracks an ORM object for each of the session's events (hundreds in a long chat),
only for Rasa to read its `data` column. That was about 8 % of the Rasa process's CPU time per
message here. The same query selecting that one column gives the same events in the same
order (`_event_query` is Rasa's own: latest session, ordered by id). A tracker of the latest
session is marked with its number of stored events, so its save need not count them again
(tracker_saving.py).
"""

import json
from typing import Optional, Text

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_runtime import tracker_saving


async def retrieve(self: SQLTrackerStore, sender_id: Text,
                   fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
    """SQLTrackerStore._retrieve, reading the data column only."""
    with self.session_scope() as session:
        rows = self._event_query(
            session, sender_id, fetch_events_from_all_sessions=fetch_events_from_all_sessions
        ).with_entities(self.SQLEvent.data).all()
    events = [json.loads(data) for (data,) in rows]
    if not (self.domain and events):
        return None
    tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
    if not fetch_events_from_all_sessions:
        tracker_saving.note_loaded(tracker)
    return tracker


def install() -> None:
    SQLTrackerStore._retrieve = retrieve
