"""Rasa's socket.io channel, with the browser joining its conversation's room.

Rasa 3.6's `SocketIOInput` answers `session_request` with `sio.enter_room(sid, session_id)`
without `await`. Since python-socketio 5.10 `AsyncServer.enter_room` is a coroutine, so the
socket never joins the room and every reply (Rasa emits them to `room=session_id`; staff replies
during a handoff will arrive the same way) is lost. The last python-socketio with a synchronous
`enter_room` is 5.9.0 (2023): pinning it would give up two years of fixes (among them
CVE-2025-61765, fixed in 5.14). So we keep the current library and replace only that handler,
awaiting `enter_room` when it is a coroutine (older python-socketio, as in Rasa's own Docker
image, still has the synchronous one).

With several Rasa replicas a bot message can leave through another replica than the one the
browser's socket is connected to: a staff reply goes out through whichever replica the
console's API call reached. When SOCKETIO_REDIS_URL is set, the replicas' socket.io servers
share their emits through Redis (python-socketio's AsyncRedisManager): each replica publishes
what it emits (to a conversation's room), and every replica delivers it to the sockets of that
room it holds. Without the setting emits stay in the process, so one server needs no Redis.
"""

import inspect
import os
from typing import Any, Awaitable, Callable, Dict, Optional, Text
import uuid

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint
from socketio import AsyncRedisManager, AsyncServer

_MAX_SESSION_ID_LENGTH = 128
SHARED_EMITS_SETTING = "SOCKETIO_REDIS_URL"


def session_id_from(data: Any) -> Text:
    """The conversation id the browser asks to continue, or a new one if it sent none usable."""
    session_id = data.get("session_id") if isinstance(data, dict) else None
    if isinstance(session_id, str) and 0 < len(session_id) <= _MAX_SESSION_ID_LENGTH:
        return session_id
    return uuid.uuid4().hex


def share_emits_through_redis(sio: AsyncServer, redis_url: Text) -> None:
    """Gives `sio` the Redis manager it would have had as `client_manager`: Rasa creates the
    server inside its blueprint, before any socket connects, so nothing used the old one."""
    sio.manager = AsyncRedisManager(redis_url)
    sio.manager.set_server(sio)


class WebchatInput(SocketIOInput):
    """`socketio` in credentials.yml, as Rasa's channel but awaiting `enter_room` (and sharing
    emits between replicas through Redis when SOCKETIO_REDIS_URL is set)."""

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        blueprint = super().blueprint(on_new_message)
        sio = self.sio
        if os.environ.get(SHARED_EMITS_SETTING):
            share_emits_through_redis(sio, os.environ[SHARED_EMITS_SETTING])

        # Registering the event again replaces Rasa's handler of the same name.
        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            session_id = session_id_from(data)
            if self.session_persistence:
                joined = sio.enter_room(sid, session_id, namespace=self.namespace)
                if inspect.isawaitable(joined):
                    await joined
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        return blueprint
