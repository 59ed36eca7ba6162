"""An absurdly long message, and the residents writing at the same time (issue: message cap).

`python -m bench.long_message [--users 5] [--messages 12] [--length 1000000]` starts `make run`'s
assistant on free loopback ports and measures, over the REST webhook:
1. `--users` residents replaying the message mix (bench/message_mix.py), alone: their p50/p95;
2. the same residents while one sender posts `--length`-character messages, one after the
   other: their p50/p95 again, and how long each long message took to be answered (and whether
   the answer was the polite "too long" reply).
Targets: each long message answered within 1 s; the residents' p95 within 2× of step 1.
The last line is the report as JSON.
"""

import argparse
import asyncio
import json
import tempfile
import time
from pathlib import Path

import aiohttp

from bench.load import percentile, replay
from bench.message_mix import MESSAGE_MIX
from bot.i18n import text
from tests.support.assistant_process import AssistantProcess

LIMIT = 2000  # config.yml, MessageLengthLimit
PARAGRAPH = "住民票の写しを取りたいのですが、平日は仕事で市役所に行けません。"


def _rest_sender(session: aiohttp.ClientSession, url: str):
    async def send(sender: str, message: str) -> float:
        started = time.monotonic()
        async with session.post(url, json={"sender": sender, "message": message}) as reply:
            reply.raise_for_status()
            await reply.json()
        return time.monotonic() - started
    return send


async def _long_messages(session: aiohttp.ClientSession, url: str, message: str,
                         stop: asyncio.Event) -> list:
    polite = text("message_too_long", "ja", limit=LIMIT)
    results = []
    while not stop.is_set():
        started = time.monotonic()
        async with session.post(url, json={"sender": "long-writer", "message": message}) as reply:
            texts = [r.get("text") for r in await reply.json()]
        results.append((time.monotonic() - started, polite in texts))
    return results


async def measure(base_url: str, users: int, messages: int, length: int) -> dict:
    url = f"{base_url}/webhooks/rest/webhook"
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        send = _rest_sender(session, url)
        await replay(send, ["warm-up"], MESSAGE_MIX, len(MESSAGE_MIX))
        alone = await replay(send, [f"alone-{i}" for i in range(users)], MESSAGE_MIX, messages)
        stop = asyncio.Event()
        message = (PARAGRAPH * (length // len(PARAGRAPH) + 1))[:length]
        writer = asyncio.create_task(_long_messages(session, url, message, stop))
        beside = await replay(send, [f"beside-{i}" for i in range(users)], MESSAGE_MIX, messages)
        stop.set()
        long_ones = await writer
    seconds = [s for s, _ in long_ones]
    report = {"users": users, "messages_per_user": messages, "length": length,
              "alone": alone.summary(), "beside_long_messages": beside.summary(),
              "long_messages": {"sent": len(long_ones),
                                "answered_politely": sum(polite for _, polite in long_ones),
                                "p50_ms": round(percentile(seconds, 0.5) * 1000, 1),
                                "max_ms": round(max(seconds) * 1000, 1)}}
    p95_alone, p95_beside = report["alone"]["p95_ms"], report["beside_long_messages"]["p95_ms"]
    report["targets"] = {"long_message_within_1s": max(seconds) <= 1.0,
                         "p95_ratio": round(p95_beside / p95_alone, 2),
                         "p95_within_2x": p95_beside <= 2 * p95_alone}
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=5)
    parser.add_argument("--messages", type=int, default=12)
    parser.add_argument("--length", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as runtime, AssistantProcess(Path(runtime)) as process:
        report = asyncio.run(measure(process.base_url, args.users, args.messages, args.length))
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
