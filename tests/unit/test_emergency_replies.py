"""What a resident in an emergency reads, composed without a Rasa server: the NLU component
that makes the alarm win, the reply (number first, in their language) and the phrase card."""

import pytest
from rasa.shared.nlu.training_data.message import Message
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from bot.actions.emergency import ActionEmergencyHelp, ActionEmergencyPhraseCard
from bot.emergency.phrase_card import SOURCES, phrase_card_data, phrases, render
from bot.i18n import text
from bot.knowledge.faq_search import FaqMatch
from bot.langid import detect
from bot.languages import LANGUAGES
from bot.nlu.emergency_classifier import EmergencyClassifier
from bot.nlu.message_decision import IntentVocabulary, decide

TRANSLATIONS = ("en", "zh", "ko", "vi")


def _parsed(text_, intent, ranking):
    message = Message(data={"text": text_, "intent": {"name": intent, "confidence": ranking[0][1]},
                            "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking],
                            "entities": []})
    return EmergencyClassifier().process([message])[0]


def test_an_emergency_becomes_report_emergency_with_full_confidence_and_its_kind():
    message = _parsed("父が倒れた！息してない", "ask_question", [("ask_question", 0.6), ("help", 0.2)])
    assert message.get("intent") == {"name": "report_emergency", "confidence": 1.0}
    assert [(e["entity"], e["value"]) for e in message.get("entities")] == \
        [("emergency_kind", "medical")]


def test_the_message_decision_keeps_the_alarm_even_when_diet_was_sure_of_something_else():
    message = _parsed("水があがってきてる 津波だ", "find_shelter",
                      [("find_shelter", 0.97), ("ask_topic", 0.02)])
    answer = FaqMatch("answer", [], 0.99, ["disaster-tsunami"])  # the FAQs know tsunamis too
    decision = decide(message.get("text"), message.get("intent")["name"],
                      [(r["name"], r["confidence"]) for r in message.get("intent_ranking")],
                      answer, IntentVocabulary({}))
    assert (decision.intent, decision.confidence, decision.faq) == ("report_emergency", 1.0, None)


def test_a_question_diet_took_for_an_emergency_gets_the_next_reading():
    message = _parsed("救急車は有料ですか", "report_emergency",
                      [("report_emergency", 0.7), ("ask_question", 0.25)])
    assert message.get("intent")["name"] == "ask_question"
    assert "report_emergency" not in [r["name"] for r in message.get("intent_ranking")]
    assert message.get("entities") == []


def test_other_messages_pass_unchanged():
    message = _parsed("こんにちは", "greet", [("greet", 0.9), ("thank", 0.05)])
    assert message.get("intent") == {"name": "greet", "confidence": 0.9}


def _tracker(language, kind=None, text_="/ask_emergency_phrases"):
    entities = [{"entity": "emergency_kind", "value": kind}] if kind else []
    message = {"intent": {"name": "report_emergency"}, "text": text_, "entities": entities}
    events = [{"event": "user", "text": text_, "parse_data": message}]
    return Tracker("resident", {"language": language}, message, events, False, None, {},
                   "action_listen")


async def _run(action, tracker):
    dispatcher = CollectingDispatcher()
    await action.run(dispatcher, tracker, {})
    return dispatcher.messages


@pytest.mark.asyncio
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind, number", [("fire", "119"), ("medical", "119"),
                                          ("trapped", "119"), ("crime", "110")])
async def test_the_first_line_is_the_number_to_call_then_what_to_say(language, kind, number):
    first, offer = await _run(ActionEmergencyHelp(), _tracker(language, kind))
    first_line, what_to_say = first["text"].split("\n", 1)
    assert number in first_line and "🚨" in first_line
    assert first["text"] == text(f"emergency_help_{kind}", language)
    said = {"fire": "火事です", "medical": "救急です", "trapped": "救急です", "crime": "事件です"}[kind]
    spoken = {"fire": "かじです", "medical": "きゅうきゅうです", "trapped": "きゅうきゅうです",
              "crime": "じけんです"}[kind]
    assert (spoken if language == "ja-easy" else said) in what_to_say
    assert offer["buttons"] == [{"title": text("button_phrase_card", language),
                                 "payload": f'/ask_emergency_phrases{{"emergency_kind": "{kind}"}}'}]


@pytest.mark.asyncio
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ["tsunami", "flood"])
async def test_water_reaching_you_means_high_ground_first_and_119_if_someone_is_in_danger(
        language, kind):
    first, _ = await _run(ActionEmergencyHelp(), _tracker(language, kind))
    first_line, rest = first["text"].split("\n", 1)
    assert "119" not in first_line and "119" in rest
    assert detect(first_line).language == ("ja" if language == "ja-easy" else language)


@pytest.mark.asyncio
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind, numbers", [
    ("poisoning", ["119", "072-727-2499", "029-852-9999"]),  # 119, then the poison centre
    ("suicide", ["119", "110", "0120-279-338"]),  # now, then a line that listens
])
async def test_poisoning_and_suicide_lead_with_119_then_the_line_for_advice(
        language, kind, numbers):
    first, _ = await _run(ActionEmergencyHelp(), _tracker(language, kind))
    first_line, rest = first["text"].split("\n", 1)
    assert "🚨" in first_line and first_line.index("119") < 40
    positions = [first["text"].index(number) for number in numbers]
    assert positions == sorted(positions)
    assert detect(first_line).language == ("ja" if language == "ja-easy" else language)


@pytest.mark.asyncio
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind, numbers", [
    ("fire", ["119"]), ("medical", ["119"]), ("tsunami", ["119"]), ("crime", ["110"]),
    ("poisoning", ["119", "072-727-2499"]), ("suicide", ["119", "110", "0120-279-338"]),
])
async def test_every_number_to_call_is_a_button_that_dials_it(language, kind, numbers):
    first, _ = await _run(ActionEmergencyHelp(), _tracker(language, kind))
    assert [b["payload"] for b in first["buttons"]] == [f"tel:{n}" for n in numbers]
    assert all(b["title"] == f"📞 {n}" for b, n in zip(first["buttons"], numbers))
    assert all(n in first["text"] for n in numbers)


@pytest.mark.parametrize("number", ["119", "110", "common"])
def test_every_phrase_has_japanese_a_reading_romaji_and_each_translation(number):
    for phrase in phrase_card_data()["cards"][number]:
        assert {"ja", "reading", "romaji", *TRANSLATIONS} <= set(phrase), phrase
        for language in TRANSLATIONS:
            assert detect(phrase[language]).language == language, (phrase, language)


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_the_119_card_shows_japanese_romaji_and_the_readers_language(language):
    card = render("119", language)
    assert card.splitlines()[0] == text("phrase_card_title_119", language)
    for phrase in phrases("119", language):
        assert f"「{phrase['ja']}」 {phrase['romaji']}\n　→ {phrase[language]}" in card
    assert SOURCES["119"] in card.splitlines()[-1]


def test_the_interpreter_request_names_the_readers_language_on_119_only():
    assert "英語の通訳をお願いします" in render("119", "en")
    assert "ベトナム語の通訳" in render("119", "vi")
    assert "通訳" not in render("110", "en")
    assert "通訳" not in render("119", "ja") and "つうやく" not in render("119", "ja-easy")


def test_japanese_readers_see_the_sentences_and_easy_japanese_readers_the_readings():
    assert "・「息をしていません」" in render("119", "ja")
    assert "・「息をしていません」\n　（いきを して いません）" in render("119", "ja-easy")
    assert "iki o shite imasen" not in render("119", "ja-easy")


@pytest.mark.asyncio
@pytest.mark.parametrize("kind, titles", [
    ("crime", ["phrase_card_title_110"]), ("fire", ["phrase_card_title_119"]),
    (None, ["phrase_card_title_119", "phrase_card_title_110"]),
])
async def test_the_card_button_shows_the_card_of_the_emergencys_number(kind, titles):
    messages = await _run(ActionEmergencyPhraseCard(), _tracker("ko", kind))
    assert [m["text"].splitlines()[0] for m in messages] == [text(t, "ko") for t in titles]
