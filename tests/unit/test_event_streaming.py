"""Counting the stored events hands the event broker exactly the events Rasa's own
`stream_events` (which loads the conversation again) hands it, turn after turn and across
conversation sessions."""

from typing import Any, Dict, List

import pytest
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (ActionExecuted, BotUttered, ConversationPaused,
                                     SessionStarted, SlotSet, UserUttered)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_runtime.event_streaming import stream_new_events

DOMAIN = Domain.from_dict({"slots": {"language": {
    "type": "text", "mappings": [{"type": "custom"}]}}})


class RecordingBroker(EventBroker):
    def __init__(self) -> None:
        self.published: List[Dict[str, Any]] = []

    def publish(self, event: Dict[str, Any]) -> None:
        self.published.append(event)


def _turn(text: str, at: float) -> list:
    return [UserUttered(text, timestamp=at), SlotSet("language", "en", timestamp=at),
            ActionExecuted("action_answer_faq", timestamp=at + 0.1),
            BotUttered("an answer", timestamp=at + 0.1),
            ActionExecuted("action_listen", timestamp=at + 0.2)]


def _session(at: float) -> list:
    return [ActionExecuted("action_session_start", timestamp=at),
            SessionStarted(timestamp=at), ActionExecuted("action_listen", timestamp=at)]


async def _published_while_conversing(tmp_path, name: str) -> List[Dict[str, Any]]:
    broker = RecordingBroker()
    store = SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / f"{name}.db"),
                            event_broker=broker)
    saves = [_session(1.0), _turn("hello", 2.0), _turn("residence card", 3.0),
             [UserUttered("a person please", timestamp=4.0), ConversationPaused(timestamp=4.1)],
             _session(5000.0), _turn("still there?", 5001.0), []]
    for sender in ("resident-a", "resident-b"):
        for new_events in saves:
            tracker = await store.get_or_create_tracker(sender, append_action_listen=False)
            for event in new_events:
                tracker.update(event)
            await store.save(tracker)
    return broker.published


def test_rasas_own_stream_events_is_what_the_test_compares_with():
    assert "stream_events" not in SQLTrackerStore.__dict__  # inherited from TrackerStore


async def test_the_broker_gets_the_same_events_as_with_rasas_stream_events(tmp_path, monkeypatch):
    rasas = await _published_while_conversing(tmp_path, "rasa")
    monkeypatch.setattr(SQLTrackerStore, "stream_events", stream_new_events)
    counted = await _published_while_conversing(tmp_path, "counted")

    assert counted == rasas
    texts = [e["text"] for e in counted if e["event"] == "user"]
    assert texts == ["hello", "residence card", "a person please", "still there?"] * 2
    assert len(counted) == 2 * (3 + 5 + 5 + 2 + 3 + 5)  # each event once


async def test_without_a_broker_nothing_is_loaded_or_published(tmp_path, monkeypatch):
    store = SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "plain.db"))
    monkeypatch.setattr(store, "session_scope", pytest.fail)  # any database use fails the test
    await stream_new_events(store, DialogueStateTracker.from_events("x", _turn("hi", 1.0)))
