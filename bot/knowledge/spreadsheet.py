"""FAQ files ⇄ one CSV sheet, for staff who edit in Excel.

One row per FAQ; one column per field and language. Lists (questions, synonyms) are one
line per item inside the cell, consistency exceptions one "fact | languages | reason" per
line. The CSV is UTF-8 with a byte-order mark so Excel shows Japanese correctly. Importing
writes the FAQ files back in the standard layout, keeping each file's opening comment; the
round trip loses nothing.
"""

import csv
from datetime import date
from pathlib import Path
from typing import Dict, Iterable, List

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from bot.knowledge.faq import Faq
from bot.knowledge.faq_files import _as_list
from bot.languages import LANGUAGES

_SCALARS = ("id", "category", "department", "source", "reviewed")
_PER_LANGUAGE = ("title", "questions", "answer", "synonyms")
COLUMNS = ["file", *_SCALARS, "staff_only"] + [f"{field}_{lang}" for field in _PER_LANGUAGE
                                 for lang in LANGUAGES] + ["consistency_exceptions"]


def export_csv(faqs: Iterable[Faq], folder: Path, out: Path) -> int:
    rows = 0
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for faq in faqs:
            row = {"file": faq.file.relative_to(folder / "faq").as_posix(), "id": faq.id,
                   "category": faq.category, "department": faq.department,
                   "source": faq.source, "reviewed": faq.reviewed.isoformat(),
                   "staff_only": "yes" if faq.staff_only else "",
                   "consistency_exceptions": "\n".join(
                       f"{e.get('fact', '')} | {', '.join(_as_list(e.get('languages')))} | "
                       f"{e.get('reason', '')}" for e in faq.consistency_exceptions)}
            for lang in LANGUAGES:
                row[f"title_{lang}"] = faq.title.get(lang, "")
                row[f"questions_{lang}"] = "\n".join(faq.questions.get(lang, []))
                row[f"answer_{lang}"] = faq.answer.get(lang, "")
                row[f"synonyms_{lang}"] = "\n".join(faq.synonyms.get(lang, []))
            writer.writerow(row)
            rows += 1
    return rows


def _lines(cell: str) -> List[str]:
    return [line.strip() for line in (cell or "").splitlines() if line.strip()]


def _exception(line: str) -> dict:
    parts = [part.strip() for part in line.split("|", 2)]
    if len(parts) != 3:
        raise ValueError(f"consistency_exceptions: '{line}' is not 'fact | languages | reason'.")
    fact, languages, reason = parts
    return {"fact": fact, "languages": [lang.strip() for lang in languages.split(",")],
            "reason": reason}


def _entry(row: Dict[str, str]) -> dict:
    entry = {key: row[key].strip() for key in ("id", "category", "department")}
    entry["source"] = row["source"].strip()
    entry["reviewed"] = date.fromisoformat(row["reviewed"].strip())
    if (row.get("staff_only") or "").strip().lower() in ("yes", "true", "1"):
        entry["staff_only"] = True
    entry["title"] = {lang: DoubleQuotedScalarString(row[f"title_{lang}"])
                      for lang in LANGUAGES}
    entry["questions"] = {lang: [DoubleQuotedScalarString(q) for q in
                                 _lines(row[f"questions_{lang}"])] for lang in LANGUAGES}
    entry["answer"] = {lang: LiteralScalarString(row[f"answer_{lang}"].rstrip("\n") + "\n")
                       for lang in LANGUAGES}
    synonyms = {lang: [DoubleQuotedScalarString(s) for s in _lines(row[f"synonyms_{lang}"])]
                for lang in LANGUAGES}
    synonyms = {lang: words for lang, words in synonyms.items() if words}
    if synonyms:
        entry["synonyms"] = synonyms
    exceptions = [_exception(line) for line in _lines(row["consistency_exceptions"])]
    if exceptions:
        entry["consistency_exceptions"] = exceptions
    return entry


def _leading_comment(path: Path) -> str:
    if not path.exists():
        return ""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines) + "\n" if lines else ""


def import_csv(source: Path, folder: Path) -> Dict[Path, int]:
    """Writes the sheet's rows into the FAQ files they name; returns rows per file."""
    with source.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{source}: columns missing: {', '.join(missing)} "
                             "(export a fresh sheet with `python -m bot faq export-csv`).")
        by_file: Dict[str, List[dict]] = {}
        for row in reader:
            by_file.setdefault(row["file"].strip(), []).append(_entry(row))
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # one line per text: diffs stay readable
    written = {}
    for name, entries in by_file.items():
        path = folder / "faq" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        header = _leading_comment(path)
        with path.open("w", encoding="utf-8") as handle:
            handle.write(header)
            yaml.dump({"faqs": entries}, handle)
        written[path] = len(entries)
    return written
