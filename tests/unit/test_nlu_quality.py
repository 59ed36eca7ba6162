"""Intent recognition on messages the model never saw, per language (target macro-F1 ≥ 0.90)."""

import pytest

from bot.model_store import ensure_model
from bot.nlu.evaluation import evaluate
from tests.conftest import PROJECT_ROOT


@pytest.mark.server
def test_intent_macro_f1_per_language_on_the_held_out_set():
    results = evaluate(PROJECT_ROOT / "tests" / "nlu", ensure_model(quiet=True))
    assert set(results) == {"ja", "en", "zh", "ko", "vi"}
    for language, result in results.items():
        assert result["n"] >= 100, language
        assert result["macro_f1"] >= 0.90, (language, result["errors"])
