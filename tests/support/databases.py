"""PostgreSQL databases of a test's own on the local server (trust auth, as in CI)."""

from contextlib import contextmanager
import uuid
from typing import Iterator

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

DATABASE_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"


def on_the_server(statement: str, **parameters: object) -> None:
    """Runs one statement outside a transaction (CREATE/DROP/ALTER DATABASE need that)."""
    server = create_engine(DATABASE_SERVER, isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as connection:
            connection.execute(text(statement), parameters)
    finally:
        server.dispose()


@contextmanager
def own_database(prefix: str) -> Iterator[str]:
    """The URL of a new, empty database named `prefix_…`, dropped afterwards."""
    url = make_url(DATABASE_SERVER).set(database=f"{prefix}_{uuid.uuid4().hex[:8]}")
    on_the_server(f'CREATE DATABASE "{url.database}"')
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        on_the_server(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')
