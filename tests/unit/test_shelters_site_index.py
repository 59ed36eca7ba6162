"""Nearest-site lookup: exact against brute-force haversine over the whole data set."""

import csv
import math

import numpy as np
import pytest

from bot.shelters.gsi_converter import DEFAULT_OUT, EMERGENCY_FILE
from bot.shelters.hazards import HAZARDS
from bot.shelters.site_index import Site, SiteIndex, emergency_site_index

MEAN_EARTH_RADIUS_M = 6_371_008.8


@pytest.fixture(scope="module")
def index() -> SiteIndex:
    return emergency_site_index()


@pytest.fixture(scope="module")
def csv_rows() -> list[dict]:
    """The data file read independently of the code under test."""
    with open(DEFAULT_OUT / EMERGENCY_FILE, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _brute_force(rows, points, hazard, top):
    """Independent reference: haversine from each point to every suitable site, nearest first,
    equal distances by id. Returns one [(id, distance)] list per point."""
    chosen = sorted((r for r in rows if hazard is None or r[hazard] == "1"), key=lambda r: r["id"])
    lat2 = np.radians([float(r["latitude"]) for r in chosen])[None, :]
    lon2 = np.radians([float(r["longitude"]) for r in chosen])[None, :]
    lat1 = np.radians([p[0] for p in points])[:, None]
    lon1 = np.radians([p[1] for p in points])[:, None]
    a = (np.sin((lat2 - lat1) / 2) ** 2
         + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2)
    distances = 2 * MEAN_EARTH_RADIUS_M * np.arcsin(np.sqrt(a))
    results = []
    for row in distances:
        cut_off = np.partition(row, top - 1)[top - 1]
        candidates = np.nonzero(row <= cut_off)[0]  # in id order, as `chosen` is sorted by id
        nearest = candidates[np.argsort(row[candidates], kind="stable")][:top]
        results.append([(chosen[i]["id"], row[i]) for i in nearest])
    return results


def _random_points(seed: int, n: int) -> list[tuple[float, float]]:
    rng = np.random.default_rng(seed)
    # Chiba prefecture spans 34.9–36.1 N, 139.7–140.9 E; sample it and the sea and land around.
    return list(zip(rng.uniform(34.5, 36.5, n).tolist(), rng.uniform(139.3, 141.3, n).tolist()))


def test_data_set_is_the_full_prefecture(index):
    assert len(index.sites) > 2800
    assert len({s.municipality_code for s in index.sites}) == 54
    for hazard in HAZARDS:
        assert any(hazard in s.hazards for s in index.sites), hazard


@pytest.mark.parametrize("hazard", [None, *HAZARDS])
def test_nearest_equals_brute_force_for_1000_random_points(index, csv_rows, hazard):
    points = _random_points(seed=list(HAZARDS).index(hazard) + 1 if hazard else 0, n=1000)
    # Also points exactly on sites (distance 0) and far away (Osaka, Sapporo, the antipode).
    points += [(s.latitude, s.longitude) for s in index.sites[::97]]
    points += [(34.69, 135.50), (43.06, 141.35), (-35.6, -39.9)]
    for (lat, lon), expected in zip(points, _brute_force(csv_rows, points, hazard, 5)):
        found = index.nearest(lat, lon, hazard=hazard, top=5)
        assert [n.site.id for n in found] == [site_id for site_id, _ in expected], (lat, lon)
        for nearby, (_, distance) in zip(found, expected):
            assert nearby.distance_m == pytest.approx(distance, rel=1e-12, abs=1e-6)
            assert hazard is None or hazard in nearby.site.hazards


def test_default_is_top_3_of_any_hazard_and_a_site_is_0_m_from_itself(index):
    site = next(s for s in index.sites if s.name == "県立国分高校")
    # GSI: 洪水, 崖崩れ…, 高潮, 地震, 津波, 内水氾濫 = 1; 大規模な火事, 火山現象 empty.
    assert site.hazards == (
        "flood", "landslide", "storm_surge", "earthquake", "tsunami", "inland_flooding")
    assert (site.id, site.latitude, site.longitude) == ("E1220300002201", 35.75359, 139.927977)
    found = index.nearest(site.latitude, site.longitude)
    assert len(found) == 3
    assert found[0].site == site and found[0].distance_m == 0.0
    assert found[0].distance_m <= found[1].distance_m <= found[2].distance_m


def _site(site_id, lat, lon, hazards=()):
    return Site(site_id, "122033", site_id, "", lat, lon, tuple(hazards))


def test_distance_uses_the_mean_earth_radius():
    index = SiteIndex([_site("a", 35.0, 140.0)])
    (one_degree,) = index.nearest(36.0, 140.0)
    assert one_degree.distance_m == pytest.approx(MEAN_EARTH_RADIUS_M * math.pi / 180, rel=1e-12)
    (quarter,) = SiteIndex([_site("b", 0.0, 90.0)]).nearest(0.0, 0.0)
    assert quarter.distance_m == pytest.approx(MEAN_EARTH_RADIUS_M * math.pi / 2, rel=1e-12)


def test_equal_distances_are_ordered_by_id_even_at_the_cut_off():
    index = SiteIndex([_site("c", 35.5, 140.0), _site("b", 35.5, 140.0), _site("a", 35.6, 140.0)])
    assert [n.site.id for n in index.nearest(35.5, 140.0, top=1)] == ["b"]
    assert [n.site.id for n in index.nearest(35.5, 140.0, top=2)] == ["b", "c"]
    assert [n.site.id for n in index.nearest(35.5, 140.0, top=10)] == ["b", "c", "a"]


def test_hazard_filter_and_sites_for_no_hazard():
    index = SiteIndex(
        [_site("near", 35.5, 140.0, ["flood"]), _site("far", 35.9, 140.0, ["tsunami"])]
    )
    assert [n.site.id for n in index.nearest(35.5, 140.0, hazard="tsunami")] == ["far"]
    assert [n.site.id for n in index.nearest(35.5, 140.0)] == ["near", "far"]
    assert index.nearest(35.5, 140.0, hazard="volcano") == []


@pytest.mark.parametrize(
    "lat, lon, hazard, top",
    [(91, 140, None, 3), (35, 181, None, 3), (float("nan"), 140, None, 3),
     (35, 140, "fire", 3), (35, 140, None, 0)],
)
def test_invalid_queries_are_rejected(index, lat, lon, hazard, top):
    with pytest.raises(ValueError):
        index.nearest(lat, lon, hazard=hazard, top=top)


def test_data_is_loaded_once():
    assert emergency_site_index() is emergency_site_index()
