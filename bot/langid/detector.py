"""Which of our languages a chat message is written in, and whether it says enough to tell.

Scripts decide first (kana → Japanese, Hangul → Korean, Vietnamese letters → Vietnamese);
Han-only text goes to the Japanese/Chinese disambiguation and Latin text to a langdetect
restricted to English and Vietnamese. Messages without enough language in them ("OK",
"119", an emoji) are not decisive, so the conversation keeps its current language.
"""

from dataclasses import dataclass
from functools import lru_cache
import re
from typing import Optional
import unicodedata

from bot.langid.han_disambiguation import classify_han, count_chinese_characters
from bot.langid.language_requests import find_requested_language
from bot.langid.latin_languages import classify_latin
from bot.langid.scripts import count_scripts

_MARKUP = re.compile(r"<[^<>]{0,200}>|\{\{.{0,200}?\}\}|\$\{.{0,200}?\}")
_KATAKANA = re.compile(r"[\u30a1-\u30ffー]+")
# A Latin message this short ("ok", "no", "yes") is shared by speakers of every language.
_MIN_DECISIVE_LATIN_LETTERS = 4
# A message that is mostly a language name ("中文", "English please") is in that language.
_LANGUAGE_NAME_SHARE = 0.75


@dataclass(frozen=True)
class Detection:
    language: Optional[str]  # best guess among ja, en, zh, ko, vi (None: no letters at all)
    decisive: bool  # enough evidence to switch the conversation's language
    requested: Optional[str] = None  # a language the message names ("English please")


def _by_script(text: str) -> Detection:
    counts = count_scripts(text)
    latin_dominates = counts.latin_words >= 3 and counts.latin >= 2 * counts.cjk
    if counts.hangul and counts.hangul >= counts.kana and not latin_dominates:
        return Detection("ko", True)
    if counts.kana and not latin_dominates:
        if count_chinese_characters(text) > counts.kana:
            return Detection("zh", True)
        if not counts.hiragana and counts.han >= 2:
            # Katakana loanwords in a sentence of Han characters ("マイナ卡密碼輸錯了"): the
            # Han characters tell Chinese from Japanese.
            language, decisive = classify_han(_KATAKANA.sub(" ", text))
            if language == "zh":
                return Detection("zh", decisive)
        return Detection("ja", True)
    if counts.han and not latin_dominates:
        language, decisive = classify_han(text)
        return Detection(language, decisive)
    if counts.latin:
        decisive = counts.latin_words >= 2 or counts.latin >= _MIN_DECISIVE_LATIN_LETTERS
        return Detection(classify_latin(text), decisive)
    return Detection(None, False)


@lru_cache(maxsize=4096)  # the NLU detector and the tokenizer both ask about each message
def detect(text: str) -> Detection:
    # NFKC folds full-width Latin (ＡＢＣ) and half-width katakana (ｶﾅ) to their usual forms;
    # markup and template syntax pasted into a message ("<script>…</script>", "{{7*7}}") are
    # no language.
    normalized = _MARKUP.sub(" ", unicodedata.normalize("NFKC", text))
    detection = _by_script(normalized)
    requested, share = find_requested_language(normalized)
    if requested is None:
        return detection
    if share >= _LANGUAGE_NAME_SHARE:
        # "中文", "한국어로", "やさしい日本語で": the name is the message.
        return Detection(requested, True, requested)
    return Detection(detection.language, detection.decisive, requested)
