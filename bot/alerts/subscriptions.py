"""Subscribing and unsubscribing residents, and finding who gets an alert."""

from collections import defaultdict
from typing import Dict, List

from bot.storage.models import ALL_MUNICIPALITIES, AlertSubscription
from bot.storage.database import session_scope


def subscribe(channel: str, recipient: str, municipality_code: str, language: str,
              database_url: str = "") -> bool:
    """Subscribes (or updates the language of) one resident; False if already subscribed."""
    with session_scope(database_url) as session:
        existing = session.query(AlertSubscription).filter_by(
            channel=channel, recipient=recipient, municipality_code=municipality_code).first()
        if existing is not None:
            existing.language = language
            return False
        session.add(AlertSubscription(channel=channel, recipient=recipient,
                                      municipality_code=municipality_code, language=language))
        return True


def subscribed_municipalities(channel: str, recipient: str, database_url: str = "") -> List[str]:
    with session_scope(database_url) as session:
        rows = session.query(AlertSubscription.municipality_code).filter_by(
            channel=channel, recipient=recipient).order_by(AlertSubscription.id)
        return [code for (code,) in rows]


def unsubscribe_everywhere(channel: str, recipient: str, database_url: str = "") -> int:
    """Stops every alert to this resident (they asked, or blocked the account); how many."""
    with session_scope(database_url) as session:
        return session.query(AlertSubscription).filter_by(
            channel=channel, recipient=recipient).delete()


def recipients_by_language(channel: str, municipality_code: str,
                           database_url: str = "") -> Dict[str, List[str]]:
    """Who gets an alert for `municipality_code` ("all": everyone), by language, each once."""
    with session_scope(database_url) as session:
        query = session.query(AlertSubscription).filter_by(channel=channel)
        if municipality_code != ALL_MUNICIPALITIES:
            query = query.filter(AlertSubscription.municipality_code.in_(
                [municipality_code, ALL_MUNICIPALITIES]))
        by_language: Dict[str, List[str]] = defaultdict(list)
        seen = set()
        for row in query.order_by(AlertSubscription.id):
            if row.recipient not in seen:
                seen.add(row.recipient)
                by_language[row.language].append(row.recipient)
        return dict(by_language)
