"""Tickets: conversations the assistant hands to a member of staff.

The dialogue side opens a ticket (with the conversation so far), appends what the resident
writes while staff handle it, and relays staff replies it has not delivered yet. The console
assigns, replies and closes. Everything is in the database, so nothing is lost on a restart;
every text is stored with personal data masked.

A conversation has at most one active (open or assigned) ticket at a time.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Iterable, List, Optional, Sequence, Tuple

from bot.privacy.masking import mask_personal_data
from bot.staff.accounts import as_utc, now
from bot.storage.database import session_scope
from bot.storage.models import AUTHOR_KINDS, TICKET_STATUSES, Ticket, TicketMessage

ACTIVE_STATUSES = ("open", "assigned")
MAX_TEXT_LENGTH = 4000


class TicketError(ValueError):
    """The ticket does not exist, or cannot do what was asked (e.g. a reply once closed)."""


class TicketNotFound(TicketError):
    pass


@dataclass(frozen=True)
class MessageView:
    id: int
    author: str
    staff_name: Optional[str]
    text: str
    created_at: datetime
    delivered: bool


@dataclass(frozen=True)
class TicketView:
    id: int
    conversation_id: str
    channel: str
    language: str
    summary: str
    status: str
    assignee: Optional[str]
    created_at: datetime
    updated_at: datetime
    closed_at: Optional[datetime]
    satisfied: Optional[bool] = None
    messages: Tuple[MessageView, ...] = ()

    @property
    def undelivered_replies(self) -> int:
        return sum(m.author == "staff" and not m.delivered for m in self.messages)


def _message_view(message: TicketMessage) -> MessageView:
    return MessageView(message.id, message.author, message.staff_name, message.text,
                       as_utc(message.created_at), message.delivered)


def _view(ticket: Ticket, with_messages: bool = False) -> TicketView:
    return TicketView(
        ticket.id, ticket.conversation_id, ticket.channel, ticket.language, ticket.summary,
        ticket.status, ticket.assignee, as_utc(ticket.created_at), as_utc(ticket.updated_at),
        as_utc(ticket.closed_at) if ticket.closed_at else None, ticket.satisfied,
        tuple(_message_view(m) for m in ticket.messages) if with_messages else ())


def _clean(text: str) -> str:
    # PostgreSQL cannot store NUL in text; the replacement character keeps its place visible.
    text = (text or "").replace("\0", "\ufffd").strip()
    if not text:
        raise TicketError("the message is empty.")
    return mask_personal_data(text)


def _messages(author: str, text: str, staff_name: Optional[str] = None) -> List[TicketMessage]:
    """The message as stored: a resident's long message in consecutive parts of at most
    MAX_TEXT_LENGTH characters (never dropped, masked before it is cut so that no My Number is
    split unmasked); staff write within the limit, which the console enforces."""
    if author not in AUTHOR_KINDS:
        raise TicketError(f"unknown author '{author}' (expected one of {AUTHOR_KINDS}).")
    text = _clean(text)
    if len(text) > MAX_TEXT_LENGTH and author == "staff":
        raise TicketError(f"the message is longer than {MAX_TEXT_LENGTH} characters.")
    return [TicketMessage(author=author, text=text[start:start + MAX_TEXT_LENGTH],
                          staff_name=staff_name, delivered=author != "staff")
            for start in range(0, len(text), MAX_TEXT_LENGTH)]


def _get(db, ticket_id: int) -> Ticket:
    ticket = db.get(Ticket, ticket_id)
    if ticket is None:
        raise TicketNotFound(f"ticket {ticket_id} does not exist.")
    return ticket


def _active(db, conversation_id: str) -> Optional[Ticket]:
    return (db.query(Ticket)
            .filter(Ticket.conversation_id == conversation_id,
                    Ticket.status.in_(ACTIVE_STATUSES))
            .order_by(Ticket.id.desc()).first())


def open_ticket(conversation_id: str, channel: str, language: str, summary: str,
                transcript: Sequence[Tuple[str, str]] = (), database_url: str = "") -> int:
    """A new ticket with the conversation so far (author, text); the active one if it exists."""
    with session_scope(database_url) as db:
        existing = _active(db, conversation_id)
        if existing is not None:
            return existing.id
        ticket = Ticket(conversation_id=conversation_id, channel=channel or "unknown",
                        language=language, summary=mask_personal_data(summary or "")[:1000],
                        status="open")
        ticket.messages = [message for author, text in transcript if (text or "").strip()
                           for message in _messages(author, text)]
        db.add(ticket)
        db.flush()
        return ticket.id


def open_ticket_for(conversation_id: str, database_url: str = "") -> Optional[int]:
    """The id of the conversation's active ticket: while there is one, staff handle it."""
    with session_scope(database_url) as db:
        ticket = _active(db, conversation_id)
        return ticket.id if ticket else None


def add_resident_message(conversation_id: str, text: str,
                         database_url: str = "") -> Optional[int]:
    """Appends to the active ticket; returns its id, or None when there is none."""
    with session_scope(database_url) as db:
        ticket = _active(db, conversation_id)
        if ticket is None:
            return None
        ticket.messages.extend(_messages("resident", text))
        ticket.updated_at = now()
        return ticket.id


def add_staff_reply(ticket_id: int, staff: str, text: str, database_url: str = "") -> int:
    """Stores a reply, undelivered until the dialogue side relays it; returns its id."""
    with session_scope(database_url) as db:
        ticket = _get(db, ticket_id)
        if ticket.status == "closed":
            raise TicketError(f"ticket {ticket_id} is closed.")
        (message,) = _messages("staff", text, staff_name=staff)
        ticket.messages.append(message)
        ticket.updated_at = now()
        db.flush()
        return message.id


def undelivered_staff_replies(conversation_id: str,
                              database_url: str = "") -> List[MessageView]:
    """Staff replies of the conversation's tickets not yet sent to the resident, oldest first."""
    with session_scope(database_url) as db:
        rows = (db.query(TicketMessage).join(Ticket)
                .filter(Ticket.conversation_id == conversation_id,
                        TicketMessage.author == "staff", TicketMessage.delivered.is_(False))
                .order_by(TicketMessage.id).all())
        return [_message_view(m) for m in rows]


def mark_delivered(message_ids: Iterable[int], database_url: str = "") -> None:
    ids = list(message_ids)
    if not ids:
        return
    with session_scope(database_url) as db:
        (db.query(TicketMessage).filter(TicketMessage.id.in_(ids))
         .update({TicketMessage.delivered: True}, synchronize_session=False))


def assign(ticket_id: int, staff: str, database_url: str = "") -> None:
    with session_scope(database_url) as db:
        ticket = _get(db, ticket_id)
        if ticket.status == "closed":
            raise TicketError(f"ticket {ticket_id} is closed.")
        ticket.status, ticket.assignee, ticket.updated_at = "assigned", staff, now()


def close(ticket_id: int, staff: str, database_url: str = "") -> None:
    with session_scope(database_url) as db:
        ticket = _get(db, ticket_id)
        if ticket.status == "closed":
            return
        ticket.status, ticket.closed_at, ticket.updated_at = "closed", now(), now()
        ticket.assignee = ticket.assignee or staff


def record_satisfaction(conversation_id: str, satisfied: bool,
                        database_url: str = "") -> Optional[int]:
    """The resident's rating, kept with their latest closed ticket; returns its id, if any."""
    with session_scope(database_url) as db:
        ticket = (db.query(Ticket)
                  .filter(Ticket.conversation_id == conversation_id, Ticket.status == "closed")
                  .order_by(Ticket.closed_at.desc(), Ticket.id.desc()).first())
        if ticket is None:
            return None
        ticket.satisfied = satisfied
        return ticket.id


def get_ticket(ticket_id: int, database_url: str = "") -> TicketView:
    with session_scope(database_url) as db:
        return _view(_get(db, ticket_id), with_messages=True)


def list_tickets(status: Optional[str] = None, language: Optional[str] = None,
                 channel: Optional[str] = None, database_url: str = "") -> List[TicketView]:
    """Newest first; each filter applies only when given."""
    if status is not None and status not in TICKET_STATUSES:
        raise TicketError(f"unknown status '{status}' (expected one of {TICKET_STATUSES}).")
    with session_scope(database_url) as db:
        query = db.query(Ticket)
        if status:
            query = query.filter(Ticket.status == status)
        if language:
            query = query.filter(Ticket.language == language)
        if channel:
            query = query.filter(Ticket.channel == channel)
        return [_view(t) for t in query.order_by(Ticket.id.desc()).all()]


def ticket_channels(database_url: str = "") -> List[str]:
    """Every channel tickets came from, for the queue's filter."""
    with session_scope(database_url) as db:
        return sorted(c for (c,) in db.query(Ticket.channel).distinct())
