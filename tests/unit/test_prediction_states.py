"""A conversation's states built once per event added are the states Rasa builds every time:
the same states, each caller's own copy to edit (as Rasa's featurizers do), sharing
sub-states exactly where Rasa's own list shares them, and built again once an event is added."""

from typing import List

import pytest
from rasa.shared.core.constants import USER
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (ActionExecuted, ActiveLoop, BotUttered,
                                     DefinePrevUserUtteredFeaturization, SessionStarted, SlotSet,
                                     UserUttered)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import TEXT

from bot.rasa_runtime import prediction_states
from tests.conftest import PROJECT_ROOT

DOMAIN = Domain.load(str(PROJECT_ROOT / "domain.yml"))
OPTIONS = [{}, {"ignore_rule_only_turns": True,
                "rule_only_data": {"slots": ["language"], "loops": ["handoff_form"]}}]


def _said(text: str, intent: str, entities=()) -> UserUttered:
    return UserUttered(text, {"name": intent, "confidence": 0.99}, list(entities))


def _conversation() -> list:
    """A session with rule turns, a language switch, a form and the featurization events."""
    return [
        ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen"),
        _said("hello", "greet", [{"entity": "language", "value": "en", "start": 0, "end": 5}]),
        DefinePrevUserUtteredFeaturization(False), SlotSet("language", "en"),
        ActionExecuted("utter_greet", policy="RulePolicy", hide_rule_turn=True),
        BotUttered("Hello!"), ActionExecuted("action_listen", hide_rule_turn=True),
        _said("how do I renew my residence card", "ask_question"),
        DefinePrevUserUtteredFeaturization(False), ActionExecuted("action_answer_faq"),
        BotUttered("Here is how."), SlotSet("last_faq", "residence-card"),
        ActionExecuted("action_listen"),
        _said("a person please", "request_human"), DefinePrevUserUtteredFeaturization(False),
        ActionExecuted("handoff_form"), ActiveLoop("handoff_form"),
        SlotSet("requested_slot", "handoff_summary"), ActionExecuted("action_listen"),
        _said("my tax certificate", "ask_question"), DefinePrevUserUtteredFeaturization(False),
        ActionExecuted("handoff_form"), SlotSet("handoff_summary", "my tax certificate"),
        ActiveLoop(None), ActionExecuted("action_open_ticket"), BotUttered("Ticket 12."),
        ActionExecuted("action_listen"),
    ]


def _sharing(states: List[dict]) -> list:
    """Which earlier (state, kind) each sub-state is the very same object as, if any."""
    first = {}
    return [first.setdefault(id(sub), (i, kind))
            for i, state in enumerate(states) for kind, sub in state.items()]


def _edit_in_place(states: List[dict]) -> None:
    """What Rasa's featurizers do (they delete a user's text or intent), and more."""
    for state in states:
        for sub_state in state.values():
            sub_state.clear()
        state.clear()


@pytest.fixture
def installed(monkeypatch):
    monkeypatch.setattr(Domain, "states_for_tracker_history",
                        prediction_states.rasas_states)  # undone after the test
    prediction_states.install()


@pytest.mark.parametrize("options", OPTIONS)
def test_rasas_states_for_every_event_of_a_conversation(installed, options):
    tracker = DialogueStateTracker("resident", DOMAIN.slots)
    texts_seen = 0
    for event in _conversation():
        tracker.update(event)
        expected = prediction_states.rasas_states(DOMAIN, tracker, **options)
        for _ in range(3):  # built, then copied twice
            states = DOMAIN.states_for_tracker_history(tracker, **options)
            assert states == expected
            assert _sharing(states) == _sharing(expected)
            _edit_in_place(states)
        texts_seen += TEXT in expected[-1].get(USER, {})
    assert texts_seen >= 4  # each message, until its featurization is decided
    assert len(expected) >= 7
    if options:  # a turn's user input is carried into the states of the actions after it
        assert len(set(_sharing(expected))) < len(_sharing(expected))


def test_the_same_events_are_replayed_once(installed, monkeypatch):
    tracker = DialogueStateTracker("resident", DOMAIN.slots)
    for event in _conversation():
        tracker.update(event)
    replays = []
    rasas_replay = DialogueStateTracker.generate_all_prior_trackers
    monkeypatch.setattr(DialogueStateTracker, "generate_all_prior_trackers",
                        lambda self: replays.append(1) or rasas_replay(self))

    first = DOMAIN.states_for_tracker_history(tracker)
    assert DOMAIN.states_for_tracker_history(tracker) == first
    assert len(replays) == 1
    DOMAIN.states_for_tracker_history(tracker, **OPTIONS[1])  # other arguments: built for them
    assert len(replays) == 2

    tracker.update(_said("thanks", "thank"))
    after = DOMAIN.states_for_tracker_history(tracker)
    assert len(replays) == 3
    assert after[-1][USER] == {"intent": "thank", "text": "thanks"}
    assert after != first
