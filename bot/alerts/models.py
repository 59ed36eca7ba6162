"""The table of alert subscriptions (in the assistant's database, beside its other records)."""

from datetime import datetime, timezone

from sqlalchemy import Column, DateTime, Integer, String, UniqueConstraint

from bot.storage.models import Base

# Subscribed to every municipality's alerts.
ALL_MUNICIPALITIES = "all"


class AlertSubscription(Base):
    """One resident's wish to get alerts for one municipality (or all), in one language."""

    __tablename__ = "alert_subscriptions"
    __table_args__ = (UniqueConstraint("channel", "recipient", "municipality_code"),)
    id = Column(Integer, primary_key=True)
    created_at = Column(DateTime(timezone=True), nullable=False,
                        default=lambda: datetime.now(timezone.utc))
    channel = Column(String(32), nullable=False)      # "line"
    recipient = Column(String(100), nullable=False)   # the channel's user id
    municipality_code = Column(String(8), nullable=False, index=True)
    language = Column(String(8), nullable=False)
