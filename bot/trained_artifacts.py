"""Small models the project trains itself (beside the Rasa model), stored in bot/models/.

Each is named after a fingerprint of what it is trained from (its example files and its own
code), so `python -m bot model ensure` trains it once per change and every process loads the
same file. A process that finds no file for the current fingerprint trains it then (and says
so): the tests and a first `make run` never depend on a file being there.
"""

import hashlib
import logging
from pathlib import Path
import threading
from typing import Any, Callable, Dict, List

from bot.paths import PROJECT_ROOT

logger = logging.getLogger(__name__)

MODELS_DIR = PROJECT_ROOT / "bot" / "models"
ARTIFACTS: Dict[str, "TrainedArtifact"] = {}


class TrainedArtifact:
    def __init__(self, name: str, inputs: Callable[[], List[Path]], train: Callable[[], Any]):
        self.name, self._inputs, self._train = name, inputs, train
        self._loaded: Any = None
        self._lock = threading.Lock()
        ARTIFACTS[name] = self

    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for path in sorted(self._inputs()):
            digest.update(str(path.relative_to(PROJECT_ROOT)).encode() + b"\0" + path.read_bytes())
        return digest.hexdigest()[:16]

    def path(self) -> Path:
        return MODELS_DIR / f"{self.name}-{self.fingerprint()}.joblib"

    def ensure(self) -> Path:
        """The file for the current inputs, trained first if missing; older ones removed."""
        import joblib

        target = self.path()
        if not target.exists():
            MODELS_DIR.mkdir(parents=True, exist_ok=True)
            temporary = target.with_suffix(f".{threading.get_ident()}.tmp")
            joblib.dump(self._train(), temporary)
            temporary.replace(target)  # another process never reads half a file
        for old in MODELS_DIR.glob(f"{self.name}-*.joblib"):
            if old != target:
                old.unlink(missing_ok=True)
        return target

    def load(self) -> Any:
        """The trained model, loaded once per process."""
        import joblib

        with self._lock:
            if self._loaded is None:
                if not self.path().exists():
                    logger.warning("%s was not trained yet; training it now "
                                   "(`python -m bot model ensure` does this ahead of time)",
                                   self.name)
                self._loaded = joblib.load(self.ensure())
            return self._loaded
