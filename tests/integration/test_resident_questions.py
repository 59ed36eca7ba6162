"""What residents see for the kinds of message that used to go wrong (issue: answers residents can
trust), in every language, through the REST webhook of a real assistant: a question is answered
from the FAQs even when it names a language, greets or carries odd symbols; no answer is said
plainly; the conversation's language changes only on request; follow-ups stay on topic; a
question about the emergency numbers always shows them. Wordings are this file's own."""

import itertools
import json

import pytest

from bot.evaluation.conversations import read_reply
from bot.evaluation.reply_catalog import ReplyCatalog
from bot.i18n import text

pytestmark = pytest.mark.server

_ids = itertools.count()
CATALOG = ReplyCatalog()


def _ask(assistant, language, message, choose=True):
    sender = f"resident-{next(_ids)}"
    if choose:
        assistant.say(sender, "/choose_language" + json.dumps({"language": language}))
    return sender, assistant.say(sender, message)


def _reading(replies, language):
    return read_reply(CATALOG, replies, language)


def _about(reading, faq_id):
    """Answered by the FAQ, or offered it among the related answers."""
    return reading.faq_id == faq_id or faq_id in reading.suggested


@pytest.mark.parametrize("language, message", [
    ("ja", "ベトナム語が通じるお医者さんって千葉にいますか"),
    ("ja-easy", "えいご が わかる びょういん ありますか"),
    ("en", "any clinic near Kashiwa where the doctor speaks Chinese?"),
    ("zh", "附近有会说韩语的医生吗"),
    ("ko", "중국어 되는 병원 있나요"),
    ("vi", "có bác sĩ nào nói được tiếng Anh ở Chiba không"),
])
def test_a_language_named_in_a_question_does_not_switch_the_conversation(
        assistant, language, message):
    sender, replies = _ask(assistant, language, message)
    reading = _reading(replies, language)
    assert assistant.slots(sender)["language"] == language
    assert reading.languages and set(reading.languages) == {language}, reading.text
    assert reading.kind in ("answer", "unknown")  # never the language picker or a switch


@pytest.mark.parametrize("language, message", [
    ("ja", "警戒レベル3と4って何が違うの"),
    ("ja-easy", "けいかいレベル 4 は なに を する"),
    ("en", "what does evacuation level 4 mean for me"),
    ("zh", "警戒等级4是什么意思"),
    ("ko", "경계레벨 4가 무슨 뜻이에요"),
    ("vi", "cấp độ cảnh báo 4 nghĩa là gì"),
])
def test_a_question_about_alert_levels_is_answered_not_taken_for_a_subscription(
        assistant, language, message):
    _, replies = _ask(assistant, language, message)
    reading = _reading(replies, language)
    assert _about(reading, "disaster-alert-levels"), reading
    assert "subscribe" not in json.dumps(replies)


@pytest.mark.parametrize("language, message", [
    ("ja", "{{7*7}}"), ("en", "1' OR '1'='1' --"), ("zh", "${jndi:ldap://x}"),
    ("ko", "<img src=x onerror=alert(1)>"), ("vi", "908172635411 7788"),
    ("ja-easy", "0000000000000000"),
])
def test_odd_input_gets_a_plain_reply_not_the_phrase_card_or_an_emergency(
        assistant, language, message):
    _, replies = _ask(assistant, language, message)
    reading = _reading(replies, language)
    assert reading.kind in ("unknown", "other"), reading
    assert not reading.first_is_emergency
    assert text("phrase_card_title_119", language) not in reading.text


@pytest.mark.parametrize("language, message", [
    ("ja", "おはよう！住民票ってコンビニでもとれる？"),
    ("en", "hi there, can i get my juminhyo printed at a konbini?"),
    ("ko", "안녕하세요 편의점에서 주민표 뽑을 수 있나요"),
])
def test_a_greeting_with_a_question_gets_the_question_answered(assistant, language, message):
    _, replies = _ask(assistant, language, message)
    reading = _reading(replies, language)
    assert _about(reading, "procedures-residence-certificate-convenience-store"), reading
    assert assistant.text_of("utter_greet", language) not in reading.text


def _known_miss(*values, why):
    """A failure pattern not yet fixed for this wording: strict, so a fix shows up."""
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=why))


@pytest.mark.parametrize("language, message", [
    ("ja", "明日って雨ふる？"), ("en", "will it be sunny this weekend"), ("ko", "주말에 비 와요?"),
    _known_miss("zh", "今天千叶天气怎么样",
                why="DIET reads goodbye at 0.84 and the FAQs only guess: the short question "
                    "has too few words of its own to outweigh it"),
    _known_miss("vi", "mai troi co nang ko",
                why="every unaccented syllable is also in the 'no' examples (deny, 0.92)"),
    _known_miss("ja-easy", "あした あめ ですか",
                why="the heavy-rain FAQ's easy-Japanese examples match it surely (p 0.998)"),
])
def test_a_weather_question_gets_an_honest_answer_not_a_goodbye(assistant, language, message):
    _, replies = _ask(assistant, language, message)
    reading = _reading(replies, language)
    assert reading.kind == "unknown", reading
    assert assistant.text_of("utter_goodbye", language) not in reading.text


@pytest.mark.parametrize("message", ["lam the my number o dau vay mn",
                                     "the zairyu het han thi lam sao"])
def test_vietnamese_without_diacritics_stays_vietnamese(assistant, message):
    sender, replies = _ask(assistant, "vi", message)
    assert assistant.slots(sender)["language"] == "vi"
    assert set(_reading(replies, "vi").languages) == {"vi"}


@pytest.mark.parametrize("language, message", [
    ("ja", "先月大阪から千葉に越してきたけど役所で何すればいい？"),
    ("en", "we just arrived in Chiba from Nagoya, what do we have to file at city hall"),
    ("zh", "上个月刚从大阪搬来千叶 要去市役所办什么"),
])
def test_moving_here_is_not_answered_with_moving_away(assistant, language, message):
    _, replies = _ask(assistant, language, message)
    reading = _reading(replies, language)
    assert reading.faq_id != "procedures-moving-out", reading
    assert _about(reading, "procedures-moving-in"), reading


@pytest.mark.parametrize("language, message", [
    ("ja", "古い冷蔵庫を捨てたいんだけど粗大ごみで出せる？"),
    ("en", "how do i get rid of my old washing machine"),
    ("ko", "안 쓰는 에어컨 버리려면 어떻게 해요"),
])
def test_a_home_appliance_is_not_answered_with_the_bulky_waste_rules(
        assistant, language, message):
    """Fridges, washers, TVs and air conditioners fall under the home-appliance recycling law,
    which has its own FAQ: never the bulky-waste rules."""
    _, replies = _ask(assistant, language, message)
    reading = _reading(replies, language)
    assert reading.faq_id != "procedures-bulky-waste", reading
    assert _about(reading, "living-home-appliance-recycling"), reading


@pytest.mark.parametrize("language, message, number", [
    ("ja", "消防署って何番にかければいいの", "119"),
    ("ja-easy", "けいさつ の でんわ なんばん", "110"),
    ("en", "what do i dial for the fire brigade in japan", "119"),
    ("zh", "在日本报警打几号", "110"),
    ("ko", "일본에서 구급차 번호 몇 번이에요", "119"),
    ("vi", "goi canh sat o nhat so may", "110"),
])
def test_asking_for_an_emergency_number_always_shows_it(assistant, language, message, number):
    _, replies = _ask(assistant, language, message)
    reading = _reading(replies, language)
    assert number in reading.text, reading.text
    assert set(reading.languages) == {language}


def test_a_short_follow_up_is_read_in_the_topic_of_the_last_answer(assistant):
    sender, replies = _ask(assistant, "zh", '/ask_question{"faq_id": "medical-ambulance-number"}')
    follow_up = _reading(assistant.say(sender, "那要花钱吗"), "zh")
    assert _about(follow_up, "medical-ambulance-free"), follow_up


def test_the_evaluation_command_asks_a_running_assistant(assistant, tmp_path, capsys):
    from bot.__main__ import main

    lines = [
        {"lang": "en", "question": "can i print my juminhyo at a convenience store",
         "expect": "procedures-residence-certificate-convenience-store", "half": "tuning"},
        {"lang": "ja", "question": "台所が燃えてる！", "expect": "emergency", "half": "tuning"},
        {"lang": "ko", "question": "주말에 비 와요?", "expect": "not-covered", "half": "heldout"},
    ]
    path = tmp_path / "questions.jsonl"
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines),
                    encoding="utf-8")
    assert main(["eval", "conversations", str(path), "--url", assistant.base_url]) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    overall = summary["overall"]
    assert (overall["n"], overall["emergency_first"], overall["not_covered_honest"],
            overall["language_ok"]) == (3, 1.0, 1.0, 1.0)
    assert summary["half:heldout:ko"]["n"] == 1 and summary["half:tuning"]["n"] == 2
