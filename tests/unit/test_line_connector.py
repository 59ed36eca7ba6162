"""The LINE channel: signatures, every event type, one reply per turn, no double answers.

The webhook's HTTP behaviour (401/400/200 through Rasa) is in tests/integration/test_line_channel.py;
here the connector handles events with a stand-in Rasa that answers like the real one.
"""

import base64
import hashlib
import hmac
import json

import pytest
from rasa.core.channels.channel import UserMessage

from bot.alerts.subscriptions import subscribe, subscribed_municipalities
from bot.i18n import text
from connectors.line import LineInput, RecentEvents, _events_of, signature_is_valid
from connectors.line_api import LineMessagingApi, RetryPolicy

SECRET = "channel-secret"


def _signature(body: bytes, secret: str = SECRET) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def test_signature_of_the_exact_raw_body_is_required():
    body = json.dumps({"events": []}).encode()
    assert signature_is_valid(SECRET, body, _signature(body))
    assert not signature_is_valid(SECRET, body + b" ", _signature(body))
    assert not signature_is_valid(SECRET, body, _signature(body, "another-secret"))
    assert not signature_is_valid(SECRET, body, None)
    assert not signature_is_valid(SECRET, body, "ñ-not-base64")


@pytest.mark.parametrize("body", [b"", b"not json", b"[]", b'{"events": {}}',
                                  b'{"events": [1]}', b"\xff\xfe"])
def test_bodies_that_are_not_line_webhooks_are_rejected(body):
    assert _events_of(body) is None


def test_a_redelivered_event_is_taken_once():
    recent = RecentEvents(capacity=2)
    assert recent.first_time("E1") and not recent.first_time("E1")
    assert recent.first_time("E2") and recent.first_time("E3")
    assert recent.first_time("E1")  # forgotten beyond capacity, as LINE stops redelivering


class FakeRasa:
    """Answers like the assistant: records the user messages and replies per text."""

    def __init__(self, replies):
        self.replies = replies
        self.received = []

    async def __call__(self, message: UserMessage) -> None:
        self.received.append(message)
        for reply in self.replies(message.text):
            await message.output_channel.send_response(message.sender_id, reply)


@pytest.fixture
async def channel(line_api):
    api = LineMessagingApi(line_api.stand_in.access_token, line_api.base_url,
                           RetryPolicy(attempts=3, first_delay_s=0.01, timeout_s=5))
    yield LineInput(SECRET, api)
    await api.close()


def _event(kind, user="U1", token=None, event_id="E1", **fields):
    event = {"type": kind, "webhookEventId": event_id, "timestamp": 1,
             "deliveryContext": {"isRedelivery": False},
             "source": {"type": "user", "userId": user}, "mode": "active"}
    if token:
        event["replyToken"] = token
    event.update(fields)
    return event


async def test_a_text_turn_is_answered_in_one_reply_call(channel, line_api):
    rasa = FakeRasa(lambda t: [{"text": "転入届は14日以内です。"},
                               {"text": "役に立ちましたか？", "buttons": [
                                   {"title": "👍", "payload": "/affirm"},
                                   {"title": "👎", "payload": "/deny"}]}])
    token = line_api.stand_in.issue_reply_token("U1")
    await channel._handle_events([_event("message", token=token, message={
        "id": "1", "type": "text", "text": "転入届の期限は？"})], rasa, None)
    assert [m.text for m in rasa.received] == ["転入届の期限は？"]
    assert rasa.received[0].input_channel == "line"
    [delivery] = line_api.stand_in.deliveries_to("U1")
    assert delivery.kind == "reply"
    assert delivery.texts == ["転入届は14日以内です。", "役に立ちましたか？"]
    assert [i["action"]["data"] for i in delivery.messages[1]["quickReply"]["items"]] == [
        "/affirm", "/deny"]


async def test_location_and_postback_become_the_payloads_rasa_understands(channel, line_api):
    rasa = FakeRasa(lambda t: [{"text": "ok"}])
    await channel._handle_events([
        _event("message", event_id="E1", token=line_api.stand_in.issue_reply_token("U1"),
               message={"id": "2", "type": "location", "title": "pin",
                        "latitude": 35.6047, "longitude": 140.1233}),
        _event("postback", event_id="E2", token=line_api.stand_in.issue_reply_token("U1"),
               postback={"data": '/choose_language{"language": "ko"}'}),
    ], rasa, None)
    assert [m.text for m in rasa.received] == [
        '/share_location{"latitude": 35.6047, "longitude": 140.1233}',
        '/choose_language{"language": "ko"}']


async def test_an_expired_reply_token_falls_back_to_push(channel, line_api):
    rasa = FakeRasa(lambda t: [{"text": "answer"}])
    token = line_api.stand_in.issue_reply_token("U1")
    line_api.stand_in.expire_reply_token(token)
    await channel._handle_events([_event("message", token=token, message={
        "id": "3", "type": "text", "text": "hello"})], rasa, None)
    [delivery] = line_api.stand_in.deliveries_to("U1")
    assert delivery.kind == "push" and delivery.texts == ["answer"]


@pytest.mark.parametrize("profile_language, expected", [("vi", "vi"), ("zh-Hant", "zh"),
                                                        ("th", "ja"), (None, "ja")])
async def test_follow_welcomes_in_the_profile_language_with_a_language_picker(
        channel, line_api, profile_language, expected):
    if profile_language:
        line_api.stand_in.profiles["U5"] = {"userId": "U5", "language": profile_language}
    rasa = FakeRasa(lambda t: [{"text": "(language changed)"}])
    token = line_api.stand_in.issue_reply_token("U5")
    await channel._handle_events([_event("follow", user="U5", token=token)], rasa, None)
    assert [m.text for m in rasa.received] == [
        '/choose_language{"language": "%s"}' % expected]
    [delivery] = line_api.stand_in.deliveries_to("U5")
    assert delivery.texts == [text("line_welcome", expected), "(language changed)"]
    labels = [i["action"]["label"] for i in delivery.messages[-1]["quickReply"]["items"]]
    assert labels == ["日本語", "やさしい にほんご", "English", "中文", "한국어", "Tiếng Việt"]


@pytest.mark.parametrize("kind", ["sticker", "image", "video", "audio", "file"])
async def test_non_text_messages_get_a_polite_request_for_text(channel, line_api, kind):
    line_api.stand_in.profiles["U6"] = {"userId": "U6", "language": "en"}
    rasa = FakeRasa(lambda t: [{"text": "never"}])
    token = line_api.stand_in.issue_reply_token("U6")
    await channel._handle_events([_event("message", user="U6", token=token,
                                         message={"id": "4", "type": kind})], rasa, None)
    assert rasa.received == []
    [delivery] = line_api.stand_in.deliveries_to("U6")
    assert delivery.texts == [text("line_text_only", "en")]
    assert "type your question" in delivery.texts[0]


async def test_unfollow_stops_every_alert_subscription(channel, line_api, tmp_path,
                                                       monkeypatch):
    database = f"sqlite:///{tmp_path / 'a.db'}"
    monkeypatch.setenv("DATABASE_URL", database)
    subscribe("line", "U7", "122033", "en")
    subscribe("line", "U7", "121002", "en")
    subscribe("line", "U8", "122033", "ja")
    await channel._handle_events([_event("unfollow", user="U7")], FakeRasa(lambda t: []), None)
    assert subscribed_municipalities("line", "U7") == []
    assert subscribed_municipalities("line", "U8") == ["122033"]


async def test_one_failing_event_does_not_drop_the_others(channel, line_api):
    def replies(message_text):
        if message_text == "boom":
            raise RuntimeError("action server down")
        return [{"text": "fine"}]
    rasa = FakeRasa(replies)
    await channel._handle_events([
        _event("message", event_id="E1", token=line_api.stand_in.issue_reply_token("U1"),
               message={"id": "5", "type": "text", "text": "boom"}),
        _event("message", event_id="E2", token=line_api.stand_in.issue_reply_token("U1"),
               message={"id": "6", "type": "text", "text": "next"}),
    ], rasa, None)
    assert [d.texts for d in line_api.stand_in.deliveries_to("U1")] == [["fine"]]
