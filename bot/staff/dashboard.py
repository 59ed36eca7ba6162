"""The figures on the staff dashboard.

Conversations come from Rasa's SQL tracker store (table `events`): a conversation is counted
on each day (Japan time) on which the resident wrote at least once; its channel is the input
channel of that day's first message, its language the `language` slot at the end of that day
(the domain's initial value, Japanese, if never set). Tickets, answered FAQs and 👍/👎 come
from the assistant's own database.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
import json
import os
from pathlib import Path
from typing import Dict, List, Tuple
from zoneinfo import ZoneInfo

from sqlalchemy import create_engine, func, inspect, text

from bot.languages import DEFAULT_LANGUAGE
from bot.paths import RUNTIME_DIR
from bot.storage.database import session_scope
from bot.storage.models import AnsweredFaq, FaqFeedback, Ticket

JAPAN = ZoneInfo("Asia/Tokyo")
DEFAULT_TRACKER_URL = f"sqlite:///{RUNTIME_DIR / 'tracker.db'}"  # what `make run` writes
TOP_FAQS = 10


def tracker_database_url() -> str:
    return os.environ.get("TRACKER_DATABASE_URL", DEFAULT_TRACKER_URL)


@dataclass
class Figures:
    days: List[date]
    by_language: Dict[date, Counter] = field(default_factory=dict)
    by_channel: Dict[date, Counter] = field(default_factory=dict)
    conversations: int = 0  # distinct conversations in the period
    tickets: int = 0  # tickets opened in the period
    top_faqs: List[Tuple[str, int]] = field(default_factory=list)
    feedback: Dict[str, Tuple[int, int]] = field(default_factory=dict)  # faq: (👍, 👎)
    tracker_available: bool = True

    @property
    def handoff_rate(self) -> float:
        return self.tickets / self.conversations if self.conversations else 0.0


def period(last_day: date, days: int) -> Tuple[List[date], datetime, datetime]:
    """The days shown and their bounds in UTC."""
    first = last_day - timedelta(days=days - 1)
    start = datetime.combine(first, datetime.min.time(), JAPAN).astimezone(timezone.utc)
    end = datetime.combine(last_day + timedelta(days=1), datetime.min.time(),
                           JAPAN).astimezone(timezone.utc)
    return [first + timedelta(days=i) for i in range(days)], start, end


def _tracker_events(tracker_url: str, end: datetime):
    sqlite_file = tracker_url.partition("sqlite:///")[2]
    if sqlite_file and not Path(sqlite_file).exists():
        return None  # Rasa has not written it yet; connecting would create an empty file
    engine = create_engine(tracker_url, future=True)
    try:
        if not inspect(engine).has_table("events"):
            return None
        with engine.connect() as connection:
            return connection.execute(text(
                "SELECT sender_id, type_name, timestamp, data FROM events "
                "WHERE type_name IN ('user', 'slot') AND timestamp < :end ORDER BY timestamp, id"),
                {"end": end.timestamp()}).all()
    finally:
        engine.dispose()


def conversation_counts(figures: Figures, tracker_url: str, start: datetime,
                        end: datetime) -> None:
    rows = _tracker_events(tracker_url, end)
    if rows is None:
        figures.tracker_available = False
        return
    language: Dict[str, str] = {}
    day_language: Dict[Tuple[date, str], str] = {}
    day_channel: Dict[Tuple[date, str], str] = {}
    senders = set()
    for sender, type_name, timestamp, data in rows:
        event = json.loads(data)
        day = datetime.fromtimestamp(timestamp, JAPAN).date()
        if type_name == "slot":
            if event.get("name") == "language" and event.get("value"):
                language[sender] = event["value"]
                if (day, sender) in day_language:
                    day_language[(day, sender)] = event["value"]
            continue
        if timestamp < start.timestamp():
            continue
        senders.add(sender)
        day_channel.setdefault((day, sender), event.get("input_channel") or "unknown")
        day_language[(day, sender)] = language.get(sender, DEFAULT_LANGUAGE)
    figures.conversations = len(senders)
    for (day, sender), channel in day_channel.items():
        figures.by_channel.setdefault(day, Counter())[channel] += 1
        figures.by_language.setdefault(day, Counter())[day_language[(day, sender)]] += 1


def compute(last_day: date, days: int, tracker_url: str, database_url: str = "") -> Figures:
    shown, start, end = period(last_day, days)
    figures = Figures(days=shown)
    conversation_counts(figures, tracker_url, start, end)
    with session_scope(database_url) as db:
        figures.tickets = (db.query(Ticket)
                           .filter(Ticket.created_at >= start, Ticket.created_at < end).count())
        figures.top_faqs = (db.query(AnsweredFaq.faq_id, func.count(AnsweredFaq.id))
                            .filter(AnsweredFaq.created_at >= start, AnsweredFaq.created_at < end)
                            .group_by(AnsweredFaq.faq_id)
                            .order_by(func.count(AnsweredFaq.id).desc(), AnsweredFaq.faq_id)
                            .limit(TOP_FAQS).all())
        votes = defaultdict(lambda: [0, 0])
        for faq_id, helpful, count in (
                db.query(FaqFeedback.faq_id, FaqFeedback.helpful, func.count(FaqFeedback.id))
                .filter(FaqFeedback.created_at >= start, FaqFeedback.created_at < end)
                .group_by(FaqFeedback.faq_id, FaqFeedback.helpful)):
            votes[faq_id][0 if helpful else 1] += count
        figures.feedback = {k: (v[0], v[1]) for k, v in sorted(votes.items())}
    return figures


