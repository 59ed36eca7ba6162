"""The action server's user-visible texts, one entry per message with all six languages.

Fixed replies live in domain.yml as Rasa responses; texts that actions assemble at run time
(with a FAQ title, a link, a count) live in messages.yml. Both are checked by the tests for
a missing language.
"""

from functools import lru_cache
from pathlib import Path
from typing import Dict

import yaml

from bot.languages import DEFAULT_LANGUAGE, LANGUAGES

MESSAGES_FILE = Path(__file__).with_name("messages.yml")


@lru_cache(maxsize=1)
def messages() -> Dict[str, Dict[str, str]]:
    return yaml.safe_load(MESSAGES_FILE.read_text(encoding="utf-8"))


def text(key: str, language: str, **values: object) -> str:
    """The message `key` in `language` (Japanese for an unknown code), filled with `values`."""
    variants = messages()[key]
    return variants[language if language in LANGUAGES else DEFAULT_LANGUAGE].format(**values)
