"""`python -m bot shelters convert [--source DIR] [--out DIR]`,
`python -m bot shelters nearest LAT LON [--hazard H] [--top N]` and
`python -m bot shelters latency [--points N]` (the lookup's speed, for the README)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
import sys
import time

import numpy as np

from bot.shelters.gsi_converter import DEFAULT_OUT, DEFAULT_SOURCE, EMERGENCY_FILE, convert
from bot.shelters.hazards import HAZARDS
from bot.shelters.site_index import emergency_site_index


def _convert(args: argparse.Namespace) -> int:
    source = Path(args.source)
    if not (source / "municipalities.json").is_file():
        print(f"{source}: no municipalities.json; is this the GSI shelter data?", file=sys.stderr)
        return 1
    report = convert(source, Path(args.out))
    for skipped in report.skipped:
        print(
            f"skipped {skipped.file} {skipped.site_id} {skipped.name}: {skipped.reason}",
            file=sys.stderr,
        )
    print(
        f"{report.emergency_sites} emergency sites, {report.evacuation_shelters} evacuation"
        f" shelters in {len(report.per_municipality)} municipalities written to {args.out};"
        f" {len(report.skipped)} records skipped, {len(report.unavailable)} placeholder files"
    )
    return 0


def _nearest(args: argparse.Namespace) -> int:
    path = Path(args.data) / EMERGENCY_FILE
    if not path.is_file():
        print(f"{path} is missing; run `python -m bot shelters convert`", file=sys.stderr)
        return 1
    for nearby in emergency_site_index(path).nearest(args.lat, args.lon, args.hazard, args.top):
        site = nearby.site
        line = {
            "name": site.name,
            "address": site.address,
            "latitude": site.latitude,
            "longitude": site.longitude,
            "distance_m": round(nearby.distance_m, 1),
            "hazards": list(site.hazards),
        }
        print(json.dumps(line, ensure_ascii=False))
    return 0


def _latency(args: argparse.Namespace) -> int:
    """Times nearest-site lookups at random points in and around Chiba, every hazard in turn."""
    index = emergency_site_index(Path(args.data) / EMERGENCY_FILE)
    rng = np.random.default_rng(args.seed)
    points = zip(rng.uniform(34.5, 36.5, args.points), rng.uniform(139.3, 141.3, args.points))
    hazards = [None, *HAZARDS]
    durations = []
    for i, (lat, lon) in enumerate(points):
        started = time.perf_counter()
        index.nearest(float(lat), float(lon), hazard=hazards[i % len(hazards)])
        durations.append(time.perf_counter() - started)
    ms = np.array(durations) * 1000
    figures = {"lookups": len(ms), "sites": len(index.sites), "mean_ms": round(ms.mean(), 4),
               "p50_ms": round(float(np.percentile(ms, 50)), 4),
               "p99_ms": round(float(np.percentile(ms, 99)), 4),
               "max_ms": round(float(ms.max()), 4)}
    print(f"{figures['lookups']} lookups over {figures['sites']} sites: mean "
          f"{figures['mean_ms']} ms, p99 {figures['p99_ms']} ms")
    print(json.dumps(figures))
    return 0


def _latitude(text: str) -> float:
    value = float(text)
    if not -90 <= value <= 90:
        raise argparse.ArgumentTypeError(f"latitude must be between -90 and 90, not {text}")
    return value


def _longitude(text: str) -> float:
    value = float(text)
    if not -180 <= value <= 180:
        raise argparse.ArgumentTypeError(f"longitude must be between -180 and 180, not {text}")
    return value


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {text}")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    shelters = subparsers.add_parser("shelters", help="designated evacuation sites (GSI data)")
    commands = shelters.add_subparsers(dest="shelters_command", required=True)

    convert_parser = commands.add_parser(
        "convert", help="convert GSI per-municipality GeoJSON into knowledge/shelters/"
    )
    convert_parser.add_argument("--source", default=str(DEFAULT_SOURCE), metavar="DIR",
                                help="GSI data (emergency/, evacuation/, municipalities.json)")
    convert_parser.add_argument("--out", default=str(DEFAULT_OUT), metavar="DIR",
                                help="output directory (default knowledge/shelters)")
    convert_parser.set_defaults(handler=_convert)

    nearest_parser = commands.add_parser(
        "nearest", help="nearest designated emergency evacuation sites, one JSON line each"
    )
    nearest_parser.add_argument("lat", type=_latitude, help="latitude in degrees")
    nearest_parser.add_argument("lon", type=_longitude, help="longitude in degrees")
    nearest_parser.add_argument(
        "--hazard", choices=list(HAZARDS), metavar="H",
        help=f"only sites designated for H: {', '.join(HAZARDS)} (default: any)",
    )
    nearest_parser.add_argument("--top", type=_positive, default=3, metavar="N",
                                help="how many sites (default 3)")
    nearest_parser.add_argument("--data", default=str(DEFAULT_OUT), metavar="DIR",
                                help="directory of the converted CSV files")
    nearest_parser.set_defaults(handler=_nearest)

    latency_parser = commands.add_parser(
        "latency", help="time nearest-site lookups at random points; last line JSON")
    latency_parser.add_argument("--points", type=_positive, default=10_000, metavar="N")
    latency_parser.add_argument("--seed", type=int, default=7)
    latency_parser.add_argument("--data", default=str(DEFAULT_OUT), metavar="DIR",
                                help="directory of the converted CSV files")
    latency_parser.set_defaults(handler=_latency)
