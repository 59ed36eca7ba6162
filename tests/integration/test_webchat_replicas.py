"""`make run-prod`'s shape: a staff reply reaches the web widget whichever Rasa replica sends it.

The widget (a socket.io client, as the browser's) talks to replica A; staff answer its ticket and
the console asks replica B to relay the reply (nginx spreads the console's calls over both
replicas), then replica A to relay a second one. The resident sees both: the replicas' socket.io
servers share their emits through Redis (connectors/webchat/channel.py).

Without that setting (a third replica C, all else equal, the widget connected to it) the reply
relayed through A never reaches the widget, while the one relayed through C itself does: the
check is known to catch a replica keeping its emits to itself. (Also checked once, 2026-11-29:
with the channel's Redis manager switched off, the first test fails; the widget shows only the
reply relayed through A.)
"""

import asyncio
import subprocess
import sys
import time
from typing import Tuple

import pytest
import yaml

from bot.model_store import MODELS_DIR, rasa_environment
from bot.serve import answers
from bot.serve_production import production_endpoints, production_environment, redis_url
from bot.staff import tickets
from bot.staff.rasa_client import RELAY_ACTION, RasaClient
from connectors.webchat.channel import SHARED_EMITS_SETTING
from tests.conftest import PROJECT_ROOT
from tests.conftest import Assistant
from tests.support.assistant_process import free_port
from tests.support.widget_client import WidgetClient

pytestmark = pytest.mark.server

_TIMEOUT_S = 120
_START_TIMEOUT_S = 420


def _relay_staff_reply(widget: WidgetClient, ticket_id: int, text: str, replica_url: str,
                       database: str, api_token: str) -> None:
    """Staff answer in the console: the reply is stored, then a replica is asked to relay it."""
    tickets.add_staff_reply(ticket_id, "Sato", text, database_url=database)

    async def relay() -> bool:
        client = RasaClient(replica_url, api_token)
        await client.start()
        try:
            return await client.execute(widget.session_id, RELAY_ACTION)
        finally:
            await client.close()

    assert asyncio.run(relay())


def _widget_with_a_ticket(replica_url: str, database: str) -> Tuple[WidgetClient, int]:
    """A widget on `replica_url` that greeted the assistant, now handled by staff."""
    widget = WidgetClient(replica_url, _TIMEOUT_S)
    greeting = Assistant(replica_url, database).text_of("utter_greet", "en")
    assert widget.say("hello") == greeting
    ticket_id = tickets.open_ticket(widget.session_id, "socketio", "en", "needs a person",
                                    database_url=database)
    return widget, ticket_id


def test_a_staff_reply_relayed_through_the_other_replica_reaches_the_widget(
        production, production_database_url):
    replica_a, replica_b = production.replica_urls
    database = production_database_url
    widget, ticket_id = _widget_with_a_ticket(replica_a, database)
    try:
        _relay_staff_reply(widget, ticket_id, "Sent through replica B.", replica_b, database,
                           production.api_token)
        _relay_staff_reply(widget, ticket_id, "Sent through replica A.", replica_a, database,
                           production.api_token)
        widget.wait_until(lambda: len(widget.staff_texts()) >= 2)
    finally:
        widget.close()
    assert sorted(widget.staff_texts()) == ["Sent through replica A.", "Sent through replica B."]


@pytest.fixture
def replica_keeping_its_emits(production, production_database_url, tmp_path):
    """One more Rasa replica on the same stores, without SOCKETIO_REDIS_URL."""
    port = free_port()
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(yaml.safe_dump(production_endpoints(
        production.actions_port, production_database_url, redis_url()), allow_unicode=True),
        "utf-8")
    env = dict(rasa_environment(), **production_environment(production_database_url))
    env.pop(SHARED_EMITS_SETTING, None)
    with open(tmp_path / "rasa.log", "wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "bot.rasa_runtime", "run", "--model", str(MODELS_DIR),
             "--endpoints", str(endpoints), "--credentials", "credentials.yml",
             "--port", str(port), "--enable-api",
             f"--auth-token={production.api_token}"],
            cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + _START_TIMEOUT_S
        while not answers(f"{url}/"):
            assert time.monotonic() < deadline and server.poll() is None
            time.sleep(1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=60)


def test_without_the_shared_manager_a_reply_relayed_elsewhere_is_lost(
        production, production_database_url, replica_keeping_its_emits):
    replica_a, database = production.replica_urls[0], production_database_url
    widget, ticket_id = _widget_with_a_ticket(replica_keeping_its_emits, database)
    try:
        _relay_staff_reply(widget, ticket_id, "Sent through replica A.", replica_a, database,
                           production.api_token)
        _relay_staff_reply(widget, ticket_id, "Sent through replica C.",
                           replica_keeping_its_emits, database, production.api_token)
        widget.wait_until(lambda: widget.staff_texts())
    finally:
        widget.close()
    assert widget.staff_texts() == ["Sent through replica C."]
