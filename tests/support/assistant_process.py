"""`python -m bot serve` on free loopback ports, for the tests and the benchmarks.

Each run has its own runtime folder: SQLite tracker store, the action server's database and
the servers' log. Extra environment (e.g. the LINE stand-in's URL) is passed to both servers.
With `production_database` (a PostgreSQL URL) it is `make run-prod`'s shape instead: that
database for conversations and the assistant's tables, Redis as the lock store, `replicas` Rasa
servers (`replica_urls`).
"""

import contextlib
import os
from pathlib import Path
import random
import secrets
import signal
import socket
import subprocess
import sys
import time
from typing import Dict, List, Optional

PROJECT_ROOT = Path(__file__).resolve().parents[2]
_START_TIMEOUT_S = 420


# Below Linux's ephemeral range (32768-60999): a port the OS hands out for outgoing connections
# (to PostgreSQL, Redis, the servers) could be taken in the half minute before Rasa, still
# loading its model, binds it. A port asked of the OS (bind to 0) comes from that range.
_SERVER_PORTS = range(20000, 32768)


def free_consecutive_ports(count: int) -> int:
    """The first of `count` free consecutive ports (`serve --replicas` uses --port onwards)."""
    while True:
        first = random.randrange(_SERVER_PORTS.start, _SERVER_PORTS.stop - count + 1)
        with contextlib.ExitStack() as held:
            try:
                for port in range(first, first + count):
                    held.enter_context(socket.socket()).bind(("127.0.0.1", port))
            except OSError:
                continue
        return first


def free_port() -> int:
    return free_consecutive_ports(1)


class AssistantProcess:
    def __init__(self, runtime: Path, extra_env: Optional[Dict[str, str]] = None,
                 production_database: str = "", replicas: int = 1):
        self.runtime = runtime
        self.port, self.actions_port = free_consecutive_ports(replicas), free_port()
        self.replica_urls = [f"http://127.0.0.1:{port}"
                             for port in range(self.port, self.port + replicas)]
        self.webchat_port, self.console_port = free_port(), free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.webchat_url = f"http://127.0.0.1:{self.webchat_port}/"
        self.console_url = f"http://127.0.0.1:{self.console_port}"
        # the assistant's tables (in production also the conversations)
        self.database_url = production_database or f"sqlite:///{runtime / 'assistant.db'}"
        self.tracker_db = runtime / "tracker.db"
        self.log_path = runtime / "serve.log"
        self._env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT), TF_CPP_MIN_LOG_LEVEL="2",
                         DATABASE_URL=self.database_url)
        self._env.pop("SENTRY_DSN", None)  # a developer's Sentry; a test may pass its own
        # Rasa's HTTP API answers only with this token (`?token=`), as in every run mode.
        self.api_token = secrets.token_urlsafe(16)
        self._env["RASA_TOKEN"] = self.api_token
        self._env.update(extra_env or {})
        self._process: Optional[subprocess.Popen] = None
        self._production = (["--production", "--replicas", str(replicas)]
                            if production_database else [])

    def __enter__(self) -> "AssistantProcess":
        with open(self.log_path, "wb") as log:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "bot", "serve", "--port", str(self.port),
                 "--actions-port", str(self.actions_port),
                 "--webchat-port", str(self.webchat_port),
                 "--console-port", str(self.console_port), "--tracker-db", str(self.tracker_db),
                 *self._production],
                cwd=PROJECT_ROOT, env=self._env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)
        deadline = time.monotonic() + _START_TIMEOUT_S
        while "is running" not in self.log_path.read_text(errors="replace"):
            if self._process.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError("assistant did not start:\n"
                                   + self.log_path.read_text(errors="replace")[-5000:])
            time.sleep(1)
        return self

    @property
    def pid(self) -> int:
        return self._process.pid

    @property
    def pids(self) -> Dict[str, List[int]]:
        """The Rasa servers (one per replica) and the action server, children of `bot serve`."""
        children = Path(f"/proc/{self._process.pid}/task/{self._process.pid}/children")
        pids = [int(p) for p in children.read_text().split()] if children.exists() else []
        names: Dict[str, List[int]] = {"rasa": [], "action_server": []}
        for pid in pids:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            if "rasa_sdk" in cmdline:
                names["action_server"].append(pid)
            elif " rasa " in f" {cmdline} " or "-m rasa" in cmdline or "bot.rasa_runtime" in cmdline:
                names["rasa"].append(pid)
        return names

    def wait(self, timeout: float) -> int:
        return self._process.wait(timeout=timeout)

    def __exit__(self, *exc_info: object) -> None:
        if self._process is None or self._process.poll() is not None:
            return
        self._process.send_signal(signal.SIGTERM)
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait()
