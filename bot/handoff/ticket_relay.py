"""While staff handle a conversation, what the resident writes goes into the ticket.

The conversation is paused then (ConversationPaused): Rasa records the resident's messages
but runs no action, so nothing on the action server sees them. This Rasa event broker
(endpoints.yml `event_broker`) gets every event Rasa stores and appends each message the
resident wrote after the ticket was opened. Database work runs on one worker thread, in order,
never in Rasa's event loop.
"""

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
import logging
from typing import Any, Dict, Optional

from rasa.core.brokers.broker import EventBroker
from rasa.utils.endpoints import EndpointConfig

from bot.staff.accounts import as_utc
from bot.staff.tickets import add_resident_message, get_ticket, open_ticket_for

logger = logging.getLogger(__name__)


def relay_to_ticket(event: Dict[str, Any], database_url: str = "") -> Optional[int]:
    """Appends a resident's message to their conversation's active ticket, if it was written
    after the ticket was opened (the handoff turn itself is in the ticket's transcript)."""
    text = (event.get("text") or "").strip()
    if event.get("event") != "user" or not text or text.startswith("/"):
        return None
    ticket_id = open_ticket_for(event.get("sender_id", ""), database_url)
    if ticket_id is None:
        return None
    sent_at = datetime.fromtimestamp(float(event.get("timestamp") or 0), timezone.utc)
    if sent_at <= as_utc(get_ticket(ticket_id, database_url).created_at):
        return None
    return add_resident_message(event["sender_id"], text, database_url)


class TicketRelayBroker(EventBroker):
    def __init__(self, database_url: str = ""):
        self.database_url = database_url
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ticket-relay")

    @classmethod
    async def from_endpoint_config(cls, broker_config: EndpointConfig,
                                   event_loop: Any = None) -> "TicketRelayBroker":
        return cls(broker_config.kwargs.get("database_url", "") if broker_config else "")

    def publish(self, event: Dict[str, Any]) -> None:
        if event.get("event") == "user":
            self._worker.submit(self._relay, event)

    def _relay(self, event: Dict[str, Any]) -> None:
        try:
            relay_to_ticket(event, self.database_url)
        except Exception:  # the resident's message is still in the tracker store
            logger.exception("Could not add a resident's message to their ticket")

    async def close(self) -> None:
        self._worker.shutdown(wait=True)
