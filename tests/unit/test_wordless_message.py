import pytest

from bot.nlu.wordless_message import is_wordless


@pytest.mark.parametrize("text", ["。。。", "？？？", "...", "!?", " 、 ", "……"])
def test_punctuation_alone_is_wordless(text):
    assert is_wordless(text)


@pytest.mark.parametrize("text", ["OK", "119", "👍", "はい。", "?a", "/affirm", "", "   "])
def test_anything_with_a_word_number_symbol_or_payload_is_not(text):
    assert not is_wordless(text)
