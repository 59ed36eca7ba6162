"""`make run`: the action server, the Rasa server, the web chat's demo server and the staff
console, started together and stopped together.

`python -m bot serve` trains the model if its inputs changed, starts the rasa-sdk action server,
then Rasa (REST, socket.io and LINE channels), the web server of the website chat widget (its
files and a demo page) and the staff console, waits until all answer, prints how to talk to
the assistant, and on Ctrl-C (or SIGTERM) stops them all. `--shell` runs `rasa shell` instead
of the HTTP servers, for chatting in the terminal. `--production` uses the stores of
docker-compose.yml instead of SQLite (PostgreSQL tracker store, Redis lock store;
bot/serve_production.py), which lets `--replicas N` Rasa servers (ports `--port` to
`--port`+N-1) share the conversations.

Closed by default: every server listens on loopback unless `--host` (BIND_HOST) opens the
resident-facing ones; Rasa's HTTP API always needs the token of bot/runtime_secrets.py, the action
server stays on loopback, and browsers may call Rasa only from the widget's origins.
"""

import argparse
import os
from pathlib import Path
import signal
import subprocess
import sys
import time
from typing import List, Optional
import urllib.error
import urllib.request

import yaml

from bot.runtime_secrets import rasa_api_token
from bot.model_store import ensure_model, rasa_environment
from bot.paths import PROJECT_ROOT, RUNTIME_DIR
from bot.serve_production import prepare_production

_STARTUP_TIMEOUT_S = 300
# Rasa's request size limit (sanic reads SANIC_* settings from the environment): room for a
# 1,000,000-character message written as JSON escapes, which is read in part and answered.
MAX_REQUEST_BYTES = 10_000_000
_STOP_TIMEOUT_S = 15


def answers(url: str) -> bool:
    """True when `url` answers 200 within two seconds (a server that is up)."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, OSError):
        return False


def _wait_until_up(url: str, process: subprocess.Popen, name: str) -> None:
    deadline = time.monotonic() + _STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{name} exited during start-up (code {process.returncode}).")
        if answers(url):
            return
        time.sleep(0.5)
    raise SystemExit(f"{name} did not answer at {url} within {_STARTUP_TIMEOUT_S} s.")


def write_endpoints(actions_port: int, tracker_db: Path) -> Path:
    """endpoints.yml with this run's action server port and tracker database."""
    endpoints = yaml.safe_load((PROJECT_ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    endpoints["action_endpoint"]["url"] = f"http://127.0.0.1:{actions_port}/webhook"
    if endpoints.get("tracker_store", {}).get("dialect") == "sqlite":
        endpoints["tracker_store"]["db"] = str(tracker_db)
    RUNTIME_DIR.mkdir(exist_ok=True)
    path = RUNTIME_DIR / f"endpoints-{actions_port}.yml"
    path.write_text(yaml.safe_dump(endpoints, allow_unicode=True), encoding="utf-8")
    return path


def _stop(processes: List[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + _STOP_TIMEOUT_S
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _print_instructions(port: int, webchat_port: int, console_port: int, replicas: int) -> None:
    if replicas > 1:
        print(f"Rasa replicas on ports {port}–{port + replicas - 1}, sharing PostgreSQL and Redis.")
    print(
        f"""
The Chiba resident assistant is running.
  REST:      curl -s http://localhost:{port}/webhooks/rest/webhook \\
               -H 'Content-Type: application/json' -d '{{"sender": "me", "message": "こんにちは"}}'
  socket.io: http://localhost:{port}/socket.io (the website chat widget)
  Web chat:  http://localhost:{webchat_port}/ (a demo prefecture page with the chat widget)
  Staff:     http://localhost:{console_port}/ (console; first `python -m bot staff add-user NAME`)
  Terminal:  make shell
Languages: 日本語, やさしい日本語, English, 中文, 한국어, Tiếng Việt. Ctrl-C stops all servers.
""",
        flush=True,
    )


def widget_origins(webchat_port: int) -> List[str]:
    """The pages allowed to call Rasa from a browser: the demo page and WEBCHAT_ORIGIN's."""
    configured = os.environ.get("WEBCHAT_ORIGIN", "").replace(",", " ").split()
    return [f"http://localhost:{webchat_port}", f"http://127.0.0.1:{webchat_port}", *configured]


def rasa_server_arguments(host: str, port: int, token: str, origins: List[str]) -> List[str]:
    """`rasa run`'s arguments: the channels, the API behind its token, CORS for `origins`."""
    return ["--credentials", "credentials.yml", "--interface", host, "--port", str(port),
            "--enable-api", f"--auth-token={token}",  # one argument: a token may start with "-"
            "--cors", *origins]


def serve(port: int, actions_port: int, webchat_port: int, console_port: int,
          tracker_db: Path, shell: bool = False, production: bool = False,
          replicas: int = 1, host: str = "127.0.0.1") -> int:
    env = rasa_environment()
    env["RASA_TOKEN"] = rasa_api_token()
    python = sys.executable
    processes: List[subprocess.Popen] = []

    def stop_on_signal(signum: int, frame: Optional[object]) -> None:
        raise KeyboardInterrupt

    # Explicitly: a shell starting us in the background would have us ignore SIGINT. Before
    # training, so that a stop then ends the training too (subprocess.run kills its child).
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, stop_on_signal)
    try:
        model = ensure_model()
        if production:
            endpoints, tracker_url = prepare_production(actions_port, env)
        else:
            endpoints = write_endpoints(actions_port, tracker_db)
            tracker_url = f"sqlite:///{tracker_db.resolve()}"
        # Only Rasa calls the action server, from this machine (rasa_sdk reads SANIC_HOST).
        actions = subprocess.Popen(
            [python, "-m", "rasa_sdk", "--actions", "bot.actions", "--port", str(actions_port)],
            cwd=PROJECT_ROOT, env=dict(env, SANIC_HOST="127.0.0.1"),
        )
        processes.append(actions)
        _wait_until_up(f"http://127.0.0.1:{actions_port}/health", actions, "The action server")
        rasa_command = [python, "-m", "bot.rasa_runtime", "shell" if shell else "run",
                        "--model", str(model), "--endpoints", str(endpoints)]
        if shell:
            return subprocess.call(rasa_command, cwd=PROJECT_ROOT, env=env)
        rasa_servers = [
            subprocess.Popen(
                rasa_command + rasa_server_arguments(host, rasa_port, env["RASA_TOKEN"],
                                                     widget_origins(webchat_port)),
                cwd=PROJECT_ROOT, env=dict(env, SANIC_REQUEST_MAX_SIZE=str(MAX_REQUEST_BYTES)),
            )
            for rasa_port in range(port, port + replicas)
        ]
        processes.extend(rasa_servers)
        # The page is opened in a browser on this machine, so Rasa as the browser reaches it.
        webchat = subprocess.Popen(
            [python, "-m", "connectors.webchat.server", "--host", host,
             "--port", str(webchat_port), "--rasa-url", f"http://localhost:{port}"],
            cwd=PROJECT_ROOT, env=env,
        )
        processes.append(webchat)
        console = subprocess.Popen(
            [python, "-m", "bot", "staff", "console", "--port", str(console_port),
             "--rasa-url", f"http://127.0.0.1:{port}",
             "--tracker-db-url", tracker_url],
            cwd=PROJECT_ROOT, env=env,
        )
        processes.append(console)
        for rasa_port, rasa in zip(range(port, port + replicas), rasa_servers):
            _wait_until_up(f"http://127.0.0.1:{rasa_port}/", rasa, "The Rasa server")
        _wait_until_up(f"http://127.0.0.1:{webchat_port}/", webchat, "The web chat server")
        _wait_until_up(f"http://127.0.0.1:{console_port}/login", console, "The staff console")
        _print_instructions(port, webchat_port, console_port, replicas)
        while all(p.poll() is None for p in processes):
            time.sleep(0.5)
        failed = next(p for p in processes if p.poll() is not None)
        print(f"A server stopped unexpectedly (exit code {failed.returncode}).", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping…", flush=True)
        return 0
    finally:
        _stop(processes)


def _serve(args: argparse.Namespace) -> int:
    if args.replicas > 1 and not args.production:
        raise SystemExit("--replicas needs --production: Rasa servers share conversations only "
                         "through PostgreSQL and Redis.")
    return serve(args.port, args.actions_port, args.webchat_port, args.console_port,
                 Path(args.tracker_db), shell=args.shell, production=args.production,
                 replicas=args.replicas, host=args.host)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("serve", help="train if needed, then run the assistant")
    parser.add_argument("--port", type=int, default=int(os.environ.get("RASA_PORT", 5005)))
    parser.add_argument("--actions-port", type=int,
                        default=int(os.environ.get("ACTIONS_PORT", 5055)))
    parser.add_argument("--webchat-port", type=int,
                        default=int(os.environ.get("WEBCHAT_PORT", 8080)),
                        help="the web chat widget's files and demo page")
    parser.add_argument("--console-port", type=int,
                        default=int(os.environ.get("CONSOLE_PORT", 5002)),
                        help="the staff console")
    parser.add_argument("--host", default=os.environ.get("BIND_HOST", "127.0.0.1"),
                        help="address of the resident-facing servers (Rasa's webhooks and "
                             "socket.io, the widget's files); 0.0.0.0 opens them to the network. "
                             "The API needs the token in any case; the staff console and the "
                             "action server stay on loopback")
    parser.add_argument("--tracker-db", default=str(RUNTIME_DIR / "tracker.db"),
                        help="SQLite file for conversations")
    parser.add_argument("--shell", action="store_true", help="chat in the terminal instead")
    parser.add_argument("--production", action="store_true",
                        help="docker/endpoints.yml's stores: PostgreSQL (DATABASE_URL, default "
                             "postgresql://postgres@127.0.0.1:5432/chiba, created if missing) and "
                             "Redis (REDIS_URL, default redis://127.0.0.1:6379/0)")
    parser.add_argument("--replicas", type=int, default=1,
                        help="Rasa servers on consecutive ports from --port (with --production)")
    parser.set_defaults(handler=_serve)
