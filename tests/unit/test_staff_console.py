"""The staff console over HTTP (aiohttp's test client), with a temporary SQLite database and a
stand-in for Rasa's HTTP API that records the actions the console asks it to run."""

import re
import socket
from datetime import datetime, timedelta

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
import pytest

from bot.i18n import text
from bot.knowledge.faq_files import read_faq_file
from bot.staff import tickets
from bot.staff.accounts import add_user
from bot.staff.console import create_app
from bot.staff.console_config import ConsoleConfig
from bot.staff.dashboard import JAPAN
from bot.storage.database import session_scope
from bot.storage.models import StaffUser, TicketMessage, UnansweredQuestion
from tests.unit.test_knowledge_files import faq_yaml, write

PASSWORD = "kaisatsu-2026-chiba"


class RasaStandIn:
    """Answers POST /conversations/{id}/execute like Rasa and records each call; for the relay
    action it does what the real one will do: marks the conversation's replies delivered."""

    def __init__(self, database_url: str):
        self.database_url = database_url
        self.calls = []
        self.app = web.Application()
        self.app.router.add_post("/conversations/{conversation_id}/execute", self._execute)

    async def _execute(self, request: web.Request) -> web.Response:
        conversation_id = request.match_info["conversation_id"]
        action = (await request.json())["name"]
        self.calls.append((conversation_id, action, dict(request.query)))
        if action == "action_relay_staff_replies":
            pending = tickets.undelivered_staff_replies(conversation_id, self.database_url)
            tickets.mark_delivered([m.id for m in pending], self.database_url)
        return web.json_response({"tracker": {"sender_id": conversation_id}, "messages": []})


def closed_port_url() -> str:
    with socket.socket() as s:  # bound, never listening: connections are refused
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


@pytest.fixture
def database_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'assistant.db'}"
    add_user("hanako", PASSWORD, url)
    return url


@pytest.fixture
async def rasa(database_url):
    standin = RasaStandIn(database_url)
    server = TestServer(standin.app, host="127.0.0.1")
    await server.start_server()
    standin.url = str(server.make_url("")).rstrip("/")
    yield standin
    await server.close()


def console_config(tmp_path, database_url, rasa_url, **overrides) -> ConsoleConfig:
    values = dict(database_url=database_url, tracker_url=f"sqlite:///{tmp_path / 'tracker.db'}",
                  rasa_url=rasa_url, drafts_dir=tmp_path / "drafts",
                  knowledge_dir=tmp_path / "knowledge", secure_cookies="never")
    values.update(overrides)
    return ConsoleConfig(**values)


async def started(config: ConsoleConfig) -> TestClient:
    client = TestClient(TestServer(create_app(config), host="127.0.0.1"))
    await client.start_server()
    return client


@pytest.fixture
async def console(tmp_path, database_url, rasa):
    client = await started(console_config(tmp_path, database_url, rasa.url, rasa_token="s3cret"))
    yield client
    await client.close()


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


async def log_in(client: TestClient, name: str = "hanako", password: str = PASSWORD,
                 **form: str):
    """Signs in through the form (`next=` and other fields as given); the response."""
    token = csrf_of(await (await client.get("/login")).text())
    return await client.post("/login", data={"csrf_token": token, "name": name,
                                             "password": password, **form},
                             allow_redirects=False)


async def signed_in(client: TestClient) -> str:
    """Logs in; returns the session's CSRF token."""
    assert (await log_in(client)).status == 302
    return csrf_of(await (await client.get("/tickets")).text())


def paths(app: web.Application):
    """Every route's method and a concrete path (ids filled in)."""
    for route in app.router.routes():
        info = route.resource.get_info()
        path = info.get("path") or info.get("formatter") or info.get("prefix")
        yield route.method, re.sub(r"\{\w+(:[^}]+)?\}", "1", path)


# --- security -------------------------------------------------------------------------------

async def test_every_route_needs_a_session(console, database_url):
    tickets.open_ticket("conv-1", "line", "en", "x", database_url=database_url)
    checked = 0
    for method, path in paths(console.server.app):
        if path == "/login" or path.startswith("/static") or method == "HEAD":
            continue
        browser = await console.request(method, path, allow_redirects=False)
        if path.startswith("/api/"):
            assert browser.status == 401, path
        else:
            assert browser.status == 302, (method, path)
            assert browser.headers["Location"].startswith("/login?next="), (method, path)
        api = await console.request(method, path, headers={"Accept": "application/json"},
                                    allow_redirects=False)
        assert api.status == 401, (method, path)
        checked += 1
    assert checked == 13
    assert (await console.get("/static/console.css")).status == 200


async def test_posts_without_the_right_csrf_token_are_refused(console, database_url):
    ticket_id = tickets.open_ticket("conv-1", "line", "en", "x", database_url=database_url)
    token = await signed_in(console)
    for method, path in paths(console.server.app):
        if method != "POST" or path == "/login":
            continue
        missing = await console.post(path.replace("/1/", f"/{ticket_id}/"), data={"text": "hi"},
                                     allow_redirects=False)
        wrong = await console.post(path.replace("/1/", f"/{ticket_id}/"),
                                   data={"text": "hi", "csrf_token": token[::-1]},
                                   allow_redirects=False)
        assert (missing.status, wrong.status) == (403, 403), path
    ticket = tickets.get_ticket(ticket_id, database_url)
    assert (ticket.status, ticket.messages) == ("open", ())  # nothing happened
    still_in = await console.get("/tickets", allow_redirects=False)
    assert still_in.status == 200  # the refused logout did not log out either
    login_page = await (await console.get("/login")).text()
    forged = await console.post("/login", data={"name": "hanako", "password": PASSWORD,
                                                "csrf_token": "forged"},
                                allow_redirects=False)
    assert forged.status == 403 and "csrf_token" in login_page


async def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(console):
    for _ in range(5):
        wrong = await log_in(console, password="wrong-password")
        assert wrong.status == 401
        assert "名前またはパスワードが違います" in await wrong.text()
    locked = await log_in(console)
    assert locked.status == 429
    assert "ログインできません" in await locked.text()
    assert "staff_session" not in locked.cookies
    assert (await console.get("/tickets", allow_redirects=False)).status == 302


async def test_a_success_resets_the_count_and_unknown_names_are_throttled_too(console):
    for _ in range(4):
        assert (await log_in(console, password="wrong-password")).status == 401
    assert (await log_in(console)).status == 302
    for _ in range(4):
        assert (await log_in(console, password="wrong-password")).status == 401
    assert (await log_in(console)).status == 302
    for _ in range(5):
        assert (await log_in(console, name="nobody")).status == 401
    assert (await log_in(console, name="nobody")).status == 429


async def test_passwords_are_stored_as_salted_hashes(database_url):
    add_user("jiro", PASSWORD, database_url)
    with session_scope(database_url) as db:
        stored = {u.name: u.password_hash for u in db.query(StaffUser)}
    assert set(stored) == {"hanako", "jiro"}
    assert all(h.startswith("scrypt$") and PASSWORD not in h for h in stored.values())
    assert stored["hanako"] != stored["jiro"]  # same password, different salt


async def test_session_cookie_flags_logout_and_secure_over_https(tmp_path, database_url,
                                                                 console, rasa):
    response = await log_in(console)
    cookie = response.headers["Set-Cookie"]
    assert "staff_session=" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert "Max-Age=28800" in cookie and "Secure" not in cookie  # plain http in this test
    token = csrf_of(await (await console.get("/tickets")).text())
    assert (await console.post("/logout", data={"csrf_token": token},
                               allow_redirects=False)).status == 302
    assert (await console.get("/tickets", allow_redirects=False)).status == 302
    behind_https = await started(console_config(tmp_path, database_url, rasa.url,
                                                secure_cookies="always"))
    try:  # the client keeps no Secure cookie over http: send the login form's cookie by hand
        form = await behind_https.get("/login")
        login_cookie = form.cookies["staff_login_csrf"]
        assert login_cookie["secure"] and login_cookie["httponly"]
        response = await behind_https.post(
            "/login", data={"csrf_token": login_cookie.value, "name": "hanako",
                            "password": PASSWORD},
            headers={"Cookie": f"staff_login_csrf={login_cookie.value}"}, allow_redirects=False)
        session = response.cookies["staff_session"]
        assert response.status == 302 and session["secure"] and session["httponly"]
        assert session["samesite"] == "Strict"
    finally:
        await behind_https.close()


async def test_login_only_redirects_within_the_site(console):
    response = await log_in(console, next="//evil.example/")
    assert response.headers["Location"] == "/tickets"


# --- tickets --------------------------------------------------------------------------------

async def test_lifecycle_persists_across_app_instances(tmp_path, console, database_url, rasa):
    ticket_id = tickets.open_ticket("line-U123", "line", "en", "Garbage day question",
                                    [("resident", "When is burnable garbage collected?")],
                                    database_url=database_url)
    token = await signed_in(console)
    queue = await (await console.get("/tickets?status=open")).text()
    assert f"#{ticket_id}" in queue and "English (英語)" in queue and "未対応" in queue
    assigned = await console.post(f"/tickets/{ticket_id}/assign", data={"csrf_token": token})
    assert "このチケットをあなたに割り当てました" in await assigned.text()
    assert tickets.get_ticket(ticket_id, database_url).assignee == "hanako"
    closed = await console.post(f"/tickets/{ticket_id}/close", data={"csrf_token": token})
    assert "チケットを完了にし" in await closed.text()
    assert rasa.calls[-1][:2] == ("line-U123", "action_resume_conversation")

    again = await started(console_config(tmp_path, database_url, rasa.url))
    try:
        await signed_in(again)
        page = await (await again.get(f"/tickets/{ticket_id}")).text()
        assert "完了" in page and "hanako" in page
        assert "When is burnable garbage collected?" in page
        assert "返信文" not in page  # no reply box on a closed ticket
        tickets.record_satisfaction("line-U123", True, database_url)
        assert "😊 満足" in await (await again.get(f"/tickets/{ticket_id}")).text()
        done = await (await again.get("/api/tickets?status=closed")).json()
        assert [(t["id"], t["assignee"]) for t in done] == [(ticket_id, "hanako")]
    finally:
        await again.close()


async def test_reply_is_stored_masked_and_sent_to_rasa(console, database_url, rasa):
    ticket_id = tickets.open_ticket("web/abc 1", "socketio", "en", "x",
                                    database_url=database_url)
    token = await signed_in(console)
    page = await console.post(f"/tickets/{ticket_id}/reply", data={
        "csrf_token": token, "text": "Please call 043-223-2110 or send 1234 5678 9018."})
    body = await page.text()
    assert page.status == 200 and "返信を保存し" in body
    assert "Please call [電話番号] or send [個人番号]." in body and "配信済み" in body
    assert rasa.calls == [("web/abc 1", "action_relay_staff_replies",
                           {"output_channel": "latest", "token": "s3cret"})]
    with session_scope(database_url) as db:
        (reply,) = db.query(TicketMessage).all()
        assert (reply.author, reply.staff_name, reply.delivered) == ("staff", "hanako", True)
        assert "2110" not in reply.text and "9018" not in reply.text


async def test_reply_stays_undelivered_when_rasa_is_down(tmp_path, database_url):
    client = await started(console_config(tmp_path, database_url, closed_port_url()))
    try:
        ticket_id = tickets.open_ticket("c-9", "line", "zh", "x", database_url=database_url)
        token = await signed_in(client)
        page = await client.post(f"/tickets/{ticket_id}/reply",
                                 data={"csrf_token": token, "text": "请稍等"})
        body = await page.text()
        assert page.status == 200
        assert "Rasaに接続できず未配信です" in body and "未配信" in body
        assert "未配信の返信を再送（1件）" in body
        assert [m.text for m in tickets.undelivered_staff_replies("c-9", database_url)] == ["请稍等"]
        closed = await client.post(f"/tickets/{ticket_id}/close", data={"csrf_token": token})
        assert closed.status == 200 and "再開を通知できませんでした" in await closed.text()
        assert tickets.get_ticket(ticket_id, database_url).status == "closed"
    finally:
        await client.close()


async def test_retry_delivers_what_was_left_undelivered(console, database_url, rasa):
    ticket_id = tickets.open_ticket("c-7", "line", "vi", "x", database_url=database_url)
    tickets.add_staff_reply(ticket_id, "hanako", "Xin chờ một chút", database_url)
    token = await signed_in(console)
    page = await console.post(f"/tickets/{ticket_id}/deliver", data={"csrf_token": token})
    assert "返信を保存し" in await page.text()
    assert tickets.undelivered_staff_replies("c-7", database_url) == []


async def test_bad_input_gets_a_clear_4xx(console, database_url):
    ticket_id = tickets.open_ticket("c-8", "line", "ja", "x", database_url=database_url)
    token = await signed_in(console)
    empty = await console.post(f"/tickets/{ticket_id}/reply", data={"csrf_token": token,
                                                                   "text": "  "})
    assert empty.status == 400 and "返信が空です" in await empty.text()
    too_long = await console.post(f"/tickets/{ticket_id}/reply",
                                  data={"csrf_token": token, "text": "あ" * 5000})
    assert too_long.status == 400
    tickets.close(ticket_id, "hanako", database_url)
    late = await console.post(f"/tickets/{ticket_id}/reply", data={"csrf_token": token,
                                                                  "text": "まだですか"})
    assert late.status == 409 and "完了している" in await late.text()
    missing = await console.get("/tickets/99999999999999999999")
    assert missing.status == 404 and "見つかりません" in await missing.text()
    assert (await console.get("/tickets?language=fr")).status == 400
    assert (await console.get("/api/tickets?status=pending")).status == 400
    assert (await console.get("/dashboard?days=abc")).status == 400
    assert (await console.get("/unanswered/5/draft")).status == 404
    assert tickets.get_ticket(ticket_id, database_url).messages == ()


async def test_queue_filters_by_status_language_and_channel(console, database_url):
    made = {key: tickets.open_ticket(f"c-{key}", channel, language, f"summary {key}",
                                     database_url=database_url)
            for key, channel, language in (("a", "line", "en"), ("b", "socketio", "en"),
                                           ("c", "line", "ko"), ("d", "line", "ja-easy"))}
    tickets.assign(made["c"], "hanako", database_url)
    await signed_in(console)

    async def shown(query: str) -> set:
        page = await (await console.get(f"/tickets?{query}")).text()
        return set(re.findall(r"summary (\w)", page))

    assert await shown("") == {"a", "b", "c", "d"}
    assert await shown("language=en") == {"a", "b"}
    assert await shown("channel=line") == {"a", "c", "d"}
    assert await shown("status=assigned") == {"c"}
    assert await shown("status=open&language=en&channel=line") == {"a"}
    page = await (await console.get("/tickets?channel=line")).text()
    assert "한국어 (韓国語)" in page and "やさしい日本語" in page and "Webチャット" in page


@pytest.mark.parametrize("language", ["ko", "ja-easy", "vi"])
async def test_canned_phrases_in_the_residents_language(console, database_url, language):
    ticket_id = tickets.open_ticket("c-1", "line", language, "x", database_url=database_url)
    await signed_in(console)
    page = await (await console.get(f"/tickets/{ticket_id}")).text()
    for key in ("staff_canned_greeting", "staff_canned_please_wait", "staff_canned_closing"):
        assert f'data-text="{text(key, language)}"' in page
        assert f"意味: {text(key, 'ja')}" in page  # staff see what it means
    assert text("staff_canned_greeting", "en") not in page


async def test_transcript_is_escaped(console, database_url):
    ticket_id = tickets.open_ticket("c-x", "line", "en", "<b>bold</b>",
                                    [("resident", "<script>alert(1)</script>")],
                                    database_url=database_url)
    await signed_in(console)
    page = await (await console.get(f"/tickets/{ticket_id}")).text()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


# --- unanswered questions and drafts --------------------------------------------------------

async def test_draft_faq_from_an_unanswered_question(tmp_path, console, database_url):
    with session_scope(database_url) as db:
        question = UnansweredQuestion(language="en", channel="line",
                                      text="Where do I register my bicycle?")
        db.add(question)
        db.flush()
        question_id = question.id
    token = await signed_in(console)
    listing = await (await console.get("/unanswered")).text()
    assert "Where do I register my bicycle?" in listing and "FAQの下書きを作る" in listing
    page = await console.post(f"/unanswered/{question_id}/draft", data={"csrf_token": token})
    body = await page.text()
    path = tmp_path / "drafts" / f"{question_id}.yml"
    assert path.exists()
    faqs, problems = read_faq_file(path, datetime.now().date())
    assert faqs == []  # not servable until staff complete it
    messages = [p.message for p in problems]
    assert "FAQ 'draft-1' has no `source`." in messages
    assert "FAQ 'draft-1': answer in 'en' is empty." in messages
    assert not any("questions in 'en'" in m for m in messages)  # the resident's question is in
    assert 'en: ["Where do I register my bicycle?"]' in path.read_text(encoding="utf-8")
    assert f"残っている問題（{len(problems)}件）" in body
    assert "answer in &#39;ko&#39; is empty" in body

    path.write_text(path.read_text(encoding="utf-8").replace("category:  ",
                                                              "category: living"),
                    encoding="utf-8")
    await console.post(f"/unanswered/{question_id}/draft", data={"csrf_token": token})
    assert "category: living" in path.read_text(encoding="utf-8")  # staff edits are kept
    assert "下書きを見る" in await (await console.get("/unanswered")).text()


# --- front page: FAQs due for review, problems of the FAQ files -----------------------------

def _days_ago(days: int) -> str:
    return str(datetime.now(JAPAN).date() - timedelta(days=days))


def titled(entry: str, title: str) -> str:
    return entry.replace('ja: "title in ja"', f'ja: "{title}"')


async def test_front_page_lists_faqs_not_reviewed_for_a_year_and_file_problems(tmp_path,
                                                                              console):
    knowledge = tmp_path / "knowledge"  # written after the console started: it is live
    write(knowledge, "living.yml",
          titled(faq_yaml("garbage-old", reviewed=_days_ago(400),
                          source="https://www.city.chiba.jp/garbage.html"), "ごみの出し方"),
          titled(faq_yaml("bicycle-older", reviewed=_days_ago(800)), "自転車の登録"),
          titled(faq_yaml("library-fresh", reviewed=_days_ago(30)), "図書館の利用"))
    write(knowledge, "broken.yml", faq_yaml("broken-one", category="weather"))
    response = await log_in(console)
    assert response.headers["Location"] == "/tickets"  # where staff land
    page = await (await console.get("/tickets")).text()
    assert "1年以上見直していないFAQ（2件）" in page
    assert page.index("bicycle-older") < page.index("garbage-old")  # oldest first
    assert "ごみの出し方" in page and _days_ago(400) in page
    assert '<a href="https://www.city.chiba.jp/garbage.html"' in page
    assert "library-fresh" not in page and "図書館の利用" not in page
    assert "FAQファイルの問題（1件）" in page
    assert "knowledge/faq/broken.yml:3" in page
    assert "unknown category &#39;weather&#39;" in page and "エラー" in page


async def test_front_page_shows_nothing_of_the_knowledge_without_login(tmp_path, console):
    write(tmp_path / "knowledge", "living.yml", faq_yaml("garbage-old", reviewed=_days_ago(400)),
          faq_yaml("broken-one", category="weather"))
    for path in ("/tickets", "/"):
        response = await console.get(path)  # redirected to the login page
        body = await response.text()
        assert response.url.path == "/login"
        assert "garbage-old" not in body and "weather" not in body and "見直して" not in body


async def test_front_page_escapes_what_the_faq_files_say(tmp_path, console):
    write(tmp_path / "knowledge", "living.yml",
          titled(faq_yaml("xss-old", reviewed=_days_ago(400),
                          source='https://www.city.chiba.jp/"><script>alert(2)</script>'),
                 "<script>alert(1)</script>"))
    write(tmp_path / "knowledge", "broken.yml",
          faq_yaml("xss-broken", category="<img src=x onerror=alert(3)>"))
    await signed_in(console)
    page = await (await console.get("/tickets")).text()
    assert "xss-old" in page and "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)" in page and "&lt;img src=x onerror=alert(3)&gt;" in page
    assert 'href="https://www.city.chiba.jp/&#34;&gt;&lt;script&gt;' in page
