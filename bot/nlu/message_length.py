"""Rasa NLU component, first in the pipeline: a message over the length limit is read only up
to the limit.

Every channel (REST, socket.io, LINE, the HTTP API) hands its messages to the NLU. Reading a
900,000-character message took 51 s and held up every other resident's reply meanwhile; over
1,000,000 characters spaCy fails and the resident got no reply at all. Here the reading is cut
to `max_characters` (config.yml) and the message marked with its length; the decider then
answers with a polite "please send it in shorter parts", unless what was read is an emergency.
The message itself stays whole in the conversation, and in a handoff's ticket.
"""

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.message_limits import TOO_LONG


# Registered as Rasa registers an untrained component that only looks at messages when they
# arrive (as bot.nlu.language_detector): a second tokenizer would be refused.
@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class MessageLengthLimit(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"max_characters": 2000}

    def __init__(self, config: Dict[Text, Any]):
        self.limit = int(config["max_characters"])

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "MessageLengthLimit":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if len(text) > self.limit:
                message.set(TEXT, text[:self.limit])
                message.set(TOO_LONG, {"length": len(text), "limit": self.limit},
                            add_to_output=True)
        return messages
