"""A local stand-in for Sentry's ingestion API: records the error events sentry-sdk sends.

Point a process at it with SENTRY_DSN=`running.dsn` (serve it with
tests.support.line_api_standin.RunningStandIn, which runs any `app()` on a loopback port).
sentry-sdk posts errors gzipped to /api/<project>/store/ and sessions in envelopes to
/api/<project>/envelope/ (aiohttp unpacks the gzip); the events of both are kept in `events`.
"""

import json
import threading
import time
from typing import Any, Callable, Dict, List

from aiohttp import web

Event = Dict[str, Any]


def exception_types(event: Event) -> List[str]:
    return [value.get("type", "") for value in (event.get("exception") or {}).get("values", [])]


def _events_in_envelope(body: bytes) -> List[Event]:
    """An envelope is a header line, then (item header, item payload) line pairs."""
    lines = body.split(b"\n")[1:]
    events = []
    for header, payload in zip(lines[::2], lines[1::2]):
        if json.loads(header).get("type") == "event":
            events.append(json.loads(payload))
    return events


class FakeSentry:
    def __init__(self) -> None:
        self.events: List[Event] = []
        self._lock = threading.Lock()

    @staticmethod
    def dsn_for(base_url: str) -> str:
        return base_url.replace("http://", "http://public-key@", 1) + "/1"

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/api/{project}/store/", self._store)
        app.router.add_post("/api/{project}/envelope/", self._envelope)
        return app

    async def _store(self, request: web.Request) -> web.Response:
        self._keep([json.loads(await request.read())])
        return web.json_response({"id": "0" * 32})

    async def _envelope(self, request: web.Request) -> web.Response:
        self._keep(_events_in_envelope(await request.read()))
        return web.json_response({})

    def _keep(self, events: List[Event]) -> None:
        with self._lock:
            self.events.extend(events)

    def wait_for(self, matches: Callable[[Event], bool], timeout_s: float = 30) -> List[Event]:
        """The events that match, once there is one (sentry-sdk sends from a background
        thread, after the request that caused the error has been answered)."""
        deadline = time.monotonic() + timeout_s
        while True:
            with self._lock:
                found = [event for event in self.events if matches(event)]
            if found or time.monotonic() > deadline:
                return found
            time.sleep(0.2)
