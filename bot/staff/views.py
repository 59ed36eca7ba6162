"""The console's pages and form handlers (routes are in bot.staff.console)."""

import asyncio
from dataclasses import replace
from datetime import datetime
import secrets
from pathlib import Path
from typing import List, Optional

from aiohttp import web
import jinja2

from bot.i18n import text
from bot.knowledge.faq import stale_faqs
from bot.knowledge.knowledge_base import KnowledgeBase
from bot.languages import LANGUAGES
from bot.paths import KNOWLEDGE_DIR
from bot.staff import accounts, charts, dashboard as figures_of, drafts, tickets
from bot.staff.console_config import (CONFIG, KNOWLEDGE, LOGIN_CSRF_COOKIE, RASA,
                                      SESSION_COOKIE, TEMPLATES, csrf_matches, set_cookie)
from bot.staff.rasa_client import RELAY_ACTION, RESUME_ACTION
from bot.storage.database import session_scope
from bot.storage.models import TICKET_STATUSES, UnansweredQuestion

LANGUAGE_LABELS = {"ja": "日本語", "ja-easy": "やさしい日本語", "en": "English (英語)",
                   "zh": "中文 (中国語)", "ko": "한국어 (韓国語)", "vi": "Tiếng Việt (ベトナム語)"}
STATUS_LABELS = {"open": "未対応", "assigned": "対応中", "closed": "完了"}
CHANNEL_LABELS = {"line": "LINE", "socketio": "Webチャット", "rest": "REST API",
                  "cmdline": "端末", "unknown": "不明"}
CANNED_PHRASES = (("挨拶", "staff_canned_greeting"), ("お待ちください", "staff_canned_please_wait"),
                  ("終了のあいさつ", "staff_canned_closing"))
# Outcomes shown after a redirect; only these fixed texts can appear (no text from the URL).
NOTICES = {
    "sent": ("ok", "返信を保存し、住民への送信をRasaに依頼しました。"),
    "rasa_down": ("warning", "返信は保存されましたが、Rasaに接続できず未配信です。"
                             "Rasaが動いているか確認し、「未配信の返信を再送」を押してください。"),
    "assigned": ("ok", "このチケットをあなたに割り当てました。"),
    "closed": ("ok", "チケットを完了にし、会話をアシスタントに戻しました。"),
    "closed_rasa_down": ("warning", "チケットは完了しましたが、Rasaに接続できず会話の再開を"
                                    "通知できませんでした。"),
}
MAX_DASHBOARD_DAYS = 90
MAX_ID = 2 ** 31 - 1  # larger numbers in a URL cannot be a record
SHOWN_UNANSWERED = 200


def _jst(moment: Optional[datetime]) -> str:
    return moment.astimezone(figures_of.JAPAN).strftime("%Y-%m-%d %H:%M") if moment else ""


def template_environment(folder: Path) -> jinja2.Environment:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=True,
                                     undefined=jinja2.StrictUndefined)
    environment.filters["jst"] = _jst
    environment.globals.update(languages=LANGUAGE_LABELS, statuses=STATUS_LABELS,
                               channels=CHANNEL_LABELS)
    return environment


def render(request: web.Request, template: str, status: int = 200,
           **values) -> web.Response:
    staff = request.get("staff")
    values.setdefault("csrf_token", staff.csrf_token if staff else "")
    page = request.app[TEMPLATES].get_template(template).render(
        staff=staff.staff_name if staff else None, path=request.path, **values)
    return web.Response(text=page, status=status, content_type="text/html")


def error_page(request: web.Request, status: int, message: str) -> web.Response:
    return render(request, "error.html", status=status, status_code=status, message=message)


def _database(request: web.Request) -> str:
    return request.app[CONFIG].database_url


def _safe_next(target: Optional[str]) -> str:
    """Only a path on this site: never an open redirect to another one. Browsers drop tabs and
    line breaks from a URL and read a backslash as a slash, so "/\t/evil.example" would go
    to //evil.example: only printable characters other than spaces and backslashes pass."""
    if (target and target.startswith("/") and not target.startswith("//")
            and all(ch.isprintable() and not ch.isspace() and ch != "\\" for ch in target)):
        return target
    return "/tickets"


# --- signing in -----------------------------------------------------------------------------

def _login_page(request: web.Request, token: str, status: int = 200,
                error: str = "") -> web.Response:
    response = render(request, "login.html", status=status, csrf_token=token, error=error,
                      next=_safe_next(request.query.get("next")))
    set_cookie(request, response, LOGIN_CSRF_COOKIE, token, max_age=3600)
    return response


async def login_form(request: web.Request) -> web.Response:
    return _login_page(request, request.cookies.get(LOGIN_CSRF_COOKIE)
                       or secrets.token_urlsafe(32))


async def login(request: web.Request) -> web.Response:
    form = await request.post()
    token = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not csrf_matches(str(form.get("csrf_token", "")), token):
        raise web.HTTPForbidden(text="ログインフォームの有効期限が切れました。"
                                     "ページを開き直してください。")
    name, password = str(form.get("name", "")).strip(), str(form.get("password", ""))
    if not name or not password:
        return _login_page(request, token, 400, "名前とパスワードを入力してください。")
    result = await asyncio.to_thread(accounts.log_in, name, password,
                                     request.remote or "unknown", _database(request))
    if result.outcome == "throttled":
        minutes = int(accounts.THROTTLE_WINDOW.total_seconds() // 60)
        return _login_page(request, token, 429, "ログインの失敗が続いたため、このアカウントは"
                           f"しばらくログインできません。{minutes}分ほど待ってから"
                           "もう一度お試しください。")
    if result.outcome == "wrong":
        return _login_page(request, token, 401, "名前またはパスワードが違います。")
    response = web.HTTPFound(_safe_next(str(form.get("next", ""))))
    set_cookie(request, response, SESSION_COOKIE, result.token,
               max_age=int(accounts.SESSION_LIFETIME.total_seconds()))
    response.del_cookie(LOGIN_CSRF_COOKIE, path="/")
    return response


async def logout(request: web.Request) -> web.Response:
    await asyncio.to_thread(accounts.log_out, request.cookies.get(SESSION_COOKIE, ""),
                            _database(request))
    response = web.HTTPFound("/login")
    response.del_cookie(SESSION_COOKIE, path="/")
    return response


# --- tickets --------------------------------------------------------------------------------

async def index(request: web.Request) -> web.Response:
    raise web.HTTPFound("/tickets")


def _filters(request: web.Request) -> dict:
    status = request.query.get("status", "")
    language = request.query.get("language", "")
    channel = request.query.get("channel", "")
    if status and status not in TICKET_STATUSES:
        raise web.HTTPBadRequest(text=f"状態「{status}」はありません。"
                                      f"{'・'.join(TICKET_STATUSES)} から選んでください。")
    if language and language not in LANGUAGES:
        raise web.HTTPBadRequest(text=f"言語コード「{language}」はありません。"
                                      f"{'・'.join(LANGUAGES)} から選んでください。")
    if len(channel) > 32:
        raise web.HTTPBadRequest(text="チャネル名が長すぎます。")
    return {"status": status or None, "language": language or None, "channel": channel or None}


async def _live_knowledge(request: web.Request) -> KnowledgeBase:
    """The console's copy of the live FAQ files, with the edits made since (only those files
    are read again, off the event loop)."""
    knowledge = request.app[KNOWLEDGE]
    await asyncio.to_thread(knowledge.refresh)
    return knowledge


async def _knowledge_to_check(request: web.Request) -> dict:
    """For the front page: the FAQs due for review and the problems of the live FAQ files, so
    that staff see them without running `faq stale` or `faq validate`."""
    knowledge = await _live_knowledge(request)
    snapshot = knowledge.snapshot
    today = datetime.now(figures_of.JAPAN).date()
    project = knowledge.folder.parent  # knowledge/faq/<topic>.yml, not the server's path
    return {"stale": stale_faqs(snapshot.faqs.values(), today),
            "problems": [replace(p, file=p.file.relative_to(project))
                         for p in snapshot.problems if not p.overdue_review]}


async def queue(request: web.Request) -> web.Response:
    filters = _filters(request)
    found = await asyncio.to_thread(tickets.list_tickets, **filters,
                                    database_url=_database(request))
    channels = await asyncio.to_thread(tickets.ticket_channels, _database(request))
    return render(request, "queue.html", tickets=found, filters=filters,
                  known_channels=channels, **await _knowledge_to_check(request))


async def api_tickets(request: web.Request) -> web.Response:
    found = await asyncio.to_thread(tickets.list_tickets, **_filters(request),
                                    database_url=_database(request))
    return web.json_response([{
        "id": t.id, "conversation_id": t.conversation_id, "channel": t.channel,
        "language": t.language, "status": t.status, "assignee": t.assignee,
        "summary": t.summary, "created_at": t.created_at.isoformat()} for t in found])


async def _ticket(request: web.Request) -> tickets.TicketView:
    ticket_id = int(request.match_info["ticket_id"])
    try:
        if ticket_id > MAX_ID:
            raise tickets.TicketNotFound(ticket_id)
        return await asyncio.to_thread(tickets.get_ticket, ticket_id, _database(request))
    except tickets.TicketNotFound:
        raise web.HTTPNotFound(text=f"チケット {ticket_id} は見つかりません。")


def _to_ticket(ticket: tickets.TicketView, notice: str) -> web.HTTPFound:
    return web.HTTPFound(f"/tickets/{ticket.id}?notice={notice}")


async def ticket_page(request: web.Request) -> web.Response:
    ticket = await _ticket(request)
    canned = [{"label": label, "text": text(key, ticket.language), "meaning": text(key, "ja")}
              for label, key in CANNED_PHRASES]
    return render(request, "ticket.html", ticket=ticket, canned=canned,
                  notice=NOTICES.get(request.query.get("notice", "")),
                  max_length=tickets.MAX_TEXT_LENGTH)


async def reply(request: web.Request) -> web.Response:
    ticket = await _ticket(request)
    body = str((await request.post()).get("text", "")).strip()
    if not body:
        raise web.HTTPBadRequest(text="返信が空です。文を入力するか、定型文を選んでください。")
    if len(body) > tickets.MAX_TEXT_LENGTH:
        raise web.HTTPBadRequest(text=f"返信は{tickets.MAX_TEXT_LENGTH}文字以内にしてください。")
    if ticket.status == "closed":
        raise web.HTTPConflict(text="このチケットは完了しているため、返信できません。")
    await asyncio.to_thread(tickets.add_staff_reply, ticket.id, request["staff"].staff_name,
                            body, _database(request))
    relayed = await request.app[RASA].execute(ticket.conversation_id, RELAY_ACTION)
    raise _to_ticket(ticket, "sent" if relayed else "rasa_down")


async def deliver(request: web.Request) -> web.Response:
    ticket = await _ticket(request)
    relayed = await request.app[RASA].execute(ticket.conversation_id, RELAY_ACTION)
    raise _to_ticket(ticket, "sent" if relayed else "rasa_down")


async def assign_to_me(request: web.Request) -> web.Response:
    ticket = await _ticket(request)
    if ticket.status == "closed":
        raise web.HTTPConflict(text="このチケットは完了しています。")
    await asyncio.to_thread(tickets.assign, ticket.id, request["staff"].staff_name,
                            _database(request))
    raise _to_ticket(ticket, "assigned")


async def close(request: web.Request) -> web.Response:
    ticket = await _ticket(request)
    await asyncio.to_thread(tickets.close, ticket.id, request["staff"].staff_name,
                            _database(request))
    resumed = await request.app[RASA].execute(ticket.conversation_id, RESUME_ACTION)
    raise _to_ticket(ticket, "closed" if resumed else "closed_rasa_down")


# --- unanswered questions and FAQ drafts ----------------------------------------------------

def _stored_question(question_id: int, database_url: str) -> Optional[UnansweredQuestion]:
    with session_scope(database_url) as db:
        question = db.get(UnansweredQuestion, question_id) if question_id <= MAX_ID else None
        if question is not None:
            db.expunge(question)
        return question


async def _question(request: web.Request) -> UnansweredQuestion:
    question_id = int(request.match_info["question_id"])
    question = await asyncio.to_thread(_stored_question, question_id, _database(request))
    if question is None:
        raise web.HTTPNotFound(text=f"未回答の質問 {question_id} は見つかりません。")
    return question


def _latest_questions(database_url: str) -> List[UnansweredQuestion]:
    with session_scope(database_url) as db:
        questions = (db.query(UnansweredQuestion).order_by(UnansweredQuestion.id.desc())
                     .limit(SHOWN_UNANSWERED).all())
        db.expunge_all()
        return questions


async def unanswered(request: web.Request) -> web.Response:
    questions = await asyncio.to_thread(_latest_questions, _database(request))
    folder = request.app[CONFIG].drafts_dir
    drafted = {q.id for q in questions if drafts.draft_path(q.id, folder).exists()}
    return render(request, "unanswered.html", questions=questions, drafted=drafted)


async def draft_page(request: web.Request) -> web.Response:
    question = await _question(request)
    path = drafts.draft_path(question.id, request.app[CONFIG].drafts_dir)
    draft = drafts.read_draft(path) if path.exists() else None
    return render(request, "draft.html", question=question, draft=draft,
                  relative=_relative(path))


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(KNOWLEDGE_DIR.parent))
    except ValueError:  # drafts kept outside the project (tests)
        return str(path)


async def make_draft(request: web.Request) -> web.Response:
    question = await _question(request)
    await asyncio.to_thread(drafts.write_draft, question.id, question.text,
                            question.language, request.app[CONFIG].drafts_dir)
    raise web.HTTPFound(f"/unanswered/{question.id}/draft")


# --- dashboard ------------------------------------------------------------------------------

async def dashboard(request: web.Request) -> web.Response:
    try:
        days = int(request.query.get("days", "14"))
    except ValueError:
        days = 0
    if not 1 <= days <= MAX_DASHBOARD_DAYS:
        raise web.HTTPBadRequest(text=f"日数は1から{MAX_DASHBOARD_DAYS}の整数で指定してください。")
    config = request.app[CONFIG]
    today = datetime.now(figures_of.JAPAN).date()
    figures = await asyncio.to_thread(figures_of.compute, today, days, config.tracker_url,
                                      config.database_url)
    # Japanese titles of the live FAQs, so that the charts name FAQs as staff know them.
    titles = {faq_id: faq.title_in("ja")
              for faq_id, faq in (await _live_knowledge(request)).snapshot.faqs.items()}
    top, top_height = charts.horizontal_bars(
        [(titles.get(faq_id, faq_id), [count]) for faq_id, count in figures.top_faqs],
        [charts.PALETTE[0]], ["回答"])
    votes, votes_height = charts.horizontal_bars(
        [(titles.get(faq_id, faq_id), list(counts)) for faq_id, counts in
         sorted(figures.feedback.items(), key=lambda item: -sum(item[1]))],
        [charts.PALETTE[2], charts.PALETTE[5]], ["👍", "👎"])
    return render(
        request, "dashboard.html", figures=figures, days=days, first_day=figures.days[0],
        by_language=charts.stacked_bars(figures.days, figures.by_language, LANGUAGE_LABELS),
        by_channel=charts.stacked_bars(figures.days, figures.by_channel, CHANNEL_LABELS),
        top=top, top_height=top_height, votes=votes, votes_height=votes_height,
        hbar=charts)
