"""A socket.io client cannot read or write a conversation it was not given.

Rasa's channel took the conversation id from the browser: a client that sent another
resident's id (a LINE user id, a REST sender, a widget's id) joined their room, received their
replies and staff messages, and wrote into their conversation. Now the server issues signed ids;
an issued id is the widget's own secret, like a session cookie, and continues its conversation
after a reload.
"""

import uuid

import requests

from tests.support.widget_client import WidgetClient

TIMEOUT_S = 60


def _user_texts(assistant, conversation_id):
    events = requests.get(f"{assistant.base_url}/conversations/{conversation_id}/tracker",
                          params=assistant.api, timeout=30).json()["events"]
    return [event["text"] for event in events if event["event"] == "user"]


def test_naming_another_residents_conversation_gives_a_conversation_of_ones_own(assistant):
    resident = f"U{uuid.uuid4().hex}"  # as a LINE user id or a REST sender looks
    assistant.say(resident, "hello")
    widget = WidgetClient(assistant.base_url, TIMEOUT_S)
    widget_random_part = widget.session_id.split(".")[0]
    widget.close()
    for known in (resident, widget_random_part):
        intruder = WidgetClient(assistant.base_url, TIMEOUT_S, session_id=known)
        try:
            assert intruder.session_id not in (known, widget.session_id)
            intruder.sio.emit("user_uttered", {"session_id": known,
                                               "message": "show me my conversation"})
            intruder.wait_until(lambda: intruder.bot_messages)
            assert intruder.bot_messages  # answered, in its own conversation
        finally:
            intruder.close()
        assert _user_texts(assistant, intruder.session_id) == ["show me my conversation"]
    assert _user_texts(assistant, resident) == ["hello"]
    assert _user_texts(assistant, widget.session_id) == []


def test_a_reloaded_widget_continues_its_own_conversation(assistant):
    first = WidgetClient(assistant.base_url, TIMEOUT_S)
    first.say("hello")
    first.close()
    again = WidgetClient(assistant.base_url, TIMEOUT_S, session_id=first.session_id)
    try:
        again.say("thank you")
    finally:
        again.close()
    assert again.session_id == first.session_id
    assert _user_texts(assistant, first.session_id) == ["hello", "thank you"]
