"""A member of staff answers a handed-off resident in a real headless Chromium: log in, open the
ticket, send a canned phrase in the resident's language, see it delivered, close the ticket."""

import asyncio
from pathlib import Path
import re
import threading

from aiohttp import web
from playwright.sync_api import expect
import pytest

from bot.i18n import text
from bot.staff import tickets
from bot.staff.accounts import add_user
from bot.staff.console import create_app
from bot.staff.console_config import ConsoleConfig
from tests.support.browser import SCREENSHOTS as SCREENSHOTS_ROOT
from tests.unit.test_staff_console import PASSWORD, RasaStandIn

SCREENSHOTS = SCREENSHOTS_ROOT / "console"
_START_TIMEOUT_S = 30


class ServedInThread:
    """The Rasa stand-in and the console on free loopback ports, in a thread with its own event
    loop: Playwright's sync API cannot run inside a running loop."""

    def __init__(self, database_url: str, tmp_path: Path):
        self.rasa = RasaStandIn(database_url)
        self._database_url, self._tmp_path = database_url, tmp_path
        self._loop = asyncio.new_event_loop()
        self._runners = []
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    async def _serve(self, app: web.Application) -> str:
        runner = web.AppRunner(app)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        self._runners.append(runner)
        host, port = runner.addresses[0][:2]
        return f"http://{host}:{port}"

    async def _start(self) -> None:
        rasa_url = await self._serve(self.rasa.app)
        self.url = await self._serve(create_app(ConsoleConfig(
            database_url=self._database_url,
            tracker_url=f"sqlite:///{self._tmp_path / 'tracker.db'}", rasa_url=rasa_url,
            drafts_dir=self._tmp_path / "drafts", secure_cookies="never")))

    async def _stop(self) -> None:
        for runner in reversed(self._runners):
            await runner.cleanup()

    def __enter__(self) -> "ServedInThread":
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(_START_TIMEOUT_S)
        return self

    def __exit__(self, *exc) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(_START_TIMEOUT_S)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(_START_TIMEOUT_S)


@pytest.fixture
def database_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'assistant.db'}"
    add_user("hanako", PASSWORD, url)
    return url


def test_staff_answer_a_resident_in_the_browser(tmp_path, database_url, browser):
    ticket_id = tickets.open_ticket(
        "line-U42", "line", "vi", "Hỏi về thẻ My Number",
        [("resident", "Tôi muốn hỏi về thẻ My Number, số điện thoại 090-1234-5678"),
         ("assistant", "Xin lỗi, tôi chưa có câu trả lời.")], database_url=database_url)
    greeting = text("staff_canned_greeting", "vi")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with ServedInThread(database_url, tmp_path) as served:
        page = browser.new_page(locale="ja-JP")
        try:
            page.set_default_timeout(15_000)
            errors = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

            page.goto(f"{served.url}/tickets/{ticket_id}")
            expect(page).to_have_url(re.compile(rf"/login\?next=(/|%2F)tickets(/|%2F){ticket_id}$"))
            page.get_by_label("名前").fill("hanako")
            page.get_by_label("パスワード").fill(PASSWORD)
            page.get_by_role("button", name="ログイン").click()

            expect(page.locator("h1")).to_contain_text(f"チケット #{ticket_id}")
            expect(page.locator("dd.language")).to_have_text("Tiếng Việt (ベトナム語)")
            expect(page.locator("#transcript")).to_contain_text("số điện thoại [電話番号]")
            page.locator("button.canned-phrase", has_text="挨拶").click()
            expect(page.get_by_label("返信文")).to_have_value(greeting)
            page.get_by_role("button", name="送信", exact=True).click()

            staff_line = page.locator("#transcript li.staff")
            expect(staff_line).to_contain_text(greeting)
            expect(staff_line.locator(".delivery")).to_have_text("配信済み")
            expect(page.locator(".notice.ok")).to_contain_text("返信を保存し")
            page.screenshot(path=str(SCREENSHOTS / "ticket-replied.png"), full_page=True)
            assert served.rasa.calls == [("line-U42", "action_relay_staff_replies",
                                          {"output_channel": "latest"})]

            page.get_by_role("button", name="完了にする（会話をアシスタントに戻す）").click()
            expect(page.locator("h1 .badge")).to_have_text("完了")
            assert served.rasa.calls[-1][:2] == ("line-U42", "action_resume_conversation")
            page.screenshot(path=str(SCREENSHOTS / "ticket-closed.png"), full_page=True)
            assert errors == []  # no script or Content-Security-Policy error
        finally:
            page.close()
    assert tickets.get_ticket(ticket_id, database_url).status == "closed"
