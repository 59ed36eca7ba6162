"""Precision and recall of the emergency detector on labelled files, and its time per message.

- The team's sets: one file per language, named <lang>.tsv, lines `label<TAB>text`.
- A blind set (tests/data/blind/emergency.jsonl): JSON lines `{"lang", "half", "label",
  "text"}`, reported per half and language ("heldout/vi").
- The training files themselves, one writer left out at a time (`leave_one_writer_out`): how
  the detector does on a person's wordings it never learned from.
Labels are `emergency` or `ordinary`. An alarm on an ordinary line is a false alarm; an
emergency without alarm is a miss.
"""

from collections import defaultdict
import json
from pathlib import Path
import statistics
import time
from typing import Callable, Dict, Iterable, List, Optional, Tuple

from bot.emergency.detector import Emergency, detect_emergency
from bot.emergency.situation_model import ORDINARY, read_examples, train, training_files, \
    writer_of

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


def read_blind(path: Path) -> Dict[str, List[Tuple[str, str]]]:
    """The lines of a blind JSON-lines set, grouped as "<half>/<lang>"."""
    groups: Dict[str, List[Tuple[str, str]]] = defaultdict(list)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            label, text, group = row["label"], row["text"], f"{row['half']}/{row['lang']}"
        except (ValueError, KeyError, TypeError):
            raise LabelledFileError(f"{path}:{number}: expected a JSON object with lang, half, "
                                    "label and text") from None
        if label not in LABELS or not str(text).strip():
            raise LabelledFileError(f"{path}:{number}: label must be emergency or ordinary")
        groups[group].append((label, text))
    return dict(sorted(groups.items()))


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 1.0


def evaluate_lines(lines: Iterable[Tuple[str, str]],
                   detect: Callable[[str], Optional[Emergency]] = detect_emergency) -> Dict:
    detect("")  # load the cue lists and the model before timing
    hits = misses = false_alarms = ordinary = 0
    errors = []
    times_ms = []
    for label, text in lines:
        started = time.perf_counter()
        alarm = detect(text) is not None
        times_ms.append((time.perf_counter() - started) * 1000)
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
        "ms_mean": round(statistics.fmean(times_ms), 3) if times_ms else 0.0,
        "ms_max": round(max(times_ms), 3) if times_ms else 0.0,
        "errors": errors,
    }


def evaluate_files(paths: Iterable[Path]) -> Dict[str, Dict]:
    """Results per language: of a .tsv file the language is its name (ja-easy.tsv → ja-easy);
    a .jsonl blind set gives "<half>/<lang>"."""
    results = {}
    for path in sorted(paths):
        if path.suffix == ".jsonl":
            results.update({group: evaluate_lines(lines)
                            for group, lines in read_blind(path).items()})
        else:
            results[path.stem] = evaluate_lines(read_labelled(path))
    return results


def leave_one_writer_out() -> Dict[str, Dict]:
    """For each writer of the training files but the first: the detector, with a model trained
    on the other writers' files, on that writer's lines (all languages together)."""
    files = training_files()
    results = {}
    for writer in sorted({writer_of(path) for path in files} - {"first"}):
        model = train([path for path in files if writer_of(path) != writer])
        lines = [("ordinary" if kind == ORDINARY else "emergency", text)
                 for path in files if writer_of(path) == writer
                 for kind, text in read_examples(path)]
        results[f"without {writer}"] = evaluate_lines(
            lines, lambda text, model=model: detect_emergency(text, model))
    return results
