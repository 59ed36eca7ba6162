"""A reply that names a button names it as the resident sees it, in every language: the web
widget's own labels (connectors/webchat/src/texts.json) and LINE's quick replies."""

import json

import pytest

from bot.actions.shelters import ask_location_reply, location_buttons
from bot.languages import LANGUAGES
from bot.paths import PROJECT_ROOT
from connectors.line_messages import to_line_messages

WIDGET_TEXTS = json.loads((PROJECT_ROOT / "connectors" / "webchat" / "src" / "texts.json")
                          .read_text(encoding="utf-8"))


def _widget_label(key, language):
    labels = next(texts[key] for texts in WIDGET_TEXTS.values()
                  if isinstance(texts, dict) and key in texts)
    return labels[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_asking_for_the_location_names_the_widgets_button_and_lines(language):
    label = _widget_label("shareLocation", language)
    assert label in ask_location_reply(language, "webchat")[0]
    [line] = to_line_messages([{"text": ask_location_reply(language, "line")[0],
                                "buttons": location_buttons(language, "line")}])
    [item] = line["quickReply"]["items"]
    assert item["action"] == {"type": "location", "label": label}
    assert label in line["text"]


def test_only_line_gets_a_location_button():
    assert location_buttons("en", "rest") == [] and location_buttons("en", "socketio") == []
