"""The action server's answer to a failed action holds nothing of the conversation.

rasa-sdk's own handler answers 500 with the request body (the whole conversation, residents'
words included) echoed back, and Rasa logs that answer.
"""

from functools import lru_cache
import json
import types

from rasa_sdk.endpoint import create_app

from rasa_sdk_plugins import _ActionCallCheck

CONVERSATION = "私のマイナンバーは 1234 5678 9018 です。電話は 090-1234-5678"


class _Request:
    method, path = "POST", "/webhook"
    json = {"next_action": "action_answer_faq",
            "tracker": {"sender_id": "resident", "latest_message": {"text": CONVERSATION}}}


@lru_cache(maxsize=1)  # sanic allows one app of a name per process
def _app():
    app = create_app(types.ModuleType("no_actions"))
    _ActionCallCheck().attach_sanic_app_extensions(app)
    return app


async def test_a_failed_action_is_answered_without_the_conversation(caplog):
    handler = _app().error_handler.lookup(ValueError(CONVERSATION), None)
    answer = await handler(_Request(), ValueError(f"failed on {CONVERSATION}"))
    assert answer.status == 500
    body = json.loads(answer.body)
    assert "9018" not in answer.body.decode() and "マイナンバー" not in answer.body.decode()
    assert body == {"error": "The action failed; the action server's log says why."}
    logged = "\n".join(record.getMessage() + (record.exc_text or "")
                       for record in caplog.records)
    assert "An action failed" in logged and "9018" not in logged and "1234-5678" not in logged


async def test_a_request_the_action_server_cannot_read_keeps_its_4xx():
    from sanic.exceptions import InvalidUsage

    handler = _app().error_handler.lookup(InvalidUsage("Failed when parsing body as json"), None)
    answer = await handler(_Request(), InvalidUsage("Failed when parsing body as json"))
    assert answer.status == 400 and "parsing body" in answer.body.decode()
