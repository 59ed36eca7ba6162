"""What a ticket gets from the conversation: the transcript and the resident's question, and
the messages the resident writes while staff handle it."""

import time

import pytest

from bot.handoff.conversation_history import latest_question, transcript
from bot.handoff.ticket_relay import relay_to_ticket
from bot.staff.tickets import close, get_ticket, open_ticket


def _user(text, intent, timestamp=0.0):
    return {"event": "user", "text": text, "timestamp": timestamp,
            "parse_data": {"intent": {"name": intent}}}


def _bot(text):
    return {"event": "bot", "text": text}


HISTORY = [
    {"event": "session_started"},
    _user("こんにちは", "greet"), _bot("こんにちは！"),
    _user("国民健康保険料を分割で払えますか", "ask_question"), _bot("保険料は…"),
    _user("/deny", "deny"), _bot("残念です。職員と話しますか？"),
    _user("人と話したい", "request_human"),
]


def test_the_transcript_has_both_sides_of_the_current_session_in_order():
    earlier = [_user("old session", "ask_question"), _bot("old answer")]
    assert transcript(earlier + HISTORY) == [
        ("resident", "こんにちは"), ("assistant", "こんにちは！"),
        ("resident", "国民健康保険料を分割で払えますか"), ("assistant", "保険料は…"),
        ("resident", "/deny"), ("assistant", "残念です。職員と話しますか？"),
        ("resident", "人と話したい")]


def test_staff_replies_relayed_earlier_are_in_the_transcript():
    relayed = {"event": "bot", "text": None, "data": {"custom": {"data": {
        "text": "お待たせしました", "from": "staff"}}}}
    assert transcript([relayed]) == [("assistant", "お待たせしました")]


def test_the_summary_is_the_latest_real_question_before_the_request():
    assert latest_question(HISTORY) == "国民健康保険料を分割で払えますか"


def test_without_a_question_there_is_no_summary_and_the_assistant_must_ask():
    assert latest_question([{"event": "session_started"}, _user("hello", "greet"),
                            _user("talk to a human", "request_human")]) is None


def test_two_unanswered_questions_hand_over_the_latest_one():
    events = [_user("where can I park my boat", "out_of_scope"),
              _user("boat parking permit office", "ask_question")]
    assert latest_question(events, skip_latest=False) == "boat parking permit office"


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'tickets.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def test_messages_written_while_staff_handle_it_land_in_the_ticket_masked(database):
    before = time.time() - 5
    ticket = open_ticket("conv-1", "socketio", "en", "tax certificate", [("resident", "hi")])
    assert relay_to_ticket({"sender_id": "conv-1", **_user("the handoff turn", "x", before)}) \
        is None  # already in the transcript
    assert relay_to_ticket({"sender_id": "conv-1", **_user("/affirm", "affirm", time.time())}) \
        is None
    after = time.time() + 1
    assert relay_to_ticket({"sender_id": "conv-1", **_user(
        "My number is 1234 5678 9018, call 090-1234-5678", "x", after)}) == ticket
    texts = [m.text for m in get_ticket(ticket).messages]
    assert texts[0] == "hi" and len(texts) == 2
    assert "9018" not in texts[1] and "5678" not in texts[1]


def test_after_the_ticket_is_closed_messages_go_back_to_the_assistant_only(database):
    ticket = open_ticket("conv-2", "line", "ja", "x", [])
    close(ticket, "yamada")
    assert relay_to_ticket({"sender_id": "conv-2", **_user("まだですか", "x",
                                                           time.time() + 1)}) is None
    assert relay_to_ticket({"sender_id": "other", **_user("hello", "x", time.time())}) is None
