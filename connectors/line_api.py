"""A small client for the LINE Messaging API calls the assistant makes.

line-bot-sdk 2.4.x would be the natural choice, but every 2.4 release pins aiohttp==3.8.x while
Rasa 3.6.21 requires aiohttp>=3.9,<3.10 (`pip install --dry-run rasa==3.6.21
line-bot-sdk==2.4.3` → ResolutionImpossible), and 3.x needs pydantic 2, which breaks Rasa. So
the handful of endpoints we use are called directly with aiohttp.

Every call retries with exponential backoff on 429 and 5xx (and on connection errors), honouring
`Retry-After`; push and multicast carry one `X-Line-Retry-Key` across their retries so that
LINE delivers a retried request only once.
"""

import asyncio
from dataclasses import dataclass
import logging
import os
from typing import Any, Dict, List, Optional
import uuid

import aiohttp

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api.line.me"
MAX_MESSAGES_PER_CALL = 5
MAX_MULTICAST_RECIPIENTS = 500

_RETRY_STATUSES = {429, 500, 502, 503, 504}
_MAX_RETRY_AFTER_S = 30.0


class LineApiError(Exception):
    """A call LINE refused (4xx other than 429) or that still failed after every retry."""

    def __init__(self, status: int, message: str):
        super().__init__(f"LINE API {status}: {message}")
        self.status = status
        self.message = message

    @property
    def invalid_reply_token(self) -> bool:
        return self.status == 400 and "reply token" in self.message.lower()


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4
    first_delay_s: float = 0.5
    timeout_s: float = 10.0


class LineMessagingApi:
    """The calls the assistant makes, against `base_url` (LINE's, or a local stand-in)."""

    def __init__(self, access_token: str, base_url: str = DEFAULT_BASE_URL,
                 retry: RetryPolicy = RetryPolicy()):
        self.access_token = access_token
        self.base_url = base_url.rstrip("/")
        self.retry = retry
        self._session: Optional[aiohttp.ClientSession] = None

    @classmethod
    def from_environment(cls) -> "LineMessagingApi":
        return cls(os.environ.get("LINE_CHANNEL_ACCESS_TOKEN", ""),
                   os.environ.get("LINE_API_BASE_URL", DEFAULT_BASE_URL))

    async def reply(self, reply_token: str, messages: List[Dict[str, Any]]) -> None:
        await self._call("POST", "/v2/bot/message/reply",
                         {"replyToken": reply_token, "messages": messages})

    async def push(self, to: str, messages: List[Dict[str, Any]]) -> None:
        await self._call("POST", "/v2/bot/message/push", {"to": to, "messages": messages},
                         retry_key=str(uuid.uuid4()))

    async def multicast(self, to: List[str], messages: List[Dict[str, Any]]) -> None:
        if len(to) > MAX_MULTICAST_RECIPIENTS:
            raise ValueError(f"multicast takes at most {MAX_MULTICAST_RECIPIENTS} recipients")
        await self._call("POST", "/v2/bot/message/multicast", {"to": to, "messages": messages},
                         retry_key=str(uuid.uuid4()))

    async def profile(self, user_id: str) -> Dict[str, Any]:
        return await self._call("GET", f"/v2/bot/profile/{user_id}")

    async def monthly_quota(self) -> Optional[int]:
        """The plan's monthly message limit, None when unlimited."""
        quota = await self._call("GET", "/v2/bot/message/quota")
        return quota.get("value") if quota.get("type") == "limited" else None

    async def messages_sent_this_month(self) -> int:
        return (await self._call("GET", "/v2/bot/message/quota/consumption"))["totalUsage"]

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _call(self, method: str, path: str, body: Optional[Dict[str, Any]] = None,
                    retry_key: Optional[str] = None) -> Dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.access_token}"}
        if retry_key:
            headers["X-Line-Retry-Key"] = retry_key
        delay = self.retry.first_delay_s
        for attempt in range(1, self.retry.attempts + 1):
            try:
                async with self._client().request(method, self.base_url + path, json=body,
                                                  headers=headers) as response:
                    if response.status < 300:
                        return await response.json(content_type=None) or {}
                    if response.status == 409 and retry_key:
                        return {}  # an earlier attempt of this request was accepted
                    message = await _error_message(response)
                    if response.status not in _RETRY_STATUSES or attempt == self.retry.attempts:
                        raise LineApiError(response.status, message)
                    wait = _retry_after(response) or delay
            except (aiohttp.ClientConnectionError, asyncio.TimeoutError) as error:
                if attempt == self.retry.attempts:
                    raise LineApiError(0, f"unreachable: {error!r}") from error
                wait = delay
            logger.warning("LINE %s %s failed (attempt %d); retrying in %.1f s",
                           method, path.split("/")[-1], attempt, wait)
            await asyncio.sleep(wait)
            delay *= 2
        raise AssertionError("unreachable")

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.retry.timeout_s))
        return self._session


async def _error_message(response: aiohttp.ClientResponse) -> str:
    try:
        return str((await response.json(content_type=None)).get("message", ""))
    except (ValueError, AttributeError, aiohttp.ContentTypeError):
        return response.reason or ""


def _retry_after(response: aiohttp.ClientResponse) -> Optional[float]:
    try:
        return min(float(response.headers["Retry-After"]), _MAX_RETRY_AFTER_S)
    except (KeyError, ValueError):
        return None
