"""Every standard-library log record of a process, masked as it is created.

Rasa's own "Failed to run custom action" error carries the whole conversation on one line;
sanic, rasa-sdk and other libraries log requests and exceptions their own way. Masking each
record where it is made, whatever logger or handler later writes it, leaves no log line out.
Installed by the Rasa process (bot/rasa_runtime/personal_data.py) and the action server
(rasa_sdk_plugins).
"""

import logging
import traceback
from typing import Any

from bot.privacy.masking import mask_personal_data


def mask_log_records() -> None:
    make_record = logging.getLogRecordFactory()
    if getattr(make_record, "masks_personal_data", False):
        return

    def masked_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed call; logging reports it when the record is written
            return record
        masked = mask_personal_data(message)
        if masked != message:
            record.msg, record.args = masked, ()
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = mask_personal_data("".join(
                traceback.format_exception(*record.exc_info)).rstrip("\n"))
        return record

    masked_record.masks_personal_data = True
    logging.setLogRecordFactory(masked_record)
