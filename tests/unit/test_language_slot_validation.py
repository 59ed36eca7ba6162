"""The language slot's rules, applied inside Rasa as it extracts slots: やさしい日本語 sticks,
unknown codes are refused, and a choose_language message tells whether it named a language."""

import pytest
from rasa.core.actions.action import ActionExtractSlots
from rasa.core.channels import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.paths import PROJECT_ROOT
from bot.rasa_runtime import language_slot
from bot.rasa_runtime.language_slot import requested_language

RASAS_VALIDATION = ActionExtractSlots._execute_validation_action


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(PROJECT_ROOT / "domain.yml"))


@pytest.fixture
def installed(monkeypatch):
    monkeypatch.setattr(ActionExtractSlots, "_execute_validation_action", RASAS_VALIDATION)
    language_slot.install()  # undone after the test


def _lang(value):
    return [{"entity": "language", "value": value}]


async def _extracted_slots(domain, previous, text, intent, entities):
    """The slot events Rasa's own slot extraction makes of a message, with the project's
    domain.yml (its slot mappings), after a conversation in `previous`."""
    tracker = DialogueStateTracker.from_events("someone", [
        ActionExecuted("action_listen"),
        *([SlotSet("language", previous)] if previous else []),
        UserUttered(text, {"name": intent, "confidence": 1.0}, entities)], slots=domain.slots)
    events = await ActionExtractSlots(None).run(
        CollectingOutputChannel(), TemplatedNaturalLanguageGenerator(domain.responses),
        tracker, domain)
    return {e.key: e.value for e in events if isinstance(e, SlotSet)}


async def test_easy_japanese_stays_when_the_user_writes_japanese(domain, installed):
    slots = await _extracted_slots(domain, "ja-easy", "じゅうみんひょう ほしい", "greet", _lang("ja"))
    assert slots["language"] == "ja-easy"


async def test_without_the_rule_rasa_would_switch_to_standard_japanese(domain):
    """What the rule changes: Rasa alone takes the detected language as it is."""
    slots = await _extracted_slots(domain, "ja-easy", "じゅうみんひょう ほしい", "greet", _lang("ja"))
    assert slots["language"] == "ja"


async def test_explicit_request_for_standard_japanese_leaves_easy_japanese(domain, installed):
    entities = _lang("ja") + [{"entity": "requested_language", "value": "ja"}]
    slots = await _extracted_slots(domain, "ja-easy", "普通の日本語で", "choose_language", entities)
    assert slots == {"language": "ja", "language_requested": True}


async def test_english_text_switches_from_easy_japanese(domain, installed):
    slots = await _extracted_slots(domain, "ja-easy", "hello there", "greet", _lang("en"))
    assert slots["language"] == "en"


async def test_unknown_language_code_keeps_the_current_language(domain, installed):
    slots = await _extracted_slots(domain, "ko", '/choose_language{"language": "fr"}',
                                   "choose_language", _lang("fr"))
    assert slots == {"language": "ko", "language_requested": False}


async def test_a_new_conversation_starts_in_japanese_and_follows_the_message(domain, installed):
    assert (await _extracted_slots(domain, None, "xin chào", "greet", _lang("vi"))) == {
        "language": "vi"}
    assert (await _extracted_slots(domain, None, "fr?", "greet", _lang("fr"))) == {
        "language": "ja"}


async def test_asking_to_change_the_language_without_naming_one(domain, installed):
    slots = await _extracted_slots(domain, "en", "change the language", "choose_language",
                                   _lang("en"))
    assert slots == {"language": "en", "language_requested": False}


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


@pytest.mark.parametrize("text", ["lam sao de lam lai the cu tru", "toi muon hoi ve bao hiem",
                                  "co the doi bang lai xe khong"])
async def test_vietnamese_without_diacritics_stays_vietnamese(domain, installed, text):
    """Unaccented Vietnamese that the detector also reads as English keeps a Vietnamese
    conversation in Vietnamese."""
    slots = await _extracted_slots(domain, "vi", text, "ask_question", _lang("en"))
    assert slots["language"] == "vi"


@pytest.mark.parametrize("text", ["where can I get my residence card renewed",
                                  "hello i need help with my pension"])
async def test_english_switches_from_vietnamese(domain, installed, text):
    slots = await _extracted_slots(domain, "vi", text, "ask_question", _lang("en"))
    assert slots["language"] == "en"
