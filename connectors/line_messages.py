"""Rasa's bot messages of one turn → LINE message objects, within LINE's limits.

LINE takes at most 5 messages per reply or push, 5,000 characters per text message and 13
quick-reply buttons with labels of at most 20 characters (postback data ≤ 300). A turn with
more messages is merged into the fifth rather than cut, and every button of the turn becomes a
quick reply on the last message, because LINE shows quick replies only under the last one.
"""

import json
from typing import Any, Dict, Iterable, List

from bot.languages import LANGUAGE_NAMES
from bot.location_button import SHARE_LOCATION

MAX_MESSAGES = 5
MAX_TEXT = 5000
MAX_QUICK_REPLIES = 13
MAX_LABEL = 20
MAX_POSTBACK_DATA = 300
MAX_DISPLAY_TEXT = 300


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def language_picker() -> List[Dict[str, str]]:
    """Rasa-style buttons that switch the conversation's language."""
    return [{"title": name, "payload": "/choose_language" + json.dumps({"language": code})}
            for code, name in LANGUAGE_NAMES.items()]


def _text_of(message: Dict[str, Any]) -> str:
    """What a Rasa bot message says, as plain text (links stay as URLs, which LINE links)."""
    custom = message.get("custom") or {}
    data = custom.get("data", custom) if isinstance(custom, dict) else {}
    parts = [message.get("text") or "", data.get("text") or "", message.get("image") or ""]
    if data.get("from") == "staff" and data.get("staff_name"):
        parts[1] = f"👤 {data['staff_name']}\n{parts[1]}"
    return "\n\n".join(part for part in parts if part).strip()


def _quick_reply(button: Dict[str, Any]) -> Dict[str, Any]:
    title, payload = str(button.get("title", "")), str(button.get("payload", ""))
    if payload.startswith(("https://", "http://", "tel:")):  # a link, or a number to call
        action = {"type": "uri", "label": _cut(title, MAX_LABEL), "uri": payload}
    elif payload == SHARE_LOCATION:  # LINE's own location picker sends a location message
        action = {"type": "location", "label": _cut(title, MAX_LABEL)}
    else:
        action = {"type": "postback", "label": _cut(title, MAX_LABEL),
                  "data": payload[:MAX_POSTBACK_DATA],
                  "displayText": _cut(title, MAX_DISPLAY_TEXT)}
    return {"type": "action", "action": action}


def to_line_messages(messages: Iterable[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """One turn's Rasa messages as at most five LINE messages, buttons as quick replies."""
    messages = list(messages)
    texts = [text for text in (_text_of(m) for m in messages) if text]
    if len(texts) > MAX_MESSAGES:
        texts = texts[: MAX_MESSAGES - 1] + ["\n\n".join(texts[MAX_MESSAGES - 1:])]
    buttons = [button for m in messages for button in (m.get("buttons") or [])]
    if buttons and not texts:
        texts = ["…"]
    line_messages = [{"type": "text", "text": _cut(text, MAX_TEXT)} for text in texts]
    if buttons:
        line_messages[-1]["quickReply"] = {
            "items": [_quick_reply(b) for b in buttons[:MAX_QUICK_REPLIES]]}
    return line_messages
