"""The nearest designated emergency evacuation sites (指定緊急避難場所) for a resident.

- A shared location (`/share_location{"latitude": …, "longitude": …}`): the three nearest sites
  designated for the hazard in the `hazard` slot, or for general use when no hazard is known.
- "市川市の避難所" without a location: up to five sites of that municipality.
- "近くの避難所は？" without either: ask for the location.
- A location outside Chiba prefecture: say so and point to GSI's national information.

Every reply that lists sites carries GSI's attribution line. Coordinates are read from the
message itself, used for the lookup and never logged nor copied into a slot.
The reply composition is plain functions, testable without Rasa.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any, Dict, List, Optional, Sequence, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.conversation import conversation_language, latest_intent
from bot.i18n import text
from bot.location_button import SHARE_LOCATION
from bot.shelters.municipalities import Municipality, find_municipality
from bot.shelters.site_index import NearbySite, Site, emergency_site_index

# GSI's terms of use require this line wherever its data is shown (knowledge/shelters/SOURCE.md).
GSI_ATTRIBUTION = "出典：国土地理院 指定緊急避難場所データ"
# GSI's page on designated evacuation sites nationwide, with its map; the same URL as the
# source of the FAQ disaster-nearest-shelter (knowledge/faq/disaster.yml; a test checks).
GSI_NATIONAL_SITES_URL = "https://www.gsi.go.jp/bousaichiri/hinanbasho.html"
# What a REST client sends for a location (the interface in DESIGN.md).
LOCATION_PAYLOAD_EXAMPLE = '/share_location{"latitude": 35.6047, "longitude": 140.1233}'

# The hazards a resident can ask for: GSI's categories except volcano (none in Chiba).
HAZARDS = ("flood", "landslide", "storm_surge", "earthquake", "tsunami", "large_fire",
           "inland_flooding")
HAZARD_SLOT = "hazard"
NEAREST_COUNT = 3
MUNICIPALITY_COUNT = 5
# Chiba prefecture lies within 34.89–36.11 N, 139.73–140.88 E; a little margin for the coast.
CHIBA_BOUNDS = ((34.85, 36.15), (139.70, 140.95))
# Farther than this from every Chiba site, the resident is not in Chiba prefecture.
MAX_DISTANCE_M = 20_000


def format_distance(metres: float) -> str:
    """350 m under a kilometre (to 10 m), 1.2 km from there (to 100 m)."""
    rounded = int(round(metres / 10.0)) * 10
    if rounded < 1000:
        return f"{max(rounded, 10)} m"
    return f"{metres / 1000:.1f} km"


def map_url(latitude: float, longitude: float) -> str:
    return f"https://www.google.com/maps/search/?api=1&query={latitude},{longitude}"


def location_from(message: Dict[Text, Any]) -> Optional[Tuple[float, float]]:
    """(latitude, longitude) sent with the message, if it carries a valid position."""
    values = {e.get("entity"): e.get("value") for e in message.get("entities") or []}
    try:
        latitude, longitude = float(values["latitude"]), float(values["longitude"])
    except (KeyError, TypeError, ValueError):
        return None
    if not (math.isfinite(latitude) and math.isfinite(longitude)
            and -90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return latitude, longitude


def in_chiba_area(latitude: float, longitude: float) -> bool:
    (south, north), (west, east) = CHIBA_BOUNDS
    return south <= latitude <= north and west <= longitude <= east


def _hazard_name(hazard: str, language: str) -> str:
    return text(f"hazard_{hazard}", language)


def _site_lines(sites: Sequence[Site], language: str,
                distances: Optional[Sequence[float]] = None) -> str:
    entries = []
    for number, site in enumerate(sites, 1):
        values = dict(number=number, name=site.name, address=site.address,
                      map_url=map_url(site.latitude, site.longitude))
        if distances is None:
            entries.append(text("shelters_site_without_distance", language, **values))
        else:
            distance = text("shelters_distance", language,
                            distance=format_distance(distances[number - 1]))
            entries.append(text("shelters_site", language, distance=distance, **values))
    return "\n\n".join(entries)


def _source(language: str) -> str:
    return text("shelters_source", language, attribution=GSI_ATTRIBUTION)


def outside_chiba_reply(language: str) -> List[str]:
    return [text("shelters_outside_chiba", language, url=GSI_NATIONAL_SITES_URL)]


def nearest_sites_reply(latitude: float, longitude: float, hazard: Optional[str],
                        language: str) -> List[str]:
    """The messages answering a shared location: intro, the sites, the attribution."""
    index = emergency_site_index()
    if not in_chiba_area(latitude, longitude):
        return outside_chiba_reply(language)
    any_site = index.nearest(latitude, longitude, hazard=None, top=1)
    if not any_site or any_site[0].distance_m > MAX_DISTANCE_M:
        return outside_chiba_reply(language)
    nearby: List[NearbySite] = []
    if hazard in HAZARDS:
        nearby = index.nearest(latitude, longitude, hazard=hazard, top=NEAREST_COUNT)
    if nearby:
        intro = text("shelters_nearest_for_hazard", language,
                     hazard=_hazard_name(hazard, language))
    else:  # no hazard known (or, in theory, no site for it at all): general use
        nearby = index.nearest(latitude, longitude, hazard=None, top=NEAREST_COUNT)
        intro = text("shelters_nearest_general", language)
    sites = _site_lines([n.site for n in nearby], language, [n.distance_m for n in nearby])
    return [intro, sites, _source(language)]


def municipality_sites_reply(municipality: Municipality, hazard: Optional[str],
                             language: str) -> List[str]:
    """Up to five sites of a named municipality: suitable for `hazard`, if given, and among
    them those suitable for the most hazards."""
    sites = [s for s in emergency_site_index().sites
             if s.municipality_code == municipality.code
             and (hazard not in HAZARDS or hazard in s.hazards)]
    if not sites:
        return [text("shelters_municipality_none", language, municipality=municipality.name,
                     hazard=_hazard_name(hazard, language) if hazard in HAZARDS else "")]
    # Without a location, the sites usable in the most kinds of disaster help the most.
    shown = sorted(sites, key=lambda s: -len(s.hazards))[:MUNICIPALITY_COUNT]
    counts = dict(municipality=municipality.name, total=len(sites), shown=len(shown))
    if hazard in HAZARDS:
        intro = text("shelters_municipality_for_hazard", language,
                     hazard=_hazard_name(hazard, language), **counts)
    else:
        intro = text("shelters_municipality_general", language, **counts)
    return [intro, _site_lines(shown, language), _source(language)]


def ask_location_reply(language: str, channel: Optional[str]) -> List[str]:
    ask = text("shelters_ask_location", language,
               button=text("button_share_location", language))
    if channel == "rest":  # no location button: the payload a REST client sends
        ask += "\n" + text("shelters_location_payload_hint", language,
                           payload=LOCATION_PAYLOAD_EXAMPLE)
    return [ask]


def location_buttons(language: str, channel: Optional[str]) -> List[Dict[str, str]]:
    """LINE's location quick reply (connectors/line_messages.py); the web widget has its own
    button with the same label."""
    if channel != "line":
        return []
    return [{"title": text("button_share_location", language), "payload": SHARE_LOCATION}]


# Words for each hazard as residents write them, in every language (compared after NFKC and
# lower-casing). The NLU's `hazard` entity marks the words; its value cannot be trusted, as
# Rasa's synonyms are shared between entities (the topic entity maps 津波 to "disaster").
HAZARD_WORDS: Dict[str, Tuple[str, ...]] = {
    "tsunami": ("津波", "つなみ", "ツナミ", "tsunami", "tsunamis", "海啸", "海嘯", "쓰나미",
                "지진해일", "sóng thần", "song than"),
    "flood": ("洪水", "水害", "こうずい", "flood", "floods", "flooding", "洪灾", "洪災", "水灾",
              "홍수", "lũ lụt", "lũ", "lu lut", "ngập lụt"),
    "landslide": ("土砂災害", "土砂崩れ", "崖崩れ", "がけ崩れ", "がけくずれ", "土石流", "地滑り",
                  "地すべり", "どしゃさいがい", "landslide", "landslides", "mudslide", "mudslides",
                  "山体滑坡", "滑坡", "泥石流", "산사태", "토사 재해", "토사재해", "sạt lở đất",
                  "sạt lở", "lở đất", "sat lo dat"),
    "storm_surge": ("高潮", "たかしお", "storm surge", "storm surges", "风暴潮", "風暴潮",
                    "해일", "폭풍해일", "폭풍 해일", "triều cường", "nước dâng do bão"),
    "earthquake": ("地震", "じしん", "earthquake", "earthquakes", "quake", "quakes", "지진",
                   "động đất", "dong dat"),
    "large_fire": ("大規模な火事", "大規模火災", "大火事", "大火災", "火事", "火災",
                   "large fire", "large fires", "big fire", "fire", "大火", "火灾",
                   "大规模火灾", "대형 화재", "대형화재", "화재", "cháy lớn", "hỏa hoạn",
                   "hoả hoạn", "chay lon"),
    "inland_flooding": ("内水氾濫", "浸水", "冠水", "inland flooding", "street flooding",
                        "内涝", "內澇", "내수 범람", "내수범람", "침수", "ngập úng", "ngap ung"),
}
_WORD_TO_HAZARD = {unicodedata.normalize("NFKC", w).lower(): h
                   for h, words in HAZARD_WORDS.items() for w in words}
# Longest words first, so 지진해일 (tsunami) wins over 지진 (earthquake).
_HAZARD_PATTERN = re.compile("|".join(
    rf"(?<![a-z]){re.escape(w)}(?![a-z])" if w.isascii() else re.escape(w)
    for w in sorted(_WORD_TO_HAZARD, key=len, reverse=True)))


def hazard_in(message: Dict[Text, Any]) -> Optional[str]:
    """The hazard a message names: the words the NLU marked as `hazard`, else any hazard word
    in the text (the first one), else None."""
    text_ = unicodedata.normalize("NFKC", message.get("text") or "").lower()
    for entity in message.get("entities") or []:
        if entity.get("entity") != HAZARD_SLOT:
            continue
        start, end = entity.get("start"), entity.get("end")
        words = text_[start:end] if isinstance(start, int) and isinstance(end, int) else ""
        found = _HAZARD_PATTERN.search(words)
        if found:
            return _WORD_TO_HAZARD[found.group(0)]
        if entity.get("value") in HAZARDS:
            return entity["value"]
    found = _HAZARD_PATTERN.search(text_)
    return _WORD_TO_HAZARD[found.group(0)] if found else None


class ActionNearestSites(Action):
    def name(self) -> Text:
        return "action_nearest_sites"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        language = conversation_language(tracker)
        message = tracker.latest_message or {}
        intent = latest_intent(tracker)
        events: List[Dict[Text, Any]] = []
        if intent == "find_shelter":  # a new question: its hazard, or none
            hazard = hazard_in(message)
            if hazard != tracker.get_slot(HAZARD_SLOT):
                events.append(SlotSet(HAZARD_SLOT, hazard))
        else:  # a location: for the hazard asked about before
            hazard = tracker.get_slot(HAZARD_SLOT)
        location = location_from(message)
        question = message.get("text") or ""
        municipality = None
        if location is None and intent == "find_shelter" and not question.startswith("/"):
            municipality = find_municipality(question)
        if location is not None:
            replies = nearest_sites_reply(*location, hazard, language)
        elif municipality is not None:
            replies = municipality_sites_reply(municipality, hazard, language)
        else:
            channel = tracker.get_latest_input_channel()
            for reply in ask_location_reply(language, channel):
                dispatcher.utter_message(text=reply,
                                         buttons=location_buttons(language, channel))
            return events
        for reply in replies:
            dispatcher.utter_message(text=reply)
        return events
