"""Tables the staff console reads: questions the assistant could not answer, FAQ feedback."""

from datetime import datetime, timezone

from sqlalchemy import Boolean, Column, DateTime, Integer, String, Text
from sqlalchemy.orm import declarative_base

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
