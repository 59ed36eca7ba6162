"""A message Rasa cannot take under overload gets a clear "please send it again".

Rasa handles one message of a conversation at a time (its lock store). When earlier messages
hold the conversation too long, Rasa gives up on the new one with a LockError; its channels
log that and answer nothing (REST: 200 with an empty list), so the resident waits for a reply
that never comes. Each of this project's channels hands its messages to Rasa through
`answering_when_busy`, which answers such a message in the language it is written in (the
conversation itself is locked) and asks for it again, with 119 and 110 for emergencies.
"""

import logging
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage
from rasa.core.lock_store import LockError

from bot.i18n import text
from bot.langid import detect
from bot.languages import DEFAULT_LANGUAGE

logger = logging.getLogger(__name__)
OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


def answering_when_busy(on_new_message: OnNewMessage) -> OnNewMessage:
    async def handle(message: UserMessage) -> None:
        try:
            await on_new_message(message)
        except LockError:
            logger.warning("Conversation %s stayed locked: asked the resident to send the "
                           "message again.", message.sender_id)
            language = detect(message.text or "").language or DEFAULT_LANGUAGE
            await message.output_channel.send_text_message(
                message.sender_id, text("busy_try_again", language))
    return handle
