"""The staff console (aiohttp): application factory, security middleware and every route.

Every page but the login page and the stylesheet needs a signed-in session: a browser is sent
to the login page, an API call gets 401. Every POST must carry the session's CSRF token
(403 otherwise). Handlers are in bot.staff.views; the pages are Japanese.
"""

import asyncio
from pathlib import Path
from typing import Optional
from urllib.parse import quote

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError

from bot.knowledge.knowledge_base import KnowledgeBase
from bot.staff import accounts, views
from bot.staff.console_config import (CONFIG, KNOWLEDGE, RASA, SESSION_COOKIE, TEMPLATES,
                                      ConsoleConfig, csrf_matches, wants_json)
from bot.staff.rasa_client import RasaClient

HERE = Path(__file__).parent
_PUBLIC_PATHS = {"/login"}
_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


async def _read_form(request: web.Request) -> None:
    """Reads a POST's form once (aiohttp keeps it for the handlers): a body that is not a form
    (bytes that are not UTF-8, a broken multipart) is the sender's mistake, a 400, not a 500."""
    try:
        await request.post()
    except (ValueError, HttpProcessingError):
        raise web.HTTPBadRequest(text="送信された内容を読み取れませんでした。"
                                      "ページを開き直してから、もう一度送信してください。")


@web.middleware
async def friendly_errors(request: web.Request, handler):
    """Security headers on every answer; errors as a Japanese page for browsers, never a trace."""
    try:
        if request.method == "POST":
            await _read_form(request)
        response = await handler(request)
    except web.HTTPException as error:
        if error.status < 400 or wants_json(request):
            error.headers.update(_SECURITY_HEADERS)
            raise
        response = views.error_page(request, error.status, error.text)
    response.headers.update(_SECURITY_HEADERS)
    return response


@web.middleware
async def require_session(request: web.Request, handler):
    if request.path in _PUBLIC_PATHS or request.path.startswith("/static/"):
        return await handler(request)
    database_url = request.app[CONFIG].database_url
    signed = await asyncio.to_thread(accounts.signed_in,
                                     request.cookies.get(SESSION_COOKIE, ""), database_url)
    if signed is None:
        if wants_json(request):
            raise web.HTTPUnauthorized(text='{"error": "login required"}',
                                       content_type="application/json")
        raise web.HTTPFound(f"/login?next={quote(request.path_qs, safe='')}")
    request["staff"] = signed
    if request.method == "POST":
        form = await request.post()
        sent = form.get("csrf_token") or request.headers.get("X-CSRF-Token", "")
        if not csrf_matches(str(sent), signed.csrf_token):
            raise web.HTTPForbidden(text="フォームの有効期限が切れたか、不正な送信です。"
                                         "ページを開き直してから、もう一度送信してください。")
    return await handler(request)


def _routes(app: web.Application) -> None:
    app.router.add_get("/login", views.login_form)
    app.router.add_post("/login", views.login)
    app.router.add_post("/logout", views.logout)
    app.router.add_get("/", views.index)
    app.router.add_get("/tickets", views.queue)
    app.router.add_get(r"/tickets/{ticket_id:\d+}", views.ticket_page)
    app.router.add_post(r"/tickets/{ticket_id:\d+}/reply", views.reply)
    app.router.add_post(r"/tickets/{ticket_id:\d+}/deliver", views.deliver)
    app.router.add_post(r"/tickets/{ticket_id:\d+}/assign", views.assign_to_me)
    app.router.add_post(r"/tickets/{ticket_id:\d+}/close", views.close)
    app.router.add_get("/unanswered", views.unanswered)
    app.router.add_get(r"/unanswered/{question_id:\d+}/draft", views.draft_page)
    app.router.add_post(r"/unanswered/{question_id:\d+}/draft", views.make_draft)
    app.router.add_get("/dashboard", views.dashboard)
    app.router.add_get("/api/tickets", views.api_tickets)
    app.router.add_static("/static/", HERE / "static")


async def _start_rasa_client(app: web.Application) -> None:
    await app[RASA].start()


async def _close_rasa_client(app: web.Application) -> None:
    await app[RASA].close()


def create_app(config: Optional[ConsoleConfig] = None) -> web.Application:
    config = config or ConsoleConfig()
    app = web.Application(middlewares=[friendly_errors, require_session],
                          client_max_size=256 * 1024)
    app[CONFIG] = config
    app[RASA] = RasaClient(config.rasa_url, config.rasa_token)
    app[TEMPLATES] = views.template_environment(HERE / "templates")
    # The console lists FAQs and their problems; it never searches them, so no index.
    app[KNOWLEDGE] = KnowledgeBase(config.knowledge_dir, build_index=lambda faqs: None)
    app.on_startup.append(_start_rasa_client)
    app.on_cleanup.append(_close_rasa_client)
    _routes(app)
    return app
