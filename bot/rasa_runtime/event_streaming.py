"""Find the events to publish by counting the stored ones, not by loading the conversation.

With an event broker configured (endpoints.yml: the ticket relay), Rasa 3.6's
`TrackerStore.stream_events` loads the conversation's whole current session from the SQL
tracker store again and deserialises it into a tracker on every save, only to take
`len(events)` as the offset of the new events (`TrackerEventDiffEngine.event_difference`).
That second load was about a tenth of the Rasa process's time per message, growing with the
conversation. Counting the same rows (the query `save` itself uses right after) gives the
same offset, so the broker receives the same events (Rasa's load returns no tracker, offset 0,
for a conversation without stored events, as the count does).
"""

import itertools

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker


async def stream_new_events(self: SQLTrackerStore, tracker: DialogueStateTracker) -> None:
    """SQLTrackerStore.stream_events with the stored events counted in the database."""
    if self.event_broker is None:
        return
    with self.session_scope() as session:
        stored = self._event_query(session, tracker.sender_id,
                                   fetch_events_from_all_sessions=False).count()
    new_events = list(itertools.islice(tracker.events, stored, len(tracker.events)))
    await self._stream_new_events(self.event_broker, new_events, tracker.sender_id)


def install() -> None:
    SQLTrackerStore.stream_events = stream_new_events
