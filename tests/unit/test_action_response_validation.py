"""The action-server response check built once accepts and rejects exactly what Rasa's own
check does, with the same error message."""

from jsonschema import ValidationError
import pytest
from rasa.core.actions.action import RemoteAction

from bot.rasa_runtime.action_response_validation import validate_action_result

# Rasa's own method, taken before anything could replace it in this process.
RASAS_VALIDATION = RemoteAction.__dict__["_validate_action_result"]

VALID = [
    {},
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "language", "value": "en", "timestamp": None},
                {"event": "slot", "name": "language_requested", "value": False}],
     "responses": []},
    {"events": [{"event": "slot", "name": "last_faq", "value": "juminhyo-konbini"},
                {"event": "pause"}, {"event": "followup", "name": "action_listen"}],
     "responses": [{"text": None, "response": "utter_faq_answer", "buttons": [],
                    "elements": [], "custom": {}, "image": None, "attachment": None}]},
    {"events": [{"event": "active_loop", "name": None}, {"event": "reset_slots"}],
     "responses": [{"text": "こんにちは", "buttons": [{"title": "はい", "payload": "/affirm"}]}]},
]

INVALID = [
    [],
    {"events": {"event": "slot"}},
    {"events": [{"name": "language", "value": "en"}]},  # no event type
    {"events": [{"event": "teleport"}]},  # no such event
    {"events": [{"event": "slot", "value": "en"}]},  # a slot event names its slot
    {"events": [{"event": "slot", "name": "language", "timestamp": "now"}]},
    {"events": [{"event": "user", "text": 42}]},
    {"events": [{"event": "pause", "metadata": "x"}]},
    {"responses": {"text": "hi"}},
    {"responses": ["hi"]},
    {"events": [{"event": "slot", "name": "a"}, {"event": "slot"}], "responses": [1]},
]


@pytest.fixture
def action():
    return RemoteAction("action_answer_faq", None)


def _outcome(validation, action, result):
    try:
        return validation(action, result)
    except ValidationError as error:
        return ("rejected", error.message, list(error.absolute_path), error.validator)


def test_rasas_own_check_is_what_the_test_compares_with():
    assert RASAS_VALIDATION is not validate_action_result


@pytest.mark.parametrize("result", VALID)
def test_accepts_what_rasa_accepts(action, result):
    assert _outcome(RASAS_VALIDATION, action, result) is True
    assert _outcome(validate_action_result, action, result) is True


@pytest.mark.parametrize("result", INVALID)
def test_rejects_what_rasa_rejects_with_the_same_error(action, result):
    rasas = _outcome(RASAS_VALIDATION, action, result)
    assert rasas[0] == "rejected"
    assert _outcome(validate_action_result, action, result) == rasas
    assert "Failed to validate Action server response" in rasas[1]


def test_a_rejection_does_not_change_the_next_one(action):
    """The validator is reused: one error's message must not leak into the next."""
    first = _outcome(validate_action_result, action, {"responses": ["hi"]})
    second = _outcome(validate_action_result, action, {"responses": ["hi"]})
    assert first == second
    assert first[1].count("Failed to validate") == 1
