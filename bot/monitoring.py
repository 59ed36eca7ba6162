"""Error monitoring: Sentry when SENTRY_DSN is set, nothing at all otherwise.

Residents write personal details into chat messages, so events leave this process without
message text, request bodies or user data: only the error, its stack and technical context.
Whatever text is left (an exception's message, a log line, a breadcrumb) has My Numbers, phone
numbers and e-mail addresses masked.
"""

import logging
import os
from typing import Any, Dict, Optional

from bot.privacy.masking import mask_strings

logger = logging.getLogger(__name__)

_REDACTED = "[removed]"
# Keys under which Rasa/rasa-sdk/aiohttp frames and breadcrumbs carry what the user wrote.
_TEXT_KEYS = {"text", "message", "latest_message", "events", "tracker", "body", "data", "slots"}
# Identifiers whose hex digits could look like a number; no resident ever wrote them.
_IDENTIFIER_KEYS = {"event_id", "contexts", "sdk", "modules"}


def _scrub(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _REDACTED if k in _TEXT_KEYS else _scrub(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value


def scrub_event(event: Dict[str, Any], hint: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """Sentry before_send hook: drop everything a resident may have typed."""
    event.pop("user", None)
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("data", "cookies", "query_string"):
            request.pop(key, None)
    for exception in (event.get("exception") or {}).get("values", []):
        for frame in (exception.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)  # local variables hold messages and trackers
    if "breadcrumbs" in event:
        event["breadcrumbs"] = _scrub(event["breadcrumbs"])
    if "extra" in event:
        event["extra"] = _scrub(event["extra"])
    return {key: value if key in _IDENTIFIER_KEYS else mask_strings(value)
            for key, value in event.items()}


def sentry_configured() -> bool:
    return bool(os.environ.get("SENTRY_DSN"))


def init_sentry(component: str) -> bool:
    """Starts Sentry for `component` if SENTRY_DSN is set; returns whether it did."""
    if not sentry_configured():
        return False
    dsn = os.environ["SENTRY_DSN"]
    import sentry_sdk

    sentry_sdk.init(
        dsn=dsn,
        # sentry-sdk's Sanic integration (auto-enabled) fails on every request of the Sanic
        # 21.12 that Rasa and rasa-sdk run on ('_sentry_hub' missing): the servers never
        # answer. Errors still arrive through the logging integration.
        auto_enabling_integrations=False,
        send_default_pii=False,
        with_locals=False,
        request_bodies="never",
        before_send=scrub_event,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        server_name=component,
    )
    logger.info("Sentry error reporting on for %s", component)
    return True
