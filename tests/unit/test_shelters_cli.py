"""`shelters` commands as the `python -m bot` dispatcher runs them: register(), then handler."""

import argparse
import json

import pytest

from bot.shelters.cli import register
from bot.shelters.gsi_converter import ATTRIBUTION, EMERGENCY_FILE, EVACUATION_FILE, SOURCE_FILE
from bot.shelters.hazards import HAZARDS
from bot.shelters.site_index import emergency_site_index

KEYS = ["name", "address", "latitude", "longitude", "distance_m", "hazards"]


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.handler(args)


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


def test_nearest_prints_one_json_object_per_site(capsys):
    assert _run("shelters", "nearest", "35.6047", "140.1233") == 0
    output = capsys.readouterr().out
    lines = _lines(output)
    assert len(lines) == 3
    expected = emergency_site_index().nearest(35.6047, 140.1233)
    for line, nearby in zip(lines, expected):
        assert list(line) == KEYS
        assert line["name"] == nearby.site.name and line["address"] == nearby.site.address
        assert line["latitude"] == nearby.site.latitude
        assert line["longitude"] == nearby.site.longitude
        assert line["distance_m"] == pytest.approx(nearby.distance_m, abs=0.05)
        assert line["hazards"] == list(nearby.site.hazards)
    assert [line["distance_m"] for line in lines] == sorted(line["distance_m"] for line in lines)
    assert "千葉県" in output and "\\u" not in output  # Japanese as is, not escaped


@pytest.mark.parametrize("hazard", HAZARDS)
def test_nearest_for_a_hazard(capsys, hazard):
    assert _run("shelters", "nearest", "35.0", "139.9", "--hazard", hazard, "--top", "5") == 0
    lines = _lines(capsys.readouterr().out)
    assert len(lines) == 5
    assert all(hazard in line["hazards"] and set(line["hazards"]) <= set(HAZARDS) for line in lines)


@pytest.mark.parametrize(
    "argv",
    [["95", "140"], ["35", "200"], ["35", "140", "--hazard", "fire"], ["35", "140", "--top", "0"],
     ["35"]],
)
def test_nearest_rejects_bad_arguments(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        _run("shelters", "nearest", *argv)
    assert exit_info.value.code == 2
    assert "error" in capsys.readouterr().err


def test_nearest_without_converted_data_says_how_to_fix_it(tmp_path, capsys):
    assert _run("shelters", "nearest", "35.6", "140.1", "--data", str(tmp_path)) == 1
    assert "python -m bot shelters convert" in capsys.readouterr().err


def test_convert_writes_the_data_files(tmp_path, capsys):
    source = tmp_path / "gsi"
    (source / "emergency").mkdir(parents=True)
    (source / "evacuation").mkdir()
    cities = {"2033": {"code": "122033", "name": "千葉県市川市", "cityName": "市川市"}}
    (source / "municipalities.json").write_text(json.dumps({"cities": cities}), encoding="utf-8")
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [139.927977, 35.75359]},
        "properties": {"共通ID": "E1", "施設・場所名": "県立国分高校", "住所": "千葉県市川市稲越2-2-1",
                       **{column: "1" for column in HAZARDS.values()}},
    }
    missing = {"type": "Feature", "geometry": None,
               "properties": {"共通ID": "E2", "施設・場所名": "座標なし"}}
    for kind in ("emergency", "evacuation"):
        collection = {"type": "FeatureCollection", "features": [feature, missing]}
        (source / kind / "122033.json").write_text(json.dumps(collection), encoding="utf-8")
    out = tmp_path / "out"

    assert _run("shelters", "convert", "--source", str(source), "--out", str(out)) == 0
    captured = capsys.readouterr()
    assert "1 emergency sites, 1 evacuation shelters" in captured.out
    assert "2 records skipped" in captured.out
    assert "skipped emergency/122033.json E2 座標なし: missing coordinates" in captured.err
    assert ATTRIBUTION in (out / SOURCE_FILE).read_text(encoding="utf-8")
    assert "県立国分高校" in (out / EVACUATION_FILE).read_text(encoding="utf-8")

    assert _run("shelters", "nearest", "35.75", "139.93", "--data", str(out), "--top", "9") == 0
    (line,) = _lines(capsys.readouterr().out)
    assert line["name"] == "県立国分高校" and line["hazards"] == list(HAZARDS)
    assert (out / EMERGENCY_FILE).is_file()


def test_convert_from_a_directory_without_gsi_data_fails_clearly(tmp_path, capsys):
    assert _run("shelters", "convert", "--source", str(tmp_path), "--out", str(tmp_path)) == 1
    assert "municipalities.json" in capsys.readouterr().err


def test_latency_reports_its_figures_as_json_on_the_last_line(capsys):
    assert _run("shelters", "latency", "--points", "50") == 0
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert figures["lookups"] == 50
    assert figures["sites"] == len(emergency_site_index().sites)
    assert 0 < figures["p50_ms"] <= figures["p99_ms"] <= figures["max_ms"]
