"""Handing residents to staff through the real assistant: every trigger, the ticket staff see,
the assistant staying quiet while they handle it, their replies and the resident's rating."""

from datetime import datetime, timezone
import itertools
import time

import pytest
import requests

from bot.handoff.office_hours import format_clock, format_moment, staff_desk
from bot.i18n import text
from bot.staff import tickets

pytestmark = pytest.mark.server

_ids = itertools.count()
ASK_A_PERSON = {"ja": "職員と話したい", "en": "can i talk to a real person",
                "zh": "我要找人工客服", "ko": "상담원 연결해 주세요", "vi": "tôi muốn gặp nhân viên"}


def _sender(name):
    return f"test-handoff-{name}-{next(_ids)}"


def _texts(replies):
    return [r["text"] for r in replies if "text" in r]


def _ticket_of(assistant, sender):
    ticket_id = tickets.open_ticket_for(sender, assistant.database_url)
    assert ticket_id is not None, "no open ticket"
    return tickets.get_ticket(ticket_id, assistant.database_url)


def _next_steps(ticket_id, language, sent_at):
    """What the resident must be told, for the desk's state when the ticket was opened."""
    desk = staff_desk()
    if desk.is_open(sent_at):
        return text("handoff_in_hours", language, ticket=ticket_id,
                    minutes=desk.expected_wait_minutes)
    return text("handoff_after_hours", language, ticket=ticket_id,
                when=format_moment(desk.next_opening(sent_at), language),
                opens=format_clock(desk.opens), closes=format_clock(desk.closes))


def _execute(assistant, sender, action):
    response = requests.post(
        f"{assistant.base_url}/conversations/{sender}/execute",
        params={"output_channel": "latest", **assistant.api}, json={"name": action},
        timeout=30)
    response.raise_for_status()
    return response.json()


@pytest.mark.parametrize("language, request_text", ASK_A_PERSON.items())
def test_a_request_without_a_question_asks_for_a_summary_then_opens_a_ticket(
        assistant, language, request_text):
    sender = _sender("ask")
    assert _texts(assistant.say(sender, request_text)) == [
        text("handoff_ask_summary", language)]
    sent_at = datetime.now(timezone.utc)
    summary = {"ja": "児童手当の振込日を知りたい", "en": "my child allowance payment date",
               "zh": "想问儿童补贴的发放日期", "ko": "아동수당 지급일을 알고 싶어요",
               "vi": "ngày chuyển tiền trợ cấp nuôi con"}[language]
    replies = _texts(assistant.say(sender, summary))
    ticket = _ticket_of(assistant, sender)
    assert replies == [_next_steps(ticket.id, language, sent_at)]
    assert (ticket.summary, ticket.language, ticket.channel, ticket.status) == (
        summary, language, "rest", "open")
    assert [m.text for m in ticket.messages if m.author == "resident"] == [request_text, summary]


def test_after_a_thumbs_down_the_staff_button_hands_over_the_question(assistant):
    sender = _sender("thumbs-down")
    question = "How do I get a residence certificate at a convenience store?"
    assistant.say(sender, question)
    assistant.say(sender, "/deny")
    replies = _texts(assistant.say(sender, "/request_human"))
    ticket = _ticket_of(assistant, sender)
    assert ticket.summary == question
    assert replies[0].startswith("I've passed your request") or replies[0].startswith(
        "Our staff desk is closed")


def test_two_unanswered_messages_in_a_row_go_to_staff(assistant):
    sender = _sender("misses")
    first = _texts(assistant.say(sender, "。。。"))  # nothing anyone could answer
    assert tickets.open_ticket_for(sender, assistant.database_url) is None
    assert first[0] == text("not_understood", "ja")
    second = _texts(assistant.say(sender, "。。。？"))
    assert second[0] == text("handoff_unanswered_twice", "ja")
    assert _ticket_of(assistant, sender).summary == "。。。？"


def test_a_staff_only_topic_is_answered_then_handed_over(assistant):
    sender = _sender("complaint")
    replies = _texts(assistant.say(sender, "I want to make a complaint about the city office"))
    assert "handled by our staff" in replies[0]
    ticket = _ticket_of(assistant, sender)
    assert ticket.summary == "I want to make a complaint about the city office"
    assert len(replies) == 2


def _wait_for(condition, timeout_s=20):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_while_staff_handle_it_the_assistant_is_quiet_and_the_ticket_gets_everything(assistant):
    sender = _sender("paused")
    assistant.say(sender, "I lost my residence card, what should I do?")
    assistant.say(sender, "/request_human")
    ticket = _ticket_of(assistant, sender)
    assert assistant.say(sender, "hello? my card number is 1234 5678 9018") == []
    assert _wait_for(lambda: len(_ticket_of(assistant, sender).messages) > len(ticket.messages))
    latest = _ticket_of(assistant, sender).messages[-1]
    assert latest.author == "resident" and "9018" not in latest.text  # masked My Number

    tickets.add_staff_reply(ticket.id, "yamada", "Please come to the immigration office.",
                            assistant.database_url)
    relayed = _execute(assistant, sender, "action_relay_staff_replies")
    assert [m.get("custom", {}).get("data", {}).get("text") for m in relayed["messages"]] == [
        "Please come to the immigration office."]
    assert _ticket_of(assistant, sender).undelivered_replies == 0

    tickets.close(ticket.id, "yamada", assistant.database_url)
    resumed = _execute(assistant, sender, "action_resume_conversation")
    assert [m["text"] for m in resumed["messages"]] == [text("handoff_closed_rating", "en")]
    assert _texts(assistant.say(sender, "/affirm")) == [text("handoff_rating_thanks", "en")]
    assert tickets.get_ticket(ticket.id, assistant.database_url).satisfied is True
    assert _texts(assistant.say(sender, "hello")) == [assistant.text_of("utter_greet", "en")]
