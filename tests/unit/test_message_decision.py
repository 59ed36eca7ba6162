"""The one decision per message (bot.nlu.message_decision.decide), from made-up readings: which
of DIET's intent, the FAQs' match and a language request wins, and why."""

import pytest

from bot.knowledge.faq import Faq
from bot.knowledge.cli import load_all
from bot.knowledge.faq_search import FaqMatch
from bot.nlu.message_decision import ANSWERED_BY_ACTION, EMERGENCY_NUMBER_FAQS, \
    IntentVocabulary, decide, without_my_number
from bot.paths import KNOWLEDGE_DIR

VOCABULARY = IntentVocabulary.learn([
    ("greet", "こんにちは"), ("greet", "hello"), ("greet", "hi there"), ("greet", "xin chào"),
    ("choose_language", "English please"), ("choose_language", "change the language"),
    ("choose_language", "中文"), ("ask_emergency_phrases", "119に電話するとき何を言えばいい"),
    ("ask_emergency_phrases", "what do I say when I call 119"),
    ("find_shelter", "where is the nearest shelter"), ("find_shelter", "近くの避難所は"),
    ("subscribe_alerts", "send me disaster alerts"), ("subscribe_alerts", "防災通知を受け取りたい"),
    ("ask_question", "how do I get a residence certificate"),
    ("deny", "ko"), ("deny", "khong can"), ("help", "help"), ("help", "what can you do"),
    ("shared_my_number", "my my number is [個人番号]"),  # as in bot/data/nlu/shared_my_number.yml
    ("shared_my_number", "số My Number của tôi là [個人番号]"),
    ("shared_my_number", "제 마이넘버는 [個人番号]입니다"), ("shared_my_number", "我的个人编号是[個人番号]"),
])


def _faq(faq_id):
    return Faq(faq_id, "procedures", "", "https://example.org", None, {}, {}, {})


def _match(decision, *faq_ids, confidence=0.97):
    chosen = {"answer": list(faq_ids[:1]), "suggest": list(faq_ids), "unknown": []}[decision]
    return FaqMatch(decision, [_faq(i) for i in chosen], confidence, list(faq_ids),
                    [faq_id.split("-")[0] for faq_id in faq_ids])  # ids start with their topic


UNKNOWN = _match("unknown")


def _decide(text, ranking, match=UNKNOWN, intent=None):
    return decide(text, intent or ranking[0][0], ranking, match, VOCABULARY)


@pytest.mark.parametrize("text", ["English please", "中文", "Tiếng Việt"])
def test_a_request_for_a_language_chooses_it(text):
    assert _decide(text, [("greet", 0.6)]).intent == "choose_language"


@pytest.mark.parametrize("text", ["is there a doctor who speaks Vietnamese near Funabashi",
                                  "能换成日本的驾照吗 我有中国驾照和中文翻译件"])
def test_a_language_named_inside_a_question_is_part_of_the_question(text):
    decision = _decide(text, [("choose_language", 0.98), ("ask_question", 0.02)],
                       _match("answer", "medical-multilingual-hospitals-jnto"))
    assert decision.intent == "ask_question"
    assert decision.faq == {"decision": "answer", "faq_ids": ["medical-multilingual-hospitals-jnto"],
                            "confidence": 0.97}


def test_naming_two_languages_in_a_question_asks_for_neither():
    text = "English please doctor, i dont speak japanese"  # half of it choose_language's words
    decision = _decide(text, [("choose_language", 0.99), ("ask_question", 0.01)],
                       _match("suggest", "medical-multilingual-hospitals-jnto"))
    assert decision.intent == "ask_question"


def test_asking_to_change_the_language_without_naming_one_stays_a_request():
    assert _decide("change the language", [("choose_language", 0.95)]).intent == "choose_language"


def test_a_greeting_alone_is_a_greeting():
    assert _decide("hello", [("greet", 0.99)]).intent == "greet"


def test_a_greeting_with_a_question_the_faqs_answer_is_the_question():
    decision = _decide("こんにちは、住民票はどこで取れますか", [("greet", 0.9), ("ask_question", 0.1)],
                       _match("answer", "procedures-residence-certificate"))
    assert (decision.intent, decision.faq["faq_ids"]) == (
        "ask_question", ["procedures-residence-certificate"])


@pytest.mark.parametrize("text", ["{{7*7}}", "1' OR '1'='1", "受付番号 2024051800337781"])
def test_a_guess_without_the_intents_words_is_not_that_intent(text):
    decision = _decide(text, [("ask_emergency_phrases", 0.99), ("greet", 0.01)])
    assert decision.intent == "ask_question"
    assert decision.faq["decision"] == "unknown"


@pytest.mark.parametrize("faq_reading", ["unknown", "suggest"])
def test_a_long_message_without_small_talks_words_is_no_small_talk(faq_reading):
    # A keyboard mash DIET reads as a greeting: the honest "no answer" instead.
    text = "qwxz plmokn ujhbgt asdfgh zxcvbn ㅋㅋㅋㅋ"
    match = _match(faq_reading, "living-garbage", "living-noise", confidence=0.5) \
        if faq_reading != "unknown" else UNKNOWN
    assert _decide(text, [("greet", 0.99), ("ask_question", 0.01)], match).intent == "ask_question"
    assert _decide("hi there", [("greet", 0.99)], match).intent == "greet"


def test_a_shelter_search_needs_the_faqs_to_see_a_shelter_question():
    shelter = _decide("where is the nearest shelter", [("find_shelter", 0.97)],
                      _match("suggest", "disaster-nearest-shelter", "disaster-tsunami"))
    assert shelter.intent == "find_shelter"
    ramen = _decide("best ramen near the shelter street", [("find_shelter", 0.9)],
                    _match("suggest", "procedures-garbage-sorting", "disaster-nearest-shelter"))
    assert ramen.intent == "ask_question"


def test_a_long_message_hardly_in_a_no_or_a_menus_words_is_a_question():
    # Few telling pieces (unaccented Vietnamese is mostly everyday pairs), many words.
    pets = "di lanh nan mang theo meo dc ko a, e ko bo no o nha dc"
    decision = _decide(pets, [("deny", 0.89), ("ask_question", 0.11)],
                       _match("answer", "disaster-evacuation-with-pets"))
    assert (decision.intent, decision.faq["faq_ids"]) == (
        "ask_question", ["disaster-evacuation-with-pets"])
    menu = _decide("can you explain it in nepali i do not understand the health insurance",
                   [("help", 0.98)], _match("suggest", "medical-health-insurance-foreign-residents"))
    assert menu.intent == "ask_question"
    assert _decide("ko", [("deny", 0.99)]).intent == "deny"
    assert _decide("what can you do", [("help", 0.99)]).intent == "help"


def test_a_sure_shelter_search_naming_a_hazard_needs_no_faq_when_none_answers():
    search = "nearest shelter for an earthquake where"
    related = _match("suggest", "disaster-earthquake-what-to-do", "disaster-stay-put-after-quake")
    assert decide(search, "find_shelter", [("find_shelter", 0.99)], related, VOCABULARY,
                  names_a_hazard=True).intent == "find_shelter"
    # Unsure, or without a hazard, or where a FAQ answers, the FAQs decide.
    assert decide(search, "find_shelter", [("find_shelter", 0.7)], related, VOCABULARY,
                  names_a_hazard=True).intent == "ask_question"
    assert decide(search, "find_shelter", [("find_shelter", 0.99)], related,
                  VOCABULARY).intent == "ask_question"
    answered = _match("answer", "disaster-earthquake-what-to-do")
    assert decide(search, "find_shelter", [("find_shelter", 0.99)], answered, VOCABULARY,
                  names_a_hazard=True).intent == "ask_question"


def test_a_shelter_search_for_a_named_hazard_may_see_the_hazards_faq_first():
    tsunami = decide("nearest shelter for a tsunami", "find_shelter", [("find_shelter", 0.95)],
                     _match("suggest", "disaster-tsunami", "disaster-nearest-shelter"),
                     VOCABULARY, names_a_hazard=True)
    assert tsunami.intent == "find_shelter"


@pytest.mark.parametrize("text", ["{{7*7}} the my number", "solve x^2 - 5x + 6 = 0 for me"])
def test_the_phrase_card_needs_the_faqs_to_see_a_question_about_calling(text):
    decision = _decide(text, [("ask_emergency_phrases", 0.97)],
                       _match("suggest", "my-number-what-is", "procedures-moving-in"))
    assert decision.intent == "ask_question"


def test_a_question_about_alert_levels_is_not_a_subscription():
    decision = _decide("防災の警戒レベル4ってどういう意味", [("subscribe_alerts", 0.8)],
                       _match("answer", "disaster-alert-levels"))
    assert (decision.intent, decision.faq["faq_ids"]) == ("ask_question", ["disaster-alert-levels"])


def test_a_subscription_said_with_its_words_stays_one():
    assert _decide("防災通知を受け取りたい", [("subscribe_alerts", 0.95)]).intent == "subscribe_alerts"


def test_a_subscription_in_words_diet_is_sure_of_stays_one_when_the_faqs_only_guess():
    related = _match("suggest", "disaster-safety-tips-app", "disaster-alert-levels")
    assert _decide("send me alerts", [("subscribe_alerts", 0.96)], related).intent == (
        "subscribe_alerts")


def test_against_a_faqs_answer_a_change_needs_diet_sure():
    answer = _match("answer", "disaster-alert-levels")
    unsure = _decide("send me disaster alerts", [("subscribe_alerts", 0.85)], answer)
    sure = _decide("send me disaster alerts", [("subscribe_alerts", 0.95)], answer)
    assert (unsure.intent, sure.intent) == ("ask_question", "subscribe_alerts")


def test_the_phrase_card_needs_its_faq_in_the_topic_of_the_best_match():
    levels = _decide("119に電話するとき警戒レベル", [("ask_emergency_phrases", 0.9)],
                     _match("suggest", "disaster-alert-levels", "disaster-flood",
                            "medical-police-110"))
    assert levels.intent == "ask_question"
    card = _decide("119に電話するとき何を言えばいい", [("ask_emergency_phrases", 0.9)],
                   _match("suggest", "medical-119-interpreter", "medical-ambulance-number",
                          "medical-how-to-call-119"))
    assert card.intent == "ask_emergency_phrases"


def test_asking_for_an_emergency_number_is_a_question_whatever_diet_reads():
    decision = _decide("whats the number for the fire dept", [("help", 0.9)],
                       _match("suggest", "medical-fire-119", "medical-ambulance-number"))
    chat = _decide("who are you", [("bot_challenge", 0.9)],
                   _match("suggest", "medical-ambulance-number", confidence=0.5))
    assert chat.intent == "bot_challenge"  # chit-chat the number FAQ matches unsurely
    assert (decision.intent, decision.faq["faq_ids"][0]) == ("ask_question", "medical-fire-119")
    # Said in the help menu's own words, a sure number match still wins: that menu shows none;
    # a greeting in its own words stays one.
    help_vocabulary = IntentVocabulary.learn([("help", "what number can I call here"),
                                              ("greet", "hello hi there")])
    in_help_words = decide("what number here", "help", [("help", 0.9)],
                           _match("suggest", "medical-police-110", "medical-ambulance-number"),
                           help_vocabulary)
    assert in_help_words.intent == "ask_question"
    in_topic_words = decide("what number here", "ask_topic", [("ask_topic", 0.9)],
                            _match("suggest", "medical-fire-119", "medical-ambulance-number"),
                            IntentVocabulary.learn([("ask_topic", "what number here")]))
    assert in_topic_words.intent == "ask_question"  # the topic menu shows no number either
    greeting = _decide("hello hi there", [("greet", 0.9)],
                       _match("suggest", "medical-police-110", "medical-ambulance-number"))
    assert greeting.intent == "greet"
    card = _decide("119に電話するとき何を言えばいい", [("ask_emergency_phrases", 0.9)],
                   _match("suggest", "medical-ambulance-number", "medical-how-to-call-119"))
    assert card.intent == "ask_emergency_phrases"


def test_an_emergency_and_a_my_number_stay_decided():
    for intent in ("report_emergency", "shared_my_number"):
        decision = _decide("x", [(intent, 1.0)], _match("answer", "medical-ambulance-number"),
                           intent=intent)
        assert (decision.intent, decision.faq) == (intent, None)


@pytest.mark.parametrize("message, searched", [
    ("マイナンバーは[個人番号]です。カードをなくしました", "カードをなくしました"),
    ("my number is [個人番号], can I renew my card?", "can I renew my card"),
    ("私のマイナンバーは[個人番号]です", "私のマイナンバーは です"),
    ("カードをなくしました", "カードをなくしました")])
def test_the_faqs_are_searched_without_the_clause_holding_the_my_number(message, searched):
    assert " ".join(without_my_number(message).split()) == searched


def test_a_question_beside_a_my_number_carries_its_faq_decision():
    card = _match("answer", "my-number-card-validity")
    alone = _decide("my my number is  ", [("shared_my_number", 1.0)], card)
    assert (alone.intent, alone.faq) == ("shared_my_number", None)
    asked = _decide("my my number is  , is my card still valid until next year?",
                    [("shared_my_number", 1.0)], card)
    assert (asked.intent, asked.faq["faq_ids"]) == ("shared_my_number",
                                                    ["my-number-card-validity"])
    emergency = _decide("he collapsed, his my number is  ", [("report_emergency", 1.0)], card)
    assert emergency.faq is None
    # The words for My Number in any language are no question ("my personal number is …").
    for alone in ("mã số cá nhân của tôi là  ", "제 마이넘버는  입니다", "我的个人编号是  "):
        assert _decide(alone, [("shared_my_number", 1.0)], card).faq is None


def test_punctuation_alone_is_not_understood():
    decision = decide("。。。", None, [], UNKNOWN, VOCABULARY)
    assert decision.intent == "nlu_fallback"


def test_every_faq_the_decision_names_exists_in_the_knowledge_files():
    """A renamed FAQ would silently switch these rules off."""
    named = set(EMERGENCY_NUMBER_FAQS).union(*ANSWERED_BY_ACTION.values())
    assert named <= {faq.id for faq in load_all(KNOWLEDGE_DIR)[0]}
