"""Rasa component that answers a message carrying a My Number with the warning first.

The number never reaches NLU: bot/rasa_runtime/personal_data.py masks it to `[個人番号]` when
the message arrives. Placed after the EmergencyClassifier and before the FallbackClassifier:
when the mask is in the text, the intent becomes `shared_my_number` with confidence 1.0 (the
only reading, so no fallback and no "did you mean"), unless an emergency was detected, which
still wins. DIET's own guess of `shared_my_number` without the mask is set aside.
"""

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.component_base import StatelessComponent, set_aside_guess, set_only_reading
from bot.nlu.emergency_classifier import EMERGENCY_INTENT
from bot.privacy.masking import MY_NUMBER_MASK

MY_NUMBER_INTENT = "shared_my_number"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class MyNumberClassifier(StatelessComponent, IntentClassifier):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent_name = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if intent_name == EMERGENCY_INTENT:
                continue
            if MY_NUMBER_MASK in (message.get(TEXT) or ""):
                set_only_reading(message, MY_NUMBER_INTENT, 1.0)
            else:
                set_aside_guess(message, MY_NUMBER_INTENT)
        return messages
