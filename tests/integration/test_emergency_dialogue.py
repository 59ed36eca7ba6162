"""Emergencies over Rasa's REST webhook, against the real servers: the number to call comes
first, in the resident's language, and questions about emergencies get their normal answer."""

from datetime import date
import itertools

import pytest

from bot.i18n import text
from bot.knowledge.faq_files import faq_files, read_faq_file
from bot.paths import KNOWLEDGE_DIR

pytestmark = pytest.mark.server

_ids = itertools.count()
FAQS = {f.id: f for path in faq_files(KNOWLEDGE_DIR) for f in read_faq_file(path, date.today())[0]}


def _sender(name):
    return f"test-emergency-{name}-{next(_ids)}"


def _texts(replies):
    return [r["text"] for r in replies if "text" in r]


def _payloads(replies):
    return [b["payload"] for r in replies for b in r.get("buttons", [])]


# The first message of a conversation, as someone in trouble would type it.
EMERGENCIES = [
    ("ja", "火事！", "fire"),
    ("en", "help fire", "fire"),
    ("zh", "我爸爸晕倒了，没有呼吸", "medical"),
    ("ko", "엘리베이터에 갇혔어요", "trapped"),
    ("vi", "cứu với cháy nhà", "fire"),
    ("en", "someone is breaking in right now", "crime"),
    ("ja", "津波が来る！", "tsunami"),
]


@pytest.mark.parametrize("language, message, kind", EMERGENCIES)
def test_an_emergency_gets_the_number_to_call_as_the_first_message(assistant, language, message,
                                                                    kind):
    sender = _sender(kind)
    replies = assistant.say(sender, message)
    texts = _texts(replies)
    assert texts[0] == text(f"emergency_help_{kind}", language)
    assert texts[1] == text("emergency_phrase_card_offer", language)
    card_button = f'/ask_emergency_phrases{{"emergency_kind": "{kind}"}}'
    number = "110" if kind == "crime" else "119"
    assert _payloads(replies) == [f"tel:{number}", card_button]  # tap to call, then the card
    card = _texts(assistant.say(sender, card_button))
    assert [c.splitlines()[0] for c in card] == [text(f"phrase_card_title_{number}", language)]


def test_easy_japanese_readers_get_the_easy_japanese_alarm(assistant):
    sender = _sender("easy")
    assistant.say(sender, '/choose_language{"language": "ja-easy"}')
    texts = _texts(assistant.say(sender, "ひとが たおれて います たすけて"))
    assert texts[0] == text("emergency_help_medical", "ja-easy")


def test_an_emergency_in_the_middle_of_a_conversation_still_comes_first(assistant):
    sender = _sender("middle")
    assistant.say(sender, "how do I renew my my number card")
    texts = _texts(assistant.say(sender, "my wife collapsed and is not breathing"))
    assert texts[0] == text("emergency_help_medical", "en")


def test_asking_whether_the_ambulance_is_free_gets_the_faq_answer_not_the_alarm(assistant):
    faq = FAQS["medical-ambulance-free"]
    texts = _texts(assistant.say(_sender("free"), "救急車は有料ですか"))
    assert texts[0] == faq.answer_in("ja") + "\n" + text("faq_source", "ja", url=faq.source)
    assert not any("🚨" in t for t in texts)


QUESTIONS = {"ja": "昨日近所で火事があった", "en": "how do i prepare for a tsunami",
             "zh": "119是免费的吗", "ko": "지진이 나면 어떻게 해야 하나요",
             "vi": "nếu có cháy thì phải làm gì"}


@pytest.mark.parametrize("language, question", QUESTIONS.items())
def test_questions_about_emergencies_raise_no_alarm(assistant, language, question):
    sender = _sender("question")
    texts = _texts(assistant.say(sender, question))
    assert texts and not any("🚨" in t for t in texts)
    assert assistant.slots(sender)["language"] == language


PHRASE_CARD_REQUESTS = {"ja": "119に電話するとき何を言えばいい", "en": "what should i say when i call 119",
                        "zh": "打119电话时应该说什么", "ko": "119 전화할 때 뭐라고 해요",
                        "vi": "gọi 119 thì phải nói gì"}


@pytest.mark.parametrize("language, request_text", PHRASE_CARD_REQUESTS.items())
def test_asking_what_to_say_on_119_shows_the_phrase_card(assistant, language, request_text):
    texts = _texts(assistant.say(_sender("card"), request_text))
    assert texts[0].splitlines()[0] == text("phrase_card_title_119", language)
    assert "「救急です」" in texts[0]


# Situations beyond the cue lists' words, as residents describe them (this file's own wording).
SITUATIONS = [
    ("ko", "누가 베란다 문 열고 들어오려고 해요 지금 혼자 있어요", {"crime"}, "110"),
    ("zh", "孩子刚才把洗衣凝珠咬破吞下去了 嘴里都是泡", {"poisoning"}, "119"),
    ("zh", "我爸刚才突然半边脸歪了 说话也含糊不清", {"medical"}, "119"),
    ("en", "my husband cut his thigh with the chainsaw and the blood wont stop soaking through",
     {"medical"}, "119"),
    ("ja", "友達がいまから死ぬってLINEしてきて 薬を全部飲んだって", {"suicide", "poisoning", "medical"},
     "119"),
    ("vi", "nuoc song tran vao nha e roi dang ngap len tang 1", {"flood", "tsunami"}, "119"),
    ("ja-easy", "くるま と じてんしゃ が ぶつかった。 じてんしゃ の ひと が うごかない", {"medical", "trapped"},
     "119"),
]


@pytest.mark.parametrize("language, message, kinds, number", SITUATIONS)
def test_an_emergency_described_in_everyday_words_leads_with_the_number(
        assistant, language, message, kinds, number):
    sender = _sender("situation")
    assistant.say(sender, '/choose_language{"language": "%s"}' % language)
    replies = assistant.say(sender, message)
    first = replies[0]
    assert first["text"] in [text(f"emergency_help_{kind}", language) for kind in kinds]
    assert number in first["text"] and first["buttons"][0]["payload"] == f"tel:{number}"


LOOK_ALIKES = [
    ("ja", "献血ってどこでできますか"), ("ja-easy", "きのう じしん が ありました。 いえ は だいじょうぶ です"),
    ("en", "can we do fireworks on the beach this summer"), ("zh", "上周出了点小车祸 没人受伤 保险怎么弄"),
    ("ko", "다음주 아파트 소방훈련 꼭 참가해야 돼요?"), ("vi", "lớp học sơ cứu cho người nước ngoài ở đâu có"),
]


@pytest.mark.parametrize("language, message", LOOK_ALIKES)
def test_a_message_that_only_sounds_like_an_emergency_raises_no_alarm(assistant, language,
                                                                      message):
    sender = _sender("look-alike")
    assistant.say(sender, '/choose_language{"language": "%s"}' % language)
    texts = _texts(assistant.say(sender, message))
    assert texts and not any(t.startswith("🚨") for t in texts), texts


@pytest.mark.parametrize("language", ["ja", "en", "vi"])
def test_a_suicide_reply_gives_119_110_and_a_line_that_listens_as_buttons(assistant, language):
    sender = _sender("suicide")
    assistant.say(sender, '/choose_language{"language": "%s"}' % language)
    replies = assistant.say(sender, '/report_emergency{"emergency_kind": "suicide"}')
    assert replies[0]["text"] == text("emergency_help_suicide", language)
    assert [b["payload"] for b in replies[0]["buttons"]] == [
        "tel:119", "tel:110", "tel:0120-279-338"]
