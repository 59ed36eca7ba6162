"""`python -m bot staff …`: staff accounts and the staff console."""

import argparse
import getpass
import sys

from bot.staff.accounts import AccountError, add_user


def _add_user(args: argparse.Namespace) -> int:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"Password for {args.name}: ")
        if password != getpass.getpass("Repeat the password: "):
            print("The two passwords differ; nothing was created.", file=sys.stderr)
            return 1
    try:
        add_user(args.name, password)
    except AccountError as error:
        print(f"Cannot create the account: {error}", file=sys.stderr)
        return 1
    print(f"Created staff account '{args.name.strip()}'.")
    return 0


def _console(args: argparse.Namespace) -> int:
    from aiohttp import web

    from bot.staff.console import create_app
    from bot.staff.console_config import ConsoleConfig

    config = ConsoleConfig(rasa_url=args.rasa_url, secure_cookies=args.secure_cookies)
    if args.tracker_db_url:
        config.tracker_url = args.tracker_db_url
    print(f"Staff console on http://{args.host}:{args.port}/ (Rasa at "
          f"{args.rasa_url or 'RASA_URL or http://127.0.0.1:5005'})", flush=True)
    web.run_app(create_app(config), host=args.host, port=args.port, print=None)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("staff", help="staff accounts and the staff console",
                                   description=__doc__)
    commands = parser.add_subparsers(dest="staff_command", required=True)
    add = commands.add_parser("add-user", help="create a staff account (password prompted)")
    add.add_argument("name")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from the first line of standard input")
    add.set_defaults(handler=_add_user)
    console = commands.add_parser("console", help="serve the staff console")
    console.add_argument("--port", type=int, default=5002)
    console.add_argument("--host", default="127.0.0.1",
                         help="address to listen on (default: this machine only)")
    console.add_argument("--rasa-url", default="",
                         help="Rasa server (default: RASA_URL or http://127.0.0.1:5005)")
    console.add_argument("--tracker-db-url", default="",
                         help="Rasa's SQL tracker store (default: TRACKER_DATABASE_URL or "
                              "var/tracker.db, what `make run` writes)")
    console.add_argument("--secure-cookies", choices=("auto", "always", "never"), default="auto",
                         help="mark cookies Secure: when served over https (auto), always "
                              "(behind an https proxy) or never")
    console.set_defaults(handler=_console)
