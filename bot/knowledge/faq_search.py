"""The curated FAQ set as a retrieval index, and the decision the dialogue takes from a search.

A search gives a calibrated confidence that the best FAQ answers the question:
- high enough: answer it;
- plausible: offer the three best FAQs as "did you mean" buttons;
- otherwise: say honestly that there is no answer yet.
"""

from dataclasses import dataclass, field
from typing import List, Optional, Sequence

from bot.knowledge.faq import Faq
from bot.languages import LANGUAGES
from bot.retrieval import Document, RetrievalIndex, field_name
from bot.retrieval.profiles import CURATED_FAQ

SUGGESTIONS = 3
# The parse-data key under which the NLU's decision about the FAQs reaches the action server.
FAQ_OUTPUT = "faq"


def faq_documents(faqs: Sequence[Faq]) -> List[Document]:
    documents = []
    for faq in faqs:
        fields = {}
        for language in LANGUAGES:
            fields[field_name("question", language)] = faq.questions.get(language, [])
            fields[field_name("title", language)] = [faq.title.get(language, "")]
            fields[field_name("synonyms", language)] = faq.synonyms.get(language, [])
            fields[field_name("answer", language)] = [faq.answer.get(language, "")]
        documents.append(Document(faq.id, fields))
    return documents


class _FaqIndexBuild:
    """`build_faq_index(faqs)`: the curated FAQs with their own weight profile and calibration
    (`profiles.CURATED_FAQ`). For `KnowledgeBase` (`IncrementalBuild`), after a staff edit:
    `update` serves the edit at once, `complete` gives the exact index soon after."""

    def __call__(self, faqs: Sequence[Faq], previous: Optional[RetrievalIndex] = None,
                 provisional: bool = False) -> RetrievalIndex:
        return RetrievalIndex.build(faq_documents(faqs), profile=CURATED_FAQ,
                                    previous=previous, provisional=provisional)

    def update(self, previous: RetrievalIndex, faqs: Sequence[Faq]) -> RetrievalIndex:
        """The languages whose texts did not change are reused; a changed language keeps its
        translation table until `complete` (with the real FAQ set: ~1 s of CPU instead of
        ~7, bench/reload_latency.py)."""
        return self(faqs, previous=previous, provisional=True)

    @staticmethod
    def complete(index: RetrievalIndex) -> Optional[RetrievalIndex]:
        """The index `update` gave with its translation models trained (None: it is exact)."""
        return None if index.exact else index.completed()


build_faq_index = _FaqIndexBuild()


@dataclass(frozen=True)
class FaqMatch:
    decision: str  # "answer", "suggest" or "unknown" (bot.retrieval.confidence.decide)
    faqs: List[Faq]  # the answer, or the suggestions, best first
    confidence: float
    candidates: List[str] = field(default_factory=list)  # ids of the best hits, whatever decided
    categories: List[str] = field(default_factory=list)  # the candidates' categories (topics)


def match_question(index: RetrievalIndex, faqs: dict, question: str, language: str) -> FaqMatch:
    hits = [h for h in index.search(question, language=language, top_k=SUGGESTIONS)
            if h.id in faqs]
    confidence = index.confidence(hits) if hits else 0.0
    decision = index.decide(confidence, hits)
    chosen = {"answer": hits[:1], "suggest": hits, "unknown": []}[decision]
    return FaqMatch(decision, [faqs[h.id] for h in chosen], confidence, [h.id for h in hits],
                    [faqs[h.id].category for h in hits])
