"""When residents are told staff will answer: office hours, weekends, holidays, New Year."""

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.handoff.office_hours import format_moment, staff_desk

TOKYO = ZoneInfo("Asia/Tokyo")


def _at(text):
    return datetime.fromisoformat(text).replace(tzinfo=TOKYO)


@pytest.mark.parametrize("moment, open_", [
    ("2026-11-30 08:29", False),   # Monday, before opening
    ("2026-11-30 08:30", True),
    ("2026-11-30 17:14", True),
    ("2026-11-30 17:15", False),
    ("2026-11-28 10:00", False),   # Saturday
    ("2026-11-23 10:00", False),   # 勤労感謝の日 (Labour Thanksgiving Day)
    ("2026-12-29 10:00", False),   # New Year closure
    ("2027-01-04 10:00", True),
    ("2027-01-11 10:00", False),   # 成人の日 (Coming of Age Day, 2nd Monday of January)
])
def test_the_desk_is_open_on_working_hours_of_working_days_only(moment, open_):
    assert staff_desk().is_open(_at(moment)) is open_


@pytest.mark.parametrize("moment, opening", [
    ("2026-11-30 07:00", "2026-11-30 08:30"),
    ("2026-11-30 18:00", "2026-12-01 08:30"),
    ("2026-11-27 18:00", "2026-11-30 08:30"),   # Friday evening → Monday
    ("2026-12-28 18:00", "2027-01-04 08:30"),   # over the New Year closure
    ("2027-01-08 18:00", "2027-01-12 08:30"),   # weekend and Coming of Age Day
])
def test_the_next_opening_skips_closed_days(moment, opening):
    assert staff_desk().next_opening(_at(moment)) == _at(opening)


def test_the_next_opening_is_in_tokyo_time_whatever_the_servers_clock_zone():
    utc_evening = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)  # 18:00 in Tokyo
    assert staff_desk().next_opening(utc_evening) == _at("2026-12-01 08:30")


@pytest.mark.parametrize("language, expected", [
    ("ja", "12月1日（火）8:30"), ("ja-easy", "12月1日（火）8:30"),
    ("en", "Tuesday 1 December, 8:30"), ("zh", "12月1日（周二）8:30"),
    ("ko", "12월 1일(화) 8:30"), ("vi", "8:30, thứ Ba ngày 1/12"),
])
def test_opening_times_read_naturally_in_each_language(language, expected):
    assert format_moment(_at("2026-12-01 08:30"), language) == expected
