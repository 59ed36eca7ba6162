"""What every channel does with a resident's message on its way to Rasa, whatever command
started Rasa (connectors/rest.py, line.py, webchat/channel.py hand their messages through
`on_arrival`):

- Personal data is masked before Rasa sees the message (bot/privacy/masking.py): its text, its
  metadata. A My Number gets the NLU's warning (bot/nlu/my_number_classifier.py); a phone
  number or an e-mail address that was removed gets, after the answer, a short note in the
  language the message is written in, so the resident knows it was not kept.
- Under overload Rasa gives up on a message whose conversation stays locked by earlier ones
  (a LockError); its channels log that and answer nothing (REST: 200 with an empty list), so
  the resident waits for a reply that never comes. Such a message is answered, in its own
  language (the conversation itself is locked), with a request to send it again and 119/110.
"""

import logging
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage
from rasa.core.lock_store import LockError

from bot.i18n import text
from bot.langid import detect
from bot.languages import DEFAULT_LANGUAGE
from bot.privacy.masking import EMAIL_MASK, MY_NUMBER_MASK, PHONE_MASK, mask_message

logger = logging.getLogger(__name__)
OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


def _language_written_in(message: UserMessage) -> str:
    return detect(message.text or "").language or DEFAULT_LANGUAGE


def _removed_contact_details(message: UserMessage) -> bool:
    """A phone number or an e-mail address was masked in what the resident wrote (a button's
    payload is not written; a My Number has its own warning)."""
    written = message.text or ""
    return (not written.startswith("/") and MY_NUMBER_MASK not in written
            and (PHONE_MASK in written or EMAIL_MASK in written))


def on_arrival(on_new_message: OnNewMessage) -> OnNewMessage:
    async def handle(message: UserMessage) -> None:
        mask_message(message)
        try:
            await on_new_message(message)
        except LockError:
            logger.warning("Conversation %s stayed locked: asked the resident to send the "
                           "message again.", message.sender_id)
            await message.output_channel.send_text_message(
                message.sender_id, text("busy_try_again", _language_written_in(message)))
            return
        if _removed_contact_details(message):
            await message.output_channel.send_text_message(
                message.sender_id, text("contact_details_removed", _language_written_in(message)))
    return handle
