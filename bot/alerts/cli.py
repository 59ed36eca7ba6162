"""`python -m bot alert send --municipality CODE|all --level N --message-file FILE.yml`."""

import argparse
import asyncio
import json
import os
from pathlib import Path
import sys

from bot.alerts.alert_file import AlertFileError, load_alert
from bot.alerts.sender import send_alert
from connectors.line_api import LineApiError, LineMessagingApi


async def _send(args: argparse.Namespace) -> int:
    try:
        alert = load_alert(Path(args.message_file), args.municipality, args.level)
    except AlertFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    api = LineMessagingApi.from_environment()
    try:
        report = await send_alert(alert, api, args.monthly_quota)
    except LineApiError as error:
        print(f"error: LINE could not be reached for the quota: {error}", file=sys.stderr)
        return 2
    finally:
        await api.close()
    for language, counts in report.by_language.items():
        print(f"{language}: sent {counts['sent']}/{counts['recipients']}, failed "
              f"{counts['failed']}, over quota {counts['skipped_over_quota']}")
    quota = "unlimited" if report.quota is None else str(report.quota)
    print(f"sent {report.sent} of {report.recipients} in {report.batches} multicast(s); "
          f"failed {report.failed}; not sent (monthly quota {quota}, used "
          f"{report.used_before} → {report.used_after}): {report.skipped_over_quota}")
    print(json.dumps(report.as_dict(), ensure_ascii=False))
    return 0 if report.failed == 0 and report.skipped_over_quota == 0 else 1


def register(subparsers: argparse._SubParsersAction) -> None:
    alert = subparsers.add_parser("alert", help="disaster alerts to subscribers")
    commands = alert.add_subparsers(dest="alert_command", required=True)
    send = commands.add_parser(
        "send", help="push an alert to every LINE subscriber of a municipality, in their "
                     "language (LINE_CHANNEL_ACCESS_TOKEN, LINE_API_BASE_URL)")
    send.add_argument("--municipality", required=True,
                      help="local government code (e.g. 122033 for 市川市) or 'all'")
    send.add_argument("--level", type=int, required=True, help="evacuation alert level 1–5")
    send.add_argument("--message-file", required=True,
                      help="YAML with 'message:' per language (ja required)")
    quota = os.environ.get("LINE_MONTHLY_QUOTA")
    send.add_argument("--monthly-quota", type=int, default=int(quota) if quota else None,
                      help="messages this channel may send per month (env LINE_MONTHLY_QUOTA); "
                           "LINE's plan limit applies too")
    send.set_defaults(handler=lambda args: asyncio.run(_send(args)))
