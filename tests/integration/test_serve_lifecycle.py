"""`make run`'s contract: every server comes up on the given ports, and Ctrl-C stops them all."""

import os
import signal
import subprocess

import pytest
import requests

from tests.support.assistant_process import AssistantProcess

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


def test_ctrl_c_stops_every_server(tmp_path):
    with AssistantProcess(tmp_path) as running:
        log = running.log_path.read_text()
        assert "curl -s http://localhost" in log  # tells people how to talk to it
        assert f"http://localhost:{running.console_port}/" in log
        assert requests.get(f"http://127.0.0.1:{running.actions_port}/health", timeout=5).ok
        assert requests.get(f"{running.base_url}/", timeout=5).ok
        assert requests.get(running.webchat_url, timeout=5).ok
        assert requests.get(f"{running.console_url}/login", timeout=5).ok
        children = _children(running.pid)
        assert len(children) == 4  # action server, Rasa, web chat, staff console
        os.kill(running.pid, signal.SIGINT)
        assert running.wait(timeout=60) == 0
        assert not any(_alive(child) for child in children)
