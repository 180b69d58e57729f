"""Calendar arithmetic with the rule used throughout: the first day counts as Day 1."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ldn_desk.errors import InputError


def parse_date(text: str, field: str) -> dt.date:
    """Read an ISO date (YYYY-MM-DD) and nothing else, so 03/04 is never guessed."""
    cleaned = str(text).strip()
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", cleaned):
        raise InputError(field, text, "write the date as year-month-day", "2026-12-01")
    try:
        return dt.date.fromisoformat(cleaned)
    except ValueError:
        raise InputError(field, text, "is not a real calendar date", "2026-12-01") from None


def day_n(start: dt.date, n: int) -> dt.date:
    """The calendar date of Day n when `start` is Day 1."""
    return start + dt.timedelta(days=n - 1)


def last_day(start: dt.date, days: int) -> dt.date:
    """The last date of a period of `days` days that begins on `start` (Day 1)."""
    return day_n(start, days)


@lru_cache(maxsize=4096)  # a long plan writes the same hundred dates on every change
def long_date(date: dt.date) -> str:
    """An unambiguous date for people: '1 March 2026' (no digits-only month)."""
    return f"{date.day} {date.strftime('%B')} {date.year}"


def local_time_text(stamp: str | None, zone: dt.tzinfo | None = None) -> str:
    """A stored UTC time stamp as people read it: '22 November 2026, 02:18 (UTC+01:00)' in the
    computer's own time zone (or `zone`). The offset is written so a time read aloud or copied
    can never be mistaken for UTC or another clinic's clock. A stamp that is not ISO comes back
    as it is; one without a zone is taken as UTC, which is what the log writes."""
    if not stamp:
        return ""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone(zone)  # None: the computer's zone, with its summer time
    offset = local.utcoffset() or dt.timedelta(0)
    minutes = round(offset.total_seconds() / 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"{long_date(local.date())}, {local:%H:%M} (UTC{sign}{hours:02d}:{rest:02d})"
