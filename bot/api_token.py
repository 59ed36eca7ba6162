"""The token that guards Rasa's HTTP API (conversations, model) in `make run` and `make run-prod`.

Rasa's API reads and changes any conversation, so it is never started without a token: the
operator's RASA_TOKEN when set (docker-compose requires one), otherwise a random one generated
once into var/, readable only by the user running the servers (the staff console reads it there).
"""

import os
from pathlib import Path
import secrets

from bot.paths import RUNTIME_DIR

TOKEN_FILE = RUNTIME_DIR / "rasa-api-token"


def rasa_api_token(token_file: Path = TOKEN_FILE) -> str:
    configured = os.environ.get("RASA_TOKEN", "").strip()
    if configured:
        return configured
    if token_file.exists():
        stored = token_file.read_text(encoding="utf-8").strip()
        if stored:
            return stored
    token_file.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(32)
    # Created with owner-only permissions from the start, never world-readable for a moment.
    descriptor = os.open(token_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as stored_file:
        stored_file.write(token)
    return token
