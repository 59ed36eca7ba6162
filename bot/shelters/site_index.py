"""Nearest designated emergency evacuation sites to a point, optionally for one hazard.

Sites are indexed as 3-D unit vectors in one k-d tree per hazard. Straight-line (chord) distance
between unit vectors grows monotonically with great-circle distance, so the tree's nearest
neighbours are exactly the great-circle nearest; the distances reported are haversine distances
on the mean Earth radius, identical to a brute-force search.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
import math
from pathlib import Path

import numpy as np
from scipy.spatial import cKDTree

from bot.shelters.gsi_converter import DEFAULT_OUT, EMERGENCY_FILE
from bot.shelters.hazards import HAZARDS

EARTH_RADIUS_M = 6_371_008.8  # IUGG mean Earth radius

# Candidates whose chord distance ties the k-th within this (relative) margin are re-ranked
# by haversine, so rounding in the chord computation can never change the order.
_CHORD_MARGIN = 1e-9


@dataclass(frozen=True)
class Site:
    id: str
    municipality_code: str
    name: str
    address: str
    latitude: float
    longitude: float
    hazards: tuple[str, ...]  # English hazard names, in HAZARDS order


@dataclass(frozen=True)
class NearbySite:
    site: Site
    distance_m: float


def haversine_m(lat1: float, lon1: float, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """Great-circle distance in metres from one point to many."""
    phi1, phi2 = math.radians(lat1), np.radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = np.radians(lon2 - lon1) / 2
    a = np.sin(half_dphi) ** 2 + math.cos(phi1) * np.cos(phi2) * np.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


def _unit_vectors(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    phi, lam = np.radians(lat), np.radians(lon)
    return np.column_stack((np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)))


def load_sites(path: Path) -> list[Site]:
    """Sites of a CSV written by gsi_converter (hazard columns are optional)."""
    with open(path, encoding="utf-8", newline="") as f:
        return [
            Site(
                id=row["id"],
                municipality_code=row["municipality_code"],
                name=row["name"],
                address=row["address"],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                hazards=tuple(h for h in HAZARDS if row.get(h) == "1"),
            )
            for row in csv.DictReader(f)
        ]


class _Subset:
    """One hazard's sites: their positions in SiteIndex.sites and a k-d tree over them."""

    def __init__(self, members: np.ndarray, vectors: np.ndarray):
        self.members = members
        self.tree = cKDTree(vectors[members]) if len(members) else None


class SiteIndex:
    def __init__(self, sites: list[Site]):
        self.sites = sites
        self._lat = np.array([s.latitude for s in sites], dtype=float)
        self._lon = np.array([s.longitude for s in sites], dtype=float)
        self._ids = np.array([s.id for s in sites])
        vectors = _unit_vectors(self._lat, self._lon)
        self._subsets = {None: _Subset(np.arange(len(sites)), vectors)}
        for hazard in HAZARDS:
            members = np.array([i for i, s in enumerate(sites) if hazard in s.hazards], dtype=int)
            self._subsets[hazard] = _Subset(members, vectors)

    def nearest(
        self, lat: float, lon: float, hazard: str | None = None, top: int = 3
    ) -> list[NearbySite]:
        """The `top` nearest sites designated for `hazard` (None: any site), nearest first;
        equal distances are ordered by site id."""
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):  # also rejects NaN
            raise ValueError(f"not a position on Earth: latitude {lat}, longitude {lon}")
        if hazard not in self._subsets:
            raise ValueError(f"unknown hazard {hazard!r}; expected one of {', '.join(HAZARDS)}")
        if top < 1:
            raise ValueError("top must be at least 1")
        subset = self._subsets[hazard]
        if subset.tree is None:
            return []
        point = _unit_vectors(np.array([lat]), np.array([lon]))[0]
        k = min(top, len(subset.members))
        chords, _ = subset.tree.query(point, k=[k])
        # Everything as near as the k-th candidate, so ties at the cut-off are all considered.
        radius = chords[-1] * (1 + _CHORD_MARGIN) + 1e-12
        candidates = subset.members[subset.tree.query_ball_point(point, radius)]
        distances = haversine_m(lat, lon, self._lat[candidates], self._lon[candidates])
        order = np.lexsort((self._ids[candidates], distances))[:top]
        return [NearbySite(self.sites[candidates[i]], float(distances[i])) for i in order]


@lru_cache(maxsize=None)
def emergency_site_index(path: Path = DEFAULT_OUT / EMERGENCY_FILE) -> SiteIndex:
    """The index over knowledge/shelters/emergency_sites.csv, loaded once per process."""
    return SiteIndex(load_sites(Path(path)))
