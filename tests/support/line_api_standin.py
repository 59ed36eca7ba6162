"""A local stand-in for the LINE Messaging API, strict where LINE is strict.

It checks the bearer token, the payload schema and LINE's limits (5 messages per call, 5,000
characters per text, 13 quick replies with labels of at most 20 characters, 500 multicast
recipients, single-use reply tokens, the monthly message quota, X-Line-Retry-Key replays) and
records every request it answered, so tests can assert exactly what a LINE user would receive.
Failures can be scripted (`fail_next`) to exercise retries.

Runs on a loopback port in a thread of its own: usable from sync tests and from other processes.
"""

import asyncio
from collections import defaultdict, deque
from dataclasses import dataclass, field
import re
import threading
import time
from typing import Any, Callable, Deque, Dict, List, Optional

from aiohttp import web

_URI = re.compile(r"^(https?://[^\s]+|tel:[0-9+\-#*]+)$")
_ACTION_TYPES = {"postback", "message", "uri", "location", "camera", "cameraRoll",
                 "datetimepicker", "clipboard"}


@dataclass
class Request:
    path: str
    body: Any
    status: int
    retry_key: Optional[str] = None


@dataclass
class Delivery:
    """Messages that reached LINE users: by reply token, push or multicast."""
    kind: str
    to: List[str]
    messages: List[Dict[str, Any]]
    reply_token: Optional[str] = None
    received_at: float = field(default_factory=time.monotonic)

    @property
    def texts(self) -> List[str]:
        return [m.get("text", "") for m in self.messages]


@dataclass
class LineApiStandIn:
    access_token: str = "test-access-token"
    monthly_limit: Optional[int] = None
    reply_delay_s: float = 0.0  # how long LINE takes to accept a reply (to show non-blocking)
    messages_sent: int = 0
    profiles: Dict[str, Dict[str, Any]] = field(default_factory=dict)
    requests: List[Request] = field(default_factory=list)
    deliveries: List[Delivery] = field(default_factory=list)
    _reply_tokens: Dict[str, Optional[str]] = field(default_factory=dict)  # token → user
    _failures: Dict[str, Deque[int]] = field(default_factory=lambda: defaultdict(deque))
    _retry_keys: set = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # --- scripting the stand-in from a test ---------------------------------------------
    def issue_reply_token(self, user_id: str) -> str:
        token = f"rt-{len(self._reply_tokens) + 1}-{user_id}"
        self._reply_tokens[token] = user_id
        return token

    def expire_reply_token(self, token: str) -> None:
        self._reply_tokens.pop(token, None)

    def fail_next(self, endpoint: str, *statuses: int) -> None:
        """The next calls to `endpoint` ("reply", "push", "multicast", "profile"…) get these."""
        self._failures[endpoint].extend(statuses)

    def deliveries_to(self, user_id: str) -> List[Delivery]:
        with self._lock:
            return [d for d in self.deliveries if user_id in d.to]

    def wait_for(self, condition: Callable[[], Any], timeout_s: float = 60.0) -> Any:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            result = condition()
            if result:
                return result
            time.sleep(0.05)
        raise TimeoutError("the LINE stand-in did not receive what the test waited for")

    # --- the HTTP side --------------------------------------------------------------------
    def app(self) -> web.Application:
        app = web.Application(middlewares=[self._authenticate, self._scripted_failures])
        app.add_routes([
            web.post("/v2/bot/message/reply", self._reply),
            web.post("/v2/bot/message/push", self._push),
            web.post("/v2/bot/message/multicast", self._multicast),
            web.get("/v2/bot/profile/{user_id}", self._profile),
            web.get("/v2/bot/message/quota", self._quota),
            web.get("/v2/bot/message/quota/consumption", self._consumption),
        ])
        return app

    @web.middleware
    async def _authenticate(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if request.headers.get("Authorization") != f"Bearer {self.access_token}":
            return self._answer(request, None, 401, "Authentication failed. Confirm that the "
                                "access token in the authorization header is valid.")
        return await handler(request)

    @web.middleware
    async def _scripted_failures(self, request: web.Request, handler: Any) -> web.StreamResponse:
        queue = self._failures.get(_endpoint(request.path))
        if queue:
            status = queue.popleft()
            return self._answer(request, None, status, "scripted failure", {"Retry-After": "0"})
        return await handler(request)

    def _answer(self, request: web.Request, body: Any, status: int, message: str = "",
                headers: Optional[Dict[str, str]] = None) -> web.Response:
        with self._lock:
            self.requests.append(Request(request.path, body, status,
                                         request.headers.get("X-Line-Retry-Key")))
        payload = {"message": message} if status >= 400 else {}
        return web.json_response(payload, status=status, headers=headers)

    async def _body(self, request: web.Request) -> Any:
        if request.content_type != "application/json":
            raise _Invalid("The content type must be application/json")
        try:
            return await request.json()
        except ValueError:
            raise _Invalid("The request body has 1 error(s): malformed JSON")

    async def _handle(self, request: web.Request, kind: str,
                      recipients_of: Callable[[Dict[str, Any]], List[str]]) -> web.Response:
        try:
            body = await self._body(request)
            if not isinstance(body, dict):
                raise _Invalid("The request body must be a JSON object")
            _check_messages(body.get("messages"))
            recipients = recipients_of(body)
        except _Invalid as invalid:
            return self._answer(request, None, 400, str(invalid))
        retry_key = request.headers.get("X-Line-Retry-Key")
        with self._lock:
            if retry_key and retry_key in self._retry_keys:
                conflict = True
            else:
                conflict = False
                cost = 0 if kind == "reply" else len(recipients)
                if self.monthly_limit is not None and self.messages_sent + cost > self.monthly_limit:
                    over_quota = True
                else:
                    over_quota = False
                    self.messages_sent += cost
                    if retry_key:
                        self._retry_keys.add(retry_key)
                    self.deliveries.append(Delivery(kind, recipients, body["messages"],
                                                    body.get("replyToken")))
        if conflict:
            return self._answer(request, body, 409, "The retry key is already accepted")
        if over_quota:
            return self._answer(request, body, 429, "You have reached your monthly limit.")
        return self._answer(request, body, 200)

    async def _reply(self, request: web.Request) -> web.Response:
        await asyncio.sleep(self.reply_delay_s)

        def recipients(body: Dict[str, Any]) -> List[str]:
            token = body.get("replyToken")
            with self._lock:
                user = self._reply_tokens.pop(token, None) if isinstance(token, str) else None
            if user is None:
                raise _Invalid("Invalid reply token")
            return [user]
        return await self._handle(request, "reply", recipients)

    async def _push(self, request: web.Request) -> web.Response:
        def recipients(body: Dict[str, Any]) -> List[str]:
            if not isinstance(body.get("to"), str) or not body["to"]:
                raise _Invalid("The property, 'to', in the request body is invalid")
            return [body["to"]]
        return await self._handle(request, "push", recipients)

    async def _multicast(self, request: web.Request) -> web.Response:
        def recipients(body: Dict[str, Any]) -> List[str]:
            to = body.get("to")
            if (not isinstance(to, list) or not 1 <= len(to) <= 500
                    or not all(isinstance(u, str) and u for u in to) or len(set(to)) != len(to)):
                raise _Invalid("The property, 'to', must be 1 to 500 distinct user ids")
            return list(to)
        return await self._handle(request, "multicast", recipients)

    async def _profile(self, request: web.Request) -> web.Response:
        profile = self.profiles.get(request.match_info["user_id"])
        if profile is None:
            return self._answer(request, None, 404, "Not found")
        self._answer(request, None, 200)
        return web.json_response(profile)

    async def _quota(self, request: web.Request) -> web.Response:
        self._answer(request, None, 200)
        if self.monthly_limit is None:
            return web.json_response({"type": "none"})
        return web.json_response({"type": "limited", "value": self.monthly_limit})

    async def _consumption(self, request: web.Request) -> web.Response:
        self._answer(request, None, 200)
        return web.json_response({"totalUsage": self.messages_sent})


class _Invalid(Exception):
    pass


def _endpoint(path: str) -> str:
    """/v2/bot/message/push → "push", /v2/bot/profile/U1 → "profile"."""
    parts = path.strip("/").split("/")
    return "profile" if parts[2:3] == ["profile"] else parts[-1]


def _check_messages(messages: Any) -> None:
    if not isinstance(messages, list) or not 1 <= len(messages) <= 5:
        raise _Invalid("The property, 'messages', must hold 1 to 5 messages")
    for i, message in enumerate(messages):
        if not isinstance(message, dict) or message.get("type") != "text":
            raise _Invalid(f"messages[{i}]: only text messages are expected from the assistant")
        text = message.get("text")
        if not isinstance(text, str) or not 1 <= len(text) <= 5000:
            raise _Invalid(f"messages[{i}].text: must be 1 to 5000 characters")
        if "quickReply" in message:
            _check_quick_reply(message["quickReply"], f"messages[{i}].quickReply")


def _check_quick_reply(quick_reply: Any, where: str) -> None:
    items = quick_reply.get("items") if isinstance(quick_reply, dict) else None
    if not isinstance(items, list) or not 1 <= len(items) <= 13:
        raise _Invalid(f"{where}.items: must hold 1 to 13 items")
    for i, item in enumerate(items):
        action = item.get("action") if isinstance(item, dict) else None
        if item.get("type") != "action" or not isinstance(action, dict):
            raise _Invalid(f"{where}.items[{i}]: must be an action item")
        if action.get("type") not in _ACTION_TYPES:
            raise _Invalid(f"{where}.items[{i}].action.type: unknown")
        label = action.get("label")
        if not isinstance(label, str) or not 1 <= len(label) <= 20:
            raise _Invalid(f"{where}.items[{i}].action.label: must be 1 to 20 characters")
        if action["type"] == "postback":
            if not isinstance(action.get("data"), str) or not 1 <= len(action["data"]) <= 300:
                raise _Invalid(f"{where}.items[{i}].action.data: must be 1 to 300 characters")
            if len(action.get("displayText", "")) > 300:
                raise _Invalid(f"{where}.items[{i}].action.displayText: at most 300 characters")
        if action["type"] == "uri" and not _URI.match(str(action.get("uri", ""))):
            raise _Invalid(f"{where}.items[{i}].action.uri: invalid")


class RunningStandIn:
    """The stand-in served on 127.0.0.1 from a background thread."""

    def __init__(self, stand_in: LineApiStandIn):
        self.stand_in = stand_in
        self._loop = asyncio.new_event_loop()
        self._runner: Optional[web.AppRunner] = None
        self.base_url = ""
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    def __enter__(self) -> "RunningStandIn":
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=10)
        return self

    async def _start(self) -> None:
        self._runner = web.AppRunner(self.stand_in.app(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.base_url = f"http://127.0.0.1:{port}"

    def __exit__(self, *exc_info: Any) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
