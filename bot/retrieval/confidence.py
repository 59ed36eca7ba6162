"""How sure the engine is that its top hit answers the question, as a probability.

A logistic function of three features of a search's result:
- the top hit's fused score (how far above the average document it stands),
- its margin over the second hit (a clear winner or a tie between several),
- the top hit's sentence-vector similarity to the query (cosine), when sentence vectors exist.
The coefficients were fitted on one half of the localgovFAQ dev queries (label: the top hit is
relevant) and checked on the other half (`python -m bot.retrieval.calibrate`): on the held-out
half, ROC AUC 0.77, Brier 0.21; predicted 0.29 / 0.49 / 0.70 / 0.91 against observed
0.30 / 0.28 / 0.59 / 0.80 in the 0.2–0.4 / 0.4–0.6 / 0.6–0.8 / 0.8–1 bins. Scores depend on the
size and style of the FAQ set: recalibrate on the product's own judged questions when there
are enough of them.
The dialogue uses the probability through `decide()`: answer, offer choices, or say so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal, Mapping, Optional, Sequence, Tuple

# (intercept, top score, margin, sentence similarity)
WITH_SENTENCE_VECTORS: Tuple[float, float, float, float] = (-4.743, 0.55, 0.568, 3.507)
# (intercept, top score, margin) for languages without sentence vectors
LEXICAL_ONLY: Tuple[float, float, float] = (-2.788, 0.314, 0.459)

ANSWER_THRESHOLD = 0.5  # answer directly at or above
SUGGEST_THRESHOLD = 0.2  # offer the top three ("did you mean") at or above; else: do not know


@dataclass(frozen=True)
class Calibration:
    """The logistic coefficients for one kind of FAQ set (its weight profile and size change
    the score scale) and the thresholds `decide()` applies to the probability."""

    with_sentence_vectors: Tuple[float, ...]  # intercept, top, margin, similarity[, coverage]
    lexical_only: Tuple[float, ...]  # intercept, top, margin[, coverage]
    answer_threshold: float
    suggest_threshold: float
    # An answer also needs this idf-weighted share of the query's terms in the top FAQ's
    # texts (otherwise: suggest at most); 0 = no such gate.
    answer_min_coverage: float = 0.0
    # ... and this sentence-vector similarity of the top FAQ to the query (its best text in any
    # language): in the query's own language where the encoder knows it, else across
    # languages (Vietnamese, which the encoder was not trained on, scores lower). 0 = no gate.
    answer_min_similarity: float = 0.0
    answer_min_similarity_across_languages: float = 0.0


# Fitted on half of the localgovFAQ dev queries (1,786 FAQs), see above.
LOCALGOV_CALIBRATION = Calibration(WITH_SENTENCE_VECTORS, LEXICAL_ONLY,
                                   ANSWER_THRESHOLD, SUGGEST_THRESHOLD)


def features(hits: Sequence) -> Tuple[float, float, float, float]:
    """(top score, margin, sentence similarity or nan, coverage of the query's terms)."""
    top = hits[0].score
    margin = top - hits[1].score if len(hits) > 1 else top
    return (top, margin, hits[0].evidence.get("sentence_question", float("nan")),
            hits[0].evidence.get("coverage", 0.0))


def top_hit_probability(hits: Sequence, calibration: Optional[Calibration] = None) -> float:
    if not hits:
        return 0.0
    calibration = calibration or LOCALGOV_CALIBRATION
    top, margin, similarity, coverage = features(hits)
    # A calibration may have one more coefficient, for the coverage of the query's terms.
    if math.isnan(similarity):
        b0, b1, b2, *b_coverage = calibration.lexical_only
        z = b0 + b1 * top + b2 * margin
    else:
        b0, b1, b2, b3, *b_coverage = calibration.with_sentence_vectors
        z = b0 + b1 * top + b2 * margin + b3 * similarity
    if b_coverage:
        z += b_coverage[0] * coverage
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def _similar_enough(calibration: Calibration, evidence: Mapping[str, float]) -> bool:
    in_language = evidence.get("sentence_question", float("nan"))
    across = evidence.get("sentence_question_all", float("nan"))
    if not math.isnan(in_language):
        return across >= calibration.answer_min_similarity or math.isnan(across)
    if math.isnan(across):
        return True  # no sentence vectors at all: the lexical gates alone
    return across >= calibration.answer_min_similarity_across_languages


def decide(probability: float, calibration: Optional[Calibration] = None,
           coverage: float = 1.0, evidence: Optional[Mapping[str, float]] = None
           ) -> Literal["answer", "suggest", "unknown"]:
    calibration = calibration or LOCALGOV_CALIBRATION
    if (probability >= calibration.answer_threshold
            and coverage >= calibration.answer_min_coverage
            and _similar_enough(calibration, evidence or {})):
        return "answer"
    # A best candidate sharing no word with the question (gibberish, "。。。", a subject no FAQ
    # mentions) is not worth a "did you mean": only the sentence vectors found it.
    if probability >= calibration.suggest_threshold and coverage > 0:
        return "suggest"
    return "unknown"
