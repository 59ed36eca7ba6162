"""Per-language text analysis: the terms a text is indexed and searched by.

- Japanese (also やさしい日本語): fugashi/unidic lemmas of content words, after NFKC and old
  kanji → new; unidic's lemma folds okurigana and kana/kanji spellings, a small synonym table
  folds words of the same administrative meaning (転居 → 引っ越し). Each word also keeps its
  spellings (lemma, orthographic base, surface, kana) for word-vector look-up.
- Chinese: Traditional folded to Simplified, jieba words plus single characters.
- Korean: whitespace words, the word without a trailing particle, syllable bigrams.
- Vietnamese: syllables with and without diacritics, and syllable bigrams of both.
- English: lower-cased words without stop words, lightly stemmed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
import re
from typing import List, Optional, Sequence, Tuple
import unicodedata

from bot.retrieval.chinese_variants import to_simplified
from bot.retrieval.japanese_variants import SYNONYM_LEMMAS, spell_out_short_forms, to_new_kanji
from bot.retrieval.text_cache import PerTextCache


@dataclass(frozen=True)
class Analysis:
    terms: List[str]
    # (term, spellings to look its word vector up by); only analyzers with word vectors fill it
    words: List[Tuple[str, Tuple[str, ...]]] = field(default_factory=list)
    # The terms whose presence in a FAQ tells that it speaks of the query's subject (the
    # coverage of the query, `RetrievalIndex`); None: all the terms.
    key_terms: Optional[List[str]] = None


def _nfkc(text: str) -> str:
    # Full-width Latin and digits, half-width katakana (ｶﾞ → ガ), compatibility ideographs.
    return unicodedata.normalize("NFKC", text)


_WORD = re.compile(r"[^\W_]+", re.UNICODE)


class JapaneseAnalyzer:
    language = "ja"
    # Particles, auxiliary verbs, punctuation and symbols carry no topic.
    _DROPPED_POS = frozenset({"助詞", "助動詞", "補助記号", "記号", "空白"})

    def __init__(self) -> None:
        import fugashi

        self._tagger = fugashi.Tagger()

    def analyze(self, text: str) -> Analysis:
        text = spell_out_short_forms(to_new_kanji(_nfkc(text)))
        terms, words = [], []
        for word in self._tagger(text):
            # The raw CSV is three times faster to read than fugashi's feature tuple. unidic:
            # 0 pos1, 7 lemma, 10 orthBase, 18 kanaBase; unknown words have 6 fields only.
            feature = word.feature_raw.split(",")
            if feature[0] in self._DROPPED_POS:
                continue
            surface = word.surface
            if len(feature) > 18 and not word.is_unk:
                lemma = feature[7].split("-")[0] or surface
                spellings = (lemma, feature[10], surface, feature[18])
            else:
                lemma, spellings = surface, (surface,)
            term = SYNONYM_LEMMAS.get(lemma, lemma).lower()
            terms.append(term)
            words.append((term, spellings))
        return Analysis(terms, words)


class ChineseAnalyzer:
    language = "zh"

    def __init__(self) -> None:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        self._jieba = jieba

    def analyze(self, text: str) -> Analysis:
        text = to_simplified(_nfkc(text)).lower()
        terms = []
        for word in self._jieba.lcut(text):
            if not _WORD.fullmatch(word):
                continue
            terms.append(word)
            if len(word) > 1:
                terms.extend("#" + char for char in word if _is_han(char))
            elif _is_han(word):
                terms.append("#" + word)
        return Analysis(terms)


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


class KoreanAnalyzer:
    language = "ko"
    # Particles and copulas that attach to the end of a word (longest first).
    _PARTICLES = sorted(
        "은 는 이 가 을 를 에 에서 에게 께 의 로 으로 와 과 도 만 까지 부터 한테 이나 나 요 이요 "
        "이에요 예요 입니다 인가요 인데 이랑 랑 처럼 보다 에서는 에는 으로는 로는 에도 에서도".split(),
        key=len, reverse=True,
    )
    # Verb endings (eomi) a chat question ends its words with, and the forms of 하다/되다 that
    # turn a Sino-Korean noun into a verb (신고해야 → 신고, 등록하려면 → 등록): without them the
    # same procedure is a different word in every sentence. One-syllable endings (고, 서, 지 …)
    # are left out: too many nouns end in them (신고, 교과서).
    _ENDINGS = (
        "어요 아요 여요 세요 나요 까요 을까요 는데 은데 는데요 려면 으려면 려고 으려고 지요 으면 "
        "어서 아서 어야 아야 니까 으니까 는지 은지 습니까 습니다 었어요 았어요 였어요 었는데 "
        "았는데 었어 았어 고요 어도 아도 해야 해서 해도 하면 하고 해요 하는데 돼야 돼서 되면".split()
    )
    _VERBALIZERS = ("하", "해", "했", "할", "한", "합", "되", "돼", "됐", "될", "된", "됩")
    _SUFFIXES = sorted(set(_PARTICLES) | set(_ENDINGS), key=len, reverse=True)

    def analyze(self, text: str) -> Analysis:
        terms, key_terms = [], []
        for word in _WORD.findall(_nfkc(text).lower()):
            terms.append(word)
            stem = self.stem(word)
            if stem != word:
                terms.append(stem)
            bigrams = ["~" + stem[i:i + 2] for i in range(len(stem) - 1)]
            terms.extend(bigrams)
            terms.extend("#" + syllable for syllable in stem)
            # A FAQ speaks of a word's subject when it has the word's syllable pairs, however
            # the word is inflected.
            key_terms.extend(bigrams or [stem])
        return Analysis(terms, key_terms=key_terms)

    def stem(self, word: str) -> str:
        """The word without its particle or verb ending (the longest that fits), and without
        a 하다/되다 form that follows a noun."""
        stem = word
        for suffix in self._SUFFIXES:
            if len(word) > len(suffix) and word.endswith(suffix):
                stem = word[: -len(suffix)]
                break
        if len(stem) > 2 and stem[-1] in self._VERBALIZERS:
            return stem[:-1]
        return stem


def strip_vietnamese_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class VietnameseAnalyzer:
    language = "vi"

    def analyze(self, text: str) -> Analysis:
        syllables = _WORD.findall(unicodedata.normalize("NFC", _nfkc(text)).lower())
        plain = [strip_vietnamese_diacritics(s) for s in syllables]
        terms = list(syllables)
        terms.extend("~" + s for s in plain)
        terms.extend(f"{a}_{b}" for a, b in zip(syllables, syllables[1:]))
        terms.extend(f"~{a}_{b}" for a, b in zip(plain, plain[1:]))
        # Whether a FAQ mentions the query's words does not depend on how they were typed.
        return Analysis(terms, key_terms=["~" + s for s in plain])


# Words that carry no topic: a few of chat English (please, thanks, want, need, know, tell …)
# and NLTK's English list (Snowball's list with "just", "now" and the pieces contractions leave
# once split at the apostrophe: don't → don t, i'm → i m, can't → can t).
_ENGLISH_STOP_WORDS = frozenset(
    """a an the and or but if then so of to in on at by for with from about as into than
    is are was were be been being am do does did doing have has had having i me my we our you
    your he she it its they them their this that these those there here what which who whom
    whose when where why how can could would should will shall may might must not no yes
    please want need know tell get got any some all each much many more most very just also
    hi hello thanks thank up out over again""".split()
    + """myself ours ourselves yours yourself yourselves him his himself her hers herself itself
    theirs themselves because until while against between through during before after above
    below down off under further once both few other such nor only own same too now s t d ll
    m o re ve y ain aren couldn didn doesn hadn hasn haven isn ma mightn mustn needn shan
    shouldn wasn weren won wouldn don""".split()
)


def english_stem(word: str) -> str:
    """A light stemmer: plurals, -ing/-ed/-ly and a final e (moving, moved, move → mov)."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


class EnglishAnalyzer:
    language = "en"

    def analyze(self, text: str) -> Analysis:
        words = re.findall(r"[a-z0-9]+", _nfkc(text).lower())
        return Analysis([english_stem(w) for w in words if w not in _ENGLISH_STOP_WORDS])


# ja-easy (やさしい日本語) is Japanese: same analyzer, same index.
ANALYSIS_LANGUAGE = {"ja": "ja", "ja-easy": "ja", "zh": "zh", "ko": "ko", "vi": "vi", "en": "en"}
_ANALYZERS = {
    "ja": JapaneseAnalyzer,
    "zh": ChineseAnalyzer,
    "ko": KoreanAnalyzer,
    "vi": VietnameseAnalyzer,
    "en": EnglishAnalyzer,
}


def analysis_language(language: Optional[str]) -> str:
    """The analyzer a language's texts go through (unknown languages: English's rules)."""
    if not language:
        return "en"
    language = language.lower()
    if language in ANALYSIS_LANGUAGE:
        return ANALYSIS_LANGUAGE[language]
    base = language.split("-")[0]
    return ANALYSIS_LANGUAGE.get(base, "en")


@lru_cache(maxsize=None)
def analyzer_for(language: Optional[str]):
    return _ANALYZERS[analysis_language(language)]()


def analyze(text: str, language: Optional[str]) -> Analysis:
    return analyzer_for(language).analyze(text)


# The analysis of a text to index (shared: not to be modified).
analyze_indexed: PerTextCache[Analysis] = PerTextCache(analyze)


def terms_of(texts: Sequence[str], language: Optional[str]) -> List[str]:
    analyzer = analyzer_for(language)
    return [term for text in texts for term in analyzer.analyze(text).terms]


__all__ = [
    "Analysis",
    "analysis_language",
    "analyze",
    "analyze_indexed",
    "analyzer_for",
    "english_stem",
    "strip_vietnamese_diacritics",
    "terms_of",
]
