"""Rasa NLU component: one decision per message, taken from every reading of it.

Last in the pipeline. It sees DIET's intent ranking, what the emergency, My Number and
punctuation components decided, the language the message names, and the curated FAQs' best
matches with their calibrated confidence (the same knowledge/ the action server answers from,
reloaded on edits). It decides:

- an emergency, a My Number warning, punctuation alone: already decided, kept;
- `choose_language` only for a request ("English please", "中文で", the picker's button): a
  language named inside a question ("a doctor who speaks Vietnamese") is part of the question;
- a meta intent (greet, thanks, help, alerts, the phrase card, a shelter search, staff…) only
  when the message is about that: DIET reads it with confidence, the message is said with that
  intent's words (its training examples' vocabulary; DIET guesses some intent for anything,
  "{{7*7}}" included), and the FAQs do not answer it;
- everything else is a question (`ask_question`), with the FAQ decision attached as `faq`
  (`answer`, `related` or `unknown`, the FAQ ids, the confidence) for action_answer_faq to
  carry out, so the answer is the one decided here.

A component rather than a policy: what a message *is* does not depend on the dialogue, and as
the NLU's last word it reaches the rules, the tracker store and the evaluation like any intent.
"""

from dataclasses import dataclass
import json
import unicodedata
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Text, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, \
    PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.knowledge.faq_search import FAQ_OUTPUT, FaqMatch, match_question
from bot.knowledge.served import served_knowledge
from bot.langid import detect
from bot.langid.language_requests import find_requested_language
from bot.nlu.multilingual_tokenizer import tokenize_text

QUESTION, FALLBACK, CHOOSE_LANGUAGE = "ask_question", "nlu_fallback", "choose_language"
# Decided before this component; kept as they are.
DECIDED = {"report_emergency", "shared_my_number"}
# A language name that is most of the message is a request for it ("English please").
LANGUAGE_REQUEST_SHARE = 0.5
# Meta intents DIET must read with at least this confidence, said with words of that intent.
META_CONFIDENCE = 0.6
META_SUPPORT = 0.5
# Intents whose own action is the answer even where a FAQ covers the same ground (the shelter
# search lists real sites; a resident asking for staff gets staff).
ACTION_FIRST = {"find_shelter": "disaster-nearest-shelter", "request_human": None,
                "share_location": None}
# Words in the vocabularies of this share of the intents say nothing about any one of them.
_COMMON_WORD_SHARE = 0.5


@dataclass(frozen=True)
class Decision:
    intent: Optional[str]
    confidence: float
    faq: Optional[Dict[str, Any]] = None


def faq_reading(match: FaqMatch) -> Dict[str, Any]:
    decision = {"answer": "answer", "suggest": "related", "unknown": "unknown"}[match.decision]
    return {"decision": decision, "faq_ids": [f.id for f in match.faqs],
            "confidence": round(match.confidence, 4)}


class IntentVocabulary:
    """The words each intent's training examples use, to tell whether a message is said with
    an intent's words at all."""

    def __init__(self, words: Dict[str, Set[str]]):
        self.words = words
        counts: Dict[str, int] = {}
        for vocabulary in words.values():
            for word in vocabulary:
                counts[word] = counts.get(word, 0) + 1
        self.common = {w for w, c in counts.items() if c >= _COMMON_WORD_SHARE * len(words)}

    @staticmethod
    def words_of(text: str) -> List[str]:
        return [t.lemma for t in tokenize_text(text) if any(ch.isalpha() for ch in t.lemma)]

    @classmethod
    def learn(cls, examples: Iterable[Tuple[str, str]]) -> "IntentVocabulary":
        words: Dict[str, Set[str]] = {}
        for intent, text in examples:
            words.setdefault(intent, set()).update(cls.words_of(text))
        return cls(words)

    def support(self, intent: str, words: Sequence[str], text: str = "") -> float:
        """Share of the message's telling words that the intent's examples use: 1.0 when its
        words are all everyday ones ("ok", "はい") or it is an emoji ("👍"), 0 when it has
        neither words nor emoji ("{{7*7}}", "12345")."""
        if not words:
            return 1.0 if any(unicodedata.category(ch) == "So" for ch in text) else 0.0
        telling = [w for w in words if w not in self.common]
        if not telling:
            return 1.0
        known = self.words.get(intent, set())
        return sum(w in known for w in telling) / len(telling)


def decide(text: str, intent: Optional[str], ranking: Sequence[Tuple[str, float]],
           match: FaqMatch, vocabulary: IntentVocabulary) -> Decision:
    """What the message is. `intent` is what the components before decided (None: no reading
    at all), `ranking` DIET's readings, best first."""
    if intent in DECIDED:
        return Decision(intent, 1.0)
    if intent is None and not ranking:  # punctuation alone: nothing to understand
        return Decision(FALLBACK, 0.0)
    requested, share = find_requested_language(text)
    if requested and share >= LANGUAGE_REQUEST_SHARE:
        return Decision(CHOOSE_LANGUAGE, 1.0)
    faq = faq_reading(match)
    words = vocabulary.words_of(text)
    for name, confidence in ranking:
        if name in (QUESTION, FALLBACK) or confidence < META_CONFIDENCE:
            break
        if name == CHOOSE_LANGUAGE and requested:  # a language named inside a question
            continue
        if vocabulary.support(name, words, text) < META_SUPPORT:
            continue  # DIET's guess, without the words that intent is said with
        if name in ACTION_FIRST:
            # The FAQs must see the same topic among their best matches ("best ramen near
            # the station" is no shelter search), and must not answer another one outright.
            covered_by = ACTION_FIRST[name]
            if covered_by is None or (match.candidates[:1] == [covered_by] and (
                    faq["decision"] != "answer" or faq["faq_ids"][0] == covered_by)):
                return Decision(name, confidence)
            break
        if faq["decision"] == "answer":
            break  # "こんにちは、転入届の期限は？": the question is what needs an answer
        return Decision(name, confidence)
    return Decision(QUESTION, faq["confidence"], faq)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class MessageDecider(GraphComponent, IntentClassifier):
    _FILE = "intent_vocabulary.json"

    def __init__(self, model_storage: ModelStorage, resource: Resource,
                 vocabulary: Optional[IntentVocabulary] = None):
        self._model_storage, self._resource = model_storage, resource
        self._vocabulary = vocabulary or IntentVocabulary({})

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "MessageDecider":
        return cls(model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "MessageDecider":
        with model_storage.read_from(resource) as directory:
            words = json.loads((directory / cls._FILE).read_text(encoding="utf-8"))
        served_knowledge()  # built as the model loads, not on a resident's first message
        return cls(model_storage, resource, IntentVocabulary({i: set(w) for i, w in words.items()}))

    def train(self, training_data: TrainingData) -> Resource:
        self._vocabulary = IntentVocabulary.learn(
            (m.get(INTENT), m.get(TEXT)) for m in training_data.intent_examples
            if m.get(INTENT) and m.get(TEXT))
        with self._model_storage.write_to(self._resource) as directory:
            (directory / self._FILE).write_text(json.dumps(
                {i: sorted(w) for i, w in self._vocabulary.words.items()}, ensure_ascii=False),
                encoding="utf-8")
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/"):  # a button's payload names its own intent
                continue
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            ranking = [(r[INTENT_NAME_KEY], r[PREDICTED_CONFIDENCE_KEY])
                       for r in message.get(INTENT_RANKING_KEY) or []]
            decision = decide(text, intent, ranking, self._match(text), self._vocabulary)
            self._apply(message, decision)
        return messages

    @staticmethod
    def _match(text: str) -> FaqMatch:
        snapshot = served_knowledge().snapshot
        return match_question(snapshot.index, snapshot.faqs, text, detect(text).language)

    @staticmethod
    def _apply(message: Message, decision: Decision) -> None:
        if decision.intent != (message.get(INTENT) or {}).get(INTENT_NAME_KEY):
            chosen = {INTENT_NAME_KEY: decision.intent,
                      PREDICTED_CONFIDENCE_KEY: decision.confidence}
            others = [r for r in message.get(INTENT_RANKING_KEY) or []
                      if r.get(INTENT_NAME_KEY) != decision.intent]
            message.set(INTENT, chosen, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [chosen] + others, add_to_output=True)
        if decision.faq is not None:
            message.set(FAQ_OUTPUT, decision.faq, add_to_output=True)
