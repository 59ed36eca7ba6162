"""A real assistant for the tests: `python -m bot serve` on free loopback ports.

Started once per test session, with its own SQLite tracker store; every test talks to it over
HTTP exactly as the web widget or a REST client would. `webchat_url` is the demo page with the
chat widget (served from another port than Rasa, so the browser tests are cross-origin).
"""

import os
from pathlib import Path
import signal
import socket
import subprocess
import sys
import time

import pytest
import requests
import yaml

from bot.languages import LANGUAGES
from tests.conftest import PROJECT_ROOT

_START_TIMEOUT_S = 420
_REQUEST_TIMEOUT_S = 30


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Assistant:
    def __init__(self, base_url: str, database_url: str, webchat_url: str):
        self.base_url = base_url
        self.webchat_url = webchat_url
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
                               timeout=_REQUEST_TIMEOUT_S)
        tracker.raise_for_status()
        return tracker.json()["slots"]

    def text_of(self, response: str, language: str) -> str:
        """The text a resident reading `language` must see for `response` (domain.yml)."""
        assert language in LANGUAGES
        for variation in self._responses[response]:
            for condition in variation.get("condition") or []:
                if condition["name"] == "language" and condition["value"] == language:
                    return variation["text"]
        raise KeyError((response, language))


@pytest.fixture(scope="session")
def assistant(tmp_path_factory):
    port, actions_port, webchat_port = _free_port(), _free_port(), _free_port()
    runtime = tmp_path_factory.mktemp("assistant")
    log_path = runtime / "serve.log"
    database_url = f"sqlite:///{runtime / 'assistant.db'}"
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT), TF_CPP_MIN_LOG_LEVEL="2",
               DATABASE_URL=database_url)
    env.pop("SENTRY_DSN", None)
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "--port", str(port),
             "--actions-port", str(actions_port), "--webchat-port", str(webchat_port),
             "--tracker-db", str(runtime / "tracker.db")],
            cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + _START_TIMEOUT_S
    try:
        while "is running" not in log_path.read_text(errors="replace"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("assistant did not start:\n" + log_path.read_text()[-5000:])
            time.sleep(1)
        yield Assistant(base_url, database_url, f"http://127.0.0.1:{webchat_port}/")
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
