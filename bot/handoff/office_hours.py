"""When the staff desk is open, and when it next opens (bot/handoff/desk.yml)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import FrozenSet, Tuple
from zoneinfo import ZoneInfo

import jpholiday
import yaml

DESK_FILE = Path(__file__).with_name("desk.yml")
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _clock(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


@dataclass(frozen=True)
class StaffDesk:
    timezone: ZoneInfo
    opens: time
    closes: time
    workdays: FrozenSet[int]                          # 0 = Monday
    closed_every_year: Tuple[Tuple[str, str], ...]    # ("12-29", "01-03"), as MM-DD
    closed_dates: FrozenSet[date]
    expected_wait_minutes: int

    def is_workday(self, day: date) -> bool:
        if day.weekday() not in self.workdays or day in self.closed_dates:
            return False
        if jpholiday.is_holiday(day):
            return False
        month_day = day.strftime("%m-%d")
        for start, end in self.closed_every_year:
            within = (start <= month_day <= end if start <= end
                      else month_day >= start or month_day <= end)  # across New Year
            if within:
                return False
        return True

    def is_open(self, moment: datetime) -> bool:
        local = moment.astimezone(self.timezone)
        return self.is_workday(local.date()) and self.opens <= local.time() < self.closes

    def next_opening(self, moment: datetime) -> datetime:
        """The next time the desk opens after `moment` (local time of the desk)."""
        local = moment.astimezone(self.timezone)
        day = local.date()
        if local.time() >= self.opens:
            day += timedelta(days=1)
        while not self.is_workday(day):
            day += timedelta(days=1)
        return datetime.combine(day, self.opens, tzinfo=self.timezone)


@lru_cache(maxsize=None)
def staff_desk(path: Path = DESK_FILE) -> StaffDesk:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return StaffDesk(
        timezone=ZoneInfo(data["timezone"]),
        opens=_clock(data["opens"]),
        closes=_clock(data["closes"]),
        workdays=frozenset(_WEEKDAYS.index(d) for d in data["workdays"]),
        closed_every_year=tuple((p["from"], p["to"]) for p in data.get("closed_every_year", [])),
        closed_dates=frozenset(date.fromisoformat(str(d)) for d in data.get("closed_dates", [])),
        expected_wait_minutes=int(data["expected_wait_minutes"]),
    )


# Weekday names and date order per language, for "staff will reply from {when}".
_WEEKDAY_NAMES = {
    "ja": "月火水木金土日",
    "ja-easy": "月火水木金土日",
    "zh": ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
    "ko": "월화수목금토일",
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "vi": ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"],
}
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def format_moment(moment: datetime, language: str) -> str:
    """A date and time as a resident reads it: 12月1日（火）8:30, Tuesday 1 December, 8:30…"""
    weekday = _WEEKDAY_NAMES.get(language, _WEEKDAY_NAMES["ja"])[moment.weekday()]
    clock = f"{moment.hour}:{moment.minute:02d}"
    if language == "en":
        return f"{weekday} {moment.day} {_MONTHS_EN[moment.month - 1]}, {clock}"
    if language == "vi":
        return f"{clock}, {weekday} ngày {moment.day}/{moment.month}"
    if language == "ko":
        return f"{moment.month}월 {moment.day}일({weekday}) {clock}"
    return f"{moment.month}月{moment.day}日（{weekday}）{clock}"


def format_clock(value: time) -> str:
    return f"{value.hour}:{value.minute:02d}"
