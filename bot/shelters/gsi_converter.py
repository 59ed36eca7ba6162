"""Converts GSI's evacuation site data (one GeoJSON file per municipality) into the CSV files
under knowledge/shelters/ that the bot reads.

Input (see ../shared/data/README.md): `emergency/<code>.json` (指定緊急避難場所, with hazard
flags), `evacuation/<code>.json` (指定避難所) and `municipalities.json`. Output is sorted and
contains no timestamps, so converting the same input twice gives byte-identical files and a
data update shows up as a readable diff.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
import io
import json
import math
from pathlib import Path
from typing import Any

from bot.paths import KNOWLEDGE_DIR, PROJECT_ROOT
from bot.shelters.hazards import HAZARDS

DEFAULT_SOURCE = PROJECT_ROOT.parent / "shared" / "data" / "chiba_shelters"
DEFAULT_OUT = KNOWLEDGE_DIR / "shelters"

EMERGENCY_FILE = "emergency_sites.csv"
EVACUATION_FILE = "evacuation_shelters.csv"
SOURCE_FILE = "SOURCE.md"

ATTRIBUTION = "出典：国土地理院 指定緊急避難場所データ"
DATA_DATE = "2025-10-27"  # the GSI snapshot in ../shared/data (see its README)
GSI_TERMS_URL = "https://www.gsi.go.jp/kikakuchousei/kikakuchousei40182.html"
GSI_DATA_URL = "https://www.gsi.go.jp/bousaichiri/hinanbasho.html"

# Chiba prefecture spans about 34.9–36.1 N and 139.7–140.9 E. A point outside this box (with a
# margin) is a geocoding error, e.g. swapped coordinates, and would send a resident astray.
LAT_RANGE = (34.8, 36.2)
LON_RANGE = (139.6, 141.0)

BASE_COLUMNS = ["id", "municipality_code", "name", "address", "latitude", "longitude"]
EMERGENCY_COLUMNS = BASE_COLUMNS + list(HAZARDS)

# GSI marks a hazard the site is designated for with "1" and leaves the others empty.
_FLAG_VALUES = {"1": "1", "": "0", None: "0"}


@dataclass(frozen=True)
class SkippedRecord:
    file: str  # relative to the source directory, e.g. "emergency/122033.json"
    site_id: str
    name: str
    reason: str


@dataclass
class ConversionReport:
    emergency_sites: int = 0
    evacuation_shelters: int = 0
    skipped: list[SkippedRecord] = field(default_factory=list)
    unavailable: list[str] = field(default_factory=list)  # placeholder files, e.g. Chiba's wards
    # municipality code → [emergency sites, evacuation shelters]
    per_municipality: dict[str, list[int]] = field(default_factory=dict)


def read_municipality_names(source: Path) -> dict[str, str]:
    """6-digit code → municipality name (千葉市, 市川市, …); the prefecture entry is left out."""
    data = json.loads((source / "municipalities.json").read_text(encoding="utf-8"))
    return {c["code"]: c["cityName"] for c in data["cities"].values() if c.get("cityName")}


def _coordinates(feature: dict[str, Any]) -> tuple[float, float] | str:
    """(latitude, longitude), or why they are unusable."""
    coordinates = (feature.get("geometry") or {}).get("coordinates")
    if not isinstance(coordinates, list) or len(coordinates) != 2:
        return "missing coordinates"
    if not all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in coordinates):
        return f"non-numeric coordinates {coordinates!r}"
    lon, lat = (float(c) for c in coordinates)
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return f"non-finite coordinates {coordinates!r}"
    if not (LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]):
        return f"coordinates outside Chiba prefecture (lat {lat}, lon {lon})"
    return lat, lon


def _row(feature: dict[str, Any], code: str, with_hazards: bool) -> list[str] | str:
    """The CSV row of one site, or why the record is skipped."""
    properties = feature.get("properties") or {}
    site_id, name = properties.get("共通ID"), properties.get("施設・場所名")
    if not isinstance(site_id, str) or not site_id.strip():
        return "missing 共通ID"
    if not isinstance(name, str) or not name.strip():
        return "missing 施設・場所名"
    position = _coordinates(feature)
    if isinstance(position, str):
        return position
    # repr() is the shortest text that reads back as the same float: exact and stable.
    row = [site_id, code, name, properties.get("住所") or "", repr(position[0]), repr(position[1])]
    if with_hazards:
        for column in HAZARDS.values():
            flag = properties.get(column)
            value = _FLAG_VALUES.get(flag) if flag is None or isinstance(flag, str) else None
            if value is None:
                return f"unexpected {column} flag {flag!r}"
            row.append(value)
    return row


def _convert_kind(
    source: Path, kind: str, codes: dict[str, str], report: ConversionReport
) -> list[list[str]]:
    rows: list[list[str]] = []
    seen: set[str] = set()
    for path in sorted((source / kind).glob("*.json")):
        relative, code = f"{kind}/{path.name}", path.stem
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("type") == "unavailable":
            report.unavailable.append(relative)
            continue
        if data.get("type") != "FeatureCollection":
            raise ValueError(f"{relative}: expected a GeoJSON FeatureCollection")
        if code not in codes:
            raise ValueError(f"{relative}: {code} is not in municipalities.json")
        for feature in data.get("features") or []:
            properties = feature.get("properties") or {}
            row = _row(feature, code, with_hazards=kind == "emergency")
            if isinstance(row, list) and row[0] in seen:
                row = f"duplicate 共通ID {row[0]}"
            if isinstance(row, str):
                report.skipped.append(
                    SkippedRecord(
                        relative,
                        str(properties.get("共通ID") or ""),
                        str(properties.get("施設・場所名") or ""),
                        row,
                    )
                )
                continue
            seen.add(row[0])
            rows.append(row)
            counts = report.per_municipality.setdefault(code, [0, 0])
            counts[0 if kind == "emergency" else 1] += 1
    rows.sort(key=lambda r: (r[1], r[0]))
    return rows


def _csv_text(columns: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


def _source_text(report: ConversionReport, names: dict[str, str]) -> str:
    lines = [
        "# Designated evacuation sites of Chiba prefecture",
        "",
        ATTRIBUTION,
        "",
        f"- Data: 国土地理院 指定緊急避難場所・指定避難所データ as of {DATA_DATE}",
        f"  ({GSI_DATA_URL}), split per municipality by the public jp-shelter-api project.",
        f"- Terms: 国土地理院コンテンツ利用規約 (GSI content terms of use, {GSI_TERMS_URL}):",
        "  free reuse with the attribution above.",
        "- This project converted (加工) the data into CSV: coordinates and names are unchanged;",
        "  records without usable coordinates are left out (listed below).",
        "- Municipalities update their designations; residents should also check their",
        "  municipality's latest information and the signs on site.",
        "",
        "Generated by `python -m bot shelters convert`; do not edit by hand. Re-run the converter",
        "on new GSI data instead.",
        "",
        "## Files",
        "",
        f"- `{EMERGENCY_FILE}`: {report.emergency_sites} designated emergency evacuation sites"
        " (指定緊急避難場所). Hazard columns are 1 where the site is designated for that hazard:",
        "  " + ", ".join(f"{en} ({ja})" for en, ja in HAZARDS.items()) + ".",
        f"- `{EVACUATION_FILE}`: {report.evacuation_shelters} designated evacuation shelters"
        " (指定避難所).",
        "- Columns: id (共通ID), municipality_code, name (施設・場所名), address (住所), latitude,"
        " longitude (decimal degrees, as published).",
        "",
        "## Sites per municipality",
        "",
        "| code | municipality | emergency sites | evacuation shelters |",
        "|---|---|---:|---:|",
    ]
    for code in sorted(report.per_municipality):
        emergency, evacuation = report.per_municipality[code]
        lines.append(f"| {code} | {names.get(code, '')} | {emergency} | {evacuation} |")
    lines += ["", f"## Skipped records ({len(report.skipped)})", ""]
    lines += [f"- {s.file} {s.site_id} {s.name}: {s.reason}" for s in report.skipped] or ["None."]
    lines += ["", "## Placeholder files without data", ""]
    lines += [f"- {f} ({names.get(Path(f).stem, '')})" for f in report.unavailable] or ["None."]
    return "\n".join(lines) + "\n"


def convert(source: Path = DEFAULT_SOURCE, out: Path = DEFAULT_OUT) -> ConversionReport:
    """Writes the CSV files and SOURCE.md into `out`; returns what was converted and skipped."""
    source, out = Path(source), Path(out)
    names = read_municipality_names(source)
    report = ConversionReport()
    emergency = _convert_kind(source, "emergency", names, report)
    evacuation = _convert_kind(source, "evacuation", names, report)
    report.emergency_sites, report.evacuation_shelters = len(emergency), len(evacuation)
    out.mkdir(parents=True, exist_ok=True)
    files = {
        EMERGENCY_FILE: _csv_text(EMERGENCY_COLUMNS, emergency),
        EVACUATION_FILE: _csv_text(BASE_COLUMNS, evacuation),
        SOURCE_FILE: _source_text(report, names),
    }
    for file_name, text in files.items():
        (out / file_name).write_text(text, encoding="utf-8", newline="\n")
    return report
