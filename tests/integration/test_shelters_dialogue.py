"""The nearest evacuation sites over Rasa's REST webhook, in every language, against the real
servers: what a resident in a typhoon reads must be the right sites, in their language."""

import itertools
import json
import re

import pytest

from bot.actions.shelters import GSI_ATTRIBUTION, GSI_NATIONAL_SITES_URL
from bot.i18n import text
from bot.langid import detect
from bot.languages import LANGUAGES
from bot.shelters.municipalities import find_municipality
from bot.shelters.site_index import emergency_site_index

pytestmark = pytest.mark.server

_ids = itertools.count()
CHIBA_STATION = (35.6130, 140.1134)
CHOSHI_STATION = (35.7298, 140.8269)
OSAKA = (34.6937, 135.5023)
_NUMBER = re.compile(r"^\d+\. ")
_DISTANCE = re.compile(r"\s?[（(][^（()）]*\d k?m[)）]$")


def _sender(name: str) -> str:
    return f"test-shelters-{name}-{next(_ids)}"


def _texts(replies):
    return [r["text"] for r in replies if "text" in r]


def _location(point) -> str:
    return "/share_location" + json.dumps({"latitude": point[0], "longitude": point[1]})


def _choose(assistant, sender, language):
    assistant.say(sender, "/choose_language" + json.dumps({"language": language}))


def _site_names(texts):
    """Names of the listed sites, in order: entries "1. 名称（約390 m）\\n住所…\\n地図…"."""
    names = []
    for message in texts:
        for entry in message.split("\n\n"):
            first = entry.splitlines()[0] if entry else ""
            if _NUMBER.match(first):
                names.append(_DISTANCE.sub("", _NUMBER.sub("", first)))
    return names


def _expected_language(language):
    return "ja" if language == "ja-easy" else language


@pytest.mark.parametrize("language", LANGUAGES)
def test_shared_location_in_chiba_gives_the_three_nearest_sites(assistant, language):
    sender = _sender("nearest")
    _choose(assistant, sender, language)
    texts = _texts(assistant.say(sender, _location(CHIBA_STATION)))
    expected = emergency_site_index().nearest(*CHIBA_STATION, hazard=None, top=3)
    assert _site_names(texts) == [n.site.name for n in expected]
    assert texts[0] == text("shelters_nearest_general", language)
    assert detect(texts[0]).language == _expected_language(language)
    assert any(GSI_ATTRIBUTION in t for t in texts)
    for nearby in expected:
        assert any(nearby.site.address in t for t in texts)
        assert any(f"query={nearby.site.latitude},{nearby.site.longitude}" in t for t in texts)
    assert assistant.slots(sender)["language"] == language


@pytest.mark.parametrize("language, question", [
    ("ja", "近くの避難所は？"), ("en", "where is the nearest shelter"),
    ("zh", "最近的避难所在哪里"), ("ko", "가까운 대피소"), ("vi", "nơi lánh nạn gần nhất"),
])
def test_a_shelter_question_without_location_asks_for_it(assistant, language, question):
    sender = _sender("ask")
    texts = _texts(assistant.say(sender, question))
    assert len(texts) == 1
    assert texts[0].startswith(text("shelters_ask_location", language,
                                    button=text("button_share_location", language)))
    assert '/share_location{"latitude": ' in texts[0]  # the REST channel's way to send it
    assert assistant.slots(sender)["language"] == language


def test_a_hazard_named_first_applies_to_the_location_sent_next(assistant):
    sender = _sender("tsunami")
    texts = _texts(assistant.say(sender, "津波の避難場所を教えて"))
    assert texts[0].startswith(text("shelters_ask_location", "ja",
                                    button=text("button_share_location", "ja")))
    assert assistant.slots(sender)["hazard"] == "tsunami"
    texts = _texts(assistant.say(sender, _location(CHOSHI_STATION)))
    expected = emergency_site_index().nearest(*CHOSHI_STATION, hazard="tsunami", top=3)
    assert _site_names(texts) == [n.site.name for n in expected]
    assert all("tsunami" in n.site.hazards for n in expected)
    assert text("hazard_tsunami", "ja") in texts[0]
    assert any(GSI_ATTRIBUTION in t for t in texts)


@pytest.mark.parametrize("language, question, hazard", [
    ("en", "flood evacuation site", "flood"),
    ("ko", "지진 대피 장소 알려주세요", "earthquake"),
    ("vi", "nơi sơ tán khi có sóng thần", "tsunami"),
    ("zh", "海啸避难场所在哪里", "tsunami"),
])
def test_hazard_questions_in_other_languages(assistant, language, question, hazard):
    sender = _sender("hazard")
    assistant.say(sender, question)
    assert assistant.slots(sender)["hazard"] == hazard
    texts = _texts(assistant.say(sender, _location(CHIBA_STATION)))
    expected = emergency_site_index().nearest(*CHIBA_STATION, hazard=hazard, top=3)
    assert _site_names(texts) == [n.site.name for n in expected]
    assert detect(texts[0]).language == language
    assert any(GSI_ATTRIBUTION in t for t in texts)


def test_a_named_municipality_lists_its_sites(assistant):
    sender = _sender("ichikawa")
    texts = _texts(assistant.say(sender, "市川市の避難所"))
    ichikawa = find_municipality("市川市")
    own = [s.name for s in emergency_site_index().sites if s.municipality_code == ichikawa.code]
    names = _site_names(texts)
    assert len(names) == 5 and set(names) <= set(own)
    assert "市川市" in texts[0]
    assert any(GSI_ATTRIBUTION in t for t in texts)


def test_a_location_outside_chiba_points_to_gsi(assistant):
    sender = _sender("osaka")
    _choose(assistant, sender, "en")
    texts = _texts(assistant.say(sender, _location(OSAKA)))
    assert texts == [text("shelters_outside_chiba", "en", url=GSI_NATIONAL_SITES_URL)]
    assert _site_names(texts) == []
    assert detect(texts[0]).language == "en"
