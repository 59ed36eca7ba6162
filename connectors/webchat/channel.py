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

Identity comes from the server, not the browser. Rasa's channel takes the conversation id the
browser sends: any socket that sent another resident's id joined their room (their replies and
staff messages) and could write into their conversation. Here the server issues each new
conversation's id, signed (WEBCHAT_SESSION_SECRET, bot/runtime_secrets.py); a browser continues
a conversation only with an id it was given, and its messages always go to the conversation
bound to its socket, whatever the message says. Events that are not a text message are dropped.
"""

import hashlib
import hmac
import inspect
import logging
import os
from typing import Any, Awaitable, Callable, Dict, Optional, Text
import uuid

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint
from socketio import AsyncRedisManager, AsyncServer

from bot.runtime_secrets import runtime_secret
from connectors.arrival import on_arrival
from connectors.rest import is_text

logger = logging.getLogger(__name__)

SHARED_EMITS_SETTING = "SOCKETIO_REDIS_URL"
SESSION_SECRET_SETTING = "WEBCHAT_SESSION_SECRET"


class SessionIds:
    """Conversation ids "<random>.<signature>": issued here, recognised when they come back."""

    def __init__(self, secret: Text):
        self._key = secret.encode("utf-8")

    def _signature(self, random_part: Text) -> Text:
        return hmac.new(self._key, random_part.encode("ascii"), hashlib.sha256).hexdigest()[:32]

    def issue(self) -> Text:
        random_part = uuid.uuid4().hex
        return f"{random_part}.{self._signature(random_part)}"

    def session_id_from(self, data: Any) -> Text:
        """The conversation the browser continues, if it was issued here; else a new one."""
        asked = data.get("session_id") if isinstance(data, dict) else None
        if isinstance(asked, str) and asked.isascii() and asked.count(".") == 1:
            random_part, signature = asked.split(".")
            if hmac.compare_digest(signature, self._signature(random_part)):
                return asked
        return self.issue()


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
        on_new_message = on_arrival(on_new_message)
        blueprint = super().blueprint(on_new_message)
        sio = self.sio
        if os.environ.get(SHARED_EMITS_SETTING):
            share_emits_through_redis(sio, os.environ[SHARED_EMITS_SETTING])

        session_ids = SessionIds(runtime_secret(SESSION_SECRET_SETTING))

        # Registering an event again replaces Rasa's handler of the same name.
        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Optional[Dict] = None) -> None:
            session_id = session_ids.session_id_from(data)
            await sio.save_session(sid, {"session_id": session_id}, namespace=self.namespace)
            if self.session_persistence:
                joined = sio.enter_room(sid, session_id, namespace=self.namespace)
                if inspect.isawaitable(joined):
                    await joined
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: Text, data: Any = None) -> None:
            session_id = (await sio.get_session(sid, namespace=self.namespace)).get("session_id")
            text = data.get("message") if isinstance(data, dict) else None
            if not session_id or not is_text(text):
                logger.warning("Dropped a socket.io event that is not a text message of a "
                               "requested session.")
                return
            sender_id = session_id if self.session_persistence else sid
            await on_new_message(UserMessage(text, SocketIOOutput(sio, self.bot_message_evt),
                                             sender_id, input_channel=self.name()))

        return blueprint
