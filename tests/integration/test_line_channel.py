"""LINE end to end: a signed webhook → Rasa → action server → the reply the LINE stand-in
receives, exactly as a LINE user would see it, in every language."""

import base64
import hashlib
import hmac
import itertools
import json
import os
import subprocess
import sys

import pytest
import requests

from bot.alerts.alert_file import municipality_for, place_name
from bot.alerts.subscriptions import subscribed_municipalities
from bot.i18n import text
from bot.shelters.site_index import emergency_site_index
from tests.conftest import LINE_CHANNEL_SECRET, PROJECT_ROOT
from tests.integration.test_shelters_dialogue import CHIBA_STATION, _site_names

pytestmark = pytest.mark.server

_ids = itertools.count()
GREETINGS = {"ja": "こんにちは", "en": "hello", "zh": "你好", "ko": "안녕하세요", "vi": "xin chào"}


def _user(name):
    return f"Uline{name}{next(_ids)}"


def _post(assistant, body: bytes, signature=None):
    headers = {"Content-Type": "application/json"}
    if signature is not False:
        headers["X-Line-Signature"] = signature or base64.b64encode(hmac.new(
            LINE_CHANNEL_SECRET.encode(), body, hashlib.sha256).digest()).decode()
    return requests.post(f"{assistant.base_url}/webhooks/line/webhook", data=body,
                         headers=headers, timeout=30)


def _deliver(assistant, line_service, user, event, event_id=None, redelivery=False):
    """Posts one signed event from `user` (with a fresh reply token); returns the response."""
    event = dict(event, webhookEventId=event_id or f"ev-{next(_ids)}", timestamp=1,
                 mode="active", source={"type": "user", "userId": user},
                 deliveryContext={"isRedelivery": redelivery})
    if event["type"] not in ("unfollow",):
        event["replyToken"] = line_service.stand_in.issue_reply_token(user)
    body = json.dumps({"destination": "Ubot", "events": [event]}).encode()
    return _post(assistant, body)


def _text(message):
    return {"type": "message", "message": {"id": str(next(_ids)), "type": "text",
                                           "text": message}}


def _replies(line_service, user, count=1):
    """The texts of the first `count` deliveries to `user`, once they have all arrived."""
    deliveries = line_service.stand_in.wait_for(
        lambda: (lambda d: d if len(d) >= count else None)(
            line_service.stand_in.deliveries_to(user)))
    return deliveries[:count]


def test_a_missing_or_wrong_signature_is_refused(assistant, line_service):
    body = json.dumps({"events": [_text("hi")]}).encode()
    assert _post(assistant, body, signature=False).status_code == 401
    assert _post(assistant, body, signature="d3Jvbmc=").status_code == 401


@pytest.mark.parametrize("body", [b"{not json", b'{"events": "x"}', b"\xff\xfe\x00"])
def test_a_signed_body_that_is_not_a_webhook_is_a_bad_request(assistant, line_service, body):
    assert _post(assistant, body).status_code == 400


def test_the_verify_request_of_the_line_console_is_accepted(assistant, line_service):
    assert _post(assistant, b'{"destination": "Ubot", "events": []}').status_code == 200


@pytest.mark.parametrize("language", sorted(GREETINGS))
def test_a_greeting_is_answered_in_the_users_language(assistant, line_service, language):
    user = _user("greet")
    assert _deliver(assistant, line_service, user, _text(GREETINGS[language])).status_code == 200
    [delivery] = _replies(line_service, user)
    assert delivery.kind == "reply"
    assert delivery.texts == [assistant.text_of("utter_greet", language)]


def test_easy_japanese_chosen_with_a_quick_reply_button(assistant, line_service):
    user = _user("easy")
    _deliver(assistant, line_service, user, {
        "type": "postback", "postback": {"data": '/choose_language{"language": "ja-easy"}'}})
    _deliver(assistant, line_service, user, _text("こんにちは"))
    first, second = _replies(line_service, user, 2)
    assert first.texts == [assistant.text_of("utter_language_changed", "ja-easy")]
    assert second.texts == [assistant.text_of("utter_greet", "ja-easy")]


@pytest.mark.parametrize("profile_language, expected", [
    ("ja", "ja"), ("en", "en"), ("zh-Hans", "zh"), ("zh-Hant", "zh"), ("ko", "ko"), ("vi", "vi"),
    ("th", "ja")])
def test_follow_welcomes_with_a_language_picker_in_the_profile_language(
        assistant, line_service, profile_language, expected):
    user = _user("follow")
    line_service.stand_in.profiles[user] = {"userId": user, "displayName": "x",
                                            "language": profile_language}
    _deliver(assistant, line_service, user, {"type": "follow"})
    [delivery] = _replies(line_service, user)
    assert delivery.texts == [text("line_welcome", expected),
                              assistant.text_of("utter_language_changed", expected)]
    assert len(delivery.messages[-1]["quickReply"]["items"]) == 6


def test_an_faq_answer_with_its_link_and_feedback_buttons_in_one_reply(assistant, line_service):
    user = _user("faq")
    _deliver(assistant, line_service, user, _text("How do I register my seal (inkan)?"))
    [delivery] = _replies(line_service, user)
    assert delivery.kind == "reply" and 1 <= len(delivery.messages) <= 5
    joined = "\n".join(delivery.texts)
    assert "https://" in joined and "seal" in joined.lower()
    postbacks = [i["action"]["data"] for i in delivery.messages[-1]["quickReply"]["items"]]
    assert "/affirm" in postbacks and "/deny" in postbacks


def test_a_location_message_lists_the_three_nearest_sites(assistant, line_service):
    user = _user("location")
    _deliver(assistant, line_service, user, {"type": "message", "message": {
        "id": "1", "type": "location", "title": "現在地", "address": "千葉市",
        "latitude": CHIBA_STATION[0], "longitude": CHIBA_STATION[1]}})
    [delivery] = _replies(line_service, user)
    expected = emergency_site_index().nearest(*CHIBA_STATION, hazard=None, top=3)
    assert _site_names(delivery.texts) == [n.site.name for n in expected]


def test_a_sticker_gets_a_request_for_text(assistant, line_service):
    user = _user("sticker")
    line_service.stand_in.profiles[user] = {"userId": user, "language": "ko"}
    _deliver(assistant, line_service, user, {"type": "message", "message": {
        "id": "1", "type": "sticker", "packageId": "446", "stickerId": "1988"}})
    [delivery] = _replies(line_service, user)
    assert "글자로" in delivery.texts[0]


def test_a_redelivered_event_is_answered_once(assistant, line_service):
    user = _user("redelivery")
    first = _deliver(assistant, line_service, user, _text("hello"), event_id="ev-same")
    again = _deliver(assistant, line_service, user, _text("hello"), event_id="ev-same",
                     redelivery=True)
    assert first.status_code == again.status_code == 200
    _deliver(assistant, line_service, user, _text("thank you"))  # a later, new event
    deliveries = _replies(line_service, user, 2)
    assert deliveries[0].texts == [assistant.text_of("utter_greet", "en")]
    assert deliveries[1].texts == [assistant.text_of("utter_youre_welcome", "en")]
    assert len(line_service.stand_in.deliveries_to(user)) == 2


def test_the_webhook_answers_before_the_reply_is_sent(assistant, line_service):
    user = _user("async")
    line_service.stand_in.reply_delay_s = 3
    try:
        assert _deliver(assistant, line_service, user, _text("hello")).status_code == 200
        assert line_service.stand_in.deliveries_to(user) == []
        [delivery] = _replies(line_service, user)
    finally:
        line_service.stand_in.reply_delay_s = 0
    assert delivery.texts == [assistant.text_of("utter_greet", "en")]


_SUBSCRIBE_ICHIKAWA = {
    "ja": "市川市の防災情報の通知を受け取りたい", "ja-easy": "いちかわしの ひなんの つうち ほしい",
    "en": "please send me disaster alerts for Ichikawa", "zh": "我想接收市川市的防灾通知",
    "ko": "이치카와시 재해 알림을 받고 싶어요", "vi": "tôi muốn nhận cảnh báo thiên tai của Ichikawa"}
_UNSUBSCRIBE = {"en": "stop alerts", "ko": "알림 해제", "ja": "通知をやめる"}
ICHIKAWA = "122033"


def _in_language(assistant, line_service, user, language):
    _deliver(assistant, line_service, user, {
        "type": "postback", "postback": {"data": f'/choose_language{{"language": "{language}"}}'}})
    _replies(line_service, user)


def _send_alert(line_service, assistant, alert_file, municipality="all"):
    env = dict(os.environ, DATABASE_URL=assistant.database_url,
               LINE_API_BASE_URL=line_service.base_url, PYTHONPATH=str(PROJECT_ROOT),
               LINE_CHANNEL_ACCESS_TOKEN=line_service.stand_in.access_token)
    run = subprocess.run(
        [sys.executable, "-m", "bot", "alert", "send", "--municipality", municipality,
         "--level", "4", "--message-file", str(alert_file)],
        env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.fixture
def japanese_alert(tmp_path):
    path = tmp_path / "alert.yml"
    path.write_text('message:\n  ja: "市川市に避難指示を発令しました。"\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("language", sorted(_SUBSCRIBE_ICHIKAWA))
def test_a_resident_subscribes_to_a_municipalitys_alerts_in_their_language(
        assistant, line_service, language):
    user = _user("subscribe")
    _in_language(assistant, line_service, user, language)
    _deliver(assistant, line_service, user, _text(_SUBSCRIBE_ICHIKAWA[language]))
    [_, delivery] = _replies(line_service, user, 2)
    place = place_name(municipality_for(ICHIKAWA), language)
    assert delivery.texts == [text("alerts_subscribed", language, place=place)]
    assert subscribed_municipalities("line", user, assistant.database_url) == [ICHIKAWA]


@pytest.mark.parametrize("language", sorted(_UNSUBSCRIBE))
def test_an_alert_reaches_subscribers_in_their_language_until_they_unsubscribe(
        assistant, line_service, japanese_alert, language):
    user = _user("alerted")
    _in_language(assistant, line_service, user, language)
    _deliver(assistant, line_service, user, _text(_SUBSCRIBE_ICHIKAWA[language]))
    _replies(line_service, user, 2)

    _send_alert(line_service, assistant, japanese_alert, ICHIKAWA)
    [alert] = [d for d in line_service.stand_in.deliveries_to(user) if d.kind == "multicast"]
    place = place_name(municipality_for(ICHIKAWA), language)
    if language == "ja":  # the file's own text
        assert alert.texts == ["市川市に避難指示を発令しました。"]
    else:  # the level template in their language, then the Japanese original
        assert alert.texts[0].startswith(text("alert_level_4", language, place=place))
        assert alert.texts[0].endswith("市川市に避難指示を発令しました。")

    _deliver(assistant, line_service, user, _text(_UNSUBSCRIBE[language]))
    stopped = _replies(line_service, user, 4)[3]
    assert stopped.texts == [text("alerts_unsubscribed", language, places=place)]
    _send_alert(line_service, assistant, japanese_alert, ICHIKAWA)
    assert len(line_service.stand_in.deliveries_to(user)) == 4  # no second alert


def test_without_a_municipality_the_quick_reply_subscribes_to_all_of_chiba(
        assistant, line_service):
    user = _user("all")
    _in_language(assistant, line_service, user, "en")
    _deliver(assistant, line_service, user, _text("send me disaster alerts"))
    asked = _replies(line_service, user, 2)[1]
    assert asked.texts == [text("alerts_which_municipality", "en")]
    [button] = asked.messages[-1]["quickReply"]["items"]
    assert button["action"]["label"] == text("button_alerts_all_chiba", "en")
    _deliver(assistant, line_service, user, {
        "type": "postback", "postback": {"data": button["action"]["data"]}})
    done = _replies(line_service, user, 3)[2]
    assert done.texts == [text("alerts_subscribed", "en", place=text("alert_all_chiba", "en"))]
    assert subscribed_municipalities("line", user, assistant.database_url) == ["all"]


def test_on_the_web_alerts_are_offered_on_line_and_nothing_is_stored(assistant):
    sender = f"web-alerts-{next(_ids)}"
    assistant.say(sender, '/choose_language{"language": "vi"}')
    replies = assistant.say(sender, "tôi muốn nhận cảnh báo thiên tai của Ichikawa")
    assert [r.get("text") for r in replies] == [text("alerts_only_on_line", "vi")]
    assert subscribed_municipalities("rest", sender, assistant.database_url) == []
    assert subscribed_municipalities("line", sender, assistant.database_url) == []
