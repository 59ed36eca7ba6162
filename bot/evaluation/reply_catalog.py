"""What the assistant can say, so that a reply read back from any channel can be named.

Every fixed text the assistant sends is known: the FAQ answers (knowledge/), the texts the
actions compose (bot/i18n/*.yml) and Rasa's responses (domain.yml), each in six languages.
`ReplyCatalog.name(text)` says which one a message is and in which language: the evaluation
of whole conversations classifies replies by it instead of guessing from their wording.
A text with placeholders ("{url}") is known by its words before the first placeholder.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path
import re
from typing import Iterable, List

import yaml

from bot.i18n.catalog import messages
from bot.knowledge.faq_files import faq_files, read_faq_file
from bot.languages import LANGUAGES
from bot.paths import KNOWLEDGE_DIR, PROJECT_ROOT

# A template's fixed start shorter than this says too little to tell texts apart.
_MIN_PREFIX = 6
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


@dataclass(frozen=True)
class KnownText:
    source: str  # "faq" (key: the FAQ id), "message" (bot/i18n key) or "response" (domain.yml)
    key: str
    language: str
    start: str  # the text, or its fixed start before a placeholder


def _start(template: str) -> str:
    match = _PLACEHOLDER.search(template)
    return (template[:match.start()] if match else template).strip()


def _response_texts(domain_file: Path) -> Iterable[KnownText]:
    responses = yaml.safe_load(domain_file.read_text(encoding="utf-8")).get("responses", {})
    for name, variations in responses.items():
        for variation in variations:
            languages = [c["value"] for c in variation.get("condition") or []
                         if c.get("name") == "language"]
            if languages and variation.get("text"):
                yield KnownText("response", name, languages[0], _start(variation["text"]))


def _message_texts() -> Iterable[KnownText]:
    for key, variants in messages().items():
        for language, template in variants.items():
            if language in LANGUAGES:
                yield KnownText("message", key, language, _start(template))


def _faq_texts(knowledge_dir: Path) -> Iterable[KnownText]:
    for path in faq_files(knowledge_dir):
        for faq in read_faq_file(path, date.today())[0]:
            for language in LANGUAGES:
                if faq.answer.get(language):
                    yield KnownText("faq", faq.id, language, faq.answer_in(language))


class ReplyCatalog:
    def __init__(self, knowledge_dir: Path = KNOWLEDGE_DIR,
                 domain_file: Path = PROJECT_ROOT / "domain.yml"):
        known = [*_faq_texts(knowledge_dir), *_message_texts(), *_response_texts(domain_file)]
        # Longest first: a FAQ answer that begins with a shorter known text is still the answer.
        self._known: List[KnownText] = sorted(
            (k for k in known if len(k.start) >= _MIN_PREFIX), key=lambda k: -len(k.start))
        self.faq_ids = sorted({k.key for k in self._known if k.source == "faq"})

    def name_all(self, text: str) -> List[KnownText]:
        """The known texts `text` is (or begins with): several when languages share the
        wording (a number, a URL); none for a text composed otherwise."""
        stripped = text.strip()
        first = next((k for k in self._known if stripped.startswith(k.start)), None)
        return [k for k in self._known if first and k.start == first.start]
