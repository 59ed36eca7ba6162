"""Staff accounts, signing in with throttling, and server-side sessions.

Throttling: after MAX_FAILURES wrong passwords for one account from one address (or
MAX_ADDRESS_FAILURES from one address, whatever the account) within THROTTLE_WINDOW, and since
the last successful login there, further attempts are refused without checking the password
until the window has passed. Counted per account *and* address, so that a stranger guessing
elsewhere cannot lock a member of staff out. Each attempt is recorded before it is counted, so
parallel guesses cannot slip past the limit while one another's are being checked; refused
attempts stay recorded as failures, so a burst that got fewer than MAX_FAILURES checked still
locks the account, and a guesser who keeps trying keeps it locked (from that address only).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
import hashlib
import secrets
from typing import Optional

from bot.staff.passwords import (MIN_PASSWORD_LENGTH, UNKNOWN_USER_HASH, hash_password,
                                 verify_password)
from bot.storage.database import session_scope
from bot.storage.models import LoginAttempt, StaffSession, StaffUser

MAX_FAILURES = 5
MAX_ADDRESS_FAILURES = 20  # several staff may share an office address
THROTTLE_WINDOW = timedelta(minutes=15)
SESSION_LIFETIME = timedelta(hours=8)


class AccountError(ValueError):
    """A clear reason why an account cannot be created."""


@dataclass(frozen=True)
class LoginResult:
    outcome: str  # "ok", "wrong" or "throttled"
    token: str = ""  # the session cookie's value when ok


@dataclass(frozen=True)
class SignedIn:
    staff_name: str
    csrf_token: str


def now() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes; every time stored here is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def add_user(name: str, password: str, database_url: str = "") -> None:
    name = name.strip()
    if not name or len(name) > 100:
        raise AccountError("the name must be 1 to 100 characters.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters.")
    with session_scope(database_url) as db:
        if db.query(StaffUser).filter_by(name=name).first():
            raise AccountError(f"an account named '{name}' already exists.")
        db.add(StaffUser(name=name, password_hash=hash_password(password)))


def _recent_failures(db, since: datetime, address: str, name: Optional[str] = None) -> int:
    """Failed attempts (those still being checked included) since `since` and the last success
    from this address (for this account, when `name` is given)."""
    where = [LoginAttempt.address == address]
    if name is not None:
        where.append(LoginAttempt.name == name)
    last_success = (db.query(LoginAttempt.created_at)
                    .filter(*where, LoginAttempt.success.is_(True))
                    .order_by(LoginAttempt.created_at.desc()).limit(1).scalar())
    if last_success is not None:
        since = max(since, as_utc(last_success))
    return db.query(LoginAttempt).filter(*where, LoginAttempt.success.is_(False),
                                         LoginAttempt.created_at > since).count()


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def log_in(name: str, password: str, address: str, database_url: str = "") -> LoginResult:
    since = now() - THROTTLE_WINDOW
    with session_scope(database_url) as db:  # committed: parallel attempts count this one
        attempt = LoginAttempt(name=name, address=address, success=False)
        db.add(attempt)
        db.flush()
        attempt_id = attempt.id
    with session_scope(database_url) as db:
        if (_recent_failures(db, since, address, name) > MAX_FAILURES
                or _recent_failures(db, since, address) > MAX_ADDRESS_FAILURES):
            return LoginResult("throttled")
        user = db.query(StaffUser).filter_by(name=name).first()
        ok = verify_password(password, user.password_hash if user else UNKNOWN_USER_HASH)
        if not (ok and user is not None):
            return LoginResult("wrong")
        db.query(LoginAttempt).filter_by(id=attempt_id).update({LoginAttempt.success: True})
        token = secrets.token_urlsafe(32)
        db.add(StaffSession(token_hash=_hash_token(token), staff_name=user.name,
                            csrf_token=secrets.token_urlsafe(32),
                            expires_at=now() + SESSION_LIFETIME))
        return LoginResult("ok", token)


def signed_in(token: str, database_url: str = "") -> Optional[SignedIn]:
    """The session behind a cookie's token, if it exists and has not expired."""
    if not token:
        return None
    with session_scope(database_url) as db:
        session = db.get(StaffSession, _hash_token(token))
        if session is None:
            return None
        if as_utc(session.expires_at) <= now():
            db.delete(session)
            return None
        return SignedIn(session.staff_name, session.csrf_token)


def log_out(token: str, database_url: str = "") -> None:
    with session_scope(database_url) as db:
        db.query(StaffSession).filter_by(token_hash=_hash_token(token)).delete()
