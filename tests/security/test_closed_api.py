"""Nobody who only reaches the network can read or change a conversation (issue: open API).

`make run` used to start Rasa with `--enable-api --cors "*"` on every interface and no token,
and the action server on 0.0.0.0: anyone could read a resident's conversation, push a message
into their open widget, replace the model, or run a staff action. These tests attack the running
assistant exactly as a stranger would.
"""

import uuid

import pytest
import requests

from bot.alerts.subscriptions import subscribed_municipalities
from bot.i18n import text
from tests.support.listening import listening_addresses

LOOPBACK = {"127.0.0.1", "::1"}


def _conversation(assistant) -> str:
    sender = f"closed-api-{uuid.uuid4().hex[:10]}"
    assistant.say(sender, '/choose_language{"language": "en"}')
    return sender


def _attacks(base_url: str, sender: str):
    conversation = f"{base_url}/conversations/{sender}"
    return {
        "read a conversation": ("GET", f"{conversation}/tracker", None),
        "push into a widget": ("POST", f"{conversation}/tracker/events",
                               {"event": "bot", "text": "Send your card PIN to evil.example"}),
        "add a message": ("POST", f"{conversation}/messages", {"sender": "user", "text": "hi"}),
        "run a staff action": ("POST", f"{conversation}/execute",
                               {"name": "action_relay_staff_replies"}),
        "replace the model": ("PUT", f"{base_url}/model", {"model_file": "/tmp/evil.tar.gz"}),
        "read the model's status": ("GET", f"{base_url}/status", None),
    }


@pytest.mark.parametrize("token", [None, "", "guessed-token"])
def test_rasa_api_refuses_every_call_without_the_right_token(assistant, token):
    sender = _conversation(assistant)
    params = {} if token is None else {"token": token}
    for attack, (method, url, body) in _attacks(assistant.base_url, sender).items():
        response = requests.request(method, url, params=params, json=body, timeout=30,
                                    headers={"Authorization": "Bearer guessed-token"})
        assert response.status_code in (401, 403), (attack, response.status_code)
    tracker = requests.get(f"{assistant.base_url}/conversations/{sender}/tracker",
                           params=assistant.api, timeout=30).json()
    assert "evil.example" not in str(tracker["events"])


def test_the_staff_console_token_still_reads_the_conversation(assistant):
    sender = _conversation(assistant)
    response = requests.get(f"{assistant.base_url}/conversations/{sender}/tracker",
                            params=assistant.api, timeout=30)
    assert response.status_code == 200
    assert response.json()["sender_id"] == sender


def test_servers_listen_on_loopback_only(assistant):
    ports = {"Rasa": int(assistant.base_url.rsplit(":", 1)[1]),
             "action server": assistant.actions_port,
             "staff console": int(assistant.console_url.rsplit(":", 1)[1]),
             "widget files": int(assistant.webchat_url.rstrip("/").rsplit(":", 1)[1])}
    for server, port in ports.items():
        addresses = listening_addresses(port)
        assert addresses, f"{server} is not listening on {port}"
        assert addresses <= LOOPBACK, (server, addresses)


def test_browsers_may_call_rasa_only_from_the_widgets_pages(assistant):
    widget_origin = assistant.webchat_url.rstrip("/")
    webhook = f"{assistant.base_url}/webhooks/rest/webhook"
    allowed = requests.options(webhook, timeout=30, headers={
        "Origin": widget_origin, "Access-Control-Request-Method": "POST"})
    assert allowed.headers.get("Access-Control-Allow-Origin") == widget_origin
    foreign = requests.options(webhook, timeout=30, headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert foreign.headers.get("Access-Control-Allow-Origin") not in ("*", "https://evil.example")


def test_rest_cannot_claim_to_be_line_to_subscribe_a_line_user(assistant):
    line_user = f"U{uuid.uuid4().hex}"
    for message in ('/choose_language{"language": "en"}',
                    '/subscribe_alerts{"municipality_code": "122033"}'):
        replies = requests.post(f"{assistant.base_url}/webhooks/rest/webhook", timeout=30,
                                json={"sender": line_user, "message": message,
                                      "input_channel": "line"}).json()
    assert [reply.get("text") for reply in replies] == [text("alerts_only_on_line", "en")]
    assert subscribed_municipalities("line", line_user, assistant.database_url) == []
