"""A resident's My Number, phone number or e-mail address is masked the moment a message
arrives, before any part of Rasa sees it.

Every channel (REST, socket.io, LINE, `rasa shell`, the HTTP API's /conversations/…/messages
and /model/parse) builds a `UserMessage` and hands it to the agent, and Rasa 3.6 has no hook in
between. Masking the text in `UserMessage` itself means NLU, the processor's logs, the tracker
store (a stored transcript), the event broker (tickets) and the action server only ever get
`[個人番号]`, `[電話番号]`, `[メール]`. The bot's own utterances are never touched. The HTTP API's
/conversations/…/tracker/events takes a resident's message as a ready-made event instead: every
new message is masked again as the tracker store saves it (bot/storage/tracker_store.py),
before the event broker or the table sees it.

Channels log the raw text before building the message (rest.py on a failed turn:
`structlogger.exception(..., text=text)`), and Rasa's JSON logs render an exception with every
frame's local variables (the raw text, whole trackers). So Rasa's structlog anonymizer, a no-op
without Rasa Pro's anonymization pipeline, is replaced by one that masks every value of a log
event and writes its exception as a masked traceback without local variables.
"""

from functools import wraps
import sys
import traceback
from typing import Any, Dict

from bot.privacy.log_records import mask_log_records
from bot.privacy.masking import mask_message, mask_personal_data, mask_strings


def _mask_user_message_text() -> None:
    from rasa.core.channels.channel import UserMessage

    original_init = UserMessage.__init__

    @wraps(original_init)
    def init(self: UserMessage, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        mask_message(self)

    UserMessage.__init__ = init


def _exc_info(value: Any) -> Any:
    """structlog's `exc_info` (True, an exception or a tuple) as a tuple, or None."""
    if isinstance(value, BaseException):
        return type(value), value, value.__traceback__
    if isinstance(value, tuple):
        return value if value[0] is not None else None
    if value:
        current = sys.exc_info()
        return current if current[0] is not None else None
    return None


def _mask_structured_logs() -> None:
    from rasa.utils import log_utils

    rasa_anonymizer = log_utils._anonymizer

    def anonymizer(logger: Any, method_name: str, event_dict: Dict[str, Any]) -> Dict[str, Any]:
        event_dict = mask_strings(event_dict)
        exc_info = _exc_info(event_dict.get("exc_info"))
        if exc_info:
            event_dict["exception"] = mask_personal_data("".join(
                traceback.format_exception(*exc_info)))
        if "exc_info" in event_dict:
            event_dict["exc_info"] = False  # rendered above; structlog would add the locals
        return rasa_anonymizer(logger, method_name, event_dict)

    # configure_structlog (run after the adjustments) looks the processor up by this name.
    log_utils._anonymizer = anonymizer


def install() -> None:
    _mask_user_message_text()
    _mask_structured_logs()
    mask_log_records()
