"""Every text the action server composes exists in every language, with the same blanks."""

import string

import pytest

from bot.i18n import text
from bot.i18n.catalog import messages
from bot.langid import detect
from bot.languages import LANGUAGES


def _placeholders(template: str) -> set:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(messages()))
def test_all_languages_with_the_same_placeholders(key):
    variants = messages()[key]
    assert sorted(variants) == sorted(LANGUAGES), key
    assert all(v.strip() for v in variants.values()), key
    assert len({frozenset(_placeholders(v)) for v in variants.values()}) == 1, key


@pytest.mark.parametrize("key", sorted(messages()))
def test_each_variant_is_written_in_its_language(key):
    for language, template in messages()[key].items():
        filled = template.format(**{name: "" for name in _placeholders(template)})
        if sum(ch.isalpha() for ch in filled) < 4:  # "👍 Yes" says little
            continue
        expected = "ja" if language == "ja-easy" else language
        assert detect(filled).language == expected, (key, language, filled)


def test_text_fills_placeholders_and_falls_back_to_japanese_for_unknown_codes():
    assert text("faq_source", "en", url="https://x.jp") == "More details (source): https://x.jp"
    assert text("faq_source", "fr", url="https://x.jp").startswith("詳しく")
