"""Answers residents' questions from the curated FAQ files, and records what it cannot answer.

The answer is the one bot.nlu.message_decision decided (the `faq` of the message's parse
data); a button's FAQ, a fallback or a short follow-up right after an answer are searched here.
With no sure answer the resident hears so plainly, with related answers that share the topic
and where to ask next. Staff take over when a FAQ is marked staff_only (complaints…) and when
the assistant could not help twice in a row.

Records (unanswered questions, 👍/👎) are best effort: if the database is down the resident
still gets the answer, and the failure is logged and reported.
"""

from dataclasses import dataclass
import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.conversation import conversation_language, latest_intent
from bot.actions.curated_faqs import knowledge, send_answer
from bot.actions.emergency import call_buttons
from bot.actions.handoff import hand_off
from bot.actions.long_message import read_in_part, reply_too_long
from bot.i18n import text
from bot.knowledge.contacts import municipal_website
from bot.knowledge.faq import Faq
from bot.knowledge.faq_search import FAQ_OUTPUT, match_question
from bot.privacy.masking import mask_personal_data
from bot.shelters.municipalities import find_municipality
from bot.storage.database import session_scope
from bot.storage.models import AnsweredFaq, FaqFeedback, UnansweredQuestion

logger = logging.getLogger(__name__)

LAST_FAQ_SLOT = "last_faq"
# The FAQ last answered, kept through 👍/👎: a short follow-up is read in its topic.
TOPIC_FAQ_SLOT = "topic_faq"
FOLLOW_UP_MAX_CHARS = 40
MISSES_SLOT = "unanswered_in_a_row"  # fallbacks in a row; two hand the resident to staff
TOPICS = ("procedures", "my_number", "disaster", "medical")


def _channel(tracker: Tracker) -> str:
    return tracker.get_latest_input_channel() or "unknown"


def _record(row: Any) -> None:
    try:
        with session_scope() as session:
            session.add(row)
    except Exception:  # the resident's answer matters more than our statistics
        logger.exception("Could not store %s", type(row).__name__)


def _chosen_faq_id(tracker: Tracker) -> Optional[str]:
    """A "did you mean" button sends /ask_question{"faq_id": "..."}."""
    return next(tracker.get_latest_entity_values("faq_id"), None)


def _answer(dispatcher: CollectingDispatcher, tracker: Tracker, faq: Faq, language: str,
            question: str) -> List[EventType]:
    """The FAQ's answer with its source; then the 👍/👎 question, or staff for a staff-only
    topic (the answer says what happens next)."""
    send_answer(dispatcher, faq, language)
    if faq.staff_only:
        return [SlotSet(LAST_FAQ_SLOT, None), SlotSet(MISSES_SLOT, 0)] + hand_off(
            dispatcher, tracker, question or faq.title_in(language))
    dispatcher.utter_message(text=text("faq_was_it_helpful", language), buttons=[
        {"title": text("button_helpful", language), "payload": "/affirm"},
        {"title": text("button_not_helpful", language), "payload": "/deny"},
    ])
    return [SlotSet(LAST_FAQ_SLOT, faq.id), SlotSet(TOPIC_FAQ_SLOT, faq.id),
            SlotSet(MISSES_SLOT, 0)]


def staff_button(language: str) -> Dict[str, str]:
    return {"title": text("button_talk_to_staff", language), "payload": "/request_human"}


def _show_topic(dispatcher: CollectingDispatcher, topic: Optional[str], language: str) -> None:
    if topic in TOPICS:
        dispatcher.utter_message(text=text(f"topic_{topic}", language))
    else:  # a topic word the NLU did not normalise: the whole menu
        dispatcher.utter_message(response="utter_help")


@dataclass(frozen=True)
class Reading:
    decision: str  # answer, related (no answer, related FAQs) or unknown
    faqs: List[Faq]


def _decided(tracker: Tracker, faqs: Dict[str, Faq]) -> Optional[Reading]:
    """What bot.nlu.message_decision decided for this message, if it did."""
    decided = (tracker.latest_message or {}).get(FAQ_OUTPUT)
    if not isinstance(decided, dict):
        return None
    found = [faqs[i] for i in decided.get("faq_ids") or [] if i in faqs]
    decision = decided.get("decision")
    if decision == "answer" and not found:  # an edit removed it in between: search again
        return None
    return Reading(decision if decision in ("answer", "related") else "unknown", found)


def _searched(question: str, language: str) -> Reading:
    snapshot = knowledge.snapshot
    match = match_question(snapshot.index, snapshot.faqs, question, language)
    return Reading({"suggest": "related"}.get(match.decision, match.decision), match.faqs)


def _follow_up(tracker: Tracker, question: str, language: str) -> Optional[Reading]:
    """"那费用呢？", "and on Sundays?" right after an answer: read in that answer's topic."""
    previous = knowledge.snapshot.faqs.get(tracker.get_slot(TOPIC_FAQ_SLOT) or "")
    if previous is None or len(question) > FOLLOW_UP_MAX_CHARS:
        return None
    reading = _searched(f"{previous.title_in(language)} {question}", language)
    return reading if reading.decision == "answer" else None


def _no_answer(dispatcher: CollectingDispatcher, question: str, language: str,
               related: List[Faq]) -> None:
    """The plain "no answer", where to ask next, and related answers that share the topic.
    Near the answers about calling 119/110, the numbers themselves come first."""
    if any(number in faq.title_in(language) for faq in related for number in ("119", "110")):
        dispatcher.utter_message(text=text("emergency_numbers", language),
                                 buttons=call_buttons(("119", "110")))
    lines = [text("faq_no_answer", language)]
    if related:
        lines.append(text("faq_no_answer_related", language))
    municipality = find_municipality(question)
    website = municipal_website(municipality.code) if municipality else None
    if website:
        lines.append(text("next_step_municipality", language, municipality=municipality.name,
                          url=website))
    else:
        lines.append(text("next_step_your_municipality", language))
    if language != "ja":
        lines.append(text("next_step_foreign_residents", language))
    buttons = [{"title": faq.title_in(language),
                "payload": f'/ask_question{{"faq_id": "{faq.id}"}}'} for faq in related]
    dispatcher.utter_message(text="\n".join(lines), buttons=buttons + [staff_button(language)])


class ActionAnswerFaq(Action):
    def name(self) -> Text:
        return "action_answer_faq"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        language = conversation_language(tracker)
        if read_in_part(tracker):
            return reply_too_long(dispatcher, tracker, language, staff_button(language))
        snapshot = knowledge.snapshot
        chosen = _chosen_faq_id(tracker)
        if chosen in snapshot.faqs:
            return _answer(dispatcher, tracker, snapshot.faqs[chosen], language, "")
        question = tracker.latest_message.get("text") or ""
        intent = latest_intent(tracker)
        if intent == "ask_topic" and tracker.get_slot("topic") in TOPICS:
            # "tell me about disasters": the topic's menu, not one FAQ of it
            _show_topic(dispatcher, tracker.get_slot("topic"), language)
            return [SlotSet(LAST_FAQ_SLOT, None)]
        is_button = question.startswith("/")
        reading = _decided(tracker, snapshot.faqs) or _searched(
            "" if is_button else question, language)
        if reading.decision != "answer" and not is_button:
            reading = _follow_up(tracker, question, language) or reading
        if reading.decision == "answer":
            _record(AnsweredFaq(faq_id=reading.faqs[0].id, language=language,
                                channel=_channel(tracker)))
            return _answer(dispatcher, tracker, reading.faqs[0], language, question)
        if intent == "ask_topic":  # a topic word the NLU did not normalise: the whole menu
            _show_topic(dispatcher, None, language)
            return [SlotSet(LAST_FAQ_SLOT, None)]
        if not is_button:  # not answered outright: staff should see what residents ask
            _record(UnansweredQuestion(language=language, channel=_channel(tracker),
                                       text=mask_personal_data(question)))
        misses = int(tracker.get_slot(MISSES_SLOT) or 0) + 1
        forget = [SlotSet(LAST_FAQ_SLOT, None), SlotSet(TOPIC_FAQ_SLOT, None)]
        if misses >= 2 and not is_button:
            dispatcher.utter_message(text=text("handoff_unanswered_twice", language))
            return forget + [SlotSet(MISSES_SLOT, 0)] + hand_off(dispatcher, tracker, question)
        if intent == "nlu_fallback":  # nothing to understand ("。。。"): ask to rephrase
            dispatcher.utter_message(text=text("not_understood", language), buttons=[
                {"title": text("button_menu", language), "payload": "/help"},
                staff_button(language)])
        else:
            _no_answer(dispatcher, question, language,
                       reading.faqs if reading.decision == "related" else [])
        return forget + [SlotSet(MISSES_SLOT, misses)]


class ActionRecordFeedback(Action):
    """👍/👎 right after an answer; a bare yes/no otherwise."""

    def name(self) -> Text:
        return "action_record_feedback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        language = conversation_language(tracker)
        helpful = latest_intent(tracker) == "affirm"
        faq_id = tracker.get_slot(LAST_FAQ_SLOT)
        if not faq_id:
            dispatcher.utter_message(response="utter_anything_else" if helpful
                                     else "utter_no_problem")
            return []
        _record(FaqFeedback(faq_id=faq_id, helpful=helpful, language=language,
                            channel=_channel(tracker)))
        if helpful:
            dispatcher.utter_message(text=text("feedback_thanks", language))
        else:
            dispatcher.utter_message(text=text("feedback_sorry", language),
                                     buttons=[staff_button(language)])
        return [SlotSet(LAST_FAQ_SLOT, None)]
