"""Languages the user asks for by name: "English please", "中文", "やさしい日本語で", "한국어로".

A message that names a language only switches the conversation when the NLU also reads it as
a choose_language request (see the slot mappings in domain.yml), so "Is there a Chinese
clinic?" does not switch to Chinese.
"""

import re
from typing import Optional, Tuple
import unicodedata

_NAMES = {
    "ja-easy": [
        "やさしい日本語", "やさしいにほんご", "やさしい にほんご", "優しい日本語", "易しい日本語",
        "easy japanese", "simple japanese", "plain japanese",
    ],
    "ja": [
        "日本語", "にほんご", "ニホンゴ", "japanese", "nihongo", "日语", "日語", "일본어",
        "tiếng nhật", "tieng nhat",
    ],
    "en": ["english", "英語", "えいご", "英语", "英文", "영어", "tiếng anh", "tieng anh"],
    "zh": [
        "中文", "中国語", "ちゅうごくご", "chinese", "汉语", "漢語", "华语", "華語", "普通话",
        "普通話", "중국어", "tiếng trung", "tieng trung", "tiếng hoa", "tieng hoa",
    ],
    "ko": [
        "한국어", "한국말", "韓国語", "かんこくご", "korean", "韩语", "韓語", "韩文", "韓文",
        "tiếng hàn", "tieng han",
    ],
    "vi": [
        "tiếng việt", "tieng viet", "vietnamese", "ベトナム語", "べとなむご", "越南语", "越南語",
        "베트남어",
    ],
}

# Longest names first, so やさしい日本語 is found before 日本語.
_PATTERN = re.compile(
    "|".join(
        re.escape(name)
        for name in sorted((n for names in _NAMES.values() for n in names), key=len, reverse=True)
    )
)
_CODE_BY_NAME = {name: code for code, names in _NAMES.items() for name in names}


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


# The words a request for a language is made of, besides the name ("日本語でお願いします",
# "reply in Chinese please", "한국어로 해 주세요", "nói bằng tiếng Việt"): with the name, they
# are the share of the message that asks for the language.
_REQUEST_WORDS = re.compile("|".join(re.escape(w) for w in sorted([
    "でお願いします", "でおねがいします", "でお願い", "でおねがい", "で話して", "ではなして", "に切り替えて",
    "に変えて", "にかえて", "にして", "で",
    "please", "pls", "plz", "reply in", "answer in", "talk in", "write in", "switch to",
    "change to", "in",
    "请用", "请说", "用", "说", "换成", "切换到", "切换成", "改成", "回答", "回复",
    "로 해 주세요", "로 해주세요", "으로", "로", "말해 주세요", "말해줘", "바꿔 주세요", "바꿔줘",
    "대답해 주세요", "대답해줘",
    "nói bằng", "noi bang", "bằng", "bang", "đổi sang", "doi sang", "chuyển sang", "chuyen sang",
], key=len, reverse=True)))


def find_requested_language(text: str) -> Tuple[Optional[str], float]:
    """(language code, share of the message's letters the name and the words of a request
    take), or (None, 0)."""
    folded = _fold(text)
    codes = {_CODE_BY_NAME[m.group(0)] for m in _PATTERN.finditer(folded)}
    if len(codes) != 1:  # none, or "from English to Chinese": not a clear request
        return None, 0.0
    code = codes.pop()
    name_letters = sum(len(m.group(0).replace(" ", "")) for m in _PATTERN.finditer(folded))
    rest = _PATTERN.sub(" ", folded)
    request_letters = sum(len(m.group(0).replace(" ", "")) for m in _REQUEST_WORDS.finditer(rest)
                          if _whole_word(rest, m))
    letters = sum(1 for ch in folded if ch.isalpha())
    return code, (name_letters + request_letters) / max(letters, 1)


def names_a_language(text: str) -> bool:
    """Whether the message names any language, a request or not ("I don't speak Japanese")."""
    return _PATTERN.search(_fold(text)) is not None


def _whole_word(text: str, match: "re.Match") -> bool:
    """Latin request words count as whole words only ("in", not the "in" of "clinic")."""
    if not match.group(0).isascii():
        return True
    before = text[match.start() - 1] if match.start() else " "
    after = text[match.end()] if match.end() < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def without_language_names(text: str) -> str:
    """The text with the language names it quotes blanked out ("write in Tiếng Việt")."""
    return _PATTERN.sub(" ", _fold(text))
