"""English, Vietnamese or romanised Japanese, for text written in Latin letters.

People often type Vietnamese on phones without diacritics ("xin chao", "cam on"), in
teen-code and with English or romanised Japanese words in between. Text with Vietnamese
letters is Vietnamese unless they are a name quoted in English; text without them of two
words or more is read by a model learned from the project's own messages (latin_model.py).
Vietnamese syllables are a closed set (onset, vowel group, final consonant): a Vietnamese
conversation keeps text spelled that way (`may_be_unaccented_vietnamese`). Japanese typed in
romaji ("mainanba- kaado shinsei shitai dokode dekiru") is nearly all open syllables (ka, shi,
tsu) and n, which English and Vietnamese sentences almost never are.
"""

import re
import unicodedata

# Share of words that must be Vietnamese syllables for unaccented text to stay Vietnamese.
_MIN_SYLLABLE_SHARE = 0.85
# With diacritics the text is Vietnamese unless the accented words are a name quoted in
# English ("You can write in Tiếng Việt").
_MIN_SHARE_WITH_DIACRITICS = 0.5
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


# Hepburn/kunrei romaji: (doubled consonant) (onset) vowel, or the syllabic n; "-" and
# doubled vowels mark long vowels.
_ROMAJI_WORD = re.compile(
    r"(?:(?:(?:kk|ss|tt|pp|cch)?(?:ky|gy|sh|ch|ts|ny|hy|by|py|my|ry|j|f|[kgsztdnhbpmyrw])?"
    r"[aeiou])|n)+")
_MIN_ROMAJI_WORDS, _MIN_ROMAJI_SHARE = 3, 0.9


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _words(text: str) -> list:
    return re.findall(r"[a-z]+", _NEUTRAL_TERMS.sub(" ", strip_diacritics(text).lower()))


def _has_diacritics(text: str) -> bool:
    return strip_diacritics(text) != text


def _syllable_share(words: list) -> float:
    return sum(1 for w in words if _VIETNAMESE_SYLLABLE.fullmatch(w)) / len(words)


def may_be_unaccented_vietnamese(text: str) -> bool:
    """Whether Latin text without diacritics is spelled like Vietnamese ("lam the nao de doi
    the"): in a conversation already in Vietnamese, such text stays Vietnamese even where the
    model leans to English."""
    words = _words(text)
    return (not _has_diacritics(text) and len(words) >= 2
            and _syllable_share(words) >= _MIN_SYLLABLE_SHARE)


def is_romaji_japanese(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower().replace("-", ""))
    return (len(words) >= _MIN_ROMAJI_WORDS and not _has_diacritics(text)
            and sum(bool(_ROMAJI_WORD.fullmatch(w)) for w in words) / len(words)
            >= _MIN_ROMAJI_SHARE)


def classify_latin(text: str) -> str:
    words = _words(text)
    if not words:
        return "en"
    if is_romaji_japanese(text):
        return "ja"
    share = _syllable_share(words)
    from bot.langid.language_requests import without_language_names
    from bot.langid.latin_model import vietnamese_probability

    if _has_diacritics(text):
        # Vietnamese letters decide, unless they are a name quoted in English ("Tiếng Việt")
        # and the rest reads as English (teen-code and loanwords are no syllables: "thẻ my
        # number vs tsuuchi card khác nhau ntn").
        return "vi" if share >= _MIN_SHARE_WITH_DIACRITICS or (
            len(words) >= 2
            and vietnamese_probability(without_language_names(text)) >= 0.5) else "en"
    if len(words) < 2:  # one unaccented word ("hi", "bye") is too little to call Vietnamese
        return "en"
    return "vi" if vietnamese_probability(text) >= 0.5 else "en"
