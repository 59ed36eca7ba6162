"""A learned reading of whether a message reports an emergency now, and of which kind.

The cue lists catch the wordings they list; residents use many more ("grandpa's face looks
weird on one side and he can't talk"). This model learns the situations from examples written
per language (`training/<lang>.tsv`, lines `kind<TAB>text`, written without sight of the
evaluation sets) against look-alikes (questions about emergencies, past events, hyperbole) and
the ordinary messages of the NLU training data (every intent but report_emergency).

Features: character 1–5-grams and word 1–2-grams of the folded text (full-width, case and
Traditional Chinese folded; Latin text also without diacritics, as Vietnamese is often typed),
TF-IDF; two logistic regressions, one for "emergency or not", one for the kind. About a
millisecond per message: no sentence vectors (they would cost ~5 ms).

`python -m bot model ensure` trains it into bot/models/emergency-<fingerprint>.joblib (the
fingerprint covers the examples, the NLU data and this code); it is loaded at first use, and
trained then if missing.
"""

from collections import Counter
import hashlib
from functools import lru_cache
import logging
import math
from pathlib import Path
import re
import threading
from typing import Dict, Iterable, List, Tuple

import numpy as np
import yaml

from bot.emergency.lexicon import fold, strip_diacritics
from bot.paths import PROJECT_ROOT

logger = logging.getLogger(__name__)

TRAINING_DIR = Path(__file__).parent / "training"
NLU_DIR = PROJECT_ROOT / "bot" / "data" / "nlu"
MODELS_DIR = PROJECT_ROOT / "bot" / "models"
ORDINARY = "ordinary"
KINDS = ("medical", "poisoning", "fire", "trapped", "crime", "suicide", "tsunami", "flood")
_EMERGENCY_INTENT = "report_emergency"
_ANNOTATION = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\{[^}]*\}")
# Strong regularisation would blur the rare kinds; chosen on the blind set's tuning half.
_C = 30.0


class TrainingFileError(ValueError):
    pass


def features_text(message: str) -> str:
    folded = fold(message)
    plain = strip_diacritics(folded)
    return folded if plain == folded else f"{folded} | {plain}"


def _training_files() -> List[Path]:
    return sorted(TRAINING_DIR.glob("*.tsv"))


def read_examples(path: Path) -> List[Tuple[str, str]]:
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, sep, text = line.partition("\t")
        if not sep or kind not in KINDS + (ORDINARY,) or not text.strip():
            raise TrainingFileError(f"{path}:{number}: expected 'kind<TAB>text' with kind one "
                                    f"of {', '.join(KINDS + (ORDINARY,))}")
        examples.append((kind, text))
    return examples


def _nlu_ordinary_examples() -> Iterable[Tuple[str, str]]:
    for path in sorted(NLU_DIR.glob("*.yml")):
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            if "intent" not in item or item["intent"] == _EMERGENCY_INTENT:
                continue
            for line in item.get("examples", "").splitlines():
                text = _ANNOTATION.sub(lambda m: m.group(1) or m.group(2),
                                       line.strip().removeprefix("- ")).strip()
                if text:
                    yield ORDINARY, text


def fingerprint() -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in _training_files() + sorted(NLU_DIR.glob("*.yml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def model_file() -> Path:
    return MODELS_DIR / f"emergency-{fingerprint()}.joblib"


class _Features:
    """One TF-IDF vectorizer's features of a text as {column: weight}, computed directly: the
    same numbers as sklearn's transform, without building sparse matrices (which costs
    milliseconds for one short message)."""

    def __init__(self, vectorizer, offset: int):
        self.analyze = vectorizer.build_analyzer()
        self.vocabulary = vectorizer.vocabulary_
        self.idf = vectorizer.idf_
        self.offset = offset

    def of(self, text: str) -> Dict[int, float]:
        counts = Counter(t for t in self.analyze(text) if t in self.vocabulary)
        weights = {self.vocabulary[t]: (1.0 + math.log(c)) * self.idf[self.vocabulary[t]]
                   for t, c in counts.items()}  # sublinear tf
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {self.offset + column: w / norm for column, w in weights.items()}


class SituationModel:
    def __init__(self, vectorizers, alarm, kind):
        self._vectorizers, self._alarm, self._kind = vectorizers, alarm, kind
        self.__setstate__(self.__getstate__())

    def __getstate__(self):
        return {"vectorizers": self._vectorizers, "alarm": self._alarm, "kind": self._kind}

    def __setstate__(self, state):
        self._vectorizers, self._alarm, self._kind = (
            state["vectorizers"], state["alarm"], state["kind"])
        offsets = np.cumsum([0] + [len(v.vocabulary_) for v in self._vectorizers])
        self._features = [_Features(v, int(o)) for v, o in zip(self._vectorizers, offsets)]

    def _features_of(self, message: str) -> Dict[int, float]:
        text = features_text(message)
        return {c: w for features in self._features for c, w in features.of(text).items()}

    def read(self, message: str) -> Tuple[float, str]:
        """(probability that the message reports an emergency now, the likeliest kind)."""
        features = self._features_of(message)
        columns = np.fromiter(features, dtype=np.int64, count=len(features))
        values = np.fromiter(features.values(), dtype=np.float64, count=len(features))
        z = float(self._alarm.coef_[0, columns] @ values + self._alarm.intercept_[0])
        kind_scores = self._kind.coef_[:, columns] @ values + self._kind.intercept_
        return 1.0 / (1.0 + math.exp(-z)), str(self._kind.classes_[int(np.argmax(kind_scores))])


def train() -> SituationModel:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from scipy.sparse import hstack

    examples = [e for path in _training_files() for e in read_examples(path)]
    examples += list(_nlu_ordinary_examples())
    texts = [features_text(text) for _, text in examples]
    vectorizers = [
        TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 5), min_df=2, sublinear_tf=True),
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True,
                        token_pattern=r"(?u)\b\w+\b"),
    ]
    matrix = hstack([v.fit_transform(texts) for v in vectorizers]).tocsr()
    is_emergency = [kind != ORDINARY for kind, _ in examples]
    alarm = LogisticRegression(C=_C, class_weight="balanced", max_iter=5000)
    alarm.fit(matrix, is_emergency)
    rows = [i for i, emergency in enumerate(is_emergency) if emergency]
    kind = LogisticRegression(C=_C, max_iter=5000)
    kind.fit(matrix[rows], [examples[i][0] for i in rows])
    return SituationModel(vectorizers, alarm, kind)


def ensure_model_file() -> Path:
    """The trained model for the current examples, training it first if needed."""
    import joblib

    target = model_file()
    if not target.exists():
        MODELS_DIR.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(".tmp")
        joblib.dump(train(), temporary)
        temporary.replace(target)  # another process never reads half a file
    return target


_loading = threading.Lock()


@lru_cache(maxsize=1)
def situation_model() -> SituationModel:
    import joblib

    with _loading:
        target = model_file()
        if not target.exists():
            logger.warning("The emergency model was not trained yet; training it now "
                           "(`python -m bot model ensure` does this ahead of time)")
        return joblib.load(ensure_model_file())
