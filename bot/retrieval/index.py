"""The retrieval index: documents in several languages, searched in the query's language."""

from __future__ import annotations

import copy
from dataclasses import dataclass
import logging
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

import numpy as np

from bot.retrieval.analyzers import Analysis, analysis_language, analyze_indexed, analyzer_for
from bot.retrieval.bm25 import BM25Field
from bot.retrieval.character_ngrams import CharacterNgrams
from bot.retrieval.confidence import Calibration, LOCALGOV_CALIBRATION, decide, top_hit_probability
from bot.retrieval.documents import ANSWER_KINDS, QUESTION_KINDS, Document, Hit, split_field_name
from bot.retrieval.profiles import LOCALGOV, Profile
from bot.retrieval.ranking import DEFAULT_WEIGHTS, fuse
from bot.retrieval.translation_model import TranslationLanguageModel, TranslationTable
from bot.retrieval import vectors

log = logging.getLogger(__name__)


@dataclass
class _Texts:
    """One document's texts in one analysis language."""

    questions: List[str]
    answers: List[str]


def _document_language(document: Document) -> Optional[str]:
    if document.language:
        return document.language
    from bot.langid import detect

    sample = " ".join(
        text
        for name, texts in document.fields.items()
        if split_field_name(name)[0] in QUESTION_KINDS
        for text in texts
    )
    return detect(sample).language if sample else None


def _texts_by_language(
    documents: Sequence[Document], language_of_fields: Optional[Mapping[str, str]]
) -> Dict[str, Dict[int, _Texts]]:
    grouped: Dict[str, Dict[int, _Texts]] = {}
    for position, document in enumerate(documents):
        default_language: Optional[str] = None
        for name, texts in document.fields.items():
            kind, language = split_field_name(name)
            if kind not in ANSWER_KINDS and kind not in QUESTION_KINDS:
                log.debug("field %s of %s is not indexed", name, document.id)
                continue
            if language is None and language_of_fields:
                language = language_of_fields.get(name)
            if language is None:
                if default_language is None:
                    default_language = _document_language(document) or "ja"
                language = default_language
            if isinstance(texts, str):
                texts = [texts]
            texts = [t for t in texts if t and t.strip()]
            if not texts:
                continue
            entry = grouped.setdefault(analysis_language(language), {}).setdefault(
                position, _Texts([], [])
            )
            if kind in ANSWER_KINDS:
                entry.answers.extend(texts)
            else:
                entry.questions.extend(texts)
    return grouped


class _LanguageIndex:
    """Every signal over the documents that have texts in one analysis language.

    A function of (language, positions, texts, weights) alone, so an index of the same input
    can be reused as it is. `translation_table`: a table learned before, used instead of
    training the translation model (`with_trained_translation` trains it)."""

    def __init__(self, language: str, positions: Sequence[int], texts: Sequence[_Texts],
                 weights: Mapping[str, float] = DEFAULT_WEIGHTS,
                 translation_table: Optional[TranslationTable] = None):
        self.language = language
        self.positions = np.array(positions, dtype=np.int64)
        self.texts = list(texts)
        self.weights = dict(weights)
        question_analyses = [[analyze_indexed(q, language) for q in t.questions] for t in texts]
        answer_analyses = [[analyze_indexed(a, language) for a in t.answers] for t in texts]
        question_terms = [[w for a in qs for w in a.terms] for qs in question_analyses]
        answer_terms = [[w for a in ans for w in a.terms] for ans in answer_analyses]
        self.bm25_question = BM25Field(question_terms)
        self.bm25_answer = BM25Field(answer_terms)
        documents_terms = [q + a for q, a in zip(question_terms, answer_terms)]
        self._all_terms = BM25Field(documents_terms)
        pairs = [
            (answer + question.terms, question.terms)
            for questions, answer in zip(question_analyses, answer_terms)
            for question in questions
        ]
        self.translation = TranslationLanguageModel(documents_terms, pairs,
                                                    table=translation_table)
        self.translation_trained = translation_table is None
        # What training the translation model later needs (only then: megabytes of words).
        self._translation_input = None if self.translation_trained else (documents_terms, pairs)
        self.document_terms = [frozenset(terms) for terms in documents_terms]
        self.characters = None
        if weights.get("characters_question"):
            self.characters = CharacterNgrams(
                language, [t.questions or [" ".join(t.answers)[:200]] for t in texts],
                [" ".join(t.answers) for t in texts])

        self.word_vectors = vectors.japanese_word_vectors() if language == "ja" else None
        if self.word_vectors is not None:
            sentence = self.word_vectors.sentence
            question_vectors = np.stack([
                sentence([w for a in qs for w in a.words], self._term_weight)
                for qs in question_analyses
            ])
            answer_vectors = np.stack([
                sentence([w for a in ans for w in a.words], self._term_weight)
                for ans in answer_analyses
            ])
            # Averages of word vectors share a common direction (what all the FAQ's texts
            # have in common); removing it leaves what tells them apart (as in SIF).
            self._common_direction = np.vstack([question_vectors, answer_vectors]).mean(axis=0)
            self.question_word_vectors = self._centred(question_vectors)
            self.answer_word_vectors = self._centred(answer_vectors)

        self.encoder = (
            vectors.sentence_encoder() if language in vectors.SENTENCE_VECTOR_LANGUAGES else None
        )
        if self.encoder is not None:
            # One row per question text, a document's rows consecutive; a document without
            # questions (answer only) is represented by the start of its answer.
            rows = [
                (row, q)
                for row, t in enumerate(texts)
                for q in (t.questions or [" ".join(t.answers)[:200]])
            ]
            self.question_owner = np.array([row for row, _ in rows], dtype=np.int64)
            self.question_starts = np.searchsorted(self.question_owner, np.arange(len(texts)))
            self.question_sentence_vectors = self.encoder.encode([q for _, q in rows])
            # Sentence vectors of whole answers (each answer text its own row), only for
            # weight profiles that use them: they cost build time on a large FAQ set.
            self.answer_sentence_vectors = None
            if weights.get("sentence_answer") or weights.get("sentence_answer_all"):
                answer_rows = [(row, a) for row, t in enumerate(texts)
                               for a in (t.answers or [" ".join(t.questions)])]
                self.answer_owner = np.array([row for row, _ in answer_rows], dtype=np.int64)
                self.answer_starts = np.searchsorted(self.answer_owner, np.arange(len(texts)))
                self.answer_sentence_vectors = self.encoder.encode([a for _, a in answer_rows])

    def indexes(self, positions: Sequence[int], texts: Sequence[_Texts],
                weights: Mapping[str, float]) -> bool:
        """Whether this is the index of that input."""
        return (list(self.positions) == list(positions) and self.texts == list(texts)
                and self.weights == dict(weights))

    def with_trained_translation(self) -> "_LanguageIndex":
        """This index with the translation model trained on its own texts (what building it
        without a table gives); the other signals are shared."""
        if self.translation_trained:
            return self
        trained = copy.copy(self)
        trained.translation = TranslationLanguageModel(*self._translation_input)
        trained.translation_trained, trained._translation_input = True, None
        return trained

    def _term_weight(self, term: str) -> float:
        """idf², so a query's few telling words outweigh its many everyday ones."""
        idf = self._all_terms.idf_of(term) or float(self._all_terms.idf.max(initial=1.0))
        return idf * idf

    def coverage(self, terms: Sequence[str], row: int) -> float:
        """idf-weighted share of the query's terms that occur in the document's texts; terms
        that no FAQ uses weigh the most (a question about something the FAQs never mention)."""
        if not terms:
            return 0.0
        top_idf = float(self._all_terms.idf.max(initial=1.0))
        weights = [self._all_terms.idf_of(t) or top_idf for t in terms]
        found = sum(w for t, w in zip(terms, weights) if t in self.document_terms[row])
        return found / sum(weights)

    def _centred(self, vectors: np.ndarray) -> np.ndarray:
        centred = vectors - self._common_direction
        norms = np.linalg.norm(centred, axis=-1, keepdims=True)
        return centred / np.where(norms == 0, 1, norms)

    def signals(self, query: str, analysis: Analysis, query_vector: Optional[np.ndarray] = None
                ) -> Dict[str, np.ndarray]:
        terms = analysis.terms
        out = {
            "bm25_question": self.bm25_question.scores(terms),
            "bm25_answer": self.bm25_answer.scores(terms),
            "translation": self.translation.scores(terms),
        }
        if self.word_vectors is not None:
            vector = self._centred(self.word_vectors.sentence(analysis.words, self._term_weight))
            out["word_vectors_question"] = self.question_word_vectors @ vector
            out["word_vectors_answer"] = self.answer_word_vectors @ vector
        if self.characters is not None:
            out["characters_question"] = self.characters.scores(query)
        if self.encoder is not None and query_vector is not None:
            similarity = self.question_sentence_vectors @ query_vector
            # A document's questions are consecutive rows: its best one counts.
            out["sentence_question"] = np.maximum.reduceat(similarity, self.question_starts)
            if self.answer_sentence_vectors is not None:
                out["sentence_answer"] = np.maximum.reduceat(
                    self.answer_sentence_vectors @ query_vector, self.answer_starts)
        return out


class _CrossLingualSentences:
    """Sentence vectors of every language's texts of a kind (questions or answers), so a query
    is also compared with the FAQ's wording in the other languages: a question worded one way
    in Korean may be worded like the query in Japanese or English (the encoder's languages
    share one space). Per document: the best-matching text of any language."""

    def __init__(self, owners: np.ndarray, vectors_: np.ndarray, size: int):
        order = np.argsort(owners, kind="stable")
        owners, self._vectors = owners[order], vectors_[order]
        self._owners_present, self._starts = np.unique(owners, return_index=True)
        self._size = size

    def scores(self, query_vector: np.ndarray) -> np.ndarray:
        """Best cosine per document position (−1 for a document without such texts)."""
        out = np.full(self._size, -1.0, dtype=np.float32)
        if len(self._starts):
            out[self._owners_present] = np.maximum.reduceat(self._vectors @ query_vector,
                                                            self._starts)
        return out


def _cross_lingual(languages: Mapping[str, _LanguageIndex], size: int, kind: str
                   ) -> Optional[_CrossLingualSentences]:
    owners, rows = [], []
    for index in languages.values():
        if index.encoder is None:
            continue
        if kind == "question":
            owners.append(index.positions[index.question_owner])
            rows.append(index.question_sentence_vectors)
        elif index.answer_sentence_vectors is not None:
            owners.append(index.positions[index.answer_owner])
            rows.append(index.answer_sentence_vectors)
    if not rows:
        return None
    return _CrossLingualSentences(np.concatenate(owners), np.vstack(rows), size)


class RetrievalIndex:
    def __init__(self, documents: Sequence[Document], languages: Dict[str, _LanguageIndex],
                 weights: Mapping[str, float], calibration: Calibration = LOCALGOV_CALIBRATION):
        self.documents = list(documents)
        self._languages = languages
        self.weights = dict(weights)
        self.calibration = calibration
        # Only for weight profiles that use them (a FAQ set written in several languages).
        self._all_questions = (_cross_lingual(languages, len(self.documents), "question")
                               if self.weights.get("sentence_question_all") else None)
        self._all_answers = (_cross_lingual(languages, len(self.documents), "answer")
                             if self.weights.get("sentence_answer_all") else None)

    @classmethod
    def build(
        cls,
        documents: Iterable[Document],
        language_of_fields: Optional[Mapping[str, str]] = None,
        weights: Optional[Mapping[str, float]] = None,
        profile: Optional[Profile] = None,
        previous: Optional["RetrievalIndex"] = None,
        provisional: bool = False,
    ) -> "RetrievalIndex":
        """Index `documents`. A field's language is its "@language" suffix, else
        `language_of_fields[field]`, else the document's `language`, else detected.
        `profile` (`profiles.LOCALGOV`, the default, or `profiles.CURATED_FAQ`) sets the
        fusion weights and the confidence calibration for this kind of FAQ set; `weights`
        overrides the profile's weights.

        After an edit: `previous`, the index before it, lends the languages whose texts did
        not change (the same result as building them). With `provisional`, a language whose
        texts changed keeps `previous`'s translation table instead of training one (seconds
        of CPU for the real FAQ set: IBM Model 1 over millions of word links); everything
        else is of the new texts. Such an index is not `exact` until `completed()`."""
        profile = profile or LOCALGOV
        weights = dict(weights or profile.weights)
        documents = list(documents)
        seen = set()
        for document in documents:
            if document.id in seen:
                raise ValueError(f"two documents have the id {document.id!r}")
            seen.add(document.id)
        before = previous._languages if previous is not None else {}
        languages = {}
        for language, by_position in _texts_by_language(documents, language_of_fields).items():
            positions = sorted(by_position)
            texts = [by_position[p] for p in positions]
            reusable = before.get(language)
            if reusable is not None and reusable.indexes(positions, texts, weights):
                languages[language] = (reusable if provisional
                                       else reusable.with_trained_translation())
                continue
            table = reusable.translation.table if provisional and reusable else None
            languages[language] = _LanguageIndex(language, positions, texts, weights, table)
        return cls(documents, languages, weights, profile.calibration)

    @property
    def exact(self) -> bool:
        """Whether every signal is of these documents (no stand-in translation table)."""
        return all(index.translation_trained for index in self._languages.values())

    def completed(self) -> "RetrievalIndex":
        """This index with every translation model trained: equal to building it anew."""
        if self.exact:
            return self
        languages = {name: index.with_trained_translation()
                     for name, index in self._languages.items()}
        return type(self)(self.documents, languages, self.weights, self.calibration)

    @property
    def languages(self) -> Tuple[str, ...]:
        return tuple(sorted(self._languages))

    def _language_index(self, query: str, language: Optional[str]) -> Optional[_LanguageIndex]:
        if not self._languages:
            return None
        if language is None:
            from bot.langid import detect

            language = detect(query).language
        if language is not None:
            found = self._languages.get(analysis_language(language))
            if found is not None:
                return found
        # No texts in the query's language: the largest language (sentence vectors are
        # multilingual, so they can still bridge the languages).
        return max(self._languages.values(), key=lambda index: len(index.positions))

    def search(self, query: str, language: Optional[str] = None, top_k: int = 10) -> List[Hit]:
        index = self._language_index(query, language)
        if index is None or not query.strip() or top_k <= 0:
            return []
        analysis = analyzer_for(index.language).analyze(query)
        with vectors.single_blas_thread():
            query_vector = self._query_vector(query, index)
            signals = index.signals(query, analysis, query_vector)
            if query_vector is not None:
                for name, sentences in (("sentence_question_all", self._all_questions),
                                        ("sentence_answer_all", self._all_answers)):
                    if sentences is not None:
                        signals[name] = sentences.scores(query_vector)[index.positions]
        fused = fuse(signals, self.weights)
        if top_k < len(fused):
            top = np.argpartition(-fused, top_k)[:top_k]
            top = top[np.argsort(-fused[top], kind="stable")]
        else:
            top = np.argsort(-fused, kind="stable")
        hits = []
        for row in top:
            evidence = {name: float(values[row]) for name, values in signals.items()}
            evidence["coverage"] = index.coverage(analysis.key_terms or analysis.terms, int(row))
            document = self.documents[int(index.positions[row])]
            hits.append(Hit(document.id, float(fused[row]), evidence))
        return hits

    def _query_vector(self, query: str, index: _LanguageIndex) -> Optional[np.ndarray]:
        """The query's sentence vector, when a signal uses it. The cross-lingual signals use it
        for every query language: even for a language the encoder was not trained on, the
        names and numbers it shares with other languages ("my number", 119) carry over."""
        if index.encoder is not None:
            return index.encoder.encode_query(query)
        if self._all_questions is not None or self._all_answers is not None:
            encoder = vectors.sentence_encoder()
            return encoder.encode_query(query) if encoder is not None else None
        return None

    def confidence(self, hits: Sequence[Hit]) -> float:
        """Calibrated probability that hits[0] is a relevant answer (0 without hits)."""
        return top_hit_probability(hits, self.calibration)

    def decide(self, probability: float, hits: Sequence[Hit] = ()) -> str:
        """"answer", "suggest" or "unknown" with this index's calibrated thresholds (and its
        coverage and similarity gates on hits[0], when hits are given)."""
        evidence = hits[0].evidence if hits else {}
        return decide(probability, self.calibration, evidence.get("coverage", 1.0), evidence)
