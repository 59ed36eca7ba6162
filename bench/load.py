"""What the load benchmarks share: simulated users who each send their messages one after the
other (the next once the reply to the previous one arrived, as a person does), all users at
once, and the summary of what they saw.

A channel plugs in one coroutine, `send(sender, message) -> seconds`, that sends one message
and returns its latency once the reply is there (raising on a failed request). Failed and
timed-out messages are counted by kind, never dropped.
"""

import asyncio
from collections import Counter
from dataclasses import dataclass, field
import math
import time
from typing import Awaitable, Callable, Dict, List, Optional, Sequence

Send = Callable[[str, str], Awaitable[float]]


def user_messages(mix: Sequence[str], count: int, user: int) -> List[str]:
    """`count` messages of the mix for one user, each user starting at another point of the
    mix, so that simultaneous users do not all send the same kind of message at once."""
    cycle = (list(mix) * (count // len(mix) + 1))[:count]
    start = user % len(cycle) if cycle else 0
    return cycle[start:] + cycle[:start]


def percentile(values: Sequence[float], share: float) -> Optional[float]:
    """Linear interpolation between the two nearest ranks (numpy's default), so that the
    50th percentile is the median. None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = share * (len(ordered) - 1)
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class LoadRun:
    latencies: List[float] = field(default_factory=list)
    failures: Counter = field(default_factory=Counter)  # kind → count; "timeout" among them
    elapsed_s: float = 0.0

    @property
    def sent(self) -> int:
        return len(self.latencies) + sum(self.failures.values())

    def summary(self) -> Dict[str, object]:
        """The figures of the run: latencies in ms, throughput in answered messages per second."""
        def ms(value: Optional[float]) -> Optional[float]:
            return None if value is None else round(value * 1000, 1)

        return {
            "messages": self.sent,
            "answered": len(self.latencies),
            "errors": sum(self.failures.values()),
            "timeouts": self.failures.get("timeout", 0),
            "error_kinds": dict(self.failures),
            "throughput_msg_s": round(len(self.latencies) / self.elapsed_s, 2)
            if self.elapsed_s else 0.0,
            "p50_ms": ms(percentile(self.latencies, 0.50)),
            "p95_ms": ms(percentile(self.latencies, 0.95)),
            "p99_ms": ms(percentile(self.latencies, 0.99)),
            "max_ms": ms(max(self.latencies, default=None)),
        }


async def _user(send: Send, sender: str, messages: Sequence[str], timeout_s: float,
                run: LoadRun) -> None:
    for message in messages:
        try:
            run.latencies.append(await asyncio.wait_for(send(sender, message), timeout_s))
        except asyncio.TimeoutError:
            run.failures["timeout"] += 1
        except Exception as error:  # counted by kind: a benchmark reports failures, it goes on
            run.failures[str(error) or type(error).__name__] += 1


async def replay(send: Send, senders: Sequence[str], mix: Sequence[str], messages_per_user: int,
                 timeout_s: float = 60.0) -> LoadRun:
    """All `senders` at once, each sending `messages_per_user` messages of the mix in turn."""
    run = LoadRun()
    started = time.monotonic()
    await asyncio.gather(*[
        _user(send, sender, user_messages(mix, messages_per_user, index), timeout_s, run)
        for index, sender in enumerate(senders)])
    run.elapsed_s = time.monotonic() - started
    return run
