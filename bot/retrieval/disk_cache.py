"""What building an index learns from its texts, kept on disk between processes.

Every process that serves the FAQs (each Rasa replica, the action server, each assistant a
test starts) builds the same index from the same files; the translation tables and sentence
vectors are ~23 of its ~32 s of CPU. Stored under var/cache/retrieval, keyed by a hash of
their input and of what computes them, a second process loads them in milliseconds. Files
are numpy arrays (no pickle), written whole or not at all; a cache that cannot be written
(a read-only disk) is only slower.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
import tempfile
import time
from typing import Dict, Iterable, Optional

import numpy as np

from bot.paths import RUNTIME_DIR

log = logging.getLogger(__name__)

CACHE_DIR = RUNTIME_DIR / "cache" / "retrieval"
# The real FAQ set's files are ~240 MB (the Vietnamese translation table alone 150 MB); each
# FAQ edit makes new ones, and the least recently used go beyond this.
_BUDGET_BYTES = 1 << 30
_PARTIAL_AGE_S = 600  # a file still being written is younger (the largest takes ~1 s)


def cache_key(*parts: Iterable[str]) -> str:
    """A hash of sequences of strings (each string and each sequence delimited)."""
    digest = hashlib.sha256()
    for part in parts:
        for text in part:
            digest.update(text.encode("utf-8"))
            digest.update(b"\0")
        digest.update(b"\1")
    return digest.hexdigest()


def load(kind: str, key: str) -> Optional[Dict[str, np.ndarray]]:
    path = CACHE_DIR / f"{kind}-{key}.npz"
    try:
        with np.load(path, allow_pickle=False) as stored:
            arrays = {name: stored[name] for name in stored.files}
        os.utime(path)  # recently used: kept when pruning
        return arrays
    except FileNotFoundError:
        return None
    except Exception as error:  # a damaged file is rebuilt, never trusted
        log.warning("ignoring the unreadable cache file %s: %s", path, error)
        return None


def store(kind: str, key: str, arrays: Dict[str, np.ndarray]) -> None:
    folder = CACHE_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as file:
            np.savez(file, **arrays)
        os.replace(temporary, folder / f"{kind}-{key}.npz")
        _prune(folder)
    except OSError as error:
        log.debug("the retrieval cache is not written: %s", error)


def _prune(folder: Path) -> None:
    now = time.time()
    for partial in folder.glob("*.tmp"):  # left by a process stopped while writing
        try:
            if now - partial.stat().st_mtime > _PARTIAL_AGE_S:
                partial.unlink()
        except FileNotFoundError:
            pass
    stats = []
    for path in folder.glob("*.npz"):
        try:
            stats.append((path.stat(), path))
        except FileNotFoundError:  # pruned by another process meanwhile
            pass
    used = 0
    for stat, path in sorted(stats, key=lambda entry: entry[0].st_mtime, reverse=True):
        used += stat.st_size
        if used > _BUDGET_BYTES:
            path.unlink(missing_ok=True)
