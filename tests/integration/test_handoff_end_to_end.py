"""A resident on the website chat asks for a person; a member of staff answers in the console;
both in real headless Chromium against the real assistant. Screenshots: test-results/handoff/."""

import re

import pytest
from playwright.sync_api import expect

from bot.i18n import text
from bot.staff.accounts import add_user
from tests.integration.test_webchat_widget import REPLY_TIMEOUT_MS, _ask, _open
from tests.support.browser import SCREENSHOTS

pytestmark = pytest.mark.server

SHOTS = SCREENSHOTS / "handoff"
PASSWORD = "correct horse battery staple"
QUESTION = "国民健康保険料を分割で払うことはできますか"
STAFF_REPLY = "千葉県の山田です。分割納付はお住まいの市役所の保険年金課でご相談いただけます。"


def _log_in(console, console_url):
    console.goto(f"{console_url}/login")
    console.get_by_label("名前").fill("yamada")
    console.get_by_label("パスワード").fill(PASSWORD)
    console.get_by_role("button", name="ログイン").click()


def test_a_resident_is_answered_by_staff_and_then_by_the_assistant_again(browser, assistant):
    add_user("yamada", PASSWORD, assistant.database_url)
    SHOTS.mkdir(parents=True, exist_ok=True)
    resident_context, staff_context = browser.new_context(), browser.new_context(locale="ja-JP")
    resident, console = resident_context.new_page(), staff_context.new_page()
    try:
        # The resident asks, then wants a person: the question becomes the ticket's summary.
        resident.goto(assistant.webchat_url)
        _open(resident)
        _ask(resident, QUESTION)
        expect(resident.locator(".cw-bot .cw-text").first).to_be_visible(
            timeout=REPLY_TIMEOUT_MS)
        _ask(resident, "職員と話したい")
        handed_over = resident.locator(".cw-bot .cw-text", has_text="受付番号")
        expect(handed_over).to_have_count(1, timeout=REPLY_TIMEOUT_MS)
        ticket_id = re.search(r"受付番号 (\d+)", handed_over.inner_text()).group(1)

        # The ticket is in the staff console's queue, with the question and the transcript.
        _log_in(console, assistant.console_url)
        row = console.locator("tr", has_text=f"#{ticket_id}")
        expect(row).to_contain_text(QUESTION)
        expect(row).to_contain_text("Webチャット")
        row.get_by_role("link", name=f"#{ticket_id}").click()
        expect(console.locator("#transcript")).to_contain_text(QUESTION)
        console.get_by_label("返信文").fill(STAFF_REPLY)
        console.get_by_role("button", name="送信", exact=True).click()
        expect(console.locator("#transcript li.staff .delivery")).to_have_text("配信済み")

        # The reply reaches the resident, live, marked as staff.
        staff_message = resident.locator(".cw-staff .cw-text")
        expect(staff_message).to_have_text(STAFF_REPLY, timeout=REPLY_TIMEOUT_MS)

        # The resident writes again: the assistant stays quiet, the ticket gets it (masked).
        bot_messages = resident.locator(".cw-bot").count()
        _ask(resident, "ありがとうございます。番号は 1234 5678 9018 です")
        for _ in range(30):
            console.reload()
            if console.locator("#transcript li.resident", has_text="ありがとうございます").count():
                break
            console.wait_for_timeout(500)
        latest = console.locator("#transcript li.resident").last
        expect(latest).to_contain_text("ありがとうございます")
        assert "9018" not in latest.inner_text()
        assert resident.locator(".cw-bot").count() == bot_messages
        console.screenshot(path=str(SHOTS / "console-ticket.png"), full_page=True)

        # Closing hands the conversation back: the assistant asks for a rating, then answers.
        console.get_by_role("button", name="完了にする（会話をアシスタントに戻す）").click()
        expect(console.locator("h1 .badge")).to_have_text("完了")
        rating = text("handoff_closed_rating", "ja")
        expect(resident.locator(".cw-bot .cw-text", has_text=rating)).to_have_count(
            1, timeout=REPLY_TIMEOUT_MS)
        resident.get_by_role("button", name=text("button_satisfied", "ja")).click()
        expect(resident.locator(".cw-bot .cw-text",
                                has_text=text("handoff_rating_thanks", "ja"))).to_have_count(
            1, timeout=REPLY_TIMEOUT_MS)
        _ask(resident, "こんにちは")
        expect(resident.locator(".cw-bot .cw-text", has_text="千葉県の案内アシスタント")).to_have_count(
            1, timeout=REPLY_TIMEOUT_MS)
        resident.screenshot(path=str(SHOTS / "resident-widget.png"))
    finally:
        resident_context.close()
        staff_context.close()
