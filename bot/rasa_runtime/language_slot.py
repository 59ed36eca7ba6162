"""The conversation's language slot is checked inside Rasa, as it is filled.

The NLU's language entities fill `language` on nearly every message. Four rules keep it right:
- やさしい日本語 stays chosen when the user writes Japanese (the text is detected as `ja`);
  only an explicit request switches back to standard Japanese;
- Vietnamese stays chosen when the user types it without diacritics, even where the text also
  reads as English ("co the doi bang lai xe khong");
- a language outside the six (a hand-made payload) keeps the current language;
- `language_requested` tells the rules whether a choose_language message named a language.

They need only the slot's value before the message and the message itself. As a slot
validation action on the action server they cost a round trip with the whole conversation on
every message (about a tenth of Rasa's CPU time per message); here they wrap Rasa's own step
that validates extracted slots, before it (domain.yml declares no validation action).
"""

from typing import Any, Dict, List, Optional, Text

from rasa.core.actions.action import ActionExtractSlots
from rasa.shared.core.events import Event, SlotSet

from bot.langid.latin_languages import may_be_unaccented_vietnamese
from bot.languages import LANGUAGES

CHOOSE_LANGUAGE_INTENT = "choose_language"


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


def validated_language(candidate: Any, previous: Text, latest_message: Dict[Text, Any]) -> Text:
    """The conversation's language after a message whose language entity says `candidate`."""
    if candidate not in LANGUAGES:
        return previous
    explicit = requested_language(latest_message) is not None
    if candidate == "ja" and previous == "ja-easy" and not explicit:
        return "ja-easy"
    if (candidate == "en" and previous == "vi" and not explicit
            and may_be_unaccented_vietnamese(latest_message.get("text") or "")):
        return "vi"
    return candidate


def validated_slots(events: List[Event], previous_language: Text,
                    latest_message: Dict[Text, Any]) -> List[Event]:
    """The extracted slot events with the language rules applied."""
    validated = []
    for event in events:
        if isinstance(event, SlotSet) and event.key == "language":
            event = SlotSet("language", validated_language(event.value, previous_language,
                                                           latest_message))
        elif isinstance(event, SlotSet) and event.key == "language_requested":
            event = SlotSet("language_requested",
                            requested_language(latest_message) in LANGUAGES)
        validated.append(event)
    return validated


def install() -> None:
    validate_extracted = ActionExtractSlots._execute_validation_action

    async def validate_language_first(self: ActionExtractSlots, extraction_events: List[Event],
                                      output_channel: Any, nlg: Any, tracker: Any,
                                      domain: Any) -> List[Event]:
        # The tracker does not have the extracted events yet: its slot is the previous value.
        events = validated_slots(extraction_events, tracker.get_slot("language"),
                                 tracker.latest_message.parse_data)
        return await validate_extracted(self, events, output_channel, nlg, tracker, domain)

    ActionExtractSlots._execute_validation_action = validate_language_first
