"""The action server's answers to what goes wrong, without residents' words in them.

- A request that is not an action call gets 400, not 500: rasa-sdk's /webhook reads the body
  with `action_call.get(...)` and `action_call["tracker"]`, so JSON that is a list, or an
  object without a tracker, raised inside rasa-sdk. Rasa never sends such a body, so it is the
  caller's mistake: this check answers 400 with what is missing.
- An action that fails gets a 500 that says so and nothing else: rasa-sdk's own handler echoes
  the request body (the whole conversation) into its answer, which Rasa then logs.
- Every log record of the action server is masked (bot/privacy/log_records.py).

Attached through rasa-sdk's own plugin hook (rasa_sdk/plugin.py imports a top-level package of
this name and calls `init_hooks`).
"""

import logging
from typing import Any, Optional

import pluggy
from sanic import Sanic, response
from sanic.exceptions import InvalidUsage, SanicException
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.privacy.log_records import mask_log_records

logger = logging.getLogger(__name__)
hookimpl = pluggy.HookimplMarker("rasa_sdk")


def problem_with(action_call: Any) -> Optional[str]:
    """What makes a parsed /webhook body unusable as an action call, or None."""
    if not isinstance(action_call, dict):
        return "The body must be a JSON object (an action call)."
    if not isinstance(action_call.get("next_action"), str):
        return '"next_action" must name the action to run.'
    tracker = action_call.get("tracker")
    if not isinstance(tracker, dict) or not isinstance(tracker.get("sender_id"), str):
        return '"tracker" must be the conversation\'s tracker, with its "sender_id".'
    return None


async def _check_action_call(request: Request) -> Optional[HTTPResponse]:
    if request.method != "POST" or request.path != "/webhook":
        return None
    if request.headers.get("Content-Encoding") == "deflate":
        return None  # compressed by Rasa itself; rasa-sdk unpacks it
    try:
        action_call = request.json
    except InvalidUsage:
        return None  # not JSON: rasa-sdk answers 400 itself
    if action_call is None:
        return None  # empty: likewise
    problem = problem_with(action_call)
    return response.json({"error": problem}, status=400) if problem else None


async def _failed(request: Request, exception: Exception) -> HTTPResponse:
    if isinstance(exception, SanicException) and exception.status_code < 500:
        # the request's own fault (a body that is not JSON…): sanic's status and message
        return response.json({"error": str(exception)}, status=exception.status_code)
    logger.error("An action failed (%s %s)", request.method, request.path, exc_info=exception)
    return response.json({"error": "The action failed; the action server's log says why."},
                         status=500)


class _ActionCallCheck:
    @hookimpl
    def attach_sanic_app_extensions(self, app: Sanic) -> None:
        mask_log_records()
        app.register_middleware(_check_action_call, "request")
        app.error_handler.add(Exception, _failed)  # replaces rasa-sdk's, which echoes the body


def init_hooks(manager: pluggy.PluginManager) -> None:
    manager.register(_ActionCallCheck())
