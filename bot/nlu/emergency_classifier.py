"""Rasa component that makes an emergency win over every other reading of a message.

Placed after DIET and before the FallbackClassifier: when bot.emergency detects a fire, a
collapse, someone trapped, a tsunami or a crime happening now, the intent becomes
`report_emergency` with confidence 1.0 (so no fallback, no "did you mean") and the entity
`emergency_kind` says which. The detector alone decides: DIET's own guess of
`report_emergency` (it learns the intent from the training examples) is set aside, so a
question about 119 never raises the alarm.
"""

from typing import List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.emergency import detect_emergency
from bot.emergency.situation_model import situation_model
from bot.nlu.component_base import StatelessComponent, set_aside_guess, set_only_reading

EMERGENCY_INTENT = "report_emergency"
EMERGENCY_KIND_ENTITY = "emergency_kind"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class EmergencyClassifier(StatelessComponent, IntentClassifier):
    def __init__(self) -> None:
        situation_model()  # loaded with the Rasa model, not on a resident's first message

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            emergency = detect_emergency(text) if text else None
            if emergency:
                self._raise_alarm(message, emergency.kind, text)
            else:
                set_aside_guess(message, EMERGENCY_INTENT)
        return messages

    @staticmethod
    def _raise_alarm(message: Message, kind: Text, text: Text) -> None:
        set_only_reading(message, EMERGENCY_INTENT, 1.0)
        entity = {"entity": EMERGENCY_KIND_ENTITY, "value": kind, "start": 0, "end": len(text),
                  "confidence": 1.0, "extractor": EmergencyClassifier.__name__}
        message.set(ENTITIES, message.get(ENTITIES, []) + [entity], add_to_output=True)
