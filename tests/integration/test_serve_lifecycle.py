"""`make run`'s contract: both servers come up on the given ports, and Ctrl-C stops both."""

import os
import signal
import subprocess
import sys
import time

import pytest
import requests

from tests.conftest import PROJECT_ROOT
from tests.integration.conftest import _START_TIMEOUT_S, _free_port

pytestmark = pytest.mark.server


def _children(pid: int) -> list:
    listing = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(p) for p in listing.stdout.split()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_ctrl_c_stops_the_action_server_and_rasa(tmp_path):
    port, actions_port = _free_port(), _free_port()
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        serve = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "--port", str(port), "--actions-port",
             str(actions_port), "--tracker-db", str(tmp_path / "tracker.db")],
            cwd=PROJECT_ROOT, stdout=out, stderr=subprocess.STDOUT,
            env=dict(os.environ, PYTHONPATH=str(PROJECT_ROOT),
                     DATABASE_URL=f"sqlite:///{tmp_path / 'assistant.db'}"),
        )
    try:
        deadline = time.monotonic() + _START_TIMEOUT_S
        while "is running" not in log.read_text(errors="replace"):
            assert serve.poll() is None and time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(1)
        assert "curl -s http://localhost" in log.read_text()  # tells people how to talk to it
        assert requests.get(f"http://127.0.0.1:{actions_port}/health", timeout=5).ok
        assert requests.get(f"http://127.0.0.1:{port}/", timeout=5).ok
        children = _children(serve.pid)
        assert len(children) == 2
        serve.send_signal(signal.SIGINT)
        assert serve.wait(timeout=60) == 0
        assert not any(_alive(child) for child in children)
    finally:
        if serve.poll() is None:
            serve.kill()
