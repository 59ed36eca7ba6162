"""A save counts the stored events at most once and inserts the new ones in one statement.

Rasa 3.6's `SQLTrackerStore.save` finds a conversation's new events twice. With an event broker
configured (endpoints.yml: the ticket relay), `TrackerStore.stream_events` loads the current
session from the database again and deserialises it into a tracker, only to take
`len(events)` as the offset of the new events (`TrackerEventDiffEngine.event_difference`): about
a tenth of the Rasa process's time per message, growing with the conversation. Then
`_additional_events` counts the same rows to know which events to insert. Here one count gives
both: the same offset (Rasa's load returns no tracker, offset 0, for a conversation without
stored events, as the count does), so the broker and the table get the same events. Nothing
writes the conversation in between: Rasa's lock store lets one message of a conversation be
handled at a time.

For the same reason a tracker just loaded from the latest session (tracker_loading.py notes how
many events it was loaded with) needs no count at all: its first save uses that number. A
second save of the same object, or a tracker not loaded from the store, is counted.

The new rows, the columns Rasa's `save` fills, go in as one multi-row INSERT instead of an ORM
object per event flushed through SQLAlchemy's unit of work (~1 ms of Python per message). A
resident's message among them is masked first (personal_data.py), whichever way it came in.
"""

import itertools
import json
from typing import Any, Dict, List

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from bot.rasa_runtime.personal_data import mask_message_event

_LOADED_EVENTS = "_events_loaded_from_the_store"


def note_loaded(tracker: DialogueStateTracker) -> None:
    """Remembers that all of `tracker`'s events are the stored ones of its latest session."""
    tracker.__dict__[_LOADED_EVENTS] = len(tracker.events)


def _unstored_events(store: SQLTrackerStore, tracker: DialogueStateTracker) -> List[Event]:
    stored = tracker.__dict__.pop(_LOADED_EVENTS, None)  # once: the save may fail
    if stored is None:
        with store.session_scope() as session:
            stored = store._event_query(session, tracker.sender_id,
                                        fetch_events_from_all_sessions=False).count()
    return list(itertools.islice(tracker.events, stored, len(tracker.events)))


def _row(sender_id: str, event: Event) -> Dict[str, Any]:
    """The row Rasa's save stores for an event."""
    data = event.as_dict()
    return {"sender_id": sender_id, "type_name": event.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"), "data": json.dumps(data)}


async def save(self: SQLTrackerStore, tracker: DialogueStateTracker) -> None:
    """SQLTrackerStore.save with the new events found once and inserted in one statement."""
    new_events = _unstored_events(self, tracker)
    for event in new_events:
        mask_message_event(event)
    if self.event_broker is not None:
        await self._stream_new_events(self.event_broker, new_events, tracker.sender_id)
    if new_events:
        with self.session_scope() as session:
            session.execute(self.SQLEvent.__table__.insert(),
                            [_row(tracker.sender_id, event) for event in new_events])
            session.commit()


def install() -> None:
    SQLTrackerStore.save = save
