"""A My Number sent by a resident: they are warned in their language, and the number is
nowhere afterwards: not in Rasa's tracker store, the assistant's database, the servers' logs
(at DEBUG level, where Rasa logs every message) or an error event sent to Sentry.

The assistant runs with its own Sentry stand-in and debug logging, so this module starts its
own `python -m bot serve`; its LINE channel uses the session's LINE stand-in.
"""

import itertools
import re
import sqlite3
import unicodedata

import pytest
import requests

from bot.i18n import text
from bot.privacy.masking import MY_NUMBER_MASK
from tests.conftest import LINE_CHANNEL_SECRET, Assistant
from tests.integration.test_faq_answers import FAQS
from tests.integration.test_line_channel import _deliver, _replies, _text
from tests.support.assistant_process import AssistantProcess
from tests.support.fake_sentry import FakeSentry
from tests.support.line_api_standin import RunningStandIn
from tests.support.widget_client import WidgetClient

pytestmark = pytest.mark.server


def _widget(assistant: Assistant) -> WidgetClient:
    return WidgetClient(assistant.base_url, 60)

MY_NUMBER = "123456789018"  # check digit 8 is right for 12345678901
WRITTEN_FORMS = ["123456789018", "1234 5678 9018", "1234-5678-9018", "１２３４５６７８９０１８",
                 "１２３４－５６７８－９０１８"]
WRONG_CHECK_DIGIT = "123456789012"
# The My Number alone in a sentence of each language, and the form it is written in.
MESSAGES = {
    "ja": "私のマイナンバーは{}です",
    "ja-easy": "わたしの マイナンバーは {} です",
    "en": "My My Number is {}",
    "zh": "我的个人编号是{}",
    "ko": "제 마이넘버는 {}입니다",
    "vi": "Số My Number của tôi là {}",
}
# …and with a question the FAQs answer (my-number-card-lost).
QUESTIONS = {
    "ja": "マイナンバーは{}です。マイナンバーカードを紛失しました",
    "ja-easy": "ばんごうは {} です。マイナカード を なくしました。 どこ に でんわ します か",
    "en": "my number is {} and I lost my My Number card",
    "zh": "我的个人编号是{}，我的个人编号卡丢了怎么办",
    "ko": "제 번호는 {}입니다. 마이넘버카드를 잃어버렸어요",
    "vi": "số của tôi là {}. Tôi bị mất thẻ My Number",
}
_ids = itertools.count()


class Running:
    def __init__(self, process: AssistantProcess, assistant: Assistant, sentry: FakeSentry):
        self.process, self.assistant, self.sentry = process, assistant, sentry


@pytest.fixture(scope="module")
def running(tmp_path_factory, line_service):
    sentry = FakeSentry()
    with RunningStandIn(sentry) as sentry_server, AssistantProcess(
            tmp_path_factory.mktemp("personal-data"), {
                "SENTRY_DSN": FakeSentry.dsn_for(sentry_server.base_url),
                "LOG_LEVEL": "DEBUG",
                "LINE_CHANNEL_SECRET": LINE_CHANNEL_SECRET,
                "LINE_CHANNEL_ACCESS_TOKEN": line_service.stand_in.access_token,
                "LINE_API_BASE_URL": line_service.base_url}) as process:
        yield Running(process, Assistant.of(process), sentry)


def _say_in(assistant, language, message):
    """`message` from a new REST user who reads `language`; the replies' texts."""
    sender = f"privacy-{language}-{next(_ids)}"
    assistant.say(sender, '/choose_language{"language": "%s"}' % language)
    return [reply.get("text") for reply in assistant.say(sender, message)]


def _readable(text):
    """JSON escapes (\\uff11) decoded, so that a full-width number stored escaped is found."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)


def _raw_forms_in(text):
    """The written forms of the My Number found in `text` (also after NFKC folding)."""
    readable = _readable(text)
    folded = unicodedata.normalize("NFKC", readable)
    return [form for form in WRITTEN_FORMS if form in readable
            or unicodedata.normalize("NFKC", form) in folded]


def _database_text(path):
    """Every value of every table of a SQLite file, as one text."""
    with sqlite3.connect(path) as connection:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]
        return "\n".join("\t".join(map(str, row)) for table in tables
                         for row in connection.execute(f'SELECT * FROM "{table}"'))


@pytest.mark.parametrize("language, written", list(zip(MESSAGES, itertools.cycle(WRITTEN_FORMS))))
def test_the_resident_is_warned_in_their_language(running, language, written):
    replies = _say_in(running.assistant, language, MESSAGES[language].format(written))
    assert replies == [text("my_number_warning", language)]


@pytest.mark.parametrize("language", list(QUESTIONS))
def test_a_question_beside_the_number_is_answered_after_the_warning(running, language):
    faq = FAQS["my-number-card-lost"]
    replies = _say_in(running.assistant, language, QUESTIONS[language].format(MY_NUMBER))
    assert replies[:2] == [text("my_number_removed_then_answer", language),
                           faq.answer_in(language) + "\n" + text("faq_source", language,
                                                                 url=faq.source)]


def test_a_line_user_is_warned_too(running, line_service):
    user = f"Uprivacy{next(_ids)}"
    _deliver(running.assistant, line_service, user,
             _text(MESSAGES["ja"].format("１２３４－５６７８－９０１８")))
    [delivery] = _replies(line_service, user)
    assert delivery.texts == [text("my_number_warning", "ja")]


def test_a_web_widget_user_is_warned_too(running):
    widget = _widget(running.assistant)  # socket.io, as the website's chat widget
    try:
        reply = widget.say(MESSAGES["en"].format("1234 5678 9018"))
    finally:
        widget.close()
    assert reply == text("my_number_warning", "en")


def test_a_twelve_digit_number_with_a_wrong_check_digit_is_kept_and_not_warned_about(running):
    replies = _say_in(running.assistant, "ja", f"受付番号{WRONG_CHECK_DIGIT}の件です")
    assert text("my_number_warning", "ja") not in replies
    assert WRONG_CHECK_DIGIT in _database_text(running.process.tracker_db)


def test_an_error_in_a_turn_reaches_sentry_without_the_number(running):
    """Saving the turn of a message with a My Number fails (another writer holds SQLite's
    lock): Rasa logs the error with the events it could not store, and Sentry gets it."""
    sender = f"privacy-sentry-{next(_ids)}"
    running.assistant.say(sender, "hello")  # the conversation's start is stored
    locker = sqlite3.connect(running.process.tracker_db, isolation_level=None)
    try:
        locker.execute("BEGIN IMMEDIATE")
        for written in WRITTEN_FORMS:
            running.assistant.say(sender, MESSAGES["en"].format(written))
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    # The report shows the events of that turn (SQLAlchemy shortens the message's own text).
    def of_that_turn(event):
        return all(part in repr(event) for part in ("database is locked", sender,
                                                    "shared_my_number"))

    events = running.sentry.wait_for(of_that_turn)
    assert events, [event.get("logentry") for event in running.sentry.events]
    assert _raw_forms_in(repr(running.sentry.events)) == []


def test_the_number_is_nowhere_afterwards(running, line_service):
    for language, written in zip(MESSAGES, WRITTEN_FORMS):
        _say_in(running.assistant, language, MESSAGES[language].format(written))
    user = f"Uprivacy{next(_ids)}"
    _deliver(running.assistant, line_service, user, _text(f"番号 {WRITTEN_FORMS[-1]}"))
    _replies(line_service, user)
    widget = _widget(running.assistant)
    try:
        widget.say(MESSAGES["ko"].format(WRITTEN_FORMS[3]))
    finally:
        widget.close()
    # Rasa's HTTP API adds a message to a conversation without running the bot.
    requests.post(f"{running.process.base_url}/conversations/privacy-api/messages",
                  json={"sender": "user", "text": f"api {WRITTEN_FORMS[1]}"},
                  params=running.assistant.api, timeout=30).raise_for_status()
    # … or appends a ready-made event, as a tool replaying a conversation would.
    requests.post(f"{running.process.base_url}/conversations/privacy-api/tracker/events",
                  json={"event": "user", "text": f"events {WRITTEN_FORMS[2]}",
                        "parse_data": {"text": f"events {WRITTEN_FORMS[2]}",
                                       "intent": {"name": "ask_question"}}},
                  params=running.assistant.api, timeout=30).raise_for_status()
    stored = _database_text(running.process.tracker_db)
    assert MY_NUMBER_MASK in _readable(stored)  # the messages were stored, masked
    assert _raw_forms_in(stored) == []
    assistant_db = running.process.database_url.partition("sqlite:///")[2]
    assert _raw_forms_in(_database_text(assistant_db)) == []
    log = running.process.log_path.read_text(encoding="utf-8", errors="replace")
    assert MY_NUMBER_MASK in _readable(log)  # debug logging shows each message, masked
    assert _raw_forms_in(log) == []
    assert _raw_forms_in(repr(running.sentry.events)) == []
