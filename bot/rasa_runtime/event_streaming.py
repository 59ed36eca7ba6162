"""Find a save's new events by counting the stored ones once, not by loading the conversation.

With an event broker configured (endpoints.yml: the ticket relay), Rasa 3.6's
`TrackerStore.stream_events` loads the conversation's whole current session from the SQL
tracker store again and deserialises it into a tracker on every save, only to take
`len(events)` as the offset of the new events (`TrackerEventDiffEngine.event_difference`).
That second load was about a tenth of the Rasa process's time per message, growing with the
conversation. Counting the same rows gives the same offset, so the broker receives the same
events (Rasa's load returns no tracker, offset 0, for a conversation without stored events,
as the count does).

`save` then counted the same rows again to know which events to insert (`_additional_events`,
a second query on every message). The save in progress reuses the first count: nothing else
writes the conversation in between, as Rasa's lock store lets one message of a conversation
be handled at a time.

For the same reason a tracker just loaded from the latest session (tracker_loading.py notes how
many events it was loaded with) needs no count at all: its first save uses that number. A
second save of the same object, or a tracker not loaded from the store, is counted.
"""

import itertools
from typing import Iterator, List

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

rasas_additional_events = SQLTrackerStore._additional_events
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


def _pending(store: SQLTrackerStore) -> dict:
    """The new events of each conversation being saved, counted by `stream_new_events`."""
    return store.__dict__.setdefault("_new_events_being_saved", {})


async def stream_new_events(self: SQLTrackerStore, tracker: DialogueStateTracker) -> None:
    """SQLTrackerStore.stream_events with the stored events counted in the database."""
    new_events = _unstored_events(self, tracker)
    _pending(self)[tracker.sender_id] = new_events
    if self.event_broker is not None:
        await self._stream_new_events(self.event_broker, new_events, tracker.sender_id)


def additional_events(self: SQLTrackerStore, session, tracker: DialogueStateTracker) -> Iterator:
    """The events `save` inserts: those `stream_new_events` just counted for this save."""
    counted = _pending(self).pop(tracker.sender_id, None)
    if counted is None:  # not called from `save`
        return rasas_additional_events(self, session, tracker)
    return iter(counted)


def install() -> None:
    SQLTrackerStore.stream_events = stream_new_events
    SQLTrackerStore._additional_events = additional_events
