"""What the engine indexes (documents with several fields) and what a search returns (hits)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional, Sequence, Tuple

# The kind of a field decides how it is used: question-like fields are short texts a resident
# might type (matched with the query, embedded as sentences, and the target side of the
# translation model); answer fields are long texts that explain.
QUESTION_KINDS = ("question", "title", "synonyms")
ANSWER_KINDS = ("answer",)
LANGUAGE_SEPARATOR = "@"


def field_name(kind: str, language: Optional[str] = None) -> str:
    """`field_name("question", "en")` → "question@en" (a field in one language)."""
    return f"{kind}{LANGUAGE_SEPARATOR}{language}" if language else kind


def split_field_name(name: str) -> Tuple[str, Optional[str]]:
    kind, _, language = name.partition(LANGUAGE_SEPARATOR)
    return kind, language or None


@dataclass(frozen=True)
class Document:
    """One FAQ entry. `fields` maps a field name to its texts, e.g.
    {"question@ja": ["転入届はいつまで?"], "answer@ja": ["14日以内に…"], "title@en": [...]}.
    A field without "@language" is in `language` (or in the language detected from its texts)."""

    id: str
    fields: Mapping[str, Sequence[str]]
    language: Optional[str] = None


@dataclass(frozen=True)
class Hit:
    id: str
    score: float
    # The evidence behind the score (feature name → raw value), used for the confidence.
    evidence: Mapping[str, float] = field(default_factory=dict, compare=False, repr=False)
