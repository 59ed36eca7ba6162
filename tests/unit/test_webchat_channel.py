"""The web chat's socket.io channel: the browser's socket joins its conversation's room, which is
where Rasa sends every reply (and staff will send theirs)."""

import gc
from unittest.mock import AsyncMock

import pytest
from rasa.core.channels.socketio import SocketIOInput

from connectors.webchat.channel import WebchatInput, session_id_from

CREDENTIALS = {"user_message_evt": "user_uttered", "bot_message_evt": "bot_uttered",
               "session_persistence": True}


async def _request_session(channel_class, data):
    """A connected socket sends `session_request`; returns the server, the socket and the id."""
    channel = channel_class.from_credentials(CREDENTIALS)
    channel.blueprint(AsyncMock())
    sio = channel.sio
    sio.emit = AsyncMock()
    sid = await sio.manager.connect("engine-io-1", "/")
    await sio.handlers["/"]["session_request"](sid, data)
    confirmed = sio.emit.await_args
    assert confirmed.args[0] == "session_confirm" and confirmed.kwargs["room"] == sid
    return sio, sid, confirmed.args[1]


async def test_the_socket_joins_the_room_of_the_conversation_it_asks_for():
    sio, sid, session_id = await _request_session(WebchatInput, {"session_id": "resident-42"})
    assert session_id == "resident-42"
    assert list(sio.manager.get_participants("/", "resident-42")) == [(sid, "engine-io-1")]


@pytest.mark.filterwarnings("ignore:coroutine 'AsyncServer.enter_room' was never awaited")
async def test_rasa_s_own_handler_leaves_the_room_empty_with_this_python_socketio():
    """Why the channel exists: if this starts failing, Rasa's channel works again as it is."""
    sio, _, session_id = await _request_session(SocketIOInput, {"session_id": "resident-42"})
    assert list(sio.manager.get_participants("/", session_id)) == []
    gc.collect()  # the never-awaited enter_room warns now, under the filter above


async def test_without_a_usable_id_a_new_conversation_starts():
    for data in (None, {}, {"session_id": None}, {"session_id": ""}, {"session_id": 42},
                 {"session_id": "x" * 129}, ["not", "a", "dict"]):
        sio, sid, session_id = await _request_session(WebchatInput, data)
        assert len(session_id) == 32 and session_id != data
        assert list(sio.manager.get_participants("/", session_id)) == [(sid, "engine-io-1")]


def test_session_ids_are_kept_as_sent_when_usable():
    assert session_id_from({"session_id": "a1b2"}) == "a1b2"
    assert session_id_from({"session_id": "x" * 128}) == "x" * 128
    assert session_id_from({}) != session_id_from({})
