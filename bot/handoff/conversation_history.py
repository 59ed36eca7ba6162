"""What staff need from the conversation so far: its transcript and the resident's question."""

from typing import Any, Dict, Iterable, List, Optional, Tuple

# Turns that are not a question worth handing over (greetings, buttons, the request itself).
_NOT_A_QUESTION = {"greet", "goodbye", "thank", "affirm", "deny", "choose_language",
                   "request_human", "help", "bot_challenge", "share_location"}


def _bot_text(event: Dict[str, Any]) -> str:
    custom = (event.get("data") or {}).get("custom") or {}
    return event.get("text") or (custom.get("data") or {}).get("text") or ""


def transcript(events: Iterable[Dict[str, Any]]) -> List[Tuple[str, str]]:
    """(author, text) for each message of the current session, oldest first."""
    lines: List[Tuple[str, str]] = []
    for event in events:
        if event.get("event") == "session_started":
            lines = []
        elif event.get("event") == "user" and event.get("text"):
            lines.append(("resident", event["text"]))
        elif event.get("event") == "bot" and _bot_text(event):
            lines.append(("assistant", _bot_text(event)))
    return lines


def latest_question(events: Iterable[Dict[str, Any]], skip_latest: bool = True
                    ) -> Optional[str]:
    """The resident's latest real question in this session (not a greeting or a button);
    with `skip_latest`, one asked before the current message."""
    questions: List[str] = []
    for event in events:
        if event.get("event") == "session_started":
            questions = []
        elif event.get("event") == "user":
            text = (event.get("text") or "").strip()
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            questions.append(text if text and not text.startswith("/")
                             and intent not in _NOT_A_QUESTION else "")
    if skip_latest:
        questions = questions[:-1]
    return next((q for q in reversed(questions) if q), None)
