"""Precision and recall of the emergency detector on labelled files (`label<TAB>text`).

One file per language, named <lang>.tsv; labels are `emergency` or `ordinary`. An alarm on an
ordinary line is a false alarm; an emergency without alarm is a miss.
"""

from pathlib import Path
from typing import Dict, Iterable, List, Tuple

from bot.emergency.detector import detect_emergency

LABELS = ("emergency", "ordinary")


class LabelledFileError(ValueError):
    pass


def read_labelled(path: Path) -> List[Tuple[str, str]]:
    lines = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        label, sep, text = line.partition("\t")
        if not sep or label not in LABELS or not text.strip():
            raise LabelledFileError(
                f"{path}:{number}: expected 'emergency<TAB>text' or 'ordinary<TAB>text'")
        lines.append((label, text))
    return lines


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 1.0


def evaluate_lines(lines: Iterable[Tuple[str, str]]) -> Dict:
    hits = misses = false_alarms = ordinary = 0
    errors = []
    for label, text in lines:
        alarm = detect_emergency(text) is not None
        if label == "emergency":
            hits += alarm
            misses += not alarm
        else:
            ordinary += 1
            false_alarms += alarm
        if alarm != (label == "emergency"):
            errors.append((label, text))
    return {
        "precision": _ratio(hits, hits + false_alarms),
        "recall": _ratio(hits, hits + misses),
        "emergencies": hits + misses,
        "ordinary": ordinary,
        "false_alarms": false_alarms,
        "misses": misses,
        "errors": errors,
    }


def evaluate_files(paths: Iterable[Path]) -> Dict[str, Dict]:
    """Results per language, the language being the file's name (ja-easy.tsv → ja-easy)."""
    return {path.stem: evaluate_lines(read_labelled(path)) for path in sorted(paths)}
