"""FAQ drafts from questions residents asked: a skeleton in the knowledge/ format.

Drafts go to knowledge/drafts/, which the live knowledge base does not load (it reads only
knowledge/faq/*.yml). Staff complete a draft, then move it into a file under knowledge/faq/.
The same validator that guards the live files lists what the draft still lacks.
"""

from dataclasses import dataclass
from datetime import date
import json
from pathlib import Path
import re
from typing import List

from bot.knowledge.faq_files import read_faq_file
from bot.knowledge.validation import Problem
from bot.languages import LANGUAGES
from bot.paths import KNOWLEDGE_DIR

DRAFTS_DIR = KNOWLEDGE_DIR / "drafts"


@dataclass(frozen=True)
class Draft:
    path: Path
    content: str
    problems: List[Problem]


# What YAML may not hold unescaped in a file (control characters, C1 controls, surrogates,
# U+FFFE/U+FFFF) or reads as a line break inside a scalar (NEL, U+2028, U+2029).
_NOT_WRITABLE = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
                           "|[\x85\u2028\u2029]")


def _quoted(text: str) -> str:
    """A YAML scalar for any text, read back exactly as written: a JSON string is a valid YAML
    double-quoted scalar, and what a YAML file may not hold raw is written as a \\u escape."""
    return _NOT_WRITABLE.sub(lambda found: f"\\u{ord(found.group()):04x}",
                             json.dumps(text, ensure_ascii=False))


def skeleton(question_id: int, question: str, language: str) -> str:
    def per_language(key: str) -> List[str]:
        return [f"    {key}:"] + [f'      {code}: ""' for code in LANGUAGES]

    lines = [
        f"# Draft from unanswered question {question_id} ({language}). Not served: complete it,",
        "# then move the entry into a file under knowledge/faq/ (see knowledge/README.md).",
        "faqs:",
        f"  - id: draft-{question_id}      # choose a lasting id, e.g. my-number-card-lost",
        "    category:              # procedures | my_number | disaster | medical | living",
        "    department:            # who owns the facts",
        "    source:                # the official https:// page the answer comes from",
        "    reviewed:              # the day you checked the facts, YYYY-MM-DD",
        *per_language("title"),
        "    questions:",
        *[f"      {code}: [{_quoted(question) if code == language else ''}]"
          for code in LANGUAGES],
        *per_language("answer"),
    ]
    return "\n".join(lines) + "\n"


def read_draft(path: Path) -> Draft:
    _, problems = read_faq_file(path, date.today())
    return Draft(path, path.read_text(encoding="utf-8"), problems)


def draft_path(question_id: int, folder: Path = DRAFTS_DIR) -> Path:
    return folder / f"{question_id}.yml"


def write_draft(question_id: int, question: str, language: str,
                folder: Path = DRAFTS_DIR) -> Draft:
    """Writes the skeleton unless a draft exists already (staff may have edited it)."""
    path = draft_path(question_id, folder)
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(skeleton(question_id, question, language), encoding="utf-8")
    return read_draft(path)
