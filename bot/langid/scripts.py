"""Counts of the writing systems in a message: the first and strongest language signal."""

from dataclasses import dataclass
import unicodedata

# Letters only Vietnamese uses among our languages: đ ă ơ ư and the Latin Extended
# Additional block (ạ ả ấ ầ … ỹ), where Vietnamese tone marks live.
_VIETNAMESE_LETTERS = set("đĐăĂơƠưƯ")


def is_vietnamese_letter(ch: str) -> bool:
    return ch in _VIETNAMESE_LETTERS or "\u1ea0" <= ch <= "\u1ef9"


def is_han(ch: str) -> bool:
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF  # CJK Unified Ideographs
        or 0x3400 <= code <= 0x4DBF  # Extension A
        or 0xF900 <= code <= 0xFAFF  # Compatibility Ideographs
        or 0x20000 <= code <= 0x2FA1F  # Extensions B–F, compatibility supplement
        or ch in "々〆ヶ"  # Japanese iteration/abbreviation marks used inside kanji words
    )


def is_kana(ch: str) -> bool:
    code = ord(ch)
    # Hiragana, Katakana (the prolonged sound mark ー alone says little, so skip it).
    return (0x3041 <= code <= 0x309F or 0x30A1 <= code <= 0x30FA) or 0x31F0 <= code <= 0x31FF


def is_hangul(ch: str) -> bool:
    code = ord(ch)
    return 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F


def is_latin_letter(ch: str) -> bool:
    return ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN")


def is_hiragana(ch: str) -> bool:
    return 0x3041 <= ord(ch) <= 0x309F


@dataclass(frozen=True)
class ScriptCounts:
    kana: int
    # Hiragana other than の (which Chinese chat borrows for 的): Japanese grammar is written
    # in it; katakana alone are loanwords a Chinese message may quote (マイナンバーカード).
    hiragana: int
    han: int
    hangul: int
    latin: int
    vietnamese: int  # Latin letters specific to Vietnamese (subset of latin)
    latin_words: int

    @property
    def cjk(self) -> int:
        return self.kana + self.han + self.hangul


def count_scripts(text: str) -> ScriptCounts:
    kana = hiragana = han = hangul = latin = vietnamese = 0
    for ch in text:
        if is_kana(ch):
            kana += 1
            hiragana += is_hiragana(ch) and ch != "の"
        elif is_han(ch):
            han += 1
        elif is_hangul(ch):
            hangul += 1
        elif is_latin_letter(ch):
            latin += 1
            vietnamese += is_vietnamese_letter(ch)
    latin_words = sum(
        1 for word in text.split() if any(is_latin_letter(ch) for ch in word)
    )
    return ScriptCounts(kana, hiragana, han, hangul, latin, vietnamese, latin_words)
