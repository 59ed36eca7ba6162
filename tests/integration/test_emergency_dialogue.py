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
    assert _payloads(replies) == [card_button]
    card = _texts(assistant.say(sender, card_button))
    number = "110" if kind == "crime" else "119"
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
