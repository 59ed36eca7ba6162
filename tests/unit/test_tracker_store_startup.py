"""Rasa does not wait forever for a tracker database that is not there: it refuses to start
within the configured time and says which database did not answer."""

import socket
import time

import pytest
from rasa.shared.core.domain import Domain

from bot.storage.tracker_store import DatabaseUnreachable, ResidentTrackerStore


def _closed_port() -> int:
    with socket.socket() as bound:  # bound, never listening: connections are refused
        bound.bind(("127.0.0.1", 0))
        return bound.getsockname()[1]


def test_an_unreachable_database_stops_the_start_within_the_timeout():
    started = time.monotonic()
    with pytest.raises(DatabaseUnreachable, match="did not answer within 2 s"):
        ResidentTrackerStore(Domain.empty(), dialect="postgresql", host="127.0.0.1",
                             port=_closed_port(), db="chiba", username="chiba",
                             connect_timeout_s=2)
    assert time.monotonic() - started < 10


def test_a_reachable_database_is_used(tmp_path):
    store = ResidentTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    assert store.engine.url.database == str(tmp_path / "t.db")
