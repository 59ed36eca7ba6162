"""The chat widget's own UI texts (connectors/webchat/src/texts.json) in all six languages."""

import json
import string

import pytest

from bot.langid import detect
from bot.languages import LANGUAGES
from tests.conftest import PROJECT_ROOT

WIDGET_TEXTS = json.loads(
    (PROJECT_ROOT / "connectors/webchat/src/texts.json").read_text(encoding="utf-8"))
TEXTS = WIDGET_TEXTS["texts"]


def _placeholders(template: str) -> set:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_the_language_picker_names_every_language_in_itself():
    assert list(WIDGET_TEXTS["languages"]) == list(LANGUAGES)


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_text_in_every_language_with_the_same_blanks(key):
    assert sorted(TEXTS[key]) == sorted(LANGUAGES), key
    assert all(variant.strip() for variant in TEXTS[key].values()), key
    assert len({frozenset(_placeholders(v)) for v in TEXTS[key].values()}) == 1, key


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_each_variant_is_written_in_its_language(key):
    for language, template in TEXTS[key].items():
        filled = template.format(**{name: "" for name in _placeholders(template)})
        if sum(ch.isalpha() for ch in filled) < 4:  # "Send", "送信" say too little
            continue
        expected = "ja" if language == "ja-easy" else language
        assert detect(filled).language == expected, (key, language, filled)
