"""Loading a conversation by its events' JSON column gives the tracker Rasa's own loading
gives: the latest session's events (or all sessions'), in order, slots included."""

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered

from rasa.shared.core.trackers import EventVerbosity

from bot.storage.tracker_store import ResidentTrackerStore

RASAS_RETRIEVE = SQLTrackerStore._retrieve
DOMAIN = Domain.from_dict({"slots": {"language": {
    "type": "text", "mappings": [{"type": "custom"}]}}})


def _session(at: float) -> list:
    return [ActionExecuted("action_session_start", timestamp=at),
            SessionStarted(timestamp=at), ActionExecuted("action_listen", timestamp=at)]


def _turn(text: str, language: str, at: float) -> list:
    return [UserUttered(text, timestamp=at), SlotSet("language", language, timestamp=at),
            ActionExecuted("action_answer_faq", timestamp=at + 0.1),
            BotUttered(f"answer to {text}", timestamp=at + 0.1),
            ActionExecuted("action_listen", timestamp=at + 0.2)]


async def _stored_conversation(tmp_path) -> SQLTrackerStore:
    store = ResidentTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "tracker.db"))
    for sender, language in (("resident-a", "en"), ("resident-b", "vi")):
        tracker = await store.get_or_create_tracker(sender, append_action_listen=False)
        for event in (_session(1.0) + _turn("hello", language, 2.0) + _session(5000.0)
                      + _turn("residence card", language, 5001.0)):
            tracker.update(event)
        await store.save(tracker)
    return store


def _dump(tracker):
    return None if tracker is None else tracker.current_state(EventVerbosity.ALL)


async def test_the_same_tracker_as_rasas_own_loading(tmp_path, monkeypatch):
    store = await _stored_conversation(tmp_path)
    expected = {(sender, every): _dump(await RASAS_RETRIEVE(store, sender, every))
                for sender in ("resident-a", "resident-b", "nobody") for every in (False, True)}
    assert ResidentTrackerStore._retrieve is not RASAS_RETRIEVE

    for (sender, every), state in expected.items():
        assert _dump(await store._retrieve(sender, every)) == state
    latest = await store.retrieve("resident-b")
    assert [type(e) for e in latest.events][:2] == [ActionExecuted, SessionStarted]
    assert len(latest.events) == 8
    assert latest.get_slot("language") == "vi"
    assert expected[("nobody", False)] is None
    assert len((await store.retrieve_full_tracker("resident-a")).events) == 16
