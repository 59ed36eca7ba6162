"""Rasa's REST channel (`POST /webhooks/rest/webhook {"sender": ..., "message": ...}`), answering
400 to a request it cannot read instead of 500 or silence.

Rasa 3.6's RestInput reads the body with `request.json.get(...)`: an empty body or JSON that is
not an object raises AttributeError (500); a missing sender puts the message into a shared
"default" conversation; a message that is not a string, or a string with a lone surrogate
("\\ud800" in the JSON: not Unicode text), fails inside the processor and the client gets 200
with no reply. This channel checks the body first and says what is wrong.

Personal data is masked as the message is read, before Rasa sees or logs it, however Rasa was
started. It also ignores the body's "input_channel": Rasa's RestInput takes it from the client, so anyone
could claim to be LINE and subscribe or unsubscribe a LINE user from disaster alerts. A message
that arrives here is a REST message.
"""

from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels import rest
from rasa.core.channels.channel import UserMessage
from sanic import Blueprint
from sanic.exceptions import InvalidUsage
from sanic.request import Request

from bot.privacy.masking import mask_personal_data, mask_strings
from connectors.arrival import on_arrival

MAX_SENDER_LENGTH = 128


def is_text(value: Any) -> bool:
    """A string that is valid Unicode (JSON escapes can make lone surrogates)."""
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _body(request: Request) -> Dict[Text, Any]:
    body = request.json  # sanic answers 400 itself when the body is not JSON
    if not isinstance(body, dict):
        raise InvalidUsage('Send a JSON object: {"sender": "...", "message": "..."}.')
    return body


class RestInput(rest.RestInput):
    """`connectors.rest.RestInput` in credentials.yml; still named `rest` (same URL)."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return super().blueprint(on_arrival(on_new_message))

    async def _extract_sender(self, request: Request) -> Optional[Text]:
        sender = _body(request).get("sender")
        if not is_text(sender) or not sender.strip() or len(sender) > MAX_SENDER_LENGTH:
            raise InvalidUsage(f'"sender" must be a string of 1 to {MAX_SENDER_LENGTH} '
                               "characters identifying the conversation.")
        return sender

    def _extract_message(self, request: Request) -> Optional[Text]:
        message = _body(request).get("message")
        if not is_text(message):
            raise InvalidUsage('"message" must be a string of Unicode text.')
        return mask_personal_data(message)  # on arrival: Rasa logs a failed turn's text

    def _extract_input_channel(self, request: Request) -> Text:
        return self.name()

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        metadata = _body(request).get("metadata")
        if metadata is not None and not isinstance(metadata, dict):
            raise InvalidUsage('"metadata", when sent, must be a JSON object.')
        return mask_strings(metadata)
