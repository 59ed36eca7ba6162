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

# Placeholder until fitted (see calibrate.py --profile curated).
CURATED_FAQ_CALIBRATION = LOCALGOV_CALIBRATION

CURATED_FAQ = Profile("curated", CURATED_FAQ_WEIGHTS, CURATED_FAQ_CALIBRATION)

PROFILES = {profile.name: profile for profile in (LOCALGOV, CURATED_FAQ)}
