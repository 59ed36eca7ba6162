"""Geometry of the dashboard's charts; the templates draw it as inline SVG (no JavaScript).

Only shapes and numbers are computed here; labels are escaped by the templates.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Dict, List, Sequence, Tuple

# Colour-blind-safe palette (Okabe–Ito), one colour per series in a fixed order.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000")
PLOT_HEIGHT = 160
BAR_WIDTH = 28
BAR_GAP = 10
LEFT = 36


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str  # shown on hover: what the bar is, and its number


@dataclass(frozen=True)
class StackedBars:
    width: int
    height: int
    rects: Tuple[Rect, ...]
    labels: Tuple[Tuple[float, str], ...]  # x, day label
    legend: Tuple[Tuple[str, str], ...]  # colour, series name
    maximum: int


def stacked_bars(days: Sequence[date], counts: Dict[date, Counter],
                 names: Dict[str, str]) -> StackedBars:
    """One bar per day, stacked by series (language or channel)."""
    series = sorted({key for day in days for key in counts.get(day, Counter())},
                    key=lambda key: (list(names).index(key) if key in names else len(names), key))
    colours = {key: PALETTE[i % len(PALETTE)] for i, key in enumerate(series)}
    maximum = max([sum(counts.get(day, Counter()).values()) for day in days] + [1])
    scale = PLOT_HEIGHT / maximum
    rects, labels = [], []
    for i, day in enumerate(days):
        x = LEFT + i * (BAR_WIDTH + BAR_GAP)
        top = PLOT_HEIGHT
        for key in series:
            count = counts.get(day, Counter())[key]
            if not count:
                continue
            top -= count * scale
            rects.append(Rect(x, top, BAR_WIDTH, count * scale, colours[key],
                              f"{day:%m/%d} {names.get(key, key)}: {count}"))
        labels.append((x + BAR_WIDTH / 2, f"{day:%m/%d}"))
    width = LEFT + len(days) * (BAR_WIDTH + BAR_GAP)
    return StackedBars(width, PLOT_HEIGHT + 24, tuple(rects), tuple(labels),
                       tuple((colours[k], names.get(k, k)) for k in series), maximum)


@dataclass(frozen=True)
class HorizontalBar:
    label: str
    y: float
    segments: Tuple[Rect, ...]
    caption: str


HBAR_HEIGHT = 18
HBAR_ROW = 26
HBAR_LABEL_WIDTH = 260
HBAR_PLOT_WIDTH = 320


def horizontal_bars(rows: Sequence[Tuple[str, Sequence[int]]], colours: Sequence[str],
                    series: Sequence[str]) -> Tuple[List[HorizontalBar], int]:
    """One row per item, its values side by side as segments; returns rows and the SVG height."""
    maximum = max([sum(values) for _, values in rows] + [1])
    scale = HBAR_PLOT_WIDTH / maximum
    bars = []
    for i, (label, values) in enumerate(rows):
        y, x, segments = i * HBAR_ROW, HBAR_LABEL_WIDTH, []
        for value, colour, name in zip(values, colours, series):
            if value:
                segments.append(Rect(x, y, value * scale, HBAR_HEIGHT, colour,
                                     f"{label} {name}: {value}"))
                x += value * scale
        bars.append(HorizontalBar(label, y, tuple(segments),
                                  " / ".join(f"{n} {v}" for n, v in zip(series, values))))
    return bars, max(len(rows), 1) * HBAR_ROW
