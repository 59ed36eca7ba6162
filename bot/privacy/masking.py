"""Masks My Numbers, phone numbers and e-mail addresses in text residents write.

A My Number (個人番号) is 12 digits whose last digit is a check digit; residents type it with
spaces or hyphens, in full-width digits too. Only numbers whose check digit is right are
treated as My Numbers, so other 12-digit numbers (a receipt number) are left readable —
unless they look like a phone number, which is masked anyway.
"""

import re
import unicodedata

MY_NUMBER_MASK = "[個人番号]"
PHONE_MASK = "[電話番号]"
EMAIL_MASK = "[メール]"

_SEPARATOR = r"[\s\-‐－ー―]?"
_TWELVE_DIGITS = re.compile(r"(?<!\d)(?:\d" + _SEPARATOR + r"){11}\d(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Japanese numbers (03-1234-5678, 090 1234 5678, 0120-95-0178) and international (+81 …).
_PHONE = re.compile(r"(?<![\d#])(?:\+\d{1,3}[\s-]?)?\(?0?\d{1,4}\)?[\s-]?\d{1,4}[\s-]?\d{3,4}(?!\d)")
_MIN_PHONE_DIGITS = 10


def is_my_number(digits: str) -> bool:
    """True for 12 digits whose check digit is valid (総務省令 第5条 の検査用数字)."""
    if len(digits) != 12 or not digits.isdigit():
        return False
    body = [int(d) for d in digits[:11]][::-1]  # P1 is the digit next to the check digit
    total = sum(p * (n + 1 if n <= 6 else n - 5) for n, p in enumerate(body, start=1))
    remainder = total % 11
    check = 0 if remainder <= 1 else 11 - remainder
    return check == int(digits[11])


def _fold_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch  # one character for one: positions stay


def _fold_digits(text: str) -> str:
    """Full-width digits and hyphens to ASCII, keeping every character's position."""
    return "".join(_fold_char(ch) for ch in text)


def _my_number_spans(folded: str):
    for match in _TWELVE_DIGITS.finditer(folded):
        if is_my_number(re.sub(r"\D", "", match.group(0))):
            yield match.start(), match.end()


def contains_my_number(text: str) -> bool:
    return any(True for _ in _my_number_spans(_fold_digits(text)))


def mask_personal_data(text: str) -> str:
    folded = _fold_digits(text)
    pieces, last = [], 0
    spans = [(start, end, MY_NUMBER_MASK) for start, end in _my_number_spans(folded)]
    for match in _EMAIL.finditer(folded):
        spans.append((match.start(), match.end(), EMAIL_MASK))
    for match in _PHONE.finditer(folded):
        if len(re.sub(r"\D", "", match.group(0))) >= _MIN_PHONE_DIGITS:
            spans.append((match.start(), match.end(), PHONE_MASK))
    for start, end, mask in sorted(spans):
        if start < last:  # overlaps a span already masked
            continue
        pieces += [text[last:start], mask]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)
