"""The widget in a real headless Chromium against a stand-in for Rasa's socket.io channel.

The stand-in speaks the same protocol (session_request → session_confirm, user_uttered,
bot_uttered to the conversation's room) and lets a test send what the real assistant cannot be
made to send on demand yet: staff replies at any moment (the staff console comes later), bot text
full of HTML, a dropped connection. The page and the stand-in are on different ports, as the
prefecture's site and Rasa will be.
"""

import asyncio
import json
import threading
import time
import uuid

from aiohttp import web
import pytest
from playwright.sync_api import expect
import socketio

from connectors.webchat.server import create_app
from tests.conftest import PROJECT_ROOT
from tests.support.assistant_process import free_port
from tests.support.browser import SCREENSHOTS as SCREENSHOTS_ROOT

SCREENSHOTS = SCREENSHOTS_ROOT / "webchat"
UI_TEXTS = json.loads(
    (PROJECT_ROOT / "connectors/webchat/src/texts.json").read_text(encoding="utf-8"))["texts"]
_WAIT_S = 20


class StandInRasa:
    """Rasa's socket.io protocol on a loopback port, run in a thread; the test drives it."""

    def __init__(self):
        self.session_requests = []  # the session ids asked for, in order
        self.messages = []  # (session_id, message) as received
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        # Pings every second: a dropped connection shows within seconds, not 45.
        self.sio = socketio.AsyncServer(async_mode="aiohttp", cors_allowed_origins="*",
                                        ping_interval=1, ping_timeout=1)
        self.sio.on("session_request", self._session_request)
        self.sio.on("user_uttered", self._user_uttered)
        rasa = web.Application()
        self.sio.attach(rasa)
        self.url = f"http://127.0.0.1:{free_port()}"
        self.page_url = f"http://127.0.0.1:{free_port()}/"
        self._runners = [self._call(self._serve(rasa, self.url)),
                         self._call(self._serve(create_app(self.url), self.page_url))]

    async def _session_request(self, sid, data):
        session_id = (data or {}).get("session_id") or uuid.uuid4().hex
        await self.sio.enter_room(sid, session_id)
        self.session_requests.append(session_id)
        await self.sio.emit("session_confirm", session_id, room=sid)

    async def _user_uttered(self, sid, data):
        self.messages.append((data["session_id"], data["message"]))

    @staticmethod
    async def _serve(app, url):
        runner = web.AppRunner(app)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", int(url.rstrip("/").rsplit(":", 1)[1])).start()
        return runner

    def _call(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=_WAIT_S)

    def say(self, session_id, payload):
        """A bot_uttered to the conversation's room, whenever the test likes."""
        self._call(self.sio.emit("bot_uttered", payload, room=session_id))

    def drop_connections(self):
        """Forget every engine.io connection, as a network drop does: no socket.io goodbye,
        and no more pings, so the browser notices the silence and reconnects."""
        async def drop():
            for engine_io_sid in list(self.sio.eio.sockets):
                await self.sio.eio.disconnect(engine_io_sid)
        self._call(drop())

    def wait_for_message(self, count: int):
        deadline = time.monotonic() + _WAIT_S
        while len(self.messages) < count:
            assert time.monotonic() < deadline, f"the stand-in got {self.messages}"
            time.sleep(0.05)
        return self.messages[count - 1]

    def close(self):
        self._call(self.sio.shutdown())
        for runner in self._runners:
            self._call(runner.cleanup())
        self._call(self._cancel_the_rest())  # engine.io's pings for sockets it forgot
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=_WAIT_S)
        self._loop.close()

    @staticmethod
    async def _cancel_the_rest():
        tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


@pytest.fixture
def rasa():
    stand_in = StandInRasa()
    yield stand_in
    stand_in.close()


@pytest.fixture
def page(browser, rasa, request):
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(rasa.page_url)
    yield page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"))
    context.close()
    assert not errors, errors


def _start_conversation(page, rasa) -> str:
    """Opens the chat, says hello; returns the conversation's session id."""
    page.get_by_role("button", name=UI_TEXTS["open"]["ja"]).click()
    page.get_by_role("textbox").fill("こんにちは")
    page.get_by_role("textbox").press("Enter")
    session_id, message = rasa.wait_for_message(1)
    assert message == "こんにちは"
    return session_id


def test_staff_replies_appear_at_any_time_marked_as_staff(page, rasa):
    session_id = _start_conversation(page, rasa)
    rasa.say(session_id, {"text": "担当の職員におつなぎします。"})
    expect(page.locator(".cw-bot .cw-text").last).to_have_text("担当の職員におつなぎします。")

    rasa.say(session_id, {"text": "千葉県の山田です。ご用件をどうぞ。", "from": "staff",
                          "staff_name": "山田"})
    staff = page.locator(".cw-staff").last
    expect(staff.locator(".cw-staff-label")).to_have_text("県の職員（山田）")
    expect(staff.locator(".cw-text")).to_have_text("千葉県の山田です。ご用件をどうぞ。")
    rasa.say(session_id, {"text": "少々お待ちください。", "from": "staff"})
    expect(page.locator(".cw-staff .cw-staff-label").last).to_have_text("県の職員")

    # With the chat closed, a staff reply still arrives, and the launcher says so.
    page.keyboard.press("Escape")
    rasa.say(session_id, {"text": "確認できました。", "from": "staff", "staff_name": "山田"})
    launcher = page.get_by_role(
        "button", name=f"{UI_TEXTS['open']['ja']} \u2014 {UI_TEXTS['unread']['ja']}")
    expect(launcher).to_be_visible()
    launcher.click()
    expect(page.locator(".cw-staff .cw-text").last).to_have_text("確認できました。")

    # Labels follow the widget's language; the staff's words stay as written.
    page.get_by_role("button", name=UI_TEXTS["chooseLanguage"]["ja"]).click()
    page.get_by_role("button", name="English").click()
    expect(page.locator(".cw-staff .cw-staff-label").first).to_have_text("Staff member (山田)")
    expect(page.locator(".cw-staff .cw-text").first).to_have_attribute("lang", "ja")
    assert rasa.wait_for_message(2) == (session_id, '/choose_language{"language":"en"}')


def test_bot_text_is_shown_as_text_and_its_links_open_safely(page, rasa):
    session_id = _start_conversation(page, rasa)
    hostile = ('<img src=x onerror="window.hacked=1"><b>太字</b> 詳しくは '
               'https://www.pref.chiba.lg.jp/bousai/index.html。javascript:alert(1)')
    rasa.say(session_id, {"text": hostile})
    message = page.locator(".cw-bot .cw-text").last
    expect(message).to_contain_text('<img src=x onerror="window.hacked=1"><b>太字</b>')
    assert page.locator(".cw-log img, .cw-log b").count() == 0
    assert page.evaluate("window.hacked") is None
    link = message.locator("a")
    expect(link).to_have_count(1)
    expect(link).to_have_attribute("href", "https://www.pref.chiba.lg.jp/bousai/index.html")
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener noreferrer")


def test_a_quick_reply_sends_its_payload_and_shows_its_title(page, rasa):
    session_id = _start_conversation(page, rasa)
    rasa.say(session_id, {"text": "どの話題ですか？", "quick_replies": [
        {"content_type": "text", "title": "災害", "payload": '/ask_topic{"topic": "disaster"}'},
        {"content_type": "text", "title": "医療", "payload": '/ask_topic{"topic": "medical"}'}]})
    page.get_by_role("group", name=UI_TEXTS["replies"]["ja"]).get_by_role(
        "button", name="医療").click()
    assert rasa.wait_for_message(2) == (session_id, '/ask_topic{"topic": "medical"}')
    expect(page.locator(".cw-user .cw-text").last).to_have_text("医療")
    expect(page.locator(".cw-replies")).to_have_count(0)


def test_after_a_network_drop_the_widget_rejoins_the_same_conversation(page, rasa):
    session_id = _start_conversation(page, rasa)
    assert page.evaluate("typeof window.io") == "undefined"  # nothing leaks into the page
    rasa.drop_connections()
    deadline = time.monotonic() + _WAIT_S
    while len(rasa.session_requests) < 2:
        assert time.monotonic() < deadline, "the widget did not reconnect"
        time.sleep(0.05)
    assert rasa.session_requests == [session_id, session_id]

    rasa.say(session_id, {"text": "再接続後の返信です。", "from": "staff"})
    expect(page.locator(".cw-staff .cw-text").last).to_have_text("再接続後の返信です。")
    page.get_by_role("textbox").fill("ありがとう")
    page.get_by_role("textbox").press("Enter")
    assert rasa.wait_for_message(2) == (session_id, "ありがとう")
    expect(page.locator(".cw-user .cw-text")).to_have_text(["こんにちは", "ありがとう"])
