"""Masks My Numbers, phone numbers and e-mail addresses in text residents write.

A My Number (個人番号) is 12 digits whose last digit is a check digit. Residents write it in
every form a keyboard or an input method produces: full-width or kanji digits, grouped by
spaces (ideographic, non-breaking, several), hyphens and dashes (the minus sign − that Japanese
input methods often give, ー, en and em dashes, " - "), dots, slashes, ・, commas, even
zero-width spaces. A 12-digit number is a My Number when its check digit is right, or when the
words before it say it is one, in any of the six languages ("マイナンバーは…", "my number
is…": a mistyped My Number is still one); other 12-digit numbers (a receipt number, a date
with a time after it) stay readable. Digits after a decimal point are never personal data: a
payload such as `/share_location{"latitude": 35.604712345678, …}` stays intact.
"""

from functools import lru_cache
import re
import unicodedata
from typing import Any

MY_NUMBER_MASK = "[個人番号]"
PHONE_MASK = "[電話番号]"
EMAIL_MASK = "[メール]"

# Between two digits: up to three of spaces, zero-width characters, hyphens and dashes,
# dots, slashes, commas and underscores ("1234 - 5678", "1234・5678", "1234\u200b5678").
_SEPARATOR = (r"[\s\u200b-\u200d\u2060\ufeff\-\u2010-\u2015\u2212\u2043\u30fc\ufe58\ufe63"
              r".\u3002\u30fb\u00b7/,_]{0,3}")
_NOT_IN_A_NUMBER = r"(?<!\d)(?<!\d\.)"  # nor in a decimal fraction (coordinates)
_TWELVE_DIGITS = re.compile(_NOT_IN_A_NUMBER + r"(?:\d" + _SEPARATOR + r"){11}\d(?!\d)")
# Kanji digits, which an input method may give ("一二三四…"); one character for one.
_KANJI_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
# Words that introduce a My Number, up to a few characters before it ("マイナンバーは",
# "My Number: ", "제 마이넘버는 ", "số định danh cá nhân là ").
MY_NUMBER_WORDS = re.compile(
    r"(?:マイナンバー|まいなんばー|マイナ番号|個人番号|こじんばんごう|my\s*number|"
    r"个人编号|個人編號|个人番号|個人號碼|个人号码|마이\s*넘버|개인\s*번호|"
    r"m[aã] s[oố] c[aá] nh[aâ]n|m[aã] s[oố] đ[iị]nh danh|s[oố] đ[iị]nh danh)", re.IGNORECASE)
_INTRODUCED = re.compile(MY_NUMBER_WORDS.pattern + r"\D{0,12}$", re.IGNORECASE)
_CONTEXT = 40  # characters before a number where its introduction is looked for
# A date written with separators, then more digits ("2026/12/07 1430", "2026.12.07 2026/…"):
# one in eleven such runs has a valid check digit, and nobody groups a My Number 4-2-2.
_DATED = re.compile(r"(?:19|20)\d\d([./-])(?:0[1-9]|1[0-2])\1(?:0[1-9]|[12]\d|3[01])\D")
# Starts only where a run of address characters starts, and an address's parts are bounded
# (RFC 5321: 64 before the @, 63 per label): matching stays linear in the message's length
# ("aaaa…" a million times took minutes when every position of the run was tried again).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
# Japanese numbers start with 0 and have 10 or 11 digits (03-1234-5678, 090 1234 5678,
# 0120-95-0178); international ones start with + (+81 90-1234-5678).
_PHONE = re.compile(_NOT_IN_A_NUMBER + r"(?<!#)(?:\+\d{1,3}[\s-]?\(?0?\)?\d{1,4}|\(?0\d{1,4}\)?)"
                    r"[\s-]?\d{1,4}[\s-]?\d{3,4}(?!\d)")
_DOMESTIC_PHONE_DIGITS = (10, 11)
_MIN_INTERNATIONAL_PHONE_DIGITS = 10
# Where two kinds overlap, the My Number wins (its mask says what the resident must not send).
_PRIORITY = {"my_number": 0, "email": 1, "phone": 2}


def is_my_number(digits: str) -> bool:
    """True for 12 digits whose check digit is valid (総務省令 第5条 の検査用数字)."""
    if len(digits) != 12 or not digits.isdigit():
        return False
    body = [int(d) for d in digits[:11]][::-1]  # P1 is the digit next to the check digit
    total = sum(p * (n + 1 if n <= 6 else n - 5) for n, p in enumerate(body, start=1))
    remainder = total % 11
    check = 0 if remainder <= 1 else 11 - remainder
    return check == int(digits[11])


@lru_cache(maxsize=4096)  # a long message repeats its characters: each is folded once
def _fold_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch  # one character for one: positions stay


def _fold_digits(text: str) -> str:
    """Full-width and kanji digits, hyphens and spaces to ASCII, keeping every position."""
    return "".join(_fold_char(ch) for ch in text).translate(_KANJI_DIGITS)


def _is_decimal_fraction(written: str) -> bool:
    """"35.6047123456": digits around a single dot are a number with decimals."""
    return re.sub(r"\d", "", written) == "."


def _my_number_spans(folded: str):
    for match in _TWELVE_DIGITS.finditer(folded):
        written = match.group(0)
        if _is_decimal_fraction(written):
            continue
        introduced = _INTRODUCED.search(folded[max(0, match.start() - _CONTEXT):match.start()])
        if introduced or (is_my_number(re.sub(r"\D", "", written)) and not _DATED.match(written)):
            yield match.start(), match.end()


def contains_my_number(text: str) -> bool:
    return any(True for _ in _my_number_spans(_fold_digits(text)))


def _is_phone_number(written: str) -> bool:
    digits = len(re.sub(r"\D", "", written))
    if written.startswith("+"):
        return digits >= _MIN_INTERNATIONAL_PHONE_DIGITS
    return digits in _DOMESTIC_PHONE_DIGITS


def mask_personal_data(text: str) -> str:
    folded = _fold_digits(text)
    spans = [(start, end, "my_number") for start, end in _my_number_spans(folded)]
    spans += [(m.start(), m.end(), "email") for m in _EMAIL.finditer(folded)]
    spans += [(m.start(), m.end(), "phone") for m in _PHONE.finditer(folded)
              if _is_phone_number(m.group(0))]
    masks = {"my_number": MY_NUMBER_MASK, "email": EMAIL_MASK, "phone": PHONE_MASK}
    pieces, last = [], 0
    for start, end, kind in sorted(spans, key=lambda span: (span[0], _PRIORITY[span[2]])):
        if start < last:  # overlaps a span already masked
            continue
        pieces += [text[last:start], masks[kind]]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def mask_strings(value: Any) -> Any:
    """`value` with personal data masked in every string it holds (dicts, lists, tuples)."""
    if isinstance(value, str):
        return mask_personal_data(value)
    if isinstance(value, dict):
        return {key: mask_strings(item) for key, item in value.items()}
    if type(value) in (list, tuple):  # not a named tuple: it has no constructor from items
        return type(value)(mask_strings(item) for item in value)
    return value


def mask_message(message: Any) -> None:
    """A UserMessage's or a UserUttered event's text, metadata and parse result's text,
    masked in place."""
    if message.text:
        message.text = mask_personal_data(message.text)
    if getattr(message, "metadata", None):
        message.metadata = mask_strings(message.metadata)
    parse_data = message.parse_data
    if isinstance(parse_data, dict) and isinstance(parse_data.get("text"), str):
        message.parse_data = dict(parse_data, text=mask_personal_data(parse_data["text"]))
