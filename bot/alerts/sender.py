"""Pushing an alert to every LINE subscriber in their language, within the monthly quota.

LINE's multicast takes at most 500 recipients per call and every recipient counts against the
channel's monthly message quota. The quota that applies is the smaller of the plan's (read from
LINE) and the prefecture's own setting; recipients beyond it are not sent to, and the report
says how many. Retries on 429/5xx happen inside the client; a batch that still fails is counted
as failed and the others go on.
"""

from dataclasses import asdict, dataclass, field
import logging
from typing import Dict, List, Optional

from bot.alerts.alert_file import Alert
from bot.alerts.subscriptions import recipients_by_language
from bot.languages import LANGUAGES
from connectors.line_api import MAX_MULTICAST_RECIPIENTS, LineApiError, LineMessagingApi
from connectors.line_messages import to_line_messages

logger = logging.getLogger(__name__)


@dataclass
class SendReport:
    recipients: int = 0
    sent: int = 0
    failed: int = 0
    skipped_over_quota: int = 0
    batches: int = 0
    quota: Optional[int] = None           # messages allowed this month (None: unlimited)
    used_before: int = 0
    used_after: Optional[int] = None
    by_language: Dict[str, Dict[str, int]] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


def _batches(items: List[str], size: int = MAX_MULTICAST_RECIPIENTS) -> List[List[str]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


async def send_alert(alert: Alert, api: LineMessagingApi, monthly_quota: Optional[int] = None,
                     database_url: str = "") -> SendReport:
    recipients = recipients_by_language("line", alert.municipality_code, database_url)
    report = SendReport(recipients=sum(len(ids) for ids in recipients.values()))
    limits = [q for q in (monthly_quota, await api.monthly_quota()) if q is not None]
    report.quota = min(limits) if limits else None
    report.used_before = await api.messages_sent_this_month()
    remaining = None if report.quota is None else max(report.quota - report.used_before, 0)
    for language in LANGUAGES:
        ids = recipients.get(language, [])
        if not ids:
            continue
        allowed = ids if remaining is None else ids[:remaining]
        if remaining is not None:
            remaining -= len(allowed)
        counts = {"recipients": len(ids), "sent": 0, "failed": 0,
                  "skipped_over_quota": len(ids) - len(allowed)}
        messages = to_line_messages([{"text": alert.text_for(language)}])
        for batch in _batches(allowed):
            report.batches += 1
            try:
                await api.multicast(batch, messages)
                counts["sent"] += len(batch)
            except LineApiError as error:
                logger.error("Alert batch of %d (%s) failed: %s", len(batch), language, error)
                counts["failed"] += len(batch)
        report.by_language[language] = counts
        report.sent += counts["sent"]
        report.failed += counts["failed"]
        report.skipped_over_quota += counts["skipped_over_quota"]
    report.used_after = await api.messages_sent_this_month()
    return report
