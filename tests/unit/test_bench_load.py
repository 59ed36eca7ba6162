"""The load benchmarks' arithmetic: percentiles, the run summary, who sends what, that
failures are counted rather than dropped, and the servers' CPU time per message."""

import asyncio
from collections import Counter
import os
import subprocess
import sys
import time

import aiohttp
import pytest

from bench.load import LoadRun, percentile, replay, user_messages
from bench.process_usage import tree_cpu_s, tree_cpu_wait_s, tree_rss_mib
from bench.rest_load import _cpu_per_message, _rest_sender


def test_percentile_interpolates_between_ranks():
    values = [0.4, 0.1, 0.3, 0.2]  # unsorted on purpose
    assert percentile(values, 0.0) == 0.1
    assert percentile(values, 1.0) == 0.4
    assert percentile(values, 0.5) == pytest.approx(0.25)  # the median of an even count
    assert percentile(values, 0.95) == pytest.approx(0.385)  # rank 2.85: 0.3 + 0.85 × 0.1


def test_percentile_of_one_value_and_of_none():
    assert percentile([0.07], 0.99) == 0.07
    assert percentile([], 0.5) is None


def test_percentiles_of_a_hundred_and_one_values_are_exact_ranks():
    values = [i / 1000 for i in range(101)]  # 0 … 100 ms
    assert [percentile(values, s) for s in (0.5, 0.95, 0.99)] == [0.05, 0.095, 0.099]


def test_summary_reports_latencies_in_ms_throughput_and_failures():
    run = LoadRun(latencies=[0.010, 0.020, 0.030, 0.040, 0.050],
                  failures=Counter({"timeout": 1, "HTTP 500": 2}), elapsed_s=2.0)
    assert run.summary() == {
        "messages": 8, "answered": 5, "errors": 3, "timeouts": 1,
        "error_kinds": {"timeout": 1, "HTTP 500": 2},
        "throughput_msg_s": 2.5,
        "p50_ms": 30.0, "p95_ms": 48.0, "p99_ms": 49.6, "max_ms": 50.0,
    }


def test_summary_of_a_run_where_everything_failed():
    summary = LoadRun(failures=Counter({"timeout": 4}), elapsed_s=1.0).summary()
    assert (summary["messages"], summary["answered"], summary["errors"]) == (4, 0, 4)
    assert summary["throughput_msg_s"] == 0.0
    assert summary["p50_ms"] is None and summary["max_ms"] is None


def test_each_user_starts_at_another_point_of_the_mix():
    mix = ["a", "b", "c"]
    assert user_messages(mix, 3, 0) == ["a", "b", "c"]
    assert user_messages(mix, 3, 1) == ["b", "c", "a"]
    assert user_messages(mix, 5, 0) == ["a", "b", "c", "a", "b"]
    assert user_messages(mix, 2, 1) == ["b", "a"]


async def test_replay_sends_each_users_messages_in_turn_and_counts_failures():
    received = []

    async def send(sender: str, message: str) -> float:
        received.append((sender, message))
        if message == "boom":
            raise RuntimeError("HTTP 500")
        if message == "slow":
            await asyncio.sleep(1)
        return 0.005

    run = await replay(send, ["u0", "u1"], ["hi", "boom", "slow", "bye"], 4, timeout_s=0.05)

    assert [m for s, m in received if s == "u0"] == ["hi", "boom", "slow", "bye"]
    assert [m for s, m in received if s == "u1"] == ["boom", "slow", "bye", "hi"]
    assert run.latencies == [0.005] * 4
    assert run.failures == Counter({"HTTP 500": 2, "timeout": 2})
    assert run.sent == 8


def test_cpu_time_counts_the_processes_a_server_started(tmp_path):
    """A server's CPU time includes its children's (Rasa's and the action server's workers)."""
    done = tmp_path / "done"
    child = subprocess.Popen([sys.executable, "-c", (
        "import pathlib, sys, time\n"
        "while time.process_time() < 0.3: pass\n"  # 0.3 s of CPU, however busy the machine
        "pathlib.Path(sys.argv[1]).write_text('')\n"
        "time.sleep(60)\n"), str(done)])
    try:
        while not done.exists():
            assert child.poll() is None
            time.sleep(0.05)
        own_cpu_s = time.process_time()
        tick_s = 1 / os.sysconf("SC_CLK_TCK")  # /proc counts whole clock ticks
        assert tree_cpu_s([child.pid]) >= 0.3 - 2 * tick_s
        assert tree_cpu_s([os.getpid()]) >= own_cpu_s + 0.3 - 4 * tick_s
    finally:
        child.kill()
        child.wait()


def test_cpu_time_waiting_and_memory_of_no_process_are_unknown():
    assert tree_cpu_s([]) is None and tree_rss_mib([]) is None
    assert tree_cpu_wait_s([]) is None
    assert tree_cpu_wait_s([os.getpid()]) >= 0.0


def test_the_figures_of_replicas_add_up():
    """Two Rasa replicas: their CPU time and memory together (here: this process twice)."""
    one = tree_rss_mib([os.getpid()])
    assert tree_rss_mib([os.getpid(), os.getpid()]) == pytest.approx(2 * one, rel=0.05)


def test_cpu_per_message_is_the_cpu_time_of_the_level_over_the_answered_messages():
    pid = os.getpid()
    before = {"rasa": tree_cpu_s([pid]) - 2.0}  # as if the level had used 2 s of CPU …
    figures = _cpu_per_message({"rasa": [pid]}, before, answered=400)
    assert 5.0 <= figures["rasa_cpu_ms_per_msg"] < 5.5  # … for 400 messages (+ this test's)
    assert figures["actions_cpu_ms_per_msg"] is None  # no action server (the stock assistant)
    assert _cpu_per_message({"rasa": [pid]}, before, answered=0)["rasa_cpu_ms_per_msg"] is None


async def test_each_message_goes_to_the_replica_with_the_fewest_requests_in_flight():
    """As nginx's least_conn in front of the Rasa replicas: a slow reply on one replica sends
    the next messages to the other."""
    from aiohttp import web
    from aiohttp.test_utils import TestServer

    served = []

    async def webhook(request):
        body = await request.json()
        served.append((request.app["name"], body["message"]))
        if body["message"] == "slow":
            await asyncio.sleep(0.5)
        return web.json_response([{"text": "ok"}])

    servers = []
    for name in ("first", "second"):
        app = web.Application()
        app["name"] = name
        app.router.add_post("/webhooks/rest/webhook", webhook)
        servers.append(TestServer(app, host="127.0.0.1"))
        await servers[-1].start_server()
    try:
        urls = [str(server.make_url("")).rstrip("/") for server in servers]
        async with aiohttp.ClientSession() as session:
            send = _rest_sender(session, urls)
            slow = asyncio.ensure_future(send("u0", "slow"))
            await asyncio.sleep(0.1)
            for message in ("a", "b", "c"):
                await send("u1", message)
            await slow
    finally:
        for server in servers:
            await server.close()
    assert served == [("first", "slow"), ("second", "a"), ("second", "b"), ("second", "c")]
