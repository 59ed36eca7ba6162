"""The emergency cue lists (cues/<lang>.yml), folded and compiled for matching.

Every language's cues are used on every message: a visitor may mix languages ("help 火事"),
and the language detector may be unsure of a two-word shout.
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
import re
from typing import Dict, List, Tuple
import unicodedata

import yaml

from bot.retrieval.chinese_variants import to_simplified

CUES_DIR = Path(__file__).parent / "cues"
KINDS = ("tsunami", "fire", "trapped", "medical", "crime")  # first wins when several match
MARKER_LISTS = ("urgent", "hypothetical", "past", "joking", "information", "repair")

_LATIN = re.compile(r"[a-zđ]")
_LATIN_LETTER = r"[0-9a-z\u00c0-\u024f\u1e00-\u1eff]"  # with Vietnamese letters
_ACCENTED_LATIN = re.compile(r"[\u00c0-\u024f\u1e00-\u1effđ]")
_REPEATED = re.compile(r"(\w)\1{2,}")  # "heeelp", "fireeee": people in a hurry
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Full-width, case, Traditional Chinese and hurried letter repeats folded away."""
    text = unicodedata.normalize("NFKC", text).lower()
    return _REPEATED.sub(r"\1", to_simplified(text))


def strip_diacritics(text: str) -> str:
    """Vietnamese typed on a keyboard without a Vietnamese layout: "cứu với" → "cuu voi"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class FoldedText:
    spaced: str  # whitespace collapsed: Latin cues match whole words here
    plain: str  # the same without diacritics
    compact: str  # no whitespace at all: CJK and Hangul cues match anywhere here
    has_diacritics: bool

    @classmethod
    def of(cls, text: str) -> "FoldedText":
        spaced = _SPACES.sub(" ", fold(text)).strip()
        plain = strip_diacritics(spaced)
        has_diacritics = bool(_ACCENTED_LATIN.search(spaced))
        return cls(spaced, plain, spaced.replace(" ", ""), has_diacritics)


class Cue:
    """One phrase of a cue list, matched the way its script needs."""

    def __init__(self, phrase: str):
        self.phrase = phrase
        folded = fold(phrase)
        self.latin = bool(_LATIN.search(folded))
        if self.latin:
            self._pattern = self._word_pattern(folded)
            self._plain_pattern = self._word_pattern(strip_diacritics(folded))
        else:
            self._compact = _SPACES.sub("", folded)

    @staticmethod
    def _word_pattern(phrase: str) -> "re.Pattern":
        open_ending = phrase.endswith("*")
        words = [re.escape(word) for word in phrase.rstrip("*").split()]
        body = r"\s+".join(words) + (r"\w*" if open_ending else "")
        # Word edges are Latin letters only: "fire火事" still holds the word "fire".
        return re.compile(rf"(?<!{_LATIN_LETTER}){body}(?!{_LATIN_LETTER})")

    def found_in(self, text: FoldedText) -> bool:
        if not self.latin:
            return self._compact in text.compact
        if text.has_diacritics:
            return bool(self._pattern.search(text.spaced))
        return bool(self._plain_pattern.search(text.plain))


@dataclass(frozen=True)
class Lexicon:
    reports: Dict[str, Tuple[Cue, ...]]  # kind → cues
    topics: Dict[str, Tuple[Cue, ...]]
    markers: Dict[str, Tuple[Cue, ...]]  # urgent, hypothetical, past, joking, information, repair


def _lists(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise ValueError(f"{path.name}: not valid YAML: {error}") from error
    unknown = (set(data.get("reports", {})) | set(data.get("topics", {}))) - set(KINDS)
    if unknown:
        raise ValueError(f"{path.name}: unknown emergency kinds {sorted(unknown)}; use {KINDS}")
    return data


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    reports: Dict[str, List[Cue]] = {kind: [] for kind in KINDS}
    topics: Dict[str, List[Cue]] = {kind: [] for kind in KINDS}
    markers: Dict[str, List[Cue]] = {name: [] for name in MARKER_LISTS}
    for path in sorted(CUES_DIR.glob("*.yml")):
        data = _lists(path)
        for kind, phrases in (data.get("reports") or {}).items():
            reports[kind] += [Cue(str(p)) for p in phrases]
        for kind, phrases in (data.get("topics") or {}).items():
            topics[kind] += [Cue(str(p)) for p in phrases]
        for name in MARKER_LISTS:
            markers[name] += [Cue(str(p)) for p in data.get(name) or []]
    freeze = lambda lists: {key: tuple(cues) for key, cues in lists.items()}  # noqa: E731
    return Lexicon(freeze(reports), freeze(topics), freeze(markers))
