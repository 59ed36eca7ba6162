"""Secrets every run mode needs, so that nothing is ever started without them.

Each is the operator's environment variable when set (docker-compose requires them), otherwise
a random value generated once into var/, readable only by the user running the servers (the
replicas of `make run-prod` and the staff console read the same file):
- RASA_TOKEN guards Rasa's HTTP API, which reads and changes any conversation;
- WEBCHAT_SESSION_SECRET signs the web widget's conversation ids (connectors/webchat/channel.py).
"""

import os
from pathlib import Path
import secrets
import tempfile

from bot.paths import RUNTIME_DIR


def runtime_secret(setting: str, folder: Path = RUNTIME_DIR) -> str:
    configured = os.environ.get(setting, "").strip()
    if configured:
        return configured
    stored_file = folder / setting.lower().replace("_", "-")
    if stored_file.exists():
        stored = stored_file.read_text(encoding="utf-8").strip()
        if stored:
            return stored
    folder.mkdir(parents=True, exist_ok=True)
    # Written with owner-only permissions into a file of its own, then linked into place: of
    # two servers starting at once, both end up with the value that was linked first.
    descriptor, draft = tempfile.mkstemp(dir=folder, prefix=f".{stored_file.name}-")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as written:
            written.write(secrets.token_urlsafe(32))
        try:
            os.link(draft, stored_file)
        except FileExistsError:
            pass
    finally:
        os.unlink(draft)
    return stored_file.read_text(encoding="utf-8").strip()


def rasa_api_token() -> str:
    return runtime_secret("RASA_TOKEN")
