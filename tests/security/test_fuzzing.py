"""Bounded fuzzing of every way in: REST, socket.io, LINE and the staff console get random and
adversarial input. None may answer 500, the assistant must still answer a resident afterwards,
and no My Number written in any form may be stored or logged anywhere.

Hypothesis runs a fixed number of examples with a fixed seed (derandomize), so a run is
repeatable and bounded in time and requests.
"""

import base64
import hashlib
import hmac
import json
import re
import sqlite3
import unicodedata

from hypothesis import HealthCheck, given, settings, strategies as st
import requests

from bot.privacy.masking import _fold_digits
from tests.conftest import LINE_CHANNEL_SECRET
from tests.security.test_my_number_forms import DIGIT_FORMS, GROUPS, SEPARATORS
from tests.support.widget_client import WidgetClient

TIMEOUT_S = 60
FUZZ = settings(max_examples=30, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])
ADVERSARIAL = ["1' OR '1'='1", "{{7*7}}", "${7*7}", "<script>alert(1)</script>", "../../etc/passwd",
               "%00", "\u202e", "\ufeff", "🧨" * 50, "/request_human", '/choose_language{"language": "xx"}',
               "/share_location{\"latitude\": \"nan\"}", "\x00\x07\x1b[31m", "あ" * 3000]
# The My Number of the fuzzed messages, in any written form; found afterwards however stored.
MY_NUMBER_DIGITS = "".join(GROUPS)
_RAW_NUMBER = re.compile(r"\D{0,3}".join(MY_NUMBER_DIGITS))

my_numbers = st.builds(lambda separator, digits: SEPARATORS[separator].join(GROUPS).translate(
    DIGIT_FORMS[digits]), st.sampled_from(sorted(SEPARATORS)), st.sampled_from(sorted(DIGIT_FORMS)))
texts = st.one_of(st.text(max_size=300), st.sampled_from(ADVERSARIAL),
                  st.builds("{} {} {}".format, st.text(max_size=40), my_numbers,
                            st.text(max_size=40)))
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | texts,
                           lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=10), inner, max_size=4),
                           max_leaves=12)
rest_bodies = st.one_of(
    json_values,
    st.fixed_dictionaries({"sender": st.one_of(st.text(min_size=1, max_size=40), json_values),
                           "message": st.one_of(texts, json_values)},
                          optional={"metadata": json_values, "input_channel": texts}))


def _raw_numbers_in(text: str) -> list:
    """The fuzzed My Number wherever it is, JSON escapes decoded, digits of any form folded."""
    readable = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    return _RAW_NUMBER.findall(_fold_digits(unicodedata.normalize("NFKC", readable)))


def _sqlite_text(path) -> str:
    with sqlite3.connect(path) as connection:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]
        return "\n".join("\t".join(map(str, row)) for table in tables
                         for row in connection.execute(f'SELECT * FROM "{table}"'))


@FUZZ
@given(body=rest_bodies)
def test_rest_never_answers_500(assistant, body):
    response = requests.post(f"{assistant.base_url}/webhooks/rest/webhook", timeout=TIMEOUT_S,
                             data=json.dumps(body, allow_nan=True), headers={
                                 "Content-Type": "application/json"})
    assert response.status_code < 500, (body, response.text[:300])


@FUZZ
@given(raw=st.binary(max_size=500))
def test_rest_never_answers_500_to_any_bytes(assistant, raw):
    response = requests.post(f"{assistant.base_url}/webhooks/rest/webhook", data=raw,
                             timeout=TIMEOUT_S, headers={"Content-Type": "application/json"})
    assert response.status_code < 500


@FUZZ
@given(events=st.lists(st.one_of(
    st.builds(lambda text: {"type": "message", "message": {"type": "text", "text": text}}, texts),
    st.builds(lambda data: {"type": "postback", "postback": {"data": data}}, texts),
    st.builds(lambda value: {"type": "message", "message": value}, json_values),
    json_values), min_size=0, max_size=3), signed=st.booleans())
def test_line_never_answers_500(assistant, events, signed):
    body = json.dumps({"destination": "Ubot", "events": [
        dict(event, source={"type": "user", "userId": "Ufuzz"}, replyToken="r", timestamp=1,
             mode="active", webhookEventId=f"fuzz-{index}") if isinstance(event, dict) else event
        for index, event in enumerate(events)]}).encode()
    signature = base64.b64encode(hmac.new(LINE_CHANNEL_SECRET.encode(), body,
                                          hashlib.sha256).digest()).decode()
    response = requests.post(f"{assistant.base_url}/webhooks/line/webhook", data=body,
                             timeout=TIMEOUT_S, headers={
                                 "Content-Type": "application/json",
                                 "X-Line-Signature": signature if signed else "forged"})
    assert response.status_code in ((200, 400) if signed else (401,)), response.text[:300]


@FUZZ
@given(form=st.dictionaries(st.sampled_from(["name", "password", "csrf_token", "next", "x"]),
                            texts, max_size=5), path=st.sampled_from(["/login", "/tickets/1/reply",
                                                                       "/tickets/1/close"]))
def test_the_staff_console_never_answers_500(assistant, form, path):
    response = requests.post(f"{assistant.console_url}{path}", data=form, timeout=TIMEOUT_S,
                             allow_redirects=False)
    assert response.status_code < 500, response.text[:300]


def test_socketio_survives_random_events_and_the_service_still_answers(assistant):
    widget = WidgetClient(assistant.base_url, TIMEOUT_S)
    try:
        @FUZZ
        @given(event=st.sampled_from(["user_uttered", "session_request", "unknown"]),
               payload=json_values)
        def emit(event, payload):
            widget.sio.emit(event, payload)

        emit()
        assert widget.sio.connected
    finally:
        widget.close()
    resident = WidgetClient(assistant.base_url, TIMEOUT_S)
    try:
        assert resident.say("hello") == assistant.text_of("utter_greet", "en")
    finally:
        resident.close()


def test_after_the_fuzzing_the_service_answers_and_no_my_number_is_kept(assistant):
    """Last in this module: what every test above sent has been stored and logged."""
    assert assistant.say("after-fuzzing", "hello")
    stored = _sqlite_text(assistant.tracker_db) + _sqlite_text(
        assistant.database_url.partition("sqlite:///")[2])
    logged = assistant.log_path.read_text(encoding="utf-8", errors="replace")
    assert _raw_numbers_in(stored) == []
    assert _raw_numbers_in(logged) == []
