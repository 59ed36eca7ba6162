"""Whose page an FAQ's `source` is: facts should come from Chiba prefecture, one of its
municipalities or a national body. Another prefecture's city may have other rules, fees or
numbers, so `faq validate` warns about such a source (a warning: the FAQ still serves)."""

from functools import lru_cache
from typing import FrozenSet
from urllib.parse import urlsplit

from bot.knowledge.contacts import municipal_websites

# Chiba's own: the prefecture (pref.chiba.lg.jp with its sites such as library.) and the
# prefecture-type domain its police and many municipalities use (police.pref.chiba.jp,
# city.chiba.jp, town.shisui.chiba.jp).
CHIBA_DOMAINS = ("chiba.lg.jp", "chiba.jp")
# National bodies are on go.jp, except these few, whose own site is the official one:
NATIONAL_BODIES_OUTSIDE_GO_JP = (
    "houterasu.or.jp",  # 法テラス (Japan Legal Support Center), set up by the state by law
    "jrc.or.jp",  # Japanese Red Cross Society (its own Act): the only one collecting donated blood
)


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


@lru_cache(maxsize=1)
def _official_domains() -> FrozenSet[str]:
    # Municipalities on lg.jp (city.funabashi.lg.jp) are known only from their checked websites.
    municipal = {_host(url).removeprefix("www.") for url in municipal_websites().values()}
    return frozenset({"go.jp", *CHIBA_DOMAINS, *NATIONAL_BODIES_OUTSIDE_GO_JP, *municipal})


def official_source(url: str) -> bool:
    """Whether `url` is a page of Chiba prefecture, a Chiba municipality or a national body."""
    host = _host(url)
    return any(host == domain or host.endswith("." + domain) for domain in _official_domains())
