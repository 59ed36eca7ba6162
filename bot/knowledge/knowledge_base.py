"""The FAQ set the assistant serves, reloaded when staff edit knowledge/ (no restart).

Files are re-read when their modification time or size changes. A file with errors is not
applied: the last good version of that file keeps serving, and the problems are logged (and
sent to Sentry when configured) so staff can fix them.

Rebuilding the search index of the real FAQ set costs seconds of CPU; an index builder that is
an `IncrementalBuild` (`faq_search.build_faq_index`) serves an edit from a quick update of the
index before it, and its exact index replaces that in the background a few seconds later.
"""

from dataclasses import dataclass, field, replace
from datetime import date
import logging
from pathlib import Path
import threading
from typing import Callable, Dict, Generic, List, Optional, Protocol, Tuple, TypeVar, \
    runtime_checkable

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


@runtime_checkable
class IncrementalBuild(Protocol[Index]):
    def __call__(self, faqs: List[Faq]) -> Index:
        """The index of `faqs`, built from nothing."""

    def update(self, previous: Index, faqs: List[Faq]) -> Index:
        """Quickly, the index of `faqs` from `previous` (which may not be exact yet)."""

    def complete(self, index: Index) -> Optional[Index]:
        """What building `index`'s FAQs from nothing gives (None: `index` is that already)."""


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
        self._generation = 0  # of what is served: a completion of an older one is dropped
        self._completion: Optional[threading.Thread] = None
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
                self._snapshot = Snapshot({f.id: f for f in faqs}, self._index_of(faqs),
                                          problems)
                logger.info("Knowledge loaded: %d FAQs from %d files", len(faqs), len(accepted))
            else:
                self._snapshot = Snapshot(self._snapshot.faqs, self._snapshot.index, problems)
            return served_changed

    def _index_of(self, faqs: List[Faq]) -> Index:
        self._generation += 1
        previous = self._snapshot.index
        if previous is None or not isinstance(self._build_index, IncrementalBuild):
            return self._build_index(faqs)
        index = self._build_index.update(previous, faqs)
        self._complete_in_background(self._generation, index)
        return index

    def _complete_in_background(self, generation: int, index: Index) -> None:
        build = self._build_index

        def complete() -> None:
            try:
                exact = build.complete(index)
            except Exception:
                logger.exception("Completing the knowledge index failed; the quick one serves")
                return
            with self._lock:
                if exact is not None and self._generation == generation:
                    self._snapshot = replace(self._snapshot, index=exact)

        self._completion = threading.Thread(target=complete, name="knowledge-index", daemon=True)
        self._completion.start()

    def wait_for_completion(self, timeout_s: Optional[float] = None) -> None:
        """Waits until the index that serves is the exact one (or `timeout_s` passed)."""
        completion = self._completion
        if completion is not None:
            completion.join(timeout_s)

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
