"""Keeps the conversation's language right when the NLU's language entities set the slot.

Rasa calls `action_validate_slot_mappings` after every message that fills a slot. Here:
- やさしい日本語 stays chosen when the user writes Japanese (the text is detected as `ja`);
  only an explicit request switches back to standard Japanese;
- a language outside the six (a hand-made payload) keeps the current language;
- `language_requested` tells the rules whether a choose_language message named a language.
"""

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction
from rasa_sdk.types import DomainDict

from bot.languages import DEFAULT_LANGUAGE, LANGUAGES

CHOOSE_LANGUAGE_INTENT = "choose_language"


def _previous_language(tracker: Tracker) -> Text:
    """The language before the latest user message."""
    seen_user_message = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user_message = True
        elif seen_user_message and event.get("event") == "slot" and event.get("name") == "language":
            return event.get("value") or DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def requested_language(latest_message: Dict[Text, Any]) -> Optional[Text]:
    """The language a choose_language message asks for, if it names one."""
    if (latest_message.get("intent") or {}).get("name") != CHOOSE_LANGUAGE_INTENT:
        return None
    entities = {e.get("entity"): e.get("value") for e in latest_message.get("entities", [])}
    if "requested_language" in entities:  # typed: "English please", "中文"
        return entities["requested_language"]
    if (latest_message.get("text") or "").startswith("/"):  # a button payload
        return entities.get("language")
    return None


class ValidateLanguage(ValidationAction):
    def name(self) -> Text:
        return "action_validate_slot_mappings"

    def domain_slots(self, domain: DomainDict) -> List[Text]:
        return ["language", "language_requested"]

    def validate_language(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[Text, Any]:
        previous = _previous_language(tracker)
        if slot_value not in LANGUAGES:
            return {"language": previous}
        explicit = requested_language(tracker.latest_message) is not None
        if slot_value == "ja" and previous == "ja-easy" and not explicit:
            return {"language": "ja-easy"}
        return {"language": slot_value}

    def validate_language_requested(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[Text, Any]:
        return {"language_requested": requested_language(tracker.latest_message) in LANGUAGES}
