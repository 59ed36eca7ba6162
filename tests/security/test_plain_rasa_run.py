"""Privacy does not depend on how Rasa is started: with plain `rasa run` (no bot.rasa_runtime),
the channels, the tracker store and the NLU named in the YAML files still mask every My Number
and still warn the resident.
"""

import subprocess
import sys
import time
import uuid

import pytest
import requests

from bot.i18n import text
from bot.model_store import MODELS_DIR, rasa_environment
from bot.privacy.masking import MY_NUMBER_MASK
from bot.serve import answers, write_endpoints
from tests.conftest import PROJECT_ROOT
from tests.integration.test_personal_data import (WRITTEN_FORMS, _database_text, _raw_forms_in,
                                                  _readable)
from tests.support.assistant_process import free_port
from tests.support.widget_client import WidgetClient

pytestmark = pytest.mark.server
_START_TIMEOUT_S = 420
SEPARATOR_FORMS = ["1234−5678−9018", "1234 - 5678 - 9018", "1234・5678・9018",
                   "1234\u200b5678\u200b9018", "１２３４．５６７８．９０１８"]


@pytest.fixture(scope="module")
def plain_rasa(tmp_path_factory):
    runtime = tmp_path_factory.mktemp("plain-rasa")
    actions_port, rasa_port = free_port(), free_port()
    tracker_db = runtime / "tracker.db"
    endpoints = write_endpoints(actions_port, tracker_db)
    env = dict(rasa_environment(), DATABASE_URL=f"sqlite:///{runtime / 'assistant.db'}",
               SANIC_HOST="127.0.0.1", LOG_LEVEL="DEBUG")
    log = open(runtime / "servers.log", "wb")
    servers = [subprocess.Popen([sys.executable, "-m", "rasa_sdk", "--actions", "bot.actions",
                                 "--port", str(actions_port)], cwd=PROJECT_ROOT, env=env,
                                stdout=log, stderr=subprocess.STDOUT),
               subprocess.Popen([sys.executable, "-m", "rasa", "run", "--model", str(MODELS_DIR),
                                 "--endpoints", str(endpoints), "--credentials",
                                 "credentials.yml", "--interface", "127.0.0.1",
                                 "--port", str(rasa_port), "--debug"],
                                cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)]
    url = f"http://127.0.0.1:{rasa_port}"
    try:
        deadline = time.monotonic() + _START_TIMEOUT_S
        while not (answers(f"{url}/") and answers(f"http://127.0.0.1:{actions_port}/health")):
            assert time.monotonic() < deadline and all(s.poll() is None for s in servers), (
                (runtime / "servers.log").read_text(errors="replace")[-3000:])
            time.sleep(1)
        yield url, tracker_db, runtime / "servers.log"
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=60)
        log.close()


def _warnings(language: str) -> set:
    """The warning alone, or the warning before the answer to the rest of the message."""
    return {text("my_number_warning", language),
            text("my_number_removed_then_answer", language)}


def test_plain_rasa_run_masks_and_warns_on_every_channel(plain_rasa):
    url, tracker_db, log_path = plain_rasa
    forms = WRITTEN_FORMS + SEPARATOR_FORMS
    for form in forms:
        sender = f"plain-{uuid.uuid4().hex[:8]}"
        requests.post(f"{url}/webhooks/rest/webhook", timeout=60,
                      json={"sender": sender, "message": '/choose_language{"language": "en"}'})
        replies = requests.post(f"{url}/webhooks/rest/webhook", timeout=60, json={
            "sender": sender, "message": f"My Number is {form}, can I renew my card?",
            "metadata": {"note": f"number {form}"}}).json()
        assert replies[0].get("text") in _warnings("en"), (form, replies)
    widget = WidgetClient(url, 60)
    try:
        widget.say(f"マイナンバーは {SEPARATOR_FORMS[0]} です")
    finally:
        widget.close()
    raw = [form for form in forms if form in _readable(_database_text(tracker_db))]
    assert raw == [] and _raw_forms_in(_database_text(tracker_db)) == []
    log = log_path.read_text(encoding="utf-8", errors="replace")
    assert MY_NUMBER_MASK in _readable(log)  # the debug log shows the messages, masked
    assert [form for form in forms if form in _readable(log)] == []


def test_plain_rasa_run_warns_the_resident_in_their_language(plain_rasa):
    url, _, _ = plain_rasa
    sender = f"plain-warn-{uuid.uuid4().hex[:8]}"
    requests.post(f"{url}/webhooks/rest/webhook", timeout=60,
                  json={"sender": sender, "message": '/choose_language{"language": "vi"}'})
    replies = requests.post(f"{url}/webhooks/rest/webhook", timeout=60, json={
        "sender": sender, "message": "mã số cá nhân của tôi là 1234 5678 9012"}).json()
    warning = [r["text"] for r in replies if "text" in r][0]
    assert warning == text("my_number_warning", "vi")
