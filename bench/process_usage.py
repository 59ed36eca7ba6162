"""Resident memory, CPU time and time spent waiting for a CPU of a server process, counting
any processes it forked (Linux /proc). CPU time, unlike latency, hardly grows when other work
shares the cores; the waiting time says how much that other work delayed the server."""

import os
from pathlib import Path
from typing import Callable, List, Optional, Sequence


def _children(pid: int) -> List[int]:
    children = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:  # the thread ended meanwhile
            continue
    return children


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0  # a zombie has no VmRSS line


def _cpu_s(pid: int) -> float:
    """User and system time of the process (all its threads) so far."""
    # The command name (field 2) may hold spaces: the fields after it follow its ")".
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def _cpu_wait_s(pid: int) -> float:
    """Time the process's threads were ready to run but waited for a CPU (schedstat field 2)."""
    total_ns = 0
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            total_ns += int((task / "schedstat").read_text().split()[1])
        except (OSError, IndexError):  # the thread ended meanwhile
            continue
    return total_ns / 1e9


def _tree_total(pids: Sequence[int], measure: Callable[[int], float]) -> Optional[float]:
    pids = [pid for pid in pids if Path(f"/proc/{pid}").exists()]
    if not pids:
        return None
    total, pending = 0.0, list(pids)
    while pending:
        current = pending.pop()
        try:
            total += measure(current)
        except OSError:  # ended meanwhile
            continue
        pending.extend(_children(current))
    return total


def tree_rss_mib(pids: Sequence[int]) -> Optional[float]:
    """VmRSS of `pids` (a server's processes, one per replica) and all their descendants in
    MiB; None without a process."""
    total_kib = _tree_total(pids, _rss_kib)
    return None if total_kib is None else round(total_kib / 1024, 1)


def tree_cpu_s(pids: Sequence[int]) -> Optional[float]:
    """CPU seconds used so far by `pids` and their living descendants; None without a process."""
    return _tree_total(pids, _cpu_s)


def tree_cpu_wait_s(pids: Sequence[int]) -> Optional[float]:
    """Seconds `pids` and their living descendants were ready to run but waited for a CPU:
    what other work on the machine cost them."""
    return _tree_total(pids, _cpu_wait_s)
