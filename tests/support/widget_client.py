"""A socket.io client as the website chat widget is one: a persistent session, long polling
(no websocket library), bot messages collected as the widget receives them."""

import time
from typing import Callable, List

import socketio


class WidgetClient:
    """`session_id`: the conversation to continue, as a reloaded widget asks for it; the server
    keeps it only if it issued it, else starts a new one (`self.session_id` is the one it gave)."""

    def __init__(self, base_url: str, timeout_s: float, session_id: str = ""):
        self.timeout_s = timeout_s
        self.bot_messages: List[dict] = []
        confirmed: List[dict] = []
        self.sio = socketio.Client()
        self.sio.on("bot_uttered", self.bot_messages.append)
        self.sio.on("session_confirm", confirmed.append)
        self.sio.connect(base_url, transports=["polling"], wait_timeout=timeout_s)
        self.sio.emit("session_request", {"session_id": session_id or None})
        self.wait_until(lambda: confirmed)
        self.session_id = confirmed[0]

    def wait_until(self, condition: Callable[[], object]) -> None:
        deadline = time.monotonic() + self.timeout_s
        while not condition() and time.monotonic() < deadline:
            self.sio.sleep(0.1)

    def say(self, message: str) -> str:
        """The first reply the widget shows to `message` ("" if none came in time)."""
        before = len(self.bot_messages)
        self.sio.emit("user_uttered", {"session_id": self.session_id, "message": message})
        self.wait_until(lambda: len(self.bot_messages) > before)
        return (self.bot_messages[before:] or [{}])[0].get("text", "")

    def staff_texts(self) -> List[str]:
        return [m.get("text") for m in self.bot_messages if m.get("from") == "staff"]

    def close(self) -> None:
        """Says goodbye and waits until it is sent. Not until the read loop ends: the server
        leaves its pending long-poll unanswered, and disconnect() sat out that poll's 30 s
        timeout every time."""
        sender = self.sio.eio.write_loop_task
        self.sio.start_background_task(self.sio.disconnect)
        if sender:
            sender.join(self.timeout_s)
