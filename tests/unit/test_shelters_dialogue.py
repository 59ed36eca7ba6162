"""Replies of action_nearest_sites, composed without Rasa: what a resident reads."""

import re

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
import yaml

from bot.actions.shelters import (GSI_ATTRIBUTION, GSI_NATIONAL_SITES_URL, HAZARDS,
                                  ActionNearestSites, ask_location_reply, format_distance, hazard_in,
                                  location_from, map_url, municipality_sites_reply,
                                  nearest_sites_reply)
from bot.i18n import text
from bot.langid import detect
from bot.languages import LANGUAGES
from bot.shelters.municipalities import find_municipality
from bot.shelters.site_index import emergency_site_index
from tests.conftest import PROJECT_ROOT

CHIBA_STATION = (35.6130, 140.1134)
CHOSHI_STATION = (35.7298, 140.8269)  # on the Pacific coast
OSAKA = (34.6937, 135.5023)
_NUMBER = re.compile(r"^\d+\. ")
_DISTANCE = re.compile(r"\s?[（(][^（()）]*\d k?m[)）]$")


def _names_in(listing: str) -> list:
    """The site names of a listing, in order ("1. 弁天小学校（約390 m）" → 弁天小学校)."""
    names = []
    for entry in listing.split("\n\n"):
        first_line = entry.splitlines()[0]
        names.append(_DISTANCE.sub("", _NUMBER.sub("", first_line)))
    return names


@pytest.mark.parametrize("metres, shown", [
    (0, "10 m"), (4, "10 m"), (347, "350 m"), (994, "990 m"), (995, "1.0 km"),
    (1249, "1.2 km"), (15_360, "15.4 km"),
])
def test_distances_read_in_metres_under_a_kilometre_then_in_kilometres(metres, shown):
    assert format_distance(metres) == shown


def test_map_link_points_at_the_site():
    assert map_url(35.616491, 140.112619) == \
        "https://www.google.com/maps/search/?api=1&query=35.616491,140.112619"


@pytest.mark.parametrize("language", LANGUAGES)
def test_nearest_sites_without_hazard_are_for_general_use_with_attribution(language):
    intro, listing, source = nearest_sites_reply(*CHIBA_STATION, None, language)
    expected = emergency_site_index().nearest(*CHIBA_STATION, hazard=None, top=3)
    assert intro == text("shelters_nearest_general", language)
    entries = listing.split("\n\n")
    assert len(entries) == 3
    for number, (entry, nearby) in enumerate(zip(entries, expected), 1):
        site = nearby.site
        assert entry.startswith(f"{number}. {site.name}")
        assert site.address in entry
        assert format_distance(nearby.distance_m) in entry
        assert map_url(site.latitude, site.longitude) in entry
    assert GSI_ATTRIBUTION in source
    expected_language = "ja" if language == "ja-easy" else language
    assert detect(intro).language == expected_language


@pytest.mark.parametrize("hazard", HAZARDS)
def test_a_named_hazard_gives_only_sites_designated_for_it(hazard):
    intro, listing, source = nearest_sites_reply(*CHOSHI_STATION, hazard, "en")
    expected = emergency_site_index().nearest(*CHOSHI_STATION, hazard=hazard, top=3)
    assert expected and all(hazard in n.site.hazards for n in expected)
    assert _names_in(listing) == [n.site.name for n in expected]
    assert text(f"hazard_{hazard}", "en") in intro
    assert GSI_ATTRIBUTION in source


def test_tsunami_sites_differ_from_the_general_list_where_it_matters():
    general = [n.site.id for n in emergency_site_index().nearest(*CHOSHI_STATION, top=3)]
    tsunami = [n.site.id for n in emergency_site_index().nearest(*CHOSHI_STATION, "tsunami", 3)]
    _, listing, _ = nearest_sites_reply(*CHOSHI_STATION, "tsunami", "ja")
    sites = {s.id: s for s in emergency_site_index().sites}
    assert _names_in(listing) == [sites[i].name for i in tsunami]
    assert all("tsunami" in sites[i].hazards for i in tsunami)
    if general != tsunami:  # the filter is not a no-op here
        assert _names_in(listing) != [sites[i].name for i in general]


@pytest.mark.parametrize("point", [OSAKA, (43.0621, 141.3544), (35.6812, 139.7671 - 1.0),
                                   (35.0, 141.5)])  # Osaka, Sapporo, west of Tokyo, at sea
@pytest.mark.parametrize("language", LANGUAGES)
def test_outside_chiba_points_to_gsi_national_information(point, language):
    reply = nearest_sites_reply(*point, None, language)
    assert reply == [text("shelters_outside_chiba", language, url=GSI_NATIONAL_SITES_URL)]
    assert GSI_NATIONAL_SITES_URL in reply[0]


def test_the_national_url_is_the_one_the_nearest_shelter_faq_cites():
    faqs = yaml.safe_load((PROJECT_ROOT / "knowledge" / "faq" / "disaster.yml")
                          .read_text(encoding="utf-8"))
    items = faqs["faqs"] if isinstance(faqs, dict) else faqs
    faq = next(f for f in items if f["id"] == "disaster-nearest-shelter")
    assert faq["source"] == GSI_NATIONAL_SITES_URL


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_named_municipality_lists_up_to_five_of_its_sites(language):
    ichikawa = find_municipality("市川市の避難所")
    intro, listing, source = municipality_sites_reply(ichikawa, None, language)
    assert "市川市" in intro
    names = _names_in(listing)
    assert len(names) == 5
    own = {s.name: len(s.hazards) for s in emergency_site_index().sites
           if s.municipality_code == ichikawa.code}
    assert set(names) <= set(own)
    # the five usable in the most kinds of disaster: none left out serves more hazards
    assert min(own[n] for n in names) >= max(c for n, c in own.items() if n not in names)
    assert GSI_ATTRIBUTION in source


def test_a_named_municipality_and_hazard_lists_only_suitable_sites():
    choshi = find_municipality("銚子市")
    _, listing, _ = municipality_sites_reply(choshi, "tsunami", "ja")
    suitable = {s.name for s in emergency_site_index().sites
                if s.municipality_code == choshi.code and "tsunami" in s.hazards}
    assert _names_in(listing) and set(_names_in(listing)) <= suitable


def test_asking_for_the_location_mentions_the_payload_only_on_rest():
    assert "/share_location" not in ask_location_reply("en", "line")[0]
    assert '/share_location{"latitude": ' in ask_location_reply("en", "rest")[0]


@pytest.mark.parametrize("entities, location", [
    ([{"entity": "latitude", "value": 35.613}, {"entity": "longitude", "value": 140.1134}],
     (35.613, 140.1134)),
    ([{"entity": "latitude", "value": "35.613"}, {"entity": "longitude", "value": "140.1"}],
     (35.613, 140.1)),
    ([{"entity": "latitude", "value": 35.613}], None),
    ([{"entity": "latitude", "value": "north"}, {"entity": "longitude", "value": 140}], None),
    ([{"entity": "latitude", "value": 135}, {"entity": "longitude", "value": 140}], None),
    ([], None),
])
def test_location_comes_only_from_valid_coordinates(entities, location):
    assert location_from({"entities": entities}) == location


def _tracker(intent, text_, entities, slots):
    message = {"intent": {"name": intent}, "text": text_, "entities": entities}
    events = [{"event": "user", "text": text_, "parse_data": message, "input_channel": "rest"}]
    return Tracker("resident", dict(slots), message, events, False, None, {}, "action_listen")


async def _run(tracker):
    dispatcher = CollectingDispatcher()
    events = await ActionNearestSites().run(dispatcher, tracker, {})
    return [m["text"] for m in dispatcher.messages], events


@pytest.mark.asyncio
async def test_the_hazard_asked_for_is_used_for_the_location_that_follows():
    location = [{"entity": "latitude", "value": CHOSHI_STATION[0]},
                {"entity": "longitude", "value": CHOSHI_STATION[1]}]
    texts, events = await _run(_tracker(
        "share_location", '/share_location{"latitude": 35.7298, "longitude": 140.8269}',
        location, {"language": "ja", "hazard": "tsunami"}))
    assert texts == nearest_sites_reply(*CHOSHI_STATION, "tsunami", "ja")
    assert events == []  # no coordinates copied into slots


@pytest.mark.asyncio
async def test_a_shelter_question_without_hazard_forgets_an_earlier_hazard():
    texts, events = await _run(_tracker("find_shelter", "近くの避難所は？", [],
                                        {"language": "ja", "hazard": "tsunami"}))
    assert texts == ask_location_reply("ja", "rest")
    assert events == [{"event": "slot", "timestamp": None, "name": "hazard", "value": None}]


@pytest.mark.parametrize("message, hazard", [
    ("津波の避難場所を教えて", "tsunami"), ("flood evacuation site", "flood"),
    ("지진해일 대피소", "tsunami"), ("지진 대피소", "earthquake"), ("海啸避难场所", "tsunami"),
    ("nơi sơ tán khi có sóng thần", "tsunami"), ("土砂災害の避難場所", "landslide"),
    ("高潮のときの避難場所", "storm_surge"), ("大規模な火事の避難場所", "large_fire"),
    ("内水氾濫の避難場所", "inland_flooding"), ("where is the nearest shelter", None),
    ("near the firefighters' station", None), ("台風が来る 近くの避難所", None),
])
def test_hazard_words_in_every_language(message, hazard):
    assert hazard_in({"text": message}) == hazard


def test_the_hazard_entity_is_read_from_its_words_not_its_synonym_value():
    # The topic entity's synonyms turn 津波 into "disaster" for every entity type.
    message = {"text": "津波の避難場所",
               "entities": [{"entity": "hazard", "value": "disaster", "start": 0, "end": 2}]}
    assert hazard_in(message) == "tsunami"
