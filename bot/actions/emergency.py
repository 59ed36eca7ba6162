"""The reply to an emergency happening now, and the 119 / 110 phrase card.

bot.nlu.emergency_classifier sets the intent `report_emergency` and the entity
`emergency_kind`; this is the first thing the resident reads: the number to call and what to
say, in their language.
"""

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.conversation import conversation_language
from bot.emergency import NUMBERS
from bot.emergency.phrase_card import render
from bot.i18n import text

KIND_ENTITY = "emergency_kind"
# "/report_emergency" sent by hand names no kind: 119 answers fire, ambulance and rescue.
DEFAULT_KIND = "medical"
# The numbers each reply names, first the one to call now: buttons that dial them (a tel:
# link in the widget, a call action on LINE). Each is in the reply's text in every language.
CALL_NUMBERS = {"crime": ("110",), "poisoning": ("119", "072-727-2499"),
                "suicide": ("119", "110", "0120-279-338")}


def call_buttons(numbers) -> List[Dict[Text, Text]]:
    return [{"title": f"📞 {number}", "payload": f"tel:{number}"} for number in numbers]


def _kind(tracker: Tracker) -> Optional[Text]:
    kind = next(tracker.get_latest_entity_values(KIND_ENTITY), None)
    return kind if kind in NUMBERS else None


class ActionEmergencyHelp(Action):
    def name(self) -> Text:
        return "action_emergency_help"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        language = conversation_language(tracker)
        kind = _kind(tracker) or DEFAULT_KIND
        dispatcher.utter_message(text=text(f"emergency_help_{kind}", language),
                                 buttons=call_buttons(CALL_NUMBERS.get(kind, ("119",))))
        dispatcher.utter_message(
            text=text("emergency_phrase_card_offer", language),
            buttons=[{"title": text("button_phrase_card", language),
                      "payload": f'/ask_emergency_phrases{{"{KIND_ENTITY}": "{kind}"}}'}])
        return []


class ActionEmergencyPhraseCard(Action):
    """The card for the number of the emergency at hand; both cards when none is named."""

    def name(self) -> Text:
        return "action_emergency_phrase_card"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        language = conversation_language(tracker)
        kind = _kind(tracker)
        numbers = [NUMBERS[kind]] if kind else ["119", "110"]
        for number in numbers:
            dispatcher.utter_message(text=render(number, language))
        return []
