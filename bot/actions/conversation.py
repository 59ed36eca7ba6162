"""What every action needs to know about the conversation it answers."""

from typing import Optional, Text

from rasa_sdk import Tracker

from bot.languages import DEFAULT_LANGUAGE


def conversation_language(tracker: Tracker) -> Text:
    return tracker.get_slot("language") or DEFAULT_LANGUAGE


def latest_intent(tracker: Tracker) -> Optional[Text]:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")
