"""Looking event classes up in a table gives what Rasa's own lookup gives, for every event
name, the legacy "topic", a default and an unknown name."""

import pytest
from rasa.shared.core.events import Event, SlotSet, UserUttered, deserialise_events
from rasa.shared.utils.common import all_subclasses

from bot.rasa_runtime import event_types

RASAS_LOOKUP = Event.resolve_by_type


@pytest.fixture
def installed(monkeypatch):
    monkeypatch.setattr(Event, "resolve_by_type", Event.__dict__["resolve_by_type"])  # undone after
    event_types.install()
    assert Event.resolve_by_type is not RASAS_LOOKUP


def test_every_event_name_gives_rasas_class(installed):
    names = {event_class.type_name for event_class in all_subclasses(Event)}
    assert {"user", "slot", "action", "bot", "pause", "session_started"} <= names
    for name in names:
        assert Event.resolve_by_type(name) is RASAS_LOOKUP(name)


def test_other_names_behave_as_in_rasa(installed):
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    with pytest.raises(ValueError, match="Unknown event name 'no_such_event'"):
        Event.resolve_by_type("no_such_event")


def test_stored_events_come_back_as_the_same_events(installed):
    stored = [UserUttered("hello", {"name": "greet"}).as_dict(),
              SlotSet("language", "en").as_dict()]
    assert [e.as_dict() for e in deserialise_events(stored)] == stored
