"""Where a resident can ask next when the assistant has no answer: their municipality's
official website (knowledge/contacts/municipal_websites.yml, only checked URLs)."""

from functools import lru_cache
from typing import Dict, Optional

import yaml

from bot.paths import KNOWLEDGE_DIR

MUNICIPAL_WEBSITES_FILE = KNOWLEDGE_DIR / "contacts" / "municipal_websites.yml"


@lru_cache(maxsize=1)
def municipal_websites() -> Dict[str, str]:
    """Municipality code -> its checked official website."""
    data = yaml.safe_load(MUNICIPAL_WEBSITES_FILE.read_text(encoding="utf-8")) or {}
    return {str(m["code"]): m["url"] for m in data.get("municipalities", []) if m.get("url")}


def municipal_website(code: str) -> Optional[str]:
    return municipal_websites().get(code)
