"""Deletes conversations older than a retention period, wherever their text is kept.

- Rasa's SQL tracker store (table `events`): every conversation whose last event is older than
  the cut-off, unless staff still handle it (an open or assigned ticket).
- The assistant's database: tickets closed before the cut-off with their transcripts, and
  unanswered questions logged before it.
FAQ feedback and answer counts hold no text (a FAQ id, a language, a channel) and stay for
the dashboard.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import List, Optional

from sqlalchemy import create_engine, delete, func, inspect, select, text

from bot.storage.database import session_scope
from bot.storage.models import Ticket, TicketMessage, UnansweredQuestion


@dataclass
class PurgeReport:
    conversations: int = 0  # in the tracker store
    tracker_events: int = 0
    tickets: int = 0
    ticket_messages: int = 0
    unanswered_questions: int = 0


def cutoff_for(days: float, now: Optional[datetime] = None) -> datetime:
    return (now or datetime.now(timezone.utc)) - timedelta(days=days)


def _conversations_with_open_tickets(database_url: str) -> List[str]:
    with session_scope(database_url) as db:
        return list(db.scalars(select(Ticket.conversation_id).where(Ticket.status != "closed")))


def _purge_tracker(tracker_url: str, cutoff: datetime, keep: List[str], report: PurgeReport,
                   dry_run: bool) -> None:
    sqlite_file = tracker_url.partition("sqlite:///")[2]
    if sqlite_file and not Path(sqlite_file).exists():
        return  # no conversation yet; connecting would create an empty file
    engine = create_engine(tracker_url, future=True)
    try:
        if not inspect(engine).has_table("events"):
            return
        with engine.begin() as connection:
            old = [row.sender_id for row in connection.execute(text(
                "SELECT sender_id FROM events GROUP BY sender_id "
                "HAVING MAX(timestamp) < :cutoff"), {"cutoff": cutoff.timestamp()})
                if row.sender_id not in keep]
            for sender_id in old:
                params = {"sender_id": sender_id}
                report.tracker_events += connection.execute(text(
                    "SELECT COUNT(*) FROM events WHERE sender_id = :sender_id"), params).scalar()
                if not dry_run:
                    connection.execute(text("DELETE FROM events WHERE sender_id = :sender_id"),
                                       params)
            report.conversations = len(old)
    finally:
        engine.dispose()


def _purge_assistant_records(database_url: str, cutoff: datetime, report: PurgeReport,
                             dry_run: bool) -> None:
    closed_before = (Ticket.status == "closed") & (Ticket.closed_at < cutoff)
    old_questions = UnansweredQuestion.created_at < cutoff
    with session_scope(database_url) as db:
        ticket_ids = select(Ticket.id).where(closed_before)
        report.tickets = db.scalar(select(func.count()).select_from(Ticket).where(closed_before))
        report.ticket_messages = db.scalar(select(func.count()).select_from(TicketMessage)
                                           .where(TicketMessage.ticket_id.in_(ticket_ids)))
        report.unanswered_questions = db.scalar(
            select(func.count()).select_from(UnansweredQuestion).where(old_questions))
        if dry_run:
            return
        nothing_loaded = {"synchronize_session": False}  # bulk deletes, no objects in memory
        db.execute(delete(TicketMessage).where(TicketMessage.ticket_id.in_(ticket_ids)),
                   execution_options=nothing_loaded)
        db.execute(delete(Ticket).where(closed_before), execution_options=nothing_loaded)
        db.execute(delete(UnansweredQuestion).where(old_questions),
                   execution_options=nothing_loaded)


def purge(older_than_days: float, tracker_url: str, database_url: str = "",
          dry_run: bool = False, now: Optional[datetime] = None) -> PurgeReport:
    """Deletes (or with `dry_run` only counts) what is older than `older_than_days`."""
    cutoff = cutoff_for(older_than_days, now)
    report = PurgeReport()
    keep = _conversations_with_open_tickets(database_url)
    _purge_tracker(tracker_url, cutoff, keep, report, dry_run)
    _purge_assistant_records(database_url, cutoff, report, dry_run)
    return report
