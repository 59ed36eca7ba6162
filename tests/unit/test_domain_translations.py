"""Every user-visible text exists in every supported language (DESIGN.md)."""

import pytest
import yaml

from bot.languages import LANGUAGES
from tests.conftest import PROJECT_ROOT

DOMAIN = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
RESPONSES = DOMAIN["responses"]


def _language_of(variation):
    conditions = variation.get("condition") or []
    languages = [c["value"] for c in conditions if c["type"] == "slot" and c["name"] == "language"]
    return languages[0] if languages else None


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_each_response_has_one_variation_per_language_and_a_default(name):
    languages = [_language_of(v) for v in RESPONSES[name]]
    assert sorted(filter(None, languages)) == sorted(LANGUAGES), name
    assert languages.count(None) == 1, f"{name} needs exactly one default variation"


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_variations_have_text_and_the_same_buttons(name):
    payloads = set()
    for variation in RESPONSES[name]:
        assert variation.get("text", "").strip(), f"{name}/{_language_of(variation)} is empty"
        payloads.add(tuple(b["payload"] for b in variation.get("buttons", [])))
    assert len(payloads) == 1, f"{name}: buttons differ between languages"


def test_default_variation_is_the_japanese_text():
    for name, variations in RESPONSES.items():
        by_language = {_language_of(v): v["text"] for v in variations}
        assert by_language[None] == by_language["ja"], name


def test_language_slot_offers_exactly_the_supported_languages():
    assert DOMAIN["slots"]["language"]["values"] == list(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_texts_are_written_in_their_language(language):
    """A copy-pasted English text under `ko` would pass the structure checks above."""
    from bot.langid import detect

    expected = "ja" if language == "ja-easy" else language
    for name, variations in RESPONSES.items():
        text = next(v["text"] for v in variations if _language_of(v) == language)
        assert detect(text).language == expected, f"{name}/{language}: {text!r}"
