"""One curated question-and-answer, as staff write it in knowledge/faq/*.yml."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Dict, Iterable, List

CATEGORIES = ("procedures", "my_number", "disaster", "medical", "living")
STALE_AFTER = timedelta(days=365)  # facts not checked against their source for a year


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


def review_overdue(reviewed: date, today: date, after: timedelta = STALE_AFTER) -> bool:
    """The one rule for "not reviewed for too long": the validator's warning, `faq stale` and
    the staff console's front page all use it."""
    return today - reviewed > after


def stale_faqs(faqs: Iterable[Faq], today: date, after: timedelta = STALE_AFTER) -> List[Faq]:
    """The FAQs whose review is overdue, oldest first."""
    return sorted((f for f in faqs if review_overdue(f.reviewed, today, after)),
                  key=lambda f: f.reviewed)
