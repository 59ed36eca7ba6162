"""English or Vietnamese typed without diacritics, learned from the project's own messages.

Residents type Vietnamese on phones without a Vietnamese keyboard and in teen-code
("xin juminhyo o dau v mn co can mang zairyu ko", "japan police so may mn e moi sang"), with
English and romanised Japanese words in between: spelling rules alone call that English.
A logistic regression over character 1–4-grams and words of the text folded to plain ASCII
learns both from the English and Vietnamese NLU training data and emergency examples
(bot/data/nlu, bot/emergency/training; about 1,900 lines per language, written as residents
type). Trained into bot/models/ like the other small models (bot/trained_artifacts.py).
"""

from pathlib import Path
from typing import List

from bot.langid.latin_languages import strip_diacritics
from bot.text_features import TextFeatures, linear_scores
from bot.trained_artifacts import TrainedArtifact

_LANGUAGES = ("en", "vi")


def _folded(text: str) -> str:
    return strip_diacritics(text.lower())


def _example_files() -> List[Path]:
    from bot.emergency.situation_model import NLU_DIR, TRAINING_DIR

    return [f for lang in _LANGUAGES for f in (NLU_DIR / f"{lang}.yml", TRAINING_DIR / f"{lang}.tsv")]


class LatinModel:
    def __init__(self, features: TextFeatures, classifier):
        self._features, self._classifier = features, classifier

    def vietnamese_probability(self, text: str) -> float:
        import math

        z = float(linear_scores(self._classifier, self._features.of(_folded(text)))[0])
        return 1.0 / (1.0 + math.exp(-z))  # classes_ are ("en", "vi")


def train() -> LatinModel:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from bot.emergency.situation_model import NLU_DIR, TRAINING_DIR, nlu_examples, read_examples

    texts, labels = [], []
    for language in _LANGUAGES:
        lines = [t for _, t in read_examples(TRAINING_DIR / f"{language}.tsv")]
        lines += [t for _, t in nlu_examples(NLU_DIR / f"{language}.yml")]
        texts += [_folded(t) for t in lines]
        labels += [language] * len(lines)
    features, matrix = TextFeatures.fit([
        TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), min_df=2, sublinear_tf=True),
        TfidfVectorizer(analyzer="word", token_pattern=r"(?u)\b\w+\b", sublinear_tf=True),
    ], texts)
    return LatinModel(features, LogisticRegression(C=10, max_iter=3000).fit(matrix, labels))


ARTIFACT = TrainedArtifact("latin-languages", lambda: [Path(__file__), *_example_files()], train)


def vietnamese_probability(text: str) -> float:
    return ARTIFACT.load().vietnamese_probability(text)
