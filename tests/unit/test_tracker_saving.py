"""A save that counts the stored events once and inserts the new ones in one statement hands
the event broker exactly the events Rasa's own save hands it (its `stream_events` loads the
conversation again) and stores exactly the rows Rasa's own save stores (it counts them a second
time and inserts an ORM object per event), turn after turn and across conversation sessions."""

import json
from typing import Any, Dict, List

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ConversationPaused, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy.masking import MY_NUMBER_MASK, PHONE_MASK
from bot.storage.tracker_store import ResidentTrackerStore
from tests.unit.test_tracker_loading import DOMAIN, _session, _turn

RASAS_SAVE = SQLTrackerStore.save


class RecordingBroker(EventBroker):
    def __init__(self) -> None:
        self.published: List[Dict[str, Any]] = []

    def publish(self, event: Dict[str, Any]) -> None:
        self.published.append(event)


async def _published_while_conversing(tmp_path, name: str, broker=None,
                                      store_class=ResidentTrackerStore):
    """What the broker received, and the stored rows (every column but the id)."""
    store = store_class(DOMAIN, dialect="sqlite", db=str(tmp_path / f"{name}.db"),
                            event_broker=broker)
    saves = [_session(1.0), _turn("hello", "en", 2.0), _turn("residence card", "en", 3.0),
             [UserUttered("a person please", timestamp=4.0), ConversationPaused(timestamp=4.1)],
             _session(5000.0), _turn("still there?", "en", 5001.0), []]
    for sender in ("resident-a", "resident-b"):
        for new_events in saves:
            tracker = await store.get_or_create_tracker(sender, append_action_listen=False)
            for event in new_events:
                tracker.update(event)
            await store.save(tracker)
    with store.session_scope() as session:
        rows = [(e.sender_id, e.type_name, e.timestamp, e.intent_name, e.action_name, e.data)
                for e in session.query(store.SQLEvent).order_by(store.SQLEvent.id)]
    return (broker.published if broker else None), rows


def test_rasas_own_save_is_what_the_test_compares_with():
    assert RASAS_SAVE.__module__ == "rasa.core.tracker_store"
    assert "stream_events" not in SQLTrackerStore.__dict__  # TrackerStore's: loads the session


async def test_the_broker_and_the_database_get_what_rasa_gives_them(tmp_path, monkeypatch):
    rasas, rasas_rows = await _published_while_conversing(tmp_path, "rasa", RecordingBroker(),
                                                           SQLTrackerStore)
    counted, rows = await _published_while_conversing(tmp_path, "counted", RecordingBroker())

    assert counted == rasas
    assert rows == rasas_rows and len(rows) == 2 * (3 + 5 + 5 + 2 + 3 + 5)
    texts = [e["text"] for e in counted if e["event"] == "user"]
    assert texts == ["hello", "residence card", "a person please", "still there?"] * 2
    assert len(counted) == 2 * (3 + 5 + 5 + 2 + 3 + 5)  # each event once


async def test_without_a_broker_each_event_is_stored_once(tmp_path, monkeypatch):
    _, rasas_rows = await _published_while_conversing(tmp_path, "rasa", None, SQLTrackerStore)
    published, rows = await _published_while_conversing(tmp_path, "counted")
    assert published is None
    assert rows == rasas_rows and len(rows) == 2 * (3 + 5 + 5 + 2 + 3 + 5)


async def test_a_save_counts_the_stored_events_once(tmp_path, monkeypatch):
    broker = RecordingBroker()
    store = ResidentTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "once.db"),
                            event_broker=broker)
    queries = []
    rasas_query = SQLTrackerStore._event_query
    monkeypatch.setattr(ResidentTrackerStore, "_event_query",
                        lambda self, *a, **k: queries.append(1) or rasas_query(self, *a, **k))
    await store.save(DialogueStateTracker.from_events("x", _session(1.0) + _turn("hi", "en", 2.0)))
    assert len(queries) == 1
    assert len(broker.published) == 8


async def test_a_tracker_just_loaded_is_saved_without_counting(tmp_path, monkeypatch):
    """Its stored events are the ones it was loaded with; a second save of the same object
    counts again, and every event is stored exactly once either way."""
    store = ResidentTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "loaded.db"),
                            event_broker=RecordingBroker())
    await store.save(DialogueStateTracker.from_events("x", _session(1.0) + _turn("hi", "en", 2.0)))
    counts = []
    rasas_query = SQLTrackerStore._event_query
    monkeypatch.setattr(ResidentTrackerStore, "_event_query",
                        lambda self, *a, **k: counts.append(1) or rasas_query(self, *a, **k))

    tracker = await store.get_or_create_tracker("x", append_action_listen=False)
    assert len(counts) == 1  # the load itself
    for event in _turn("residence card", "en", 3.0):
        tracker.update(event)
    await store.save(tracker)
    assert len(counts) == 1
    for event in _turn("thanks", "en", 4.0):
        tracker.update(event)
    await store.save(tracker)
    assert len(counts) == 2

    with store.session_scope() as session:
        texts = [e.data for e in session.query(store.SQLEvent).order_by(store.SQLEvent.id)]
    assert len(texts) == 3 + 5 * 3
    stored = (await store.retrieve("x")).events
    assert [e.text for e in stored if isinstance(e, UserUttered)] == [
        "hi", "residence card", "thanks"]
    assert [e["event"] for e in store.event_broker.published].count("user") == 3


async def test_a_residents_message_is_stored_and_streamed_masked_however_it_came(
        tmp_path, monkeypatch):
    """As Rasa's HTTP API appends it (/conversations/…/tracker/events): a ready-made event
    with the raw text, which no channel masked on arrival."""
    broker = RecordingBroker()
    store = ResidentTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "masked.db"),
                            event_broker=broker)
    raw = "My Number 1234-5678-9018, tel 090-1234-5678"
    said = UserUttered(raw, {"name": "ask_question"}, parse_data={"text": raw})
    await store.save(DialogueStateTracker.from_events("x", _session(1.0) + [said]))

    with store.session_scope() as session:
        [stored] = [e.data for e in session.query(store.SQLEvent) if e.type_name == "user"]
    [streamed] = [e for e in broker.published if e["event"] == "user"]
    masked = f"My Number {MY_NUMBER_MASK}, tel {PHONE_MASK}"
    for event in (json.loads(stored), streamed):
        assert (event["text"], event["parse_data"]["text"]) == (masked, masked)
    assert "9018" not in stored + json.dumps(broker.published)
