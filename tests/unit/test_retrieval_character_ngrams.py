"""Character n-grams match what residents type, however they spell it."""

import pytest

from bot.retrieval.character_ngrams import CharacterNgrams, fold, ngrams

QUESTIONS = [
    ["구급차 번호가 뭐예요", "구급차 부르는 법"],  # 0: ambulance
    ["주민표는 어디서 발급해요"],  # 1: residence certificate
    ["Làm thế nào để gọi xe cấp cứu"],  # 2: Vietnamese, with diacritics
]
ANSWERS = ["119에 전화하세요.", "시청 창구에서 발급합니다.", "Gọi 119."]


@pytest.fixture(scope="module")
def korean():
    return CharacterNgrams("ko", QUESTIONS[:2], ANSWERS[:2])


def test_an_inflected_korean_question_is_closest_to_the_faq_it_shares_words_with(korean):
    scores = korean.scores("구급차를 불렀어요")
    assert scores.argmax() == 0 and scores[0] > scores[1]


def test_a_question_sharing_no_characters_scores_zero(korean):
    assert korean.scores("xyz").tolist() == [0.0, 0.0]
    assert korean.scores("").tolist() == [0.0, 0.0]


def test_vietnamese_without_diacritics_matches_the_text_with_them():
    index = CharacterNgrams("vi", [QUESTIONS[1], QUESTIONS[2]], ANSWERS[1:])
    with_marks, without = index.scores("gọi xe cấp cứu"), index.scores("goi xe cap cuu")
    assert without.argmax() == 1
    assert without[1] == pytest.approx(with_marks[1])


def test_folds_follow_the_language():
    assert fold("報警", "zh") == "报警"
    assert fold("ＭＹ ＮＵＭＢＥＲ", "en") == "my number"
    assert fold("マイナカード", "ja") == "マイナンバーカード"


def test_ngrams_mark_word_edges():
    grams = ngrams("ab cd")
    assert {" a", "ab", "b ", " ab", "ab "} <= set(grams)
    assert " " not in grams and "b c" not in grams  # never across words
