"""What the assistant can say, so that a reply read back from any channel can be named.

Every fixed text the assistant sends is known: the FAQ answers (knowledge/), the texts the
actions compose (bot/i18n/*.yml) and Rasa's responses (domain.yml), each in six languages.
`ReplyCatalog.name_all(text)` says which one a message is and in which language: the
evaluation of whole conversations classifies replies by it instead of guessing from their
wording. A text with placeholders ("{municipality}の指定緊急避難場所です（全{total}か所…") is
matched with anything in their place.
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

# A template's fixed words shorter than this say too little to tell texts apart.
_MIN_FIXED = 6
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


@dataclass(frozen=True)
class KnownText:
    source: str  # "faq" (key: the FAQ id), "message" (bot/i18n key) or "response" (domain.yml)
    key: str
    language: str
    start: str  # the text, placeholders kept as written
    pattern: re.Pattern  # matches a message that begins with this text, placeholders filled

    @property
    def fixed(self) -> int:
        return len(_PLACEHOLDER.sub("", self.start))


def _known(source: str, key: str, language: str, template: str,
           placeholders: bool = True) -> "KnownText":
    template = template.strip()
    parts = _PLACEHOLDER.split(template) if placeholders else [template]
    pattern = re.compile(".+?".join(re.escape(p) for p in parts), re.DOTALL)
    return KnownText(source, key, language, template, pattern)


def _response_texts(domain_file: Path) -> Iterable[KnownText]:
    responses = yaml.safe_load(domain_file.read_text(encoding="utf-8")).get("responses", {})
    for name, variations in responses.items():
        for variation in variations:
            languages = [c["value"] for c in variation.get("condition") or []
                         if c.get("name") == "language"]
            if languages and variation.get("text"):
                yield _known("response", name, languages[0], variation["text"])


def _message_texts() -> Iterable[KnownText]:
    for key, variants in messages().items():
        for language, template in variants.items():
            if language in LANGUAGES:
                yield _known("message", key, language, template)


def _faq_texts(knowledge_dir: Path) -> Iterable[KnownText]:
    for path in faq_files(knowledge_dir):
        for faq in read_faq_file(path, date.today())[0]:
            for language in LANGUAGES:
                if faq.answer.get(language):
                    yield _known("faq", faq.id, language, faq.answer_in(language),
                                 placeholders=False)


class ReplyCatalog:
    def __init__(self, knowledge_dir: Path = KNOWLEDGE_DIR,
                 domain_file: Path = PROJECT_ROOT / "domain.yml"):
        known = [*_faq_texts(knowledge_dir), *_message_texts(), *_response_texts(domain_file)]
        # Most fixed words first: a FAQ answer that begins with a shorter known text is still
        # the answer.
        self._known: List[KnownText] = sorted(
            (k for k in known if k.fixed >= _MIN_FIXED), key=lambda k: -k.fixed)
        self.faq_ids = sorted({k.key for k in self._known if k.source == "faq"})

    def name_all(self, text: str) -> List[KnownText]:
        """The known texts `text` is (or begins with): several when languages share the
        wording (a number, a URL); none for a text composed otherwise."""
        stripped = text.strip()
        first = next((k for k in self._known if k.pattern.match(stripped)), None)
        return [k for k in self._known if first and k.start == first.start]
