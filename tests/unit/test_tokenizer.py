"""Tokens feed the intent classifier; their offsets must point at the original text."""

import pytest
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.multilingual_tokenizer import MultilingualTokenizer, tokenize_text
from bot.text_normalization import normalize


def _check_offsets(text, tokens):
    for token in tokens:
        assert text[token.start : token.end] == token.text
    starts = [t.start for t in tokens]
    assert starts == sorted(starts)


def test_japanese_words_and_lemmas():
    text = "引っ越しの手続きを教えてください"
    tokens = tokenize_text(text)
    _check_offsets(text, tokens)
    assert [t.text for t in tokens][:4] == ["引っ越し", "の", "手続き", "を"]
    assert "教える" in [t.lemma for t in tokens]  # 教え → dictionary form


def test_japanese_verb_inflections_share_a_lemma():
    past = {t.lemma for t in tokenize_text("市役所に行った")}
    polite = {t.lemma for t in tokenize_text("市役所に行きます")}
    assert "行く" in past & polite


def test_half_width_katakana_and_full_width_latin_keep_original_offsets():
    text = "ｼﾞｭｳﾐﾝﾋｮｳ　ＭｙＮｕｍｂｅｒカード"
    tokens = tokenize_text(text)
    _check_offsets(text, tokens)
    lemmas = [t.lemma for t in tokens]
    assert "mynumber" in lemmas
    assert any("ジュウミン" in lemma or "住民" in lemma for lemma in lemmas)
    assert tokens[-1].end == len(text)


def test_chinese_is_segmented_into_words():
    text = "我想办理住民票，在哪里办？"
    tokens = tokenize_text(text)
    _check_offsets(text, tokens)
    words = [t.text for t in tokens]
    assert "办理" in words and "哪里" in words
    assert len(tokens) < len(text)  # words, not characters
    assert len(tokens) > 3  # and not one token for the whole sentence


@pytest.mark.parametrize(
    "text, expected",
    [
        ("안녕하세요, 주민표는 어디서?", ["안녕하세요", ",", "주민표는", "어디서", "?"]),
        ("Tôi muốn hỏi về thẻ My Number!", ["Tôi", "muốn", "hỏi", "về", "thẻ", "My", "Number", "!"]),
        ("Where's the city hall?", ["Where", "'s", "the", "city", "hall", "?"]),
    ],
)
def test_space_separated_languages(text, expected):
    tokens = tokenize_text(text)
    _check_offsets(text, tokens)
    assert [t.text for t in tokens] == expected


def test_lemmas_are_lower_case_normalised_forms():
    tokens = tokenize_text("ＨＥＬＬＯ World")
    assert [t.lemma for t in tokens] == ["hello", "world"]


def test_entity_span_survives_tokenization():
    text = "ｶﾞｲﾄﾞの[マイナンバーカード]について"
    plain = text.replace("[", "").replace("]", "")
    start = plain.index("マイナンバーカード")
    end = start + len("マイナンバーカード")
    tokens = tokenize_text(plain)
    covered = [t for t in tokens if t.start >= start and t.end <= end]
    assert "".join(t.text for t in covered) == "マイナンバーカード"
    assert covered[0].start == start and covered[-1].end == end


def test_rasa_component_sets_tokens_on_messages():
    tokenizer = MultilingualTokenizer(MultilingualTokenizer.get_default_config())
    message = Message({TEXT: "住民票がほしい"})
    tokenizer.process([message])
    assert [t.text for t in message.get("text_tokens")][:2] == ["住民", "票"]


def test_normalize_maps_every_character_back():
    text = "ｶﾞｲﾄﾞＡ１"
    normalized = normalize(text)
    assert normalized.text == "ガイドA1"
    assert normalized.original_span(0, 1) == (0, 2)  # ガ came from ｶﾞ
    assert normalized.original_span(0, len(normalized.text)) == (0, len(text))
