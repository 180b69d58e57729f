"""Calendar arithmetic with the rule used throughout: the first day counts as Day 1."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from babel import Locale
from babel.dates import format_date

from ldn_desk.errors import InputError
from ldn_desk.units.language import SOURCE_LANGUAGE, babel_locale, current_language


def parse_date(text: str, field: str) -> dt.date:
    """Read a date written year-month-day and nothing else, so 03/04 is never guessed. The month
    and day may have one digit (2026-12-1 is 1 December 2026): the year first leaves no doubt."""
    cleaned = str(text).strip()
    found = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", cleaned)
    if found is None:
        raise InputError(field, text, "write the date as year-month-day", "2026-12-01")
    year, month, day = (int(part) for part in found.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise InputError(field, text, "is not a real calendar date", "2026-12-01") from None


def not_after_today(date: dt.date, field: str, today: dt.date | None = None) -> dt.date:
    """A date that must already have come (a batch compounded): refused when it is after today."""
    today = today or dt.date.today()
    if date > today:
        raise InputError(
            field,
            date.isoformat(),
            f"is after today ({long_date(today)}): a batch is recorded on the day it is made",
            today.isoformat(),
        )
    return date


def day_n(start: dt.date, n: int) -> dt.date:
    """The calendar date of Day n when `start` is Day 1."""
    return start + dt.timedelta(days=n - 1)


def last_day(start: dt.date, days: int) -> dt.date:
    """The last date of a period of `days` days that begins on `start` (Day 1)."""
    return day_n(start, days)


def long_date(date: dt.date) -> str:
    """An unambiguous date for people in the current language: '1 March 2026', '1 de diciembre
    de 2026' (the language's long form from Babel; never a digits-only month)."""
    return _long_date(date, current_language())


@lru_cache(maxsize=4096)  # a long plan writes the same hundred dates on every change
def _long_date(date: dt.date, language: str) -> str:
    if language == SOURCE_LANGUAGE:
        return f"{date.day} {date.strftime('%B')} {date.year}"
    return format_date(date, "long", locale=_date_locale(language))


def _date_locale(language: str) -> Locale:
    # Dates are written the language's own way wherever the pharmacy is (its territory sets only
    # the first day of the week).
    return babel_locale(language, environ={})


@lru_cache(maxsize=4096)
def _pattern_date(date: dt.date, pattern: str, language: str) -> str:
    return str(format_date(date, pattern, locale=_date_locale(language)))


def short_date(date: dt.date) -> str:
    """'3 Mar', '3 dic' — the month in letters, so a day can never be read as a month."""
    language = current_language()
    if language == SOURCE_LANGUAGE:
        return f"{date.day} {date.strftime('%b')}"
    return _pattern_date(date, "d MMM", language).rstrip(".")


def medium_date(date: dt.date) -> str:
    """'3 Dec 2026', '3 dic 2026' — the long date with the month shortened, for a narrow column;
    the month still in letters, so a day can never be read as a month."""
    language = current_language()
    if language == SOURCE_LANGUAGE:
        return f"{date.day} {date.strftime('%b')} {date.year}"
    return _pattern_date(date, "d MMM y", language).replace(".", "")


def month_name(date: dt.date) -> str:
    """The month's name standing alone, as a heading: 'March', 'Diciembre'."""
    language = current_language()
    if language == SOURCE_LANGUAGE:
        return date.strftime("%B")
    return _capital(_pattern_date(date, "LLLL", language))


def weekday_names() -> tuple[str, ...]:
    """The abbreviated weekday names Monday to Sunday in the current language: 'Mon', 'lun'."""
    language = current_language()
    if language == SOURCE_LANGUAGE:
        return ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    days = babel_locale(language, environ={}).days["stand-alone"]["abbreviated"]
    return tuple(_capital(str(days[i]).rstrip(".")) for i in range(7))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


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
