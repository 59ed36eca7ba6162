"""Webhook-to-reply latency through the LINE connector, against the local LINE stand-in.

`python -m bench.line_latency [--users 10] [--messages 12]` starts the assistant with its LINE
channel pointed at the stand-in; each simulated user sends the message mix one message at a
time (the next after the previous reply arrived), all users at once. Latency is from posting
the signed webhook to the stand-in receiving the reply call. Last line: one JSON object.
"""

import argparse
import asyncio
import base64
import hashlib
import hmac
import itertools
import json
import tempfile
import time
from pathlib import Path

import aiohttp

from bench.load import replay
from bench.message_mix import MESSAGE_MIX
from tests.support.assistant_process import AssistantProcess
from tests.support.line_api_standin import LineApiStandIn, RunningStandIn

SECRET = "bench-channel-secret"
_event_ids = itertools.count()


def _event(stand_in: LineApiStandIn, user: str, message: str) -> dict:
    if message.startswith("/share_location"):
        body = {"type": "message", "message": {"id": "1", "type": "location",
                                               **json.loads(message[len("/share_location"):])}}
    elif message.startswith("/"):
        body = {"type": "postback", "postback": {"data": message}}
    else:
        body = {"type": "message", "message": {"id": "1", "type": "text", "text": message}}
    return dict(body, webhookEventId=f"bench-{next(_event_ids)}", timestamp=1, mode="active",
                source={"type": "user", "userId": user},
                replyToken=stand_in.issue_reply_token(user),
                deliveryContext={"isRedelivery": False})


def _sender(session: aiohttp.ClientSession, url: str, stand_in: LineApiStandIn):
    """One LINE message: the signed webhook, then waiting for the stand-in to get the reply."""
    async def send(user: str, message: str) -> float:
        body = json.dumps({"destination": "Ubot",
                           "events": [_event(stand_in, user, message)]}).encode()
        signature = base64.b64encode(
            hmac.new(SECRET.encode(), body, hashlib.sha256).digest()).decode()
        already = len(stand_in.deliveries_to(user))
        started = time.monotonic()
        async with session.post(url, data=body, headers={
                "X-Line-Signature": signature, "Content-Type": "application/json"}) as response:
            if response.status != 200:
                raise RuntimeError(f"HTTP {response.status}")
        while len(stand_in.deliveries_to(user)) == already:  # replay() bounds the wait
            await asyncio.sleep(0.002)
        return stand_in.deliveries_to(user)[already].received_at - started
    return send


async def _run(url: str, stand_in: LineApiStandIn, users: int, messages: int) -> dict:
    async with aiohttp.ClientSession() as session:
        send = _sender(session, url, stand_in)
        await replay(send, ["Uwarmup"], MESSAGE_MIX, len(MESSAGE_MIX))
        run = await replay(send, [f"Ubench{u}" for u in range(users)], MESSAGE_MIX, messages)
    return {"users": users, **run.summary()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--messages", type=int, default=12, help="per user")
    args = parser.parse_args()
    stand_in = LineApiStandIn()
    with RunningStandIn(stand_in) as line, tempfile.TemporaryDirectory() as runtime, \
            AssistantProcess(Path(runtime), {
                "LINE_CHANNEL_SECRET": SECRET, "LINE_API_BASE_URL": line.base_url,
                "LINE_CHANNEL_ACCESS_TOKEN": stand_in.access_token}) as assistant:
        result = asyncio.run(_run(f"{assistant.base_url}/webhooks/line/webhook", stand_in,
                                  args.users, args.messages))
    print(f"LINE webhook → reply, {result['users']} concurrent users, {result['messages']} "
          f"messages: p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, "
          f"{result['throughput_msg_s']} messages/s, {result['errors']} errors "
          f"({result['error_kinds']})")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
