"""One curated question-and-answer, as staff write it in knowledge/faq/*.yml."""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Dict, List

CATEGORIES = ("procedures", "my_number", "disaster", "medical", "living")


@dataclass(frozen=True)
class Faq:
    id: str
    category: str
    department: str
    source: str
    reviewed: date
    title: Dict[str, str]
    questions: Dict[str, List[str]]
    answer: Dict[str, str]
    synonyms: Dict[str, List[str]] = field(default_factory=dict)
    staff_only: bool = False  # answered by staff: the assistant shows `answer`, then hands off
    # facts of the ja answer left out of some languages on purpose (fact_consistency.py)
    consistency_exceptions: List[Dict[str, Any]] = field(default_factory=list)
    file: Path = Path()
    line: int = 0  # 1-based line of the entry in `file`, for messages to staff

    def title_in(self, language: str) -> str:
        return self.title[language]

    def answer_in(self, language: str) -> str:
        return self.answer[language].strip()
