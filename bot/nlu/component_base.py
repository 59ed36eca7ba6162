"""What the project's own NLU components share.

`StatelessComponent`: Rasa builds every graph component through `create`; ours keep no
trained state, so each is simply constructed. `set_only_reading` and `set_aside_guess`: the
components that decide an intent themselves (an emergency, a masked My Number, punctuation
alone) replace DIET's reading, or drop DIET's guess of an intent only they may set.
"""

from typing import Any, Dict, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY,
)
from rasa.shared.nlu.training_data.message import Message


class StatelessComponent(GraphComponent):
    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls()


def set_only_reading(message: Message, intent_name: Optional[Text], confidence: float) -> None:
    """`intent_name` (None: no reading at all) as the message's one reading. With DIET's
    runner-up kept (say find_shelter at 0.95 for "津波だ"), the FallbackClassifier would call
    the top two ambiguous and answer nlu_fallback."""
    intent = {INTENT_NAME_KEY: intent_name, PREDICTED_CONFIDENCE_KEY: confidence}
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [intent] if intent_name else [], add_to_output=True)


def set_aside_guess(message: Message, intent_name: Text) -> None:
    """If DIET read `intent_name` (which only a component may decide), the next reading (or
    none) instead; the FallbackClassifier then judges its confidence."""
    if (message.get(INTENT) or {}).get(INTENT_NAME_KEY) != intent_name:
        return
    others = [r for r in message.get(INTENT_RANKING_KEY) or []
              if r.get(INTENT_NAME_KEY) != intent_name]
    unknown = {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0}
    message.set(INTENT, others[0] if others else unknown, add_to_output=True)
    message.set(INTENT_RANKING_KEY, others, add_to_output=True)
