"""The action server's user-visible texts, one entry per message with all six languages.

Fixed replies live in domain.yml as Rasa responses; texts that actions assemble at run time
(with a FAQ title, a link, a count) live in the YAML files of this folder, one file per area
(messages.yml for answers, channels.yml for channel notices, …) so that areas do not collide.
Both are checked by the tests for a missing language.
"""

from functools import lru_cache
from pathlib import Path
from typing import Dict

import yaml

from bot.languages import DEFAULT_LANGUAGE, LANGUAGES

MESSAGES_DIR = Path(__file__).parent


@lru_cache(maxsize=1)
def messages() -> Dict[str, Dict[str, str]]:
    catalog: Dict[str, Dict[str, str]] = {}
    for path in sorted(MESSAGES_DIR.glob("*.yml")):
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        clash = catalog.keys() & entries.keys()
        if clash:
            raise ValueError(f"{path.name}: message keys defined twice: {sorted(clash)}")
        catalog.update(entries)
    return catalog


def text(key: str, language: str, **values: object) -> str:
    """The message `key` in `language` (Japanese for an unknown code), filled with `values`."""
    variants = messages()[key]
    return variants[language if language in LANGUAGES else DEFAULT_LANGUAGE].format(**values)
