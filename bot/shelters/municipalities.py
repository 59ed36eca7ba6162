"""Chiba prefecture's 54 municipalities and recognising one inside a resident's message.

find_municipality("市川に住んでいます") → 市川市. Names are recognised in Japanese (kanji, kana),
romaji (Ichikawa, ichikawa-shi, Chiba City), Simplified/Traditional Chinese, Korean and
Vietnamese ("Thành phố Chiba"). Text and names are folded to one spelling first (script
variants, katakana → hiragana, macrons, long vowels, Korean aspiration), then the longest name
found wins. A name without 市/町/村 counts only where it is unlikely to be something else.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
import re
import unicodedata

import yaml

from bot.shelters.gsi_converter import DEFAULT_OUT

MUNICIPALITIES_FILE = DEFAULT_OUT / "municipalities.yml"

# Suffix of each kind of municipality as written in each script; romaji suffixes follow the
# name ("Ichikawa-shi", "Chiba City"), romaji prefixes precede it (English, Vietnamese).
_SUFFIXES = {
    "市": {"kana": "し", "ko": ("시",), "after": ("shi", "city"),
           "before": ("city of", "thanh pho", "tp")},
    "町": {"kana": "まち", "ko": ("정", "마치"), "after": ("machi", "cho", "town"),
           "before": ("town of", "thi tran")},
    "村": {"kana": "むら", "ko": ("촌", "무라"), "after": ("mura", "village"),
           "before": ("village of", "lang", "xa")},
}
# A bare kanji name followed by one of these is another municipality or a district (一宮市 is in
# Aichi, 東金町 in Tokyo, 長生郡 is a district) or the prefecture.
_OTHER_UNIT = set("市町村区郡県")
# Simplified and Traditional Chinese forms of the characters in the names → Japanese forms.
_HAN_VARIANTS = str.maketrans(
    "叶桥馆户戶仓东习胜孙鸭镰总總网荣榮宫泽澤长锯铫ヶヵ",
    "葉橋館戸戸倉東習勝孫鴨鎌総総網栄栄宮沢沢長鋸銚ケケ",
)
_HANGUL_BASE, _HANGUL_COUNT = 0xAC00, 11172
# Korean writes Japanese names with plain or aspirated initials (지바/치바, 가시와/카시와),
# tsu as 쓰, 츠 or 쯔 and a doubled consonant with or without ㅅ (훗쓰/후츠): fold initials
# ㅋㅌㅊㅍㄲㄸㅉㅃ to ㄱㄷㅈㅂ, tsu to 즈 and drop a final ㅅ.
_HANGUL_INITIALS = {15: 0, 16: 3, 14: 12, 17: 7, 1: 0, 4: 3, 13: 12, 8: 7}
_HANGUL_TSU_INITIALS, _HANGUL_EU, _HANGUL_FINAL_S = {10, 13, 14}, 18, 19
# Long vowels: Chōshi, Choushi, Chohshi → choshi; Sanmu → sammu (Hepburn m before b/m/p).
_LONG_VOWELS = [(re.compile(r"ou|oo|oh(?![aeiou])"), "o"), (re.compile(r"uu"), "u"),
                (re.compile(r"n(?=[bmp])"), "m")]


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str  # official Japanese name, e.g. 市川市
    kana: str
    romaji: str
    zh: str
    ko: str
    ambiguous: tuple[str, ...] = ()
    not_within: tuple[str, ...] = ()


def _fold_char(ch: str) -> str:
    code = ord(ch)
    if 0x30A1 <= code <= 0x30F6:  # katakana → hiragana
        return chr(code - 0x60)
    if 0 <= code - _HANGUL_BASE < _HANGUL_COUNT:
        initial, rest = divmod(code - _HANGUL_BASE, 588)
        medial, final = divmod(rest, 28)
        if initial in _HANGUL_TSU_INITIALS and medial == _HANGUL_EU:
            initial = 12
        initial = _HANGUL_INITIALS.get(initial, initial)
        final = 0 if final == _HANGUL_FINAL_S else final
        return chr(_HANGUL_BASE + (initial * 21 + medial) * 28 + final)
    if code < 0x250 or 0x1E00 <= code <= 0x1EFF:  # Latin: drop macrons and Vietnamese marks
        return "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return ch


def fold(text: str) -> str:
    """One spelling for every way of writing the same name (see the module docstring)."""
    text = unicodedata.normalize("NFKC", text).translate(_HAN_VARIANTS)
    text = re.sub(r"(.)々", r"\1\1", text)  # 酒々井 = 酒酒井
    text = "".join(_fold_char(ch) for ch in text.lower())
    text = " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())
    for pattern, replacement in _LONG_VOWELS:
        text = pattern.sub(replacement, text)
    return text


def _is_latin(text: str) -> bool:
    return text.isascii()


def _is_hangul(ch: str) -> bool:
    return 0 <= ord(ch) - _HANGUL_BASE < _HANGUL_COUNT


@dataclass(frozen=True)
class _Key:
    text: str  # folded
    municipality: Municipality
    bare: bool  # the name without 市/町/村


def _spellings(m: Municipality) -> list[tuple[str, bool]]:
    """(spelling, is bare) of every way the municipality is written."""
    kind = m.name[-1]
    suffixes = _SUFFIXES[kind]
    bare_kana = m.kana[: -len(suffixes["kana"])]
    bare_ko = m.ko[:-1]
    spellings = [(m.name, False), (m.zh, False), (m.kana, False), (m.romaji, True)]
    spellings += [(m.name[:-1], True), (m.zh[:-1], True), (bare_kana, True), (bare_ko, True)]
    spellings += [(bare_kana + kind, False)]
    spellings += [(bare_ko + s, False) for s in suffixes["ko"]]
    spellings += [(bare_ko + " " + s, False) for s in suffixes["ko"]]
    spellings += [(f"{m.romaji} {s}", False) for s in suffixes["after"]]
    spellings += [(f"{m.romaji}{s}", False) for s in suffixes["after"]]
    spellings += [(f"{s} {m.romaji}", False) for s in suffixes["before"]]
    return spellings


def _bare_is_usable(folded: str, m: Municipality) -> bool:
    """Short bare names are ordinary words too: 柏 (oak), のだ, なりた(い), 노다(지)."""
    if folded in {fold(a) for a in m.ambiguous}:
        return False
    if _is_latin(folded):
        return True
    if _is_hangul(folded[0]):
        return len(folded) >= 3
    is_reading = folded != fold(m.name[:-1])  # いすみ市 is officially written in kana
    if is_reading and all("\u3041" <= ch <= "\u309f" for ch in folded):
        return len(folded) >= 4
    return len(folded) >= 2


class MunicipalityMatcher:
    def __init__(self, municipalities: tuple[Municipality, ...]):
        keys: dict[str, _Key] = {}
        for m in municipalities:
            for spelling, bare in _spellings(m):
                folded = fold(spelling)
                if not folded or (bare and not _bare_is_usable(folded, m)):
                    continue
                other = keys.get(folded)
                if other and other.municipality != m:
                    raise ValueError(
                        f"{spelling!r} could be {other.municipality.name} or {m.name}:"
                        " add it to 'ambiguous' of one of them in municipalities.yml"
                    )
                keys.setdefault(folded, _Key(folded, m, bare))
        self._keys = list(keys.values())
        self._not_within = {
            m.code: tuple(fold(phrase) for phrase in m.not_within) for m in municipalities
        }

    def _fits(self, key: _Key, text: str, start: int) -> bool:
        end = start + len(key.text)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if _is_latin(key.text):  # whole words only
            if (before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum()):
                return False
        elif _is_hangul(key.text[0]):  # Korean separates words by spaces
            if _is_hangul(before):
                return False
        elif key.bare and after in _OTHER_UNIT:
            return False
        for phrase in self._not_within[key.municipality.code]:
            begin = start - phrase.find(key.text)
            if key.text in phrase and text[max(begin, 0) : begin + len(phrase)] == phrase:
                return False
        return True

    def find(self, text: str) -> Municipality | None:
        """The municipality named in `text` (the longest name found), or None."""
        folded = fold(text)
        best: tuple[int, int] | None = None
        found = None
        for key in self._keys:
            start = folded.find(key.text)
            while start >= 0:
                if self._fits(key, folded, start):
                    rank = (len(key.text), -start)
                    if best is None or rank > best:
                        best, found = rank, key.municipality
                    break
                start = folded.find(key.text, start + 1)
        return found


def _entry(item: dict, number: int, path: Path) -> Municipality:
    if not isinstance(item, dict):
        raise ValueError(f"{path}, entry {number}: expected 'code:', 'name:', … fields")
    where = f"{path}, entry {number} ({item.get('name', 'no name')})"
    for field in ("code", "name", "kana", "romaji", "zh", "ko"):
        if not isinstance(item.get(field), str) or not item[field].strip():
            raise ValueError(f"{where}: '{field}' is missing or empty; add it as text")
    if item["name"][-1] not in _SUFFIXES:
        raise ValueError(f"{where}: 'name' must end in 市, 町 or 村")
    lists = {f: tuple(item.get(f) or ()) for f in ("ambiguous", "not_within")}
    return Municipality(**{f: item[f] for f in ("code", "name", "kana", "romaji", "zh", "ko")},
                        **lists)


@lru_cache(maxsize=None)
def load_municipalities(path: Path = MUNICIPALITIES_FILE) -> tuple[Municipality, ...]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    items = data.get("municipalities") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ValueError(f"{path}: expected a list under 'municipalities:'")
    municipalities = tuple(_entry(item, n, path) for n, item in enumerate(items, 1))
    codes = [m.code for m in municipalities]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise ValueError(f"{path}: code(s) {', '.join(duplicates)} appear more than once")
    return municipalities


@lru_cache(maxsize=None)
def _default_matcher() -> MunicipalityMatcher:
    return MunicipalityMatcher(load_municipalities())


def find_municipality(text: str) -> Municipality | None:
    """The Chiba municipality named in a message, e.g. "Ichikawa-shi" → 市川市; None if none
    (the prefecture name alone, 千葉県 / Chiba Prefecture, is not a municipality)."""
    return _default_matcher().find(text)
