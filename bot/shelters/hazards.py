"""The eight hazards a designated emergency evacuation site is designated for.

English name → GSI's Japanese column name, in GSI's column order (also the CSV column order).
"""

HAZARDS: dict[str, str] = {
    "flood": "洪水",
    "landslide": "崖崩れ、土石流及び地滑り",
    "storm_surge": "高潮",
    "earthquake": "地震",
    "tsunami": "津波",
    "large_fire": "大規模な火事",
    "inland_flooding": "内水氾濫",
    "volcano": "火山現象",
}
