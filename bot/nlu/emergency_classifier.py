"""Rasa component that makes an emergency win over every other reading of a message.

Placed after DIET and before the FallbackClassifier: when bot.emergency detects a fire, a
collapse, someone trapped, a tsunami or a crime happening now, the intent becomes
`report_emergency` with confidence 1.0 (so no fallback, no "did you mean") and the entity
`emergency_kind` says which. The detector alone decides: DIET's own guess of
`report_emergency` (it learns the intent from the training examples) is set aside, so a
question about 119 never raises the alarm.
"""

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.emergency import detect_emergency

EMERGENCY_INTENT = "report_emergency"
EMERGENCY_KIND_ENTITY = "emergency_kind"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class EmergencyClassifier(GraphComponent, IntentClassifier):
    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "EmergencyClassifier":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            emergency = detect_emergency(text) if text else None
            if emergency:
                self._raise_alarm(message, emergency.kind, text)
            else:
                self._set_aside_emergency_guess(message)
        return messages

    @staticmethod
    def _raise_alarm(message: Message, kind: Text, text: Text) -> None:
        intent = {INTENT_NAME_KEY: EMERGENCY_INTENT, PREDICTED_CONFIDENCE_KEY: 1.0}
        message.set(INTENT, intent, add_to_output=True)
        # The only reading: with DIET's runner-up kept (say find_shelter at 0.95 for "津波だ"),
        # the FallbackClassifier would call the top two ambiguous and answer nlu_fallback.
        message.set(INTENT_RANKING_KEY, [intent], add_to_output=True)
        entity = {"entity": EMERGENCY_KIND_ENTITY, "value": kind, "start": 0, "end": len(text),
                  "confidence": 1.0, "extractor": EmergencyClassifier.__name__}
        message.set(ENTITIES, message.get(ENTITIES, []) + [entity], add_to_output=True)

    @staticmethod
    def _set_aside_emergency_guess(message: Message) -> None:
        if (message.get(INTENT) or {}).get(INTENT_NAME_KEY) != EMERGENCY_INTENT:
            return
        ranking = message.get(INTENT_RANKING_KEY) or []
        others = [r for r in ranking if r.get(INTENT_NAME_KEY) != EMERGENCY_INTENT]
        # The next reading (or none); the FallbackClassifier then judges its confidence.
        unknown = {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0}
        message.set(INTENT, others[0] if others else unknown, add_to_output=True)
        message.set(INTENT_RANKING_KEY, others, add_to_output=True)
