"""The warning when a message carried a My Number (masked before anything saw it), and the
answer to what else the message asked (bot.nlu.message_decision attached its FAQ decision):
"my number is …, is my card still valid?" gets both, the number alone only the warning."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.conversation import conversation_language
from bot.actions.faq import ActionAnswerFaq
from bot.i18n import text
from bot.knowledge.faq_search import FAQ_OUTPUT


class ActionMyNumberWarning(Action):
    def name(self) -> Text:
        return "action_my_number_warning"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        language = conversation_language(tracker)
        if not isinstance((tracker.latest_message or {}).get(FAQ_OUTPUT), dict):
            dispatcher.utter_message(text=text("my_number_warning", language))
            return []
        dispatcher.utter_message(text=text("my_number_removed_then_answer", language))
        return await ActionAnswerFaq().run(dispatcher, tracker, {})  # reads no domain either
