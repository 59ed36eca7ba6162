"""Debian's Chromium, headless, for the browser tests (never a downloaded browser)."""

from tests.support.assistant_process import PROJECT_ROOT

CHROMIUM = "/usr/bin/chromium"
# A Japanese resident's browser unless a test's context says otherwise (`locale=`): the chat
# widget starts a new conversation in the browser's language (headless Chromium says en-US).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--lang=ja-JP", "--accept-lang=ja-JP,ja"]
SCREENSHOTS = PROJECT_ROOT / "test-results"


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                      args=CHROMIUM_ARGS)
