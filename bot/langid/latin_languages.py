"""English or Vietnamese, for text written in Latin letters.

People often type Vietnamese on phones without diacritics ("xin chao", "cam on"). Such text
can only be Vietnamese if its words are Vietnamese syllables (a closed set: onset, vowel
group, final consonant); English words mostly are not ("hello", "thanks", "where"). For text
that passes that test, a character n-gram model decides: langdetect's English profile against
its Vietnamese profile folded to plain ASCII. Everything else in Latin letters is English.
"""

from collections import Counter
from functools import lru_cache
import json
import math
from pathlib import Path
import re
from typing import Dict, Iterator
import unicodedata

# Share of words that must be Vietnamese syllables for unaccented text to count as Vietnamese.
_MIN_SYLLABLE_SHARE = 0.85
# With diacritics the text is Vietnamese unless the accented words are a name quoted in
# English ("You can write in Tiếng Việt").
_MIN_SHARE_WITH_DIACRITICS = 0.5
_SMOOTHING = 0.5
_VOCABULARY = 10_000  # same unseen-n-gram mass for both profiles
# Text that passed the syllable test is more likely Vietnamese than English: a prior, in
# log-likelihood per n-gram, in Vietnamese's favour.
_VIETNAMESE_PRIOR_PER_NGRAM = 0.15
# Product names residents type in every language; they say nothing about the language.
_NEUTRAL_TERMS = re.compile(r"\bmy ?number\b|\bok(ay)?\b|\bline\b|\bapp\b|\bwi-?fi\b")

# Vietnamese orthography, without tone marks: onset + vowel group + final consonant.
# Spelling rules cut out many English words: g/ng become gh/ngh before e and i ("get" is not
# Vietnamese), c becomes k there; vowel groups ending in a semivowel take no final consonant.
_VIETNAMESE_SYLLABLE = re.compile(
    r"(?:(?:ngh|gh|k)(?=[eiy])|(?:ng|g|c)(?![eiy])|nh|ch|gi|kh|ph|qu|th|tr|[bdhlmnprstvx])?"
    r"(?:gi(?:ch|nh|ng|[cmnpt])?$|(?:oai|oay|uay|uoi|uou|ieu|yeu|uyu|oeo|ai|ao|au|ay|eo|eu|ia|iu|oi|ui|uu)"
    r"|(?:uye|uya|oa|oe|ua|ue|uo|uy|ie|[aeiouy])(?:ch|nh|ng|[cmnpt])?)"
)


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _words(text: str) -> list:
    return re.findall(r"[a-z]+", _NEUTRAL_TERMS.sub(" ", strip_diacritics(text).lower()))


def _has_diacritics(text: str) -> bool:
    return strip_diacritics(text) != text


def _ngrams(words: list) -> Iterator[str]:
    for word in words:
        padded = f" {word} "  # word boundaries, as in langdetect's profiles
        for n in (1, 2, 3):
            for i in range(len(padded) - n + 1):
                gram = padded[i : i + n]
                if gram.strip():
                    yield gram


@lru_cache(maxsize=1)
def _profiles() -> Dict[str, dict]:
    import langdetect

    profile_dir = Path(langdetect.__file__).parent / "profiles"
    english, vietnamese = (
        json.loads((profile_dir / code).read_text(encoding="utf-8")) for code in ("en", "vi")
    )
    folded: Counter = Counter()
    for gram, count in vietnamese["freq"].items():
        folded[strip_diacritics(gram)] += count
    return {
        "en": english,
        "vi": {"freq": dict(folded), "n_words": vietnamese["n_words"]},
    }


def _log_likelihood(words: list, profile: dict) -> float:
    freq, totals = profile["freq"], profile["n_words"]
    return sum(
        math.log((freq.get(g, 0) + _SMOOTHING) / (totals[len(g) - 1] + _SMOOTHING * _VOCABULARY))
        for g in _ngrams(words)
    )


def _syllable_share(words: list) -> float:
    return sum(1 for w in words if _VIETNAMESE_SYLLABLE.fullmatch(w)) / len(words)


def may_be_unaccented_vietnamese(text: str) -> bool:
    """Whether Latin text without diacritics is spelled like Vietnamese ("lam the nao de doi
    the"): in a conversation already in Vietnamese, such text stays Vietnamese even where the
    n-gram model leans to English."""
    words = _words(text)
    return (not _has_diacritics(text) and len(words) >= 2
            and _syllable_share(words) >= _MIN_SYLLABLE_SHARE)


def classify_latin(text: str) -> str:
    words = _words(text)
    if not words:
        return "en"
    share = _syllable_share(words)
    if _has_diacritics(text):
        # Vietnamese letters decide, unless they are a name quoted in English ("Tiếng Việt").
        return "vi" if share >= _MIN_SHARE_WITH_DIACRITICS else "en"
    if len(words) < 2:  # one unaccented word ("hi", "bye") is too little to call Vietnamese
        return "en"
    if share < _MIN_SYLLABLE_SHARE:
        return "en"
    profiles = _profiles()
    margin = _log_likelihood(words, profiles["vi"]) - _log_likelihood(words, profiles["en"])
    return "vi" if margin > -_VIETNAMESE_PRIOR_PER_NGRAM * len(list(_ngrams(words))) else "en"
