"""LINE Messaging API channel for Rasa: the webhook at /webhooks/line/webhook.

LINE expects a 200 within seconds and redelivers otherwise, so the webhook only checks the
signature and the JSON, answers at once, and handles the events in a background task: each
becomes a Rasa user message, and the whole turn's reply goes back in one reply call (a push
when the reply token has expired). Staff replies and alerts use push (`get_output_channel`).

Configuration comes from the environment: LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN and
LINE_API_BASE_URL (LINE's by default; the tests point it at a local stand-in). Message texts
are never logged; user ids only masked.
"""

import asyncio
import base64
from collections import OrderedDict
import hashlib
import hmac
import json
import logging
import os
from typing import Any, Awaitable, Callable, Dict, List, Optional, Set, Text

from rasa.core.channels.channel import (
    CollectingOutputChannel,
    InputChannel,
    OutputChannel,
    UserMessage,
)
from rasa.shared.core.events import UserUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.alerts.subscriptions import unsubscribe_everywhere
from bot.i18n import text
from bot.languages import DEFAULT_LANGUAGE, LANGUAGES
from connectors.arrival import on_arrival
from connectors.line_api import LineApiError, LineMessagingApi
from connectors.line_messages import language_picker, to_line_messages

logger = logging.getLogger(__name__)

_REMEMBERED_EVENTS = 10_000


def signature_is_valid(channel_secret: str, body: bytes, signature: Optional[str]) -> bool:
    """X-Line-Signature: base64 HMAC-SHA256 of the raw body, compared in constant time."""
    if not signature:
        return False
    digest = hmac.new(channel_secret.encode(), body, hashlib.sha256).digest()
    return hmac.compare_digest(base64.b64encode(digest), signature.encode("utf-8", "replace"))


def language_of_profile(profile: Dict[str, Any]) -> Optional[str]:
    """The assistant's language code for a LINE profile's language ("zh-Hant" → "zh")."""
    code = str(profile.get("language") or "").lower()
    code = "zh" if code.startswith("zh") else code
    return code if code in LANGUAGES else None


class RecentEvents:
    """The webhookEventIds already taken, so that a redelivered event is answered only once."""

    def __init__(self, capacity: int = _REMEMBERED_EVENTS):
        self.capacity = capacity
        self._seen: "OrderedDict[str, None]" = OrderedDict()

    def first_time(self, event_id: Optional[str]) -> bool:
        if not event_id:
            return True
        if event_id in self._seen:
            return False
        self._seen[event_id] = None
        if len(self._seen) > self.capacity:
            self._seen.popitem(last=False)
        return True


def _push_target(event: Dict[str, Any]) -> Optional[str]:
    source = event.get("source") or {}
    return source.get("groupId") or source.get("roomId") or source.get("userId")


class LinePushOutput(OutputChannel):
    """Sends each message at once by push: staff replies, alerts, anything outside a turn."""

    @classmethod
    def name(cls) -> Text:
        return "line"

    def __init__(self, api: LineMessagingApi):
        self.api = api

    async def _push(self, recipient_id: Text, message: Dict[str, Any]) -> None:
        await self.api.push(recipient_id, to_line_messages([message]))

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self._push(recipient_id, {"text": text})

    async def send_text_with_buttons(self, recipient_id: Text, text: Text,
                                     buttons: List[Dict[Text, Any]], **kwargs: Any) -> None:
        await self._push(recipient_id, {"text": text, "buttons": buttons})

    async def send_image_url(self, recipient_id: Text, image: Text, **kwargs: Any) -> None:
        await self._push(recipient_id, {"image": image})

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any],
                               **kwargs: Any) -> None:
        await self._push(recipient_id, {"custom": json_message})


class LineInput(InputChannel):
    """Rasa input channel for LINE (enabled in credentials.yml as connectors.line.LineInput)."""

    @classmethod
    def name(cls) -> Text:
        return "line"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "LineInput":
        credentials = credentials or {}
        secret = credentials.get("channel_secret") or os.environ.get("LINE_CHANNEL_SECRET", "")
        if not secret:
            logger.warning("LINE_CHANNEL_SECRET is not set: the LINE webhook answers 503.")
        return cls(secret, LineMessagingApi.from_environment())

    def __init__(self, channel_secret: str, api: LineMessagingApi):
        self.channel_secret = channel_secret
        self.api = api
        self.recent_events = RecentEvents()
        self._tasks: Set[asyncio.Task] = set()

    def get_output_channel(self) -> OutputChannel:
        return LinePushOutput(self.api)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        on_new_message = on_arrival(on_new_message)
        line_webhook = Blueprint("line_webhook", __name__)

        @line_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @line_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.channel_secret:
                return response.json({"message": "LINE channel not configured"}, status=503)
            body = request.body or b""
            if not signature_is_valid(self.channel_secret, body,
                                      request.headers.get("X-Line-Signature")):
                return response.json({"message": "invalid signature"}, status=401)
            events = _events_of(body)
            if events is None:
                return response.json({"message": "malformed webhook body"}, status=400)
            fresh = [e for e in events if self.recent_events.first_time(e.get("webhookEventId"))]
            if fresh:
                agent = getattr(request.app.ctx, "agent", None)
                task = asyncio.create_task(self._handle_events(fresh, on_new_message, agent))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
            return response.json({})

        return line_webhook

    async def _handle_events(self, events: List[Dict[str, Any]],
                             on_new_message: Callable[[UserMessage], Awaitable[Any]],
                             agent: Any) -> None:
        for event in events:  # in order: one delivery's events belong together
            try:
                await self._handle_event(event, on_new_message, agent)
            except Exception:  # one bad event must not drop the others
                logger.exception("LINE %s event %s failed", event.get("type"),
                                 event.get("webhookEventId"))

    async def _handle_event(self, event: Dict[str, Any],
                            on_new_message: Callable[[UserMessage], Awaitable[Any]],
                            agent: Any) -> None:
        user_id = (event.get("source") or {}).get("userId")
        kind = event.get("type")
        if not user_id:
            return
        if kind == "unfollow":
            await asyncio.get_running_loop().run_in_executor(
                None, unsubscribe_everywhere, "line", user_id)
            return
        prefix: List[Dict[str, Any]] = []
        if kind == "message":
            message_text = _user_text(event.get("message") or {})
            if message_text is None:
                language = await self._language_of(user_id, agent)
                await self._deliver(event, [{"text": text("line_text_only", language)}])
                return
        elif kind == "postback":
            message_text = str((event.get("postback") or {}).get("data", ""))
        elif kind == "follow":
            language = await self._language_of(user_id, agent)
            message_text = "/choose_language" + json.dumps({"language": language})
            prefix = [{"text": text("line_welcome", language)}]
        else:
            return  # join, leave, beacon…: nothing to answer
        collector = CollectingOutputChannel()
        await on_new_message(UserMessage(
            message_text, collector, user_id, input_channel=self.name(),
            metadata={"line_event_type": kind}))
        replies = prefix + collector.messages
        if kind == "follow" and replies:
            replies[-1] = dict(replies[-1], buttons=language_picker())
        await self._deliver(event, replies)

    async def _language_of(self, user_id: str, agent: Any) -> str:
        """The conversation's language; for a new user, their LINE app's language."""
        try:
            tracker = await agent.tracker_store.retrieve(user_id) if agent else None
            if tracker is not None and tracker.get_last_event_for(UserUttered) is not None:
                return tracker.get_slot("language") or DEFAULT_LANGUAGE
            return language_of_profile(await self.api.profile(user_id)) or DEFAULT_LANGUAGE
        except (LineApiError, AttributeError, KeyError) as error:
            logger.info("Language of a LINE user unknown (%s); using Japanese.", error)
            return DEFAULT_LANGUAGE

    async def _deliver(self, event: Dict[str, Any], messages: List[Dict[str, Any]]) -> None:
        line_messages = to_line_messages(messages)
        if not line_messages:
            return
        token = event.get("replyToken")
        if token:
            try:
                await self.api.reply(token, line_messages)
                return
            except LineApiError as error:
                if not error.invalid_reply_token:
                    raise
                logger.info("Reply token expired for event %s; pushing instead.",
                            event.get("webhookEventId"))
        await self.api.push(_push_target(event), line_messages)


def _events_of(body: bytes) -> Optional[List[Dict[str, Any]]]:
    """The webhook's events, or None when the body is not a LINE webhook payload."""
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    events = payload.get("events") if isinstance(payload, dict) else None
    if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
        return None
    return events


def _user_text(message: Dict[str, Any]) -> Optional[str]:
    """A LINE message as the text Rasa gets; None for types the assistant cannot read."""
    if message.get("type") == "text":
        return str(message.get("text", ""))
    if message.get("type") == "location":
        try:
            coordinates = {"latitude": float(message["latitude"]),
                           "longitude": float(message["longitude"])}
        except (KeyError, TypeError, ValueError):
            return None
        return "/share_location" + json.dumps(coordinates)
    return None
