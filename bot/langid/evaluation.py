"""Accuracy of the detector on a labelled file, beside plain langdetect on the same lines."""

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

from bot.langid.detector import detect
from bot.langid.scripts import count_scripts

# langdetect's codes for our languages; any other answer counts as wrong.
_LANGDETECT_CODES = {"ja": "ja", "en": "en", "ko": "ko", "vi": "vi", "zh-cn": "zh", "zh-tw": "zh"}


class LabelledFileError(ValueError):
    pass


def read_labelled_lines(path: Path) -> List[Tuple[str, str]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        label, sep, text = line.partition("\t")
        if not sep or not text.strip():
            raise LabelledFileError(f"{path}:{number}: expected 'label<TAB>text', got {line!r}")
        rows.append((label.strip(), text.strip()))
    return rows


def is_kanji_only(text: str) -> bool:
    counts = count_scripts(text)
    return counts.han > 0 and counts.kana == counts.hangul == counts.latin == 0


def plain_langdetect(text: str) -> Optional[str]:
    from langdetect import DetectorFactory, detect as langdetect_detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        return _LANGDETECT_CODES.get(langdetect_detect(text))
    except LangDetectException:
        return None


@dataclass
class Score:
    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        return round(self.correct / self.total, 4) if self.total else 0.0


def score(rows: List[Tuple[str, str]], predict: Callable[[str], Optional[str]]) -> Dict:
    overall, kanji_only = Score(), Score()
    per_label: Dict[str, Score] = defaultdict(Score)
    errors = []
    for label, text in rows:
        hit = predict(text) == label
        for bucket in (overall, per_label[label]):
            bucket.correct += hit
            bucket.total += 1
        if label == "ja" and is_kanji_only(text):
            kanji_only.correct += hit
            kanji_only.total += 1
        if not hit:
            errors.append((label, text))
    return {
        "accuracy": overall.accuracy,
        "n": overall.total,
        "per_label": {label: s.accuracy for label, s in sorted(per_label.items())},
        "ja_kanji_only": {"accuracy": kanji_only.accuracy, "n": kanji_only.total},
        "errors": errors,
    }


def evaluate(path: Path) -> Dict:
    rows = read_labelled_lines(path)
    ours = score(rows, lambda text: detect(text).language)
    baseline = score(rows, plain_langdetect)
    return {"ours": ours, "langdetect": baseline}
