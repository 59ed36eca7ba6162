"""Japanese or Chinese, for text written only in Han characters (kanji / hanzi).

General-purpose detectors call short kanji-only Japanese (住民票, 児童手当) Chinese. Three
signals decide instead, strongest first:
1. Character repertoires: a character outside JIS X 0208 (你, 吗, 办, 说) is Chinese; so is
   a Traditional form that Japanese keeps only among its rare level-2 kanji (麼, 轉, 醫: in
   Big5, not in GB2312). A character in JIS X 0208 but in neither GB2312 nor Big5 (県, 児,
   払, 駅) is a Japanese shinjitai form.
2. Chinese grammar characters (是, 的, 了, 我…) standing alone, not inside a Japanese word.
3. Otherwise Japanese: kanji-only messages here are mostly Japanese administrative terms,
   which the Japanese dictionary (unidic) segments into known words.
"""

from functools import lru_cache
from typing import List, Optional, Tuple

from bot.langid.scripts import is_han

# Function words of Mandarin that Japanese does not use as free-standing words.
_CHINESE_FUNCTION_CHARS = set("是的了我你他她们們吗嗎呢吧么麼什怎哪这這那没沒请請谢謝很给給把被让讓个個还還吃喝")


def _in_charset(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=8192)
def _character_evidence(ch: str) -> int:
    """+1 Japanese-only character, -1 Chinese-only character, 0 shared or unknown."""
    if not _in_charset(ch, "shift_jis"):
        return -1
    simplified, traditional = _in_charset(ch, "gb2312"), _in_charset(ch, "big5")
    if not simplified and not traditional:
        return 1
    if traditional and not simplified and _is_jis_level_2(ch):
        return -1
    return 0


def _is_jis_level_2(ch: str) -> bool:
    # Shift_JIS puts the 2,965 everyday (level-1) kanji before 0x989F.
    return ch.encode("shift_jis") >= b"\x98\x9f"


@lru_cache(maxsize=1)
def _tagger():
    import fugashi

    return fugashi.Tagger()


def _japanese_words(text: str) -> List[Tuple[str, bool]]:
    """(surface, known to the Japanese dictionary) for each word."""
    return [(word.surface, not word.is_unk) for word in _tagger()(text)]


def count_chinese_characters(text: str) -> int:
    """Characters that only Chinese writes (so a Chinese text quoting やさしい日本語 stays Chinese)."""
    return sum(1 for ch in text if is_han(ch) and _character_evidence(ch) < 0)


def classify_han(text: str) -> Tuple[Optional[str], bool]:
    """Returns (language, decisive) for a message whose letters are Han characters."""
    han_chars = [ch for ch in text if is_han(ch)]
    if not han_chars:
        return None, False
    evidence = sum(_character_evidence(ch) for ch in han_chars)
    if evidence < 0:
        return "zh", True
    if evidence > 0:
        return "ja", True
    free_function_chars = sum(
        1
        for surface, known in _japanese_words(text)
        if len(surface) == 1 and surface in _CHINESE_FUNCTION_CHARS
        or not known and any(ch in _CHINESE_FUNCTION_CHARS for ch in surface)
    )
    if free_function_chars:
        return "zh", True
    # A single shared character (好, 雨) says nothing about the language.
    return "ja", len(han_chars) >= 2
