"""Weight and calibration profiles: how the engine is tuned for one kind of FAQ set.

- `LOCALGOV`: a large municipal FAQ set (localgovFAQ, 1,786 Japanese FAQs with one question
  each and long answers); weights and calibration from its dev split (README).
- `CURATED_FAQ`: the product's own small curated set (about 90 FAQs, each with several
  questions, a title and synonyms in six languages). There the question-side evidence counts
  more than the answer: the translation model (which learns from many question wordings per
  FAQ), BM25 on the questions and the Japanese word vectors of the questions, with the
  sentence vectors of the questions and of the answers as two milder signals. Chosen on the
  tuning half of `tests/data/faq/in_domain.jsonl` (`evaluation.split_halves`) from a small
  grid, by MRR@10; the held-out half is reported in the README.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from bot.retrieval.confidence import Calibration, LOCALGOV_CALIBRATION
from bot.retrieval.ranking import DEFAULT_WEIGHTS


@dataclass(frozen=True)
class Profile:
    name: str
    weights: Mapping[str, float]
    calibration: Calibration


LOCALGOV = Profile("localgov", DEFAULT_WEIGHTS, LOCALGOV_CALIBRATION)

CURATED_FAQ_WEIGHTS: Mapping[str, float] = {
    "bm25_question": 0.5,
    "bm25_answer": 0.0,
    "translation": 1.0,
    "word_vectors_question": 0.5,
    "word_vectors_answer": 0.0,
    "sentence_question": 0.5,
    "sentence_answer": 0.5,  # sentence vectors of the whole answer, best of its texts
}

# Fitted on the tuning half of tests/data/faq/in_domain.jsonl (label: the top hit is relevant);
# held-out half: AUC 0.82, Brier 0.117 (lexical-only: AUC 0.81, Brier 0.130), fitted with
# `calibrate.collect/fit` on `evaluation.split_halves`. Lexical-only: the same ranking without
# sentence vectors, all languages (what Vietnamese gets). Last coefficient: query-term coverage.
CURATED_FAQ_CALIBRATION = Calibration(
    with_sentence_vectors=(-3.714, 1.135, 0.898, 0.724, 0.522),
    lexical_only=(-5.261, 1.214, 0.741, 1.849),
    # On the tuning half, answers at ≥ 0.8 are right 95% of the time (0.7: 90%); the
    # coverage gate keeps questions about things no FAQ mentions out of "answer".
    answer_threshold=0.8,
    suggest_threshold=0.2,
    answer_min_coverage=0.5,
)

CURATED_FAQ = Profile("curated", CURATED_FAQ_WEIGHTS, CURATED_FAQ_CALIBRATION)

PROFILES = {profile.name: profile for profile in (LOCALGOV, CURATED_FAQ)}
