"""Conversations over Rasa's REST webhook, in every language, against the real servers."""

import itertools
import json

import pytest

from bot.i18n import text
from bot.langid import detect

pytestmark = pytest.mark.server

_ids = itertools.count()


def _sender(name: str) -> str:
    return f"test-{name}-{next(_ids)}"


def _texts(replies):
    return [r["text"] for r in replies if "text" in r]


def _buttons(replies):
    return [b["payload"] for r in replies for b in r.get("buttons", [])]


GREETINGS = {
    "ja": "こんにちは", "en": "hello there", "zh": "你好", "ko": "안녕하세요", "vi": "xin chào bạn",
}


@pytest.mark.parametrize("language, greeting", GREETINGS.items())
def test_greeting_is_answered_in_the_users_language(assistant, language, greeting):
    sender = _sender("greet")
    replies = assistant.say(sender, greeting)
    assert _texts(replies) == [assistant.text_of("utter_greet", language)]
    assert assistant.slots(sender)["language"] == language


HELP = {"ja": "何ができるの？", "en": "what can you do", "zh": "你能做什么",
        "ko": "뭘 도와줄 수 있어요?", "vi": "bạn giúp được gì"}


@pytest.mark.parametrize("language, question", HELP.items())
def test_help_menu_lists_the_main_topics_as_buttons(assistant, language, question):
    replies = assistant.say(_sender("help"), question)
    assert _texts(replies) == [assistant.text_of("utter_help", language)]
    payloads = _buttons(replies)
    for topic in ("procedures", "my_number", "disaster", "medical"):
        assert f'/ask_topic{{"topic": "{topic}"}}' in payloads
    assert "/request_human" in payloads


BOT = {"ja": "あなたはロボットですか", "en": "am i talking to a bot", "zh": "你是机器人吗",
       "ko": "사람이에요 봇이에요?", "vi": "bạn là người hay máy vậy"}


@pytest.mark.parametrize("language, question", BOT.items())
def test_are_you_a_bot_is_answered_honestly(assistant, language, question):
    replies = assistant.say(_sender("bot"), question)
    assert _texts(replies) == [assistant.text_of("utter_iamabot", language)]


def test_topic_button_shows_the_topic_in_the_conversations_language(assistant):
    sender = _sender("topic")
    assistant.say(sender, "hi, i need some help")
    replies = assistant.say(sender, '/ask_topic{"topic": "my_number"}')
    assert _texts(replies) == [text("topic_my_number", "en")]


def test_typed_topic_is_recognised(assistant):
    replies = assistant.say(_sender("topic"), "災害について知りたい")
    assert _texts(replies) == [text("topic_disaster", "ja")]


@pytest.mark.parametrize("neutral", ["OK", "119", "👍", "12345"])
def test_language_is_sticky_for_messages_without_language(assistant, neutral):
    sender = _sender("sticky")
    assistant.say(sender, "안녕하세요")
    assistant.say(sender, neutral)
    assert assistant.slots(sender)["language"] == "ko"
    replies = assistant.say(sender, "고마워요")
    assert _texts(replies) == [assistant.text_of("utter_youre_welcome", "ko")]


def test_switching_language_mid_conversation(assistant):
    sender = _sender("switch")
    assert _texts(assistant.say(sender, "こんにちは")) == [assistant.text_of("utter_greet", "ja")]
    assert _texts(assistant.say(sender, "English please")) == [
        assistant.text_of("utter_language_changed", "en")]
    assert _texts(assistant.say(sender, "中文")) == [
        assistant.text_of("utter_language_changed", "zh")]
    assert _texts(assistant.say(sender, "OK")) == [assistant.text_of("utter_anything_else", "zh")]
    assert _texts(assistant.say(sender, "한국어")) == [
        assistant.text_of("utter_language_changed", "ko")]


@pytest.mark.parametrize("language", ["ja", "ja-easy", "en", "zh", "ko", "vi"])
def test_language_picker_payload(assistant, language):
    sender = _sender("picker")
    payload = "/choose_language" + json.dumps({"language": language})
    assert _texts(assistant.say(sender, payload)) == [
        assistant.text_of("utter_language_changed", language)]
    assert assistant.slots(sender)["language"] == language


def test_asking_to_change_language_without_naming_one_shows_the_picker(assistant):
    sender = _sender("picker")
    assistant.say(sender, "hello")
    replies = assistant.say(sender, "change the language")
    assert _texts(replies) == [assistant.text_of("utter_choose_language", "en")]
    assert len(_buttons(replies)) == 6


def test_easy_japanese_stays_when_the_user_writes_japanese(assistant):
    sender = _sender("easy")
    assistant.say(sender, "やさしい日本語で")
    assert assistant.slots(sender)["language"] == "ja-easy"
    replies = assistant.say(sender, "こんにちは")
    assert _texts(replies) == [assistant.text_of("utter_greet", "ja-easy")]
    assistant.say(sender, "普通の日本語でお願いします")
    assert assistant.slots(sender)["language"] == "ja"


def test_unclear_message_gets_an_honest_fallback_with_a_way_out(assistant):
    sender = _sender("fallback")
    assistant.say(sender, "hello")
    # What the FallbackClassifier turns a low-confidence message into.
    replies = assistant.say(sender, "/nlu_fallback")
    assert _texts(replies) == [text("not_understood", "en")]
    assert {"/help", "/request_human"} <= set(_buttons(replies))


def test_out_of_scope_request_is_declined_politely(assistant):
    replies = assistant.say(_sender("oos"), "tell me a joke about cats")
    (text,) = _texts(replies)
    assert text == assistant.text_of("utter_out_of_scope", "en")


@pytest.mark.parametrize("language", ["ja", "ja-easy", "en", "zh", "ko", "vi"])
def test_every_reply_text_is_in_the_chosen_language(assistant, language):
    sender = _sender("all")
    assistant.say(sender, "/choose_language" + json.dumps({"language": language}))
    for payload in ("/help", "/greet", "/thank", "/goodbye", "/bot_challenge"):
        for reply in _texts(assistant.say(sender, payload)):
            assert detect(reply).language == ("ja" if language == "ja-easy" else language), reply
