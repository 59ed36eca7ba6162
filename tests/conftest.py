import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

import pytest  # noqa: E402

from tests.support.browser import launch_chromium  # noqa: E402
from tests.support.line_api_standin import LineApiStandIn, RunningStandIn  # noqa: E402


@pytest.fixture
def line_api():
    """A fresh LINE Messaging API stand-in on a loopback port, for one test."""
    with RunningStandIn(LineApiStandIn()) as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium, one per test module (Playwright's sync API)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()
