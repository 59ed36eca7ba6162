"""`python -m bot privacy …`: personal data the assistant keeps."""

import argparse
from dataclasses import asdict

from bot.privacy.purge import purge
from bot.staff.dashboard import tracker_database_url


def _days(value: str) -> float:
    days = float(value)
    if days < 0:
        raise argparse.ArgumentTypeError("must be 0 days or more")
    return days


def _purge(args: argparse.Namespace) -> int:
    report = purge(args.older_than, args.tracker_db_url or tracker_database_url(),
                   args.database_url, dry_run=args.dry_run)
    verb = "Would delete" if args.dry_run else "Deleted"
    print(f"{verb} what was older than {args.older_than:g} days:")
    for what, count in asdict(report).items():
        print(f"  {what.replace('_', ' ')}: {count}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("privacy", help="personal data: delete old conversations",
                                   description=__doc__)
    commands = parser.add_subparsers(dest="privacy_command", required=True)
    purge_parser = commands.add_parser(
        "purge", help="delete conversations, closed tickets and unanswered questions older "
                      "than DAYS")
    purge_parser.add_argument("--older-than", type=_days, required=True, metavar="DAYS",
                              help="days since a conversation's last message")
    purge_parser.add_argument("--tracker-db-url", default="",
                              help="Rasa's SQL tracker store (default: TRACKER_DATABASE_URL or "
                                   "var/tracker.db, what `make run` writes)")
    purge_parser.add_argument("--database-url", default="",
                              help="the assistant's database (default: DATABASE_URL or "
                                   "var/assistant.db)")
    purge_parser.add_argument("--dry-run", action="store_true",
                              help="only count what would be deleted")
    purge_parser.set_defaults(handler=_purge)
