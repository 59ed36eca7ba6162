"""Rasa component: a message of punctuation alone ("。。。", "？？？", "...") is not understood.

DIET always picks some intent, and on text with no word at all its confidence means nothing
("？？？" came out as bot_challenge at 0.99, "。。。" as affirm). Placed before the
FallbackClassifier: such a message gets no intent (confidence 0), so the fallback answers it
with the polite "please write it again" and, twice in a row, a member of staff. Emoji and
other symbols ("👍") are left to DIET: they do carry a meaning.
"""

from typing import Any, Dict, List, Text
import unicodedata

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import (
    INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT,
)
from rasa.shared.nlu.training_data.message import Message


def is_wordless(text: str) -> bool:
    """Only punctuation and spaces (Unicode categories P* and Z*, and control characters)."""
    stripped = text.strip()
    return bool(stripped) and not stripped.startswith("/") and all(
        unicodedata.category(ch)[0] in "PZC" for ch in stripped)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class WordlessMessageClassifier(GraphComponent, IntentClassifier):
    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "WordlessMessageClassifier":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if is_wordless(message.get(TEXT) or ""):
                message.set(INTENT, {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0},
                            add_to_output=True)
                message.set(INTENT_RANKING_KEY, [], add_to_output=True)
        return messages
