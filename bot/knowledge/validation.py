"""Checks on FAQ files, reported so that a member of staff can fix them without help.

Each problem names the file and line, says what is wrong and how to fix it. Errors stop a
file from being served (the last good version keeps serving); warnings do not. A warning that
`fails_validate` still fails `python -m bot faq validate`, so CI refuses it.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path
import re
from typing import Any, Dict, Iterable, List, Optional

from bot.knowledge.faq import CATEGORIES, review_overdue
from bot.knowledge.sources import official_source
from bot.languages import LANGUAGES

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_URL = re.compile(r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?(?:/[^\s]*)?$")
_REQUIRED = ("id", "category", "department", "source", "reviewed", "title", "questions",
             "answer")
_PER_LANGUAGE = ("title", "questions", "answer")


@dataclass(frozen=True)
class Problem:
    file: Path
    line: int
    severity: str  # "error" or "warning"
    message: str
    fix: str
    fails_validate: bool = False  # a warning `faq validate` (CI) fails on, the file still serves
    overdue_review: bool = False  # the staff console lists these FAQs apart, with their source

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.severity}: {self.message} Fix: {self.fix}"


class ProblemList(list):
    def __init__(self, file: Path):
        super().__init__()
        self.file = file

    def error(self, line: int, message: str, fix: str) -> None:
        self.append(Problem(self.file, line, "error", message, fix))

    def warning(self, line: int, message: str, fix: str, fails_validate: bool = False,
                overdue_review: bool = False) -> None:
        self.append(Problem(self.file, line, "warning", message, fix, fails_validate,
                            overdue_review))


def _line(node: Any, key: Optional[str], default: int) -> int:
    """1-based line of `key` inside a ruamel mapping (or of the node itself)."""
    try:
        return (node.lc.key(key)[0] if key is not None else node.lc.line) + 1
    except (AttributeError, KeyError, TypeError):
        return default


def _texts(value: Any) -> List[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def check_entry(entry: Any, problems: ProblemList, today: date) -> bool:
    """Checks one FAQ entry; returns whether it can be served."""
    line = _line(entry, None, 1)
    if not isinstance(entry, dict):
        problems.error(line, "this entry is not a FAQ (expected `- id: ...` with its fields).",
                       "start each FAQ with '- id:' and indent its fields below it.")
        return False
    errors_before = sum(p.severity == "error" for p in problems)
    faq_id = entry.get("id")
    name = f"FAQ '{faq_id}'" if faq_id else "a FAQ without id"
    for key in _REQUIRED:
        if entry.get(key) in (None, "", [], {}):
            problems.error(line, f"{name} has no `{key}`.", f"add a `{key}:` line to it "
                           "(see knowledge/README.md for an example).")
    if faq_id is not None and not (isinstance(faq_id, str) and _ID.match(faq_id)):
        problems.error(_line(entry, "id", line), f"id '{faq_id}' is not allowed.",
                       "use lower-case letters, digits and hyphens, e.g. 'my-number-card-lost'.")
    category = entry.get("category")
    if category is not None and category not in CATEGORIES:
        problems.error(_line(entry, "category", line), f"{name} has unknown category "
                       f"'{category}'.", f"use one of: {', '.join(CATEGORIES)}.")
    source = entry.get("source")
    if source and not (isinstance(source, str) and _URL.match(source.strip())):
        problems.error(_line(entry, "source", line), f"{name}: source '{source}' is not a "
                       "valid https:// address.", "paste the full address of the official page, "
                       "starting with https://.")
    elif source and not official_source(source.strip()):
        problems.warning(_line(entry, "source", line), f"出典 {source.strip()} は千葉県・県内"
                         "市町村・国の機関のページではありません。", "同じ内容の千葉県か県内"
                         "市町村、国のページがあれば出典をそちらにしてください。")
    reviewed = entry.get("reviewed")
    if reviewed is not None:
        if not isinstance(reviewed, date):
            problems.error(_line(entry, "reviewed", line), f"{name}: reviewed date "
                           f"'{reviewed}' is not a date.", "write it as YYYY-MM-DD, e.g. 2026-04-01.")
        elif review_overdue(reviewed, today):
            problems.warning(_line(entry, "reviewed", line), f"{name} was last reviewed on "
                             f"{reviewed}, more than a year ago.", "check the facts against the "
                             "source page, then update `reviewed`.", overdue_review=True)
        elif reviewed > today:
            problems.error(_line(entry, "reviewed", line), f"{name}: reviewed date {reviewed} "
                           "is in the future.", "write the date you checked the facts.")
    for key in _PER_LANGUAGE:
        _check_languages(entry, key, name, problems, line)
    if not isinstance(entry.get("staff_only", False), bool):
        problems.error(_line(entry, "staff_only", line), f"{name}: `staff_only` must be true "
                       "or false.", "write 'staff_only: true' to hand these questions to staff, "
                       "or remove the line.")
    synonyms = entry.get("synonyms")
    if synonyms is not None and not (isinstance(synonyms, dict)
                                     and set(synonyms) <= set(LANGUAGES)):
        problems.error(_line(entry, "synonyms", line), f"{name}: `synonyms` must list words "
                       "per language code.", f"use language codes as keys: {', '.join(LANGUAGES)}.")
    return sum(p.severity == "error" for p in problems) == errors_before


def _check_languages(entry: Dict, key: str, name: str, problems: ProblemList, line: int) -> None:
    value = entry.get(key)
    if not isinstance(value, dict):
        if value not in (None, "", [], {}):
            problems.error(_line(entry, key, line), f"{name}: `{key}` must have one entry per "
                           "language.", f"write `{key}:` then indented lines for "
                           f"{', '.join(LANGUAGES)}.")
        return
    key_line = _line(entry, key, line)
    for language in LANGUAGES:
        texts = [t for t in _texts(value.get(language)) if t.strip()]
        if language not in value:
            problems.error(key_line, f"{name}: {key} in '{language}' is missing.",
                           f"add a `{language}:` line under `{key}:` with the text in that "
                           "language.")
        elif not texts:
            problems.error(_line(value, language, key_line), f"{name}: {key} in '{language}' "
                           "is empty.", "write the text after the colon.")
    for extra in sorted(set(value) - set(LANGUAGES)):
        problems.error(_line(value, extra, key_line), f"{name}: '{extra}' is not a supported "
                       "language code.", f"use one of: {', '.join(LANGUAGES)}.")


def check_unique_ids(entries: Iterable[tuple]) -> List[Problem]:
    """entries: (faq_id, file, line). Reports every repeat of an id."""
    first: Dict[str, tuple] = {}
    problems = []
    for faq_id, file, line in entries:
        if faq_id in first:
            other_file, other_line = first[faq_id]
            problems.append(Problem(file, line, "error", f"id '{faq_id}' is already used at "
                                    f"{other_file}:{other_line}.", "give this FAQ a new id; "
                                    "never reuse an id."))
        else:
            first[faq_id] = (file, line)
    return problems
