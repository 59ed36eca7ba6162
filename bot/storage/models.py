"""The assistant's records: unanswered questions, FAQ feedback and answers, staff tickets,
alert subscriptions."""

from datetime import datetime, timezone

from sqlalchemy import (Boolean, Column, DateTime, ForeignKey, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


def _now() -> datetime:
    return datetime.now(timezone.utc)


class UnansweredQuestion(Base):
    """A question no FAQ answered; the text is stored with personal data masked."""

    __tablename__ = "unanswered_questions"
    id = Column(Integer, primary_key=True)
    created_at = Column(DateTime(timezone=True), default=_now, nullable=False, index=True)
    language = Column(String(8), nullable=False)
    channel = Column(String(32), nullable=False)
    text = Column(Text, nullable=False)


class FaqFeedback(Base):
    """A resident's 👍 or 👎 on an answer."""

    __tablename__ = "faq_feedback"
    id = Column(Integer, primary_key=True)
    created_at = Column(DateTime(timezone=True), default=_now, nullable=False, index=True)
    faq_id = Column(String(100), nullable=False, index=True)
    helpful = Column(Boolean, nullable=False)
    language = Column(String(8), nullable=False)
    channel = Column(String(32), nullable=False)


class AnsweredFaq(Base):
    """A FAQ given as the answer outright: the dashboard's "most-asked FAQs"."""

    __tablename__ = "answered_faqs"
    id = Column(Integer, primary_key=True)
    created_at = Column(DateTime(timezone=True), default=_now, nullable=False, index=True)
    faq_id = Column(String(100), nullable=False, index=True)
    language = Column(String(8), nullable=False)
    channel = Column(String(32), nullable=False)


TICKET_STATUSES = ("open", "assigned", "closed")
AUTHOR_KINDS = ("resident", "staff", "assistant")


class Ticket(Base):
    """A conversation handed to staff; the conversation is paused until the ticket closes."""

    __tablename__ = "tickets"
    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    channel = Column(String(32), nullable=False)
    language = Column(String(8), nullable=False, index=True)
    summary = Column(Text, nullable=False, default="")
    status = Column(String(16), nullable=False, default="open", index=True)
    assignee = Column(String(100))
    created_at = Column(DateTime(timezone=True), default=_now, nullable=False, index=True)
    updated_at = Column(DateTime(timezone=True), default=_now, onupdate=_now, nullable=False)
    closed_at = Column(DateTime(timezone=True))
    satisfied = Column(Boolean)  # the resident's 😊/😞 once the ticket is closed
    messages = relationship("TicketMessage", back_populates="ticket",
                            order_by="TicketMessage.id", cascade="all, delete-orphan")


class TicketMessage(Base):
    """One line of a ticket's transcript, personal data masked."""

    __tablename__ = "ticket_messages"
    id = Column(Integer, primary_key=True)
    ticket_id = Column(Integer, ForeignKey("tickets.id"), nullable=False, index=True)
    author = Column(String(16), nullable=False)  # one of AUTHOR_KINDS
    staff_name = Column(String(100))
    text = Column(Text, nullable=False)
    created_at = Column(DateTime(timezone=True), default=_now, nullable=False)
    # Staff replies only: set once the resident's channel has been sent the reply.
    delivered = Column(Boolean, nullable=False, default=False)
    ticket = relationship("Ticket", back_populates="messages")


class StaffUser(Base):
    __tablename__ = "staff_users"
    id = Column(Integer, primary_key=True)
    name = Column(String(100), nullable=False, unique=True)
    password_hash = Column(String(400), nullable=False)  # see bot.staff.passwords
    created_at = Column(DateTime(timezone=True), default=_now, nullable=False)


class LoginAttempt(Base):
    """Every checked login, for throttling password guessing per account and per address."""

    __tablename__ = "staff_login_attempts"
    id = Column(Integer, primary_key=True)
    created_at = Column(DateTime(timezone=True), default=_now, nullable=False, index=True)
    name = Column(String(100), nullable=False, index=True)
    address = Column(String(64), nullable=False, index=True)
    success = Column(Boolean, nullable=False)


class StaffSession(Base):
    """A signed-in browser. Only a hash of the cookie's token is stored."""

    __tablename__ = "staff_sessions"
    token_hash = Column(String(64), primary_key=True)
    staff_name = Column(String(100), nullable=False)
    csrf_token = Column(String(64), nullable=False)
    created_at = Column(DateTime(timezone=True), default=_now, nullable=False)
    expires_at = Column(DateTime(timezone=True), nullable=False, index=True)


# Subscribed to every municipality's alerts.
ALL_MUNICIPALITIES = "all"


class AlertSubscription(Base):
    """One resident's wish to get alerts for one municipality (or all), in one language."""

    __tablename__ = "alert_subscriptions"
    __table_args__ = (UniqueConstraint("channel", "recipient", "municipality_code"),)
    id = Column(Integer, primary_key=True)
    created_at = Column(DateTime(timezone=True), default=_now, nullable=False)
    channel = Column(String(32), nullable=False)      # "line"
    recipient = Column(String(100), nullable=False)   # the channel's user id
    municipality_code = Column(String(8), nullable=False, index=True)
    language = Column(String(8), nullable=False)
