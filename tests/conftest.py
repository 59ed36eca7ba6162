"""Fixtures shared by the test folders.

`assistant` is a real assistant, `python -m bot serve` on free loopback ports, started once per
test session (tests/support/assistant_process.py) with its own SQLite tracker store and its LINE
channel pointed at the local LINE stand-in; every test talks to it over HTTP exactly as the web
widget or a REST client would. `webchat_url` is the demo page with the
chat widget (served from another port than Rasa, so the browser tests are cross-origin).
"""

import sys
from pathlib import Path
from typing import Optional

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

import pytest  # noqa: E402
import requests  # noqa: E402
import yaml  # noqa: E402

from bot.languages import LANGUAGES  # noqa: E402
from tests.support.assistant_process import AssistantProcess  # noqa: E402
from tests.support.browser import launch_chromium  # noqa: E402
from tests.support.databases import own_database  # noqa: E402
from tests.support.line_api_standin import LineApiStandIn, RunningStandIn  # noqa: E402


@pytest.fixture
def line_api():
    """A fresh LINE Messaging API stand-in on a loopback port, for one test."""
    with RunningStandIn(LineApiStandIn()) as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium, one per test module (Playwright's sync API)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()

_REQUEST_TIMEOUT_S = 30
LINE_CHANNEL_SECRET = "integration-test-channel-secret"


class Assistant:
    def __init__(self, base_url: str, database_url: str, webchat_url: str = "",
                 console_url: str = "", api_token: str = "", actions_port: int = 0,
                 tracker_db: Optional[Path] = None, log_path: Optional[Path] = None):
        self.base_url = base_url
        self.api_token = api_token  # Rasa's HTTP API: `params=assistant.api`
        self.actions_port = actions_port
        self.tracker_db, self.log_path = tracker_db, log_path  # what `make run` keeps
        self.webchat_url = webchat_url
        self.console_url = console_url
        self.database_url = database_url  # the action server's records
        self._responses = yaml.safe_load(
            (PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]

    def say(self, sender: str, message: str) -> list:
        reply = requests.post(
            f"{self.base_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            timeout=_REQUEST_TIMEOUT_S,
        )
        reply.raise_for_status()
        return reply.json()

    def slots(self, sender: str) -> dict:
        tracker = requests.get(f"{self.base_url}/conversations/{sender}/tracker",
                               params=self.api, timeout=_REQUEST_TIMEOUT_S)
        tracker.raise_for_status()
        return tracker.json()["slots"]

    @classmethod
    def of(cls, process: AssistantProcess) -> "Assistant":
        return cls(process.base_url, process.database_url, process.webchat_url,
                   process.console_url, process.api_token, process.actions_port,
                   process.tracker_db, process.log_path)

    @property
    def api(self) -> dict:
        """The query parameters of an authorised call to Rasa's HTTP API."""
        return {"token": self.api_token}

    def text_of(self, response: str, language: str) -> str:
        """The text a resident reading `language` must see for `response` (domain.yml)."""
        assert language in LANGUAGES
        for variation in self._responses[response]:
            for condition in variation.get("condition") or []:
                if condition["name"] == "language" and condition["value"] == language:
                    return variation["text"]
        raise KeyError((response, language))


@pytest.fixture(scope="session")
def line_service():
    """The LINE Messaging API stand-in the assistant's LINE channel talks to."""
    with RunningStandIn(LineApiStandIn()) as running:
        yield running


@pytest.fixture(scope="session")
def assistant(tmp_path_factory, line_service):
    with AssistantProcess(tmp_path_factory.mktemp("assistant"), {
        "LINE_CHANNEL_SECRET": LINE_CHANNEL_SECRET,
        "LINE_CHANNEL_ACCESS_TOKEN": line_service.stand_in.access_token,
        "LINE_API_BASE_URL": line_service.base_url,
    }) as running:
        yield Assistant.of(running)


@pytest.fixture(scope="session")
def production_database_url():
    """A PostgreSQL database of its own for this run, dropped afterwards."""
    with own_database("replicas") as url:
        yield url


@pytest.fixture(scope="session")
def production(tmp_path_factory, production_database_url):
    """`make run-prod`'s shape: two Rasa replicas on PostgreSQL and Redis. For the session, as
    test_replicas and test_webchat_replicas need the same one (each start takes over a minute)."""
    with AssistantProcess(tmp_path_factory.mktemp("replicas"),
                          production_database=production_database_url, replicas=2) as running:
        yield running
