"""Each language's analyzer folds the spellings residents actually use."""

import pytest

from bot.retrieval.analyzers import analyze, analysis_language, english_stem
from bot.retrieval.chinese_variants import to_simplified


def terms(text, language):
    return analyze(text, language).terms


@pytest.mark.parametrize("spelling", ["引っ越し", "引越し", "引越", "転居", "ひっこし"])
def test_japanese_moving_house_spellings_share_one_term(spelling):
    assert "引っ越し" in terms(f"{spelling}の手続き", "ja")


def test_japanese_okurigana_and_kana_spellings():
    assert terms("申込み", "ja") == terms("申し込み", "ja") == terms("申込", "ja")
    assert terms("ゴミ", "ja") == terms("ごみ", "ja")
    assert terms("子ども", "ja") == terms("こども", "ja") == terms("子供", "ja")


def test_japanese_full_and_half_width():
    assert terms("ﾏｲﾅﾝﾊﾞｰｶｰﾄﾞ", "ja") == terms("マイナンバーカード", "ja")
    assert terms("ＪＲ１２３", "ja") == terms("jr123", "ja")


def test_japanese_old_kanji_forms():
    assert terms("舊住所の證明書", "ja") == terms("旧住所の証明書", "ja")


def test_japanese_drops_particles_and_punctuation():
    assert terms("住民票を、取りたいです。", "ja") == ["住民", "票", "取る"]


def test_easy_japanese_uses_the_japanese_analyzer():
    assert analysis_language("ja-easy") == "ja"
    assert "引っ越し" in terms("ひっこし の てつづき", "ja-easy")


def test_japanese_words_keep_spellings_for_vector_lookup():
    words = analyze("引越しした", "ja").words
    assert words[0][0] == "引っ越し"
    assert "引越し" in words[0][1]


def test_traditional_chinese_folds_to_simplified():
    assert to_simplified("搬家後要辦什麼手續") == "搬家后要办什么手续"
    assert terms("報警要打幾號", "zh") == terms("报警要打几号", "zh")


def test_japanese_short_form_of_my_number_card_is_the_card():
    assert set(terms("マイナンバーカード", "ja")) <= set(terms("マイナカードをなくした", "ja"))
    assert terms("個人編號卡的證明書", "zh") == terms("个人编号卡的证明书", "zh")
    # words and their characters: a different segmentation still shares characters
    assert {"证明书", "#证", "#明", "#书"} <= set(terms("证明书", "zh"))


def test_vietnamese_with_and_without_diacritics_share_terms():
    with_marks = set(terms("Đăng ký địa chỉ mới", "vi"))
    without = set(terms("dang ky dia chi moi", "vi"))
    assert "~dang" in with_marks and "~dang" in without
    assert "~dia_chi" in with_marks and "~dia_chi" in without
    assert "địa" in with_marks  # exact syllables still count when written with marks


def test_korean_particles_and_syllable_bigrams():
    with_particle = set(terms("전입신고를 하고 싶어요", "ko"))
    assert "전입신고" in with_particle
    assert "~입신" in with_particle
    assert set(terms("전입신고", "ko")) <= with_particle


@pytest.mark.parametrize("verb", ["신고해야 돼요", "신고하려면", "신고했어요", "신고할 수 있나요"])
def test_korean_verb_endings_and_hada_fold_to_the_noun(verb):
    # The noun a resident's verb is built on matches the FAQ's "전입 신고" however it ends.
    assert "신고" in terms(verb, "ko")


def test_korean_nouns_keep_their_last_syllable():
    assert "공항" in terms("공항에서", "ko")
    assert "보험료" in terms("보험료", "ko")


@pytest.mark.parametrize("word", ["moving", "moved", "moves", "move"])
def test_english_light_stemming(word):
    assert english_stem(word) == "mov"


def test_english_stop_words_and_case():
    assert terms("How do I get a Residence Certificate?", "en") == ["residenc", "certificat"]


@pytest.mark.parametrize("text", ["i'm moving now", "just moving, don't know", "I’ve been moving",
                                  "we're moving after all"])
def test_english_chat_fillers_and_contraction_pieces_carry_no_topic(text):
    # NLTK's stop words: "now", "after", and what splitting at the apostrophe leaves (i m,
    # don t, i ve, we re), straight or curly.
    assert terms(text, "en") == ["mov"]


def test_english_topic_words_are_kept():
    assert terms("I can't find my card, can I move the appointment", "en") == [
        "find", "card", "mov", "appointment"]
