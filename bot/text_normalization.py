"""Unicode normalisation that remembers where each character came from.

NFKC folds full-width Latin (ＡＢＣ１２３) and half-width katakana (ｶﾞｲﾄﾞ) into the forms
dictionaries know, but changes the text's length. Tokenizers work on the normalised text and
map token spans back to the original, so entity offsets stay exact.
"""

from dataclasses import dataclass
from typing import List
import unicodedata

# Half-width voiced/semi-voiced sound marks combine with the preceding katakana (ｶ + ﾞ → ガ).
_HALF_WIDTH_SOUND_MARKS = "\uff9e\uff9f"


@dataclass(frozen=True)
class NormalizedText:
    text: str
    starts: List[int]  # for each character of `text`, where its source begins in the original
    ends: List[int]  # ... and where it ends

    def original_span(self, start: int, end: int) -> tuple:
        """The original (start, end) of the normalised span [start, end)."""
        return self.starts[start], self.ends[end - 1]


def _units(text: str):
    """Yields (start, end) of each character with the marks that combine with it."""
    start = 0
    for index in range(1, len(text) + 1):
        if index < len(text) and (
            unicodedata.combining(text[index]) or text[index] in _HALF_WIDTH_SOUND_MARKS
        ):
            continue
        yield start, index
        start = index


def normalize(text: str) -> NormalizedText:
    pieces, starts, ends = [], [], []
    for start, end in _units(text):
        piece = unicodedata.normalize("NFKC", text[start:end])
        pieces.append(piece)
        starts.extend([start] * len(piece))
        ends.extend([end] * len(piece))
    return NormalizedText("".join(pieces), starts, ends)
