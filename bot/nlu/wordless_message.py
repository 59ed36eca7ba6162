"""Rasa component: a message of punctuation alone ("。。。", "？？？", "...") is not understood.

DIET always picks some intent, and on text with no word at all its confidence means nothing
("？？？" came out as bot_challenge at 0.99, "。。。" as affirm). Placed before the
FallbackClassifier: such a message gets no intent (confidence 0), so the fallback answers it
with the polite "please write it again" and, twice in a row, a member of staff. Emoji and
other symbols ("👍") are left to DIET: they do carry a meaning.
"""

from typing import List
import unicodedata

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.component_base import StatelessComponent, set_only_reading


def is_wordless(text: str) -> bool:
    """Only punctuation and spaces (Unicode categories P* and Z*, and control characters)."""
    stripped = text.strip()
    return bool(stripped) and not stripped.startswith("/") and all(
        unicodedata.category(ch)[0] in "PZC" for ch in stripped)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class WordlessMessageClassifier(StatelessComponent, IntentClassifier):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if is_wordless(message.get(TEXT) or ""):
                set_only_reading(message, None, 0.0)
        return messages
