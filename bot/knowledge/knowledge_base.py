"""The FAQ set the assistant serves, reloaded when staff edit knowledge/ (no restart).

Files are re-read when their modification time or size changes. A file with errors is not
applied: the last good version of that file keeps serving, and the problems are logged (and
sent to Sentry when configured) so staff can fix them.
"""

from dataclasses import dataclass, field
from datetime import date
import logging
from pathlib import Path
import threading
from typing import Callable, Dict, Generic, List, Optional, Tuple, TypeVar

from bot.knowledge.faq import Faq
from bot.knowledge.faq_files import faq_files, read_faq_file
from bot.knowledge.validation import Problem, check_unique_ids

logger = logging.getLogger(__name__)

Index = TypeVar("Index")
_Signature = Tuple[int, int]  # mtime_ns, size


@dataclass(frozen=True)
class Snapshot(Generic[Index]):
    faqs: Dict[str, Faq]
    index: Optional[Index]
    problems: List[Problem] = field(default_factory=list)


class KnowledgeBase(Generic[Index]):
    def __init__(self, folder: Path, build_index: Callable[[List[Faq]], Index],
                 today: Callable[[], date] = date.today):
        self.folder = folder
        self._build_index = build_index
        self._today = today
        self._lock = threading.Lock()
        self._signatures: Dict[Path, _Signature] = {}
        self._accepted: Dict[Path, List[Faq]] = {}  # last good content of each file
        self._snapshot: Snapshot = Snapshot({}, None)
        self._watcher: Optional[threading.Thread] = None
        self.refresh()

    @property
    def snapshot(self) -> Snapshot:
        return self._snapshot

    def refresh(self) -> bool:
        """Re-reads changed files; returns whether what is served changed."""
        with self._lock:
            current = {p: self._signature(p) for p in faq_files(self.folder)}
            changed = [p for p, s in current.items() if self._signatures.get(p) != s]
            removed = [p for p in self._accepted if p not in current]
            if not changed and not removed:
                return False
            problems = [p for p in self._snapshot.problems if p.file not in changed]
            accepted = {p: faqs for p, faqs in self._accepted.items() if p not in removed}
            for path in changed:
                faqs, file_problems = read_faq_file(path, self._today())
                problems = [p for p in problems if p.file != path] + file_problems
                if any(p.severity == "error" for p in file_problems):
                    self._report(path, file_problems)
                    continue
                candidate = {**accepted, path: faqs}
                duplicates = [p for p in check_unique_ids(
                    (f.id, f.file, f.line) for fs in candidate.values() for f in fs)
                    if p.file == path]
                if duplicates:
                    problems += duplicates
                    self._report(path, duplicates)
                    continue
                accepted = candidate
            self._signatures = current
            served_changed = accepted != self._accepted or self._snapshot.index is None
            if served_changed:
                self._accepted = accepted
                faqs = [f for fs in accepted.values() for f in fs]
                self._snapshot = Snapshot({f.id: f for f in faqs}, self._build_index(faqs),
                                          problems)
                logger.info("Knowledge loaded: %d FAQs from %d files", len(faqs), len(accepted))
            else:
                self._snapshot = Snapshot(self._snapshot.faqs, self._snapshot.index, problems)
            return served_changed

    def watch(self, interval_s: float = 0.5) -> None:
        """Checks for edits in the background, so changes are live within about a second."""
        if self._watcher:
            return

        def loop() -> None:
            while True:
                threading.Event().wait(interval_s)
                try:
                    self.refresh()
                except Exception:  # a bad edit must never stop the watcher
                    logger.exception("Reloading knowledge failed; the last good version serves")

        self._watcher = threading.Thread(target=loop, name="knowledge-watcher", daemon=True)
        self._watcher.start()

    @staticmethod
    def _signature(path: Path) -> _Signature:
        stat = path.stat()
        return stat.st_mtime_ns, stat.st_size

    @staticmethod
    def _report(path: Path, problems: List[Problem]) -> None:
        message = f"{path.name} was not applied; the last good version keeps serving:\n" + \
            "\n".join(str(p) for p in problems if p.severity == "error")
        logger.error(message)
        try:
            import sentry_sdk

            sentry_sdk.capture_message(message, level="error")  # no-op without SENTRY_DSN
        except ImportError:
            pass
