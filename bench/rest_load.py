"""`make bench`: load on the REST webhook, this assistant next to a stock `rasa init` one.

`python -m bench.rest_load [--levels 1:60 10:300 50:500] [--only assistant|stock] [--timeout 60]
[--replicas N] [--output F]`
generates and trains a stock `rasa init` assistant in a temporary folder, then serves each
assistant in turn alone on free loopback ports (one after the other, so they do not compete
for the cores) and replays the message mix (bench/message_mix.py) on
`POST /webhooks/rest/webhook`: at each level `USERS:MESSAGES` that many simulated users, each
with their own sender id, send MESSAGES in all, each user the next message once the previous
reply arrived. A few warm-up messages first are not counted. Latency is the round trip of one
POST (Rasa answers the REST channel once the whole turn, actions included, is done).

Prints a table per assistant and concurrency (throughput, p50/p95/p99, errors, Rasa's and the
action server's CPU time per answered message, how long Rasa waited for a CPU per message (other
work on the machine), their RSS after the level, the load average),
whether the targets are met (at 10 users: throughput at least 0.8 × the stock assistant's, p95
at most 300 ms) and, as the last line, one JSON object with every figure, also written to
results/bench.json. `--only` measures one assistant (no targets then).

`--replicas N` (N ≥ 2) serves this assistant in `make run-prod`'s shape: N Rasa servers sharing
a PostgreSQL tracker store (a database of its own, `bench`, emptied first, on the server of
DATABASE_URL) and the Redis lock store; each message goes to the replica with the fewest
requests in flight, as nginx's `least_conn` does in docker-compose.yml.
"""

import argparse
import asyncio
from datetime import datetime, timezone
import json
import os
from pathlib import Path
import platform
import tempfile
import time
from typing import Dict, List, Optional, Sequence, Tuple

import aiohttp
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.load import replay
from bench.message_mix import MESSAGE_MIX
from bench.process_usage import tree_cpu_s, tree_cpu_wait_s, tree_rss_mib
from bench.stock_assistant import StockAssistant
from bot.model_store import ensure_model
from bot.serve_production import database_url
from tests.support.assistant_process import PROJECT_ROOT, AssistantProcess

TARGET_USERS = 10
TARGET_THROUGHPUT_RATIO = 0.8
TARGET_P95_MS = 300.0
_NAMES = {"assistant": "this assistant", "stock": "stock rasa init"}


def _level(text: str) -> Tuple[int, int]:
    users, messages = (int(part) for part in text.split(":"))
    if users < 1 or messages < users:
        raise argparse.ArgumentTypeError(f"{text}: need USERS ≥ 1 and MESSAGES ≥ USERS")
    return users, messages


def _rest_sender(session: aiohttp.ClientSession, base_urls: Sequence[str]):
    in_flight = {url: 0 for url in base_urls}

    async def send(sender: str, message: str) -> float:
        started = time.monotonic()
        base_url = min(in_flight, key=in_flight.get)  # nginx's least_conn
        in_flight[base_url] += 1
        try:
            async with session.post(f"{base_url}/webhooks/rest/webhook",
                                    json={"sender": sender, "message": message}) as response:
                if response.status != 200:
                    raise RuntimeError(f"HTTP {response.status}")
                replies = await response.json()
        finally:
            in_flight[base_url] -= 1
        if not isinstance(replies, list):
            raise RuntimeError("reply body is not a list of messages")
        return time.monotonic() - started
    return send


async def _measure(name: str, base_urls: Sequence[str], pids: Dict[str, List[int]],
                   levels: Sequence[Tuple[int, int]], timeout_s: float) -> List[dict]:
    results = []
    # No connection cap: every simulated user has its own connection, as real users do.
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        for replica, base_url in enumerate(base_urls):  # each replica loads its models
            await replay(_rest_sender(session, [base_url]), [f"{name}-warmup-{replica}"],
                         MESSAGE_MIX, len(MESSAGE_MIX), timeout_s)
        send = _rest_sender(session, base_urls)
        for users, messages in levels:
            cpu_before = {process: tree_cpu_s(ids) for process, ids in pids.items()}
            rasa_wait_before = tree_cpu_wait_s(pids.get("rasa", []))
            run = await replay(send, [f"{name}-c{users}-u{u}" for u in range(users)],
                               MESSAGE_MIX, messages // users, timeout_s)
            results.append({"users": users, **run.summary(),
                            **_cpu_per_message(pids, cpu_before, len(run.latencies)),
                            "rasa_cpu_wait_ms_per_msg": _per_message(
                                rasa_wait_before, tree_cpu_wait_s(pids.get("rasa", [])),
                                len(run.latencies)),
                            "load_average": round(os.getloadavg()[0], 2),
                            "rasa_rss_mib": tree_rss_mib(pids.get("rasa", [])),
                            "actions_rss_mib": tree_rss_mib(pids.get("action_server", []))})
            print(f"  {_NAMES[name]}, {users} users: {results[-1]['throughput_msg_s']} msg/s, "
                  f"p95 {results[-1]['p95_ms']} ms, {results[-1]['errors']} errors, "
                  f"CPU per message: Rasa {results[-1]['rasa_cpu_ms_per_msg']} ms, "
                  f"actions {results[-1]['actions_cpu_ms_per_msg']} ms; Rasa waited for a CPU "
                  f"{results[-1]['rasa_cpu_wait_ms_per_msg']} ms", flush=True)
    return results


def _per_message(before: Optional[float], after: Optional[float], answered: int) -> Optional[float]:
    """Milliseconds per answered message of a number of seconds that grew from before to after."""
    if before is None or after is None or not answered:
        return None
    return round((after - before) * 1000 / answered, 1)


def _cpu_per_message(pids: Dict[str, List[int]], cpu_before: Dict[str, float],
                     answered: int) -> Dict[str, object]:
    """CPU milliseconds each server spent per answered message: unlike latency, this hardly
    grows when other work on the machine competes for the cores."""
    return {f"{name}_cpu_ms_per_msg": _per_message(cpu_before.get(process),
                                                   tree_cpu_s(pids.get(process, [])), answered)
            for name, process in (("rasa", "rasa"), ("actions", "action_server"))}


def _empty_bench_database() -> str:
    """A database of the benchmark's own on DATABASE_URL's server, without the conversations
    of a previous run (the simulated users' sender ids are the same in every run)."""
    url = make_url(database_url()).set(database="bench")
    engine = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text('DROP DATABASE IF EXISTS "bench"'))
    finally:
        engine.dispose()
    return url.render_as_string(hide_password=False)


def _machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    mem_kib = next(int(line.split()[1]) for line in
                   Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    return {"cpus": os.cpu_count(), "cpu": cpu, "memory_gib": round(mem_kib / 1024 ** 2, 1),
            "python": platform.python_version()}


def _targets(results: dict) -> dict:
    def at_target(name: str) -> dict:
        return next(r for r in results[name] if r["users"] == TARGET_USERS)

    if not all(any(r["users"] == TARGET_USERS for r in results.get(n, [])) for n in _NAMES):
        return {}
    ours, stock = at_target("assistant"), at_target("stock")
    ratio = (round(ours["throughput_msg_s"] / stock["throughput_msg_s"], 2)
             if stock["throughput_msg_s"] else None)
    return {"users": TARGET_USERS, "throughput_ratio": ratio,
            "throughput_ratio_met": ratio is not None and ratio >= TARGET_THROUGHPUT_RATIO,
            "p95_ms": ours["p95_ms"],
            "p95_met": ours["p95_ms"] is not None and ours["p95_ms"] <= TARGET_P95_MS}


def _table(report: dict) -> str:
    def cell(value: object) -> str:
        return "—" if value is None else str(value)

    header = ("", "users", "messages", "errors", "msg/s", "p50 ms", "p95 ms", "p99 ms",
              "Rasa CPU ms/msg", "actions CPU ms/msg", "Rasa CPU wait ms/msg", "Rasa MiB",
              "actions MiB", "load")
    names = [name for name in _NAMES if name in report]
    rows = [header] + [
        (_NAMES[name], r["users"], r["messages"], r["errors"], r["throughput_msg_s"],
         r["p50_ms"], r["p95_ms"], r["p99_ms"], r["rasa_cpu_ms_per_msg"],
         r["actions_cpu_ms_per_msg"], r["rasa_cpu_wait_ms_per_msg"], r["rasa_rss_mib"],
         r["actions_rss_mib"],
         r["load_average"])
        for users in sorted({r["users"] for name in names for r in report[name]})
        for name in names for r in report[name] if r["users"] == users]
    widths = [max(len(cell(row[i])) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell(v).ljust(w) if i == 0 else cell(v).rjust(w)
                       for i, (v, w) in enumerate(zip(row, widths))) for row in rows]
    failures = [f"  {_NAMES[name]}, {r['users']} users: {r['error_kinds']}"
                for name in names for r in report[name] if r["errors"]]
    if failures:
        lines += ["Failures:"] + failures
    targets = report["targets"]
    if targets:
        lines.append(
            f"Targets at {targets['users']} users: throughput {targets['throughput_ratio']} × "
            f"stock (≥ {TARGET_THROUGHPUT_RATIO}: "
            f"{'met' if targets['throughput_ratio_met'] else 'NOT met'}), "
            f"p95 {targets['p95_ms']} ms (≤ {TARGET_P95_MS:g} ms: "
            f"{'met' if targets['p95_met'] else 'NOT met'})")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", nargs="+", type=_level, default=[(1, 60), (10, 300), (50, 500)],
                        metavar="USERS:MESSAGES", help="concurrent users and messages in all")
    parser.add_argument("--only", choices=sorted(_NAMES),
                        help="measure one assistant only (no comparison, no targets)")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds before a message counts as timed out")
    parser.add_argument("--replicas", type=int, default=1,
                        help="≥ 2: this assistant in make run-prod's shape with that many Rasa "
                             "servers (PostgreSQL, Redis)")
    parser.add_argument("--output", type=Path, default=PROJECT_ROOT / "results" / "bench.json")
    args = parser.parse_args()

    report = {"date": datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds"),
              "machine": _machine(), "load_average_before": os.getloadavg(),
              "mix_size": len(MESSAGE_MIX), "levels": args.levels, "replicas": args.replicas}
    with tempfile.TemporaryDirectory(prefix="bench-stock-") as stock_folder, \
            tempfile.TemporaryDirectory(prefix="bench-assistant-") as runtime:
        stock = StockAssistant(Path(stock_folder))
        if args.only != "assistant":
            print("Generating and training the stock `rasa init` assistant …", flush=True)
            started = time.monotonic()
            stock.create_and_train()
            report["stock_training_s"] = round(time.monotonic() - started, 1)
        if args.only != "stock":
            ensure_model()  # after the stock one: the training data may have changed meanwhile
            print("Starting this assistant …", flush=True)
            production = _empty_bench_database() if args.replicas > 1 else ""
            with AssistantProcess(Path(runtime), production_database=production,
                                  replicas=args.replicas) as ours:
                report["assistant"] = asyncio.run(
                    _measure("assistant", ours.replica_urls, ours.pids, args.levels,
                             args.timeout))
        if args.only != "assistant":
            print("Starting the stock assistant …", flush=True)
            with stock:
                report["stock"] = asyncio.run(
                    _measure("stock", [stock.base_url], stock.pids, args.levels, args.timeout))
    report["load_average_after"] = os.getloadavg()
    report["targets"] = _targets(report)

    machine = report["machine"]
    print(f"\nREST webhook, message mix of {len(MESSAGE_MIX)} messages in six languages; "
          f"{report['date']}; {machine['cpus']} × {machine['cpu']}, "
          f"{machine['memory_gib']} GiB; load average before {report['load_average_before'][0]:.2f}")
    print(_table(report))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
