"""Resident memory of a server process, counting any processes it forked (Linux /proc)."""

from pathlib import Path
from typing import List, Optional


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


def tree_rss_mib(pid: Optional[int]) -> Optional[float]:
    """VmRSS of `pid` and all its descendants in MiB; None without a process."""
    if pid is None or not Path(f"/proc/{pid}").exists():
        return None
    total_kib, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            total_kib += _rss_kib(current)
        except OSError:  # ended meanwhile
            continue
        pending.extend(_children(current))
    return round(total_kib / 1024, 1)
