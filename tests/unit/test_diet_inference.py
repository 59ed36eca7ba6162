"""DIET called through its concrete graph understands messages exactly as Rasa's own call does:
the same intents, confidences and entities, for messages of every length and language."""

import pytest
from rasa.core.agent import Agent
from rasa.shared.nlu.training_data.loading import load_data
from rasa.utils.tensorflow.models import RasaModel

from bot.model_store import ensure_model
from bot.rasa_runtime import diet_inference
from tests.conftest import PROJECT_ROOT


def _held_out_messages() -> list:
    texts = []
    for language in ("ja", "en", "zh", "ko", "vi"):
        examples = load_data(str(PROJECT_ROOT / "tests" / "nlu" / f"holdout_{language}.yml"))
        texts += [example.get("text") for example in examples.intent_examples[::25]]
    return texts + ["a", "住所変更 " * 60]  # the shortest and a long one


async def _understood(agent: Agent, texts: list) -> list:
    return [await agent.parse_message(text) for text in texts]


@pytest.mark.server
async def test_the_same_understanding_as_rasas_own_call(monkeypatch):
    monkeypatch.setattr(RasaModel, "_rasa_predict", diet_inference.rasas_predict)
    agent = Agent.load(str(ensure_model(quiet=True)))
    texts = _held_out_messages()
    assert len(texts) >= 20
    expected = await _understood(agent, texts)

    diet_inference.install()
    first = await _understood(agent, texts)  # the first call swaps in the concrete graph
    models = [node._component.model
              for node in agent.processor.graph_runner._instantiated_nodes.values()
              if isinstance(getattr(getattr(node, "_component", None), "model", None),
                            RasaModel)]
    assert models and all(type(model._tf_predict_step).__name__ == "ConcreteFunction"
                          for model in models)
    assert first == expected
    assert await _understood(agent, texts) == expected
    assert {parsed["intent"]["name"] for parsed in expected} >= {"ask_question", "greet"}
