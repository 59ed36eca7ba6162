"""When a part fails, residents still get an answer, never silence or a stack trace.

Through the real servers (`python -m bot serve`): the action server down, the assistant's
database down, Rasa restarted, and malformed input on every endpoint (REST, LINE, socket.io,
the web chat page, the staff console, the action server).
"""

import asyncio
import base64
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
import hashlib
import hmac
import itertools
import json
import os
import re
import signal
import socket
from typing import Iterator

import pytest
from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore
from rasa.shared.core.events import UserUttered
import requests
from sqlalchemy.engine import make_url

from bot.i18n import text
from bot.langid import detect
from bot.staff import tickets
from bot.staff.accounts import add_user
from tests.conftest import LINE_CHANNEL_SECRET, Assistant
from tests.integration.test_faq_answers import FAQS
from tests.integration.test_handoff import ASK_A_PERSON, _next_steps
from tests.integration.test_line_channel import _deliver, _post, _replies, _text, _user
from tests.support.assistant_process import AssistantProcess
from tests.support.databases import on_the_server, own_database
from tests.support.fake_sentry import FakeSentry, exception_types
from tests.support.line_api_standin import RunningStandIn
from tests.support.widget_client import WidgetClient

pytestmark = pytest.mark.server

_ids = itertools.count()
_TIMEOUT_S = 60
PASSWORD = "kaisatsu-2026-chiba"
PHONE = "043-223-2110"  # the prefecture's switchboard, in both "we are down" responses
FAQ = FAQS["my-number-card-lost"]
LONG_MESSAGE = "hello " * 16_667  # 100,002 characters
CONTROL_CHARACTERS = "hello\x00\x01\x07\x1b[31m\x7f"


def _sender(name: str) -> str:
    return f"failure-{name}-{next(_ids)}"


def _texts(replies):
    return [r["text"] for r in replies if "text" in r]


def _faq_answer(language: str) -> str:
    return FAQ.answer_in(language) + "\n" + text("faq_source", language, url=FAQ.source)


def _answers_normally(assistant: Assistant) -> None:
    """The server is still up and a resident's ordinary question gets its ordinary answer."""
    assert _texts(assistant.say(_sender("after"), FAQ.questions["en"][0]))[0] == _faq_answer("en")


# --- the assistant's database and the action server down ------------------------------------

@dataclass
class FailingAssistant:
    process: AssistantProcess
    assistant: Assistant
    sentry: FakeSentry


@pytest.fixture(scope="module")
def failing(tmp_path_factory) -> Iterator[FailingAssistant]:
    """An assistant whose database (PostgreSQL, as in production) refuses connections: the
    port is bound but never listens. Errors go to a local stand-in for Sentry. An action
    server that does not answer counts as down after 10 s (production: 30)."""
    sentry = FakeSentry()
    with socket.socket() as closed, RunningStandIn(sentry) as running:
        closed.bind(("127.0.0.1", 0))
        database_url = f"postgresql://assistant@127.0.0.1:{closed.getsockname()[1]}/assistant"
        with AssistantProcess(tmp_path_factory.mktemp("failing"), {
                "DATABASE_URL": database_url, "ACTION_SERVER_TIMEOUT_S": "10",
                "SENTRY_DSN": FakeSentry.dsn_for(running.base_url)}) as process:
            yield FailingAssistant(process, Assistant.of(process), sentry)


def test_with_the_database_down_a_question_is_answered_and_the_failure_reported(failing):
    question = FAQ.questions["en"][0]
    assert _texts(failing.assistant.say(_sender("db-faq"), question))[:2] == [
        _faq_answer("en"), text("faq_was_it_helpful", "en")]
    reported = failing.sentry.wait_for(
        lambda event: event.get("server_name") == "action-server"
        and "OperationalError" in exception_types(event))
    assert reported, "the database failure did not reach Sentry"
    assert question not in json.dumps(reported, ensure_ascii=False)  # no resident's text


@pytest.mark.parametrize("language", ["en", "vi"])
def test_with_the_database_down_asking_for_a_person_gives_the_phone_number(failing, language):
    sender = _sender("db-handoff")
    replies = _texts(failing.assistant.say(sender, ASK_A_PERSON[language]))
    assert replies == [text("staff_unreachable", language)]
    assert PHONE in replies[0]
    # No ticket, so no pause: the assistant goes on answering.
    assert _texts(failing.assistant.say(sender, FAQ.questions[language][0]))[0] == \
        _faq_answer(language)


# --- Rasa restarted ---------------------------------------------------------------------------

def test_after_a_restart_the_conversation_continues_where_it_was(tmp_path):
    """Conversations live in the tracker store: a restarted Rasa (here the whole assistant,
    on new ports, with the same tracker store and database) knows the language chosen and the
    question it was waiting for."""
    sender = _sender("restart")
    with AssistantProcess(tmp_path) as before:
        assert _texts(Assistant.of(before).say(sender, ASK_A_PERSON["en"])) == [
            text("handoff_ask_summary", "en")]
    with AssistantProcess(tmp_path) as after:
        sent_at = datetime.now(timezone.utc)
        # No language in it: without the conversation it would be answered in Japanese.
        replies = _texts(Assistant.of(after).say(sender, "4521"))
        ticket = tickets.get_ticket(tickets.open_ticket_for(sender, after.database_url),
                                    after.database_url)
        assert replies == [_next_steps(ticket.id, "en", sent_at)]
        assert (ticket.summary, ticket.language) == ("4521", "en")


# --- the tracker store down -------------------------------------------------------------------

def _cut_off(database: str) -> None:
    """Nobody can connect any more (superusers neither), and open connections are closed."""
    on_the_server(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false')
    on_the_server("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                  "WHERE datname = :database", database=database)


def test_when_the_tracker_store_fails_rasa_still_gets_a_conversation_to_answer_in():
    """Rasa wraps its tracker store in FailSafeTrackerStore (rasa/core/agent.py): a failing
    read gives a new conversation and a failing save goes to memory, so the message is still
    answered (without what was said before). Checked on PostgreSQL, the production store."""
    with own_database("trackers") as url:
        database = make_url(url).database
        store = FailSafeTrackerStore(SQLTrackerStore(
            dialect="postgresql", host="127.0.0.1", port=5432, db=database,
            username="postgres"))
        sender = _sender("tracker-store")
        tracker = asyncio.run(store.get_or_create_tracker(sender))
        tracker.update(UserUttered("hello"))
        asyncio.run(store.save(tracker))
        assert asyncio.run(store.retrieve(sender)).latest_message.text == "hello"
        _cut_off(database)
        fresh = asyncio.run(store.get_or_create_tracker(sender))
        assert (fresh.sender_id, fresh.latest_message.text) == (sender, None)
        fresh.update(UserUttered("are you there?"))
        asyncio.run(store.save(fresh))  # kept in memory instead
        kept = asyncio.run(store.fallback_tracker_store.retrieve(sender))
        assert kept.latest_message.text == "are you there?"


# --- malformed input on every endpoint --------------------------------------------------------

def _json(value) -> bytes:
    return json.dumps(value).encode()


MALFORMED_REST_BODIES = {
    "empty": (b"", "application/json"),
    "not JSON": (b'{"sender": "x", "message": ', "application/json"),
    "invalid UTF-8": (b'{"sender": "x", "message": "\xff\xfe\xc3("}', "application/json"),
    "a lone surrogate": (b'{"sender": "x", "message": "\\ud800 hello"}', "application/json"),
    "a list": (b'["hello"]', "application/json"),
    "no sender": (_json({"message": "hello"}), "application/json"),
    "no message": (_json({"sender": "x"}), "application/json"),
    "a message that is not text": (_json({"sender": "x", "message": {"text": "hi"}}),
                                   "application/json"),
    "a form": (b"sender=x&message=hello", "application/x-www-form-urlencoded"),
    "plain text": (b"hello", "text/plain"),
}


def _rest(assistant, body: bytes, content_type: str) -> requests.Response:
    return requests.post(f"{assistant.base_url}/webhooks/rest/webhook", data=body,
                         headers={"Content-Type": content_type}, timeout=_TIMEOUT_S)


@pytest.mark.parametrize("name", MALFORMED_REST_BODIES)
def test_the_rest_webhook_answers_400_to_what_it_cannot_read(assistant, name):
    response = _rest(assistant, *MALFORMED_REST_BODIES[name])
    assert response.status_code == 400, response.text
    _answers_normally(assistant)


@pytest.mark.parametrize("message", [LONG_MESSAGE, CONTROL_CHARACTERS, ""],
                         ids=["100,000 characters", "control characters", "empty"])
def test_the_rest_webhook_answers_odd_messages_politely(assistant, message):
    response = _rest(assistant, _json({"sender": _sender("odd"), "message": message}),
                     "application/json")
    assert response.status_code == 200
    replies = _texts(response.json())
    assert replies and all(detect(reply).language in ("en", "ja") for reply in replies)
    _answers_normally(assistant)


MALFORMED_LINE_BODIES = {
    "empty": b"",
    "not JSON": b'{"events": [',
    "invalid UTF-8": b'{"events": [{"type": "message", "message": {"text": "\xff\xfe"}}]}',
    "a list": b"[]",
    "events not a list": b'{"events": "hello"}',
}


def _signature(body: bytes) -> str:
    return base64.b64encode(hmac.new(LINE_CHANNEL_SECRET.encode(), body,
                                     hashlib.sha256).digest()).decode()


@pytest.mark.parametrize("name", MALFORMED_LINE_BODIES)
def test_the_line_webhook_refuses_malformed_bodies_signed_or_not(assistant, line_service, name):
    body = MALFORMED_LINE_BODIES[name]
    assert _post(assistant, body, signature=False).status_code == 401
    assert _post(assistant, body).status_code == 400  # signed with the channel's secret
    user = _user("after-malformed")
    assert _deliver(assistant, line_service, user, _text("hello")).status_code == 200
    assert _replies(line_service, user)[0].texts[0] == assistant.text_of("utter_greet", "en")


@pytest.mark.parametrize("message", [LONG_MESSAGE, CONTROL_CHARACTERS],
                         ids=["100,000 characters", "control characters"])
def test_a_line_user_sending_odd_text_gets_a_polite_reply(assistant, line_service, message):
    user = _user("odd")
    assert _deliver(assistant, line_service, user, _text(message)).status_code == 200
    replies = _replies(line_service, user)[0].texts
    assert replies and all(detect(reply).language in ("en", "ja") for reply in replies)


def test_the_line_webhook_reads_a_signed_body_whatever_its_content_type(assistant, line_service):
    user = _user("content-type")
    event = dict(_text("hello"), webhookEventId=f"ev-{next(_ids)}", timestamp=1, mode="active",
                 source={"type": "user", "userId": user}, deliveryContext={"isRedelivery": False},
                 replyToken=line_service.stand_in.issue_reply_token(user))
    body = _json({"destination": "Ubot", "events": [event]})
    response = requests.post(f"{assistant.base_url}/webhooks/line/webhook", data=body, headers={
        "Content-Type": "text/plain", "X-Line-Signature": _signature(body)}, timeout=_TIMEOUT_S)
    assert response.status_code == 200
    assert _replies(line_service, user)[0].texts[0] == assistant.text_of("utter_greet", "en")


@pytest.fixture
def widget(assistant):
    client = WidgetClient(assistant.base_url, _TIMEOUT_S)
    yield client
    client.close()


def test_the_socketio_channel_survives_malformed_events(assistant, widget):
    """Events the widget never sends (no session, no text, broken metadata, text that is not
    Unicode) are dropped and logged; the connection and the server stay up."""
    session = widget.session_id
    for payload in [None, "hello", ["hello"], 42, {"message": "hello"},
                    {"session_id": session, "message": {"text": "hi"}},
                    {"session_id": session, "message": "hi", "metadata": "{not json"},
                    {"session_id": session, "message": "\ud800 hello"}]:
        widget.sio.emit("user_uttered", payload)
    assert widget.say("hello") == assistant.text_of("utter_greet", "en")
    assert widget.sio.connected


def test_the_socketio_transport_survives_invalid_utf8(assistant, widget):
    """engine.io drops the bytes that are not UTF-8; what is left is not a message."""
    response = requests.post(
        f"{assistant.base_url}/socket.io/",
        params={"EIO": "4", "transport": "polling", "sid": widget.sio.eio.sid},
        data=b'42["user_uttered",{"message":"\xff\xfe"}]', timeout=_TIMEOUT_S)
    assert response.status_code == 200
    assert widget.say("hello") == assistant.text_of("utter_greet", "en")


@pytest.mark.parametrize("message", [LONG_MESSAGE, CONTROL_CHARACTERS],
                         ids=["100,000 characters", "control characters"])
def test_a_widget_user_sending_odd_text_gets_a_polite_reply(assistant, widget, message):
    reply = widget.say(message)
    assert reply and detect(reply).language in ("en", "ja")


def test_the_web_chat_page_server_refuses_malformed_requests(assistant):
    page = assistant.webchat_url
    assert requests.post(page, data=b"\xff\xfe", timeout=_TIMEOUT_S).status_code == 405
    assert requests.get(page + "webchat/%ff%fe%00", timeout=_TIMEOUT_S).status_code == 404
    assert requests.get(page + "a" * 100_000, timeout=_TIMEOUT_S).status_code == 400
    assert "widget.js" in requests.get(page, timeout=_TIMEOUT_S).text


def _csrf_token(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


MALFORMED_FORMS = {
    "empty": (b"", "application/x-www-form-urlencoded"),
    "invalid UTF-8": (b"name=%ff%fe&text=\xff\xfe", "application/x-www-form-urlencoded"),
    "a broken multipart": (b"--x\r\nbroken", "multipart/form-data; boundary=x"),
    "JSON": (b'{"name": ', "application/json"),
    "100,000 characters": (b"name=" + b"a" * 100_000 + b"&text=" + b"a" * 100_000,
                           "application/x-www-form-urlencoded"),
    "control characters": (b"name=%00%01%07&text=%1b%7f", "application/x-www-form-urlencoded"),
}


@pytest.fixture
def staff(assistant):
    """A member of staff signed in to the console, and a ticket of theirs to answer."""
    name = _sender("staff")
    add_user(name, PASSWORD, assistant.database_url)
    ticket_id = tickets.open_ticket(_sender("resident"), "rest", "en", "my tax certificate",
                                    (), assistant.database_url)
    session = requests.Session()
    token = _csrf_token(session.get(f"{assistant.console_url}/login", timeout=_TIMEOUT_S).text)
    signed_in = session.post(f"{assistant.console_url}/login", timeout=_TIMEOUT_S, data={
        "csrf_token": token, "name": name, "password": PASSWORD}, allow_redirects=False)
    assert signed_in.status_code == 302
    return session, ticket_id


@pytest.mark.parametrize("name", MALFORMED_FORMS)
def test_the_staff_console_forms_refuse_malformed_posts(assistant, staff, name):
    body, content_type = MALFORMED_FORMS[name]
    session, ticket_id = staff
    login = requests.post(f"{assistant.console_url}/login", data=body, timeout=_TIMEOUT_S,
                          headers={"Content-Type": content_type})
    reply = session.post(f"{assistant.console_url}/tickets/{ticket_id}/reply", data=body,
                         headers={"Content-Type": content_type}, timeout=_TIMEOUT_S)
    # 400 for what cannot be read as a form, 403 for a form without the CSRF token
    assert login.status_code in (400, 403) and reply.status_code in (400, 403)
    assert "Traceback" not in login.text + reply.text
    assert session.get(f"{assistant.console_url}/tickets/{ticket_id}",
                       timeout=_TIMEOUT_S).status_code == 200


def test_the_staff_console_refuses_a_reply_too_long_even_with_its_token(assistant, staff):
    session, ticket_id = staff
    page = session.get(f"{assistant.console_url}/tickets/{ticket_id}", timeout=_TIMEOUT_S)
    reply = session.post(f"{assistant.console_url}/tickets/{ticket_id}/reply", data={
        "csrf_token": _csrf_token(page.text), "text": "a" * 100_000}, timeout=_TIMEOUT_S)
    assert reply.status_code == 400
    assert f"{tickets.MAX_TEXT_LENGTH}文字以内" in reply.text


MALFORMED_ACTION_CALLS = {
    "empty": b"",
    "not JSON": b'{"next_action": ',
    "invalid UTF-8": b'{"next_action": "\xff\xfe"}',
    "a list": b"[1]",
    "no action": b"{}",
    "no tracker": _json({"next_action": "action_answer_faq"}),
    "a tracker without its conversation": _json({"next_action": "action_answer_faq",
                                                 "tracker": {"slots": {}}}),
}


@pytest.mark.parametrize("name", MALFORMED_ACTION_CALLS)
def test_the_action_server_answers_400_to_what_is_not_an_action_call(failing, name):
    """Only Rasa calls it; on the module's other assistant, whose database is down, which
    does not matter here (and before the test that kills its action server)."""
    response = requests.post(
        f"http://127.0.0.1:{failing.process.actions_port}/webhook",
        data=MALFORMED_ACTION_CALLS[name], headers={"Content-Type": "application/json"},
        timeout=_TIMEOUT_S)
    assert response.status_code == 400, response.text
    _answers_normally(failing.assistant)


def test_with_the_action_server_hung_residents_are_told_to_phone(failing):
    """Frozen, it accepts the call and never answers. Rasa alone would keep the resident
    waiting five minutes (the test gives up after 30 s); the bound makes it the same
    apology as when the action server is down, and nothing is lost once it answers again."""
    action_server = failing.process.pids["action_server"][0]
    os.kill(action_server, signal.SIGSTOP)
    try:
        replies = failing.assistant.say(_sender("hung-actions"), FAQ.questions["vi"][0])
    finally:
        os.kill(action_server, signal.SIGCONT)
    assert _texts(replies) == [text("service_unavailable", "vi")]
    assert PHONE in replies[0]["text"]
    _answers_normally(failing.assistant)


# --- last, as it stops the module's failing assistant -----------------------------------------

@contextmanager
def _action_server_killed(process: AssistantProcess) -> Iterator[None]:
    """The action server killed while Rasa runs, as when its container dies in production.
    `bot serve` stops every server when one of them exits, so it is frozen meanwhile."""
    os.kill(process.pid, signal.SIGSTOP)
    try:
        os.kill(process.pids["action_server"][0], signal.SIGKILL)
        yield
    finally:
        os.kill(process.pid, signal.SIGCONT)  # it then stops the others: this test is last


def test_with_the_action_server_down_residents_are_told_to_phone_in_their_language(failing):
    with _action_server_killed(failing.process):
        for language in ("en", "vi"):
            replies = failing.assistant.say(_sender("no-actions"), FAQ.questions[language][0])
            assert _texts(replies) == [
                text("service_unavailable", language)]
            assert PHONE in replies[0]["text"]
        assert failing.sentry.wait_for(
            lambda event: event.get("server_name") == "rasa" and "action_answer_faq"
            in json.dumps(event)), "the action server's failure did not reach Sentry"
