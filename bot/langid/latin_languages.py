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

# Share of words that must be Vietnamese syllables ("the My Number" stays possible).
_MIN_SYLLABLE_SHARE = 0.75
_SMOOTHING = 0.5
_VOCABULARY = 10_000  # same unseen-n-gram mass for both profiles

_VIETNAMESE_SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(uyu|uye|uya|uou|uoi|uay|oeo|oay|oai|yeu|ieu"
    r"|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|ua|ue|ui|uo|uu|uy|ye|[aeiouy])"
    r"(ch|nh|ng|[cmnpt])?"
)


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _words(text: str) -> list:
    return re.findall(r"[a-z]+", strip_diacritics(text).lower())


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


def classify_latin(text: str) -> str:
    words = _words(text)
    if len(words) < 2:  # one unaccented word ("hi", "bye") is too little to call Vietnamese
        return "en"
    syllables = sum(1 for w in words if _VIETNAMESE_SYLLABLE.fullmatch(w))
    if syllables / len(words) < _MIN_SYLLABLE_SHARE:
        return "en"
    profiles = _profiles()
    scores = {code: _log_likelihood(words, profile) for code, profile in profiles.items()}
    return max(scores, key=scores.get)
