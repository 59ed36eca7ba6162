"""`make run-prod`: the production shape of docker-compose.yml on this machine, without Docker.

Rasa's endpoints are docker/endpoints.yml (PostgreSQL tracker store, Redis lock store, ticket
relay event broker) with the compose services' names replaced by local addresses: the
database of DATABASE_URL and the Redis of REDIS_URL. The tracker store's password stays
`${POSTGRES_PASSWORD}`, filled from DATABASE_URL through the environment, so it is never
written to disk.
"""

import os
from pathlib import Path
from typing import Tuple
from urllib.parse import urlsplit

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
import yaml

from bot.paths import PROJECT_ROOT, RUNTIME_DIR
from bot.storage.database import engine_for

DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/chiba"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"


def database_url() -> str:
    return os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)


def redis_url() -> str:
    return os.environ.get("REDIS_URL", DEFAULT_REDIS_URL)


def ensure_database(url: str) -> None:
    """Creates the PostgreSQL database named in `url` if the server does not have it yet, and
    the assistant's tables in it: left to the servers, the ticket relays of both replicas would
    create them at the same moment on a fresh database, and one of them fail."""
    database = make_url(url).database
    engine = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            if connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                 {"name": database}) is None:
                connection.execute(text(f'CREATE DATABASE "{database}"'))
    finally:
        engine.dispose()
    engine_for(url)


def production_endpoints(actions_port: int, database: str, redis: str) -> dict:
    """docker/endpoints.yml with local addresses for the action server, PostgreSQL and Redis."""
    endpoints = yaml.safe_load((PROJECT_ROOT / "docker" / "endpoints.yml").read_text("utf-8"))
    endpoints["action_endpoint"]["url"] = f"http://127.0.0.1:{actions_port}/webhook"
    postgres = make_url(database)
    endpoints["tracker_store"].update(url=postgres.host or "127.0.0.1", port=postgres.port or 5432,
                                      db=postgres.database, username=postgres.username)
    lock = urlsplit(redis)
    endpoints["lock_store"].update(url=lock.hostname or "127.0.0.1", port=lock.port or 6379,
                                   db=int(lock.path.strip("/") or 0))
    return endpoints


def write_production_endpoints(actions_port: int, database: str, redis: str) -> Path:
    RUNTIME_DIR.mkdir(exist_ok=True)
    path = RUNTIME_DIR / f"endpoints-production-{actions_port}.yml"
    path.write_text(yaml.safe_dump(production_endpoints(actions_port, database, redis),
                                   allow_unicode=True), encoding="utf-8")
    return path


def production_environment(database: str) -> dict:
    """What the servers read besides the endpoints: the assistant's database (action server,
    ticket relay, console) and the tracker store's password for docker/endpoints.yml."""
    return {"DATABASE_URL": database, "POSTGRES_PASSWORD": make_url(database).password or ""}


def shared_webchat_environment(redis: str) -> dict:
    """The web widget's socket.io servers share their emits through the lock store's Redis
    (connectors/webchat/channel.py), so a reply sent by one replica reaches a widget connected
    to another. Redis pub/sub channels ignore the db number: nothing to keep apart there."""
    return {"SOCKETIO_REDIS_URL": redis}


def prepare_production(actions_port: int, env: dict) -> Tuple[Path, str]:
    """Creates the database if needed, writes the endpoints and adds what the servers read to
    `env`; returns the endpoints file and the tracker store's URL (for the staff console)."""
    database, redis = database_url(), redis_url()
    ensure_database(database)
    env.update(production_environment(database), **shared_webchat_environment(redis))
    return write_production_endpoints(actions_port, database, redis), database
