"""Database connection from DATABASE_URL (default: a SQLite file under var/)."""

from contextlib import contextmanager
from functools import lru_cache
import os
from typing import Iterator

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.paths import RUNTIME_DIR
from bot.storage.models import Base

DEFAULT_URL = f"sqlite:///{RUNTIME_DIR / 'assistant.db'}"


def database_url() -> str:
    return os.environ.get("DATABASE_URL", DEFAULT_URL)


@lru_cache(maxsize=None)
def engine_for(url: str) -> Engine:
    if url.startswith("sqlite:///"):
        RUNTIME_DIR.mkdir(exist_ok=True)
    # A database host that does not answer must fail a write in seconds, not block an action
    # (and every conversation waiting on the action server) for the OS's two-minute timeout.
    connect_args = {"connect_timeout": 5} if url.startswith("postgresql") else {}
    engine = create_engine(url, future=True, pool_pre_ping=True, connect_args=connect_args)
    Base.metadata.create_all(engine)
    return engine


@contextmanager
def session_scope(url: str = "") -> Iterator[Session]:
    """A transaction: committed when the block ends, rolled back if it raises."""
    session = sessionmaker(bind=engine_for(url or database_url()), future=True)()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()
