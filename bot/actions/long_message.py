"""The reply to a message over the length limit: read only in part (bot/nlu/message_length.py)."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.conversation import conversation_language
from bot.actions.faq import staff_button
from bot.i18n import text
from bot.message_limits import TOO_LONG


class ActionMessageTooLong(Action):
    def name(self) -> Text:
        return "action_message_too_long"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        language = conversation_language(tracker)
        limit = (tracker.latest_message or {}).get(TOO_LONG, {}).get("limit")
        dispatcher.utter_message(text=text(TOO_LONG, language, limit=limit),
                                 buttons=[staff_button(language)])
        return []
