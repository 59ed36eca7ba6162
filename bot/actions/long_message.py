"""The reply to a message over the length limit, read only in part (bot/nlu/message_length.py):
please send it in shorter parts, or talk to staff."""

from typing import Any, Dict, List, Text

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.i18n import text
from bot.message_limits import TOO_LONG


def read_in_part(tracker: Tracker) -> bool:
    return bool((tracker.latest_message or {}).get(TOO_LONG))


def reply_too_long(dispatcher: CollectingDispatcher, tracker: Tracker, language: Text,
                   staff_button: Dict[Text, Text]) -> List[Dict[Text, Any]]:
    limit = tracker.latest_message[TOO_LONG]["limit"]
    dispatcher.utter_message(text=text(TOO_LONG, language, limit=limit), buttons=[staff_button])
    return []
