"""Masking with no escape: every way a person or an input method writes a My Number.

The hostile review got the minus sign −, en and em dashes, " - ", dots, slashes, ・, zero-width
spaces and double spaces past the masking, into the tracker store, tickets and the log.
"""

import pytest

from bot.privacy.masking import MY_NUMBER_MASK, contains_my_number, mask_personal_data

VALID = "123456789018"  # check digit 8 is right for 12345678901
GROUPS = ("1234", "5678", "9018")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
KANJI = str.maketrans("0123456789", "〇一二三四五六七八九")

SEPARATORS = {
    "none": "", "space": " ", "two spaces": "  ", "ideographic space": "\u3000",
    "no-break space": "\u00a0", "tab": "\t", "line break": "\n", "hyphen": "-",
    "spaced hyphen": " - ", "minus sign": "\u2212", "spaced minus": " \u2212 ",
    "hyphen U+2010": "\u2010", "non-breaking hyphen": "\u2011", "figure dash": "\u2012",
    "en dash": "\u2013", "em dash": "\u2014", "horizontal bar": "\u2015",
    "katakana long mark": "ー", "half-width long mark": "ｰ", "full-width hyphen": "－",
    "small hyphen": "\ufe63", "dot": ".", "full-width dot": "．", "ideographic full stop": "。",
    "nakaguro": "・", "half-width nakaguro": "･", "middle dot": "·", "slash": "/",
    "full-width slash": "／", "comma": ",", "full-width comma": "，", "underscore": "_",
    "zero-width space": "\u200b", "zero-width joiner": "\u200d", "word joiner": "\u2060",
    "byte order mark": "\ufeff",
}
DIGIT_FORMS = {"ASCII": str.maketrans({}), "full-width": FULL_WIDTH, "kanji": KANJI}
SENTENCES = {
    "ja": "受付でこの番号を言えばいいですか {} よろしく",
    "en": "here it is {} thanks",
    "zh": "号码是{}，谢谢",
    "ko": "번호는 {} 입니다",
    "vi": "đây là {} nhé",
}


def _written(separator: str, digits: str) -> str:
    return separator.join(GROUPS).translate(DIGIT_FORMS[digits])


@pytest.mark.parametrize("digits", DIGIT_FORMS)
@pytest.mark.parametrize("separator", SEPARATORS)
def test_every_written_form_is_masked(separator, digits):
    written = _written(SEPARATORS[separator], digits)
    for language, sentence in SENTENCES.items():
        masked = mask_personal_data(sentence.format(written))
        assert masked == sentence.format(MY_NUMBER_MASK), (language, repr(written))
    assert contains_my_number(written)


def test_at_least_thirty_written_forms_are_covered():
    assert len(SEPARATORS) * len(DIGIT_FORMS) >= 30


WRONG_CHECK_DIGIT = "1234 5678 9012"
INTRODUCED = {
    "ja": "私のマイナンバーは{}です",
    "ja-easy": "わたしの まいなんばーは {} です",
    "ja (個人番号)": "個人番号：{}",
    "en": "My Number: {}, is that right?",
    "en (lower case)": "my number is {} can you check",
    "zh": "我的个人编号是{}",
    "ko": "제 마이넘버는 {}입니다",
    "ko (개인번호)": "개인번호 {} 맞나요",
    "vi": "mã số cá nhân của tôi là {}",
    "vi (no diacritics)": "ma so ca nhan cua toi la {}",
}


@pytest.mark.parametrize("language", INTRODUCED)
def test_a_mistyped_my_number_is_masked_when_it_is_introduced_as_one(language):
    sentence = INTRODUCED[language]
    for written in (WRONG_CHECK_DIGIT, "123456789012", "１２３４−５６７８−９０１２"):
        assert mask_personal_data(sentence.format(written)) == sentence.format(MY_NUMBER_MASK)


@pytest.mark.parametrize("text", [
    "受付番号 123456789012 の件です",  # a receipt number: wrong check digit, not introduced
    "注文番号は1234-5678-9012です",
    "my order number is 1234 5678 9012",
    '/share_location{"latitude": 35.6047123456, "longitude": 140.1233}',
    "2026.12.07 10:30",
    "郵便番号 260-8667、電話は #7119",
])
def test_other_numbers_stay_readable(text):
    assert mask_personal_data(text) == text


@pytest.mark.parametrize("pattern", ["a", "1", "1 ", "a.", "@", "a@", "a@b.", "あ", "1-", "+8",
                                     "(0", "１２３４ー"])
def test_masking_a_huge_message_does_not_hang(pattern):
    """Each pattern repeated to 300,000 characters: linear matching takes well under a second;
    the e-mail pattern, which tried every position of a run again, took minutes (a resident's
    message blocks every other resident's reply while it is masked)."""
    import signal

    def hung(signum, frame):
        raise TimeoutError(f"masking {pattern!r} × 300,000 did not finish")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    try:
        mask_personal_data(pattern * (300_000 // len(pattern)))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
