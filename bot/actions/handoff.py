"""Handing a conversation to staff, relaying their replies, and resuming afterwards.

A ticket carries the conversation so far and a one-line summary: the resident's latest real
question, or, when there is none, what they answer when asked for one (handoff_form). While
the ticket is open the conversation is paused (the assistant stays quiet; bot/handoff/
ticket_relay.py adds the resident's messages to the ticket). The staff console runs
action_relay_staff_replies after each reply and action_resume_conversation after closing,
through Rasa's HTTP API with the conversation's latest channel (LINE push, the web widget).
"""

from datetime import datetime, timezone
import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import (ActionExecuted, ConversationPaused, ConversationResumed,
                             EventType, FollowupAction, SlotSet)
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from bot.actions.conversation import conversation_language, latest_intent
from bot.actions.curated_faqs import names_a_key_term, send_answer, staff_only_faq_for
from bot.handoff.conversation_history import latest_question, transcript
from bot.handoff.office_hours import format_clock, format_moment, staff_desk
from bot.i18n import text
from bot.staff.tickets import (mark_delivered, open_ticket, open_ticket_for, record_satisfaction,
                               undelivered_staff_replies)

logger = logging.getLogger(__name__)

SUMMARY_SLOT = "handoff_summary"


def hand_off(dispatcher: CollectingDispatcher, tracker: Tracker, summary: str,
             now: Optional[datetime] = None) -> List[EventType]:
    """Opens the ticket, tells the resident what happens next, and pauses the conversation."""
    language = conversation_language(tracker)
    try:
        ticket = open_ticket(tracker.sender_id, tracker.get_latest_input_channel() or "rest",
                             language, summary, transcript(tracker.events))
    except SQLAlchemyError:
        return _staff_unreachable(dispatcher, tracker)
    desk, now = staff_desk(), now or datetime.now(timezone.utc)
    if desk.is_open(now):
        dispatcher.utter_message(text=text("handoff_in_hours", language, ticket=ticket,
                                           minutes=desk.expected_wait_minutes))
    else:
        dispatcher.utter_message(text=text(
            "handoff_after_hours", language, ticket=ticket,
            when=format_moment(desk.next_opening(now), language),
            opens=format_clock(desk.opens), closes=format_clock(desk.closes)))
    return [SlotSet(SUMMARY_SLOT, None), ConversationPaused()]


def _staff_unreachable(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """The tickets' database is down: no ticket, no pause (nobody would see the messages);
    the resident gets the phone number instead. Call from an `except` block: the error is
    logged with its cause (and reported to Sentry when configured)."""
    logger.exception("Could not reach the tickets' database: the resident was given the phone")
    dispatcher.utter_message(text=text("staff_unreachable", conversation_language(tracker)))
    return [SlotSet(SUMMARY_SLOT, None)]


class ActionStartHandoff(Action):
    """The resident asked for a person (or the assistant could not help twice)."""

    def name(self) -> Text:
        return "action_start_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        try:
            active = open_ticket_for(tracker.sender_id)
        except SQLAlchemyError:
            return _staff_unreachable(dispatcher, tracker)
        if active is not None:
            dispatcher.utter_message(text=text("handoff_already_open",
                                               conversation_language(tracker), ticket=active))
            return [ConversationPaused()]
        asked_for_a_person = latest_intent(tracker) == "request_human"
        summary = latest_question(tracker.events, skip_latest=asked_for_a_person)
        if summary is not None:
            return hand_off(dispatcher, tracker, summary)
        message = (tracker.latest_message.get("text") or "").strip()
        topic = staff_only_faq_for(message, conversation_language(tracker)) \
            if message and not message.startswith("/") else None
        # A plain "can I talk to someone" shares words with the complaints FAQ; only a
        # message that names the topic ("a complaint about…") is its own summary.
        if topic is not None and asked_for_a_person and not names_a_key_term(topic, message):
            topic = None
        if topic is not None:  # "I want to make a complaint about…": that is the summary
            send_answer(dispatcher, topic, conversation_language(tracker))
            return hand_off(dispatcher, tracker, message)
        return [FollowupAction("handoff_form")]


class ActionAskHandoffSummary(Action):
    """handoff_form's question for its one slot, in the conversation's language."""

    def name(self) -> Text:
        return "action_ask_handoff_summary"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        dispatcher.utter_message(text=text("handoff_ask_summary", conversation_language(tracker)))
        return []


class ActionOpenTicket(Action):
    """handoff_form is complete: the summary is the resident's one line."""

    def name(self) -> Text:
        return "action_open_ticket"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        return hand_off(dispatcher, tracker, tracker.get_slot(SUMMARY_SLOT) or "")


class ActionRelayStaffReplies(Action):
    """Sends the staff replies not yet delivered (run by the console through Rasa's API)."""

    def name(self) -> Text:
        return "action_relay_staff_replies"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        replies = undelivered_staff_replies(tracker.sender_id)
        for reply in replies:
            # The socket.io channel emits json_message's "data" as the bot message.
            dispatcher.utter_message(json_message={"data": {
                "text": reply.text, "from": "staff", "staff_name": reply.staff_name}})
        mark_delivered(reply.id for reply in replies)
        return []


class ActionResumeConversation(Action):
    """Staff closed the ticket: the assistant answers again and asks how it went."""

    def name(self) -> Text:
        return "action_resume_conversation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        if open_ticket_for(tracker.sender_id) is not None:
            return []  # still being handled (e.g. reopened): stay quiet
        language = conversation_language(tracker)
        dispatcher.utter_message(text=text("handoff_closed_rating", language), buttons=[
            {"title": text("button_satisfied", language), "payload": "/affirm"},
            {"title": text("button_not_satisfied", language), "payload": "/deny"}])
        # action_listen: the resident's answer is then a new turn, as rules expect.
        return [ConversationResumed(), ActionExecuted("action_listen")]


class ActionRecordSatisfaction(Action):
    """The resident's 😊/😞 after a closed ticket, kept with the ticket."""

    def name(self) -> Text:
        return "action_record_satisfaction"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        record_satisfaction(tracker.sender_id, latest_intent(tracker) == "affirm")
        dispatcher.utter_message(text=text("handoff_rating_thanks",
                                           conversation_language(tracker)))
        return []
