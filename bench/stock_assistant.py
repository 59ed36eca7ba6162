"""The baseline of the REST load benchmark: a stock `rasa init` assistant, generated and
trained in a folder of its own (nothing of it is kept) and served on free loopback ports.

`rasa init` trains its model right away. The stock project's custom actions are commented
out; should its domain declare any, the action server is started too.
"""

import os
from pathlib import Path
import signal
import subprocess
import sys
import time
from typing import Dict, List

import yaml

from bot.serve import answers
from tests.support.assistant_process import free_port

_START_TIMEOUT_S = 300
_TRAIN_TIMEOUT_S = 900


class StockAssistant:
    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = folder / "bench-serve.log"
        self._env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", RASA_TELEMETRY_ENABLED="false")
        self._env.pop("PYTHONPATH", None)  # stock: none of this project's code
        self._processes: Dict[str, subprocess.Popen] = {}

    def _rasa(self, *arguments: str) -> list:
        return [sys.executable, "-m", "rasa", *arguments]

    def create_and_train(self) -> None:
        project = self.folder / "project"
        project.mkdir(parents=True, exist_ok=True)
        with open(self.folder / "bench-init.log", "wb") as log:
            subprocess.run(self._rasa("init", "--no-prompt", "--init-dir", str(project)),
                           cwd=self.folder, env=self._env, stdout=log, stderr=subprocess.STDOUT,
                           stdin=subprocess.DEVNULL, check=True, timeout=_TRAIN_TIMEOUT_S)
        if not list((project / "models").glob("*.tar.gz")):
            raise RuntimeError(f"rasa init trained no model; see {self.folder / 'bench-init.log'}")

    def _custom_actions(self) -> bool:
        domain = yaml.safe_load((self.folder / "project" / "domain.yml").read_text())
        return bool(domain.get("actions"))

    def _start(self, name: str, command: list, log) -> subprocess.Popen:
        self._processes[name] = subprocess.Popen(
            command, cwd=self.folder / "project", env=self._env, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True)
        return self._processes[name]

    def _wait_until_up(self, url: str, process: subprocess.Popen) -> None:
        deadline = time.monotonic() + _START_TIMEOUT_S
        while not answers(url):
            if process.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError("the stock assistant did not start:\n"
                                   + self.log_path.read_text(errors="replace")[-5000:])
            time.sleep(1)

    def __enter__(self) -> "StockAssistant":
        endpoints = ["--endpoints", "endpoints.yml"]
        with open(self.log_path, "ab") as log:
            if self._custom_actions():
                actions_port = free_port()
                actions = self._start("action_server", self._rasa(
                    "run", "actions", "--port", str(actions_port)), log)
                self._wait_until_up(f"http://127.0.0.1:{actions_port}/health", actions)
                endpoints_file = self.folder / "bench-endpoints.yml"
                endpoints_file.write_text(yaml.safe_dump({"action_endpoint": {
                    "url": f"http://127.0.0.1:{actions_port}/webhook"}}))
                endpoints = ["--endpoints", str(endpoints_file)]
            rasa = self._start("rasa", self._rasa(
                "run", "--model", "models", "--port", str(self.port), *endpoints), log)
        self._wait_until_up(f"{self.base_url}/", rasa)
        return self

    @property
    def pids(self) -> Dict[str, List[int]]:
        return {name: [process.pid] for name, process in self._processes.items()}

    def __exit__(self, *exc_info: object) -> None:
        for process in self._processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self._processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
