"""The GSI converter: a hand-made fixture with every kind of bad record, and the real data."""

import csv
import json
from pathlib import Path

import pytest

from bot.shelters import gsi_converter
from bot.shelters.gsi_converter import (
    ATTRIBUTION,
    DEFAULT_OUT,
    DEFAULT_SOURCE,
    EMERGENCY_FILE,
    EVACUATION_FILE,
    GSI_TERMS_URL,
    SOURCE_FILE,
    convert,
)
from bot.shelters.hazards import HAZARDS

OUTPUT_FILES = (EMERGENCY_FILE, EVACUATION_FILE, SOURCE_FILE)
UNAVAILABLE = {"type": "unavailable", "code": "121011", "name": "千葉県千葉市中央区"}


def _feature(site_id, name, coordinates, flags=None):
    properties = {"共通ID": site_id, "施設・場所名": name, "住所": f"{name}の住所"}
    for hazard, column in HAZARDS.items():
        properties[column] = "1" if flags and hazard in flags else ""
    geometry = None if coordinates is None else {"type": "Point", "coordinates": coordinates}
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def _write(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _collection(code, features):
    return {"type": "FeatureCollection", "name": code, "features": features}


@pytest.fixture
def source(tmp_path) -> Path:
    root = tmp_path / "gsi"
    cities = {
        "0006": {"code": "120006", "name": "千葉県", "cityName": ""},
        "1002": {"code": "121002", "name": "千葉県千葉市", "cityName": "千葉市"},
        "1011": {"code": "121011", "name": "千葉県千葉市中央区", "cityName": "千葉市中央区"},
        "2033": {"code": "122033", "name": "千葉県市川市", "cityName": "市川市"},
    }
    _write(root / "municipalities.json", {"name": "千葉県", "code": "12", "cities": cities})
    # Ichikawa: one site per hazard, named after it, listed out of id order.
    ichikawa = [
        _feature(f"E12203{n:08d}", f"{hazard}の場所", [139.9 + n / 100, 35.7], {hazard})
        for n, hazard in reversed(list(enumerate(HAZARDS)))
    ]
    # Names are kept exactly: commas, quotes, an ideographic space.
    ichikawa.append(_feature("E1220399999999", '市川"第一",公園\u3000', [139.93, 35.75], {"flood"}))
    chiba = [
        _feature("E1210000000002", "千葉公園", [140.11, 35.62], {"earthquake", "large_fire"}),
        _feature("E1210000000001", "稲毛海浜公園", [140.06, 35.61], set(HAZARDS)),
        _feature("E1210000000003", "位置なし", None),
        _feature("E1210000000004", "座標が空", []),
        _feature("E1210000000005", "座標が文字", ["140.1", "35.6"]),
        _feature("E1210000000006", "緯度経度が逆", [35.6, 140.1]),
        _feature("E1210000000007", "非数", [float("nan"), 35.6]),
        _feature("", "IDなし", [140.1, 35.6]),
        _feature("E1210000000001", "ID重複", [140.1, 35.6]),
        _feature("E1210000000008", "旗が変", [140.1, 35.6]),
    ]
    chiba[-1]["properties"]["地震"] = "○"
    _write(root / "emergency" / "122033.json", _collection("122033", ichikawa))
    _write(root / "emergency" / "121002.json", _collection("121002", chiba))
    _write(root / "emergency" / "121011.json", UNAVAILABLE)
    shelters = [_feature("E1210000000001111", "稲毛小学校", [140.07, 35.63])]
    _write(root / "evacuation" / "121002.json", _collection("121002", shelters))
    _write(root / "evacuation" / "121011.json", UNAVAILABLE)
    ichikawa_shelters = [
        _feature("E1220300000002111", "市川小学校", [139.92, 35.72]),
        _feature("E1220300000001111", "市川中学校", [139.91, 35.73]),
        _feature("E1220300000003111", "座標なし", None),
    ]
    _write(root / "evacuation" / "122033.json", _collection("122033", ichikawa_shelters))
    return root


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_fixture_converts_valid_records_and_reports_each_bad_one(source, tmp_path):
    out = tmp_path / "out"
    report = convert(source, out)

    assert (report.emergency_sites, report.evacuation_shelters) == (11, 3)
    reasons = {(s.file, s.name): s.reason for s in report.skipped}
    assert reasons == {
        ("emergency/121002.json", "位置なし"): "missing coordinates",
        ("emergency/121002.json", "座標が空"): "missing coordinates",
        ("emergency/121002.json", "座標が文字"): "non-numeric coordinates ['140.1', '35.6']",
        ("emergency/121002.json", "緯度経度が逆"):
            "coordinates outside Chiba prefecture (lat 140.1, lon 35.6)",
        ("emergency/121002.json", "非数"): "non-finite coordinates [nan, 35.6]",
        ("emergency/121002.json", "IDなし"): "missing 共通ID",
        ("emergency/121002.json", "ID重複"): "duplicate 共通ID E1210000000001",
        ("emergency/121002.json", "旗が変"): "unexpected 地震 flag '○'",
        ("evacuation/122033.json", "座標なし"): "missing coordinates",
    }
    assert report.unavailable == ["emergency/121011.json", "evacuation/121011.json"]
    assert report.per_municipality == {"121002": [2, 1], "122033": [9, 2]}

    emergency = _rows(out / EMERGENCY_FILE)
    assert list(emergency[0]) == [
        "id", "municipality_code", "name", "address", "latitude", "longitude",
        "flood", "landslide", "storm_surge", "earthquake", "tsunami", "large_fire",
        "inland_flooding", "volcano",
    ]
    assert [(r["municipality_code"], r["id"]) for r in emergency] == sorted(
        (r["municipality_code"], r["id"]) for r in emergency
    )
    by_name = {r["name"]: r for r in emergency}
    # Each hazard lands in its own English column.
    for hazard in HAZARDS:
        row = by_name[f"{hazard}の場所"]
        assert [h for h in HAZARDS if row[h] == "1"] == [hazard]
        assert all(row[h] == "0" for h in HAZARDS if h != hazard)
    assert all(by_name["稲毛海浜公園"][h] == "1" for h in HAZARDS)
    assert [h for h in HAZARDS if by_name["千葉公園"][h] == "1"] == ["earthquake", "large_fire"]
    exact = by_name['市川"第一",公園\u3000']
    assert exact["address"] == '市川"第一",公園\u3000の住所'
    assert (float(exact["latitude"]), float(exact["longitude"])) == (35.75, 139.93)
    assert by_name["千葉公園"]["municipality_code"] == "121002"

    evacuation = _rows(out / EVACUATION_FILE)
    assert list(evacuation[0]) == [
        "id", "municipality_code", "name", "address", "latitude", "longitude",
    ]
    assert [r["name"] for r in evacuation] == ["稲毛小学校", "市川中学校", "市川小学校"]

    source_md = (out / SOURCE_FILE).read_text(encoding="utf-8")
    assert ATTRIBUTION in source_md and "2025-10-27" in source_md and GSI_TERMS_URL in source_md
    assert "emergency/121002.json E1210000000006 緯度経度が逆: coordinates outside" in source_md
    assert "| 122033 | 市川市 | 9 | 2 |" in source_md


def test_fixture_output_is_byte_identical_when_run_again(source, tmp_path):
    convert(source, tmp_path / "first")
    first = {name: (tmp_path / "first" / name).read_bytes() for name in OUTPUT_FILES}
    convert(source, tmp_path / "first")
    convert(source, tmp_path / "second")
    for name in OUTPUT_FILES:
        assert (tmp_path / "first" / name).read_bytes() == first[name]
        assert (tmp_path / "second" / name).read_bytes() == first[name]


def test_unknown_municipality_file_is_an_error(source, tmp_path):
    _write(source / "emergency" / "139999.json", _collection("139999", []))
    with pytest.raises(ValueError, match="139999 is not in municipalities.json"):
        convert(source, tmp_path / "out")


needs_real_data = pytest.mark.skipif(
    not (DEFAULT_SOURCE / "municipalities.json").is_file(),
    reason=f"GSI shelter data not found at {DEFAULT_SOURCE}",
)


@pytest.fixture(scope="module")
def real_output(tmp_path_factory):
    out = tmp_path_factory.mktemp("shelters")
    return out, convert(DEFAULT_SOURCE, out)


def _source_feature_count(kind: str) -> int:
    total = 0
    for path in (DEFAULT_SOURCE / kind).glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        total += len(data.get("features") or [])
    return total


@needs_real_data
def test_real_data_covers_all_54_municipalities_with_chiba_city(real_output):
    out, report = real_output
    names = gsi_converter.read_municipality_names(DEFAULT_SOURCE)
    wards = {code for code, name in names.items() if name.startswith("千葉市") and name != "千葉市"}
    assert len(wards) == 6
    assert sorted(report.unavailable) == sorted(
        f"{kind}/{code}.json" for kind in ("emergency", "evacuation") for code in wards
    )
    municipalities = set(names) - wards
    assert len(municipalities) == 54
    assert set(report.per_municipality) == municipalities
    assert all(e > 0 and s > 0 for e, s in report.per_municipality.values())
    assert report.per_municipality["121002"][0] > 300  # Chiba City, from 121002.json

    emergency, evacuation = _rows(out / EMERGENCY_FILE), _rows(out / EVACUATION_FILE)
    assert {r["municipality_code"] for r in emergency} == municipalities
    assert {r["municipality_code"] for r in evacuation} == municipalities
    # Nothing is lost silently: every source record is written or reported.
    skipped = {kind: sum(s.file.startswith(kind) for s in report.skipped)
               for kind in ("emergency", "evacuation")}
    assert len(emergency) == _source_feature_count("emergency") - skipped["emergency"]
    assert len(evacuation) == _source_feature_count("evacuation") - skipped["evacuation"]
    ichikawa = {r["name"] for r in emergency if r["municipality_code"] == "122033"}
    assert "県立国分高校" in ichikawa
    assert ATTRIBUTION in (out / SOURCE_FILE).read_text(encoding="utf-8")


@needs_real_data
def test_committed_data_is_the_converter_output_and_conversion_is_stable(real_output, tmp_path):
    out, _ = real_output
    convert(DEFAULT_SOURCE, tmp_path)
    for name in OUTPUT_FILES:
        produced = (out / name).read_bytes()
        assert (tmp_path / name).read_bytes() == produced, f"{name} differs between runs"
        assert (DEFAULT_OUT / name).read_bytes() == produced, (
            f"knowledge/shelters/{name} is stale: run `python -m bot shelters convert`"
        )
