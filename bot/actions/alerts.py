"""Subscribing to disaster alerts by chat, and stopping them.

Alerts are pushed with `python -m bot alert send` through LINE (bot/alerts), so a subscription is
a LINE user, a municipality ("all": the whole prefecture) and the language the resident chats in.
The municipality comes from a button payload (`/subscribe_alerts{"municipality_code": "122033"}`)
or from a name in the message ("Ichikawa alerts", "市川市の防災通知"); without one, the resident
is asked, with a button for the whole prefecture.
"""

from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.conversation import conversation_language
from bot.alerts.alert_file import AlertFileError, municipality_for, place_name
from bot.alerts.subscriptions import subscribe, subscribed_municipalities, unsubscribe_everywhere
from bot.i18n import text
from bot.shelters.municipalities import Municipality, find_municipality
from bot.storage.models import ALL_MUNICIPALITIES

LINE = "line"
CODE_ENTITY = "municipality_code"


def _subscribe_payload(code: str) -> str:
    return f'/subscribe_alerts{{"{CODE_ENTITY}": "{code}"}}'


def requested_area(tracker: Tracker) -> Tuple[bool, Optional[Municipality]]:
    """(named?, municipality): a button's code wins, then a name in the text; None = all."""
    code = next(tracker.get_latest_entity_values(CODE_ENTITY), None)
    if code:
        try:
            return True, municipality_for(code)
        except AlertFileError:
            return False, None
    municipality = find_municipality((tracker.latest_message or {}).get("text") or "")
    return municipality is not None, municipality


class ActionSubscribeAlerts(Action):
    def name(self) -> Text:
        return "action_subscribe_alerts"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        language = conversation_language(tracker)
        if tracker.get_latest_input_channel() != LINE:
            dispatcher.utter_message(text=text("alerts_only_on_line", language))
            return []
        named, municipality = requested_area(tracker)
        if not named:
            dispatcher.utter_message(
                text=text("alerts_which_municipality", language),
                buttons=[{"title": text("button_alerts_all_chiba", language),
                          "payload": _subscribe_payload(ALL_MUNICIPALITIES)}])
            return []
        code = municipality.code if municipality else ALL_MUNICIPALITIES
        is_new = subscribe(LINE, tracker.sender_id, code, language)
        key = "alerts_subscribed" if is_new else "alerts_already_subscribed"
        dispatcher.utter_message(text=text(key, language, place=place_name(municipality, language)))
        return []


class ActionUnsubscribeAlerts(Action):
    def name(self) -> Text:
        return "action_unsubscribe_alerts"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        language = conversation_language(tracker)
        codes = subscribed_municipalities(LINE, tracker.sender_id)
        if not codes:
            dispatcher.utter_message(text=text("alerts_not_subscribed", language))
            return []
        unsubscribe_everywhere(LINE, tracker.sender_id)
        separator = "、" if language in ("ja", "ja-easy", "zh") else ", "
        places = separator.join(place_name(municipality_for(code), language) for code in codes)
        dispatcher.utter_message(text=text("alerts_unsubscribed", language, places=places))
        return []
