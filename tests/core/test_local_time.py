"""Times the log keeps in UTC are shown in the computer's own time, with the offset written."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import pytest

from ldn_desk.units.dates import local_time_text

STAMP = "2026-11-22T01:18:00+00:00"  # how the log writes a time (UTC)


def test_a_utc_stamp_in_a_zone_ahead_and_behind() -> None:
    plus_one = dt.timezone(dt.timedelta(hours=1))
    assert local_time_text(STAMP, plus_one) == "22 November 2026, 02:18 (UTC+01:00)"
    # 01:18 UTC is still the evening before in New York in winter (UTC-05:00): the date changes too.
    minus_five = dt.timezone(dt.timedelta(hours=-5))
    assert local_time_text(STAMP, minus_five) == "21 November 2026, 20:18 (UTC-05:00)"
    half_hour = dt.timezone(dt.timedelta(hours=5, minutes=30))
    assert local_time_text(STAMP, half_hour) == "22 November 2026, 06:48 (UTC+05:30)"


def test_a_stamp_without_a_zone_is_read_as_utc_and_one_that_is_not_a_time_is_left_alone() -> None:
    assert local_time_text("2026-11-22T01:18:00", dt.UTC) == "22 November 2026, 01:18 (UTC+00:00)"
    assert local_time_text("yesterday", dt.UTC) == "yesterday"
    assert local_time_text(None) == local_time_text("") == ""


@pytest.fixture
def kolkata(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    if not hasattr(time, "tzset"):
        pytest.skip("the process's time zone cannot be changed here")
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_computers_own_zone_is_used_when_none_is_given(kolkata: None) -> None:
    assert local_time_text(STAMP) == "22 November 2026, 06:48 (UTC+05:30)"
