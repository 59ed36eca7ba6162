"""The action server's language rules: やさしい日本語 sticks, unknown codes are refused."""

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.language import ValidateLanguage, requested_language


def _tracker(previous, text, intent, entities, new_value):
    events = [{"event": "slot", "name": "language", "value": previous}] if previous else []
    latest = {"text": text, "intent": {"name": intent}, "entities": entities}
    events += [{"event": "user", "text": text, "parse_data": latest},
               {"event": "slot", "name": "language", "value": new_value}]
    return Tracker("someone", {"language": new_value}, latest, events, False, None, {}, "")


async def _validated(tracker):
    events = await ValidateLanguage().run(CollectingDispatcher(), tracker, {"slots": {
        "language": {}, "language_requested": {}}})
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def _lang(value):
    return [{"entity": "language", "value": value}]


async def test_easy_japanese_stays_when_the_user_writes_japanese():
    tracker = _tracker("ja-easy", "じゅうみんひょう ほしい", "greet", _lang("ja"), "ja")
    assert (await _validated(tracker))["language"] == "ja-easy"


async def test_explicit_request_for_standard_japanese_leaves_easy_japanese():
    entities = _lang("ja") + [{"entity": "requested_language", "value": "ja"}]
    tracker = _tracker("ja-easy", "普通の日本語で", "choose_language", entities, "ja")
    assert (await _validated(tracker))["language"] == "ja"


async def test_english_text_switches_from_easy_japanese():
    tracker = _tracker("ja-easy", "hello there", "greet", _lang("en"), "en")
    assert (await _validated(tracker))["language"] == "en"


async def test_unknown_language_code_keeps_the_current_language():
    tracker = _tracker("ko", '/choose_language{"language": "fr"}', "choose_language",
                       _lang("fr"), "fr")
    assert (await _validated(tracker))["language"] == "ko"


@pytest.mark.parametrize(
    "text, intent, entities, expected",
    [
        ('/choose_language{"language": "vi"}', "choose_language", _lang("vi"), "vi"),
        ("English please", "choose_language",
         _lang("en") + [{"entity": "requested_language", "value": "en"}], "en"),
        ("change the language", "choose_language", _lang("en"), None),  # which one? ask
        ("Is there a Chinese clinic", "out_of_scope",
         _lang("en") + [{"entity": "requested_language", "value": "zh"}], None),
    ],
)
def test_requested_language(text, intent, entities, expected):
    assert requested_language({"text": text, "intent": {"name": intent},
                               "entities": entities}) == expected
