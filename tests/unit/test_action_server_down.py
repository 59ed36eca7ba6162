"""Which failures of a real call to an action server count as "the action server is down"
(the resident is then told to try later or phone; bot/rasa_runtime/action_server_down.py)."""

import asyncio

from aiohttp import web
import pytest
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.rasa_runtime.action_server_down import is_unreachable
from tests.support.assistant_process import free_port


def _failure_of_a_call_to(url: str) -> BaseException:
    action = RemoteAction("action_answer_faq", EndpointConfig(url))
    run = action.run(CollectingOutputChannel(), TemplatedNaturalLanguageGenerator({}),
                     DialogueStateTracker("resident", []), Domain.empty())
    try:
        asyncio.run(run)
    except Exception as error:
        return error
    raise AssertionError("the call did not fail")


def _failure_of_a_server_answering(status: int, body: dict) -> BaseException:
    async def call() -> BaseException:
        app = web.Application()
        app.router.add_post("/webhook", lambda _: web.json_response(body, status=status))
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        try:
            action = RemoteAction("action_answer_faq",
                                  EndpointConfig(f"http://127.0.0.1:{port}/webhook"))
            await action.run(CollectingOutputChannel(), TemplatedNaturalLanguageGenerator({}),
                             DialogueStateTracker("resident", []), Domain.empty())
        except Exception as error:
            return error
        finally:
            await runner.cleanup()
        raise AssertionError("the call did not fail")

    return asyncio.run(call())


def test_a_closed_port_is_unreachable():
    assert is_unreachable(_failure_of_a_call_to(f"http://127.0.0.1:{free_port()}/webhook"))


@pytest.mark.parametrize("status", [500, 502, 503])
def test_a_server_error_is_unreachable(status):
    assert is_unreachable(_failure_of_a_server_answering(status, {"error": "boom"}))


def test_an_action_rejecting_to_run_is_not():
    """rasa-sdk answers 400 when an action rejects (a form's validation): Rasa predicts
    another action then, and the resident gets that action's reply."""
    error = _failure_of_a_server_answering(
        400, {"action_name": "action_answer_faq", "error": "rejected"})
    assert isinstance(error, ActionExecutionRejection)
    assert not is_unreachable(error)


def test_a_timeout_is_unreachable():
    assert is_unreachable(asyncio.TimeoutError())


def test_other_errors_are_not():
    assert not is_unreachable(ValueError("a bug in Rasa itself"))
