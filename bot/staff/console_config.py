"""What the console's parts share: its configuration, app keys and cookie rules."""

from dataclasses import dataclass, field
import hmac
from pathlib import Path

from aiohttp import web
import jinja2

from bot.knowledge.knowledge_base import KnowledgeBase
from bot.paths import KNOWLEDGE_DIR
from bot.staff.dashboard import tracker_database_url
from bot.staff.drafts import DRAFTS_DIR
from bot.staff.rasa_client import RasaClient

SESSION_COOKIE = "staff_session"
LOGIN_CSRF_COOKIE = "staff_login_csrf"


@dataclass
class ConsoleConfig:
    database_url: str = ""  # "" = DATABASE_URL, or the default SQLite file
    tracker_url: str = field(default_factory=tracker_database_url)
    rasa_url: str = ""  # "" = RASA_URL, or http://127.0.0.1:5005
    rasa_token: str = ""  # "" = RASA_TOKEN, or none
    drafts_dir: Path = DRAFTS_DIR
    knowledge_dir: Path = KNOWLEDGE_DIR  # the live FAQ files, checked on the front page
    secure_cookies: str = "auto"  # "auto" (when served over https), "always" or "never"


CONFIG = web.AppKey("config", ConsoleConfig)
RASA = web.AppKey("rasa", RasaClient)
TEMPLATES = web.AppKey("templates", jinja2.Environment)
KNOWLEDGE = web.AppKey("knowledge", KnowledgeBase)


def wants_json(request: web.Request) -> bool:
    accept = request.headers.get("Accept", "")
    return request.path.startswith("/api/") or ("application/json" in accept
                                                and "text/html" not in accept)


def set_cookie(request: web.Request, response: web.StreamResponse, name: str, value: str,
               max_age: int) -> None:
    mode = request.app[CONFIG].secure_cookies
    response.set_cookie(name, value, max_age=max_age, path="/", httponly=True,
                        samesite="Strict",
                        secure=mode == "always" or (mode == "auto" and request.secure))


def csrf_matches(sent: str, expected: str) -> bool:
    """Constant-time comparison of a form's CSRF token with the expected one."""
    return bool(sent) and bool(expected) and hmac.compare_digest(sent.encode(), expected.encode())
