"""Rasa component that answers a message carrying a My Number with the warning first.

The number never reaches NLU: bot/rasa_runtime/personal_data.py masks it to `[個人番号]` when
the message arrives. Placed after the EmergencyClassifier and before the FallbackClassifier:
when the mask is in the text, the intent becomes `shared_my_number` with confidence 1.0 (the
only reading, so no fallback and no "did you mean"), unless an emergency was detected, which
still wins. DIET's own guess of `shared_my_number` without the mask is set aside.
"""

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import (
    INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.emergency_classifier import EMERGENCY_INTENT
from bot.privacy.masking import MY_NUMBER_MASK

MY_NUMBER_INTENT = "shared_my_number"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class MyNumberClassifier(GraphComponent, IntentClassifier):
    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "MyNumberClassifier":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent_name = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if intent_name == EMERGENCY_INTENT:
                continue
            if MY_NUMBER_MASK in (message.get(TEXT) or ""):
                intent = {INTENT_NAME_KEY: MY_NUMBER_INTENT, PREDICTED_CONFIDENCE_KEY: 1.0}
                message.set(INTENT, intent, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [intent], add_to_output=True)
            elif intent_name == MY_NUMBER_INTENT:
                self._set_aside_guess(message)
        return messages

    @staticmethod
    def _set_aside_guess(message: Message) -> None:
        ranking = [r for r in message.get(INTENT_RANKING_KEY) or []
                   if r.get(INTENT_NAME_KEY) != MY_NUMBER_INTENT]
        # The next reading (or none); the FallbackClassifier then judges its confidence.
        unknown = {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0}
        message.set(INTENT, ranking[0] if ranking else unknown, add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
