"""Rasa component that tells the dialogue which language each message is written in.

It adds entities instead of setting the slot itself, because NLU components do not see the
conversation: domain.yml maps them to the `language` slot, and the action server keeps
やさしい日本語 when a Japanese message arrives (bot/rasa_runtime/language_slot.py).
- `language`: the language of the text, only when the text is decisive, so "OK", "119" or an
  emoji leave the conversation's language as it is;
- `requested_language`: a language the message names ("English please", "中文").
"""

from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.langid import detect
from bot.nlu.component_base import StatelessComponent

LANGUAGE_ENTITY = "language"
REQUESTED_LANGUAGE_ENTITY = "requested_language"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class LanguageDetector(StatelessComponent, EntityExtractorMixin):
    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if text:
                entities = self._entities(text)
                message.set(ENTITIES, message.get(ENTITIES, []) + entities, add_to_output=True)
        return messages

    def _entities(self, text: Text) -> List[Dict[Text, Any]]:
        detection = detect(text)
        found = []
        if detection.decisive and detection.language:
            found.append(self._entity(LANGUAGE_ENTITY, detection.language, text))
        if detection.requested:
            found.append(self._entity(REQUESTED_LANGUAGE_ENTITY, detection.requested, text))
        return self.add_extractor_name(found)

    @staticmethod
    def _entity(name: Text, value: Text, text: Text) -> Dict[Text, Any]:
        # The whole message is the evidence, so the entity spans all of it.
        return {"entity": name, "value": value, "start": 0, "end": len(text), "confidence": 1.0}
