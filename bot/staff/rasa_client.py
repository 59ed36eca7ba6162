"""Asks the Rasa server to run an action in a resident's conversation (Rasa's HTTP API).

After a staff reply the console runs `action_relay_staff_replies` (which sends the stored,
undelivered replies to the resident's channel); after closing a ticket,
`action_resume_conversation`. If Rasa cannot be reached the reply simply stays undelivered:
the caller shows that, and can try again.
"""

import asyncio
import logging
import os
from urllib.parse import quote

import aiohttp

logger = logging.getLogger(__name__)

DEFAULT_RASA_URL = "http://127.0.0.1:5005"
RELAY_ACTION = "action_relay_staff_replies"
RESUME_ACTION = "action_resume_conversation"
_TIMEOUT = aiohttp.ClientTimeout(total=10, connect=3)


class RasaClient:
    def __init__(self, base_url: str = "", token: str = ""):
        self.base_url = (base_url or os.environ.get("RASA_URL") or DEFAULT_RASA_URL).rstrip("/")
        self.token = token or os.environ.get("RASA_TOKEN", "")
        self._session = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=_TIMEOUT)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def execute(self, conversation_id: str, action: str) -> bool:
        """True if Rasa ran the action; False (logged) if it is unreachable or refused."""
        url = f"{self.base_url}/conversations/{quote(conversation_id, safe='')}/execute"
        params = {"output_channel": "latest"}
        if self.token:
            params["token"] = self.token
        try:
            async with self._session.post(url, params=params, json={"name": action}) as reply:
                if reply.status == 200:
                    return True
                logger.warning("Rasa answered %s to %s for %s: %s", reply.status, action,
                               conversation_id, (await reply.text())[:300])
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            logger.warning("Rasa unreachable at %s for %s: %r", self.base_url, action, error)
        return False
