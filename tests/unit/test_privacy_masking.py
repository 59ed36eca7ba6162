"""A My Number, phone number or e-mail address never reaches storage or reports unmasked."""

import pytest

from bot.privacy.masking import (
    EMAIL_MASK, MY_NUMBER_MASK, PHONE_MASK, contains_my_number, is_my_number,
    mask_personal_data, mask_strings,
)

VALID = "123456789018"  # check digit 8 is right for 12345678901


def test_check_digit():
    assert is_my_number(VALID)
    assert not is_my_number("123456789012")  # same digits, wrong check digit
    assert not is_my_number("12345678901")  # too short


@pytest.mark.parametrize("written", [
    VALID, "1234 5678 9018", "1234-5678-9018", "１２３４５６７８９０１８", "１２３４－５６７８－９０１８",
])
def test_my_number_is_masked_however_it_is_typed(written):
    masked = mask_personal_data(f"私のマイナンバーは{written}です")
    assert masked == f"私のマイナンバーは{MY_NUMBER_MASK}です"
    assert contains_my_number(written)
    digits_left = "".join(ch for ch in masked if ch.isdigit())
    assert digits_left == ""


def test_phone_numbers_and_email_addresses_are_masked():
    masked = mask_personal_data("call 090-1234-5678 or 043 223 2110, mail taro.y@example.co.jp")
    assert masked == f"call {PHONE_MASK} or {PHONE_MASK}, mail {EMAIL_MASK}"


@pytest.mark.parametrize("text", ["#7119に電話", "119番", "2026-11-28に転入", "郵便番号 260-8667"])
def test_ordinary_numbers_stay(text):
    assert mask_personal_data(text) == text


@pytest.mark.parametrize("text", ["受付 2026.12.07 0000", "予約 2026/12/07 0000 から",
                                  "2025-03-15 0001に電話しました"])
def test_a_date_and_a_time_stay_even_when_their_digits_pass_the_check(text):
    assert is_my_number("".join(ch for ch in text if ch.isdigit()))
    assert mask_personal_data(text) == text
    assert MY_NUMBER_MASK in mask_personal_data("マイナンバーは 2026.12.07 0000")  # said to be one


def test_a_twelve_digit_number_with_a_wrong_check_digit_stays_readable():
    for written in ("123456789012", "1234 5678 9012", "０１２３４５６７８９０１"):
        assert mask_personal_data(f"受付番号 {written}") == f"受付番号 {written}"


@pytest.mark.parametrize("payload", [
    '/share_location{"latitude": 35.6047, "longitude": 140.1233}',
    '/share_location{"latitude": 35.604712345678, "longitude": 140.123312345678}',
    '/share_location{"latitude": 35.123456789018, "longitude": 140.0435678901}',
    '/choose_language{"language": "ja-easy"}',
    '/ask_question{"faq_id": "my_number_card_renewal"}',
])
def test_payloads_are_not_damaged(payload):
    assert mask_personal_data(payload) == payload


@pytest.mark.parametrize("written, masked", [
    ("+81 90-1234-5678", PHONE_MASK),
    ("TEL.043-223-2110", "TEL." + PHONE_MASK),
    ("(043)223-2110", PHONE_MASK),
])
def test_phone_numbers_however_written(written, masked):
    assert mask_personal_data(f"連絡先 {written}") == f"連絡先 {masked}"


def test_mask_strings_reaches_every_string_and_keeps_the_rest():
    value = {"text": "番号 123456789018", "n": 123456789018, "list": ["a@b.jp", ("x", 1)]}
    assert mask_strings(value) == {"text": f"番号 {MY_NUMBER_MASK}", "n": 123456789018,
                                   "list": [EMAIL_MASK, ("x", 1)]}
