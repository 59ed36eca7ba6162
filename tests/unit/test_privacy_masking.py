"""A My Number, phone number or e-mail address never reaches storage or reports unmasked."""

import pytest

from bot.privacy.masking import (
    EMAIL_MASK, MY_NUMBER_MASK, PHONE_MASK, contains_my_number, is_my_number,
    mask_personal_data,
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
