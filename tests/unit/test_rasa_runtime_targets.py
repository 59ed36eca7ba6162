"""bot/rasa_runtime refuses to start a Rasa whose internals it cannot adjust."""

import pytest
import rasa

from bot import rasa_runtime
from bot.rasa_runtime import UnsupportedRasa, check_targets


def test_the_installed_rasa_has_every_target():
    check_targets(rasa.__version__)


def test_another_rasa_version_is_refused():
    with pytest.raises(UnsupportedRasa, match="refusing to start"):
        check_targets("3.7.0")


def test_a_missing_target_is_refused(monkeypatch):
    monkeypatch.setattr(rasa_runtime, "TARGETS",
                        rasa_runtime.TARGETS + [("rasa.core.processor", "MessageProcessor.gone")])
    with pytest.raises(UnsupportedRasa, match="MessageProcessor.gone"):
        check_targets(rasa.__version__)
