"""Rasa NLU component: one decision per message, taken from every reading of it.

Last in the pipeline. It sees DIET's intent ranking, what the emergency, My Number and
punctuation components decided, the language the message names, and the curated FAQs' best
matches with their calibrated confidence (the same knowledge/ the action server answers from,
reloaded on edits). It decides:

- an emergency, a My Number warning, punctuation alone: already decided, kept; a My Number
  with a question beside it ("my number is …, is my card still valid?") carries the FAQ
  decision of the rest of the message, so the warning is followed by its answer;
- a message over the length limit (bot.nlu.message_length): a question, whatever was read of
  it, unless that is an emergency; action_answer_faq sees the mark and asks for shorter parts;
- `choose_language` only for a request ("English please", "中文で", the picker's button): a
  language named inside a question ("a doctor who speaks Vietnamese") is part of the question;
- a meta intent (greet, thanks, help, alerts, the phrase card, a shelter search, staff…) when
  DIET reads it with confidence and the message is about that: it has words of that intent
  (its training examples' vocabulary; DIET guesses some intent for anything, "{{7*7}}"
  included), and mostly such words unless the FAQs know nothing of the rest ("hi, I just
  moved here, what do I do at city hall?" is a question);
- everything else is a question (`ask_question`), with the FAQ decision attached as `faq`
  (`answer`, `related` or `unknown`, the FAQ ids, the confidence) for action_answer_faq to
  carry out, so the answer is the one decided here.

A component rather than a policy: what a message *is* does not depend on the dialogue, and as
the NLU's last word it reaches the rules, the tracker store and the evaluation like any intent.
"""

from dataclasses import dataclass
import json
import re
import unicodedata
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Text, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, \
    PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.emergency.lexicon import fold
from bot.knowledge.faq_search import FAQ_OUTPUT, FaqMatch, match_question
from bot.knowledge.served import served_knowledge
from bot.langid import detect
from bot.langid.language_requests import find_requested_language, names_a_language
from bot.message_limits import TOO_LONG
from bot.privacy.masking import MY_NUMBER_MASK, MY_NUMBER_WORDS

QUESTION, FALLBACK, CHOOSE_LANGUAGE = "ask_question", "nlu_fallback", "choose_language"
# Decided before this component; kept as they are.
EMERGENCY, MY_NUMBER = "report_emergency", "shared_my_number"
DECIDED = {EMERGENCY, MY_NUMBER}
# Beside a (masked) My Number, the rest of the message is a question when, without the words for
# My Number in any language, it has this many telling pieces that "here is my number" is not
# written with, or this many words ("私のマイナンバーは…です。住民票は取れますか", "my number
# is … and I lost my card"; not "わたしの マイナンバーは … です", "mã số cá nhân của tôi là …").
MY_NUMBER_REST_PIECES = 3
MY_NUMBER_REST_WORDS = 5
_CLAUSE_END = re.compile(r"[。．.!?！？,，、\n]")
# A language name that, with the words of a request, is most of the message is a request for
# it ("English please", "日本語でお願いします").
LANGUAGE_REQUEST_SHARE = 0.5
# Meta intents DIET must read with at least this confidence. Said with hardly any of that
# intent's words (a share below META_SUPPORT; on the held-out NLU set 6 % of meta messages,
# of residents' questions in the blind set's tuning half 2–21 %), the message is a question
# when a FAQ answers it, or when the FAQs know something of it and it says more than a meta
# message's few words ("マイナカード なくした とめたい でんわ ある？").
META_CONFIDENCE = 0.55  # the FallbackClassifier threshold this component replaced
META_SUPPORT = 0.3
QUESTION_PIECES = 12
# Against a FAQ's sure answer, the meta reading needs at least half the message's words
# ("こんにちは、住民票はどこで取れますか" is a question).
DOMINANT_SUPPORT = 0.5
# The intents that change something (the language, alert subscriptions) need half the
# message's words to be theirs, and DIET sure, when a FAQ answers the message: a question
# about alert levels subscribes nobody. A language named inside a question ("a doctor who
# speaks Vietnamese", "I don't speak Japanese, is there…") needs more than half the words,
# whatever the FAQs say.
ACTION_SUPPORT = 0.5
ACTIONS = {CHOOSE_LANGUAGE, "subscribe_alerts", "unsubscribe_alerts"}
# "Anything else" has no vocabulary of its own: DIET's reading stands unless a FAQ answers
# and DIET is not sure ("will it rain tomorrow" shares its words with the heavy-rain FAQ).
OPEN_VOCABULARY = {"out_of_scope"}
SURE = 0.9
# Intents whose own action answers what a FAQ answers, better (the shelter search lists the
# real sites, the phrase card the sentences to say): where that FAQ is the answer, the action
# gives it. They need that FAQ among the FAQs' matches ("{{7*7}}" asks for no phrase card), and
# the best match of its topic ("what does alert level 4 mean" matches the 110 FAQ third, after
# two disaster FAQs); a shelter search needs it first unless a hazard is named ("best ramen
# near the station", "can I bring my cat to the shelter" are no shelter searches; "tsunami
# evacuation site" is one). A search said in its own words, surely, naming a hazard, needs no FAQ
# when none answers ("nhà em ở Ichikawa, có động đất thì lánh nạn ở đâu ạ").
ANSWERED_BY_ACTION = {"find_shelter": ("disaster-nearest-shelter",),
                      "ask_emergency_phrases": ("medical-how-to-call-119", "medical-police-110")}
FIRST_UNLESS_A_HAZARD = {"find_shelter"}
HAZARD_ENTITY = "hazard"
# "What is the number for the fire brigade?" must show the number whatever else DIET reads
# ("help"): when the FAQs' best match, a sure one, is about an emergency number, a message not
# mostly in a meta intent's words is a question (the FAQ action shows 119/110 first), unless
# it asks for the phrase card, which shows them. (Chit-chat often matches these FAQs, unsurely,
# and sometimes surely: "혹시 로봇이야?".) The help and topic menus and "anything else" never
# show a number, so they lose to such a match even when said in their own words ("whats the
# number … here").
EMERGENCY_NUMBER_FAQS = ("medical-ambulance-number", "medical-fire-119", "medical-police-110")
NUMBERLESS_READINGS = {"help", "ask_topic", "out_of_scope"}
# Replies that answer nothing (a greeting back, "ok, ask me anytime", the menus): a message
# less than half in their words is one of them only when short, in telling pieces or in words
# ("ㅁㄴㅇㄹ ㅋㅋㅋ asdfgh" is no "yes", "di lanh nan mang theo meo dc ko a, e ko bo no o nha
# dc" no "no", "ネパール ご で せつめい できますか？ こくほ の こと わからない" no call for the
# menu, whatever the FAQs know of them). Short ones stay, "asdfgh jjjj hihi" too: taking short
# messages hardly in their words for questions, or letting the FAQs' sure suggestion win over
# short chit-chat ("确实"), lowered Korean and Chinese intent F1 below 0.90.
NO_ANSWER_READINGS = {"greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "help",
                      "ask_topic"}
QUESTION_WORDS = 8
# Pieces in the vocabularies of this share of the intents say nothing about any one of them.
_COMMON_SHARE = 0.5
_LETTER_RUN = re.compile(r"[^\W\d_]+")


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
    """What each intent's training examples are written with, to tell whether a message is
    said with an intent's words at all: character pairs of their words (folded: full-width,
    case, Traditional Chinese), which hold across Korean endings, Japanese okurigana and
    typos where whole words would not."""

    def __init__(self, pieces: Dict[str, Set[str]]):
        self.pieces = pieces
        counts: Dict[str, int] = {}
        for vocabulary in pieces.values():
            for piece in vocabulary:
                counts[piece] = counts.get(piece, 0) + 1
        self.common = {p for p, c in counts.items() if c >= _COMMON_SHARE * len(pieces)}

    @staticmethod
    def pieces_of(text: str) -> Set[str]:
        return {f" {run} "[i:i + 2] for run in _LETTER_RUN.findall(fold(text))
                for i in range(len(run) + 1)}

    @classmethod
    def learn(cls, examples: Iterable[Tuple[str, str]]) -> "IntentVocabulary":
        pieces: Dict[str, Set[str]] = {}
        for intent, text in examples:
            pieces.setdefault(intent, set()).update(cls.pieces_of(text))
        return cls(pieces)

    def telling(self, text: str) -> Set[str]:
        return self.pieces_of(text) - self.common

    def support(self, intent: str, text: str) -> float:
        """Share of the message's telling pieces that the intent's examples use. A message of
        everyday words only ("ok", "はい") or an emoji ("👍") supports any intent; one of
        symbols and digits with no telling word ("{{7*7}}", "1' OR '1'='1") none."""
        telling = self.telling(text)
        if not telling:
            return 1.0 if _mostly_letters(text) or _has_emoji(text) else 0.0
        return len(telling & self.pieces.get(intent, set())) / len(telling)


def _mostly_letters(text: str) -> bool:
    visible = [ch for ch in text if not ch.isspace()]
    return bool(visible) and sum(ch.isalpha() for ch in visible) >= 0.5 * len(visible)


def _has_emoji(text: str) -> bool:
    return any(unicodedata.category(ch) == "So" for ch in text)


def _finds(faq_ids: Sequence[str], match: FaqMatch, first_only: bool) -> bool:
    found = [i for i, faq_id in enumerate(match.candidates) if faq_id in faq_ids]
    if not found:
        return False
    if first_only:
        return found[0] == 0
    return match.categories[found[0]] == match.categories[0]


def _asks_more(rest: str, vocabulary: IntentVocabulary) -> bool:
    """Whether what a message says besides its My Number is more than "here is my number"."""
    pieces = vocabulary.telling(rest) - vocabulary.pieces.get(MY_NUMBER, set())
    return (len(pieces) >= MY_NUMBER_REST_PIECES
            or len(_LETTER_RUN.findall(rest)) >= MY_NUMBER_REST_WORDS)


def without_my_number(text: str) -> str:
    """The message without the clause that holds its (masked) My Number, when it says more
    ("マイナンバーは…です。カードをなくしました" is asked as "カードをなくしました"), else
    without the mask: what the FAQs are searched with."""
    if MY_NUMBER_MASK not in text:
        return text
    rest = [clause for clause in _CLAUSE_END.split(text)
            if clause.strip() and MY_NUMBER_MASK not in clause]
    return " ".join(rest) if rest else text.replace(MY_NUMBER_MASK, " ")


def _changes_something(intent: str, confidence: float, support: float, faq: Dict[str, Any],
                       language_named: bool) -> bool:
    if intent == CHOOSE_LANGUAGE and language_named and support <= ACTION_SUPPORT:
        return False
    if faq["decision"] == "answer":
        return support >= ACTION_SUPPORT and confidence >= SURE
    return True


def decide(text: str, intent: Optional[str], ranking: Sequence[Tuple[str, float]],
           match: FaqMatch, vocabulary: IntentVocabulary, names_a_hazard: bool = False
           ) -> Decision:
    """What the message is. `intent` is what the components before decided (None: no reading
    at all), `ranking` DIET's readings, best first; `names_a_hazard`: DIET found a hazard
    ("tsunami evacuation site")."""
    if intent == MY_NUMBER and _asks_more(MY_NUMBER_WORDS.sub(" ", text), vocabulary):
        return Decision(intent, 1.0, faq_reading(match))
    if intent in DECIDED:
        return Decision(intent, 1.0)
    if intent is None and not ranking:  # punctuation alone: nothing to understand
        return Decision(FALLBACK, 0.0)
    requested, share = find_requested_language(text)
    if requested and share >= LANGUAGE_REQUEST_SHARE:
        return Decision(CHOOSE_LANGUAGE, 1.0)
    faq = faq_reading(match)
    best = match.candidates[0] if match.candidates else None
    asks_for_a_number = (match.decision != "unknown" and match.confidence >= SURE
                         and best in EMERGENCY_NUMBER_FAQS)
    for name, confidence in ranking:
        if name in (QUESTION, FALLBACK) or confidence < META_CONFIDENCE:
            break
        support = vocabulary.support(name, text)
        if support == 0 and not _mostly_letters(text):
            continue  # DIET's guess on symbols and digits ("{{7*7}}")
        if name in ACTIONS and not _changes_something(name, confidence, support, faq,
                                                      names_a_language(text)):
            continue
        if asks_for_a_number and name != "ask_emergency_phrases" and (
                support < DOMINANT_SUPPORT or name in NUMBERLESS_READINGS):
            break
        its_faqs = ANSWERED_BY_ACTION.get(name)
        if its_faqs and not _finds(its_faqs, match,
                                   name in FIRST_UNLESS_A_HAZARD and not names_a_hazard) and not (
                name in FIRST_UNLESS_A_HAZARD and names_a_hazard and confidence >= SURE
                and support >= DOMINANT_SUPPORT and faq["decision"] != "answer"):
            break
        if its_faqs and faq["decision"] == "answer" and faq["faq_ids"][0] in its_faqs:
            return Decision(name, confidence)
        if faq["decision"] == "answer" and (
                support < DOMINANT_SUPPORT if name not in OPEN_VOCABULARY else confidence < SURE):
            break  # other words as well, and a FAQ answers them: the question needs the answer
        pieces = len(vocabulary.telling(text))
        if (faq["decision"] == "related" and name not in OPEN_VOCABULARY
                and support < META_SUPPORT and pieces >= QUESTION_PIECES):
            break
        if name in NO_ANSWER_READINGS and support < DOMINANT_SUPPORT and (
                pieces >= QUESTION_PIECES or len(_LETTER_RUN.findall(text)) >= QUESTION_WORDS):
            break
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
            pieces = json.loads((directory / cls._FILE).read_text(encoding="utf-8"))
        served_knowledge()  # built as the model loads, not on a resident's first message
        return cls(model_storage, resource,
                   IntentVocabulary({i: set(p) for i, p in pieces.items()}))

    def train(self, training_data: TrainingData) -> Resource:
        self._vocabulary = IntentVocabulary.learn(
            (m.get(INTENT), m.get(TEXT)) for m in training_data.intent_examples
            if m.get(INTENT) and m.get(TEXT))
        with self._model_storage.write_to(self._resource) as directory:
            (directory / self._FILE).write_text(json.dumps(
                {i: sorted(p) for i, p in self._vocabulary.pieces.items()}, ensure_ascii=False),
                encoding="utf-8")
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/"):  # a button's payload names its own intent
                continue
            text = without_my_number(text)
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if message.get(TOO_LONG) and intent != EMERGENCY:
                self._apply(message, Decision(QUESTION, 1.0))
                continue
            ranking = [(r[INTENT_NAME_KEY], r[PREDICTED_CONFIDENCE_KEY])
                       for r in message.get(INTENT_RANKING_KEY) or []]
            hazard = any(e.get("entity") == HAZARD_ENTITY for e in message.get(ENTITIES) or [])
            decision = decide(text, intent, ranking, self._match(text), self._vocabulary, hazard)
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
