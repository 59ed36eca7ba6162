"""The website chat widget in a real headless Chromium, talking to the real assistant.

The demo page comes from the web chat server and Rasa listens on another port, so every test
here is cross-origin, as on the prefecture's site. Screenshots go to test-results/webchat/.
"""

from datetime import date
import json
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from bot.i18n import text
from bot.knowledge.faq_files import faq_files, read_faq_file
from bot.paths import KNOWLEDGE_DIR
from tests.conftest import PROJECT_ROOT
from tests.unit.test_webchat_page import SCREENSHOTS, UI_TEXTS

LANGUAGE_NAMES = json.loads((PROJECT_ROOT / "connectors/webchat/src/texts.json").read_text(
    encoding="utf-8"))["languages"]
HTML_LANG = {"ja": "ja", "ja-easy": "ja", "en": "en", "zh": "zh-Hans", "ko": "ko", "vi": "vi"}

pytestmark = pytest.mark.server

FAQS = {f.id: f for path in faq_files(KNOWLEDGE_DIR) for f in read_faq_file(path, date.today())[0]}
CHIBA_STATION = {"latitude": 35.6130, "longitude": 140.1133}
REPLY_TIMEOUT_MS = 60_000
_FOCUSED = """() => {
  const active = document.querySelector('#chiba-webchat').shadowRoot.activeElement;
  return active && {label: active.getAttribute('aria-label') || active.textContent.trim(),
                    tag: active.tagName.toLowerCase(),
                    outline: getComputedStyle(active).outlineStyle,
                    outlineWidth: getComputedStyle(active).outlineWidth};
}"""


@pytest.fixture
def page(browser, assistant, request):
    """A new visitor (fresh storage, a Japanese browser) on the demo page, allowed to share
    Chiba station."""
    context = browser.new_context(geolocation=CHIBA_STATION, permissions=["geolocation"],
                                  viewport={"width": 1280, "height": 800}, locale="ja-JP")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(assistant.webchat_url)
    yield page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"))
    context.close()
    assert not errors, errors


def _open(page):
    page.get_by_role("button", name=text_of_ui("open", "ja")).click()
    expect(page.get_by_role("dialog")).to_be_visible()


def text_of_ui(key: str, language: str) -> str:
    return UI_TEXTS[key][language]


def launcher_name(language: str) -> str:
    """The launcher's accessible name: its visible label first (label in name)."""
    return f"{text_of_ui('launcher', language)} \u2014 {text_of_ui('open', language)}"


def language_toggle_name(language: str) -> str:
    """The language button's accessible name: the language it shows, then what it does."""
    return f"{LANGUAGE_NAMES[language]} \u2014 {text_of_ui('chooseLanguage', language)}"


def _ask(page, message: str):
    page.get_by_role("textbox").fill(message)
    page.get_by_role("textbox").press("Enter")


def _bot_text(page) -> str:
    return " ".join(page.locator(".cw-bot .cw-text").all_inner_texts())


def _expect_answer(page, faq_id: str, language: str):
    faq = FAQS[faq_id]
    first_line = faq.answer_in(language).splitlines()[0]
    expect(page.locator(".cw-bot .cw-text", has_text=first_line)).to_have_count(
        1, timeout=REPLY_TIMEOUT_MS)
    link = page.locator(".cw-bot a", has_text=faq.source).last
    expect(link).to_have_attribute("href", faq.source)
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    # The helpful? buttons come last: the whole answer has arrived.
    expect(page.get_by_role("button", name=text("button_helpful", language))).to_be_visible(
        timeout=REPLY_TIMEOUT_MS)


def _nearest_site_names(point, top=3):
    listing = subprocess.run(
        [sys.executable, "-m", "bot", "shelters", "nearest", str(point["latitude"]),
         str(point["longitude"]), "--top", str(top)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=True, timeout=120)
    return [json.loads(line)["name"] for line in listing.stdout.splitlines() if line.strip()]


def test_a_japanese_question_gets_the_japanese_answer_and_the_thumbs_up_is_answered(page):
    _open(page)
    _ask(page, FAQS["my-number-card-lost"].questions["ja"][0])
    _expect_answer(page, "my-number-card-lost", "ja")
    answer = page.locator(".cw-bot .cw-text").first
    expect(answer).to_have_attribute("lang", "ja")

    page.get_by_role("button", name=text("button_helpful", "ja")).click()
    expect(page.locator(".cw-user .cw-text").last).to_have_text(text("button_helpful", "ja"))
    expect(page.locator(".cw-bot .cw-text").last).to_have_text(
        text("feedback_thanks", "ja"), timeout=REPLY_TIMEOUT_MS)
    expect(page.locator(".cw-replies")).to_have_count(0)  # answered: the choices are gone


def test_an_english_question_gets_the_english_answer(page):
    _open(page)
    _ask(page, FAQS["my-number-card-lost"].questions["en"][0])
    _expect_answer(page, "my-number-card-lost", "en")
    expect(page.locator(".cw-bot .cw-text").first).to_have_attribute("lang", "en")


def test_the_language_picker_switches_the_widget_and_the_replies(page, assistant):
    _open(page)
    _ask(page, FAQS["my-number-card-lost"].questions["ja"][0])
    _expect_answer(page, "my-number-card-lost", "ja")

    page.get_by_role("button", name=text_of_ui("chooseLanguage", "ja")).click()
    page.get_by_role("group", name=text_of_ui("chooseLanguage", "ja")).get_by_role(
        "button", name="한국어").click()
    # The widget speaks Korean...
    expect(page.get_by_role("textbox")).to_have_attribute("placeholder",
                                                          text_of_ui("placeholder", "ko"))
    expect(page.get_by_role("button", name=text_of_ui("send", "ko"), exact=True)).to_be_visible()
    # ...and so does the assistant, for the choice and for a question without language in it.
    expect(page.locator(".cw-bot .cw-text").last).to_have_text(
        assistant.text_of("utter_language_changed", "ko"), timeout=REPLY_TIMEOUT_MS)
    page.get_by_role("button", name=text_of_ui("shareLocation", "ko")).click()
    expect(page.locator(".cw-bot .cw-text", has_text=_nearest_site_names(CHIBA_STATION)[0])
           ).to_have_count(1, timeout=REPLY_TIMEOUT_MS)
    expect(page.locator(".cw-bot .cw-text").last).to_have_attribute("lang", "ko")


def test_sharing_the_location_lists_the_nearest_evacuation_sites(page):
    _open(page)
    page.get_by_role("button", name=text_of_ui("shareLocation", "ja")).click()
    expect(page.locator(".cw-user .cw-text").last).to_have_text(text_of_ui("locationSent", "ja"))
    names = _nearest_site_names(CHIBA_STATION)
    assert len(names) == 3
    for name in names:
        expect(page.locator(".cw-bot .cw-text", has_text=name)).to_have_count(
            1, timeout=REPLY_TIMEOUT_MS)
    listed = _bot_text(page)
    assert [listed.index(name) for name in names] == sorted(listed.index(n) for n in names)


def test_a_denied_location_is_explained_in_the_widget_language(browser, assistant):
    context = browser.new_context()  # no geolocation permission: the browser refuses
    page = context.new_page()
    try:
        page.goto(assistant.webchat_url)
        _open(page)
        page.get_by_role("button", name=text_of_ui("shareLocation", "ja")).click()
        expect(page.locator(".cw-notice .cw-text").last).to_have_text(
            text_of_ui("locationDenied", "ja"))
        page.screenshot(path=str(SCREENSHOTS / "location_denied.png"))
    finally:
        context.close()


def test_a_reload_shows_the_conversation_and_continues_it_in_its_language(page, assistant):
    _open(page)
    page.get_by_role("button", name=text_of_ui("chooseLanguage", "ja")).click()
    page.get_by_role("button", name="English").click()
    expect(page.locator(".cw-bot .cw-text").last).to_have_text(
        assistant.text_of("utter_language_changed", "en"), timeout=REPLY_TIMEOUT_MS)
    _ask(page, FAQS["my-number-card-lost"].questions["en"][0])
    _expect_answer(page, "my-number-card-lost", "en")
    shown = page.locator(".cw-msg").all_inner_texts()
    session_id = page.evaluate("JSON.parse(localStorage.getItem('chiba-webchat')).sessionId")

    page.reload()
    expect(page.get_by_role("dialog")).to_be_visible()  # still open, still in English
    assert page.locator(".cw-msg").all_inner_texts() == shown
    expect(page.get_by_role("textbox")).to_have_attribute("placeholder",
                                                          text_of_ui("placeholder", "en"))
    # The next reply continues the same Rasa conversation: still English without being told.
    page.get_by_role("button", name=text_of_ui("shareLocation", "en")).click()
    expect(page.locator(".cw-bot .cw-text", has_text=_nearest_site_names(CHIBA_STATION)[0])
           ).to_have_count(1, timeout=REPLY_TIMEOUT_MS)
    expect(page.locator(".cw-bot .cw-text").last).to_have_attribute("lang", "en")
    assert page.evaluate(
        "JSON.parse(localStorage.getItem('chiba-webchat')).sessionId") == session_id
    assert assistant.slots(session_id)["language"] == "en"


def _expect_ui_in(page, language: str):
    """Every UI text and screen-reader label of the open widget is in `language`."""
    dialog = page.get_by_role("dialog", name=text_of_ui("title", language))
    expect(dialog).to_be_visible()
    expect(dialog).to_have_attribute("lang", HTML_LANG[language])
    expect(page.locator("#cw-title")).to_have_text(text_of_ui("title", language))
    expect(page.get_by_role("textbox")).to_have_attribute("placeholder",
                                                          text_of_ui("placeholder", language))
    expect(page.get_by_label(text_of_ui("inputLabel", language), exact=True)).to_be_visible()
    expect(page.get_by_role("button", name=text_of_ui("send", language), exact=True)
           ).to_be_visible()
    expect(page.get_by_role("button", name=language_toggle_name(language), exact=True)
           ).to_be_visible()
    expect(page.get_by_role("button", name=text_of_ui("close", language), exact=True)
           ).to_be_visible()
    expect(page.get_by_role("button", name=text_of_ui("shareLocation", language), exact=True)
           ).to_be_visible()
    expect(page.get_by_role("log")).to_have_attribute("aria-label", text_of_ui("log", language))
    launcher = page.locator(".cw-launcher")
    expect(launcher).to_have_attribute("aria-label", launcher_name(language))
    expect(launcher).to_contain_text(text_of_ui("launcher", language))
    expect(launcher).to_have_attribute("lang", HTML_LANG[language])


def _new_visitor(browser, assistant, locale: str):
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(assistant.webchat_url)
    return context, page, errors


@pytest.mark.parametrize("locale, language", [("en-US", "en"), ("vi", "vi")])
def test_a_new_conversation_starts_in_the_browser_language(browser, assistant, locale, language):
    context, page, errors = _new_visitor(browser, assistant, locale)
    try:
        launcher = page.get_by_role("button", name=launcher_name(language), exact=True)
        expect(launcher).to_be_visible()
        launcher.click()
        _expect_ui_in(page, language)
        welcome = page.locator(".cw-notice .cw-text").first
        expect(welcome).to_have_text(text_of_ui("welcome", language))
        expect(welcome).to_have_attribute("lang", HTML_LANG[language])
        # The assistant was told the language as the picker tells it: its first reply is in it.
        first = page.locator(".cw-bot .cw-text").first
        expect(first).to_have_text(assistant.text_of("utter_language_changed", language),
                                   timeout=REPLY_TIMEOUT_MS)
        expect(first).to_have_attribute("lang", HTML_LANG[language])
        expect(page.locator(".cw-user")).to_have_count(0)  # nothing the resident did not say
        session_id = page.evaluate("JSON.parse(localStorage.getItem('chiba-webchat')).sessionId")
        assert assistant.slots(session_id)["language"] == language
        _expect_ui_in(page, language)
        page.screenshot(path=str(SCREENSHOTS / f"new_conversation_{locale}.png"))
    finally:
        context.close()
    assert not errors, errors


def test_a_browser_in_no_supported_language_starts_in_japanese(browser, assistant):
    context, page, errors = _new_visitor(browser, assistant, "fr-FR")
    try:
        page.get_by_role("button", name=launcher_name("ja"), exact=True).click()
        _expect_ui_in(page, "ja")
        _ask(page, FAQS["my-number-card-lost"].questions["ja"][0])
        _expect_answer(page, "my-number-card-lost", "ja")
        # Japanese is the assistant's own default: the first reply answers the question.
        expect(page.locator(".cw-bot .cw-text").first).to_contain_text(
            FAQS["my-number-card-lost"].answer_in("ja").splitlines()[0])
    finally:
        context.close()
    assert not errors, errors


def test_the_ui_follows_the_chosen_language_and_messages_carry_their_lang(page, assistant):
    _open(page)
    _expect_ui_in(page, "ja")
    page.get_by_role("button", name=language_toggle_name("ja")).click()
    page.get_by_role("group", name=text_of_ui("chooseLanguage", "ja")).get_by_role(
        "button", name="한국어").click()
    _expect_ui_in(page, "ko")
    expect(page.locator(".cw-user .cw-text").last).to_have_attribute("lang", "ko")
    expect(page.locator(".cw-bot .cw-text").last).to_have_text(
        assistant.text_of("utter_language_changed", "ko"), timeout=REPLY_TIMEOUT_MS)
    expect(page.locator(".cw-bot .cw-text").last).to_have_attribute("lang", "ko")
    expect(page.locator(".cw-notice .cw-text").first).to_have_attribute("lang", "ko")
    expect(page.locator(".cw-user .cw-sr-only").first).to_have_text(text_of_ui("you", "ko"))

    # A question in Chinese: the assistant answers in Chinese, and the widget follows it.
    _ask(page, FAQS["my-number-card-lost"].questions["zh"][0])
    _expect_answer(page, "my-number-card-lost", "zh")
    expect(page.locator(".cw-user .cw-text").last).to_have_attribute("lang", "zh-Hans")
    expect(page.locator(".cw-bot .cw-text", has_text=FAQS["my-number-card-lost"].answer_in(
        "zh").splitlines()[0])).to_have_attribute("lang", "zh-Hans")
    _expect_ui_in(page, "zh")
    expect(page.locator(".cw-bot .cw-text").first).to_have_attribute("lang", "ko")  # as written

    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name=launcher_name("zh"), exact=True)).to_be_focused()


def _tab_to(page, label: str, key: str = "Tab", limit: int = 25) -> dict:
    for _ in range(limit):
        page.keyboard.press(key)
        focused = page.evaluate(_FOCUSED)
        if focused and focused["label"] == label:
            return focused
    raise AssertionError(f"Tab never reached {label!r}")


def test_everything_works_from_the_keyboard_with_labels_for_screen_readers(page, assistant):
    launcher = _tab_to(page, launcher_name("ja"))
    assert launcher["outline"] == "solid" and launcher["outlineWidth"] == "3px"  # visible focus
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name=text_of_ui("title", "ja"))
    expect(dialog).to_be_visible()
    log = page.get_by_role("log")
    expect(log).to_have_attribute("aria-live", "polite")
    expect(log).to_have_attribute("aria-label", text_of_ui("log", "ja"))
    expect(page.get_by_label(text_of_ui("inputLabel", "ja"))).to_be_focused()

    page.keyboard.type(FAQS["my-number-card-lost"].questions["ja"][0])
    page.keyboard.press("Enter")
    _expect_answer(page, "my-number-card-lost", "ja")
    yes = text("button_helpful", "ja")
    _tab_to(page, yes)
    page.keyboard.press("Enter")
    expect(page.locator(".cw-bot .cw-text").last).to_have_text(
        text("feedback_thanks", "ja"), timeout=REPLY_TIMEOUT_MS)
    expect(page.get_by_label(text_of_ui("inputLabel", "ja"))).to_be_focused()

    _tab_to(page, language_toggle_name("ja"), key="Shift+Tab")
    page.keyboard.press("Enter")
    _tab_to(page, "Tiếng Việt")
    page.keyboard.press("Enter")
    expect(page.get_by_label(text_of_ui("inputLabel", "vi"))).to_be_focused()
    expect(page.get_by_role("button", name=text_of_ui("close", "vi"))).to_be_visible()
    expect(log).to_have_attribute("aria-label", text_of_ui("log", "vi"))
    expect(page.locator(".cw-bot .cw-text").last).to_have_text(
        assistant.text_of("utter_language_changed", "vi"), timeout=REPLY_TIMEOUT_MS)
    expect(page.locator(".cw-bot .cw-text").last).to_have_attribute("lang", "vi")
    # Earlier speakers' labels are read in the new language too.
    expect(page.locator(".cw-user .cw-sr-only").first).to_have_text(text_of_ui("you", "vi"))

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    launcher = page.get_by_role("button", name=text_of_ui("open", "vi"))
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")


def _luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(foreground: str, background: str) -> float:
    high, low = sorted([_luminance(foreground), _luminance(background)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_text_contrast_is_at_least_4_5_to_1(page):
    _open(page)
    _ask(page, FAQS["my-number-card-lost"].questions["ja"][0])
    _expect_answer(page, "my-number-card-lost", "ja")
    pairs = page.evaluate("""() => {
      const root = document.querySelector('#chiba-webchat').shadowRoot;
      const pick = (selector, backgroundSelector) => {
        const node = root.querySelector(selector);
        const bg = root.querySelector(backgroundSelector || selector);
        return [selector, getComputedStyle(node).color, getComputedStyle(bg).backgroundColor];
      };
      return [pick('.cw-panel h2', '.cw-panel header'), pick('.cw-bot .cw-text'),
              pick('.cw-bot a', '.cw-bot .cw-text'), pick('.cw-user .cw-text'),
              pick('.cw-notice .cw-text'), pick('.cw-send'), pick('.cw-location'),
              pick('.cw-replies button'), pick('.cw-close', '.cw-panel header')];
    }""")
    for selector, color, background in pairs:
        assert _contrast(color, background) >= 4.5, (selector, color, background)


def test_on_a_phone_the_chat_fills_the_screen(browser, assistant):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    try:
        page.goto(assistant.webchat_url)
        _open(page)
        box = page.get_by_role("dialog").bounding_box()
        assert [round(box[k]) for k in ("x", "y", "width", "height")] == [0, 0, 390, 844]
        _ask(page, FAQS["my-number-card-lost"].questions["ja"][0])
        _expect_answer(page, "my-number-card-lost", "ja")
        page.screenshot(path=str(SCREENSHOTS / "phone.png"))
    finally:
        context.close()
